import { describe, expect, it } from "vitest";
import { normalisePlace, scopeKeyFromQuery, scopeKeyOf } from "./scope-key";

describe("scopeKeyOf", () => {
  it("groups spellings that differ in case, spaces, diacritics and punctuation", () => {
    const keys = ["Baniyas ", "baniyas", "Bāniyās", "  BANIYAS.", "Ba\u0301niyas"].map((p) => scopeKeyOf({ scopePlace: p }));
    expect(new Set(keys)).toEqual(new Set(["baniyas||"]));
    expect(scopeKeyOf({ scopePlace: "Syrian coast (Latakia, Tartus,  Hama countryside)", scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10" })).toBe(
      "syrian coast latakia tartus hama countryside|2025-03-06|2025-03-10",
    );
  });

  it("keeps Arabic letters, dropping only vowel marks, hamza on alef and tatweel", () => {
    expect(normalisePlace("اللاذقية")).toBe("اللاذقية");
    expect(normalisePlace("اللَّاذِقِيَّة")).toBe("اللاذقية");
    expect(normalisePlace("بانيـــاس، طرطوس")).toBe("بانياس طرطوس");
    expect(normalisePlace("إدلب")).toBe(normalisePlace("ادلب"));
    expect(normalisePlace("ﻻ")).toBe("لا"); // a presentation-form ligature
    expect(normalisePlace("قرية ٣")).toBe("قرية 3");
  });

  it("keeps the period apart: the same place over another period is another series", () => {
    expect(scopeKeyOf({ scopePlace: "Jableh", scopePeriodFrom: "2025-03-06" })).toBe("jableh|2025-03-06|");
    expect(scopeKeyOf({ scopePlace: "Jableh", scopePeriodFrom: "2025-03-06" })).not.toBe(scopeKeyOf({ scopePlace: "Jableh" }));
  });

  it("turns a query's scope, a key or a bare place, into the same key", () => {
    expect(scopeKeyFromQuery("Baniyas")).toBe("baniyas||");
    expect(scopeKeyFromQuery("baniyas||")).toBe("baniyas||");
    expect(scopeKeyFromQuery("Bāniyās|2025-03-06|2025-03-10")).toBe("baniyas|2025-03-06|2025-03-10");
  });
});
