import { describe, expect, it } from "vitest";
import { inLocale } from "@/lib/i18n/translate";
import { formatBytes } from "./receive-format";
import { sizeText } from "./size-text";

describe("sizeText", () => {
  it("writes a size as formatBytes does, and in Arabic in the reader's digits", () => {
    const MB = 1024 * 1024;
    for (const bytes of [0, 1, 512, 1023, 1536, 2048, 10 * MB, 20 * MB, 5.55 * MB, 9.96 * MB, 3 * 1024 * MB, 12_345_678_901]) {
      expect(sizeText(bytes), String(bytes)).toBe(formatBytes(bytes));
    }
    expect(inLocale("ar", () => sizeText(5.55 * MB), "arab")).toBe("٥٫٥ ميغابايت");
    expect(inLocale("ar", () => sizeText(512))).toBe("512 بايت");
  });
});
