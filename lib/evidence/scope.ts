import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, evidence } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { tr } from "@/lib/i18n/translate";

/** An evidence row the actor may see (through its claim), with its claim's state, or NOT_FOUND. */
export async function findVisibleEvidence(db: Db, actor: Actor | null, evidenceId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visibleClaimsWhere(actor);
  if (scope === null || !isUuid(evidenceId)) throw new AppError("NOT_FOUND", tr("errors.evidence.notFound"));
  const [row] = await db
    .select({ evidence, claimState: claims.state })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .where(and(eq(evidence.id, evidenceId), scope));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.evidence.notFound"));
  return { ...row.evidence, claimState: row.claimState };
}
