import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeOrigins, type OriginInput } from "./compute-origins";
import { suggestGrade } from "./suggest-grade";

const src = (id: string, affiliatedWithId: string | null = null) => ({ id, name: id, affiliatedWithId });
const ev = (id: string, publishedBySourceId: string | null, isFirstHand = false, obtainedViaSourceId: string | null = null) => ({
  id,
  publishedBySourceId,
  obtainedViaSourceId,
  isFirstHand,
});
const empty: OriginInput = { items: [], sources: [], citations: [], mediaLinks: [], assessments: [] };
const supports = (evidenceId: string, credibility = 2) => ({ evidenceId, stance: "supports" as const, credibility });
const contradicts = (evidenceId: string, credibility = 2) => ({ evidenceId, stance: "contradicts" as const, credibility });

describe("computeOrigins", () => {
  it("folds forty outlets quoting one monitor into one origin, with the reasons", () => {
    const outlets = Array.from({ length: 40 }, (_, i) => src(`outlet${i}`));
    const input: OriginInput = {
      ...empty,
      sources: [src("monitor"), ...outlets],
      citations: outlets.map((o) => ({ sourceId: o.id, citesSourceId: "monitor" })),
      items: outlets.map((o, i) => ev(`e${String(i).padStart(2, "0")}`, o.id)),
      assessments: outlets.map((_, i) => supports(`e${String(i).padStart(2, "0")}`)),
    };
    const origins = computeOrigins(input);
    expect(origins).toHaveLength(1);
    expect(origins[0].evidenceIds).toHaveLength(40);
    expect(origins[0].sourceIds).toContain("monitor");
    expect(origins[0].reasons).toContain("outlet7 cites monitor");
    expect(suggestGrade(origins).suggestedGrade).toBe("single_source");
  });

  it("follows chains (A cites B cites C) and survives cycles (A cites B, B cites A)", () => {
    const chain = computeOrigins({
      ...empty,
      sources: [src("A"), src("B"), src("C"), src("D")],
      citations: [{ sourceId: "A", citesSourceId: "B" }, { sourceId: "B", citesSourceId: "C" }],
      items: [ev("e1", "A"), ev("e2", "C"), ev("e3", "D")],
    });
    expect(chain.map((o) => o.evidenceIds)).toEqual([["e1", "e2"], ["e3"]]);
    const cycle = computeOrigins({
      ...empty,
      sources: [src("A"), src("B")],
      citations: [{ sourceId: "A", citesSourceId: "B" }, { sourceId: "B", citesSourceId: "A" }],
      items: [ev("e1", "A"), ev("e2", "B")],
    });
    expect(cycle).toHaveLength(1);
  });

  it("joins affiliated accounts and duplicate media across unrelated accounts", () => {
    const origins = computeOrigins({
      ...empty,
      sources: [src("org"), src("org-telegram", "org"), src("stranger1"), src("stranger2")],
      items: [ev("a", "org"), ev("b", "org-telegram"), ev("c", "stranger1"), ev("d", "stranger2")],
      mediaLinks: [{ a: "c", b: "d", kind: "looks_alike" }],
    });
    expect(origins.map((o) => o.evidenceIds)).toEqual([["a", "b"], ["c", "d"]]);
    expect(origins[0].reasons).toEqual(["org-telegram is affiliated with org"]);
    expect(origins[1].reasons).toEqual(["item c looks like item d"]);
  });

  it("uses the source an item was obtained via when no publisher is known; an item with neither is its own origin", () => {
    const origins = computeOrigins({
      ...empty,
      sources: [src("relay")],
      items: [ev("a", null, false, "relay"), ev("b", "relay"), ev("c", null)],
    });
    expect(origins.map((o) => o.evidenceIds)).toEqual([["a", "b"], ["c"]]);
  });

  it("treats a protected source like any other: it folds when it relays, counts when it is independent", () => {
    const origins = computeOrigins({
      ...empty,
      sources: [src("monitor"), src("protected-relay"), src("protected-witness")],
      citations: [{ sourceId: "protected-relay", citesSourceId: "monitor" }],
      items: [ev("a", "monitor"), ev("b", "protected-relay"), ev("c", "protected-witness", true)],
      assessments: [supports("a"), supports("b"), supports("c")],
    });
    expect(origins.map((o) => o.evidenceIds)).toEqual([["a", "b"], ["c"]]);
    // Origins name sources by id only (reasons aside), so a public view can leave protected ones out.
    expect(origins[1].sourceIds).toEqual(["protected-witness"]);
    expect(suggestGrade(origins).suggestedGrade).toBe("confirmed");
  });

  it("gives each origin its stance and first-hand mark, and the grade follows the definitions", () => {
    const base: OriginInput = {
      ...empty,
      sources: [src("monitor"), src("witness"), src("outlet")],
      citations: [{ sourceId: "outlet", citesSourceId: "monitor" }],
      items: [ev("m", "monitor"), ev("o", "outlet"), ev("w", "witness", true)],
    };
    expect(suggestGrade(computeOrigins({ ...base, assessments: [supports("m"), supports("o")] })).suggestedGrade).toBe("single_source");
    expect(suggestGrade(computeOrigins({ ...base, assessments: [supports("m"), supports("w")] })).suggestedGrade).toBe("confirmed");
    expect(suggestGrade(computeOrigins({ ...base, items: base.items.map((i) => ({ ...i, isFirstHand: false })), assessments: [supports("m"), supports("w")] })).suggestedGrade).toBe("probable");
    const contested = computeOrigins({ ...base, assessments: [supports("m"), contradicts("w")] });
    expect(suggestGrade(contested)).toMatchObject({ suggestedGrade: "contested", supporting: 1, contradicting: 1 });
    expect(suggestGrade(computeOrigins({ ...base, assessments: [contradicts("w")] })).suggestedGrade).toBe("discounted");
    // Not credible (4: doubtful) does not count.
    expect(suggestGrade(computeOrigins({ ...base, assessments: [supports("m", 4), supports("w", 5)] })).suggestedGrade).toBeNull();
    const mixed = computeOrigins({ ...base, assessments: [supports("m"), contradicts("o", 5)] });
    expect(mixed.find((o) => o.evidenceIds.includes("m"))?.stance).toBe("mixed");
  });
});

describe("the suggested grade weighs both Admiralty axes (issue 17)", () => {
  // Two supporting origins, A first-hand; each a source's rating (or none behind the item) and the item's credibility.
  const rows: [string, string, string, string][] = [
    // A (first-hand)   B            suggestion        held back by
    ["B/2", "C/2", "confirmed", "-"],
    ["F/3", "F/3", "single_source", "credibility"],
    ["F/2", "F/2", "single_source", "source_reliability"],
    ["E/2", "F/2", "single_source", "source_reliability"],
    ["F/2", "B/3", "confirmed", "-"],
    ["F/3", "B/2", "single_source", "credibility"],
    ["F/3", "B/3", "single_source", "credibility"],
    ["B/3", "F/3", "single_source", "credibility"],
    ["E/2", "-/3", "confirmed", "-"],
    ["-/3", "-/3", "confirmed", "-"],
    ["D/3", "E/3", "single_source", "credibility"],
  ];
  const origin = (key: string, spec: string, firstHand: boolean) => {
    const [rating, credibility] = spec.split("/");
    const source = rating === "-" ? null : { id: `s${key}`, name: key, affiliatedWithId: null, reliability: rating };
    return { source, item: ev(key, source?.id ?? null, firstHand), assessment: supports(key, Number(credibility)) };
  };
  it.each(rows)("A %s (first-hand) and B %s: %s, held back by %s", (a, b, grade, held) => {
    const parts = [origin("a", a, true), origin("b", b, false)];
    const summary = suggestGrade(
      computeOrigins({
        ...empty,
        sources: parts.flatMap((p) => (p.source ? [p.source] : [])),
        items: parts.map((p) => p.item),
        assessments: parts.map((p) => p.assessment),
      }),
    );
    expect(summary.supporting).toBe(2);
    expect(summary.suggestedGrade).toBe(grade);
    expect(summary.limitedBy ?? "-").toBe(held);
  });

  it("two better-rated origins and a first-hand one rated F assessed 3: probable, and the first-hand one is what holds it", () => {
    const parts = [origin("a", "F/3", true), origin("b", "B/2", false), origin("c", "C/3", false)];
    const summary = suggestGrade(
      computeOrigins({ ...empty, sources: parts.flatMap((p) => (p.source ? [p.source] : [])), items: parts.map((p) => p.item), assessments: parts.map((p) => p.assessment) }),
    );
    expect(summary).toMatchObject({ supporting: 3, suggestedGrade: "probable", limitedBy: "credibility" });
    expect(summary.because).toContain("the first-hand one does not count yet");
  });

  it("one origin is single source whatever its rating; a lone origin rated F assessed 3 still counts as one", () => {
    for (const spec of ["A/1", "F/3", "-/3"]) {
      const p = origin("a", spec, true);
      const summary = suggestGrade(computeOrigins({ ...empty, sources: p.source ? [p.source] : [], items: [p.item], assessments: [p.assessment] }));
      expect(summary).toMatchObject({ supporting: 1, suggestedGrade: "single_source", limitedBy: null });
    }
  });
});

/** Random inputs where every item has a source, for the properties below. */
const arbitraryInput = fc
  .record({
    sourceCount: fc.integer({ min: 1, max: 8 }),
    items: fc.array(fc.record({ source: fc.nat(7), firstHand: fc.boolean() }), { minLength: 1, maxLength: 12 }),
    citations: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 10 }),
    affiliations: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 4 }),
    media: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 4 }),
  })
  .map(({ sourceCount, items, citations, affiliations, media }): OriginInput => {
    const s = (n: number) => `s${n % sourceCount}`;
    const affiliated = new Map(affiliations.map(([a, b]) => [s(a), s(b)]));
    return {
      sources: Array.from({ length: sourceCount }, (_, i) => ({ id: `s${i}`, name: `s${i}`, affiliatedWithId: affiliated.get(`s${i}`) ?? null })),
      items: items.map((it, i) => ({ id: `e${String(i).padStart(2, "0")}`, publishedBySourceId: s(it.source), obtainedViaSourceId: null, isFirstHand: it.firstHand })),
      citations: citations.map(([a, b]) => ({ sourceId: s(a), citesSourceId: s(b) })),
      mediaLinks: media
        .filter(([a, b]) => a < items.length && b < items.length)
        .map(([a, b]) => ({ a: `e${String(a).padStart(2, "0")}`, b: `e${String(b).padStart(2, "0")}`, kind: "same_file" as const })),
      assessments: [],
    };
  });

describe("computeOrigins properties", () => {
  it("adding a source that cites an existing one never adds an origin", () => {
    fc.assert(
      fc.property(arbitraryInput, fc.nat(7), (input, cited) => {
        const target = input.sources[cited % input.sources.length].id;
        const withRelay: OriginInput = {
          ...input,
          sources: [...input.sources, { id: "relay", name: "relay", affiliatedWithId: null }],
          citations: [...input.citations, { sourceId: "relay", citesSourceId: target }],
          items: [...input.items, { id: "zz-relayed", publishedBySourceId: "relay", obtainedViaSourceId: null, isFirstHand: false }],
        };
        const before = computeOrigins(input);
        const after = computeOrigins(withRelay);
        // When the cited source has no item yet, the relay's item may be the first of that origin.
        const citedHasItems = input.items.some((e) => before.find((o) => o.sourceIds.includes(target))?.evidenceIds.includes(e.id));
        expect(after.length).toBe(before.length + (citedHasItems ? 0 : 1));
      }),
    );
  });

  it("never counts more origins than distinct sources when every item has one", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const distinct = new Set(input.items.map((e) => e.publishedBySourceId)).size;
        expect(computeOrigins(input).length).toBeLessThanOrEqual(distinct);
      }),
    );
  });

  it("does not depend on the order evidence, sources, citations or links were added", () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer(), (input, seed) => {
        const shuffle = <T,>(xs: T[]) => {
          const out = [...xs];
          let x = seed || 1;
          for (let i = out.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) & 0x7fffffff;
            const j = x % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const reordered: OriginInput = {
          items: shuffle(input.items),
          sources: shuffle(input.sources),
          citations: shuffle(input.citations),
          mediaLinks: shuffle(input.mediaLinks),
          assessments: shuffle(input.assessments),
        };
        expect(computeOrigins(reordered)).toEqual(computeOrigins(input));
      }),
    );
  });
});
