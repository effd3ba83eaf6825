import { describe, expect, it } from "vitest";
import type { PublicSnapshot } from "./snapshot";
import { changesBetween, changeTexts } from "./version-changes";

const base: PublicSnapshot = {
  kind: "casualty_count",
  title: "1,383 killed",
  summary: "The monitor's count.",
  language: "en",
  incidentDate: { from: "2025-03-06", to: null },
  place: { name: "Latakia", latitude: null, longitude: null, precision: null },
  grade: "probable",
  evidence: { items: 1, byKind: [{ kind: "text", count: 1 }], hashes: [{ sha256: "a".repeat(64), kind: "text", size: 10 }] },
  origins: { count: 1, supporting: 1, contradicting: 0, origins: [] },
  persons: [],
  figures: [{ measure: "killed", valueMin: 1383, valueMax: 1383, scope: { place: "Coast", periodFrom: null, periodTo: null }, asOf: "2025-03-12", source: { name: "Monitor" } }],
  appearances: [],
};

describe("changesBetween", () => {
  it("finds nothing between a version and itself, and every field of a first version", () => {
    expect(changesBetween(base, structuredClone(base))).toEqual([]);
    expect(changesBetween(null, base).map((c) => c.field)).toEqual(["title", "summary", "kind", "language", "incidentDate", "place", "grade", "origins", "figures", "evidence"]);
  });

  it("lists replaced values before → after and list items added and removed, repeats counted", () => {
    const next: PublicSnapshot = {
      ...base,
      grade: "single_source",
      place: { name: "Baniyas", latitude: 35.18, longitude: 35.94, precision: "locality" },
      incidentDate: { from: "2025-03-06", to: "2025-03-10" },
      persons: [{ role: "victim", names: ["Samer Adel Makhlouf"], sex: null, age: 34, incidentDate: null, placeName: null }],
      figures: [{ ...base.figures![0], valueMin: 1500, valueMax: 1500, asOf: "2025-03-14" }],
      evidence: { items: 2, byKind: [], hashes: [...base.evidence!.hashes, ...base.evidence!.hashes] },
    };
    expect(changesBetween(base, next)).toEqual([
      { field: "incidentDate", before: "2025-03-06", after: "2025-03-06 – 2025-03-10" },
      { field: "place", before: "Latakia", after: "Baniyas · 35.18, 35.94 (locality)" },
      { field: "grade", before: "probable", after: "single_source" },
      { field: "persons", added: ["victim: Samer Adel Makhlouf, age 34"], removed: [] },
      { field: "figures", added: ["killed 1500 in Coast, as of 2025-03-14, Monitor"], removed: ["killed 1383 in Coast, as of 2025-03-12, Monitor"] },
      { field: "evidence", added: [`text · SHA-256 ${"a".repeat(64)}`], removed: [] },
    ]);
  });

  it("lists translations added, replaced and removed by their language and words", () => {
    const translated: PublicSnapshot = { ...base, translations: { ar: { title: "مقتل 1,383", summary: "إحصاء المرصد.", outdated: false } } };
    expect(changesBetween(base, translated)).toEqual([{ field: "translations", added: ["ar: مقتل 1,383 — إحصاء المرصد."], removed: [] }]);
    const retitled: PublicSnapshot = { ...translated, translations: { ar: { title: "مقتل 1,500", summary: "إحصاء المرصد.", outdated: false } } };
    expect(changesBetween(translated, retitled)).toEqual([{ field: "translations", added: ["ar: مقتل 1,500 — إحصاء المرصد."], removed: ["ar: مقتل 1,383 — إحصاء المرصد."] }]);
    expect(changesBetween(translated, base)).toEqual([{ field: "translations", added: [], removed: ["ar: مقتل 1,383 — إحصاء المرصد."] }]);
  });
});

describe("changesBetween in a page's language", () => {
  const next: PublicSnapshot = {
    ...base,
    place: { name: "بانياس", latitude: 35.18, longitude: 35.94, precision: "locality" },
    persons: [{ role: "victim", names: ["سامر عادل مخلوف"], sex: "male", age: 34, incidentDate: null, placeName: null }],
    figures: [{ ...base.figures![0], valueMin: 1500, valueMax: 1500, asOf: "2025-03-14" }],
    translations: { ar: { title: "\u202Eمقتل 1,500", summary: "إحصاء المرصد.", outdated: false } },
  };

  it("says an Arabic page's codes in Arabic words, and leaves no English word but the hash's name", () => {
    const changes = changesBetween(base, next, changeTexts("ar"));
    const said = JSON.stringify(changes);
    expect(said).toContain("ضحية (قُتل): سامر عادل مخلوف، ذكر، العمر 34");
    expect(said).toContain("قتلى 1500 في Coast، حتى 2025-03-14، Monitor");
    expect(said).toContain("35.18، 35.94 (");
    expect(said.replace(/SHA-256|"field":"\w+"|"(?:added|removed|before|after)"|Coast|Monitor|Latakia/g, "")).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("isolates each part a person wrote, so an override in a title stops at its end", () => {
    const [translations] = changesBetween(base, next, changeTexts("ar", { isolate: true })).filter((c) => c.field === "translations");
    expect(translations).toEqual({ field: "translations", added: ["ar: \u2068\u202Eمقتل 1,500\u2069 — \u2068إحصاء المرصد.\u2069"], removed: [] });
    // The API's English stays as it was: no isolates, codes as they are.
    expect(changesBetween(base, next).find((c) => c.field === "persons")).toEqual({ field: "persons", added: ["victim: سامر عادل مخلوف, male, age 34"], removed: [] });
  });
});
