import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import type { Db } from "@/db/connect";
import { listAuditEvents } from "@/lib/audit/list-events";
import { drainJobs } from "@/lib/jobs/worker";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { makeImage } from "@/lib/test/media";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addEvidenceFromStream } from "./add-evidence";
import { JOBS_WITHOUT_COPIES } from "@/lib/test/evidence-jobs";
import { grabFrame, grabFrameAsItem } from "./frame-grab";
import { timecodeText } from "./moment";
import { getEvidence } from "./get-evidence";
import { hammingDistance } from "./hamming";
import { perceptualHash } from "./phash";
import { getBlobStore } from "./storage/get-blob-store";
import { withdrawEvidence } from "./withdraw-evidence";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-frame-grab-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Five seconds of ffmpeg's test picture (its frame counter included) turning a fifth of a half-turn
 * each second, 25 frames a second at 320×240: every frame differs from the one before it, and
 * those two seconds apart look nothing alike.
 */
function turningVideo(name: string): string {
  const file = path.join(dir, name);
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "5", "-vf", "rotate=PI*t/5",
    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-y", file,
  ]);
  return file;
}

/** The frame ffmpeg itself gives at `seconds` (`ffmpeg -ss <t> -i … -frames:v 1`), as PNG. */
function ffmpegFrame(video: string, seconds: number): Buffer {
  const out = path.join(dir, `reference-${seconds}.png`);
  execFileSync("ffmpeg", ["-v", "error", "-ss", String(seconds), "-i", video, "-frames:v", "1", "-y", out]);
  return fs.readFileSync(out);
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const pixels = async (png: Buffer) => (await sharp(png).raw().toBuffer({ resolveWithObject: true })).data;
async function readBlob(hash: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await getBlobStore().openRead(hash)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
const itemCount = (db: Db) => rowCount(db, "evidence");

describe("timecodeText (a frame's file name)", () => {
  it("writes a moment as a file name gives it", () => {
    expect([timecodeText(3000), timecodeText(41_250), timecodeText(3_723_040), timecodeText(0)]).toEqual(["0:03.000", "0:41.250", "1:02:03.040", "0:00.000"]);
  });
});

describe.each(TEST_DRIVERS)("frame grabs on %s", (driver) => {
  const video = turningVideo("turning.mp4");
  const world = useTestWorld(driver, {
    actors: { submitter: "submitter", otherSubmitter: "submitter", reviewer: "reviewer", editor: "editor", admin: "admin" },
    setup: async ({ db, submitter, reviewer }) => {
      const claim = await submitSample(db, submitter);
      const item = await addEvidenceFromStream(db, submitter, claim.id, { stream: fs.createReadStream(video), filename: "checkpoint.mp4", intake: "upload" });
      const image = await addEvidenceFromStream(db, reviewer, claim.id, { stream: Readable.from([await makeImage(4242, { width: 320, height: 240 })]), filename: "still.jpg", intake: "upload" });
      await drainJobs(db, JOBS_WITHOUT_COPIES);
      return { claimId: claim.id, videoId: item.id, imageId: image.id };
    },
  });
  const db = () => world.db;

  it("saves the exact frame at 3.0 s of the original as a new PNG item whose custody names the video and the moment", async () => {
    const originalHash = sha256(fs.readFileSync(video));
    const frame = await grabFrame(db(), world.reviewer, world.videoId, { atMs: 3000 });
    expect(frame.atMs).toBe(3000);

    // Its bytes are ffmpeg's own frame at 3 s, pixel for pixel (PNG is lossless), and look like it;
    // the frame at 1 s looks nothing like it.
    const stored = await readBlob(frame.sha256);
    expect(sha256(stored)).toBe(frame.sha256);
    const atThree = ffmpegFrame(video, 3);
    const atOne = ffmpegFrame(video, 1);
    expect((await pixels(stored)).equals(await pixels(atThree))).toBe(true);
    expect((await pixels(stored)).equals(await pixels(atOne))).toBe(false);
    const [grabbed, three, one] = [await perceptualHash(stored), await perceptualHash(atThree), await perceptualHash(atOne)];
    expect(hammingDistance(grabbed, three)).toBeLessThanOrEqual(2);
    expect(hammingDistance(grabbed, one)).toBeGreaterThanOrEqual(16);

    await drainJobs(db(), JOBS_WITHOUT_COPIES);
    const item = await getEvidence(db(), world.reviewer, frame.id);
    expect(item).toMatchObject({
      claimId: world.claimId,
      intake: "frame",
      mediaType: "image/png",
      sha256: frame.sha256,
      size: stored.length,
      originalFilename: "checkpoint.mp4 @ 0:03.000.png",
      derivedFrom: { evidenceId: world.videoId, atMs: 3000 },
      processing: { metadata: "done", thumbnail: "done", phash: "done" },
      addedBy: { id: world.reviewer.id },
    });
    expect(item.metadata).toMatchObject({ width: 320, height: 240, format: "png" });
    expect(item.phash).toBe(grabbed);

    // The custody trail: the frame names its video, the video's bytes and the moment; the video
    // names the frame, its bytes, and the command that made it (the original by its hash).
    const [added] = (await listAuditEvents(db(), world.reviewer, { entity: `evidence:${frame.id}` })).items;
    expect(added.type).toBe("evidence.added");
    expect(added.data).toMatchObject({ intake: "frame", sha256: frame.sha256, mediaType: "image/png", derivedFrom: { evidenceId: world.videoId, sha256: originalHash, atMs: 3000 } });
    const grabbedEvents = (await listAuditEvents(db(), world.reviewer, { entity: `evidence:${world.videoId}`, type: "evidence.frame_grabbed" })).items;
    expect(grabbedEvents).toHaveLength(1);
    expect(grabbedEvents[0].seq).toBe(added.seq + 1);
    const data = grabbedEvents[0].data as { frameEvidenceId: string; atMs: number; sha256: string; command: string };
    expect(data).toMatchObject({ frameEvidenceId: frame.id, atMs: 3000, sha256: frame.sha256 });
    expect(data.command).toContain(`-ss 3.000 -protocol_whitelist file -f mov -i file:${originalHash}`);
    expect(data.command).toMatch(/-frames:v 1 .*frame\.png$/);
    expect(data.command).not.toContain(os.tmpdir());

    // The original's bytes and hash are as they came in.
    const original = await getEvidence(db(), world.reviewer, world.videoId);
    expect(original.sha256).toBe(originalHash);
    expect(sha256(await readBlob(originalHash))).toBe(originalHash);

    // Matched like any image: the same frame again is an exact duplicate; a worse JPEG of it a near one.
    const again = await grabFrameAsItem(db(), world.editor, world.videoId, { atMs: "3000" });
    expect(again.sha256).toBe(frame.sha256);
    expect(again.duplicateOf.map((d) => d.evidenceId)).toContain(frame.id);
    const repost = await addEvidenceFromStream(db(), world.reviewer, world.claimId, {
      stream: Readable.from([await sharp(atThree).resize(240).jpeg({ quality: 40 }).toBuffer()]),
      filename: "repost.jpg",
      intake: "upload",
    });
    await drainJobs(db(), JOBS_WITHOUT_COPIES);
    expect((await getEvidence(db(), world.reviewer, repost.id)).similar.map((s) => s.evidenceId)).toContain(frame.id);
  });

  it("refuses submitters, those who cannot see the video, moments outside it, and items that are not videos, adding nothing", async () => {
    const before = await itemCount(db());
    expect((await rejection(grabFrame(db(), world.submitter, world.videoId, { atMs: 1000 }))).code).toBe("FORBIDDEN");
    expect((await rejection(grabFrame(db(), world.admin, world.videoId, { atMs: 1000 }))).code).toBe("FORBIDDEN");
    expect((await rejection(grabFrame(db(), world.otherSubmitter, world.videoId, { atMs: 1000 }))).code).toBe("NOT_FOUND");
    expect((await rejection(grabFrame(db(), null, world.videoId, { atMs: 1000 }))).code).toBe("UNAUTHORIZED");
    for (const input of [{ atMs: -1 }, { atMs: 1.5 }, { atMs: "3 s" }, { atMs: null }, {}, { atMs: 5000 }, { atMs: 99_999 }, { atMs: 1000, path: "/etc/passwd" }]) {
      const error = await rejection(grabFrame(db(), world.reviewer, world.videoId, input));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(Object.keys(error.details?.fieldErrors ?? {}).length, JSON.stringify(input)).toBe(1);
    }
    const image = await rejection(grabFrame(db(), world.reviewer, world.imageId, { atMs: 0 }));
    expect([image.code, image.details?.guard]).toEqual(["INVALID_STATE", "media"]);
    expect(await itemCount(db())).toBe(before);
  });

  it("finds the end from the video itself when its metadata is not read yet", async () => {
    const claim = await submitSample(db(), world.submitter);
    const fresh = await addEvidenceFromStream(db(), world.submitter, claim.id, { stream: fs.createReadStream(video), filename: "fresh.mp4", intake: "upload" });
    const before = await itemCount(db());
    const past = await rejection(grabFrame(db(), world.reviewer, fresh.id, { atMs: 5200 }));
    expect([past.code, Object.keys(past.details?.fieldErrors ?? {})]).toEqual(["BAD_REQUEST", ["atMs"]]);
    expect(await itemCount(db())).toBe(before);
    // The last frame (4.96 s) is within it.
    expect((await grabFrame(db(), world.reviewer, fresh.id, { atMs: 4960 })).atMs).toBe(4960);
    await drainJobs(db(), JOBS_WITHOUT_COPIES);
  });

  it("saves the last frame for a moment after it starts and before the video ends, where no frame starts at or after the moment", async () => {
    // 25 frames a second for 5 s: the last frame starts at 4.96 s and shows until 5 s, where a
    // paused player shows it; an exact seek to 4.99 s finds no frame starting there.
    const frame = await grabFrame(db(), world.reviewer, world.videoId, { atMs: 4990 });
    expect(frame.atMs).toBe(4990);
    expect((await pixels(await readBlob(frame.sha256))).equals(await pixels(ffmpegFrame(video, 4.96)))).toBe(true);
    const [grabbed] = (await listAuditEvents(db(), world.reviewer, { entity: `evidence:${world.videoId}`, type: "evidence.frame_grabbed", order: "desc", limit: 1 })).items;
    expect(grabbed.data).toMatchObject({ frameEvidenceId: frame.id, atMs: 4990, sha256: frame.sha256 });
    await drainJobs(db(), JOBS_WITHOUT_COPIES);
  });

  it("saves nothing from a withdrawn video or a closed claim's", async () => {
    const claim = await submitSample(db(), world.submitter);
    const item = await addEvidenceFromStream(db(), world.submitter, claim.id, { stream: fs.createReadStream(video), filename: "gone.mp4", intake: "upload" });
    await withdrawEvidence(db(), world.reviewer, item.id, { reason: "Attached to the wrong claim.", version: item.version });
    const withdrawn = await rejection(grabFrame(db(), world.reviewer, item.id, { atMs: 1000 }));
    expect([withdrawn.code, withdrawn.details?.guard]).toEqual(["INVALID_STATE", "evidence_status"]);

    const closed = await submitSample(db(), world.submitter);
    const kept = await addEvidenceFromStream(db(), world.submitter, closed.id, { stream: fs.createReadStream(video), filename: "closed.mp4", intake: "upload" });
    await transitionClaim(db(), world.reviewer, closed.id, { action: "reject", reason: "Out of scope.", version: closed.version });
    const refused = await rejection(grabFrame(db(), world.reviewer, kept.id, { atMs: 1000 }));
    expect([refused.code, refused.details?.guard]).toEqual(["INVALID_STATE", "state"]);
    await drainJobs(db(), JOBS_WITHOUT_COPIES);
  });
});
