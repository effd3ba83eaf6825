import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, rowsOf } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { listClaims } from "@/lib/claims/list-claims";
import { openTestDatabase } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { transitionClaim } from "@/lib/workflow/transition-claim";

/**
 * The queue's counters (claim_counts, kept by a trigger in each claim's transaction) are two rows
 * per move. A reject (triage → rejected) and a reopen (rejected → triage) of two claims of one kind
 * at the same moment used to lock them in opposite orders, and PostgreSQL aborted one of the two as
 * a deadlock (a 500; the concurrency test found it). Here the two moves are made to meet: a third
 * session holds the triage counter while both start, so both are waiting when it lets go. Both must
 * then succeed, and the counts stay exact. PostgreSQL only: PGlite has one connection, nothing meets.
 */
if (process.env.TEST_DATABASE_URL) {
  describe("claim counters under opposite moves on PostgreSQL", () => {
    let database: Database;
    let cast: { submitter: Actor; reviewer: Actor; editor: Actor };

    beforeAll(async () => {
      database = await openTestDatabase("postgres");
      const { db } = database;
      cast = { submitter: await makeActor(db, "submitter"), reviewer: await makeActor(db, "reviewer"), editor: await makeActor(db, "editor") };
    });
    afterAll(async () => {
      await database?.close();
    });

    it("a reject and a reopen at once both succeed, and the counts stay exact", async () => {
      // Which of the two takes the freed row first is up to PostgreSQL: the meeting is repeated.
      for (let round = 0; round < ROUNDS; round++) await meet();
    });

    async function meet() {
      const { db } = database;
      const inTriage = await claimInState(db, cast, "triage", { kind: "report" });
      const rejected = await claimInState(db, cast, "rejected", { kind: "report" });

      // A session of its own that holds the (triage, report) counter until told to let go.
      let release!: () => void;
      const let_go = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const blocker = db.transaction(async (tx) => {
        await tx.execute(sql`select n from claim_counts where state = 'triage' and kind = 'report' for update`);
        held();
        await let_go;
      });
      await holding;

      const reject = transitionClaim(db, cast.reviewer, inTriage.id, { action: "reject", version: inTriage.version, reason: "Out of scope." });
      const reopen = transitionClaim(db, cast.reviewer, rejected.id, { action: "reopen", version: rejected.version, reason: "Look again." });
      // Both are now inside their UPDATE, each waiting for a counter row.
      await waitForLockWaiters(db, 2);
      release();
      await blocker;
      const outcomes = await Promise.allSettled([reject, reopen]);
      expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value.state : String(o.reason)))).toEqual(["rejected", "triage"]);

      const queue = await listClaims(db, cast.reviewer, { kind: "report" });
      const actual = rowsOf<{ state: string; n: number }>(
        await db.execute(sql`select state::text, count(*)::int as n from claims where kind = 'report' group by state`),
      );
      for (const { state, n } of actual) expect(queue.counts[state as keyof typeof queue.counts], state).toBe(n);
    }
  });
}

const ROUNDS = 12;

/** Until `n` sessions of this database wait on a lock. */
async function waitForLockWaiters(db: Db, n: number) {
  const until = Date.now() + 10_000;
  for (;;) {
    const [{ waiting }] = rowsOf<{ waiting: number }>(
      await db.execute(sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`),
    );
    if (waiting >= n) return;
    if (Date.now() > until) throw new Error(`only ${waiting} of ${n} sessions came to wait on a lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
