import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { listAuditEvents } from "@/lib/audit/list-events";
import { createSource } from "@/lib/sources/create-source";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { listClaimFigures } from "./list-claim-figures";
import { recordFigure } from "./record-figure";
import type { TRecordFigure } from "./schemas";

const figureCount = (db: Db) => rowCount(db, "figures");
const auditCount = (db: Db) => rowCount(db, "audit_events");

describe.each(TEST_DRIVERS)("recordFigure on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: { submitter: "submitter", otherSubmitter: "submitter", reviewer: "reviewer", editor: "editor", admin: "admin" },
    setup: async ({ db, reviewer }) => ({
      monitorId: (await createSource(db, reviewer, { name: "Coastal monitor", kind: "organisation", reliability: "B" })).id,
    }),
  });

  const input = (overrides: Record<string, unknown> = {}): TRecordFigure =>
    ({ measure: "killed", value: 1383, scopePlace: "Syrian coast", scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10", asOf: "2025-03-12", sourceId: world.monitorId, ...overrides }) as TRecordFigure;

  it("records a value and a range, answers the DTO, audits each with its data, lists them in as-of order", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const single = await recordFigure(db, world.submitter, claim.id, input({ note: "Expected to rise." }));
    expect(single).toMatchObject({
      claimId: claim.id,
      measure: "killed",
      valueMin: 1383,
      valueMax: 1383,
      scope: { place: "Syrian coast", periodFrom: "2025-03-06", periodTo: "2025-03-10", key: "syrian coast|2025-03-06|2025-03-10" },
      asOf: "2025-03-12",
      source: { id: world.monitorId, name: "Coastal monitor", reliability: "B", protected: false },
      note: "Expected to rise.",
    });
    const range = await recordFigure(db, world.submitter, claim.id, input({ value: undefined, valueMin: "1,000", valueMax: "1300", asOf: "2025-03-09" }));
    expect(range).toMatchObject({ valueMin: 1000, valueMax: 1300, asOf: "2025-03-09", note: null });

    const events = (await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` })).items.filter((e) => e.type === "claim.figure_recorded");
    expect(events.map((e) => e.data)).toEqual([
      { figureId: single.id, measure: "killed", valueMin: 1383, valueMax: 1383, scopeKey: "syrian coast|2025-03-06|2025-03-10", asOf: "2025-03-12", sourceId: world.monitorId },
      { figureId: range.id, measure: "killed", valueMin: 1000, valueMax: 1300, scopeKey: "syrian coast|2025-03-06|2025-03-10", asOf: "2025-03-09", sourceId: world.monitorId },
    ]);
    expect(events[0].actor?.id).toBe(world.submitter.id);
    expect((await listClaimFigures(db, world.submitter, claim.id)).map((f) => f.id)).toEqual([range.id, single.id]);
  });

  it.each([
    ["both a value and a range", { valueMin: 1, valueMax: 2 }, { value: ["Give a single value or a range, not both."] }],
    ["neither a value nor a range", { value: undefined }, { value: ["Give a value, or a range (minimum and maximum)."] }],
    ["half a range", { value: undefined, valueMin: 5 }, { valueMax: ["Give the upper end of the range."] }],
    ["a range upside down", { value: undefined, valueMin: 9, valueMax: 3 }, { valueMax: ["The maximum is below the minimum."] }],
    ["a negative count", { value: -1 }, { value: ["A count cannot be negative."] }],
    ["a fraction", { value: 2.5 }, { value: ["Use a whole number."] }],
    ["words for a number", { value: "many" }, { value: ["Use a whole number."] }],
    ["an impossible date", { asOf: "2025-02-30" }, { asOf: ["Not a real date."] }],
    ["a date in another format", { asOf: "12/03/2025" }, { asOf: ["Use YYYY-MM-DD."] }],
    ["an as-of date in the future", { asOf: "2999-01-01" }, { asOf: ["The as-of date is in the future."] }],
    ["an as-of date before the period", { asOf: "2025-03-01" }, { asOf: ["The as-of date is before the period begins."] }],
    ["a period that ends before it begins", { scopePeriodTo: "2025-03-01", asOf: "2025-03-12" }, { scopePeriodTo: ["The period ends before it begins."] }],
    ["no place", { scopePlace: "  " }, { scopePlace: ["Required."] }],
    ["a place of punctuation only", { scopePlace: "—?!" }, { scopePlace: ["Use letters or digits in the place."] }],
    ["an unknown measure", { measure: "wounded" }, { measure: ["Use one of: killed, injured, displaced, missing."] }],
    ["an unknown field", { total: 5 }, { total: ["Unknown field."] }],
    ["a source id that is no id", { sourceId: "monitor" }, { sourceId: ["Choose a source."] }],
    ["a source that does not exist", { sourceId: "00000000-0000-4000-8000-000000000000" }, { sourceId: ["No such source."] }],
  ])("refuses %s with a 400 and field errors, writing nothing", async (_what, overrides, fieldErrors) => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const [figuresBefore, auditBefore] = [await figureCount(db), await auditCount(db)];
    const error = await rejection(recordFigure(db, world.submitter, claim.id, input(overrides)));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.status).toBe(400);
    expect(error.details.fieldErrors).toEqual(fieldErrors);
    expect([await figureCount(db), await auditCount(db)]).toEqual([figuresBefore, auditBefore]);
  });

  it("names every problem at once, and answers a body that is no object with a 400 too", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = [await figureCount(db), await auditCount(db)];
    const many = await rejection(recordFigure(db, world.submitter, claim.id, input({ valueMin: 5, asOf: "2025-02-30", extra: true })));
    expect(many.details.fieldErrors).toEqual({ value: ["Give a single value or a range, not both."], asOf: ["Not a real date."], extra: ["Unknown field."] });
    for (const body of [null, "1383", [1383]]) {
      const error = await rejection(recordFigure(db, world.submitter, claim.id, body as never));
      expect([error.code, Object.keys(error.details.fieldErrors ?? {})]).toEqual(["BAD_REQUEST", [""]]);
    }
    expect([await figureCount(db), await auditCount(db)]).toEqual(before);
  });

  it("refuses another submitter's claim (404), an admin (403), a closed claim (422), the signed-out (401)", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = [await figureCount(db), await auditCount(db)];
    const other = await rejection(recordFigure(db, world.otherSubmitter, claim.id, input()));
    expect([other.code, other.status]).toEqual(["NOT_FOUND", 404]);
    expect((await rejection(listClaimFigures(db, world.otherSubmitter, claim.id))).code).toBe("NOT_FOUND");
    const byAdmin = await rejection(recordFigure(db, world.admin, claim.id, input()));
    expect([byAdmin.code, byAdmin.status]).toEqual(["FORBIDDEN", 403]);
    expect((await rejection(recordFigure(db, null, claim.id, input()))).code).toBe("UNAUTHORIZED");
    expect((await rejection(recordFigure(db, world.reviewer, "not-a-uuid", input()))).code).toBe("NOT_FOUND");
    const cast = { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor };
    for (const state of ["rejected", "retracted"] as const) {
      const closed = await claimInState(db, cast, state);
      const countsBefore = [await figureCount(db), await auditCount(db)];
      const error = await rejection(recordFigure(db, world.reviewer, closed.id, input()));
      expect([error.code, error.status, error.details.guard]).toEqual(["INVALID_STATE", 422, "state"]);
      expect([await figureCount(db), await auditCount(db)]).toEqual(countsBefore);
    }
    // A reviewer and an editor may record on anyone's open claim.
    for (const actor of [world.reviewer, world.editor]) {
      const figure = await recordFigure(db, actor, claim.id, input({ value: 10 }));
      expect(figure.claimId).toBe(claim.id);
    }
  });
});
