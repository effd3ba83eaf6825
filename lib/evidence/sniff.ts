import { fileTypeFromBuffer } from "file-type";

export type MediaCategory = "video" | "image" | "audio" | "pdf" | "text" | "html" | "archive";
export type Sniffed = { mediaType: string; category: MediaCategory };

function decodesAsText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // A multi-byte character may be cut at the end of the sample: decoded as a stream, an
    // unfinished last character waits for bytes that never come instead of failing. (Cutting a
    // fixed 4 bytes off instead could itself end inside a character: Arabic text, two bytes a
    // letter, was refused as "not text" about half the time.)
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The media type from the bytes themselves, never from the client's claim. Returns null for
 * anything outside the allowlist (video, image, audio, PDF, plain text, HTML, WARC, WACZ).
 */
export async function sniffMediaType(head: Buffer, filename?: string | null): Promise<Sniffed | null> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const { mime } = detected;
    if (mime.startsWith("video/")) return { mediaType: mime, category: "video" };
    if (mime.startsWith("image/")) return { mediaType: mime, category: "image" };
    if (mime.startsWith("audio/")) return { mediaType: mime, category: "audio" };
    if (mime === "application/pdf") return { mediaType: mime, category: "pdf" };
    // WACZ is a ZIP; its name and its manifest say which kind.
    if (mime === "application/zip" && filename?.toLowerCase().endsWith(".wacz") && head.includes(Buffer.from("datapackage.json"))) {
      return { mediaType: "application/wacz", category: "archive" };
    }
    if (mime === "application/gzip" && filename?.toLowerCase().endsWith(".warc.gz")) {
      return { mediaType: "application/warc+gzip", category: "archive" };
    }
    return null;
  }
  if (head.length === 0 || !decodesAsText(head)) return null;
  const start = head.subarray(0, 1024).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (/^WARC\/1\.[01]\r?\n/.test(start)) return { mediaType: "application/warc", category: "archive" };
  if (/^(<!doctype html|<html[\s>]|<head[\s>])/i.test(start)) return { mediaType: "text/html", category: "html" };
  return { mediaType: "text/plain", category: "text" };
}
