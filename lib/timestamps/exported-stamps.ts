import "server-only";
import { and, asc, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents, PUBLIC_AUDIT_EVENTS_PREDICATE, timeStamps } from "@/db/schema";
import { PUBLIC_TIME_STAMP_SUBJECTS } from "./read-stamps";
import type { TimeStampSubject } from "./stamp-subject";

/** A stamp as the dataset carries it: its token and what it stamps, linked to an exported event or the head. */
export type ExportedTimeStamp = { subject: TimeStampSubject; seq: number; imprint: string; genTime: Date; tsa: string; serial: string; token: Buffer };

const BATCH = 200;

/**
 * The stamps a dataset exported up to `head` can be checked against: those of the public events
 * (a seal's own stamp, and the chain's when its head was that event) and of the head itself,
 * oldest first. A chain stamp of an event the export does not carry links to nothing a reader
 * has, and is left out (the public list names it, GET /api/v1/public/time-stamps).
 */
export async function* listExportedTimeStamps(db: Db, head: { seq: number; hash: string }): AsyncGenerator<ExportedTimeStamp> {
  const seen = new Set<string>();
  async function* stampsOf(hashes: string[]): AsyncGenerator<ExportedTimeStamp> {
    if (hashes.length === 0) return;
    const rows = await db
      .select({ subject: timeStamps.subjectType, seq: timeStamps.seq, imprint: timeStamps.imprint, genTime: timeStamps.genTime, tsa: timeStamps.tsaUrl, serial: timeStamps.serial, token: timeStamps.token })
      .from(timeStamps)
      .where(and(inArray(timeStamps.imprint, hashes), inArray(timeStamps.subjectType, PUBLIC_TIME_STAMP_SUBJECTS)));
    rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.subject.localeCompare(b.subject));
    for (const row of rows) {
      const key = `${row.subject}\n${row.imprint}`;
      if (row.seq === null || seen.has(key)) continue;
      seen.add(key);
      yield { ...row, seq: row.seq };
    }
  }
  let after = 0;
  for (;;) {
    const events = await db
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .where(and(sql.raw(PUBLIC_AUDIT_EVENTS_PREDICATE), gt(auditEvents.seq, after), lte(auditEvents.seq, head.seq)))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    yield* stampsOf(events.map((e) => e.hash));
    if (events.length < BATCH) break;
    after = events[events.length - 1].seq;
  }
  yield* stampsOf([head.hash]);
}
