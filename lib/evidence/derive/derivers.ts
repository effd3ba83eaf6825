import "server-only";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { blobs, evidence, evidenceDerivatives, phashBands } from "@/db/schema";
import { categoryOf } from "../derivations";
import { bandRows } from "../near-duplicates";
import { hammingDistance } from "../hamming";
import { perceptualHash } from "../phash";
import { thumbnailJpeg } from "./decode-image";
import { extractAvMetadata, extractImageMetadata } from "./extract-metadata";
import { DERIVATION_LIMITS } from "./limits";
import { storeDerivedBytes } from "./local-blob";
import { assertVideoWithinBounds, hasTool, inputArgs, probeMedia, runTool } from "./media-tools";
import { makeWorkingCopy } from "./working-copy";

export type Derived = {
  outcome: "done" | "skipped";
  detail?: unknown;
  /** Rows to write, in the transaction that also records the outcome. */
  apply?: (tx: Db) => Promise<void>;
};

type Item = { id: string; mediaType: string | null; sha256: string | null };

const THUMBNAIL_WIDTH = 320;
/** Keyframes whose pHashes are this close to the frame kept before them show nothing new. */
const SAME_PICTURE_BITS = 4;

type Frame = { bytes: Buffer; atMs: number };
type Grab = (seconds: number, how: "keyframe" | "exact") => Promise<Frame | null>;

/**
 * One frame at `seconds` with its own time, or null when there is none. A keyframe is the one at or
 * before that time, decoding nothing else (`-skip_frame nokey`, inexact seek): one frame's cost
 * whatever the video's length or frame count. An exact frame decodes from the keyframe before it.
 */
async function grabFrame(file: string, mediaType: string | null, seconds: number, how: "keyframe" | "exact", out: string): Promise<Frame | null> {
  const seek = how === "keyframe" ? ["-skip_frame", "nokey", "-noaccurate_seek"] : [];
  // The probe checked the first frame's size; a stream may change size later: the decoder refuses any frame past the bound.
  const bound = ["-max_pixels", String(DERIVATION_LIMITS.videoPixels)];
  const { stderr } = await runTool("ffmpeg", [
    "-v", "info", ...seek, ...bound, "-copyts", "-ss", seconds.toFixed(3), ...inputArgs(file, mediaType),
    "-map", "0:v:0", "-vf", "showinfo", "-frames:v", "1", "-update", "1", "-y", out,
  ], DERIVATION_LIMITS.frameTimeoutMs);
  const bytes = await fsp.readFile(out).catch(() => null);
  if (!bytes) return null;
  const pts = /pts_time:\s*(-?[0-9.]+)/.exec(stderr);
  return { bytes, atMs: Math.max(0, Math.round(Number(pts?.[1] ?? seconds) * 1000)) };
}

/**
 * The times of the keyframes at or before up to `keyframeSeeks` points spread over the duration,
 * distinct: one ffprobe that seeks and reads one packet at each point, decoding nothing.
 */
async function keyframeTimes(file: string, mediaType: string | null, durationSeconds: number): Promise<number[]> {
  const seeks = durationSeconds > 0 ? DERIVATION_LIMITS.keyframeSeeks : 1;
  const intervals = Array.from({ length: seeks }, (_, i) => `${((durationSeconds * i) / seeks).toFixed(3)}%+#1`).join(",");
  const { stdout } = await runTool("ffprobe", [
    "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-read_intervals", intervals, "-of", "csv=p=0",
    ...inputArgs(file, mediaType),
  ], DERIVATION_LIMITS.probeTimeoutMs);
  const times = stdout.split("\n").map((line) => Number.parseFloat(line)).filter((t) => Number.isFinite(t) && t >= 0);
  return [...new Set(times)].slice(0, DERIVATION_LIMITS.keyframeSeeks);
}

/** Probe the video (bytes alone, forced demuxer), refuse it past the bounds, and hand out a private folder for frames. */
async function withVideoFrames<T>(item: Item, file: string, work: (grab: Grab, durationSeconds: number) => Promise<T>) {
  const probe = await probeMedia(file, item.mediaType, "frames");
  assertVideoWithinBounds(probe);
  const duration = Number(probe.format?.duration);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "corroborate-frames-"));
  let n = 0;
  try {
    const grab: Grab = (seconds, how) => grabFrame(file, item.mediaType, seconds, how, path.join(dir, `f${n++}.png`));
    return await work(grab, Number.isFinite(duration) && duration > 0 ? duration : 0);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function derivativeRows(item: Item, kind: "thumbnail" | "keyframe", frames: { bytes: Buffer; atMs: number | null; phash?: string }[]) {
  const rows: { position: number; atMs: number | null; sha256: string; size: number; phash: string | null }[] = [];
  for (const [position, frame] of frames.entries()) {
    const stored = await storeDerivedBytes(frame.bytes, "image/jpeg");
    rows.push({ position, atMs: frame.atMs, ...stored, phash: frame.phash ?? null });
  }
  return async (tx: Db) => {
    for (const row of rows) {
      await tx.insert(blobs).values({ sha256: row.sha256, size: row.size, mediaType: "image/jpeg" }).onConflictDoNothing();
      const [inserted] = await tx
        .insert(evidenceDerivatives)
        .values({ evidenceId: item.id, kind, position: row.position, atMs: row.atMs, blobSha256: row.sha256, phash: row.phash })
        .onConflictDoNothing()
        .returning({ id: evidenceDerivatives.id });
      if (inserted && row.phash) await tx.insert(phashBands).values(bandRows(item.id, inserted.id, row.phash));
    }
  };
}

export const DERIVERS: Record<string, (item: Item, file: string) => Promise<Derived>> = {
  async metadata(item, file) {
    const category = categoryOf(item.mediaType);
    const extracted =
      category === "image"
        ? await extractImageMetadata(file)
        : category === "video" || category === "audio"
          ? await extractAvMetadata(file, item.mediaType)
          : { metadata: {}, notes: null };
    if ("skipped" in extracted) return { outcome: "skipped", detail: extracted.skipped };
    return {
      outcome: "done",
      apply: async (tx) => {
        await tx.update(evidence).set({ metadata: extracted.metadata, metadataNotes: extracted.notes }).where(eq(evidence.id, item.id));
      },
    };
  },

  async thumbnail(item, file) {
    const category = categoryOf(item.mediaType);
    let bytes: Buffer;
    if (category === "image") {
      bytes = await thumbnailJpeg(file, THUMBNAIL_WIDTH);
    } else {
      if (!(await hasTool("ffmpeg"))) return { outcome: "skipped", detail: "ffmpeg is not installed" };
      // A frame one second in (or the first, for shorter clips) says more than a black opening frame.
      const frame = await withVideoFrames(item, file, async (grab, duration) => (duration > 2 && (await grab(1, "exact"))) || grab(0, "exact"));
      if (!frame) return { outcome: "skipped", detail: "The video has no frame to show" };
      bytes = await thumbnailJpeg(frame.bytes, THUMBNAIL_WIDTH);
    }
    return { outcome: "done", apply: await derivativeRows(item, "thumbnail", [{ bytes, atMs: null }]) };
  },

  async phash(item, file) {
    const hash = await perceptualHash(file);
    return {
      outcome: "done",
      detail: { phash: hash },
      apply: async (tx) => {
        await tx.update(evidence).set({ phash: hash }).where(eq(evidence.id, item.id));
        await tx.delete(phashBands).where(eq(phashBands.evidenceId, item.id));
        await tx.insert(phashBands).values(bandRows(item.id, null, hash));
      },
    };
  },

  async keyframes(item, file) {
    if (!(await hasTool("ffmpeg"))) return { outcome: "skipped", detail: "ffmpeg is not installed" };
    // The keyframes near up to 12 points spread over the probed duration, a picture like the one
    // before it left out: what a reviewer scans, and what near-duplicate search compares, at a cost
    // bounded by the seek count rather than by the video's length or frame count.
    const frames = await withVideoFrames(item, file, async (grab, duration) => {
      const kept: { bytes: Buffer; atMs: number; phash: string }[] = [];
      for (const seconds of await keyframeTimes(file, item.mediaType, duration)) {
        const frame = await grab(seconds, "keyframe");
        if (!frame || kept.some((k) => k.atMs === frame.atMs)) continue;
        const bytes = await thumbnailJpeg(frame.bytes, THUMBNAIL_WIDTH);
        const phash = await perceptualHash(bytes);
        const previous = kept.at(-1);
        if (previous && hammingDistance(previous.phash, phash) <= SAME_PICTURE_BITS) continue;
        kept.push({ bytes, atMs: frame.atMs, phash });
      }
      return kept;
    });
    return { outcome: "done", detail: { keyframes: frames.length }, apply: await derivativeRows(item, "keyframe", frames) };
  },

  // Playable copies beside the untouched original (./working-copy.ts).
  web: (item, file) => makeWorkingCopy("web", item, file),
  low: (item, file) => makeWorkingCopy("low", item, file),
};
