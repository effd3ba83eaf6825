import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rowsOf } from "@/db/connect";
import { claimCounts, claims } from "@/db/schema";
import { CLAIM_STATES, type ClaimState } from "@/lib/vocabulary";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, ZCursorTimestamp } from "@/lib/validation/cursor";
import { matchesWords } from "@/lib/search/word-search";
import { parseInput } from "@/lib/validation/parse";
import { claimColumns, claimJoins, toClaimDto } from "./dto";
import { type TClaimQuery, ZClaimQuery } from "./schemas";
import { visibleClaimsWhere } from "./scope";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { tr } from "@/lib/i18n/translate";

const ZQueueCursor = z.tuple([ZCursorTimestamp, z.uuid()]);

/** Filtered counts stop here: a tab reads "1,000+" rather than the table being counted. */
export const COUNT_CAP = 1000;
/** …and read at most this many matching rows in all. */
export const COUNT_SCAN = 10_000;

/**
 * The queue: claims the actor may see, oldest first (or newest first, or within one state those
 * waiting longest there first), filtered (words through the full-text index), keyset-paginated on
 * (created_at, id) (or (state_changed_at, id)), with counts per state under the same
 * filters (but any state). No request counts the table: see `countByState`.
 */
export async function listClaims(db: Db, actor: Actor | null, query: TClaimQuery) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const { state, kind, q, assignee, mine, order, cursor, limit } = parseInput(ZClaimQuery, query);
  const scope = visibleClaimsWhere(actor);
  if (scope === null) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));

  const filters: (SQL | undefined)[] = [scope];
  if (kind) filters.push(eq(claims.kind, kind));
  if (assignee) filters.push(eq(claims.assigneeId, assignee));
  if (mine) filters.push(eq(claims.submittedById, actor.id));
  if (q) filters.push(matchesWords(claims.searchVector, q));

  // Waiting longest reads one state's (state, state_changed_at, id) index in order; across every
  // state it would sort the whole queue, so it asks for a state.
  if (order === "waiting" && !state) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { order: [tr("errors.claims.waitingNeedsState")] } });
  const [timeKey, direction] = order === "waiting" ? [claims.stateChangedAt, "asc" as const] : [claims.createdAt, order === "oldest" ? ("asc" as const) : ("desc" as const)];
  const after = decodeCursor(ZQueueCursor, cursor);
  const pageWhere = [...filters];
  if (state) pageWhere.push(eq(claims.state, state));
  if (after) {
    const [at, id] = after;
    pageWhere.push(pastCursor([timeKey, claims.id], [asTimestamp(at), asUuid(id)], direction));
  }

  const { submitter, assignee: assigneeUser, sentToReviewBy } = claimJoins;
  const rows = await db
    .select(claimColumns)
    .from(claims)
    .innerJoin(submitter, eq(submitter.id, claims.submittedById))
    .leftJoin(assigneeUser, eq(assigneeUser.id, claims.assigneeId))
    .leftJoin(sentToReviewBy, eq(sentToReviewBy.id, claims.sentToReviewById))
    .where(and(...pageWhere))
    .orderBy(...(direction === "asc" ? [asc(timeKey), asc(claims.id)] : [desc(timeKey), desc(claims.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor([(order === "waiting" ? last.stateChangedAt : last.createdAt).toISOString(), last.id]) : null;

  const exact = scope === undefined && !q && !assignee && !mine;
  const { counts, countsCapped } = exact ? await countAllByState(db, kind) : await countByState(db, and(...filters));
  return { items: page.map(toClaimDto), nextCursor, counts, countsCapped };
}

function emptyCounts() {
  return Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
}

/** Every claim (of one kind): exact, from the trigger-kept `claim_counts` (a few rows). */
async function countAllByState(db: Db, kind: string | undefined) {
  const rows = await db
    .select({ state: claimCounts.state, n: sql<number>`sum(${claimCounts.n})::int` })
    .from(claimCounts)
    .where(kind ? eq(claimCounts.kind, kind as never) : undefined)
    .groupBy(claimCounts.state);
  const counts = emptyCounts();
  for (const r of rows) counts[r.state] = Number(r.n);
  return { counts, countsCapped: [] as ClaimState[] };
}

/**
 * Claims under `where` per state, in one pass over at most COUNT_SCAN matching rows (through
 * whichever index serves the filter: the full-text index for words), so the work is bounded
 * whatever the table's size. A state's count shows at most COUNT_CAP; `countsCapped` lists the
 * states whose real count may be higher (all of them once the scan itself was cut short).
 * One pass, not one per state: with words, seven subqueries re-read the same matches seven times.
 */
async function countByState(db: Db, where: SQL | undefined) {
  const result = await db.execute(sql`
    select m.state, count(*)::int as n
    from (select ${claims.state} as state from ${claims} ${where ? sql`where ${where}` : sql``} limit ${COUNT_SCAN + 1}) m
    group by m.state`);
  const rows = rowsOf<{ state: ClaimState; n: number }>(result);
  const truncated = rows.reduce((sum, r) => sum + Number(r.n), 0) > COUNT_SCAN;
  const counts = emptyCounts();
  for (const r of rows) counts[r.state] = Math.min(Number(r.n), COUNT_CAP);
  const countsCapped = CLAIM_STATES.filter((s) => truncated || (rows.find((r) => r.state === s)?.n ?? 0) > COUNT_CAP);
  return { counts, countsCapped };
}
