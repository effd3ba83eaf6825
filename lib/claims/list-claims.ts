import "server-only";
import { and, asc, count, desc, eq, gt, ilike, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { CLAIM_STATES, type ClaimState } from "@/db/schema/enums";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { containsPattern } from "@/lib/validation/like";
import { parseInput } from "@/lib/validation/parse";
import { claimColumns, claimJoins, toClaimDto } from "./dto";
import { type TClaimQuery, ZClaimQuery } from "./schemas";
import { visibleClaimsWhere } from "./scope";

const ZQueueCursor = z.tuple([z.iso.datetime(), z.uuid()]);

/**
 * The queue: claims the actor may see, oldest first (or newest first), filtered, keyset-paginated on
 * (created_at, id), with counts per state under the same filters (but any state).
 */
export async function listClaims(db: Db, actor: Actor | null, query: TClaimQuery) {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const { state, kind, q, assignee, mine, order, cursor, limit } = parseInput(ZClaimQuery, query);
  const scope = visibleClaimsWhere(actor);
  if (scope === null) throw new AppError("UNAUTHORIZED", "Sign in to do this.");

  const filters: (SQL | undefined)[] = [scope];
  if (kind) filters.push(eq(claims.kind, kind));
  if (assignee) filters.push(eq(claims.assigneeId, assignee));
  if (mine) filters.push(eq(claims.submittedById, actor.id));
  if (q) {
    const pattern = containsPattern(q);
    filters.push(or(ilike(claims.title, pattern), ilike(claims.summary, pattern), ilike(claims.placeName, pattern)));
  }

  const after = decodeCursor(ZQueueCursor, cursor);
  const pageWhere = [...filters];
  if (state) pageWhere.push(eq(claims.state, state));
  if (after) {
    const [createdAt, id] = after;
    const at = new Date(createdAt);
    const beyond = order === "oldest" ? gt : lt;
    pageWhere.push(or(beyond(claims.createdAt, at), and(eq(claims.createdAt, at), beyond(claims.id, id))));
  }

  const { submitter, assignee: assigneeUser, sentToReviewBy } = claimJoins;
  const rows = await db
    .select(claimColumns)
    .from(claims)
    .innerJoin(submitter, eq(submitter.id, claims.submittedById))
    .leftJoin(assigneeUser, eq(assigneeUser.id, claims.assigneeId))
    .leftJoin(sentToReviewBy, eq(sentToReviewBy.id, claims.sentToReviewById))
    .where(and(...pageWhere))
    .orderBy(...(order === "oldest" ? [asc(claims.createdAt), asc(claims.id)] : [desc(claims.createdAt), desc(claims.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;

  const countRows = await db
    .select({ state: claims.state, n: count() })
    .from(claims)
    .where(and(...filters))
    .groupBy(claims.state);
  const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
  for (const r of countRows) counts[r.state] = Number(r.n);

  return { items: page.map(toClaimDto), nextCursor, counts };
}
