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

/** A claim the reviewer accepted, graded and sent to review. */
export async function claimInReview(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  let claim = await submitClaimApi(request, overrides);
  claim = await transitionApi(request, "reviewer", claim, { action: "accept" });
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
