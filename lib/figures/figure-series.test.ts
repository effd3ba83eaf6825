import { describe, expect, it } from "vitest";
import { claimPersons, persons } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { getClaimFiguresOverview } from "./claim-figures-overview";
import { getFigureSeries, listFigureScopes } from "./figure-series";
import { recordFigure } from "./record-figure";

describe.each(TEST_DRIVERS)("figure series on %s", (driver) => {
  const world = useTestWorld(driver, { actors: { submitter: "submitter", otherSubmitter: "submitter", reviewer: "reviewer" } });

  it("groups one scope across claims, sources and spellings; gives the current range, the latest report and the named count", async () => {
    const { db } = world;
    const place = `Baniyas ${Math.random().toString(36).slice(2, 7)}`;
    const period = { scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10" };
    const [monitor, wire, network] = await Promise.all(
      ["Monitor", "Wire", "Network"].map((name) => createSource(db, world.reviewer, { name: `${name} ${place}`, kind: "organisation", reliability: "B" })),
    );
    const mine = await submitSample(db, world.submitter, { title: "Toll in Baniyas, my claim" });
    const theirs = await submitSample(db, world.otherSubmitter, { title: "Toll in Baniyas, their claim" });
    const killed = (claimId: string, actor: Actor, sourceId: string, asOf: string, value: number | [number, number], scopePlace = place) =>
      recordFigure(db, actor, claimId, {
        measure: "killed",
        ...(Array.isArray(value) ? { valueMin: value[0], valueMax: value[1] } : { value }),
        scopePlace,
        ...period,
        asOf,
        sourceId,
      });
    await killed(mine.id, world.submitter, monitor.id, "2025-03-08", 745);
    await killed(mine.id, world.submitter, monitor.id, "2025-03-09", 1018, `  ${place.toUpperCase()}. `);
    await killed(theirs.id, world.otherSubmitter, monitor.id, "2025-03-12", 1383, place.replace("a", "ā"));
    await killed(theirs.id, world.otherSubmitter, wire.id, "2025-03-10", [1000, 1300]);
    await killed(theirs.id, world.otherSubmitter, wire.id, "2025-03-11", [1100, 1500]);
    await killed(mine.id, world.submitter, network.id, "2025-03-10", 973);
    // Another measure and another period of the same place are other series.
    await recordFigure(db, world.submitter, mine.id, { measure: "missing", value: 40, scopePlace: place, ...period, asOf: "2025-03-10", sourceId: monitor.id });
    await recordFigure(db, world.submitter, mine.id, { measure: "killed", value: 5, scopePlace: place, asOf: "2025-03-10", sourceId: monitor.id });

    // Named victims: four links, three people — one was merged into another and counts once —
    // plus a witness (another role) and a victim on a claim outside the series.
    const outside = await submitSample(db, world.submitter, { title: "Another place" });
    const [a, b, c, d, e] = await db.insert(persons).values(Array.from({ length: 5 }, () => ({ createdById: world.reviewer.id }))).returning({ id: persons.id });
    const { eq } = await import("drizzle-orm");
    await db.update(persons).set({ mergedIntoId: a.id }).where(eq(persons.id, b.id));
    await db.insert(claimPersons).values([
      { claimId: mine.id, personId: a.id, role: "victim", isPublic: false, createdById: world.reviewer.id },
      { claimId: theirs.id, personId: b.id, role: "victim", isPublic: false, createdById: world.reviewer.id },
      { claimId: theirs.id, personId: a.id, role: "victim", isPublic: false, createdById: world.reviewer.id },
      { claimId: theirs.id, personId: c.id, role: "victim", isPublic: false, createdById: world.reviewer.id },
      { claimId: mine.id, personId: d.id, role: "witness", isPublic: false, createdById: world.reviewer.id },
      { claimId: outside.id, personId: e.id, role: "victim", isPublic: false, createdById: world.reviewer.id },
    ]);

    const key = `${place.toLowerCase()}|2025-03-06|2025-03-10`;
    const series = await getFigureSeries(db, world.reviewer, { measure: "killed", scope: key });
    expect(series.figures).toBe(6);
    expect(series.series.map((s) => [s.source.name, s.points.map((p) => [p.asOf, p.min, p.max])])).toEqual([
      [monitor.name, [["2025-03-08", 745, 745], ["2025-03-09", 1018, 1018], ["2025-03-12", 1383, 1383]]],
      [wire.name, [["2025-03-10", 1000, 1300], ["2025-03-11", 1100, 1500]]],
      [network.name, [["2025-03-10", 973, 973]]],
    ]);
    expect(series.series[0].points.map((p) => p.claimId)).toEqual([mine.id, mine.id, theirs.id]);
    // Each source's latest: 1,383, 1,100–1,500 and 973.
    expect(series.current).toEqual({ min: 973, max: 1500, sources: 3 });
    expect(series.latest).toMatchObject({ min: 1383, max: 1383, asOf: "2025-03-12", source: { id: monitor.id, name: monitor.name } });
    expect(series.named).toBe(2);
    expect(series.scope).toMatchObject({ key, periodFrom: "2025-03-06", periodTo: "2025-03-10" });

    // A bare place or any spelling of the key finds the same series; displaced has no named count.
    expect((await getFigureSeries(db, world.reviewer, { measure: "killed", scope: `${place.toUpperCase()}|2025-03-06|2025-03-10` })).figures).toBe(6);
    expect((await getFigureSeries(db, world.reviewer, { measure: "killed", scope: place })).figures).toBe(1);
    expect((await getFigureSeries(db, world.reviewer, { measure: "missing", scope: key })).named).toBe(0);
    const none = await getFigureSeries(db, world.reviewer, { measure: "displaced", scope: key });
    expect(none).toMatchObject({ series: [], current: null, latest: null, named: null, figures: 0 });

    // A submitter sees only the series on their own claims.
    const own = await getFigureSeries(db, world.submitter, { measure: "killed", scope: key });
    expect(own.series.map((s) => [s.source.name, s.points.length])).toEqual([[monitor.name, 2], [network.name, 1]]);
    expect(own.current).toEqual({ min: 973, max: 1018, sources: 2 });
    expect(own.named).toBe(1);

    // The index of scopes, and the claim page's overview.
    const scopes = (await listFigureScopes(db, world.reviewer)).filter((s) => s.key.startsWith(place.toLowerCase()));
    expect(scopes.map((s) => [s.measure, s.key, s.figures, s.sources])).toEqual(
      expect.arrayContaining([["killed", key, 6, 3], ["missing", key, 1, 1], ["killed", `${place.toLowerCase()}||`, 1, 1]]),
    );
    expect(scopes.find((s) => s.key === key && s.measure === "killed")).toMatchObject({ latestAsOf: "2025-03-12", periodFrom: "2025-03-06", periodTo: "2025-03-10" });
    const overview = await getClaimFiguresOverview(db, world.submitter, mine.id);
    expect(overview.figures).toHaveLength(5);
    expect(overview.series.map((s) => `${s.measure} ${s.scope.key}`).sort()).toEqual([`killed ${key}`, `killed ${place.toLowerCase()}||`, `missing ${key}`].sort());
  });

  it("answers a bad query with field errors and the signed-out with 401", async () => {
    const { db } = world;
    const error = await rejection(getFigureSeries(db, world.reviewer, { measure: "dead" as never, scope: "" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.details.fieldErrors ?? {}).sort()).toEqual(["measure", "scope"]);
    expect((await rejection(getFigureSeries(db, null, { measure: "killed", scope: "x" }))).code).toBe("UNAUTHORIZED");
    expect((await rejection(listFigureScopes(db, null))).code).toBe("UNAUTHORIZED");
  });
});
