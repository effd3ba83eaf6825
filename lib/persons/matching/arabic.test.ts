import { describe, expect, it } from "vitest";
import { normaliseArabic, romaniseArabicToken } from "./arabic";
import { romaniseArabic } from "./comparison-form";

describe("normaliseArabic", () => {
  it("folds hamza and madda alef forms to bare alef", () => {
    expect(normaliseArabic("أحمد إبراهيم آمنة ٱلله")).toBe("احمد ابراهيم امنه الله");
  });
  it("writes ta marbuta as ha", () => expect(normaliseArabic("فاطمة")).toBe("فاطمه"));
  it("writes alef maqsura as ya", () => expect(normaliseArabic("عيسى")).toBe("عيسي"));
  it("folds hamza seats and drops a standalone hamza", () => {
    expect(normaliseArabic("مؤيد")).toBe("مويد");
    expect(normaliseArabic("وائل")).toBe("وايل");
    expect(normaliseArabic("علاء")).toBe("علا");
  });
  it("removes tashkeel and the superscript alef", () => {
    expect(normaliseArabic("مُحَمَّدٌ")).toBe("محمد");
    expect(normaliseArabic("رحمٰن")).toBe("رحمن");
  });
  it("removes tatweel", () => expect(normaliseArabic("عـــلي")).toBe("علي"));
  it("reads Persian and Urdu ya and kaf as Arabic", () => expect(normaliseArabic("علی کمال")).toBe("علي كمال"));
  it("turns Arabic-Indic and Persian digits into ASCII", () => expect(normaliseArabic("٢٠٢٥ ۱۹")).toBe("2025 19"));
  it("turns presentation forms and ligatures into letters", () => expect(normaliseArabic("ﷲ")).toBe("الله"));
  it("collapses spaces", () => expect(normaliseArabic("  محمد   علي ")).toBe("محمد علي"));
});

describe("romanisation", () => {
  it("writes consonants, long vowels, and a final ta marbuta as a", () => {
    expect(romaniseArabicToken(normaliseArabic("شحادة"))).toBe("shhada");
    expect(romaniseArabicToken("وضاح")).toBe("wdah");
  });
  it("drops ʿayn, which Latin sources drop or write as a vowel", () => expect(romaniseArabicToken("عواد")).toBe("uad"));
  it("gives lexicon names their key, so both scripts meet", () => {
    expect(romaniseArabic("محمد علي حيدر")).toBe("muhammad ali haidar");
  });
  it("treats عبد ال… joined or apart as one name", () => {
    expect(romaniseArabic("عبد الله")).toBe(romaniseArabic("عبدالله"));
    expect(romaniseArabic("عبد الرحمن")).toBe(romaniseArabic("عبدالرحمن"));
  });
  it("reads the article apart from the name", () => expect(romaniseArabic("الحسن")).toBe(romaniseArabic("حسن")));
});
