import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { recordFigure } from "@/lib/figures/record-figure";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { mergePerson } from "@/lib/persons/merge-person";
import { createSource } from "@/lib/sources/create-source";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { addAttribution, removeAttribution } from "./attributions";
import { recordCasualty, removeCasualty, updateCasualty } from "./casualties";
import { createIncident } from "./create-incident";
import { getIncident } from "./get-incident";
import { linkIncidentClaim, unlinkIncidentClaim } from "./incident-claims";
import { listIncidents } from "./list-incidents";
import type { TCreateIncident } from "./schemas";
import { type ReportedFigure, tallyOf } from "./tally";
import { MAX_INCIDENT_DEPTH } from "./tree";
import { updateIncident } from "./update-incident";

const report = (sourceId: string, min: number, max = min, { atLeast = false, asOf = "2025-03-12" } = {}): ReportedFigure => ({
  sourceId,
  sourceName: `Source ${sourceId}`,
  min,
  max,
  atLeast,
  asOf,
  claimId: "c",
});

describe("tallyOf", () => {
  it("spans the sources' ranges and single numbers, and says where they do not overlap", () => {
    const t = tallyOf(212, [report("a", 300, 320), report("b", 380)]);
    expect(t.reported).toEqual({ low: 300, high: 380, open: false });
    expect(t.sourcesDisagree).toBe(true);
    expect(t.namedAboveReported).toBe(false);
    expect(tallyOf(0, [report("a", 300, 400), report("b", 350)]).sourcesDisagree).toBe(false);
  });

  it("reads each source's newest report only", () => {
    const t = tallyOf(0, [report("a", 100, 100, { asOf: "2025-03-08" }), report("a", 300, 300, { asOf: "2025-03-12" }), report("b", 320)]);
    expect(t.reported).toEqual({ low: 300, high: 320, open: false });
    expect(t.sources.map((s) => s.min)).toEqual([300, 320]);
  });

  it("keeps 'at least N' open above: the highest floor is the top, with no bound past it", () => {
    const floorOnTop = tallyOf(500, [report("a", 300, 380), report("b", 400, 400, { atLeast: true })]);
    expect(floorOnTop.reported).toEqual({ low: 300, high: 400, open: true });
    // 500 named is no contradiction of "at least 400"; it would be of "300–380".
    expect(floorOnTop.namedAboveReported).toBe(false);
    expect(floorOnTop.sourcesDisagree).toBe(true);
    // A floor below another source's range agrees with it, and leaves the top bounded.
    const floorBelow = tallyOf(10, [report("a", 300, 380), report("b", 200, 200, { atLeast: true })]);
    expect(floorBelow.reported).toEqual({ low: 200, high: 380, open: false });
    expect(floorBelow.sourcesDisagree).toBe(false);
    expect(tallyOf(400, [report("a", 300, 380)]).namedAboveReported).toBe(true);
  });

  it("adds up the incidents under one only when it reports no figure of its own", () => {
    const a = tallyOf(5, [report("x", 10, 20)]);
    const b = tallyOf(3, [report("y", 7, 7, { atLeast: true })]);
    expect(tallyOf(8, [], [a, b])).toMatchObject({ reported: { low: 17, high: 27, open: true }, reportedFrom: "sub_incidents" });
    expect(tallyOf(8, [report("z", 1383)], [a, b])).toMatchObject({ reported: { low: 1383, high: 1383, open: false }, reportedFrom: "own" });
    expect(tallyOf(0, [], [])).toMatchObject({ reported: null, reportedFrom: null, sourcesDisagree: false });
  });
});

describe.each(TEST_DRIVERS)("incidents on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "editor", "admin"],
    setup: async ({ db, reviewer }) => ({
      snhr: (await createSource(db, reviewer, { name: "Network for Human Rights", kind: "organisation", reliability: "B" })).id,
      outlet: (await createSource(db, reviewer, { name: "Coastal outlet", kind: "outlet", reliability: "C" })).id,
    }),
  });

  const incident = (overrides: Partial<TCreateIncident> = {}): TCreateIncident => ({
    title: "Killings in Baniyas",
    language: "en",
    type: "killing",
    placeName: "Baniyas",
    placePrecision: "locality",
    latitude: 35.18,
    longitude: 35.94,
    startDate: "2025-03-07",
    endDate: "2025-03-08",
    datePrecision: "day",
    ...overrides,
  });

  async function victim(db: Db, actor: Actor, claimId: string, name: string) {
    return (await addClaimPerson(db, actor, claimId, { role: "victim", names: [name] })).person.id;
  }

  it("creates, reads and edits an incident, 409 on a stale version, every change in its audit trail", async () => {
    const { db, reviewer, editor } = world;
    const made = await createIncident(db, reviewer, incident({ translations: { ar: "مجزرة بانياس" } }));
    expect(made).toMatchObject({ title: "Killings in Baniyas", translations: { ar: { title: "مجزرة بانياس" } }, state: "draft", version: 1, claims: [], casualties: [] });
    const edited = await updateIncident(db, editor, made.id, { version: 1, endDate: "2025-03-09", summary: "Two days of killings." });
    expect(edited).toMatchObject({ endDate: "2025-03-09", summary: "Two days of killings.", version: 2 });
    const stale = await rejection(updateIncident(db, reviewer, made.id, { version: 1, title: "Other" }));
    expect(stale.code).toBe("CONFLICT");
    const reversed = await rejection(updateIncident(db, reviewer, made.id, { version: 2, startDate: "2025-03-10" }));
    expect(reversed.details?.fieldErrors).toEqual({ endDate: ["The end date is before the start date."] });
    expect((await getIncident(db, reviewer, made.id)).title).toBe("Killings in Baniyas");

    const claim = await submitSample(db, world.submitter);
    await linkIncidentClaim(db, reviewer, made.id, { claimId: claim.id });
    expect((await rejection(linkIncidentClaim(db, reviewer, made.id, { claimId: claim.id }))).code).toBe("CONFLICT");
    await unlinkIncidentClaim(db, reviewer, made.id, { claimId: claim.id });

    const trail = await listAuditEvents(db, world.admin, { entity: `incident:${made.id}` });
    expect(trail.items.map((e) => e.type)).toEqual(["incident.created", "incident.updated", "incident.claim_linked", "incident.claim_unlinked"]);
    expect(trail.items[1].data).toEqual({
      version: 2,
      changes: { endDate: { before: "2025-03-08", after: "2025-03-09" }, summary: { before: null, after: "Two days of killings." } },
    });
    expect(trail.items[2].data).toEqual({ claimId: claim.id });
    expect((await verifyAuditChain(db, world.admin)).ok).toBe(true);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const { db, reviewer } = world;
    const before = await rowCount(db, "incidents");
    const events = await rowCount(db, "audit_events");
    const cases: [Partial<TCreateIncident>, Record<string, string[]>][] = [
      [{ type: "riot" as never }, { type: ["Use one of: killing, mass_grave, shelling, arrest, disappearance, displacement, other."] }],
      [{ latitude: undefined }, { latitude: ["Give both latitude and longitude, or neither."], longitude: ["Give both latitude and longitude, or neither."] }],
      [{ startTime: "14:30" }, { startTime: ["A time is given only when the date precision is exact."] }],
      [{ endDate: "2025-03-01" }, { endDate: ["The end date is before the start date."] }],
      [{ title: "\u200b" }, { title: ["Required."] }],
      [{ parentId: "00000000-0000-4000-8000-000000000000" }, { parentId: ["No such incident."] }],
    ];
    for (const [overrides, fieldErrors] of cases) {
      const refused = await rejection(createIncident(db, reviewer, incident(overrides)));
      expect(refused.code, JSON.stringify(overrides)).toBe("BAD_REQUEST");
      expect(refused.details?.fieldErrors).toEqual(fieldErrors);
    }
    expect((await rejection(createIncident(db, reviewer, incident({ translations: { en: "Same language" } })))).details?.fieldErrors).toEqual({
      "translations.en": ["The title is already in this language: translate it into the other one."],
    });
    expect(await rowCount(db, "incidents")).toBe(before);
    expect(await rowCount(db, "audit_events")).toBe(events);
  });

  it("lets reviewers and editors write, admins and read-only tokens read, submitters nothing", async () => {
    const { db, submitter, admin, reviewer } = world;
    expect((await rejection(createIncident(db, submitter, incident()))).code).toBe("FORBIDDEN");
    expect((await rejection(createIncident(db, admin, incident()))).code).toBe("FORBIDDEN");
    const made = await createIncident(db, reviewer, incident());
    expect((await rejection(getIncident(db, submitter, made.id))).code).toBe("FORBIDDEN");
    expect((await getIncident(db, admin, made.id)).id).toBe(made.id);
    expect((await getIncident(db, { ...reviewer, readOnly: true }, made.id)).id).toBe(made.id);
    expect((await rejection(updateIncident(db, { ...reviewer, readOnly: true }, made.id, { version: 1, title: "x" }))).code).toBe("FORBIDDEN");
    expect((await rejection(getIncident(db, reviewer, "not-an-id"))).code).toBe("NOT_FOUND");
  });

  it("nests incidents, refuses a loop and a tree deeper than the bound", async () => {
    const { db, reviewer } = world;
    const coast = await createIncident(db, reviewer, incident({ title: "Coastal killings", placePrecision: "region" }));
    const baniyas = await createIncident(db, reviewer, incident({ parentId: coast.id }));
    const qusour = await createIncident(db, reviewer, incident({ title: "al-Qusour", parentId: baniyas.id, placePrecision: "vicinity" }));
    // Each incident made under it changed it: its version moved on.
    const coastNow = await getIncident(db, reviewer, coast.id);
    expect(coastNow.version).toBe(3);
    const loop = await rejection(updateIncident(db, reviewer, coast.id, { version: coastNow.version, parentId: qusour.id }));
    expect(loop.details?.fieldErrors).toEqual({ parentId: ["An incident cannot sit under itself or under one of its own sub-incidents."] });
    expect((await getIncident(db, reviewer, coast.id)).children.map((c) => c.id)).toEqual([baniyas.id]);
    let parentId = qusour.id;
    for (let depth = 3; depth < MAX_INCIDENT_DEPTH; depth++) parentId = (await createIncident(db, reviewer, incident({ title: `Level ${depth}`, parentId }))).id;
    const tooDeep = await rejection(createIncident(db, reviewer, incident({ title: "Too deep", parentId })));
    expect(tooDeep.details?.fieldErrors).toEqual({ parentId: [`Incidents nest at most ${MAX_INCIDENT_DEPTH} levels deep.`] });
  });

  it("tallies named victims once across nested incidents, against the figures their claims report", async () => {
    const { db, reviewer, editor } = world;
    const coast = await createIncident(db, reviewer, incident({ title: "Coast", placePrecision: "region" }));
    const baniyas = await createIncident(db, reviewer, incident({ parentId: coast.id }));
    const qusour = await createIncident(db, reviewer, incident({ title: "al-Qusour", parentId: baniyas.id }));
    const claim = await submitSample(db, world.submitter, { kind: "casualty_count" });
    const ali = await victim(db, world.submitter, claim.id, "Ali Hassan");
    const omar = await victim(db, world.submitter, claim.id, "Omar Khalil");
    const umar = await victim(db, world.submitter, claim.id, "Umar Khaleel");
    // Ali is recorded on the neighbourhood and on the town: the town counts him once.
    await recordCasualty(db, reviewer, qusour.id, { personId: ali, cause: "shot", status: "civilian", age: 34, sex: "male", sourceIds: [world.snhr] });
    await recordCasualty(db, reviewer, baniyas.id, { personId: ali });
    await recordCasualty(db, reviewer, baniyas.id, { personId: omar, ageBand: "adult" });
    await recordCasualty(db, reviewer, qusour.id, { personId: umar });
    // Omar and Umar turn out to be one man: still one victim.
    await mergePerson(db, reviewer, umar, { intoId: omar, reason: "Same man" });
    expect((await rejection(recordCasualty(db, reviewer, qusour.id, { personId: ali }))).code).toBe("CONFLICT");

    await linkIncidentClaim(db, reviewer, baniyas.id, { claimId: claim.id });
    await recordFigure(db, world.submitter, claim.id, { measure: "killed", valueMin: 300, valueMax: 320, scopePlace: "Baniyas", asOf: "2025-03-10", sourceId: world.snhr });
    await recordFigure(db, world.submitter, claim.id, { measure: "killed", value: 380, atLeast: true, scopePlace: "Baniyas", asOf: "2025-03-11", sourceId: world.outlet });
    await recordFigure(db, world.submitter, claim.id, { measure: "injured", value: 900, scopePlace: "Baniyas", asOf: "2025-03-11", sourceId: world.outlet });

    const town = await getIncident(db, editor, baniyas.id);
    expect(town.tally).toMatchObject({ named: 2, reported: { low: 300, high: 380, open: true }, reportedFrom: "own", sourcesDisagree: true });
    expect(town.children[0].tally).toMatchObject({ named: 2, reported: null });
    const whole = await getIncident(db, editor, coast.id);
    expect(whole.tally).toMatchObject({ named: 2, reported: { low: 300, high: 380, open: true }, reportedFrom: "sub_incidents" });
    const neighbourhood = await getIncident(db, editor, qusour.id);
    expect(neighbourhood.casualties.map((c) => [c.person?.names[0].name, c.cause, c.status, c.age, c.ageBand, c.sources.map((s) => s.name)])).toEqual([
      ["Ali Hassan", "shot", "civilian", 34, "adult", ["Network for Human Rights"]],
      ["Omar Khalil", "unknown", "unknown", null, null, []],
    ]);
    expect(town.claims).toEqual([{ id: claim.id, title: claim.title, kind: "casualty_count", state: "triage", grade: null, evidenceCount: 0 }]);
    expect(town.persons.map((p) => [p.person.names[0].name, p.recorded])).toEqual(expect.arrayContaining([["Ali Hassan", true], ["Omar Khalil", true]]));
    expect(town.figures.map((f) => [f.measure, f.min, f.max, f.atLeast])).toEqual([
      ["killed", 300, 320, false],
      ["killed", 380, 380, true],
      ["injured", 900, 900, false],
    ]);
  });

  it("changes and removes a victim's record and an attribution, audited with what they held", async () => {
    const { db, reviewer } = world;
    const made = await createIncident(db, reviewer, incident());
    const claim = await submitSample(db, world.submitter);
    const person = await victim(db, world.submitter, claim.id, "Samir Youssef");
    const recorded = await recordCasualty(db, reviewer, made.id, { personId: person, age: 15 });
    const record = recorded.casualties[0];
    expect(record).toMatchObject({ age: 15, ageBand: "child", version: 1 });
    const band = await rejection(updateCasualty(db, reviewer, made.id, record.id, { version: 1, ageBand: "older" }));
    expect(band.details?.fieldErrors).toEqual({ ageBand: ["The age band does not match the age."] });
    const changed = await updateCasualty(db, reviewer, made.id, record.id, { version: 1, age: null, ageBand: "older", cause: "burned" });
    expect(changed.casualties[0]).toMatchObject({ age: null, ageBand: "older", cause: "burned", version: 2 });
    expect((await rejection(updateCasualty(db, reviewer, made.id, record.id, { version: 1, cause: "shot" }))).code).toBe("CONFLICT");
    await removeCasualty(db, reviewer, made.id, record.id);
    expect((await getIncident(db, reviewer, made.id)).casualties).toEqual([]);

    expect((await rejection(addAttribution(db, reviewer, made.id, { perpetrator: "Armed group", grade: "probable", rationale: "Two videos.", sourceIds: [] }))).details?.fieldErrors).toEqual({
      sourceIds: ["Name at least one source that says who did it."],
    });
    const attributed = await addAttribution(db, reviewer, made.id, { perpetrator: "Armed group", grade: "probable", rationale: "Two videos.", sourceIds: [world.snhr] });
    expect(attributed.attributions).toMatchObject([{ perpetrator: "Armed group", grade: "probable", sources: [{ id: world.snhr, name: "Network for Human Rights" }] }]);
    await removeAttribution(db, reviewer, made.id, attributed.attributions[0].id);
    const trail = (await listAuditEvents(db, world.admin, { entity: `incident:${made.id}` })).items;
    expect(trail.map((e) => e.type)).toEqual([
      "incident.created",
      "incident.casualty_recorded",
      "incident.casualty_updated",
      "incident.casualty_removed",
      "incident.attribution_added",
      "incident.attribution_removed",
    ]);
    expect(trail[3].data).toMatchObject({ recordId: record.id, personId: person, changes: { cause: { before: "burned", after: null }, ageBand: { before: "older", after: null } } });
    expect(trail[5].data).toMatchObject({ perpetrator: "Armed group", grade: "probable", rationale: "Two videos.", sourceIds: [world.snhr] });
  });

  it("lists by type, period, grade and box, keyset-paged newest or oldest first", async () => {
    const { db, reviewer } = world;
    const base = { title: "Listed", placeName: "Jableh" };
    const early = await createIncident(db, reviewer, incident({ ...base, type: "mass_grave", startDate: "2024-01-01", endDate: "2024-01-02", latitude: 35.36, longitude: 35.92 }));
    const middle = await createIncident(db, reviewer, incident({ ...base, type: "mass_grave", startDate: "2024-02-01", endDate: "2024-02-01", latitude: 33.5, longitude: 36.3 }));
    const late = await createIncident(db, reviewer, incident({ ...base, type: "mass_grave", startDate: "2024-03-01", endDate: "2024-03-05", latitude: undefined, longitude: undefined }));
    const ids = async (query: Record<string, unknown>) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listIncidents(db, reviewer, { ...query, type: "mass_grave", limit: 1, cursor });
        out.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    expect(await ids({})).toEqual([late.id, middle.id, early.id]);
    expect(await ids({ order: "oldest" })).toEqual([early.id, middle.id, late.id]);
    expect(await ids({ from: "2024-01-15", to: "2024-03-02" })).toEqual([late.id, middle.id]);
    expect(await ids({ bbox: "35.5,35,36.5,36" })).toEqual([early.id]);
    const claim = await submitSample(db, world.submitter);
    await linkIncidentClaim(db, reviewer, middle.id, { claimId: claim.id });
    expect(await ids({ grade: "confirmed" })).toEqual([]);
    const bad = await rejection(listIncidents(db, reviewer, { bbox: "200,0,1,1" }));
    expect(bad.details?.fieldErrors).toEqual({ bbox: ["Give the box as west,south,east,north in decimal degrees."] });
  });
});
