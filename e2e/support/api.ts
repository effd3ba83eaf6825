import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, type Person, tokenOf } from "./fixtures";

/**
 * REST helpers for setting the stage (claims in a given state) and for checking effects. They call
 * the public API with the demo users' tokens, so they only do what those people may do.
 */

export type ApiClaim = {
  id: string;
  kind: string;
  title: string;
  summary: string;
  language: string;
  incidentDate: { from: string | null; to: string | null };
  place: { name: string | null; latitude: number | null; longitude: number | null; precision: string | null };
  firstSeen: { sourceName: string | null; url: string | null };
  state: string;
  grade: string | null;
  gradeRationale: string | null;
  stateReason: string | null;
  duplicateOfId: string | null;
  submitter: { id: string; name: string };
  sentToReviewBy: { id: string; name: string } | null;
  version: number;
  createdAt: string;
  publicSlug?: string | null;
};

let counter = 0;
/** A word no other claim contains: for titles and searches that must not collide across runs. */
export function uniqueWord(prefix = "e2e"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export function bearer(person: Person): Record<string, string> {
  return { Authorization: `Bearer ${tokenOf(person)}` };
}

export function claimInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const word = uniqueWord("claim");
  return {
    kind: "report",
    title: `Test claim ${word}`,
    summary: `A statement made for an end-to-end test (${word}).`,
    language: "en",
    ...overrides,
  };
}

async function ok(response: APIResponse, what: string, status = 200): Promise<unknown> {
  const body = await response.text();
  expect(response.status(), `${what}: ${body}`).toBe(status);
  return JSON.parse(body);
}

export async function submitClaimApi(
  request: APIRequestContext,
  overrides: Record<string, unknown> = {},
  person: Person = "submitter",
): Promise<ApiClaim> {
  const response = await request.post("/api/v1/claims", { headers: bearer(person), data: claimInput(overrides) });
  return (await ok(response, "submit claim", 201)) as ApiClaim;
}

export async function getClaimApi(request: APIRequestContext, id: string, person: Person = "reviewer"): Promise<ApiClaim> {
  return (await ok(await request.get(`/api/v1/claims/${id}`, { headers: bearer(person) }), "get claim")) as ApiClaim;
}

export async function transitionApi(
  request: APIRequestContext,
  person: Person,
  claim: Pick<ApiClaim, "id" | "version">,
  body: Record<string, unknown>,
): Promise<ApiClaim> {
  const response = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
    headers: bearer(person),
    data: { version: claim.version, ...body },
  });
  return (await ok(response, `transition ${String(body.action)}`)) as ApiClaim;
}

export type ApiEvidence = {
  id: string;
  claimId: string;
  sha256: string | null;
  version: number;
  isGraphic: boolean;
  hasPersonalData: boolean;
  sensitivityReviewed: { by: string; at: string } | null;
  processing: Record<string, string>;
  publishedBySourceId?: string | null;
  obtainedViaSourceId?: string | null;
  isFirstHand?: boolean;
};

export type ApiAssessment = {
  id: string;
  evidenceId: string;
  stance: string;
  credibility: number;
  note: string | null;
  assessedBy: { id: string; name: string };
};

/** A small text file of its own (unique bytes, so never an exact duplicate of another item). */
export function textFile(name = `${uniqueWord("notes")}.txt`, text = `Notes written for an end-to-end test (${uniqueWord("n")}).\n`) {
  return { name, mimeType: "text/plain", buffer: Buffer.from(text, "utf8") };
}

/** Upload one file to a claim by multipart POST; expects 201. */
export async function uploadEvidenceApi(
  request: APIRequestContext,
  person: Person,
  claimId: string,
  file: { name: string; mimeType: string; buffer: Buffer } = textFile(),
): Promise<ApiEvidence> {
  const response = await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(person), multipart: { file } });
  return (await ok(response, `upload ${file.name}`, 201)) as ApiEvidence;
}

export async function getEvidenceApi(request: APIRequestContext, person: Person, id: string): Promise<ApiEvidence> {
  return (await ok(await request.get(`/api/v1/evidence/${id}`, { headers: bearer(person) }), "get evidence")) as ApiEvidence;
}

/** Poll until no derivation of the item is pending (its background jobs have written their audit events). */
export async function settledEvidenceApi(request: APIRequestContext, person: Person, id: string, timeout = 60_000): Promise<ApiEvidence> {
  let item: ApiEvidence | undefined;
  await expect
    .poll(
      async () => {
        item = await getEvidenceApi(request, person, id);
        return Object.values(item.processing).includes("pending");
      },
      { timeout, intervals: [100, 250, 500, 1000] },
    )
    .toBe(false);
  return item!;
}

/** The sensitivity review of one item (PATCH {isGraphic, hasPersonalData, version}). */
export async function reviewSensitivityApi(
  request: APIRequestContext,
  person: Person,
  item: Pick<ApiEvidence, "id" | "version">,
  { isGraphic = false, hasPersonalData = false } = {},
): Promise<ApiEvidence> {
  const response = await request.patch(`/api/v1/evidence/${item.id}`, {
    headers: bearer(person),
    data: { isGraphic, hasPersonalData, version: item.version },
  });
  const reviewed = (await ok(response, "sensitivity review")) as ApiEvidence;
  expect(reviewed.sensitivityReviewed, "the item is now reviewed for sensitivity").toBeTruthy();
  return reviewed;
}

/** One person's assessment of one item against the claim; expects 201. */
export async function assessApi(
  request: APIRequestContext,
  person: Person,
  claimId: string,
  body: { evidenceId: string; stance: string; credibility: number; note?: string },
): Promise<ApiAssessment> {
  const response = await request.post(`/api/v1/claims/${claimId}/assessments`, { headers: bearer(person), data: body });
  return (await ok(response, "assess evidence", 201)) as ApiAssessment;
}

/**
 * What the workflow guards ask for before review and publication: one small text file uploaded to
 * the claim, reviewed for sensitivity (not graphic, no personal data) and assessed as supporting
 * it with credibility 2 ("probably true").
 */
export async function attachAssessedItem(request: APIRequestContext, claimId: string, person: Person = "reviewer") {
  const uploaded = await uploadEvidenceApi(request, person, claimId);
  expect(uploaded.claimId).toBe(claimId);
  // Let its background processing finish, so that nothing is still appending to the log after this.
  const settled = await settledEvidenceApi(request, person, uploaded.id);
  const item = await reviewSensitivityApi(request, person, settled);
  const assessment = await assessApi(request, person, claimId, { evidenceId: item.id, stance: "supports", credibility: 2 });
  expect(assessment).toMatchObject({ evidenceId: item.id, stance: "supports", credibility: 2 });
  return { item, assessment };
}

/** A claim the reviewer accepted, attached an assessed item to, graded and sent to review. */
export async function claimInReview(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  let claim = await submitClaimApi(request, overrides);
  claim = await transitionApi(request, "reviewer", claim, { action: "accept" });
  await attachAssessedItem(request, claim.id, "reviewer");
  return transitionApi(request, "reviewer", claim, {
    action: "send_to_review",
    grade: "probable",
    rationale: `Internal rationale ${uniqueWord("why")}`,
  });
}

/** A claim published by editor2 after the reviewer sent it to review; returns it with its slug. */
export async function publishedClaim(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  const inReview = await claimInReview(request, overrides);
  const claim = await transitionApi(request, "editor2", inReview, { action: "publish" });
  expect(claim.state).toBe("published");
  expect(claim.publicSlug, "a published claim has a public slug").toBeTruthy();
  return claim as ApiClaim & { publicSlug: string };
}

export async function auditVerify(request: APIRequestContext, person: Person = "admin") {
  return (await ok(await request.get("/api/v1/audit/verify", { headers: bearer(person) }), "audit verify")) as {
    ok: boolean;
    events: number;
    head: string;
    firstBroken: number | null;
  };
}
