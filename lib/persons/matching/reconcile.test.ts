import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateNames } from "./generate-names";
import { reconcile, reconcileNames } from "./reconcile";

const entries = (...names: string[]) => names.map((name, i) => ({ id: `n${i}`, name }));

describe("reconcileNames", () => {
  it("groups the spellings of one person and keeps input order", () => {
    const clusters = reconcileNames(entries("Mohammad Ali Haidar", "Mahmoud Ali Haidar", "محمد علي حيدر", "Mahmud Ali Haydar", "Muhammad Ali Haydar"));
    expect(clusters).toEqual([["n0", "n2", "n4"], ["n1", "n3"]]);
  });

  it("does not chain two people through a name that fits both", () => {
    // "Mohammad Haidar" is a candidate for both men but must not join them.
    const clusters = reconcileNames(entries("Mohammad Ali Haidar", "Mohammad Haidar", "Mohammad Hassan Haidar", "محمد علي حيدر"));
    expect(clusters).toEqual([["n0", "n3"], ["n1"], ["n2"]]);
  });

  it("returns a partition of the input ids", () => {
    const pool = ["Mohammad Ali Haidar", "محمد علي حيدر", "Ali Hassan Deeb", "Hassan Ali Deeb", "Mohammad Haidar", "", "al", "Zzz", "علي", "Ali"];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 20 })), { maxLength: 40 }), (names) => {
        const input = names.map((name, i) => ({ id: `id${i}`, name }));
        const clusters = reconcileNames(input);
        const flat = clusters.flat();
        expect(flat.slice().sort()).toEqual(input.map((n) => n.id).sort());
        for (const cluster of clusters) expect(cluster.length).toBeGreaterThan(0);
        // Clusters ordered by first member, members in input order.
        const index = (id: string) => Number(id.slice(2));
        for (const cluster of clusters) expect(cluster.map(index)).toEqual(cluster.map(index).sort((a, b) => a - b));
        expect(clusters.map((c) => index(c[0]))).toEqual(clusters.map((c) => index(c[0])).sort((a, b) => a - b));
      }),
    );
  });

  it("compares only pairs that share a blocking key", () => {
    const names = generateNames(2000, 7);
    const { comparisons } = reconcile(names);
    expect(comparisons).toBeLessThan((names.length * names.length) / 2 / 50);
  });
});
