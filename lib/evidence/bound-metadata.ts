import { CONTROL_CHARACTERS, cutText } from "@/lib/validation/text";

/**
 * What an item's metadata may weigh. Metadata comes from the file (container tags, EXIF) or the
 * captured page, so its sender chose every key and value: a 10 MB tag would otherwise be in every
 * answer about the item. Bounds in UTF-16 units (characters) for keys and values; the total in
 * bytes of JSON.
 */
export const METADATA_BOUNDS = { valueChars: 1024, keyChars: 64, entries: 64, depth: 4, totalBytes: 16 * 1024 } as const;

export type BoundedMetadata = {
  metadata: Record<string, unknown>;
  /** Where something was cut or left out (dotted paths), for the item's note. */
  cut: string[];
};

const CONTROL = new RegExp(CONTROL_CHARACTERS.source, "g");
const ELLIPSIS = "…";

function boundString(value: string, max: number, where: string, cut: string[]): string {
  // NUL cannot be stored in PostgreSQL's JSON; a lone surrogate not in UTF-8.
  const clean = value.replace(CONTROL, "").toWellFormed();
  if (clean.length <= max) return clean;
  cut.push(where);
  return cutText(clean, max - ELLIPSIS.length) + ELLIPSIS;
}

function boundValue(value: unknown, where: string, depth: number, cut: string[]): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") return boundString(value, METADATA_BOUNDS.valueChars, where, cut);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== "object" || ArrayBuffer.isView(value) || depth >= METADATA_BOUNDS.depth) {
    cut.push(where);
    return null;
  }
  const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  if (entries.length > METADATA_BOUNDS.entries) cut.push(where);
  const kept = entries.slice(0, METADATA_BOUNDS.entries);
  if (Array.isArray(value)) return kept.map(([i, v]) => boundValue(v, `${where}.${i}`, depth + 1, cut));
  return boundEntries(kept as [string, unknown][], where ? `${where}.` : "", depth, cut);
}

function boundEntries(entries: [string, unknown][], prefix: string, depth: number, cut: string[]) {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of entries) {
    const key = boundString(rawKey, METADATA_BOUNDS.keyChars, `${prefix}${rawKey.slice(0, METADATA_BOUNDS.keyChars)}`, cut);
    if (!(key in out)) out[key] = boundValue(value, `${prefix}${key}`, depth + 1, cut);
  }
  return out;
}

/**
 * Metadata fit to store: every string cut to `valueChars` (without splitting a character, ending
 * in "…"), keys to `keyChars`, `entries` per object or list, `depth` levels, no control characters
 * or non-finite numbers; then top-level fields in order while the JSON stays within `totalBytes`.
 * `longText` names fields with a bound of their own, outside the total (a captured page's text).
 */
export function boundMetadata(input: Record<string, unknown>, { longText = {} }: { longText?: Record<string, number> } = {}): BoundedMetadata {
  const cut: string[] = [];
  const metadata: Record<string, unknown> = {};
  const fields: [string, unknown][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (Object.hasOwn(longText, key) && typeof value === "string") metadata[key] = boundString(value, longText[key], key, cut);
    else fields.push([key, value]);
  }
  if (fields.length > METADATA_BOUNDS.entries) cut.push(fields[METADATA_BOUNDS.entries][0].slice(0, METADATA_BOUNDS.keyChars));
  let total = 2; // {}
  for (const [key, value] of Object.entries(boundEntries(fields.slice(0, METADATA_BOUNDS.entries), "", 0, cut))) {
    const size = Buffer.byteLength(JSON.stringify({ [key]: value })) - 1; // "key":value and a comma
    if (total + size > METADATA_BOUNDS.totalBytes) {
      cut.push(key);
      continue;
    }
    total += size;
    metadata[key] = value;
  }
  return { metadata, cut: [...new Set(cut)] };
}
