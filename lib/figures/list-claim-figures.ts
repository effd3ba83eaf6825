import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { figures, sources } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { figureColumns, toFigureDto } from "./dto";

/** The figures recorded on one claim the actor can see, oldest report first. */
export async function listClaimFigures(db: Db, actor: Actor | null, claimId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const rows = await db
    .select(figureColumns)
    .from(figures)
    .innerJoin(sources, eq(sources.id, figures.sourceId))
    .where(eq(figures.claimId, claim.id))
    .orderBy(asc(figures.asOf), asc(figures.createdAt), asc(figures.id));
  return rows.map(toFigureDto);
}
