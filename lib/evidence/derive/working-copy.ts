import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Db } from "@/db/connect";
import { blobs, evidenceDerivatives } from "@/db/schema";
import type { WorkingCopyKind } from "@/lib/vocabulary";
import { categoryOf } from "../derivations";
import { getBlobStore, tempDir } from "../storage/get-blob-store";
import type { WorkingCopyDetails } from "../working-copies";
import { DERIVATION_LIMITS } from "./limits";
import { assertVideoWithinBounds, hasTool, inputArgs, probeMedia, runTool, toolArgs } from "./media-tools";
import { MediaRefused } from "./refused";

type Item = { id: string; mediaType: string | null; sha256: string | null };
export type WorkingCopyResult = {
  outcome: "done" | "skipped";
  detail: unknown;
  apply?: (tx: Db) => Promise<void>;
};

/** The `low` copy's budget: ≤ 400 kbit/s in all, the video capped (VBV) so no stretch runs over. */
const LOW_VIDEO_KBITS = 300;
const LOW_AUDIO_KBITS = 48;

/**
 * The encoder options of each copy. `web`: H.264 (High, 8-bit 4:2:0, what every browser plays)
 * at the original's size up to 1080p, AAC stereo; `low`: about 360p (the short side at most 360),
 * ≤ 300 kbit/s of video and 48 kbit/s of mono AAC; audio's `web`: AAC alone. All MP4 with the
 * index first (`+faststart`), so a player starts and seeks with a few ranges. Container metadata
 * (a phone's GPS tag) stays with the original only.
 */
function encoderArgs(kind: WorkingCopyKind, category: "video" | "audio"): string[] {
  const common = ["-map_metadata", "-1", "-sn", "-dn", "-movflags", "+faststart", "-f", "mp4"];
  if (category === "audio") return ["-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", "128k", ...common];
  const even = "force_divisible_by=2";
  if (kind === "web") {
    return [
      "-map", "0:v:0", "-map", "0:a:0?",
      "-vf", `scale=w='min(iw,1920)':h='min(ih,1080)':force_original_aspect_ratio=decrease:${even},format=yuv420p`,
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-threads", "1",
      "-c:a", "aac", "-b:a", "128k", "-ac", "2", ...common,
    ];
  }
  return [
    "-map", "0:v:0", "-map", "0:a:0?",
    // The short side at most 360, portrait or landscape.
    "-vf", `scale=w='if(gt(iw,ih),-2,min(iw,360))':h='if(gt(iw,ih),min(ih,360),-2)',format=yuv420p`,
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-profile:v", "main",
    "-maxrate", `${LOW_VIDEO_KBITS}k`, "-bufsize", `${LOW_VIDEO_KBITS * 2}k`, "-threads", "1",
    "-c:a", "aac", "-b:a", `${LOW_AUDIO_KBITS}k`, "-ac", "1", ...common,
  ];
}

/** A command line as a person would paste it in a shell: arguments with anything but plain characters quoted. */
function shellLine(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(" ");
}

async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  await pipeline(fs.createReadStream(file), async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      size += chunk.length;
      hash.update(chunk);
    }
  });
  return { sha256: hash.digest("hex"), size };
}

type Probed = { durationMs: number | null; width: number | null; height: number | null; frameRate: number | null; bitRate: number | null };

/** What the made copy holds: our own MP4, probed as MP4. */
async function probeCopy(file: string): Promise<Probed> {
  const { stdout } = await runTool(
    "ffprobe",
    ["-v", "error", "-print_format", "json", "-show_entries", "format=duration,bit_rate:stream=codec_type,width,height,avg_frame_rate", ...inputArgs(file, "video/mp4")],
    DERIVATION_LIMITS.probeTimeoutMs,
  );
  const probe = JSON.parse(stdout) as { format?: { duration?: string; bit_rate?: string }; streams?: { codec_type?: string; width?: number; height?: number; avg_frame_rate?: string }[] };
  const video = probe.streams?.find((s) => s.codec_type === "video");
  const [num, den] = (video?.avg_frame_rate ?? "").split("/").map(Number);
  const number = (value: string | undefined) => (Number.isFinite(Number(value)) && value !== undefined ? Number(value) : null);
  const duration = number(probe.format?.duration);
  return {
    durationMs: duration === null ? null : Math.round(duration * 1000),
    width: video?.width ?? null,
    height: video?.height ?? null,
    frameRate: num > 0 && den > 0 ? Math.round((num / den) * 1000) / 1000 : null,
    bitRate: number(probe.format?.bit_rate),
  };
}

/**
 * Make a working copy (`web` or `low`) of a video or audio original with ffmpeg: bounded like every
 * media tool (forced demuxer, one thread, `ulimit -v`, `nice`, killed past a time limit that grows
 * with the duration), written to a temp file, hashed and stored as a blob of its own. The original
 * is only read. The row keeps how the copy was made (the command line, its input named by the
 * original's SHA-256) and the `evidence.derived` event says it too, so the custody trail links
 * copy, original and command.
 */
export async function makeWorkingCopy(kind: WorkingCopyKind, item: Item, file: string): Promise<WorkingCopyResult> {
  const category = categoryOf(item.mediaType);
  if (category !== "video" && category !== "audio") return { outcome: "skipped", detail: { reason: "Only video and audio get working copies" } };
  if (category === "audio" && kind !== "web") return { outcome: "skipped", detail: { reason: "Audio gets one working copy" } };
  if (!(await hasTool("ffmpeg"))) return { outcome: "skipped", detail: "ffmpeg is not installed" };
  const probe = await probeMedia(file, item.mediaType, "frames");
  if (category === "video") assertVideoWithinBounds(probe);
  const seconds = Number(probe.format?.duration);
  const { workingCopySeconds, workingCopyBaseMs, workingCopyMsPerSecond, videoPixels } = DERIVATION_LIMITS;
  if (seconds > workingCopySeconds) {
    throw new MediaRefused(`A recording of ${Math.round(seconds / 60)} minutes is past the ${workingCopySeconds / 3600}-hour bound of working copies`);
  }
  const timeoutMs = workingCopyBaseMs + workingCopyMsPerSecond * (Number.isFinite(seconds) && seconds > 0 ? seconds : workingCopySeconds);

  const out = path.join(tempDir(), `${process.pid}-${randomUUID()}.${kind}.mp4`);
  const input = inputArgs(file, item.mediaType);
  const args = [
    "-v", "error", ...(category === "video" ? ["-max_pixels", String(videoPixels)] : []), ...input,
    "-t", String(workingCopySeconds), ...encoderArgs(kind, category), "-y", out,
  ];
  try {
    await runTool("ffmpeg", args, timeoutMs);
    const probed = await probeCopy(out);
    const stored = await sha256OfFile(out);
    const mediaType = category === "audio" ? "audio/mp4" : "video/mp4";
    // The command as run, the paths left out: the input is the original by its hash, the output the copy.
    const named = toolArgs("ffmpeg", args).map((arg) => (arg === input.at(-1) ? (item.sha256 ?? "original") : arg === out ? `${kind}.mp4` : arg));
    const details: WorkingCopyDetails = { command: shellLine(["ffmpeg", ...named]), ...probed };
    await getBlobStore().commit(out, stored.sha256, mediaType);
    return {
      outcome: "done",
      detail: { sha256: stored.sha256, size: stored.size, command: details.command },
      apply: async (tx) => {
        await tx.insert(blobs).values({ sha256: stored.sha256, size: stored.size, mediaType }).onConflictDoNothing();
        await tx
          .insert(evidenceDerivatives)
          .values({ evidenceId: item.id, kind, position: 0, blobSha256: stored.sha256, mediaType, size: stored.size, details })
          .onConflictDoNothing();
      },
    };
  } finally {
    await fsp.rm(out, { force: true });
  }
}
