import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db/connect";
import { workingCopy } from "@/lib/api/file-doors";
import { errorResponse } from "@/lib/api/respond";
import type { Actor } from "@/lib/auth/permissions";
import { dataDir } from "@/lib/env";
import { drainJobs } from "@/lib/jobs/worker";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { addEvidenceFromStream } from "./add-evidence";
import { EVIDENCE_JOB_HANDLERS } from "./derive/handlers";
import { getEvidence } from "./get-evidence";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-copies-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Generated inputs, small and quick: what a phone (HEVC) and a voice note (WAV) send. */
function ffmpeg(...args: string[]) {
  execFileSync("ffmpeg", ["-v", "error", ...args, "-y"]);
}
function makeHevc(): string {
  const file = path.join(dir, "phone.mp4");
  ffmpeg(
    "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "3",
    "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-shortest", file,
  );
  return file;
}
function makeWav(): string {
  const file = path.join(dir, "voice.wav");
  ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=22050", "-t", "2", file);
  return file;
}

type Probe = { format: { duration: string; bit_rate: string; format_name: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number; pix_fmt?: string }[] };
function probe(file: string): Probe {
  return JSON.parse(execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], { encoding: "utf8" }));
}
const blobFile = (sha256: string) => path.join(dataDir(), "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
const sha256Of = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function getCopy(db: Db, actor: Actor, evidenceId: string, copy: string, headers: Record<string, string> = {}, method = "GET") {
  const request = new Request(`http://localhost/api/v1/evidence/${evidenceId}/copies/${copy}`, { method, headers });
  const response = await workingCopy({ request, params: { evidenceId, copy }, db, actor, resolveActor: async () => actor, query: undefined, readBody: async () => undefined }).catch(errorResponse);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function custodyOf(db: Db, evidenceId: string) {
  return db
    .select({ type: auditEvents.type, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "evidence"), eq(auditEvents.entityId, evidenceId)))
    .orderBy(asc(auditEvents.seq));
}

describe.each(TEST_DRIVERS)("working copies on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer"],
    actors: { otherSubmitter: "submitter" },
    setup: async ({ db, submitter }) => ({ claimId: (await submitSample(db, submitter)).id }),
  });

  it("makes an H.264 web copy of an HEVC video with its duration and a low copy ≤ 360p and ≤ 400 kbit/s; the original is untouched", async () => {
    const { db, submitter, reviewer, otherSubmitter, claimId } = world;
    const input = makeHevc();
    const originalSha = sha256Of(input);
    const added = await addEvidenceFromStream(db, submitter, claimId, { stream: fs.createReadStream(input), filename: "phone.mp4", intake: "upload" });
    expect(added.processing).toMatchObject({ web: "pending", low: "pending" });
    expect(await getCopy(db, reviewer, added.id, "web")).toMatchObject({ status: 404 }); // not made yet
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);

    const item = await getEvidence(db, reviewer, added.id);
    expect(item.processing).toEqual({ metadata: "done", thumbnail: "done", keyframes: "done", web: "done", low: "done" });
    expect(item.derivatives.map((d) => d.kind).filter((k) => k === "web" || k === "low")).toEqual([]);
    const copies = Object.fromEntries(item.workingCopies.map((c) => [c.kind, c]));
    expect(Object.keys(copies).sort()).toEqual(["low", "web"]);
    expect(copies.web).toMatchObject({ url: `/api/v1/evidence/${added.id}/copies/web`, mediaType: "video/mp4", width: 640, height: 480, frameRate: 25 });

    // The original: the same bytes, the same hash, before and after.
    expect(item.sha256).toBe(originalSha);
    expect(sha256Of(blobFile(originalSha))).toBe(originalSha);

    const web = probe(blobFile(copies.web.sha256));
    const source = probe(input);
    expect(web.format.format_name).toContain("mp4");
    expect(web.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([["video", "h264"], ["audio", "aac"]]);
    expect(web.streams[0].pix_fmt).toBe("yuv420p");
    expect(Math.abs(Number(web.format.duration) - Number(source.format.duration))).toBeLessThan(0.1);
    expect(Math.abs(copies.web.durationMs! - 3000)).toBeLessThan(100);
    expect(copies.web.size).toBe(fs.statSync(blobFile(copies.web.sha256)).size);
    expect(sha256Of(blobFile(copies.web.sha256))).toBe(copies.web.sha256);
    // faststart: the index (moov) before the media (mdat).
    const head = fs.readFileSync(blobFile(copies.web.sha256)).subarray(0, 64 * 1024).toString("latin1");
    expect(head.indexOf("moov")).toBeGreaterThan(-1);
    expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat"));

    const low = probe(blobFile(copies.low.sha256));
    const video = low.streams.find((s) => s.codec_type === "video")!;
    expect(video.codec_name).toBe("h264");
    expect([video.width, video.height]).toEqual([480, 360]);
    expect(Number(low.format.bit_rate)).toBeLessThanOrEqual(400_000);
    expect(Math.abs(Number(low.format.duration) - Number(source.format.duration))).toBeLessThan(0.1);

    // The custody trail links each copy to the original and the command that made it.
    const derived = (await custodyOf(db, added.id)).filter((e) => e.type === "evidence.derived").map((e) => e.data as { derivation: string; detail: { sha256: string; size: number; command: string } });
    const webEvent = derived.find((d) => d.derivation === "web")!;
    expect(webEvent.detail).toMatchObject({ sha256: copies.web.sha256, size: copies.web.size });
    expect(webEvent.detail.command).toMatch(new RegExp(`^ffmpeg .*-i ${originalSha} .*-c:v libx264 .*\\+faststart .*web\\.mp4$`));
    expect(webEvent.detail.command).not.toContain(dataDir());
    expect(derived.find((d) => d.derivation === "low")!.detail.command).toContain("-maxrate 300k");

    // Served inline, with ranges, to those who may read the original; a view in the custody trail.
    const part = await getCopy(db, reviewer, added.id, "web", { Range: "bytes=0-1023" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(part.headers.get("content-disposition")).toBe("inline");
    expect(part.headers.get("etag")).toBe(`"${copies.web.sha256}"`);
    expect(part.headers.get("cache-control")).toMatch(/^private, max-age=\d+, immutable$/);
    expect(part.headers.get("content-range")).toBe(`bytes 0-1023/${copies.web.size}`);
    expect(part.body.equals(fs.readFileSync(blobFile(copies.web.sha256)).subarray(0, 1024))).toBe(true);
    await getCopy(db, reviewer, added.id, "web", { Range: "bytes=2048-" });
    const head2 = await getCopy(db, reviewer, added.id, "low", {}, "HEAD");
    expect([head2.status, head2.headers.get("content-length"), head2.headers.get("accept-ranges")]).toEqual([200, String(copies.low.size), "bytes"]);
    const views = (await custodyOf(db, added.id)).filter((e) => e.type === "evidence.viewed");
    expect(views.map((e) => e.data)).toEqual([{ sha256: copies.web.sha256, copy: "web", via: "web" }]);

    expect((await getCopy(db, otherSubmitter, added.id, "web", { Range: "bytes=0-99" })).status).toBe(404);
    expect((await getCopy(db, reviewer, added.id, "original")).status).toBe(404);
    // The stills' door does not serve the playable copies around their door's custody.
    expect(item.derivatives.every((d) => d.kind === "thumbnail" || d.kind === "keyframe")).toBe(true);
  }, 120_000);

  it("makes an AAC web copy of audio, and no low copy", async () => {
    const { db, submitter, reviewer, claimId } = world;
    const input = makeWav();
    const added = await addEvidenceFromStream(db, submitter, claimId, { stream: fs.createReadStream(input), filename: "voice.wav", intake: "upload" });
    expect(added.processing).toEqual({ metadata: "pending", web: "pending" });
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);
    const item = await getEvidence(db, reviewer, added.id);
    expect(item.processing).toEqual({ metadata: "done", web: "done" });
    expect(item.workingCopies.map((c) => [c.kind, c.mediaType])).toEqual([["web", "audio/mp4"]]);
    const copy = probe(blobFile(item.workingCopies[0].sha256));
    expect(copy.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([["audio", "aac"]]);
    expect(Math.abs(Number(copy.format.duration) - 2)).toBeLessThan(0.1);
    expect(item.sha256).toBe(sha256Of(input));
    const answer = await getCopy(db, reviewer, added.id, "web", { Range: "bytes=0-15" });
    expect([answer.status, answer.headers.get("content-type")]).toEqual([206, "audio/mp4"]);
  }, 60_000);
});
