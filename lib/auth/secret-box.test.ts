import { describe, expect, it } from "vitest";
import { keyedHash, open, seal } from "./secret-box";

describe("sealed secrets", () => {
  it("open what they sealed, differ each time, and refuse a tampered or foreign box", () => {
    const secret = "JBSWY3DPEHPK3PXP";
    const a = seal("totp-secret", secret);
    const b = seal("totp-secret", secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(open("totp-secret", a)).toBe(secret);
    // Another purpose's key cannot open it; a changed byte is refused, not misread.
    expect(open("recovery-code", a)).toBeNull();
    const [v, iv, tag, body] = a.split(".");
    const flipped = body.slice(0, -2) + (body.at(-2) === "A" ? "B" : "A") + body.at(-1);
    expect(open("totp-secret", [v, iv, tag, flipped].join("."))).toBeNull();
    for (const junk of ["", "v1", "v2.a.b.c", "v1...", "v1.!!.!!.!!"]) expect(open("totp-secret", junk)).toBeNull();
  });

  it("hash codes with a key: the same code the same hash, not its plain SHA-256", async () => {
    const { createHash } = await import("node:crypto");
    expect(keyedHash("recovery-code", "abcde-12345")).toBe(keyedHash("recovery-code", "abcde-12345"));
    expect(keyedHash("recovery-code", "abcde-12345")).not.toBe(keyedHash("recovery-code", "abcde-12346"));
    expect(keyedHash("recovery-code", "abcde-12345")).not.toBe(createHash("sha256").update("abcde-12345").digest("hex"));
  });
});
