import { describe, expect, it } from "vitest";
import { cleanOriginalFilename, contentDisposition } from "./filename";

/**
 * A filename is metadata, kept in the evidence row and in its audit event (JSON). The attack corpus
 * (issue 8) found that 128 emoji cut at 255 UTF-16 units left half an emoji, a lone surrogate the
 * audit log's jsonb refused: the upload failed with a 500.
 */
describe("client filenames under attack", () => {
  it("is bounded without cutting a character in two, and always well-formed", () => {
    for (const name of [`${"🕊".repeat(128)}.txt`, `${"a".repeat(254)}🕊.txt`, `${"🕊".repeat(300)}`, `broken \uD800 name.txt`, `x\uDC00`]) {
      const cleaned = cleanOriginalFilename(name)!;
      expect(cleaned.length, name.slice(0, 20)).toBeLessThanOrEqual(255);
      expect(cleaned.isWellFormed(), name.slice(0, 20)).toBe(true);
      expect(() => JSON.parse(JSON.stringify({ cleaned }))).not.toThrow();
    }
    expect(cleanOriginalFilename(`${"a".repeat(254)}🕊.txt`)).toBe("a".repeat(254));
    expect(cleanOriginalFilename("notes.txt\u0000.exe\r\nX-Injected: 1")).toBe("notes.txt.exeX-Injected: 1");
  });

  it("downloads under one header line of printable ASCII, whatever the name", () => {
    for (const name of ["report.txt\r\nSet-Cookie: a=1", "invoice\u202Etxt.exe", `${"🕊".repeat(200)}.txt`, '"; filename="evil.html', "../../etc/passwd"]) {
      const header = contentDisposition(cleanOriginalFilename(name), "ab".repeat(32));
      expect(header, name).toMatch(/^attachment; filename="[\x20-\x7E]*"; filename\*=UTF-8''[\x21-\x7E]*$/);
    }
  });
});
