import { type APIRequestContext, expect } from "@playwright/test";

export type Evidence = {
  id: string;
  claimId: string;
  sha256: string | null;
  size: number | null;
  mediaType: string | null;
  intake: string;
  originalFilename: string | null;
  sourceUrl: string | null;
  addedBy: { id: string; name: string };
  addedAt: string;
  capturedAt: string | null;
  isGraphic: boolean;
  hasPersonalData: boolean;
  sensitivityReviewed: { by: string; at: string } | null;
  metadata: Record<string, unknown>;
  metadataNote: string | null;
  phash: string | null;
  processing: Record<string, string>;
  status: "capturing" | "failed" | "withdrawn" | "held";
  captureError: string | null;
  withdrawal: { by: string; at: string; reason: string } | null;
  version: number;
  derivatives: { id: string; kind: string; position: number; atMs: number | null; phash: string | null; sha256: string; url: string }[];
  duplicateOf: { evidenceId: string; claimId: string; claimTitle: string; addedAt: string }[];
  similar: { evidenceId: string; claimId: string; distance: number }[];
};

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A new claim in corroboration (submitted and accepted by `token`'s reviewer), open for evidence. */
export async function openClaim(request: APIRequestContext, token: string, title: string, { accept = true } = {}): Promise<string> {
  const created = await request.post("/api/v1/claims", {
    headers: bearer(token),
    data: { kind: "video", title, summary: `${title}: made by an end-to-end test.`, language: "en" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const claim = (await created.json()) as { id: string; version: number; state: string };
  if (!accept) return claim.id;
  const accepted = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
    headers: bearer(token),
    data: { action: "accept", version: claim.version },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  expect(((await accepted.json()) as { state: string }).state).toBe("corroboration");
  return claim.id;
}

export async function upload(
  request: APIRequestContext,
  token: string,
  claimId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  return request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), multipart: { file } });
}

/** Upload and expect a 201 with an evidence item. */
export async function uploadOk(
  request: APIRequestContext,
  token: string,
  claimId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<Evidence> {
  const response = await upload(request, token, claimId, file);
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Evidence;
}

export async function getEvidence(request: APIRequestContext, token: string, id: string): Promise<Evidence> {
  const response = await request.get(`/api/v1/evidence/${id}`, { headers: bearer(token) });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Evidence;
}

/** Poll until no derivation (or capture) is pending any more. */
export async function settled(request: APIRequestContext, token: string, id: string, timeout = 60_000): Promise<Evidence> {
  let item: Evidence | undefined;
  await expect
    .poll(
      async () => {
        item = await getEvidence(request, token, id);
        return Object.values(item.processing).includes("pending");
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(false);
  return item!;
}

export async function listEvidence(request: APIRequestContext, token: string, claimId: string): Promise<Evidence[]> {
  const response = await request.get(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token) });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { items: Evidence[] }).items;
}

/** The design's error shape, with the expected code. */
export async function expectError(response: { status(): number; json(): Promise<unknown> }, status: number, code?: string) {
  expect(response.status()).toBe(status);
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  expect(body.error, JSON.stringify(body)).toBeTruthy();
  expect(typeof body.error!.message).toBe("string");
  expect(body.error!.message!.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(js|ts):\d+/); // never a stack trace
  if (code) expect(body.error!.code).toBe(code);
  return body as { error: { code: string; message: string; guard?: string; fieldErrors?: Record<string, string[]> } };
}
