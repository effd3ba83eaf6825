import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { recordAuditEvent } from "./append-event";
import { GENESIS_HASH, hashEvent } from "./chain";
import { readAuditHead, verifyAuditChain, verifyAuditChainUnchecked } from "./verify-chain";
import { inLocale } from "@/lib/i18n/translate";

describe.each(TEST_DRIVERS)("the audit chain on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "admin"] });

  const allRows = () =>
    world.db
      .select({ seq: auditEvents.seq, prevHash: auditEvents.prevHash, hash: auditEvents.hash, data: auditEvents.data })
      .from(auditEvents)
      .orderBy(asc(auditEvents.seq));

  // The tests below run in order: the last ones tamper with the log on purpose.

  it("verifies after a few operations: ok, every row counted, head = the last row's hash", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter, { title: "مقبرة جماعية — mass grave" });
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: 1 });
    claim = await gradeClaim(db, world.reviewer, claim.id, { grade: "single_source", rationale: "One origin.", version: claim.version });
    await attachAssessedItem(db, world.reviewer, claim.id);
    await transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: claim.version });

    const rows = await allRows();
    expect(rows.length).toBeGreaterThanOrEqual(7); // 3 users, submit, accept, grade, send to review
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);

    const result = await verifyAuditChain(db, world.admin);
    expect(result).toEqual({ ok: true, events: rows.length, head: rows[rows.length - 1].hash, firstBroken: null, problem: null });
    expect(await readAuditHead(db)).toEqual({ seq: rows.length, hash: rows[rows.length - 1].hash });
  });

  it("refuses UPDATE, DELETE and TRUNCATE on audit_events in the database itself", async () => {
    const { db } = world;
    const before = await allRows();
    const attempts = [
      sql`update audit_events set data = '{"forged": true}'::jsonb where seq = 2`,
      sql`update audit_events set type = type`,
      sql`delete from audit_events where seq = 2`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ];
    for (const statement of attempts) {
      await expect(db.execute(statement)).rejects.toThrow();
    }
    expect(await allRows()).toEqual(before);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("keeps seq contiguous and the chain unforked under 20 concurrent appends", async () => {
    const { db } = world;
    const before = await rowCount(db, "audit_events");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAuditEvent(db, null, {
          type: "auth.sign_in_succeeded",
          entity: { type: "user", id: `concurrent-${i}` },
          data: { method: "credentials" },
        }),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    const rows = await allRows();
    expect(rows).toHaveLength(before + 20);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length); // no two events share a parent
    const result = await verifyAuditChainUnchecked(db);
    expect(result).toMatchObject({ ok: true, events: before + 20, head: rows[rows.length - 1].hash, firstBroken: null });
  });

  it("reports the first broken link when an event in the middle is changed, then when one is deleted", async () => {
    const { db } = world;
    await db.execute(sql`alter table audit_events disable trigger user`);
    const rows = await allRows();
    expect(rows.length).toBeGreaterThan(10);
    const middle = rows[Math.floor(rows.length / 2)];

    // change one event's data, leaving its hash (and every later link) as it was
    await db.execute(
      sql`update audit_events set data = jsonb_set(data, '{forged}', 'true'::jsonb) where seq = ${middle.seq}`,
    );
    const changed = await verifyAuditChainUnchecked(db);
    expect(changed.ok).toBe(false);
    expect(changed.firstBroken).toBe(middle.seq);
    expect(changed.problem).toBe("hash does not match the event's content");
    // The reader's language is the request's: an Arabic page says it in Arabic.
    expect((await inLocale("ar", () => verifyAuditChainUnchecked(db))).problem).toBe("البصمة لا تطابق محتوى الحدث");
    expect(changed.events).toBe(middle.seq - 1);
    expect(changed.head).toBe(rows[middle.seq - 2].hash); // the last good hash

    // put it back: the chain verifies again, so the verifier looked at the content, not at a flag
    await db.execute(sql`update audit_events set data = ${JSON.stringify(middle.data)}::jsonb where seq = ${middle.seq}`);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);

    // delete one event in the middle
    const gone = middle.seq + 1;
    await db.execute(sql`delete from audit_events where seq = ${gone}`);
    const deleted = await verifyAuditChainUnchecked(db);
    expect(deleted.ok).toBe(false);
    expect(deleted.firstBroken).toBe(gone);
    expect(deleted.problem).toBe(`event ${gone} is missing`);
    expect(deleted.events).toBe(gone - 1);
    expect((await verifyAuditChain(db, world.admin)).firstBroken).toBe(gone);
  });

  it("reports a relinked chain: an event rewritten with a fresh hash breaks the link after it", async () => {
    const { db } = world;
    // start again from a clean chain: drop everything after the gap made above
    await db.execute(sql`truncate audit_events`);
    await submitSample(db, world.submitter, { title: "after the reset 1" });
    await submitSample(db, world.submitter, { title: "after the reset 2" });
    await submitSample(db, world.submitter, { title: "after the reset 3" });
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
    // a forger who changes event 2 and recomputes its own hash still breaks event 3's prev_hash
    const [second] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} = 2`);
    const forged = { ...second, data: { ...(second.data as object), forged: true } };
    const forgedHash = hashEvent(forged);
    await db.execute(
      sql`update audit_events set data = ${JSON.stringify(forged.data)}::jsonb, hash = ${forgedHash} where seq = 2`,
    );
    const result = await verifyAuditChainUnchecked(db);
    expect(result).toMatchObject({ ok: false, firstBroken: 3, events: 2, head: forgedHash, problem: "prev_hash does not match the event before" });
    await db.execute(sql`alter table audit_events enable trigger user`);
  });
});
