import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Db, rowsOf } from "@/db/connect";
import { listClaims } from "@/lib/claims/list-claims";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { appendAuditEvent, recordAuditEvent } from "./append-event";
import { listAuditEvents } from "./list-events";
import { readAuditHead, verifyAuditChainUnchecked } from "./verify-chain";

const pending = Symbol("pending");
/** What `promise` has come to after `ms`: its value, or `pending`. */
const after = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<typeof pending>((r) => setTimeout(() => r(pending), ms))]);

/**
 * The append lock (a transaction-scoped advisory lock) orders writers, and only writers: while one
 * transaction holds it, PostgreSQL serves reads of the queue and of the log itself, and a second
 * appender waits its turn. PGlite is one connection: there an open transaction holds everything up,
 * reads included, whatever the lock; the test records that too, so the difference is stated, not assumed.
 */
describe.each(TEST_DRIVERS)("the audit append lock on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["reviewer", "submitter"],
    setup: async ({ db, submitter }) => {
      await submitSample(db, submitter, { title: "lock-q a claim in the queue" });
    },
  });

  it(driver === "postgres" ? "lets reads through while an append holds it, and makes the next appender wait" : "is held behind PGlite's single connection: reads wait for the open transaction", async () => {
    const { db } = world;
    const before = await readAuditHead(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const first = db.transaction(async (tx) => {
      await appendAuditEvent(tx as unknown as Db, world.reviewer.id, { type: "user.preferences_changed", entity: { type: "user", id: world.reviewer.id }, data: { changes: { n: { before: 0, after: 1 } } } });
      locked();
      await held; // the lock stays taken until this transaction commits
    });
    await lockTaken;

    const reads = Promise.all([
      listClaims(db, world.reviewer, { q: "lock-q" }),
      readAuditHead(db),
      listAuditEvents(db, world.reviewer, { entity: `user:${world.reviewer.id}` }),
    ]);
    const second = recordAuditEvent(db, world.submitter.id, { type: "user.preferences_changed", entity: { type: "user", id: world.submitter.id }, data: { changes: { n: { before: 0, after: 1 } } } });

    try {
      if (driver === "postgres") {
        const read = await after(reads, 5000);
        expect(read).not.toBe(pending);
        const [queue, head] = read as Awaited<typeof reads>;
        expect(queue.items.map((c) => c.title)).toEqual(["lock-q a claim in the queue"]);
        expect(head?.seq).toBe(before?.seq); // the first append is not committed: not seen
        // PostgreSQL itself says who waits: the second appender, on the advisory lock, in this
        // test's database (other test files share the cluster). It may take a moment to get there.
        const waitingHere = async () =>
          rowsOf<{ n: number }>(
            await db.execute(
              sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
            ),
          )[0].n;
        await expect.poll(waitingHere, { timeout: 5000 }).toBe(1);
        expect(await after(second, 300)).toBe(pending);
      } else {
        expect(await after(reads, 300)).toBe(pending);
        expect(await after(second, 300)).toBe(pending);
      }
    } finally {
      release(); // also when an expectation failed: an open transaction would hang the close
    }

    await first;
    const appended = await second;
    await reads;
    // One after the other, never forked: the second links to the first.
    expect(appended.seq).toBe((before?.seq ?? 0) + 2);
    const verification = await verifyAuditChainUnchecked(db);
    expect(verification).toMatchObject({ ok: true, head: appended.hash });
  });
});
