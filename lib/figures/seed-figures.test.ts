import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { figures, users } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_FIGURE_SCOPE } from "@/lib/demo/seed-figures";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { listPublicEntries } from "@/lib/publishing/public-entries";
import { getFigureSeries, listFigureScopes } from "./figure-series";
import { scopeKeyOf } from "./scope-key";
import { useTestWorld } from "@/lib/test/world";

describe("the demo workspace's figures", () => {
  const world = useTestWorld("pglite");

  it("gives the published casualty claim a series from three sources, audited, once", async () => {
    const { db } = world;
    await seedDemo(db, { log: false });
    const reviewer = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, "reviewer") }))!;
    const actor = { id: reviewer.id, role: reviewer.role, name: reviewer.name };
    await seedDemo(db, { log: false }); // a second run adds nothing
    expect(Number((await db.select({ n: count() }).from(figures))[0].n)).toBe(10);
    const series = await getFigureSeries(db, actor, { measure: "killed", scope: scopeKeyOf(DEMO_FIGURE_SCOPE) });
    expect(series.series.map((s) => [s.source.name, s.points.length])).toEqual([
      ["UK-based Syrian monitor", 4],
      ["International wire", 3],
      ["Regional news site", 3],
    ]);
    expect(series.current).toEqual({ min: 1300, max: 1500, sources: 3 });
    expect(series.latest).toMatchObject({ min: 1300, max: 1500, asOf: "2025-03-14" });
    expect((await listFigureScopes(db, actor)).map((s) => [s.place, s.figures, s.sources])).toEqual([[DEMO_FIGURE_SCOPE.scopePlace, 10, 3]]);
    expect(Number((await db.select({ n: count() }).from(users))[0].n)).toBe(5);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
    // Recorded before publication, so the public entry carries them.
    const [entry] = (await listPublicEntries(db, { kind: "casualty_count" })).items;
    expect(entry.figures).toHaveLength(10);
    expect(entry.figures!.map((f) => f.source?.name)).toContain("UK-based Syrian monitor");
  });
});
