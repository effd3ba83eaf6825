import { describe, expect, it } from "vitest";
import { CANDIDATE_THRESHOLD, MATCH_THRESHOLD, scoreNames } from "./score";

const score = (a: string, b: string) => scoreNames(a, b).score;
const codes = (a: string, b: string) => scoreNames(a, b).reasons.map((r) => r.code);

describe("scoreNames", () => {
  it("matches one name across Arabic script and Latin transliterations", () => {
    const forms = ["محمد علي حيدر", "Mohammad Ali Haidar", "Muhammad Ali Haydar", "Mohamed Aly Hayder", "مُحَمَّد عَلِي حَيْدَر"];
    for (const a of forms) for (const b of forms) expect(score(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(codes("محمد علي حيدر", "Mohammad Ali Haidar")).toContain("cross_script");
    expect(codes("Muhammad Ali Haydar", "Mohamed Aly Hayder")).toContain("transliteration_variant");
    expect(codes("محمد علي حيدر", "مُحَمَّد عَلِي حَيْدَر")).toContain("same_arabic_name");
  });
  it("matches names the lexicon does not know, across scripts, on their consonants", () => {
    expect(score("وضاح يوسف حجازي", "Waddah Youssef Hijazi")).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(score("Wassim Yassin Shehadeh", "Wassim Yassine Chehade")).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
  it("keeps apart names whose consonants are close but which differ", () => {
    for (const [a, b] of [
      ["Mohammad Ali Haidar", "Mahmoud Ali Haidar"],
      ["محمد علي حيدر", "محمود علي حيدر"],
      ["Khaled Mahmoud Deeb", "Khalil Mahmoud Deeb"],
      ["Jamil Youssef Deeb", "Jamal Youssef Deeb"],
      ["Hassan Ali Haidar", "Hussein Ali Haidar"],
      ["Ali Issa Suleiman", "Alaa Issa Suleiman"],
      ["Said Ahmad Ismail", "Saad Ahmad Ismail"],
      ["Amer Suleiman Ismail", "Ammar Suleiman Ismail"],
      ["Samer Ibrahim Suleiman", "Samir Ibrahim Suleiman"],
    ]) expect(score(a, b), `${a} / ${b}`).toBeLessThan(CANDIDATE_THRESHOLD);
  });
  it("keeps the order of given and father's name", () => {
    expect(score("Ali Hassan Deeb", "Hassan Ali Deeb")).toBeLessThan(CANDIDATE_THRESHOLD);
    expect(score("علي حسن ديب", "Hassan Ali Deeb")).toBeLessThan(CANDIDATE_THRESHOLD);
  });
  it("scores a left-out father's name lower than a full match, as a candidate for a person to check", () => {
    const full = score("Mohammad Ali Haidar", "محمد علي حيدر");
    const missing = score("Mohammad Haidar", "محمد علي حيدر");
    expect(missing).toBeLessThan(full);
    expect(missing).toBeLessThan(MATCH_THRESHOLD);
    expect(missing).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(codes("Mohammad Haidar", "محمد علي حيدر")).toContain("missing_middle_name");
  });
  it("matches a name written with an extra grandfather's name", () => {
    expect(score("Mohammad Ali Hassan Haidar", "محمد علي حيدر")).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(score("Mohammad Ali Hassan Haidar", "Mohammad Hassan Haidar")).toBeLessThan(CANDIDATE_THRESHOLD);
  });
  it("treats the article as a weaker signal, not a difference", () => {
    const bare = score("Hussein Ahmad Khatib", "Hussein Ahmad Khatib");
    const article = score("Hussein Ahmad al-Khatib", "حسين احمد خطيب");
    expect(article).toBeLessThan(bare);
    expect(article).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
  it("scores empty names 0 and explains each agreement in words", () => {
    expect(scoreNames("", "Mohammad")).toEqual({ score: 0, reasons: [] });
    expect(scoreNames("   ", "   ").score).toBe(0);
    const reasons = scoreNames("Mohammad Ali Haidar", "محمد علي حيدر").reasons;
    expect(reasons).toContainEqual({ code: "same_father_name", text: "Same father's name (Ali / علي)", part: "father", forms: ["Ali", "علي"] });
    expect(reasons).toContainEqual({ code: "same_family_name", text: "Same family name (Haidar / حيدر)", part: "family", forms: ["Haidar", "حيدر"] });
    // What a reason names is data of its own too, so the interface can say it in any language.
    expect(scoreNames("Mohammad Ali Haidar", "Mohammad Haidar").reasons).toContainEqual({ code: "missing_middle_name", text: 'One name leaves out "Ali"', omitted: "Ali" });
  });
  it("shows a close misspelling of an unknown name as such", () => {
    const result = scoreNames("Wassim Yassin Barhoum", "Wassim Yassin Barhoun");
    expect(result.reasons.map((r) => r.code)).toContain("close_spelling");
  });
  it("stays in [0, 1]", () => {
    for (const [a, b] of [["a", "b"], ["Ali", "Ali"], ["محمد Ali", "Mohammad علي"]]) {
      const s = score(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});
