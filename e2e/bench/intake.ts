/**
 * `npm run bench:intake`: ingest a generated file (1 GiB by default) through the HTTP API — a
 * streamed multipart POST — and compare its throughput with `sha256sum` of the same file, measured
 * in the same run, and report the server's peak RSS growth while it ingests.
 * Aims: ≥ 0.7 × sha256sum, RSS growth < 100 MB. Also what the item's commitment costs (issue 23):
 * the file through SHA-256 alone and through the intake's fingerprint (SHA-256 and HMAC-SHA-256 in
 * one pass), in this process.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fingerprinter } from "@/lib/evidence/fingerprint";
import { mb, startBenchServer, treeRss } from "./support";

/** Seconds to pass the file through `update` in 4 MiB reads. */
function timeDigest(file: string, update: (chunk: Buffer) => void): number {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(4 * 1024 * 1024);
  const started = process.hrtime.bigint();
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) update(buf.subarray(0, n));
  fs.closeSync(fd);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const SIZE = Number(process.env.BENCH_BYTES ?? 1024 ** 3);

function makeFile(): string {
  const file = path.join(os.tmpdir(), `corroborate-intake-${SIZE}.bin`);
  if (fs.existsSync(file) && fs.statSync(file).size === SIZE) return file;
  // An MP4 header so the bytes sniff as video, then incompressible noise.
  const head = Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex");
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, head);
  const block = randomBytes(8 * 1024 * 1024);
  let written = head.length;
  while (written < SIZE) {
    const n = Math.min(block.length, SIZE - written);
    fs.writeSync(fd, block, 0, n);
    written += n;
  }
  fs.closeSync(fd);
  return file;
}

function upload(base: string, token: string, claimId: string, file: string): Promise<{ status: number; body: string }> {
  const boundary = `----corroborate${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.mp4"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`/api/v1/claims/${claimId}/evidence`, base);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": head.length + fs.statSync(file).size + tail.length,
      },
    }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (c) => (body += c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.write(head);
    const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    stream.pipe(request, { end: false });
    stream.on("end", () => request.end(tail));
  });
}

async function main() {
  const file = makeFile();
  const server = await startBenchServer({ WORKER: "off" });
  try {
    const token = server.tokens["submitter@demo.test"];
    const created = await fetch(`${server.base}/api/v1/claims`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "video", title: "Intake benchmark", summary: "A generated file.", language: "en" }),
    });
    const claim = (await created.json()) as { id: string };

    // Warm the route (first request compiles nothing in production, but opens the handler).
    await fetch(`${server.base}/api/v1/claims/${claim.id}`, { headers: { Authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = treeRss(server.child);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(server.child))), 100);

    const started = process.hrtime.bigint();
    const result = await upload(server.base, token, claim.id, file);
    const uploadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    if (result.status !== 201) throw new Error(`Upload answered ${result.status}: ${result.body}`);
    const sha = (JSON.parse(result.body) as { sha256: string }).sha256;

    const t0 = process.hrtime.bigint();
    const sum = execFileSync("sha256sum", [file]).toString().split(" ")[0];
    const sumSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (sum !== sha) throw new Error("The server's hash differs from sha256sum's");

    const through = mb(SIZE) / uploadSeconds;
    const baseline = mb(SIZE) / sumSeconds;
    console.log(`intake of ${mb(SIZE).toFixed(0)} MiB (same SHA-256 as sha256sum: ${sha.slice(0, 16)}…)`);
    console.log(`  HTTP API intake  ${through.toFixed(0)} MiB/s  (${uploadSeconds.toFixed(2)} s)`);
    console.log(`  sha256sum        ${baseline.toFixed(0)} MiB/s  (${sumSeconds.toFixed(2)} s)`);
    console.log(`  ratio            ${(through / baseline).toFixed(2)} × sha256sum (aim ≥ 0.7)`);
    const hash = createHash("sha256");
    const sha256Seconds = timeDigest(file, (chunk) => hash.update(chunk));
    const print = fingerprinter();
    const printSeconds = timeDigest(file, (chunk) => print.update(chunk));
    if (print.digest().sha256 !== hash.digest("hex")) throw new Error("The fingerprint's SHA-256 differs");
    console.log(`  commitment cost  SHA-256 alone ${(mb(SIZE) / sha256Seconds).toFixed(0)} MiB/s, SHA-256 + HMAC-SHA-256 ${(mb(SIZE) / printSeconds).toFixed(0)} MiB/s = ${(sha256Seconds / printSeconds).toFixed(2)} × (one pass, this process)`);
    console.log(`  server RSS       idle ${mb(idleRss).toFixed(0)} MiB, peak ${mb(peakRss).toFixed(0)} MiB, growth ${mb(peakRss - idleRss).toFixed(0)} MiB (aim < 100)`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
