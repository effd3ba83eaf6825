import "server-only";
import exifr from "exifr";
import sharp from "sharp";
import { hasTool, probeMedia } from "./media-tools";

export type ExtractedMetadata = { metadata: Record<string, unknown>; note: string | null } | { skipped: string };

function iso(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return typeof value === "string" ? value : null;
}

/** EXIF of an image: device, capture time, GPS; a note when there is none (often stripped on upload). */
export async function extractImageMetadata(file: string): Promise<ExtractedMetadata> {
  const info = await sharp(file, { failOn: "none" }).metadata();
  let exif: Record<string, unknown> | undefined;
  try {
    exif = await exifr.parse(file, { tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false });
  } catch {
    exif = undefined;
  }
  const metadata: Record<string, unknown> = {
    width: info.width ?? null,
    height: info.height ?? null,
    format: info.format ?? null,
  };
  if (exif) {
    metadata.device = [exif.Make, exif.Model].filter(Boolean).join(" ") || null;
    metadata.software = exif.Software ?? null;
    metadata.capturedAt = iso(exif.DateTimeOriginal ?? exif.CreateDate);
    if (typeof exif.latitude === "number" && typeof exif.longitude === "number") {
      metadata.gps = { latitude: exif.latitude, longitude: exif.longitude };
    }
  }
  const note = !exif
    ? "No EXIF metadata: it was probably stripped (social platforms and messengers remove it)."
    : !metadata.capturedAt && !metadata.device
      ? "EXIF is present but has no camera or capture time: it may have been edited or re-saved."
      : null;
  return { metadata, note };
}

/** Container metadata of video and audio via ffprobe: duration, codecs, creation time, location tags. */
export async function extractAvMetadata(file: string, mediaType: string | null): Promise<ExtractedMetadata> {
  if (!(await hasTool("ffprobe"))) return { skipped: "ffprobe is not installed" };
  const probe = await probeMedia(file, mediaType);
  const tags = { ...(probe.format?.tags ?? {}) };
  for (const s of probe.streams ?? []) for (const [k, v] of Object.entries(s.tags ?? {})) tags[k] ??= v;
  const lower = Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
  const location = lower["com.apple.quicktime.location.iso6709"] ?? lower.location ?? lower["location-eng"] ?? null;
  const video = probe.streams?.find((s) => s.codec_type === "video");
  const audio = probe.streams?.find((s) => s.codec_type === "audio");
  const metadata = {
    durationSeconds: probe.format?.duration ? Number(probe.format.duration) : null,
    container: probe.format?.format_name ?? null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    creationTime: lower.creation_time ?? null,
    location,
    encoder: lower.encoder ?? null,
    device: [lower["com.apple.quicktime.make"], lower["com.apple.quicktime.model"]].filter(Boolean).join(" ") || null,
  };
  const note =
    !metadata.creationTime && !metadata.device && !location
      ? "No creation time, device or location in the container: metadata was probably stripped or the file re-encoded."
      : null;
  return { metadata, note };
}
