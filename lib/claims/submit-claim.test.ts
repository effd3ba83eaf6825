import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims } from "@/db/schema";
import { snapshotCounts } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { SAMPLE_CLAIM, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { getClaim } from "./get-claim";
import type { TSubmitClaim } from "./schemas";
import { submitClaim } from "./submit-claim";

type BadCase = { name: string; input: Record<string, unknown>; field: string };

const { title: _title, ...withoutTitle } = SAMPLE_CLAIM;

const BAD_INPUTS: BadCase[] = [
  { name: "missing title", input: withoutTitle, field: "title" },
  { name: "blank title", input: { ...SAMPLE_CLAIM, title: "   " }, field: "title" },
  { name: "title of 301 characters", input: { ...SAMPLE_CLAIM, title: "x".repeat(301) }, field: "title" },
  { name: "summary of 10,001 characters", input: { ...SAMPLE_CLAIM, summary: "s".repeat(10_001) }, field: "summary" },
  { name: "unknown kind", input: { ...SAMPLE_CLAIM, kind: "rumour" }, field: "kind" },
  { name: "bad language code", input: { ...SAMPLE_CLAIM, language: "English" }, field: "language" },
  { name: "latitude without longitude", input: { ...SAMPLE_CLAIM, latitude: 35.5, placePrecision: "locality" }, field: "longitude" },
  { name: "latitude 91", input: { ...SAMPLE_CLAIM, latitude: 91, longitude: 35.9, placePrecision: "exact" }, field: "latitude" },
  { name: "longitude -181", input: { ...SAMPLE_CLAIM, latitude: 35.5, longitude: -181, placePrecision: "exact" }, field: "longitude" },
  { name: "latitude \"0x10\" (not decimal)", input: { ...SAMPLE_CLAIM, latitude: "0x10", longitude: "35.9", placePrecision: "exact" }, field: "latitude" },
  { name: "longitude \"1e1\" (not as typed)", input: { ...SAMPLE_CLAIM, latitude: "35.5", longitude: "1e1", placePrecision: "exact" }, field: "longitude" },
  { name: "latitude true", input: { ...SAMPLE_CLAIM, latitude: true, longitude: 35.9, placePrecision: "exact" }, field: "latitude" },
  { name: "coordinates without precision", input: { ...SAMPLE_CLAIM, latitude: 35.5, longitude: 35.9 }, field: "placePrecision" },
  {
    name: "end date before start date",
    input: { ...SAMPLE_CLAIM, incidentDateFrom: "2025-03-08", incidentDateTo: "2025-03-06" },
    field: "incidentDateTo",
  },
  { name: "invalid date 2025-02-30", input: { ...SAMPLE_CLAIM, incidentDateFrom: "2025-02-30" }, field: "incidentDateFrom" },
  // PostgreSQL has no year 0: the schema must refuse it, not let the insert fail (a 500)
  { name: "date in year 0000", input: { ...SAMPLE_CLAIM, incidentDateFrom: "0000-01-01" }, field: "incidentDateFrom" },
  { name: "date in another format", input: { ...SAMPLE_CLAIM, incidentDateFrom: "06/03/2025" }, field: "incidentDateFrom" },
  { name: "NUL character in the title", input: { ...SAMPLE_CLAIM, title: "before\u0000after" }, field: "title" },
  // a lone UTF-16 surrogate cannot be stored in jsonb: the schema must refuse it, not let the audit insert fail (a 500)
  { name: "lone surrogate in the title", input: { ...SAMPLE_CLAIM, title: "broken \uD800 text" }, field: "title" },
  { name: "javascript: first-seen URL", input: { ...SAMPLE_CLAIM, firstSeenUrl: "javascript:alert(1)" }, field: "firstSeenUrl" },
];

describe.each(TEST_DRIVERS)("submitClaim input on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer"],
    setup: async ({ db, submitter }) => {
      await submitSample(db, submitter); // so "unchanged" is not just "still empty"
    },
  });

  it.each(BAD_INPUTS)("refuses $name: BAD_REQUEST naming $field, nothing written", async ({ input, field }) => {
    const { db } = world;
    const before = await snapshotCounts(db);
    expect(before.claims).toBeGreaterThan(0);
    const error = await rejection(submitClaim(db, world.submitter, input as TSubmitClaim));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("refuses an unknown extra field: BAD_REQUEST whose field errors name it, nothing written", async () => {
    const { db } = world;
    const before = await snapshotCounts(db);
    const error = await rejection(submitClaim(db, world.submitter, { ...SAMPLE_CLAIM, state: "published" } as TSubmitClaim));
    expect(error.code).toBe("BAD_REQUEST");
    // zod reports unrecognised keys on the object itself (path ""), naming the key in the message
    expect(JSON.stringify(error.details.fieldErrors)).toContain("state");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("stores an Arabic, right-to-left claim exactly as given, and audits it", async () => {
    const { db } = world;
    const input: TSubmitClaim = {
      kind: "person",
      title: "مقتل عائلة في قرية المختارية، ريف اللاذقية",
      summary: "أفاد شهود بأن ٣ أفراد من العائلة قُتلوا في ٧ آذار ٢٠٢٥.\n\u200Fالمصدر: المرصد (RTL mark) – “quoted” ‘text’ 🕊️",
      language: "ar-SY",
      incidentDateFrom: "2025-03-07",
      incidentDateTo: "2025-03-08",
      placeName: "المختارية",
      latitude: 35.5167,
      longitude: 35.7833,
      placePrecision: "vicinity",
      firstSeenSourceName: "قناة تلغرام",
      firstSeenUrl: "https://example.org/مقطع?id=7",
    };
    const before = await snapshotCounts(db);
    const claim = await submitClaim(db, world.submitter, input);
    expect(claim).toMatchObject({
      kind: "person",
      title: input.title,
      summary: input.summary,
      language: "ar-SY",
      incidentDate: { from: "2025-03-07", to: "2025-03-08" },
      place: { name: "المختارية", latitude: 35.5167, longitude: 35.7833, precision: "vicinity" },
      firstSeen: { sourceName: "قناة تلغرام", url: "https://example.org/مقطع?id=7" },
      state: "triage",
      version: 1,
      submitter: { id: world.submitter.id, name: world.submitter.name },
    });
    const [row] = await db.select({ title: claims.title, summary: claims.summary }).from(claims).where(eq(claims.id, claim.id));
    expect(row).toEqual({ title: input.title, summary: input.summary });
    expect((await getClaim(db, world.reviewer, claim.id)).title).toBe(input.title);
    expect(await snapshotCounts(db)).toEqual({ claims: before.claims + 1, auditEvents: before.auditEvents + 1 });
    const [event] = await db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, claim.id));
    expect(event.type).toBe("claim.submitted");
    expect(event.actorId).toBe(world.submitter.id);
    expect((event.data as { changes: Record<string, { after: unknown }> }).changes.title.after).toBe(input.title);
  });

  it("answers BAD_REQUEST to an unknown action and NOT_FOUND to a malformed claim id, changing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = await snapshotCounts(db);
    const explode = await rejection(
      transitionClaim(db, world.reviewer, claim.id, { action: "explode", version: 1 } as unknown as Parameters<typeof transitionClaim>[3]),
    );
    expect(explode.code).toBe("BAD_REQUEST");
    expect(explode.details.fieldErrors?.action?.length).toBeGreaterThan(0);
    for (const id of ["not-a-uuid", "1", "' or 1=1 --", `${claim.id}x`]) {
      const error = await rejection(transitionClaim(db, world.reviewer, id, { action: "accept", version: 1 }));
      expect({ id, code: error.code }).toEqual({ id, code: "NOT_FOUND" });
    }
    expect(await snapshotCounts(db)).toEqual(before);
    const [row] = await db.select({ state: claims.state, version: claims.version }).from(claims).where(eq(claims.id, claim.id));
    expect(row).toEqual({ state: "triage", version: 1 });
  });
});
