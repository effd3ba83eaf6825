import { randomBytes, randomUUID } from "node:crypto";
import { methodOf, OPERATION_IDS, type OperationId, pathOf } from "@/lib/api/operations";
import { bearer, claimInput, submitClaimApi } from "./support/api";
import { auditHead } from "./support/audit-head";
import { expect, test } from "./support/fixtures";

/**
 * A person's own API tokens from the settings (issue 19): made read-only with an expiry, shown
 * once (here the editor's, whose role may make nearly every write); then every write operation of the API table (lib/api/operations.ts, whatever is not a GET)
 * is sent with it, at real targets where the test has them: each answers 403 and the audit chain
 * and the claim read before are unchanged; reads work. Revoked from the settings, the token opens
 * nothing.
 */

const READ_ONLY = "This API token is read-only: it may read, not change anything.";

test("a read-only token from the settings reads, is refused every write of the API table, and is revoked from the settings", async ({ as, request, baseURL }) => {
  test.setTimeout(120_000);
  const page = await as("editor");
  await page.goto("/settings");
  const label = `Read-only e2e ${randomBytes(3).toString("hex")}`;
  const form = page.getByTestId("token-form");
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Expires").selectOption("30");
  await form.getByLabel(/^Read-only/).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("created-token-value");
  await expect(shown).toHaveText(/^cbr_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent())!;
  const row = page.getByTestId("token-row").filter({ hasText: label });
  await expect(row).toContainText("read-only");
  await expect(row).toContainText("Never used");
  await expect(row).toContainText("Expires");
  // Shown once: a reload lists the token without it.
  await page.reload();
  await expect(page.getByTestId("created-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  const readOnly = { Authorization: `Bearer ${token}` };
  const claim = await submitClaimApi(request, {}, "editor");
  // Reads work, and find real targets for the writes.
  const read = async (path: string) => {
    const response = await request.get(path, { headers: readOnly });
    expect(response.status(), `GET ${path} with the read-only token`).toBe(200);
    return response.json();
  };
  const claimBefore = await read(`/api/v1/claims/${claim.id}`);
  await read("/api/v1/claims");
  await read(`/api/v1/claims/${claim.id}/persons`);
  const sources = (await read("/api/v1/sources")) as { items: { id: string }[] };
  const ids: Record<string, string> = {
    claimId: claim.id,
    personId: randomUUID(),
    sourceId: sources.items[0]?.id ?? randomUUID(),
    evidenceId: randomUUID(),
    linkId: randomUUID(),
    uploadId: randomBytes(16).toString("hex"),
  };
  const client = { base: baseURL!, timeout: 30_000 };
  const headBefore = await auditHead(client, bearer("admin"));

  const writes = OPERATION_IDS.filter((id) => !["GET", "HEAD", "OPTIONS"].includes(methodOf(id)));
  expect(writes.length, "write operations in the table").toBeGreaterThan(20);
  // A body the operation would take from a full token where the test has one at hand; `{}` elsewhere.
  const bodies: Partial<Record<OperationId, unknown>> = {
    "POST /api/v1/claims": claimInput(),
    "PATCH /api/v1/claims/{claimId}": { version: claimBefore.version, title: "Changed by a read-only token" },
    "POST /api/v1/claims/{claimId}/transitions": { action: "accept", version: claimBefore.version },
  };
  const wrong: string[] = [];
  for (const id of writes) {
    const path = pathOf(id).replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? randomUUID());
    const response = await request.fetch(path, { method: methodOf(id), headers: { ...readOnly, "Tus-Resumable": "1.0.0" }, data: bodies[id] ?? {} });
    const body = await response.text();
    if (response.status() !== 403 || !body.includes(READ_ONLY)) wrong.push(`${id}: ${response.status()} ${body.slice(0, 200)}`);
  }
  expect(wrong, `writes not refused as read-only:\n${wrong.join("\n")}`).toEqual([]);
  expect(await auditHead(client, bearer("admin")), "the audit chain, unchanged").toEqual(headBefore);
  expect(await read(`/api/v1/claims/${claim.id}`), "the claim, unchanged").toEqual(claimBefore);
  // The same submission with a full token is taken: the refusal was the token's, not the body's.
  expect((await request.post("/api/v1/claims", { headers: bearer("editor"), data: bodies["POST /api/v1/claims"] })).status()).toBe(201);

  // Revoked from the settings, after a confirmation: the token opens nothing.
  await row.getByRole("button", { name: `Revoke the token “${label}”` }).click();
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByTestId("token-row").filter({ hasText: label })).toHaveCount(0);
  expect((await request.get("/api/v1/claims", { headers: readOnly })).status()).toBe(401);
});
