import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEARCHED_TRANSLATIONS } from "@/db/schema";
import { LOCALES } from "@/lib/i18n/locales";
import { normalTranslations, originalDigest, ownLanguage, publicTranslations, translationsAfter } from "./translations";

const original = { title: "Killings in Baniyas", summary: "Residents were killed." };
const arabic = { title: "عمليات قتل في بانياس", summary: "قُتل سكان." };

describe("translations of an entry", () => {
  it("digest the original as the export's README says: SHA-256 of the JSON array [title, summary]", () => {
    expect(originalDigest(original)).toBe(createHash("sha256").update('["Killings in Baniyas","Residents were killed."]', "utf8").digest("hex"));
    // Title and summary are not run together: moving words between them is another original.
    expect(originalDigest({ title: "a b", summary: "c" })).not.toBe(originalDigest({ title: "a", summary: "b c" }));
  });

  it("name the entry's own language without its region", () => {
    expect([ownLanguage("ar-SY"), ownLanguage("en"), ownLanguage("ku")]).toEqual(["ar", "en", "ku"]);
  });

  it("keep one order whatever order jsonb gave the keys, and drop what is not a translation into an interface language", () => {
    const read = { en: { summary: "s", basedOn: "d", title: "t" }, ar: { basedOn: "d", title: "ت", summary: "م" }, fr: { title: "t", summary: "s", basedOn: "d" } };
    expect(JSON.stringify(normalTranslations(read))).toBe('{"ar":{"title":"ت","summary":"م","basedOn":"d"},"en":{"title":"t","summary":"s","basedOn":"d"}}');
    expect(normalTranslations({ ar: { title: "t" }, en: null })).toEqual({});
    expect(normalTranslations(null)).toEqual({});
  });

  it("after a draft: given ones replaced and stamped with the original as the draft leaves it, null ones removed, the rest kept as they were", () => {
    const kept = { ...arabic, basedOn: "an older original's digest" };
    const next = translationsAfter({ ar: kept }, { en: { title: "t", summary: "s" } }, original);
    expect(next).toEqual({ ar: kept, en: { title: "t", summary: "s", basedOn: originalDigest(original) } });
    expect(translationsAfter(next, { ar: null, en: undefined }, original)).toEqual({ en: next.en });
  });

  it("read publicly: words and whether the original changed since, none into the entry's own language, undefined when none", () => {
    const claim = { ...original, language: "en", translations: { ar: { ...arabic, basedOn: originalDigest(original) }, en: { ...arabic, basedOn: "x" } } };
    expect(publicTranslations(claim)).toEqual({ ar: { ...arabic, outdated: false } });
    expect(publicTranslations({ ...claim, title: "Killings in Jableh" })).toEqual({ ar: { ...arabic, outdated: true } });
    expect(publicTranslations({ ...claim, translations: {} })).toBeUndefined();
  });

  it("are searched in every interface language", () => {
    expect([...SEARCHED_TRANSLATIONS]).toEqual([...LOCALES]);
  });
});
