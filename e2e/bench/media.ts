/**
 * `npm run bench:media`: video over the byte-range doors and the cost of working copies, on a
 * production build (built first if `.next/BUILD_ID` is missing), every figure beside a baseline
 * measured in the same run. No asserts: it prints figures and the aims (issue 21).
 *
 * 1. Seek: ffmpeg opens a ~200 MB H.264 video (index first), jumps to 80 % and decodes one frame,
 *    through the app's content door (HTTP ranges, the API token) against the same file on disk.
 *    Aim: ≤ 2 × the disk, plus one request's overhead (the median time of a one-byte range).
 * 2. Range throughput: the whole file as `bytes=0-` and 4 MiB ranges at random offsets, through the
 *    app against a plain `http.createServer` in this process serving the same file with ranges.
 *    Aim: ≥ 0.8 × the plain server.
 * 3. Working copies of a 60-second 720p clip with sound (a moving test picture): the `web` and
 *    `low` copies made by the app's own code here, wall and CPU seconds per minute of video.
 * 4. The server's other requests while it makes those copies itself (uploaded through the API, the
 *    jobs on its worker): p50/p95 of `GET /api/v1/claims/{id}` against the same server idle.
 *
 * Environment: BENCH_VIDEO_MB (200), BENCH_CLIP_SECONDS (60), BENCH_RANGES (40).
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { mb, startBenchServer } from "./support";

const VIDEO_MB = Number(process.env.BENCH_VIDEO_MB ?? 200);
const CLIP_SECONDS = Number(process.env.BENCH_CLIP_SECONDS ?? 60);
const RANGES = Number(process.env.BENCH_RANGES ?? 40);
const RANGE_BYTES = 4 * 1024 * 1024;
const run = promisify(execFile);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-bench-media-"));

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

/** ~VIDEO_MB of 720p H.264 at a high rate (noise keeps the encoder from making it small), index first. */
function makeBigVideo(): { file: string; duration: number } {
  const rateMbit = 40;
  const duration = Math.ceil((VIDEO_MB * 8 * 1.048576) / rateMbit);
  const file = path.join(work, "big.mp4");
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=25`, "-t", String(duration),
    "-vf", "noise=alls=40:allf=t+u", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", `${rateMbit}M`, "-maxrate", `${rateMbit}M`,
    "-bufsize", `${rateMbit}M`, "-g", "50", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", file,
  ]);
  return { file, duration };
}

/** What a phone films: a moving picture with sound, 720p. */
function makeClip(): string {
  const file = path.join(work, "clip.mp4");
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
    "-t", String(CLIP_SECONDS), "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-y", file,
  ]);
  return file;
}

/** ffmpeg seeks to `at` seconds in `input` (a path or a URL) and decodes one frame: the seconds it took. */
async function firstFrameAfterSeek(input: string, at: number, headers?: string): Promise<number> {
  const started = process.hrtime.bigint();
  await run("ffmpeg", ["-v", "error", ...(headers ? ["-headers", headers] : []), "-ss", at.toFixed(2), "-i", input, "-frames:v", "1", "-f", "null", "-"]);
  return seconds(started);
}

/** A plain static server of one file with single ranges: the baseline the app's door is held to. */
async function plainServer(file: string) {
  const size = fs.statSync(file).size;
  const server = http.createServer((request, response) => {
    const match = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
    if (!match) {
      response.writeHead(200, { "Content-Length": size, "Accept-Ranges": "bytes" });
      fs.createReadStream(file).pipe(response);
      return;
    }
    const start = match[1] === "" ? size - Number(match[2]) : Number(match[1]);
    const end = match[1] === "" || match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
    response.writeHead(206, { "Content-Length": end - start + 1, "Content-Range": `bytes ${start}-${end}/${size}`, "Accept-Ranges": "bytes" });
    fs.createReadStream(file, { start, end }).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.mp4` };
}

/** One client for both servers: node:http with kept-alive connections, counting bytes (fetch's streams cost more than the servers do). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Read one range to the end, counting its bytes: the seconds and the bytes. */
function readRange(url: string, range: string, headers: Record<string, string> = {}): Promise<{ seconds: number; bytes: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { ...headers, Range: range } }, (response) => {
      if (response.statusCode !== 206) reject(new Error(`${url} ${range}: ${response.statusCode}`));
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ seconds: seconds(started), bytes }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

async function throughput(url: string, size: number, offsets: number[], headers: Record<string, string> = {}) {
  const whole = await readRange(url, "bytes=0-", headers);
  let total = 0;
  let bytes = 0;
  for (const offset of offsets) {
    const read = await readRange(url, `bytes=${offset}-${Math.min(size - 1, offset + RANGE_BYTES - 1)}`, headers);
    total += read.seconds;
    bytes += read.bytes;
  }
  return { whole: mb(whole.bytes) / whole.seconds, ranges: mb(bytes) / total };
}

/** The app's own deriver makes each copy of the clip, in a process and data folder of its own (./media-copies.ts). */
async function measureCopies(clip: string) {
  const dataDir = path.join(work, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  const { stdout } = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "e2e/bench/media-copies.ts", clip], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "error" },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<"web" | "low", { wall: number; cpu: number; size: number; command: string }>;
}

async function latencies(url: string, headers: Record<string, string>, until: () => boolean, atLeast = 30): Promise<number[]> {
  const times: number[] = [];
  while (times.length < atLeast || !until()) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    times.push(seconds(started) * 1000);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

async function upload(base: string, token: string, claimId: string, file: string, name: string): Promise<{ id: string; sha256: string }> {
  const form = new FormData();
  form.set("file", new Blob([fs.readFileSync(file)], { type: "video/mp4" }), name);
  const response = await fetch(`${base}/api/v1/claims/${claimId}/evidence`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; sha256: string };
}

async function main() {
  console.log(`making a ~${VIDEO_MB} MB video and a ${CLIP_SECONDS}-second clip…`);
  const big = makeBigVideo();
  const clip = makeClip();
  const size = fs.statSync(big.file).size;
  const copies = await measureCopies(clip);

  // The worker is off while the big file is measured: nothing but the requests runs on the server.
  const server = await startBenchServer({ WORKER: "off" });
  const plain = await plainServer(big.file);
  try {
    const token = server.tokens["reviewer@demo.test"];
    const auth = { Authorization: `Bearer ${token}` };
    const created = await fetch(`${server.base}/api/v1/claims`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "video", title: "Media benchmark", summary: "Generated videos.", language: "en" }),
    });
    const claim = (await created.json()) as { id: string };
    const item = await upload(server.base, token, claim.id, big.file, "big.mp4");
    const content = `${server.base}/api/v1/evidence/${item.id}/content`;

    // 1. Seek to 80 % and decode a frame.
    const at = big.duration * 0.8;
    await firstFrameAfterSeek(big.file, at); // warm the page cache
    await firstFrameAfterSeek(content, at, `Authorization: Bearer ${token}\r\n`);
    const disk: number[] = [];
    const app: number[] = [];
    const oneByte: number[] = [];
    for (let i = 0; i < 5; i++) {
      disk.push(await firstFrameAfterSeek(big.file, at));
      app.push(await firstFrameAfterSeek(content, at, `Authorization: Bearer ${token}\r\n`));
      oneByte.push((await readRange(content, "bytes=0-0", auth)).seconds);
    }

    // 2. Throughput: the same offsets through both.
    const offsets = Array.from({ length: RANGES }, (_, i) => Math.floor(((i * 7919) % RANGES) / RANGES * (size - RANGE_BYTES)));
    await throughput(plain.url, size, offsets.slice(0, 3));
    await throughput(content, size, offsets.slice(0, 3), auth);
    const plainRate = await throughput(plain.url, size, offsets);
    const appRate = await throughput(content, size, offsets, auth);

    // 4. Latency of other requests, idle and while the server makes the clip's copies.
    const claimUrl = `${server.base}/api/v1/claims/${claim.id}`;
    const idle = await latencies(claimUrl, auth, () => true, 60);
    await server.stop();
    const busy = await measureBusyServer(clip);

    const seek = { disk: median(disk), app: median(app), request: median(oneByte) };
    console.log(`\nseek to 80 % of a ${mb(size).toFixed(0)} MiB, ${big.duration} s video, first frame decoded (median of 5)`);
    console.log(`  from disk      ${(seek.disk * 1000).toFixed(0)} ms`);
    console.log(`  through the app ${(seek.app * 1000).toFixed(0)} ms  (one 1-byte request: ${(seek.request * 1000).toFixed(1)} ms)`);
    console.log(`  ratio          ${(seek.app / seek.disk).toFixed(2)} × disk; (app − one request) / disk = ${((seek.app - seek.request) / seek.disk).toFixed(2)} (aim ≤ 2)`);
    console.log(`range throughput (the whole file as bytes=0-, then ${RANGES} ranges of 4 MiB)`);
    console.log(`  plain http.createServer  ${plainRate.whole.toFixed(0)} MiB/s whole, ${plainRate.ranges.toFixed(0)} MiB/s in ranges`);
    console.log(`  the app's content door   ${appRate.whole.toFixed(0)} MiB/s whole, ${appRate.ranges.toFixed(0)} MiB/s in ranges`);
    console.log(`  ratio                    ${(appRate.whole / plainRate.whole).toFixed(2)} whole, ${(appRate.ranges / plainRate.ranges).toFixed(2)} in ranges (aim ≥ 0.8)`);
    console.log(`working copies of a ${CLIP_SECONDS} s 720p30 clip with sound (one thread, nice 10), per minute of video`);
    for (const [kind, f] of Object.entries(copies)) {
      const perMinute = 60 / CLIP_SECONDS;
      console.log(`  ${kind.padEnd(4)} ${(f.wall * perMinute).toFixed(1)} s wall, ${(f.cpu * perMinute).toFixed(1)} s CPU, ${mb(f.size).toFixed(1)} MiB (${((f.size * 8) / CLIP_SECONDS / 1000).toFixed(0)} kbit/s)`);
    }
    console.log(`other requests (GET /api/v1/claims/{id}) while the server makes the clip's copies`);
    console.log(`  idle   p50 ${percentile(idle, 50).toFixed(1)} ms, p95 ${percentile(idle, 95).toFixed(1)} ms (${idle.length} requests)`);
    console.log(`  busy   p50 ${percentile(busy.times, 50).toFixed(1)} ms, p95 ${percentile(busy.times, 95).toFixed(1)} ms (${busy.times.length} requests over ${busy.seconds.toFixed(0)} s of derivations)`);
  } finally {
    agent.destroy();
    plain.server.close();
    await server.stop().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A fresh server with its worker on: the clip uploaded, requests timed until its copies are made. */
async function measureBusyServer(clip: string) {
  const server = await startBenchServer();
  try {
    const token = server.tokens["reviewer@demo.test"];
    const auth = { Authorization: `Bearer ${token}` };
    const created = await fetch(`${server.base}/api/v1/claims`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "video", title: "Media benchmark (busy)", summary: "A generated clip.", language: "en" }),
    });
    const claim = (await created.json()) as { id: string };
    const claimUrl = `${server.base}/api/v1/claims/${claim.id}`;
    await latencies(claimUrl, auth, () => true, 10); // warm
    const item = await upload(server.base, token, claim.id, clip, "clip.mp4");
    let done = false;
    const started = process.hrtime.bigint();
    const poll = (async () => {
      while (!done) {
        const read = (await (await fetch(`${server.base}/api/v1/evidence/${item.id}`, { headers: auth })).json()) as { processing: Record<string, string> };
        done = read.processing.web !== "pending" && read.processing.low !== "pending";
        if (done && (read.processing.web !== "done" || read.processing.low !== "done")) throw new Error(`copies: ${JSON.stringify(read.processing)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const times = await latencies(claimUrl, auth, () => done);
    await poll;
    return { times, seconds: seconds(started) };
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
