import "server-only";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { figures, sources } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { assertSourceExists } from "@/lib/sources/create-source";
import { parseInput } from "@/lib/validation/parse";
import { figureColumns, toFigureDto } from "./dto";
import { type TRecordFigureData, ZRecordFigure } from "./schemas";
import { scopeKeyOf } from "./scope-key";

/**
 * Record a number a source reported for a claim: a value or a range, of one measure, for a scope
 * (place and period), as of a date. Checks in the order of every lib/ operation: the claim is
 * visible (404), the actor may record (403), the claim is open (422), the input is valid and
 * names a real source (400) — then the figure and its audit event commit together.
 */
export async function recordFigure(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "figures.record");
  assertClaimOpen(claim.state, "figureRecorded");
  const data = parseInput(ZRecordFigure, input);
  await assertSourceExists(db, data.sourceId, "sourceId");
  const figureId = await db.transaction((tx) => insertFigure(tx as unknown as Db, actor.id, claim.id, data));
  return getFigure(db, figureId);
}

/**
 * The write itself, once every check above is made. Call inside a transaction, so the row and its
 * audit event commit together.
 */
async function insertFigure(tx: Db, actorId: string, claimId: string, data: TRecordFigureData): Promise<string> {
  const scopeKey = scopeKeyOf(data);
  const [row] = await tx
    .insert(figures)
    .values({
      claimId,
      measure: data.measure,
      valueMin: data.valueMin,
      valueMax: data.valueMax,
      atLeast: data.atLeast,
      scopePlace: data.scopePlace,
      scopePeriodFrom: data.scopePeriodFrom ?? null,
      scopePeriodTo: data.scopePeriodTo ?? null,
      scopeKey,
      asOf: data.asOf,
      sourceId: data.sourceId,
      note: data.note ?? null,
      createdById: actorId,
    })
    .returning({ id: figures.id });
  await appendAuditEvent(tx, actorId, {
    type: "claim.figure_recorded",
    entity: { type: "claim", id: claimId },
    data: { figureId: row.id, measure: data.measure, valueMin: data.valueMin, valueMax: data.valueMax, ...(data.atLeast ? { atLeast: true } : {}), scopeKey, asOf: data.asOf, sourceId: data.sourceId },
  });
  return row.id;
}

/** One figure by id, for answering right after a write the caller was allowed to make. */
async function getFigure(db: Db, figureId: string) {
  const [row] = await db.select(figureColumns).from(figures).innerJoin(sources, eq(sources.id, figures.sourceId)).where(eq(figures.id, figureId));
  return toFigureDto(row);
}
