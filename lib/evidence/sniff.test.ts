import { describe, expect, it } from "vitest";
import { sniffMediaType } from "./sniff";

describe("sniffing text", () => {
  it("takes Arabic plain text whatever its length, and never a byte string that is not UTF-8", async () => {
    const sentence = "منشور يذكر أن يوسف وحيد مثال قُتل في منزله في بانياس في 7 آذار.\n";
    // Every cut of the sentence: an even and an odd number of bytes, a letter cut at the end.
    const bytes = Buffer.from(sentence);
    for (let end = 8; end <= bytes.length; end++) {
      expect(await sniffMediaType(bytes.subarray(0, end)), `${end} bytes`).toEqual({ mediaType: "text/plain", category: "text" });
    }
    expect(await sniffMediaType(Buffer.from([0x61, 0x62, 0xff, 0xfe, 0x63, 0x64, 0x65, 0x66, 0x67]))).toBeNull();
    expect(await sniffMediaType(Buffer.from("a\u0000b"))).toBeNull();
  });
});
