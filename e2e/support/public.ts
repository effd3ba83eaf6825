import { createHash } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { type ApiClaim, type ApiEvidence, bearer, reviewSensitivityApi, settledEvidenceApi, submitClaimApi, transitionApi, uploadEvidenceApi } from "./api";
import { expect, type Person } from "./fixtures";

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>, status: number, what: string): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

export async function createSourceApi(request: APIRequestContext, body: Record<string, unknown>, person: Person = "reviewer") {
  return ok<{ id: string; name: string }>(await request.post("/api/v1/sources", { headers: bearer(person), data: body }), 201, "create source");
}

export async function addPersonApi(request: APIRequestContext, claimId: string, body: Record<string, unknown>, person: Person = "reviewer") {
  return ok<{ linkId: string; version: number; person: { id: string } }>(await request.post(`/api/v1/claims/${claimId}/persons`, { headers: bearer(person), data: body }), 201, "add person");
}

/** Mark a person's name publishable (names are private until then), on a basis. */
export async function markNamePublishableApi(request: APIRequestContext, claimId: string, link: { linkId: string; version: number }, basis = "already_public", person: Person = "reviewer") {
  return ok<{ isPublic: boolean; version: number }>(
    await request.patch(`/api/v1/claims/${claimId}/persons/${link.linkId}`, { headers: bearer(person), data: { isPublic: true, basis, version: link.version } }),
    200,
    "mark name publishable",
  );
}

export async function recordFigureApi(request: APIRequestContext, claimId: string, body: Record<string, unknown>, person: Person = "reviewer") {
  return ok<{ id: string }>(await request.post(`/api/v1/claims/${claimId}/figures`, { headers: bearer(person), data: body }), 201, "record figure");
}

/**
 * Attach a file as `person`, say who published it, review it for sensitivity and assess it as
 * supporting the claim (with a note), as reviewers do before a claim can go to review.
 */
export async function attachSourcedItem(
  request: APIRequestContext,
  claimId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  { publishedBySourceId, isFirstHand = false, note }: { publishedBySourceId: string; isFirstHand?: boolean; note?: string },
): Promise<ApiEvidence> {
  const uploaded = await settledEvidenceApi(request, "reviewer", (await uploadEvidenceApi(request, "reviewer", claimId, file)).id);
  const sourced = await ok<ApiEvidence>(
    await request.patch(`/api/v1/evidence/${uploaded.id}`, { headers: bearer("reviewer"), data: { publishedBySourceId, isFirstHand, version: uploaded.version } }),
    200,
    "set publisher",
  );
  const reviewed = await reviewSensitivityApi(request, "reviewer", sourced);
  await ok(await request.post(`/api/v1/claims/${claimId}/assessments`, { headers: bearer("reviewer"), data: { evidenceId: reviewed.id, stance: "supports", credibility: 2, ...(note ? { note } : {}) } }), 201, "assess");
  return reviewed;
}

/** A claim accepted into corroboration by the reviewer. */
export async function acceptedClaimApi(request: APIRequestContext, overrides: Record<string, unknown>): Promise<ApiClaim> {
  return transitionApi(request, "reviewer", await submitClaimApi(request, overrides), { action: "accept" });
}

/** Withdraw an item from its claim, as the reviewer, saying why. */
export async function withdrawEvidenceApi(request: APIRequestContext, item: Pick<ApiEvidence, "id" | "version">, reason: string): Promise<ApiEvidence> {
  return ok<ApiEvidence>(await request.post(`/api/v1/evidence/${item.id}/withdraw`, { headers: bearer("reviewer"), data: { reason, version: item.version } }), 200, "withdraw evidence");
}

/** What an `entry.sealed` event says of a version's pages (lib/public-pages/seal-entry-pages.ts). */
export type EntrySeal = { seq: number; slug: string; version: number; publicationSeq: number; snapshotSha256: string; pages: { locale: string; sha256: string; size: number }[] };

/** Every `entry.sealed` event of a claim, oldest first, read as an editor through `GET /api/v1/audit?entity=claim:<id>`. */
export async function entrySealsApi(request: APIRequestContext, claimId: string, person: Person = "editor"): Promise<EntrySeal[]> {
  const page = await ok<{ items: { seq: number; type: string; data: Omit<EntrySeal, "seq"> }[] }>(
    await request.get(`/api/v1/audit?entity=claim:${claimId}&type=entry.sealed&order=asc&limit=100`, { headers: bearer(person) }),
    200,
    "entry.sealed events",
  );
  return page.items.map((event) => ({ seq: event.seq, ...event.data }));
}

/** The SHA-256 of bytes, as the seal and the ETag write it. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
