import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import sharp from "sharp";
import { bearer, type Evidence, expectError, getEvidence, listEvidence, openClaim, settled, upload, uploadOk } from "./support/evidence-api";
import { expect, test, tokenOf } from "./support/fixtures";
import { cleanMedia, degradeImage, elfBytes, makeImage, makeVideo, reencodeVideo, sha256 } from "./support/media";
import { startPageServer } from "./support/page-server";

/** Evidence through the HTTP API of the production server Playwright started (e2e/support/serve.ts). */

const jpeg = (name: string, buffer: Buffer) => ({ name, mimeType: "image/jpeg", buffer });
const blobPath = (sha: string) => path.join(process.env.E2E_DATA_DIR!, "blobs", sha.slice(0, 2), sha.slice(2, 4), sha);
const tempFiles = () => {
  const dir = path.join(process.env.E2E_DATA_DIR!, "blobs", "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".part")) : [];
};
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

test.afterAll(() => cleanMedia());

test("an image is hashed, typed from its bytes, derived, and found as exact and near duplicate", async ({ request }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E image intake");
  const otherClaimId = await openClaim(request, token, "E2E image repost");
  const image = await makeImage(11);

  // A JPEG that claims to be a PDF: the bytes decide.
  const first = await uploadOk(request, token, claimId, { name: "x.pdf", mimeType: "application/pdf", buffer: image });
  expect(first.sha256).toBe(sha256(image));
  expect(first.mediaType).toBe("image/jpeg");
  expect(first.originalFilename).toBe("x.pdf");
  expect(first.size).toBe(image.length);
  expect(first.intake).toBe("upload");
  expect(first.claimId).toBe(claimId);
  expect(first.processing).toEqual({ metadata: "pending", thumbnail: "pending", phash: "pending" });
  // Content-addressed on disk, byte for byte.
  expect(fs.readFileSync(blobPath(first.sha256!)).equals(image)).toBe(true);

  const done = await settled(request, token, first.id);
  expect(done.processing).toEqual({ metadata: "done", thumbnail: "done", phash: "done" });
  expect(done.phash).toMatch(/^[0-9a-f]{16}$/);
  expect(done.metadata).toMatchObject({ width: 640, height: 480, format: "jpeg" });
  expect(done.metadataNote).toMatch(/stripped/i);
  const thumbnail = done.derivatives.find((d) => d.kind === "thumbnail");
  expect(thumbnail, JSON.stringify(done.derivatives)).toBeTruthy();
  const thumb = await request.get(thumbnail!.url, { headers: bearer(token) });
  expect(thumb.status()).toBe(200);
  expect(thumb.headers()["content-type"]).toBe("image/jpeg");
  const thumbBytes = await thumb.body();
  expect(sha256(thumbBytes)).toBe(thumbnail!.sha256);
  const thumbMeta = await sharp(thumbBytes).metadata();
  expect(thumbMeta.format).toBe("jpeg");
  expect(thumbMeta.width! * thumbMeta.height!).toBeLessThan(640 * 480);

  // The same bytes again: one blob, and the item says where it is already held.
  const again = await uploadOk(request, token, claimId, jpeg("again.jpg", image));
  expect(again.id).not.toBe(first.id);
  expect(again.sha256).toBe(first.sha256);
  expect(again.duplicateOf.map((d) => d.evidenceId)).toEqual([first.id]);
  expect(again.duplicateOf[0]).toMatchObject({ claimId, claimTitle: "E2E image intake" });

  // A repost (re-compressed, half size, 5 % cropped) in another claim looks like it; another picture does not.
  const repost = await uploadOk(request, token, otherClaimId, jpeg("repost.jpg", await degradeImage(image)));
  const different = await uploadOk(request, token, otherClaimId, jpeg("other.jpg", await makeImage(4242)));
  expect(repost.sha256).not.toBe(first.sha256);
  expect(repost.duplicateOf).toEqual([]);
  const [repostDone, differentDone] = await Promise.all([settled(request, token, repost.id), settled(request, token, different.id)]);
  const match = repostDone.similar.find((s) => s.evidenceId === first.id);
  expect(match, JSON.stringify(repostDone.similar)).toBeTruthy();
  expect(match!.claimId).toBe(claimId);
  expect(match!.distance).toBeLessThanOrEqual(14);
  expect(differentDone.similar.map((s) => s.evidenceId)).not.toContain(first.id);
  // And the other way round: the original now names its repost.
  expect((await getEvidence(request, token, first.id)).similar.map((s) => s.evidenceId)).toContain(repost.id);
});

test("a video gets metadata and keyframes; a re-encoded copy is a near duplicate, a different video is not", async ({ request }) => {
  test.setTimeout(120_000);
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E video intake");
  const video = makeVideo("testsrc.mp4", { seconds: 4 });
  const copy = reencodeVideo(video, "testsrc-small.mp4");
  const other = makeVideo("mandelbrot.mp4", { source: "mandelbrot", seconds: 3 });
  expect(copy.length).toBeLessThan(video.length);

  const original = await uploadOk(request, token, claimId, { name: "grave.mp4", mimeType: "video/mp4", buffer: video });
  expect(original.mediaType).toBe("video/mp4");
  expect(original.sha256).toBe(sha256(video));
  expect(original.processing).toEqual({ metadata: "pending", thumbnail: "pending", keyframes: "pending", web: "pending", low: "pending" });
  const reencoded = await uploadOk(request, token, claimId, { name: "repost.mp4", mimeType: "video/mp4", buffer: copy });
  const different = await uploadOk(request, token, claimId, { name: "other.mp4", mimeType: "video/mp4", buffer: other });

  const [a, b, c] = await Promise.all([original, reencoded, different].map((e) => settled(request, token, e.id, 90_000)));
  expect(a.processing).toEqual({ metadata: "done", thumbnail: "done", keyframes: "done", web: "done", low: "done" });
  expect(a.metadata.videoCodec).toBe("h264");
  expect(Math.abs(Number(a.metadata.durationSeconds) - 4)).toBeLessThan(0.25);
  expect(a.metadata).toMatchObject({ width: 640, height: 360 });
  const keyframes = a.derivatives.filter((d) => d.kind === "keyframe");
  expect(keyframes.length).toBeGreaterThan(0);
  for (const k of keyframes) expect(k.phash).toMatch(/^[0-9a-f]{16}$/);
  const frame = await request.get(keyframes[0].url, { headers: bearer(token) });
  expect(frame.status()).toBe(200);
  expect((await frame.body()).subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
  expect(a.derivatives.some((d) => d.kind === "thumbnail")).toBe(true);

  // Its working copies play in the page: inline MP4 with byte ranges, the web copy's index first.
  const { workingCopies } = (await (await request.get(`/api/v1/evidence/${a.id}`, { headers: bearer(token) })).json()) as {
    workingCopies: { kind: string; url: string; mediaType: string; sha256: string; size: number }[];
  };
  expect(workingCopies.map((w) => [w.kind, w.mediaType])).toEqual([["low", "video/mp4"], ["web", "video/mp4"]]);
  const web = workingCopies.find((w) => w.kind === "web")!;
  const start = await request.get(web.url, { headers: { ...bearer(token), Range: "bytes=0-4095" } });
  expect(start.status()).toBe(206);
  expect(start.headers()).toMatchObject({ "content-type": "video/mp4", "content-range": `bytes 0-4095/${web.size}`, "accept-ranges": "bytes", etag: `"${web.sha256}"` });
  expect((await start.body()).subarray(4, 8).toString("latin1")).toBe("ftyp");
  const tail = await request.get(web.url, { headers: { ...bearer(token), Range: "bytes=-100" } });
  expect([tail.status(), (await tail.body()).length]).toEqual([206, 100]);
  expect((await request.get(web.url, { headers: { ...bearer(token), Range: `bytes=${web.size}-` } })).status()).toBe(416);

  expect(b.metadata).toMatchObject({ videoCodec: "h264", width: 320 });
  const match = b.similar.find((s) => s.evidenceId === a.id);
  expect(match, JSON.stringify(b.similar)).toBeTruthy();
  expect(match).toMatchObject({ claimId });
  expect(match!.distance).toBeLessThanOrEqual(14);

  expect(c.processing.keyframes).toBe("done");
  expect(c.similar.map((s) => s.evidenceId)).not.toContain(a.id);
  expect(c.similar.map((s) => s.evidenceId)).not.toContain(b.id);
});

test("the original downloads as a nosniff attachment, byte for byte, and the download is in the custody trail", async ({ request }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E download");
  const image = await makeImage(21);
  const item = await uploadOk(request, token, claimId, jpeg("scene.jpg", image));

  const before = await request.get(`/api/v1/evidence/${item.id}/custody`, { headers: bearer(token) });
  expect(before.status()).toBe(200);
  const beforeReport = (await before.json()) as { custody: { type: string }[] };
  expect(beforeReport.custody.map((e) => e.type)).not.toContain("evidence.downloaded");

  const content = await request.get(`/api/v1/evidence/${item.id}/content`, { headers: bearer(token) });
  expect(content.status()).toBe(200);
  const headers = content.headers();
  expect(headers["content-disposition"]).toMatch(/^attachment;/);
  expect(headers["content-disposition"]).toContain('filename="scene.jpg"');
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-type"]).toBe("application/octet-stream");
  expect((await content.body()).equals(image)).toBe(true);

  // A HEAD says what a download would send (its hash and name) and sends no byte: not a download.
  const head = await request.head(`/api/v1/evidence/${item.id}/content`, { headers: bearer(token) });
  expect(head.status()).toBe(200);
  expect(head.headers()["content-disposition"]).toContain('filename="scene.jpg"');
  expect(head.headers()["digest"]).toBe(`sha-256=${Buffer.from(sha256(image), "hex").toString("base64")}`);
  expect((await head.body()).length).toBe(0);
  expect((await request.head(`/api/v1/evidence/${item.id}/content`, { headers: bearer(tokenOf("admin")) })).status()).toBe(403);

  // The admin reads claims but not the preserved originals: refused, and not recorded as a download.
  await expectError(await request.get(`/api/v1/evidence/${item.id}/content`, { headers: bearer(tokenOf("admin")) }), 403, "FORBIDDEN");

  const report = (await (await request.get(`/api/v1/evidence/${item.id}/custody`, { headers: bearer(token) })).json()) as {
    evidence: { sha256: string };
    custody: { type: string; actor: string; hash: string; prevHash: string }[];
  };
  expect(report.evidence.sha256).toBe(sha256(image));
  const downloads = report.custody.filter((e) => e.type === "evidence.downloaded");
  expect(downloads).toHaveLength(1);
  expect(downloads[0].actor).toBe("Rami (reviewer)");
  expect(report.custody[0].type).toBe("evidence.added");
  for (const e of report.custody) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
});

test("refused uploads answer with the error shape and store nothing", async ({ request, baseURL }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E refusals");
  const kept = await uploadOk(request, token, claimId, jpeg("kept.jpg", await makeImage(31)));
  const count = async () => (await listEvidence(request, token, claimId)).length;
  expect(await count()).toBe(1);

  // Not an accepted kind of file, whatever it is called.
  const elf = await expectError(await upload(request, token, claimId, jpeg("photo.jpg", elfBytes())), 415, "UNSUPPORTED_MEDIA_TYPE");
  expect(elf.error.message).toMatch(/not accepted/i);
  const noise = Buffer.alloc(64 * 1024);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  noise[0] = 0x00;
  noise[1] = 0xfe;
  await expectError(await upload(request, token, claimId, { name: "blob.bin", mimeType: "application/octet-stream", buffer: noise }), 415, "UNSUPPORTED_MEDIA_TYPE");
  expect(fs.existsSync(blobPath(sha256(elfBytes())))).toBe(false);
  expect(fs.existsSync(blobPath(sha256(noise)))).toBe(false);

  // No `file` field.
  const missing = await expectError(
    await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), multipart: { note: "no file here" } }),
    400,
    "BAD_REQUEST",
  );
  expect(missing.error.fieldErrors?.file).toBeTruthy();
  // Malformed multipart: no boundary; garbage; a file part cut off before its closing boundary.
  await expectError(
    await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: { ...bearer(token), "Content-Type": "multipart/form-data" }, data: Buffer.from("whatever") }),
    400,
  );
  await expectError(
    await request.post(`/api/v1/claims/${claimId}/evidence`, {
      headers: { ...bearer(token), "Content-Type": "multipart/form-data; boundary=XyZ" },
      data: Buffer.from("this is not multipart at all\r\n"),
    }),
    400,
  );
  const truncated = Buffer.concat([
    Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="cut.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'),
    await makeImage(32),
  ]);
  await expectError(
    await request.post(`/api/v1/claims/${claimId}/evidence`, {
      headers: { ...bearer(token), "Content-Type": "multipart/form-data; boundary=XyZ" },
      data: truncated,
    }),
    400,
  );

  // Who may: nobody without a token; the admin has no evidence rights; an unknown item is not found.
  const image = await makeImage(33);
  await expectError(await request.post(`/api/v1/claims/${claimId}/evidence`, { multipart: { file: jpeg("a.jpg", image) } }), 401, "UNAUTHORIZED");
  await expectError(await upload(request, tokenOf("admin"), claimId, jpeg("a.jpg", image)), 403, "FORBIDDEN");
  await expectError(await request.get(`/api/v1/evidence/${kept.id}`), 401, "UNAUTHORIZED");
  await expectError(await request.get(`/api/v1/evidence/${kept.id}/content`), 401, "UNAUTHORIZED");
  await expectError(await request.get(`/api/v1/evidence/${UNKNOWN_ID}`, { headers: bearer(token) }), 404, "NOT_FOUND");
  await expectError(await request.get(`/api/v1/evidence/${UNKNOWN_ID}/content`, { headers: bearer(token) }), 404, "NOT_FOUND");
  await expectError(await request.get(`/api/v1/evidence/not-a-uuid`, { headers: bearer(token) }), 404);
  // The submitter does not see a reviewer's claim: its evidence is not found, not forbidden.
  await expectError(await request.get(`/api/v1/evidence/${kept.id}`, { headers: bearer(tokenOf("submitter")) }), 404, "NOT_FOUND");
  await expectError(await upload(request, tokenOf("submitter"), claimId, jpeg("a.jpg", image)), 404, "NOT_FOUND");
  expect(fs.existsSync(blobPath(sha256(image)))).toBe(false);

  // A declared size over the limit (2 GiB) is refused before the body is read.
  const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      new URL(`/api/v1/claims/${claimId}/evidence`, baseURL),
      {
        method: "POST",
        headers: { ...bearer(token), "Content-Type": "multipart/form-data; boundary=XyZ", "Content-Length": "3000000000" },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    req.write('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\n\r\n');
  });
  expect(tooLarge.status).toBe(413);
  expect(JSON.parse(tooLarge.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });

  expect(await count()).toBe(1);
  await expect.poll(tempFiles).toEqual([]);
});

test("client filenames are metadata only: a path is not followed, an RTL override cannot spoof the download", async ({ request }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E filenames");
  const image = await makeImage(41);
  const traversal = await uploadOk(request, token, claimId, jpeg("../../etc/passwd", image));
  // Kept as sent, as the tus door keeps it (e2e/evidence-resumable.spec.ts) and as
  // cleanOriginalFilename/contentDisposition expect. Soft: the checks below still run.
  expect.soft(traversal.originalFilename, "the multipart door keeps the client's filename as sent").toBe("../../etc/passwd");
  expect(traversal.mediaType).toBe("image/jpeg");
  expect(fs.readFileSync(blobPath(traversal.sha256!)).equals(image)).toBe(true);
  expect(fs.readFileSync("/etc/passwd").equals(image)).toBe(false);
  const dataDir = process.env.E2E_DATA_DIR!;
  expect(fs.existsSync(path.join(dataDir, "etc"))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, "blobs", "etc"))).toBe(false);
  const traversalDownload = await request.get(`/api/v1/evidence/${traversal.id}/content`, { headers: bearer(token) });
  expect(traversalDownload.headers()["content-disposition"]).toContain('filename="passwd"');
  expect(traversalDownload.headers()["content-disposition"]).not.toContain("..");

  const spoof = "invoice\u202Egpj.exe";
  const rtl = await uploadOk(request, token, claimId, jpeg(spoof, await makeImage(42)));
  // Browsers and Playwright send multipart filenames as UTF-8; kept as sent (soft: the header checks still run).
  expect.soft(rtl.originalFilename, "a UTF-8 multipart filename is decoded as UTF-8").toBe(spoof);
  const download = await request.get(`/api/v1/evidence/${rtl.id}/content`, { headers: bearer(token) });
  expect(download.status()).toBe(200);
  const disposition = download.headers()["content-disposition"];
  expect(disposition).toMatch(/^attachment;/);
  expect(disposition).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  expect(disposition).toMatch(/^[\x20-\x7E]+$/);
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  expect(star).toBeTruthy();
  expect.soft(decodeURIComponent(star!), "filename* decodes to no control or bidi character").not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  expect.soft(disposition).toContain('filename="invoicegpj.exe"');
  expect.soft(decodeURIComponent(star!)).toBe("invoicegpj.exe");

  // The same bug with an everyday Arabic filename.
  const arabic = "مقبرة صنوبر.jpg";
  const named = await uploadOk(request, token, claimId, jpeg(arabic, await makeImage(43)));
  expect.soft(named.originalFilename, "an Arabic multipart filename is kept").toBe(arabic);
});

test("a web page is captured as WARC from an allowlisted local server; inward addresses are refused", async ({ request }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E page capture");
  const page = await startPageServer("Monitor report: Sanubir", "Bodies were seen near the village on 8 March.");
  try {
    const response = await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), data: { url: page.url } });
    expect(response.status(), await response.text()).toBe(201);
    const queued = (await response.json()) as Evidence;
    expect(queued.processing.capture).toBe("pending");
    expect(queued).toMatchObject({ intake: "capture", sourceUrl: page.url, sha256: null });

    const captured = await settled(request, token, queued.id);
    expect(captured.processing.capture).toBe("done");
    expect(captured.mediaType).toBe("application/warc");
    expect(captured.metadata.title).toBe("Monitor report: Sanubir");
    expect(String(captured.metadata.text)).toContain("Bodies were seen near the village");
    expect(captured.capturedAt).toBeTruthy();
    expect(page.requests).toContain("/report.html");

    const content = await request.get(`/api/v1/evidence/${captured.id}/content`, { headers: bearer(token) });
    expect(content.status()).toBe(200);
    expect(content.headers()["x-content-type-options"]).toBe("nosniff");
    expect(content.headers()["content-disposition"]).toMatch(/^attachment;/);
    const warc = await content.body();
    expect(warc.subarray(0, 8).toString("latin1")).toBe("WARC/1.1");
    expect(sha256(warc)).toBe(captured.sha256);
    expect(warc.length).toBe(captured.size);
    const text = warc.toString("utf8");
    expect(text).toContain(`WARC-Target-URI: ${page.url}`);
    expect(text).toMatch(/X-Test-Page: corroborate/i); // response headers are kept
    expect(text).toContain("<title>Monitor report: Sanubir</title>");
  } finally {
    await page.close();
  }

  const before = (await listEvidence(request, token, claimId)).length;
  for (const url of ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://localhost/", "http://[::ffff:10.0.0.1]/"]) {
    const refused = await expectError(
      await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), data: { url } }),
      422,
      "INVALID_STATE",
    );
    expect(refused.error.guard, url).toBe("address");
  }
  await expectError(await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), data: { url: "file:///etc/passwd" } }), 400);
  expect((await listEvidence(request, token, claimId)).length).toBe(before);
});

test("a reviewer marks an item graphic; a submitter may not", async ({ request }) => {
  const submitter = tokenOf("submitter");
  const reviewer = tokenOf("reviewer");
  const claimId = await openClaim(request, submitter, "E2E sensitivity", { accept: false });
  const item = await uploadOk(request, submitter, claimId, jpeg("wounded.jpg", await makeImage(51)));
  expect(item.isGraphic).toBe(false);
  expect(item.sensitivityReviewed).toBeNull();

  const refused = await request.patch(`/api/v1/evidence/${item.id}`, {
    headers: bearer(submitter),
    data: { isGraphic: true, hasPersonalData: false, version: item.version },
  });
  await expectError(refused, 403, "FORBIDDEN");
  expect((await getEvidence(request, submitter, item.id)).isGraphic).toBe(false);

  const marked = await request.patch(`/api/v1/evidence/${item.id}`, {
    headers: bearer(reviewer),
    data: { isGraphic: true, hasPersonalData: false, version: item.version },
  });
  expect(marked.status(), await marked.text()).toBe(200);
  const after = (await marked.json()) as Evidence;
  expect(after.isGraphic).toBe(true);
  expect(after.hasPersonalData).toBe(false);
  expect(after.sensitivityReviewed?.by).toBe("Rami (reviewer)");
  expect(after.version).toBeGreaterThan(item.version);
  // The submitter sees the review on their own item.
  expect((await getEvidence(request, submitter, item.id)).isGraphic).toBe(true);

  // A stale version is a conflict and changes nothing.
  await expectError(
    await request.patch(`/api/v1/evidence/${item.id}`, { headers: bearer(reviewer), data: { isGraphic: false, hasPersonalData: true, version: item.version } }),
    409,
    "CONFLICT",
  );
  const report = (await (await request.get(`/api/v1/evidence/${item.id}/custody`, { headers: bearer(reviewer) })).json()) as { custody: { type: string }[] };
  expect(report.custody.filter((e) => e.type === "evidence.sensitivity_marked")).toHaveLength(1);
});

test("a failed capture says why; retry (no body) queues it again; withdraw takes {reason, version} (issue 17)", async ({ request }) => {
  const token = tokenOf("reviewer");
  const claimId = await openClaim(request, token, "E2E capture retry and withdraw");
  const site = await startPageServer("Retried report", "Answered on the second try.", { refusing: true });
  try {
    const queued = (await (await request.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(token), data: { url: site.url } })).json()) as Evidence;
    const failed = await settled(request, token, queued.id);
    expect(failed).toMatchObject({ status: "failed", sha256: null, captureError: "The address leads into a private network, so it was not fetched." });

    // Bad input is a 400 that changes nothing; no body at all is a retry.
    await expectError(await request.post(`/api/v1/evidence/${failed.id}/retry`, { headers: bearer(token), data: { force: true } }), 400, "BAD_REQUEST");
    expect((await getEvidence(request, token, failed.id)).version).toBe(failed.version);
    site.mend();
    const retried = await request.post(`/api/v1/evidence/${failed.id}/retry`, { headers: bearer(token) });
    expect(retried.status(), await retried.text()).toBe(200);
    expect(((await retried.json()) as Evidence).status).toBe("capturing");
    const held = await settled(request, token, failed.id);
    expect(held).toMatchObject({ status: "held", captureError: null, mediaType: "application/warc" });
    const again = await expectError(await request.post(`/api/v1/evidence/${held.id}/retry`, { headers: bearer(token), data: {} }), 422, "INVALID_STATE");
    expect(again.error.guard).toBe("capture_status");

    // Withdraw: a reason is required, a stale version is a 409, then it leaves the origins.
    const withdraw = (data: unknown) => request.post(`/api/v1/evidence/${held.id}/withdraw`, { headers: bearer(token), data });
    const noReason = await expectError(await withdraw({ version: held.version }), 400, "BAD_REQUEST");
    expect(Object.keys(noReason.error.fieldErrors ?? {})).toEqual(["reason"]);
    await expectError(await withdraw({ reason: "Wrong claim.", version: held.version - 1 }), 409, "CONFLICT");
    const origins = async () => ((await (await request.get(`/api/v1/claims/${claimId}/origins`, { headers: bearer(token) })).json()) as { items: number }).items;
    expect(await origins()).toBe(1);
    const withdrawn = await withdraw({ reason: "Captured for the wrong claim.", version: held.version });
    expect(withdrawn.status(), await withdrawn.text()).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ status: "withdrawn", withdrawal: { reason: "Captured for the wrong claim." } });
    expect(await origins()).toBe(0);
    const custody = (await (await request.get(`/api/v1/evidence/${held.id}/custody`, { headers: bearer(token) })).json()) as { custody: { type: string }[] };
    expect(custody.custody.map((e) => e.type)).toEqual(
      expect.arrayContaining(["evidence.capture_failed", "evidence.capture_retried", "evidence.captured", "evidence.withdrawn"]),
    );
  } finally {
    await site.close();
  }
});
