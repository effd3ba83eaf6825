import "server-only";
import { and, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rowsOf } from "@/db/connect";
import { jobs, timeStamps } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { decodeCursor, encodeCursor, ZCursorTimestamp, ZLimit } from "@/lib/validation/cursor";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { parseInput } from "@/lib/validation/parse";
import { timeStampResponseOf } from "@/lib/verifier/verify.mjs";
import { isTimeStampingConfigured, timeStampConfig, tsaLabel } from "./config";
import { TIME_STAMP_JOB_KINDS } from "./jobs";
import type { TimeStampSubject } from "./stamp-subject";

/**
 * What the public may read of the stamps: the chain's head and the seal events (their hashes are
 * public: the footer shows the head, the export every seal). Never an evidence stamp: its hash is
 * private until an entry publishes it, and even then its time says when we received the item.
 */
export const PUBLIC_TIME_STAMP_SUBJECTS = ["chain", "event"] as const satisfies readonly TimeStampSubject[];
const ALL_SUBJECTS = ["chain", "event", "evidence"] as const satisfies readonly TimeStampSubject[];

/** One stored token as a reader sees it; `token` is where its `.tsr` is downloaded. */
export type TimeStampDto = {
  id: string;
  subject: TimeStampSubject;
  /** The chain head's or the event's number (null for an item's bytes). */
  seq: number | null;
  /** The SHA-256 (hex) the token stamps. */
  imprint: string;
  /** The authority's time, from the token. */
  genTime: string;
  /** The authority's address (scheme, host and path). */
  tsa: string;
  token: string;
};

/** The admin's view adds the item (for an evidence stamp) and the token's serial number. */
export type AdminTimeStampDto = TimeStampDto & { evidenceId: string | null; serial: string };

export const ZTimeStampQuery = z.object({ cursor: z.string().max(300).optional(), limit: ZLimit });
export type TTimeStampQuery = z.input<typeof ZTimeStampQuery>;
const ZStampCursor = z.tuple([ZCursorTimestamp, z.uuid()]);

const columns = {
  id: timeStamps.id,
  subject: timeStamps.subjectType,
  seq: timeStamps.seq,
  imprint: timeStamps.imprint,
  genTime: timeStamps.genTime,
  tsa: timeStamps.tsaUrl,
  createdAt: timeStamps.createdAt,
  evidenceId: timeStamps.evidenceId,
  serial: timeStamps.serial,
};
type StampRow = { id: string; subject: TimeStampSubject; seq: number | null; imprint: string; genTime: Date; tsa: string; createdAt: Date; evidenceId: string | null; serial: string };

/**
 * A page of stamps of `subjects`, newest first: one bounded index read per subject (the index is
 * (subject_type, created_at)), merged, so no request sorts the whole table.
 */
async function pageOfStamps(db: Db, subjects: readonly TimeStampSubject[], query: TTimeStampQuery | Record<string, string | undefined>) {
  const { cursor, limit } = parseInput(ZTimeStampQuery, query);
  const after = decodeCursor(ZStampCursor, cursor);
  const reads = subjects.map((subject) => {
    const where: (SQL | undefined)[] = [eq(timeStamps.subjectType, subject)];
    if (after) where.push(pastCursor([timeStamps.createdAt, timeStamps.id], [asTimestamp(after[0]), asUuid(after[1])], "desc"));
    return db
      .select(columns)
      .from(timeStamps)
      .where(and(...where))
      .orderBy(desc(timeStamps.createdAt), desc(timeStamps.id))
      .limit(limit + 1) as Promise<StampRow[]>;
  });
  const rows = (await Promise.all(reads)).flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

const publicDto = (row: StampRow): TimeStampDto => ({
  id: row.id,
  subject: row.subject,
  seq: row.seq,
  imprint: row.imprint,
  genTime: row.genTime.toISOString(),
  tsa: row.tsa,
  token: `/api/v1/public/time-stamps/${row.id}/token`,
});

/** The public stamps (the chain's head and seal events), newest first, keyset-paginated. No authentication. */
export async function listPublicTimeStamps(db: Db, query: TTimeStampQuery | Record<string, string | undefined>): Promise<{ items: TimeStampDto[]; nextCursor: string | null }> {
  const { page, nextCursor } = await pageOfStamps(db, PUBLIC_TIME_STAMP_SUBJECTS, query);
  return { items: page.map(publicDto), nextCursor };
}

/** Every stamp, evidence included, newest first (admins only). */
export async function listTimeStamps(db: Db, actor: Actor | null, query: TTimeStampQuery): Promise<{ items: AdminTimeStampDto[]; nextCursor: string | null }> {
  assertCan(actor, "time_stamps.read");
  const { page, nextCursor } = await pageOfStamps(db, ALL_SUBJECTS, query);
  return { items: page.map((row) => ({ ...publicDto(row), token: `/api/v1/time-stamps/${row.id}/token`, evidenceId: row.evidenceId, serial: row.serial })), nextCursor };
}

/** The newest stamp of the chain's head: "the chain's state at 14:05 UTC (event #N) was stamped by …". Public. */
export async function latestChainStamp(db: Db): Promise<TimeStampDto | null> {
  const [row] = await db.select(columns).from(timeStamps).where(eq(timeStamps.subjectType, "chain")).orderBy(desc(timeStamps.createdAt)).limit(1);
  return row ? publicDto(row as StampRow) : null;
}

/** A token as a file: a TimeStampResp (status granted) around the stored token, as `openssl ts -verify -in` reads it. */
export type TimeStampReply = { bytes: Buffer; filename: string };

async function replyOf(db: Db, id: string, subjects: readonly TimeStampSubject[]): Promise<TimeStampReply> {
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", tr("errors.timeStamps.notFound"));
  const [row] = await db
    .select({ subject: timeStamps.subjectType, seq: timeStamps.seq, imprint: timeStamps.imprint, token: timeStamps.token })
    .from(timeStamps)
    .where(and(eq(timeStamps.id, id), inArray(timeStamps.subjectType, subjects)));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.timeStamps.notFound"));
  return { bytes: timeStampResponseOf(row.token), filename: `${row.subject}-${row.subject === "evidence" ? row.imprint : row.seq}.tsr` };
}

/** A public stamp's token (the chain's head, a seal event); any other id is not found. No authentication. */
export function readPublicTimeStampReply(db: Db, id: string): Promise<TimeStampReply> {
  return replyOf(db, id, PUBLIC_TIME_STAMP_SUBJECTS);
}

/** Any stamp's token, an item's too (admins only). */
export async function readTimeStampReply(db: Db, actor: Actor | null, id: string): Promise<TimeStampReply> {
  assertCan(actor, "time_stamps.read");
  return replyOf(db, id, ALL_SUBJECTS);
}

/** A stamp that has not come yet: the authority failed, and when it is tried again (or that it was given up). */
export type StampFailureDto = {
  subject: TimeStampSubject;
  seq: number | null;
  evidenceId: string | null;
  attempts: number;
  lastError: string;
  state: "waiting" | "failed";
  nextAttemptAt: string | null;
  updatedAt: string;
};

/** Past this many waiting stamps the screen says "1,000+". */
export const WAITING_CAP = 1000;

/**
 * The admin's screen: whether stamping is configured and with which authority, the chain's last
 * stamp, how many stamps wait, and the latest failures (what the authority answered, the next try).
 */
export async function readTimeStampStatus(db: Db, actor: Actor | null) {
  assertCan(actor, "time_stamps.read");
  const config = timeStampConfig();
  const kinds = Object.values(TIME_STAMP_JOB_KINDS);
  const subjectOf = Object.fromEntries(Object.entries(TIME_STAMP_JOB_KINDS).map(([subject, kind]) => [kind, subject])) as Record<string, TimeStampSubject>;
  const [latestChain, waiting, failures] = await Promise.all([
    latestChainStamp(db),
    db.execute(sql`select count(*)::int as n from (select 1 from jobs where state in ('pending', 'running') and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) limit ${WAITING_CAP}) waiting`),
    db
      .select({ kind: jobs.kind, payload: jobs.payload, evidenceId: jobs.evidenceId, attempts: jobs.attempts, lastError: jobs.lastError, state: jobs.state, runAfter: jobs.runAfter, updatedAt: jobs.updatedAt })
      .from(jobs)
      .where(and(inArray(jobs.state, ["pending", "failed"]), inArray(jobs.kind, kinds), isNotNull(jobs.lastError)))
      .orderBy(desc(jobs.updatedAt))
      .limit(20),
  ]);
  const count = Number(rowsOf<{ n: number }>(waiting)[0]?.n ?? 0);
  return {
    configured: isTimeStampingConfigured(),
    tsa: config.url ? tsaLabel(config.url) : null,
    intervalMinutes: config.intervalMinutes,
    anchored: !!config.caFile,
    latestChain,
    waiting: count,
    failures: failures.map(
      (f): StampFailureDto => ({
        subject: subjectOf[f.kind],
        seq: typeof (f.payload as { seq?: unknown })?.seq === "number" ? (f.payload as { seq: number }).seq : null,
        evidenceId: f.evidenceId,
        attempts: f.attempts,
        lastError: f.lastError ?? "",
        state: f.state === "failed" ? "failed" : "waiting",
        nextAttemptAt: f.state === "failed" ? null : f.runAfter.toISOString(),
        updatedAt: f.updatedAt.toISOString(),
      }),
    ),
  };
}

export type TimeStampStatusDto = Awaited<ReturnType<typeof readTimeStampStatus>>;
