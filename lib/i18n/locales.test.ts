import { describe, expect, it } from "vitest";
import { digitsOf, directionOf, formattingLocale, languageOf, negotiateLocale } from "./locales";
import { isPublicPath, publicPath, splitPublicPath } from "./public-paths";

describe("choosing a language", () => {
  it("takes the browser's first language we have, by quality", () => {
    expect(negotiateLocale("ar-SY,ar;q=0.9,en;q=0.8")).toBe("ar");
    expect(negotiateLocale("fr-FR, en;q=0.5, ar;q=0.7")).toBe("ar");
    expect(negotiateLocale("en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr, de")).toBeNull();
    expect(negotiateLocale("ar;q=0, en")).toBe("en");
    expect(negotiateLocale("en;q=0.5, ar;q=0.501")).toBe("ar");
    // A weight that is not one drops its range rather than counting as 1.
    for (const bad of ["-1", "NaN", "1e999", "0.0.1", "2", "1.5", "0.1234", "", "x"]) expect(negotiateLocale(`ar;q=${bad}, en;q=0.1`), bad).toBe("en");
    expect(negotiateLocale(null)).toBeNull();
  });

  it("reads a hostile header in bounded time", () => {
    const header = `${"xx;q=0.1,".repeat(200_000)}ar`;
    const started = performance.now();
    expect(negotiateLocale(header)).toBeNull(); // "ar" is past the bound
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("runs Arabic right to left and formats it in the Gregorian calendar with the digits chosen", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
    const tag = formattingLocale("ar", "arab");
    expect(languageOf(tag)).toBe("ar");
    expect(digitsOf(tag)).toBe("arab");
    expect(new Intl.NumberFormat(tag).format(1383)).toBe("١٬٣٨٣");
    expect(new Intl.NumberFormat(formattingLocale("ar", "latn")).format(1383)).toBe("1,383");
    expect(new Intl.DateTimeFormat(tag, { year: "numeric", timeZone: "UTC" }).format(new Date("2025-03-12"))).toBe("٢٠٢٥");
  });
});

describe("public addresses per language", () => {
  it("keeps the default language's addresses and prefixes the others", () => {
    expect(publicPath("en", "/entries/x")).toBe("/entries/x");
    expect(publicPath("ar", "/entries/x")).toBe("/ar/entries/x");
    expect(publicPath("ar", "/")).toBe("/ar");
    expect(splitPublicPath("/ar/entries/x")).toEqual({ locale: "ar", path: "/entries/x" });
    expect(splitPublicPath("/entries/x")).toEqual({ locale: "en", path: "/entries/x" });
    expect(isPublicPath("/methodology")).toBe(true);
    expect(isPublicPath("/claims")).toBe(false);
  });
});
