import { Upload } from "tus-js-client";
import { bearer, expectError, getEvidence, listEvidence, openClaim, settled } from "./support/evidence-api";
import { expect, test, tokenOf } from "./support/fixtures";
import { sha256 } from "./support/media";

/** Resumable uploads over tus 1.0 (`/api/v1/uploads`), driven by tus-js-client from Node. */

const TUS = { "Tus-Resumable": "1.0.0" };
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** A few MB of plain text (an accepted type with one cheap derivation), different for each seed. */
function textFile(bytes: number, seed: number): Buffer {
  const words = ["Sanubir", "Jableh", "grave", "village", "report", "witness", "March", "coast", "footage", "monitor"];
  const out: string[] = [];
  let size = 0;
  let state = seed;
  while (size < bytes) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const line = `${size} ${words[state % words.length]} ${words[(state >>> 8) % words.length]} ${state.toString(36)}\n`;
    out.push(line);
    size += line.length;
  }
  return Buffer.from(out.join("")).subarray(0, bytes);
}

function tusOptions(baseURL: string, token: string, claimId: string, filename: string) {
  return {
    endpoint: `${baseURL}/api/v1/uploads`,
    headers: bearer(token),
    metadata: { claimId, filename },
    chunkSize: 256 * 1024,
    retryDelays: [] as number[],
  };
}

test("an interrupted tus upload resumes where it stopped and becomes evidence", async ({ request, baseURL }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E resumable upload");
  const file = textFile(4 * 1024 * 1024, 1);

  // First attempt: stopped after ~40 %.
  let uploadUrl: string | null = null;
  let sentBeforeAbort = 0;
  await new Promise<void>((resolve, reject) => {
    let aborted = false;
    const first: Upload = new Upload(file, {
      ...tusOptions(baseURL!, token, claimId, "witness-notes.txt"),
      onProgress(sent, total) {
        if (aborted || sent < total * 0.4) return;
        aborted = true;
        sentBeforeAbort = sent;
        uploadUrl = first.url;
        first.abort().then(resolve, reject);
      },
      onError: reject,
      onSuccess: () => reject(new Error("the first attempt should have been aborted")),
    });
    first.start();
  });
  expect(uploadUrl).toMatch(/\/api\/v1\/uploads\/[^/]+$/);
  expect(sentBeforeAbort).toBeLessThan(file.length);

  const head = await request.head(uploadUrl!, { headers: { ...bearer(token), ...TUS } });
  expect(head.status()).toBe(200);
  const offset = Number(head.headers()["upload-offset"]);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThan(file.length);
  expect(Number(head.headers()["upload-length"])).toBe(file.length);
  expect(await listEvidence(request, token, claimId)).toEqual([]); // nothing yet

  // Second attempt: resumes at the server's offset, not at 0.
  let firstPatchOffset: number | null = null;
  let evidenceId: string | null = null;
  await new Promise<void>((resolve, reject) => {
    const second = new Upload(file, {
      ...tusOptions(baseURL!, token, claimId, "witness-notes.txt"),
      uploadUrl: uploadUrl!,
      onBeforeRequest(req) {
        if (req.getMethod() === "PATCH" && firstPatchOffset === null) firstPatchOffset = Number(req.getHeader("Upload-Offset"));
      },
      onAfterResponse(_req, res) {
        const id = res.getHeader("Evidence-Id");
        if (id) evidenceId = id;
      },
      onError: reject,
      onSuccess: () => resolve(),
    });
    second.start();
  });
  expect(firstPatchOffset).toBe(offset);
  expect(evidenceId).toMatch(/^[0-9a-f-]{36}$/);

  const item = await getEvidence(request, token, evidenceId!);
  expect(item).toMatchObject({
    claimId,
    sha256: sha256(file),
    size: file.length,
    mediaType: "text/plain",
    intake: "resumable",
    originalFilename: "witness-notes.txt",
  });
  const content = await request.get(`/api/v1/evidence/${item.id}/content`, { headers: bearer(token) });
  expect((await content.body()).equals(file)).toBe(true);
  expect((await listEvidence(request, token, claimId)).map((e) => e.id)).toEqual([item.id]);
  expect((await settled(request, token, item.id)).processing).toEqual({ metadata: "done" });

  // The finished upload is gone from the upload area.
  const gone = await request.head(uploadUrl!, { headers: { ...bearer(token), ...TUS } });
  expect([404, 410]).toContain(gone.status());
});

test("tus: the size limit, the uploader's own uploads only, and the filename as metadata", async ({ request, baseURL }) => {
  const reviewer = tokenOf("reviewer");
  const submitter = tokenOf("submitter");
  const claimId = await openClaim(request, submitter, "E2E tus guards", { accept: false });

  // Over the limit (2 GiB by default): refused at creation.
  const huge = await request.post("/api/v1/uploads", {
    headers: {
      ...bearer(submitter),
      ...TUS,
      "Upload-Length": "3000000000",
      "Upload-Metadata": `claimId ${b64(claimId)},filename ${b64("huge.mp4")}`,
    },
  });
  expect(huge.status()).toBe(413);
  expect(huge.headers()["location"]).toBeUndefined();

  // No token: 401 in the design's error shape.
  await expectError(
    await request.post("/api/v1/uploads", { headers: { ...TUS, "Upload-Length": "10", "Upload-Metadata": `claimId ${b64(claimId)}` } }),
    401,
    "UNAUTHORIZED",
  );
  // A claim the admin may not add to.
  const forbidden = await request.post("/api/v1/uploads", {
    headers: { ...bearer(tokenOf("admin")), ...TUS, "Upload-Length": "10", "Upload-Metadata": `claimId ${b64(claimId)}` },
  });
  expect(forbidden.status()).toBe(403);

  // The submitter starts an upload of a file named with a path; half of it arrives.
  const file = textFile(64 * 1024, 2);
  const created = await request.post("/api/v1/uploads", {
    headers: {
      ...bearer(submitter),
      ...TUS,
      "Upload-Length": String(file.length),
      "Upload-Metadata": `claimId ${b64(claimId)},filename ${b64("../../etc/passwd")}`,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const location = new URL(created.headers()["location"], baseURL).toString();
  const half = file.length / 2;
  const patched = await request.patch(location, {
    headers: { ...bearer(submitter), ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0" },
    data: file.subarray(0, half),
  });
  expect(patched.status()).toBe(204);
  expect(Number(patched.headers()["upload-offset"])).toBe(half);

  // Someone else (even a reviewer who sees the claim) cannot inspect, continue or cancel it.
  const peek = await request.head(location, { headers: { ...bearer(reviewer), ...TUS } });
  expect(peek.status()).toBe(404);
  expect(peek.headers()["upload-offset"]).toBeUndefined();
  const hijack = await request.patch(location, {
    headers: { ...bearer(reviewer), ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(half) },
    data: textFile(half, 99),
  });
  expect(hijack.status()).toBe(404);
  const cancel = await request.delete(location, { headers: { ...bearer(reviewer), ...TUS } });
  expect(cancel.status()).toBe(404);
  const anonymous = await request.head(location, { headers: TUS });
  expect(anonymous.status()).toBe(401);

  // The owner's upload is untouched: same offset, and it completes with the owner's bytes.
  const still = await request.head(location, { headers: { ...bearer(submitter), ...TUS } });
  expect(still.status()).toBe(200);
  expect(Number(still.headers()["upload-offset"])).toBe(half);
  const finished = await request.patch(location, {
    headers: { ...bearer(submitter), ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(half) },
    data: file.subarray(half),
  });
  expect(finished.status(), await finished.text()).toBe(204);
  const evidenceId = finished.headers()["evidence-id"];
  expect(evidenceId).toBeTruthy();
  const item = await getEvidence(request, submitter, evidenceId);
  expect(item.sha256).toBe(sha256(file));
  expect(item.addedBy.name).toBe("Samira (researcher)");
  // Through tus the filename arrives base64-encoded and is kept whole, as metadata only.
  expect(item.originalFilename).toBe("../../etc/passwd");
  const download = await request.get(`/api/v1/evidence/${item.id}/content`, { headers: bearer(submitter) });
  expect(download.headers()["content-disposition"]).toContain('filename="passwd"');
  expect((await download.body()).equals(file)).toBe(true);
  expect((await listEvidence(request, submitter, claimId)).map((e) => e.id)).toEqual([item.id]);
});
