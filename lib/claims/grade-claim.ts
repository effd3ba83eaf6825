import "server-only";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { getClaim } from "./get-claim";
import { ZGradeClaim } from "./schemas";
import { findVisibleClaim } from "./scope";
import { tr } from "@/lib/i18n/translate";

/** Set the claim's grade and rationale while it is being corroborated. */
export async function gradeClaim(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const data = parseInput(ZGradeClaim, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.grade");
  assertCurrentVersion(data.version, claim.version, "claim");
  if (claim.state !== "corroboration") {
    throw new AppError("INVALID_STATE", tr("errors.claims.gradeInCorroboration"), { guard: "state" });
  }
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { grade: data.grade, gradeRationale: data.rationale, updatedAt: new Date() }, "claim");
    await appendAuditEvent(tx, actor.id, {
      type: "claim.graded",
      entity: { type: "claim", id: claim.id },
      data: {
        version: updated.version,
        changes: diffFields(
          { grade: claim.grade, gradeRationale: claim.gradeRationale },
          { grade: data.grade, gradeRationale: data.rationale },
        ),
      },
    });
  });
  return getClaim(db, actor, claim.id);
}
