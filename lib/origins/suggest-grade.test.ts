import { describe, expect, it } from "vitest";
import { inLocale, tr } from "@/lib/i18n/translate";
import { becauseText } from "./because";
import type { Origin } from "./compute-origins";
import { suggestGrade } from "./suggest-grade";

let n = 0;
function origin(spec: Partial<Origin>): Origin {
  n += 1;
  return {
    id: `o${n}`,
    evidenceIds: [`e${n}`],
    sourceIds: [`s${n}`],
    stance: "supports",
    credibleSupport: true,
    credibleContradiction: false,
    strongSupport: true,
    weakSources: false,
    firstHand: false,
    reasons: [],
    ...spec,
  } as Origin;
}

/** One set of origins for each reason suggestGrade can give. */
const CASES: Record<string, Origin[]> = {
  contested: [origin({}), origin({ stance: "contradicts", credibleSupport: false, credibleContradiction: true })],
  discounted: [origin({ stance: "contradicts", credibleSupport: false, credibleContradiction: true })],
  confirmed: [origin({ firstHand: true }), origin({})],
  probable: [origin({}), origin({})],
  probableHeldByCredibility: [origin({}), origin({}), origin({ firstHand: true, weakSources: true, strongSupport: false })],
  singleHeldBySources: [origin({ weakSources: true }), origin({ weakSources: true })],
  singleHeldByCredibility: [origin({}), origin({ weakSources: true, strongSupport: false })],
  single: [origin({})],
  unassessed: [origin({ credibleSupport: false, strongSupport: false })],
  noEvidence: [],
};

const sayIn = (locale: "ar" | "en") => (key: string, values?: Record<string, string | number>) =>
  inLocale(locale, () => (tr as unknown as (k: string, v?: unknown) => string)(`origins.because.${key}`, values));

describe("why a grade is suggested", () => {
  it("is said from the catalogue word for word as the API's English `because`, for every reason", () => {
    const keys = new Set<string>();
    for (const [name, origins] of Object.entries(CASES)) {
      const summary = suggestGrade(origins);
      keys.add(summary.reason.key);
      expect(becauseText(sayIn("en"), summary.reason), name).toBe(summary.because);
    }
    expect([...keys].sort()).toEqual(["confirmed", "contested", "discounted", "noEvidence", "probable", "probableHeld", "single", "singleHeld", "unassessed"]);
  });

  it("is said in Arabic, with the counts in the right plural form", () => {
    const said = becauseText(sayIn("ar"), suggestGrade(CASES.probable).reason);
    expect(said).toBe("أصلان مستقلان يدعمانه، وليس أيٌّ منها مباشرًا.");
    expect(becauseText(sayIn("ar"), suggestGrade(CASES.single).reason)).toBe("يدعمه أصل واحد حتى الآن.");
  });
});
