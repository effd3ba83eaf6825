import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { assessments, type Claim, claims, evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { getClaim } from "@/lib/claims/get-claim";
import { findVisibleClaim } from "@/lib/claims/scope";
import { reportCommitted } from "@/lib/effects/committed";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { countsForClaim } from "@/lib/evidence/counted";
import { computeClaimOrigins } from "@/lib/origins/claim-origins";
import { writeEntryVersion } from "@/lib/publishing/write-entry-version";
import { parseInput } from "@/lib/validation/parse";
import { checkGuards, NONE_UNREVIEWED, type Unreviewed } from "./guards";
import { TRANSITIONS } from "./machine";
import { ZTransition } from "./schemas";

const TRACKED_FIELDS = [
  "state",
  "grade",
  "gradeRationale",
  "stateReason",
  "duplicateOfId",
  "sentToReviewById",
  "editedInReviewById",
  "title",
  "summary",
  "placeName",
] as const;

function tracked(claim: Partial<Claim>) {
  return Object.fromEntries(TRACKED_FIELDS.map((f) => [f, claim[f] ?? null]));
}

/**
 * The one function that moves a claim between states. In order: scoped lookup (404), permission
 * (403), stale version (409, before any guard), guard (422), then one transaction that updates
 * the claim where the version still matches (409 otherwise), writes the public version when the
 * action publishes, and appends the audit event.
 */
export async function transitionClaim(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const data = parseInput(ZTransition, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  const rule = TRANSITIONS[data.action];
  assertCan(actor, rule.permission);
  assertCurrentVersion(data.version, claim.version, "claim");
  const target =
    data.action === "duplicate" && data.targetId
      ? await findVisibleClaim(db, actor, data.targetId).catch(() => null)
      : null;
  const unreviewed = data.action === "publish" || data.action === "send_to_review" ? await unreviewedEvidence(db, claim.id) : NONE_UNREVIEWED;
  const assessmentCount =
    data.action === "send_to_review"
      ? Number(
          (await db.select({ n: count() }).from(assessments).innerJoin(evidence, eq(evidence.id, assessments.evidenceId)).where(and(eq(assessments.claimId, claim.id), countsForClaim)))[0].n,
        )
      : 0;
  const originsSupport =
    data.action === "publish" && claim.grade === "confirmed"
      ? (await computeClaimOrigins(db, claim.id)).suggestedGrade === "confirmed"
      : false;
  checkGuards(actor, claim, data, target, { unreviewed, assessments: assessmentCount, originsSupportConfirmed: originsSupport });

  const patch: Partial<Claim> = { state: rule.to };
  switch (data.action) {
    // Moving forward answers the last reason (a send-back's, a reopening's); the audit log keeps
    // it. Clearing it also keeps internal reasons out of the public publication events.
    case "accept":
    case "publish":
      patch.stateReason = null;
      break;
    case "reject":
    case "retract":
      patch.stateReason = data.reason;
      break;
    case "duplicate":
      patch.duplicateOfId = target!.id;
      patch.stateReason = data.reason ?? null;
      break;
    case "reopen":
      patch.duplicateOfId = null;
      patch.stateReason = data.reason ?? null;
      break;
    case "send_to_review":
      patch.grade = data.grade ?? claim.grade;
      patch.gradeRationale = data.rationale ?? claim.gradeRationale;
      patch.sentToReviewById = actor.id;
      patch.editedInReviewById = null;
      patch.stateReason = null;
      break;
    case "send_back":
      patch.stateReason = data.reason ?? null;
      break;
    case "correct":
      Object.assign(patch, data.changes);
      break;
  }

  const entrySlug = await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { ...patch, updatedAt: new Date() }, "claim");
    let entryVersion: number | undefined;
    let entrySlug: string | undefined;
    if (data.action === "publish" || data.action === "correct" || data.action === "retract") {
      const change = data.action === "publish" ? "publication" : data.action === "correct" ? "correction" : "retraction";
      ({ versionNumber: entryVersion, slug: entrySlug } = await writeEntryVersion(tx, updated, change, data.reason ?? null));
    }
    await appendAuditEvent(tx, actor.id, {
      type: "claim.transitioned",
      entity: { type: "claim", id: claim.id },
      data: {
        action: data.action,
        from: claim.state,
        to: updated.state,
        version: updated.version,
        reason: data.reason,
        targetId: data.action === "duplicate" ? target!.id : undefined,
        entryVersion,
        changes: diffFields(tracked(claim), tracked(updated)),
      },
    });
    return entrySlug;
  });
  // After the commit: the door's after-commit hook drops the public pages and answers that showed it.
  if (entrySlug) reportCommitted({ type: "public_entry.changed", slug: entrySlug });
  return getClaim(db, actor, claim.id);
}

/** How many of a claim's items (those that count: held, not withdrawn) await their sensitivity review, and the first ten of them (oldest first) to link to: one query. */
async function unreviewedEvidence(db: Db, claimId: string): Promise<Unreviewed> {
  const rows = await db
    .select({ id: evidence.id, name: evidence.originalFilename, total: sql<number>`count(*) over ()` })
    .from(evidence)
    .where(and(eq(evidence.claimId, claimId), isNull(evidence.sensitivityReviewedAt), countsForClaim))
    .orderBy(asc(evidence.addedAt), asc(evidence.id))
    .limit(10);
  if (rows.length === 0) return NONE_UNREVIEWED;
  return { count: Number(rows[0].total), items: rows.map(({ id, name }) => ({ id, name })) };
}
