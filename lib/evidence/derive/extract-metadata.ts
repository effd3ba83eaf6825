import "server-only";
import exifr from "exifr";
import { isStorableDate } from "@/lib/validation/date";
import { boundMetadata } from "../bound-metadata";
import { cutNote, type MetadataNote } from "../metadata-notes";
import { type ImageHeader, imageHeader } from "./decode-image";
import { hasTool, probeMedia } from "./media-tools";

export type ExtractedMetadata = { metadata: Record<string, unknown>; notes: MetadataNote[] | null } | { skipped: string };

/** Stored metadata and its note: bounded (`boundMetadata`), with what was cut or left out said in the note. */
function finish(metadata: Record<string, unknown>, notes: (MetadataNote | null)[]): ExtractedMetadata {
  const bounded = boundMetadata(metadata);
  const kept = [...notes, cutNote(bounded.cut)].filter((n): n is MetadataNote => n !== null);
  return { metadata: bounded.metadata, notes: kept.length ? kept : null };
}

/** EXIF text (Make, Model, Software): a string, or nothing; a crafted tag may be any type. */
function exifText(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * An EXIF time ("2024:03:05 10:11:12", the camera's clock) as ISO 8601: with its offset when the
 * file gives one (OffsetTimeOriginal), else without a zone, since EXIF has none. Null unless it is
 * a real time within the storable years ("0000:00:00 00:00:00" is what cameras write for unknown).
 */
function exifDate(value: unknown, offset: unknown): string | null {
  const match = typeof value === "string" ? EXIF_DATE.exec(value.trim()) : null;
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const local = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const asUtc = new Date(`${local}Z`);
  // The round trip refuses what Date would roll over (February 30th, hour 24).
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 19) !== local || !isStorableDate(local.slice(0, 10))) return null;
  return typeof offset === "string" && EXIF_OFFSET.test(offset) ? `${local}${offset}` : local;
}

/** A position on Earth, or null: exifr computes it from whatever rationals the file holds (0/0 is NaN). */
function exifPosition(latitude: unknown, longitude: unknown): { latitude: number; longitude: number } | null {
  const isIn = (v: unknown, bound: number): v is number => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= bound;
  return isIn(latitude, 90) && isIn(longitude, 180) ? { latitude, longitude } : null;
}

/**
 * The EXIF the decoder found in the file's header, as a TIFF structure exifr reads from memory: the
 * header is read already, and exifr then never opens the file (its own file reading needs `fs`,
 * which the server bundle cannot give it). JPEG, WebP and HEIF/AVIF carry it after "Exif\0\0";
 * PNG's eXIf chunk is the TIFF structure itself. A TIFF file is EXIF throughout: exifr reads it whole.
 */
function exifSource(info: ImageHeader, file: string): Buffer | string | null {
  if (info.format === "tiff") return file;
  if (!info.exif) return null;
  const exif = Buffer.from(info.exif.buffer, info.exif.byteOffset, info.exif.byteLength);
  return exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? exif.subarray(6) : exif;
}

/** EXIF of an image: device, capture time, GPS; a note when there is none (often stripped on upload) or it is not believable. */
export async function extractImageMetadata(file: string): Promise<ExtractedMetadata> {
  const info = await imageHeader(file);
  const source = exifSource(info, file);
  let exif: Record<string, unknown> | undefined;
  let unreadable = false;
  if (source) {
    try {
      // Times as written (exifr would make "0000:00:00" a Date in 1899, in the server's zone).
      exif = await exifr.parse(source, { tiff: true, exif: { reviveValues: false }, gps: true, xmp: false, icc: false, iptc: false });
    } catch {
      unreadable = true;
    }
  }
  const metadata: Record<string, unknown> = {
    width: info.width ?? null,
    height: info.height ?? null,
    format: info.format ?? null,
  };
  const notes: (MetadataNote | null)[] = [];
  if (exif) {
    metadata.device = [exifText(exif.Make), exifText(exif.Model)].filter(Boolean).join(" ") || null;
    metadata.software = exifText(exif.Software);
    const rawDate = exif.DateTimeOriginal ?? exif.CreateDate;
    metadata.capturedAt = exifDate(rawDate, exif.DateTimeOriginal ? exif.OffsetTimeOriginal : exif.OffsetTimeDigitized);
    if (rawDate != null && !metadata.capturedAt) notes.push({ code: "exifBadDate" });
    const position = exifPosition(exif.latitude, exif.longitude);
    if (position) metadata.gps = position;
    else if (exif.latitude !== undefined || exif.longitude !== undefined) {
      notes.push({ code: "exifBadGps" });
    }
  }
  notes.unshift(
    unreadable
      ? { code: "exifUnreadable" }
      : !exif
        ? { code: "exifStripped" }
        : !metadata.capturedAt && !metadata.device
          ? { code: "exifNoCamera" }
          : null,
  );
  return finish(metadata, notes);
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
  const stripped = !metadata.creationTime && !metadata.device && !location;
  return finish(metadata, [stripped ? { code: "avStripped" } : null]);
}
