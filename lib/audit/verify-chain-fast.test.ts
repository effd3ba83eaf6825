import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Db, rowsOf } from "@/db/connect";
import { auditEvents } from "@/db/schema";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { jsonValues } from "@/lib/test/json-values";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { type ChainedFields, canonicalEvent, GENESIS_HASH, hashEvent } from "./chain";
import { auditEventBatches, auditEventLineBatches, readEventLine, verifyAuditChainUnchecked } from "./verify-chain";

// The verifier reads each event as one line of text (verify-chain.ts). These tests hold that
// reading to the driver's: the same event and canonical bytes for every event, however awkward its
// content, and every changed column caught, on each database.

const storable = (s: string) => s.isWellFormed() && !s.includes("\u0000");
const text = fc.string({ unit: "binary", maxLength: 10 }).filter(storable);
const key = fc.oneof(text, fc.constantFrom("é", "z", "😀", "\uffff"));
const json = jsonValues({ keys: key, texts: text, extra: [fc.constantFrom(1e21, 1e-7, 0.1, -0, 2 ** 64, "é", "😀", "\u001f")] });

/** Events with awkward content, chained after the head as the app would chain them. */
async function appendAwkwardEvents(db: Db, actorId: string, count: number): Promise<void> {
  const [head] = rowsOf<{ seq: string | number; hash: string }>(await db.execute(sql`select seq, hash from audit_events order by seq desc limit 1`));
  let seq = Number(head?.seq ?? 0);
  let prevHash = head?.hash ?? GENESIS_HASH;
  const shapes = fc.sample(
    fc.record({
      occurredAt: fc.integer({ min: 0, max: Date.parse("2100-01-01") }).map((ms) => new Date(ms)),
      actorId: fc.constantFrom(actorId, null),
      type: text,
      entityType: text,
      // Some with the line's separator in them: those events must take the exact reading.
      entityId: fc.oneof({ arbitrary: text, weight: 9 }, { arbitrary: text.map((s) => `${s}\u001f${s}`), weight: 1 }),
      data: fc.dictionary(key, json, { maxKeys: 6 }), // an event's data is an object
    }),
    { numRuns: count, seed: 22 },
  );
  for (const shape of shapes) {
    const fields: ChainedFields = { ...shape, seq: ++seq, data: JSON.parse(JSON.stringify(shape.data)), prevHash };
    prevHash = hashEvent(fields);
    await db.insert(auditEvents).values({ ...fields, hash: prevHash });
  }
}

describe.each(TEST_DRIVERS)("the verifier's fast reading on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer"] });

  it("reads every event as the driver reads it, to the canonical bytes", async () => {
    const claim = await submitSample(world.db, world.submitter, { title: "مقبرة جماعية — mass grave 😀" });
    await transitionClaim(world.db, world.reviewer, claim.id, { action: "accept", version: 1 });
    await appendAwkwardEvents(world.db, world.reviewer.id, 300);

    const lines: string[] = [];
    for await (const batch of auditEventLineBatches(world.db)) lines.push(...batch);
    let checked = 0;
    for await (const events of auditEventBatches(world.db)) {
      for (const event of events) {
        const line = readEventLine(lines[event.seq - 1]);
        if ([event.type, event.entityType, event.entityId].some((field) => field.includes("\u001f"))) {
          expect(line).toBeNull(); // not trusted: checked the slow way
          continue;
        }
        expect(line).toEqual(event);
        expect(canonicalEvent(line!)).toBe(canonicalEvent(event));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(await verifyAuditChainUnchecked(world.db)).toMatchObject({ ok: true, events: lines.length });
  });

  it("catches a change to any column of an event as its first broken link", async () => {
    const { db } = world;
    await db.execute(sql`alter table audit_events disable trigger user`);
    const { events } = await verifyAuditChainUnchecked(db);
    // An event in the middle that the fast reading vouches for, so a miss there cannot hide
    // behind the exact reading.
    const [row] = rowsOf<{ seq: string | number; actor: string | null }>(
      await db.execute(sql`select seq, actor_id::text as actor from audit_events
        where seq >= ${Math.floor(events / 2)} and entity_id not like '%' || chr(31) || '%' order by seq limit 1`),
    );
    const seq = Number(row.seq);
    expect(seq).toBeLessThan(events);
    const other = row.actor === world.submitter.id ? world.reviewer.id : world.submitter.id;
    const hashProblem = "hash does not match the event's content";
    const cases = [
      { column: "data", change: sql`data = jsonb_set(data, '{forged}', 'true')`, undo: sql`data = data - 'forged'`, problem: hashProblem },
      { column: "data (wrapped)", change: sql`data = jsonb_build_array(data)`, undo: sql`data = data -> 0`, problem: hashProblem },
      { column: "type", change: sql`type = type || 'x'`, undo: sql`type = left(type, -1)`, problem: hashProblem },
      { column: "entity_type", change: sql`entity_type = 'x' || entity_type`, undo: sql`entity_type = substr(entity_type, 2)`, problem: hashProblem },
      { column: "entity_id", change: sql`entity_id = entity_id || 'x'`, undo: sql`entity_id = left(entity_id, -1)`, problem: hashProblem },
      { column: "entity_id (a separator)", change: sql`entity_id = entity_id || chr(31)`, undo: sql`entity_id = left(entity_id, -1)`, problem: hashProblem },
      { column: "actor_id", change: sql`actor_id = ${other}`, undo: sql`actor_id = ${row.actor}`, problem: hashProblem },
      { column: "occurred_at", change: sql`occurred_at = occurred_at + interval '1 millisecond'`, undo: sql`occurred_at = occurred_at - interval '1 millisecond'`, problem: hashProblem },
      { column: "hash", change: sql`hash = reverse(hash)`, undo: sql`hash = reverse(hash)`, problem: hashProblem },
      { column: "prev_hash", change: sql`prev_hash = reverse(prev_hash)`, undo: sql`prev_hash = reverse(prev_hash)`, problem: "prev_hash does not match the event before" },
      { column: "seq", change: sql`seq = seq + 1000000`, undo: sql`seq = seq - 1000000`, problem: `event ${seq} is missing`, at: seq + 1_000_000 },
    ];
    for (const { column, change, undo, problem, at = seq } of cases) {
      await db.execute(sql`update audit_events set ${change} where seq = ${seq}`);
      const result = await verifyAuditChainUnchecked(db);
      expect(result, column).toMatchObject({ ok: false, firstBroken: seq, events: seq - 1, problem });
      await db.execute(sql`update audit_events set ${undo} where seq = ${at}`);
      expect(await verifyAuditChainUnchecked(db), column).toMatchObject({ ok: true, events });
    }
    // A null where the schema forbids one, with the separator it no longer brings moved into the
    // field before: joined with concat_ws (which skips nulls) the line would read exactly as before.
    await db.execute(sql`alter table audit_events alter column entity_type drop not null`);
    await db.execute(sql`update audit_events set type = type || chr(31) || entity_type, entity_type = null where seq = ${seq}`);
    expect(await verifyAuditChainUnchecked(db), "a null and a moved separator").toMatchObject({ ok: false, firstBroken: seq, events: seq - 1, problem: hashProblem });
    await db.execute(sql`update audit_events set type = split_part(type, chr(31), 1), entity_type = split_part(type, chr(31), 2) where seq = ${seq}`);
    await db.execute(sql`alter table audit_events alter column entity_type set not null`);
    expect(await verifyAuditChainUnchecked(db)).toMatchObject({ ok: true, events });
    await db.execute(sql`alter table audit_events enable trigger user`);
  });
});
