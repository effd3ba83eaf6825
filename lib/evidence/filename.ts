import { cutText } from "@/lib/validation/text";

// Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) and other invisible
// format characters can make "gpj.exe" read as "exe.jpg". Kept in the stored name (it is
// evidence), shown visibly.
const BIDI_AND_INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * The client's filename as metadata: never a path. Control characters dropped, length bounded to
 * 255 UTF-16 units without cutting a character in two (half an emoji is a lone surrogate, which
 * the audit log's JSON cannot hold), and well-formed.
 */
export function cleanOriginalFilename(name: string | null | undefined): string | null {
  if (!name) return null;
  let cleaned = name.replace(CONTROL, "").toWellFormed();
  cleaned = cutText(cleaned, 255).trim();
  return cleaned || null;
}

/** For display: every invisible or direction-changing character written out as ⟨U+XXXX⟩. */
export function displayFilename(name: string): string {
  return name.replace(BIDI_AND_INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

/** A Content-Disposition header that cannot be broken out of: ASCII fallback plus RFC 5987. */
export function contentDisposition(name: string | null, sha256: string): string {
  const base = name ? name.replace(CONTROL, "").split(/[\\/]/).pop()! : sha256;
  const ascii = base.replace(BIDI_AND_INVISIBLE, "").replace(/[^\x20-\x7E]/g, "_").replace(/["\\;]/g, "_") || sha256;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base.replace(BIDI_AND_INVISIBLE, ""))}`;
}
