import "server-only";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { zNumeric } from "@/lib/validation/number";
import type { Db } from "@/db/connect";
import { assessments, evidence } from "@/db/schema";
import { ASSESSMENT_STANCES } from "@/lib/vocabulary";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { evidenceStatus } from "@/lib/evidence/status";
import { parseInput } from "@/lib/validation/parse";
import { zOptionalText } from "@/lib/validation/text";
import { tr } from "@/lib/i18n/translate";
import { messageRef } from "@/lib/i18n/message-ref";

const CREDIBILITY = messageRef("validation.assessments.credibility");

export const ZAssessment = z
  .object({
    evidenceId: z.uuid(messageRef("validation.notEvidenceId")),
    stance: z.enum(ASSESSMENT_STANCES, { error: messageRef("validation.assessments.stance") }),
    // The Admiralty information scale: 1 confirmed … 5 improbable, 6 cannot be judged.
    credibility: zNumeric(z.number({ error: CREDIBILITY }).int(CREDIBILITY).min(1, CREDIBILITY).max(6, CREDIBILITY)),
    note: zOptionalText(5000),
  })
  .strict();
export type TAssessment = z.input<typeof ZAssessment>;

/**
 * A reviewer's judgement of one item against the claim: stance and credibility (judged apart
 * from the source's reliability), with a note. Assessing again replaces one's own judgement; the
 * audit log keeps the old one.
 */
export async function assessEvidence(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  const data = parseInput(ZAssessment, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.assess");
  assertClaimOpen(claim.state, "evidenceAssessed");
  const [item] = await db
    .select({ id: evidence.id, sha256: evidence.blobSha256, captureError: evidence.captureError, withdrawnAt: evidence.withdrawnAt })
    .from(evidence)
    .where(and(eq(evidence.id, data.evidenceId), eq(evidence.claimId, claim.id)));
  if (!item) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), {
      fieldErrors: { evidenceId: [tr("errors.evidence.notOnClaim")] },
    });
  }
  const status = evidenceStatus(item);
  if (status !== "held") {
    throw new AppError(
      "INVALID_STATE",
      status === "withdrawn" ? tr("errors.evidence.withdrawnNotAssessed") : tr("errors.evidence.notHeldYet"),
      { guard: "evidence_status" },
    );
  }
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ stance: assessments.stance, credibility: assessments.credibility, note: assessments.note })
      .from(assessments)
      .where(and(eq(assessments.evidenceId, item.id), eq(assessments.assessedById, actor.id)));
    const values = { stance: data.stance, credibility: data.credibility, note: data.note ?? null };
    // An upsert on (item, reviewer): two first assessments at once become one row, never a 500.
    const [row] = await tx
      .insert(assessments)
      .values({ ...values, claimId: claim.id, evidenceId: item.id, assessedById: actor.id })
      .onConflictDoUpdate({ target: [assessments.evidenceId, assessments.assessedById], set: { ...values, assessedAt: new Date() } })
      .returning();
    await appendAuditEvent(tx, actor.id, {
      type: "claim.assessed",
      entity: { type: "claim", id: claim.id },
      data: { evidenceId: item.id, changes: diffFields(previous ?? {}, values) },
    });
    return {
      id: row.id,
      evidenceId: row.evidenceId,
      stance: row.stance,
      credibility: row.credibility,
      note: row.note,
      assessedBy: { id: actor.id, name: actor.name },
      assessedAt: row.assessedAt.toISOString(),
    };
  });
}

export async function listAssessments(db: Db, actor: Actor | null, claimId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  return db
    .select({
      id: assessments.id,
      evidenceId: assessments.evidenceId,
      stance: assessments.stance,
      credibility: assessments.credibility,
      note: assessments.note,
      assessedById: assessments.assessedById,
      assessedAt: assessments.assessedAt,
    })
    .from(assessments)
    .where(eq(assessments.claimId, claim.id));
}
