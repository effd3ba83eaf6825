import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { messageRef } from "@/lib/i18n/message-ref";
import { tr } from "@/lib/i18n/translate";
import { zNumeric } from "@/lib/validation/number";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { recordReceivedEvidence } from "./add-evidence";
import { categoryOf } from "./derivations";
import { DERIVATION_LIMITS } from "./derive/limits";
import { withLocalBlob } from "./derive/local-blob";
import { assertVideoWithinBounds, hasTool, inputArgs, probeMedia, runTool } from "./derive/media-tools";
import { cleanOriginalFilename } from "./filename";
import { getEvidence } from "./get-evidence";
import { timecodeText } from "./moment";
import { durationMsOf } from "./notes/scope";
import { receiveToTemp } from "./receive";
import { findVisibleEvidence } from "./scope";
import { sniffMediaType } from "./sniff";
import { tempDir } from "./storage/get-blob-store";

/** The moment to save, in whole milliseconds from the video's start (at most 24 hours in). */
export const ZGrabFrame = z
  .object({
    atMs: zNumeric(
      z
        .number({ error: messageRef("validation.frameGrab.moment") })
        .int(messageRef("validation.wholeNumber"))
        .min(0, messageRef("validation.atLeast", { min: 0 }))
        .max(24 * 60 * 60 * 1000, messageRef("validation.atMost", { max: 24 * 60 * 60 * 1000 })),
    ),
  })
  .strict();
export type TGrabFrame = z.input<typeof ZGrabFrame>;

function pastEnd(durationMs: number): AppError {
  const message = tr("errors.frameGrab.pastEnd", { seconds: (durationMs / 1000).toFixed(3) });
  return new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { atMs: [message] } });
}

type Extracted = { png: string; command: string; cleanup: () => Promise<void> };

/** How far before the moment the frame still showing is looked for when none starts at or after it. */
const LAST_FRAME_WINDOW_SECONDS = 10;

/** ffmpeg's exact seek to `seek` (seconds, as written) on the original: one lossless PNG at `out`. */
function grabArgs(file: string, mediaType: string | null, seek: string, out: string): string[] {
  return [
    "-v", "error", "-max_pixels", String(DERIVATION_LIMITS.videoPixels), "-ss", seek, ...inputArgs(file, mediaType),
    "-map", "0:v:0", "-frames:v", "1", "-c:v", "png", "-f", "image2", "-update", "1", "-y", out,
  ];
}

const wroteFrame = async (out: string) => !!(await fsp.stat(out).catch(() => null))?.size;

/**
 * When the frame shown at a moment started before it: the latest start at or before the moment
 * among the first video stream's packets of the last seconds (read without decoding), or null.
 */
async function startOfFrameShownAt(file: string, mediaType: string | null, atMs: number): Promise<number | null> {
  const from = Math.max(0, atMs / 1000 - LAST_FRAME_WINDOW_SECONDS);
  const { stdout } = await runTool(
    "ffprobe",
    [
      "-v", "error", "-select_streams", "v:0", "-read_intervals", `${from.toFixed(3)}%${(atMs / 1000).toFixed(3)}`,
      "-show_entries", "packet=pts_time", "-of", "csv=p=0", ...inputArgs(file, mediaType),
    ],
    DERIVATION_LIMITS.probeTimeoutMs,
  );
  const starts = stdout.split("\n").map((line) => Number.parseFloat(line)).filter((t) => Number.isFinite(t) && t * 1000 <= atMs);
  return starts.length > 0 ? Math.max(...starts) : null;
}

/**
 * The frame shown at `atMs`, decoded from the ORIGINAL's bytes as a lossless PNG by one bounded
 * ffmpeg child (rule 13: forced demuxer, one thread, `ulimit -v`, killed past its time). The seek
 * is exact: `-ss` before the input seeks to the keyframe before the moment and decodes from there,
 * dropping frames until the moment (ffmpeg's accurate seek, the default when transcoding) — the
 * frame `ffmpeg -ss <t> -i <video> -frames:v 1` gives, at the cost of one GOP rather than of the
 * whole video up to it. After the last frame has started (it shows until the video ends) no frame
 * starts at or after the moment: then the frame still showing is found among the packets before
 * it and sought exactly (just before its start, which ffprobe prints rounded). The probe's
 * duration and the pixel bound are checked first.
 */
async function extractFrame(file: string, sha256: string, mediaType: string | null, atMs: number): Promise<Extracted> {
  const probe = await probeMedia(file, mediaType, "frames");
  assertVideoWithinBounds(probe);
  const seconds = Number(probe.format?.duration);
  if (Number.isFinite(seconds) && seconds > 0 && atMs >= seconds * 1000) throw pastEnd(Math.round(seconds * 1000));
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "corroborate-grab-"));
  const out = path.join(dir, "frame.png");
  let args = grabArgs(file, mediaType, (atMs / 1000).toFixed(3), out);
  const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    await runTool("ffmpeg", args, DERIVATION_LIMITS.frameTimeoutMs);
    if (!(await wroteFrame(out))) {
      const start = await startOfFrameShownAt(file, mediaType, atMs);
      if (start === null) throw new AppError("INVALID_STATE", tr("errors.frameGrab.noFrame"), { guard: "frame" });
      args = grabArgs(file, mediaType, Math.max(0, start - 0.0005).toFixed(6), out);
      await runTool("ffmpeg", args, DERIVATION_LIMITS.frameTimeoutMs);
      if (!(await wroteFrame(out))) throw new AppError("INVALID_STATE", tr("errors.frameGrab.noFrame"), { guard: "frame" });
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  // The custody trail names the original by its hash, never by where it happens to sit on a disk.
  const command = ["ffmpeg", ...args].map((a) => (a === `file:${file}` ? `file:${sha256}` : a === out ? "frame.png" : a)).join(" ");
  return { png: out, command, cleanup };
}

/**
 * Save the frame of a video at a moment as a new image item of the same claim: its own bytes and
 * SHA-256, its origin named (`derivedFromId`, `derivedAtMs`; `evidence.added` with `derivedFrom`),
 * the intake's usual derivations (metadata, thumbnail, pHash: near-duplicate matching finds it as
 * it finds any image), the video's sources and sensitivity marks; and `evidence.frame_grabbed` on
 * the video with the ffmpeg command — the rows and both events in one transaction. The original's
 * bytes are only read. Checks: the video visible (404), `evidence.grab_frame` (403), valid (400),
 * a video (422, guard `media`), not withdrawn (422, guard `evidence_status`), its claim takes
 * material (422, guard `state`), within the video (400 on `atMs`), ffmpeg installed (503).
 */
export async function grabFrame(db: Db, actor: Actor | null, evidenceId: string, input: unknown): Promise<{ id: string; sha256: string; atMs: number }> {
  const video = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.grab_frame");
  const { atMs } = parseInput(ZGrabFrame, input);
  if (categoryOf(video.mediaType) !== "video" || !video.blobSha256) throw new AppError("INVALID_STATE", tr("errors.frameGrab.notVideo"), { guard: "media" });
  if (video.withdrawnAt) throw new AppError("INVALID_STATE", tr("errors.frameGrab.withdrawn"), { guard: "evidence_status" });
  assertClaimOpen(video.claimState, "evidenceAdded");
  assertCan(actor, "evidence.add");
  // The length the metadata read, when known, refuses a moment past the end before any process starts.
  const knownMs = durationMsOf(video.metadata);
  if (knownMs !== null && atMs >= knownMs) throw pastEnd(knownMs);
  if (!(await hasTool("ffmpeg")) || !(await hasTool("ffprobe"))) throw new AppError("UNAVAILABLE", tr("errors.frameGrab.noFfmpeg"));
  const sha256 = video.blobSha256;

  return withLocalBlob(sha256, async (file) => {
    let frame: Extracted;
    try {
      frame = await extractFrame(file, sha256, video.mediaType, atMs);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // A refused or failed read of the bytes (past the bounds, not what they sniffed as, too slow) says so, never a 500.
      throw new AppError("INVALID_STATE", tr("errors.frameGrab.unreadable"), { guard: "media" });
    }
    try {
      const received = await receiveToTemp(fs.createReadStream(/*turbopackIgnore: true*/ frame.png), { dir: tempDir(), maxBytes: env.EVIDENCE_MAX_BYTES });
      const sniffed = await sniffMediaType(received.head, "frame.png");
      if (sniffed?.mediaType !== "image/png") {
        await fsp.rm(received.tempPath, { force: true });
        throw new AppError("INVALID_STATE", tr("errors.frameGrab.unreadable"), { guard: "media" });
      }
      const videoName = (video.originalFilename ?? "video").slice(0, 200);
      const id = await recordReceivedEvidence(db, actor, video.claimId, {
        received,
        mediaType: sniffed.mediaType,
        category: sniffed.category,
        originalFilename: cleanOriginalFilename(`${videoName} @ ${timecodeText(atMs)}.png`),
        intake: "frame",
        origin: { publishedBySourceId: video.publishedBySourceId, obtainedViaSourceId: video.obtainedViaSourceId, isFirstHand: video.isFirstHand },
        sensitivity: { isGraphic: video.isGraphic, hasPersonalData: video.hasPersonalData },
        derivedFrom: { evidenceId: video.id, sha256, atMs },
        alsoInTransaction: (tx, frameEvidenceId) =>
          appendAuditEvent(tx, actor.id, {
            type: "evidence.frame_grabbed",
            entity: { type: "evidence", id: video.id },
            data: { frameEvidenceId, atMs, sha256: received.sha256, command: frame.command },
          }).then(() => undefined),
      });
      return { id, sha256: received.sha256, atMs };
    } finally {
      await frame.cleanup();
    }
  });
}

/** A frame grab as the API answers it: the new item, as `GET /api/v1/evidence/{id}` would. */
export async function grabFrameAsItem(db: Db, actor: Actor | null, evidenceId: string, input: unknown) {
  const frame = await grabFrame(db, actor, evidenceId, input);
  return getEvidence(db, actor, frame.id);
}
