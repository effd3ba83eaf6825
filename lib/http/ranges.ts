/**
 * Byte ranges (RFC 9110 §14) for the doors that serve stored bytes: one range per request.
 *
 * - `bytes=a-b`, `bytes=a-` and `bytes=-n` are served as 206 with `Content-Range`; an end past the
 *   file is cut to its last byte.
 * - A range that starts at or past the end (or `-0`, or any range of an empty file) is 416 with
 *   `Content-Range: bytes *\/size`.
 * - Several ranges are answered with the whole file (200): RFC 9110 lets a server ignore `Range`,
 *   browsers and players ask for one, and a multipart answer would let a request of many tiny or
 *   overlapping ranges cost far more than the file.
 * - Anything we cannot read as a byte range (another unit, garbage, `b < a`) is ignored: the whole file.
 * - `If-Range` with the strong ETag (`"<sha256>"`) or the exact `Last-Modified` date keeps the
 *   range; anything else (another tag, a weak tag, another date) gets the whole file.
 *
 * Pure: no I/O, so the parsing is tested apart from the doors.
 */

export type ByteRange = { start: number; end: number };

export type RangeAnswer = { kind: "whole" } | { kind: "partial"; range: ByteRange } | { kind: "unsatisfiable" };

/** Longer than any honest one-range header: parsed no further (the whole file). */
const MAX_HEADER_LENGTH = 200;

/** What one `Range` header asks of a file of `size` bytes. */
export function parseRange(header: string | null, size: number): RangeAnswer {
  if (header === null || header.length > MAX_HEADER_LENGTH) return { kind: "whole" };
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return { kind: "whole" };
  const specs = match[1].split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (specs.length !== 1) return { kind: "whole" };
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(specs[0]);
  if (!spec || (spec[1] === "" && spec[2] === "")) return { kind: "whole" };
  const [first, last] = [spec[1], spec[2]];
  if (first === "") {
    // A suffix: the last n bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end: Math.min(end, size - 1) } };
}

/** HTTP dates carry whole seconds. */
const toSecond = (date: Date) => Math.floor(date.getTime() / 1000);

/** Whether `If-Range` (absent, an entity tag or a date) lets the range stand. */
export function ifRangeHolds(ifRange: string | null, etag: string, lastModified: Date | null): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return value === etag; // only a strong tag compares
  const date = Date.parse(value);
  return lastModified !== null && Number.isFinite(date) && Math.floor(date / 1000) === toSecond(lastModified);
}

/** A request's `Range` and `If-Range` headers, as sent (null when absent). */
export type RangeRequest = { range: string | null; ifRange: string | null };

/** The range a request asks of a stored file, `If-Range` taken into account. */
export function requestedRange(request: RangeRequest, file: { size: number; etag: string; lastModified: Date | null }): RangeAnswer {
  if (request.range === null || !ifRangeHolds(request.ifRange, file.etag, file.lastModified)) return { kind: "whole" };
  return parseRange(request.range, file.size);
}

/** The headers that say which bytes follow: all of them, or one range of them. */
export function rangeHeaders(answer: RangeAnswer, size: number): Record<string, string> {
  if (answer.kind === "partial") {
    const { start, end } = answer.range;
    return { "Accept-Ranges": "bytes", "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": String(end - start + 1) };
  }
  if (answer.kind === "unsatisfiable") return { "Accept-Ranges": "bytes", "Content-Range": `bytes */${size}` };
  return { "Accept-Ranges": "bytes", "Content-Length": String(size) };
}

/** The HTTP status of an answer: 200, 206 or 416. */
export function rangeStatus(answer: RangeAnswer): 200 | 206 | 416 {
  return answer.kind === "partial" ? 206 : answer.kind === "unsatisfiable" ? 416 : 200;
}

/** An entity tag from a SHA-256: strong, since the bytes under a hash never change. */
export function strongEtag(sha256: string): string {
  return `"${sha256}"`;
}
