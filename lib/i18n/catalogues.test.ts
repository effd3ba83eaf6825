import { parse } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "./catalogues";
import { LOCALES } from "./locales";

/** Every message of a catalogue by its dotted key. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Messages that are the same in every language by nature: a formatting locale tag. */
const NOT_TRANSLATED = new Set(["meta.formatLocale"]);

/** A message with no words outside its placeholders and tags ("{min}–{max}", "<name></name>, {date}") has nothing to translate. */
const hasWords = (message: string) => /\p{L}/u.test(message.replace(/\{[^{}]*\}/g, "").replace(/<\/?\w+>/g, ""));

describe("the catalogues", () => {
  const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(CATALOGUES[l])]));

  it("have the same keys in every language", () => {
    const english = [...flat.en.keys()].sort();
    for (const locale of LOCALES) expect([...flat[locale].keys()].sort(), locale).toEqual(english);
  });

  it("hold only ICU messages that parse", () => {
    for (const locale of LOCALES) {
      for (const [key, message] of flat[locale]) {
        expect(() => parse(message), `${locale}: ${key}`).not.toThrow();
      }
    }
  });

  it("never give an English message as the Arabic one", () => {
    const copies = [...flat.ar].filter(([key, message]) => !NOT_TRANSLATED.has(key) && hasWords(message) && message === flat.en.get(key)).map(([key]) => key);
    expect(copies).toEqual([]);
    // And every Arabic message has Arabic words in it (a copy with a changed comma is still a copy).
    const withoutArabic = [...flat.ar].filter(([key, message]) => !NOT_TRANSLATED.has(key) && hasWords(message) && !/\p{Script=Arabic}/u.test(message)).map(([key]) => key);
    expect(withoutArabic).toEqual([]);
  });

  it("give Arabic counts all six plural forms", () => {
    for (const [key, message] of flat.ar) {
      if (!/,\s*plural\s*,/.test(message)) continue;
      for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(message, key).toContain(`${form} {`);
    }
  });
});

describe("Arabic counts", () => {
  it("take the right one of the six forms for 0, 1, 2, 3, 11 and 100", async () => {
    const { inLocale, tr } = await import("./translate");
    const said = [0, 1, 2, 3, 11, 100].map((maximum) => inLocale("ar", () => tr("validation.tooManyItems", { maximum })));
    expect(said).toEqual(["لا عناصر.", "عنصر واحد على الأكثر.", "عنصران على الأكثر.", "3 عناصر على الأكثر.", "11 عنصرًا على الأكثر.", "100 عنصر على الأكثر."]);
    // With the Arabic-Indic digits a person may choose.
    expect(inLocale("ar", () => tr("validation.tooManyItems", { maximum: 11 }), "arab")).toBe("١١ عنصرًا على الأكثر.");
    // English has two.
    expect([1, 2].map((maximum) => inLocale("en", () => tr("validation.tooManyItems", { maximum })))).toEqual(["At most 1 item.", "At most 2 items."]);
  });
});
