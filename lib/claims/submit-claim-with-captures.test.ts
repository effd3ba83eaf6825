import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims, evidence, jobs } from "@/db/schema";
import type { Db } from "@/db/connect";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor, SAMPLE_CLAIM } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { MAX_CAPTURES_WITH_CLAIM, submitClaimWithCaptures } from "./submit-claim-with-captures";

/** Everything a submission writes, counted: a refused one must leave all of it as it was. */
async function counts(db: Db) {
  const n = async (table: typeof claims | typeof evidence | typeof auditEvents | typeof jobs) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
  return { claims: await n(claims), evidence: await n(evidence), auditEvents: await n(auditEvents), jobs: await n(jobs) };
}

describe.each(TEST_DRIVERS)("submitClaimWithCaptures on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "admin"] });

  it("makes the claim and one pending capture per address (blank lines skipped, repeats once), all audited, each with its job", async () => {
    const { db } = world;
    const before = await counts(db);
    const title = "Shelling of the market, filmed from the north side";
    const { claim, captureIds } = await submitClaimWithCaptures(db, world.submitter, {
      ...SAMPLE_CLAIM,
      title,
      captureUrls: " https://example.org/report-1 \r\n\nhttp://example.org/report-2\nhttps://example.org/report-1\n",
    });
    expect(claim).toMatchObject({ title, state: "triage", submitter: { id: world.submitter.id } });
    expect(captureIds).toHaveLength(2);
    const items = await db
      .select({ id: evidence.id, claimId: evidence.claimId, intake: evidence.intake, sourceUrl: evidence.sourceUrl, addedById: evidence.addedById, processing: evidence.processing })
      .from(evidence)
      .where(eq(evidence.claimId, claim.id))
      .orderBy(asc(evidence.sourceUrl));
    expect(items.map(({ id: _id, ...item }) => item)).toEqual(
      ["https://example.org/report-1", "http://example.org/report-2"].sort().map((sourceUrl) => ({
        claimId: claim.id, intake: "capture", sourceUrl, addedById: world.submitter.id, processing: { capture: "pending" },
      })),
    );
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(captureIds));
    const queued = await db.select({ kind: jobs.kind, evidenceId: jobs.evidenceId }).from(jobs).where(sql`${jobs.evidenceId} in ${captureIds}`);
    expect(queued.map((j) => j.kind)).toEqual(["capture", "capture"]);
    const events = await db.select({ type: auditEvents.type, entityId: auditEvents.entityId, data: auditEvents.data }).from(auditEvents).where(sql`${auditEvents.entityId} in ${[claim.id, ...captureIds]}`);
    expect(events.map((e) => e.type).sort()).toEqual(["claim.submitted", "evidence.added", "evidence.added"]);
    for (const event of events.filter((e) => e.type === "evidence.added")) {
      expect(event.data).toMatchObject({ claimId: claim.id, intake: "capture", sha256: null });
    }
    expect(await counts(db)).toEqual({ claims: before.claims + 1, evidence: before.evidence + 2, auditEvents: before.auditEvents + 3, jobs: before.jobs + 2 });
  });

  it("a submission sent again with its key (its answer lost on the way) gets the claim it made, once; another person's same key makes their own", async () => {
    const { db } = world;
    const before = await counts(db);
    const submissionKey = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
    const input = { ...SAMPLE_CLAIM, title: "Sent twice from a phone on the bus", captureUrls: "https://example.org/once", submissionKey };
    // Both at once, as a retry racing the first sending: one claim, one capture.
    const [first, second] = await Promise.all([submitClaimWithCaptures(db, world.submitter, input), submitClaimWithCaptures(db, world.submitter, input)]);
    expect(second.claim.id).toBe(first.claim.id);
    expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
    const third = await submitClaimWithCaptures(db, world.submitter, { ...input, submissionKey: submissionKey.toUpperCase() });
    expect(third).toMatchObject({ repeated: true, captureIds: [], claim: { id: first.claim.id, title: input.title } });
    expect(await counts(db)).toEqual({ claims: before.claims + 1, evidence: before.evidence + 1, auditEvents: before.auditEvents + 2, jobs: before.jobs + 1 });
    // The key is the device's, not the claim's: it is in no answer and no audit event.
    expect(JSON.stringify(first)).not.toContain(submissionKey);
    const events = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.entityId, first.claim.id));
    expect(JSON.stringify(events)).not.toContain(submissionKey);

    const other = await submitClaimWithCaptures(db, await makeActor(db, "submitter"), input);
    expect(other.repeated).toBe(false);
    expect(other.claim.id).not.toBe(first.claim.id);
  });

  it("the same key with other words (two tabs that restored one draft) is a conflict naming the key, and nothing is written", async () => {
    const { db } = world;
    const submissionKey = "0d2f9a1e-7c3b-4e5d-9f6a-1b2c3d4e5f60";
    const first = await submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, title: "From the first tab", submissionKey });
    const before = await counts(db);
    const refused = await rejection(submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, title: "From the second tab, other words", submissionKey }));
    expect(refused.code).toBe("CONFLICT");
    expect(Object.keys(refused.details.fieldErrors ?? {})).toEqual(["submissionKey"]);
    expect(refused.message).toMatch(/already sent with other words/);
    expect(await counts(db)).toEqual(before);
    // The first tab's words sent again are still the first claim.
    expect((await submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, title: "From the first tab", submissionKey })).claim.id).toBe(first.claim.id);
  });

  it("a submission key that is not a UUID is refused, naming it, and nothing is written", async () => {
    const { db } = world;
    const before = await counts(db);
    for (const submissionKey of ["' or 1=1 --", "x".repeat(100_000), "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f\u0000", ["6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"], 7]) {
      const refused = await rejection(submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, submissionKey }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(Object.keys(refused.details.fieldErrors ?? {})).toEqual(["submissionKey"]);
      expect(JSON.stringify(refused.details)).not.toContain("xxxxxxxxxx");
    }
    expect(await counts(db)).toEqual(before);
  });

  it("without addresses it is a plain submission", async () => {
    const { db } = world;
    const before = await counts(db);
    const { claim, captureIds } = await submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, captureUrls: "\n  \n" });
    expect(captureIds).toEqual([]);
    expect(claim.state).toBe("triage");
    expect(await counts(db)).toEqual({ ...before, claims: before.claims + 1, auditEvents: before.auditEvents + 1 });
  });

  it("refuses the whole form for one wrong address, naming its line, and a bad field beside it; nothing written", async () => {
    const { db } = world;
    const before = await counts(db);
    const error = await rejection(
      submitClaimWithCaptures(db, world.submitter, {
        ...SAMPLE_CLAIM,
        title: "",
        captureUrls: "https://example.org/fine\nnot an address\nftp://example.org/file\nhttp://10.0.0.7/inside\nhttp://localhost:3000/\nhttp://localhost./\nhttp://app.LOCALHOST../",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details.fieldErrors?.title?.length).toBeGreaterThan(0);
    const lines = error.details.fieldErrors?.captureUrls ?? [];
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^Line 2: /);
    expect(lines[1]).toMatch(/^Line 3: .*http/);
    expect(lines[2]).toBe("Line 4: Refused: 10.0.0.7 is not a public address.");
    expect(lines[3]).toBe("Line 5: Refused: localhost is not a public address.");
    // The same names written fully qualified (a trailing dot) resolve the same way.
    expect(lines[4]).toBe("Line 6: Refused: localhost. is not a public address.");
    expect(lines[5]).toBe("Line 7: Refused: app.localhost.. is not a public address.");
    expect(await counts(db)).toEqual(before);
  });

  it("refuses a claim whose only fault is an address, and more addresses than one submission captures", async () => {
    const { db } = world;
    const before = await counts(db);
    const one = await rejection(submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, captureUrls: "javascript:alert(1)" }));
    expect(Object.keys(one.details.fieldErrors ?? {})).toEqual(["captureUrls"]);
    const many = Array.from({ length: MAX_CAPTURES_WITH_CLAIM + 1 }, (_, i) => `https://example.org/page-${i}`).join("\n");
    const tooMany = await rejection(submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, captureUrls: many }));
    expect(tooMany.details.fieldErrors?.captureUrls).toEqual([`At most ${MAX_CAPTURES_WITH_CLAIM} pages are captured with a claim; add the others from the claim's page.`]);
    const wrongType = await rejection(submitClaimWithCaptures(db, world.submitter, { ...SAMPLE_CLAIM, captureUrls: ["https://example.org/"] }));
    expect(wrongType.details.fieldErrors?.captureUrls?.length).toBeGreaterThan(0);
    expect(await counts(db)).toEqual(before);
  });

  it("refuses a role that does not submit, and input that is not a form", async () => {
    const { db } = world;
    const before = await counts(db);
    expect((await rejection(submitClaimWithCaptures(db, world.admin, { ...SAMPLE_CLAIM, captureUrls: "https://example.org/" }))).code).toBe("FORBIDDEN");
    expect((await rejection(submitClaimWithCaptures(db, null, SAMPLE_CLAIM))).code).toBe("UNAUTHORIZED");
    for (const input of [null, "text", [SAMPLE_CLAIM], 7]) {
      expect((await rejection(submitClaimWithCaptures(db, world.submitter, input))).code).toBe("BAD_REQUEST");
    }
    expect(await counts(db)).toEqual(before);
  });
});
