import "server-only";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/connect";
import { blobs, evidence, evidenceDerivatives, phashBands } from "@/db/schema";
import { categoryOf } from "../derivations";
import { bandRows } from "../near-duplicates";
import { perceptualHash } from "../phash";
import { extractAvMetadata, extractImageMetadata } from "./extract-metadata";
import { storeDerivedBytes } from "./local-blob";
import { hasTool, runTool } from "./media-tools";

export type Derived = {
  outcome: "done" | "skipped";
  detail?: unknown;
  /** Rows to write, in the transaction that also records the outcome. */
  apply?: (tx: Db) => Promise<void>;
};

type Item = { id: string; mediaType: string | null };

const THUMBNAIL_WIDTH = 320;
const MAX_KEYFRAMES = 12;
const SCENE_CHANGE = 0.3;

async function thumbnailBytes(input: Buffer | string) {
  return sharp(input, { failOn: "none" }).rotate().resize(THUMBNAIL_WIDTH, THUMBNAIL_WIDTH, { fit: "inside" }).jpeg({ quality: 80 }).toBuffer();
}

async function derivativeRows(item: Item, kind: "thumbnail" | "keyframe", frames: { bytes: Buffer; atMs: number | null }[]) {
  const rows: { position: number; atMs: number | null; sha256: string; size: number; phash: string | null }[] = [];
  for (const [position, frame] of frames.entries()) {
    const stored = await storeDerivedBytes(frame.bytes, "image/jpeg");
    rows.push({ position, atMs: frame.atMs, ...stored, phash: kind === "keyframe" ? await perceptualHash(frame.bytes) : null });
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
          ? await extractAvMetadata(file)
          : { metadata: {}, note: null };
    if ("skipped" in extracted) return { outcome: "skipped", detail: extracted.skipped };
    return {
      outcome: "done",
      apply: async (tx) => {
        await tx.update(evidence).set({ metadata: extracted.metadata, metadataNote: extracted.note }).where(eq(evidence.id, item.id));
      },
    };
  },

  async thumbnail(item, file) {
    const category = categoryOf(item.mediaType);
    let bytes: Buffer;
    if (category === "image") {
      bytes = await thumbnailBytes(file);
    } else {
      if (!(await hasTool("ffmpeg"))) return { outcome: "skipped", detail: "ffmpeg is not installed" };
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "corroborate-thumb-"));
      try {
        const out = path.join(dir, "frame.png");
        // A frame one second in (or the first, for shorter clips) says more than a black opening frame.
        await runTool("ffmpeg", ["-v", "error", "-ss", "1", "-i", file, "-frames:v", "1", "-y", out]).catch(() =>
          runTool("ffmpeg", ["-v", "error", "-i", file, "-frames:v", "1", "-y", out]),
        );
        bytes = await thumbnailBytes(await fsp.readFile(out));
      } finally {
        await fsp.rm(dir, { recursive: true, force: true });
      }
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
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "corroborate-keyframes-"));
    try {
      // The first frame and every scene change, capped: what a reviewer scans, and what near-duplicate search compares.
      const { stderr } = await runTool("ffmpeg", [
        "-v", "info", "-i", file,
        "-vf", `select='eq(n\\,0)+gt(scene\\,${SCENE_CHANGE})',showinfo`,
        "-fps_mode", "vfr", "-frames:v", String(MAX_KEYFRAMES), "-y", path.join(dir, "k%03d.png"),
      ], 300_000);
      const times = [...stderr.matchAll(/pts_time:\s*([0-9.]+)/g)].map((m) => Math.round(Number(m[1]) * 1000));
      const names = (await fsp.readdir(dir)).filter((n) => n.endsWith(".png")).sort();
      const frames = [];
      for (const [i, name] of names.entries()) {
        frames.push({ bytes: await thumbnailBytes(await fsp.readFile(path.join(dir, name))), atMs: times[i] ?? null });
      }
      return { outcome: "done", detail: { keyframes: frames.length }, apply: await derivativeRows(item, "keyframe", frames) };
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  },
};
