import "server-only";
import { touchIncidentsOfClaim } from "@/lib/incidents/dto";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { assessments, type Claim, claims, evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { canonicalJson } from "@/lib/audit/chain";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { getClaim } from "@/lib/claims/get-claim";
import { findVisibleClaim } from "@/lib/claims/scope";
import { reportCommitted } from "@/lib/effects/committed";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { countsForClaim } from "@/lib/evidence/counted";
import { computeClaimOrigins } from "@/lib/origins/claim-origins";
import { gatherPublicSnapshot } from "@/lib/publishing/gather-snapshot";
import { normalTranslations } from "@/lib/publishing/translations";
import { changesBetween } from "@/lib/publishing/version-changes";
import { sealEntryPages } from "@/lib/public-pages/seal-entry-pages";
import { latestSnapshot, writeEntryVersion } from "@/lib/publishing/write-entry-version";
import { parseInput } from "@/lib/validation/parse";
import { correctionPatch, draftedChanges, NO_PENDING_CORRECTION, type PendingCorrection, pendingChanges, snapshotDigest, withPendingCorrection } from "./corrections";
import { checkGuards, NONE_UNREVIEWED, type Unreviewed } from "./guards";
import { TRANSITIONS } from "./machine";
import { ZTransition } from "./schemas";
import { tr } from "@/lib/i18n/translate";
import type { CLAIM_CHANGE_VIAS } from "@/lib/vocabulary";

type ClaimChangeVia = (typeof CLAIM_CHANGE_VIAS)[number];

const TRACKED_FIELDS = [
  "state",
  "grade",
  "gradeRationale",
  "stateReason",
  "duplicateOfId",
  "sentToReviewById",
  "editedInReviewById",
  "kind",
  "title",
  "summary",
  "language",
  "incidentDateFrom",
  "incidentDateTo",
  "placeName",
  "latitude",
  "longitude",
  "placePrecision",
  "translations",
] as const;

function tracked(claim: Partial<Claim>) {
  return Object.fromEntries(TRACKED_FIELDS.map((f) => [f, f === "translations" ? normalTranslations(claim.translations) : (claim[f] ?? null)]));
}

/**
 * The one function that moves a claim between states. In order: scoped lookup (404), permission
 * (403), stale version (409, before any guard), guard (422), then one transaction that updates
 * the claim where the version still matches (409 otherwise), writes the public version when the
 * action publishes, and appends the audit event. A correction is drafted (`correct`), then
 * published by another editor (`publish_correction`) or dropped (`discard_correction`): the draft
 * waits on the claim (./corrections.ts) and its events are not transitions, so never public.
 * `via` records a bulk action's share in the transition's event.
 */
export async function transitionClaim(db: Db, actor: Actor | null, claimId: string, input: unknown, { via }: { via?: ClaimChangeVia } = {}) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const data = parseInput(ZTransition, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  const rule = TRANSITIONS[data.action];
  assertCan(actor, rule.permission);
  assertCurrentVersion(data.version, claim.version, "claim");
  const target =
    data.action === "duplicate" && data.targetId
      ? await findVisibleClaim(db, actor, data.targetId).catch(() => null)
      : null;
  const publishes = data.action === "publish" || data.action === "publish_correction";
  const unreviewed = publishes || data.action === "send_to_review" ? await unreviewedEvidence(db, claim.id) : NONE_UNREVIEWED;
  const assessmentCount =
    data.action === "send_to_review"
      ? Number(
          (await db.select({ n: count() }).from(assessments).innerJoin(evidence, eq(evidence.id, assessments.evidenceId)).where(and(eq(assessments.claimId, claim.id), countsForClaim)))[0].n,
        )
      : 0;
  const originsSupport =
    publishes && withPendingCorrection(claim).grade === "confirmed"
      ? (await computeClaimOrigins(db, claim.id)).suggestedGrade === "confirmed"
      : false;
  checkGuards(actor, claim, data, target, { unreviewed, assessments: assessmentCount, originsSupportConfirmed: originsSupport });

  // A claim waits in its state from the moment it entered it (the queue's age); drafting or
  // publishing a correction leaves it in `published`, and its age with it.
  const patch: Partial<Claim> = rule.to === claim.state ? { state: rule.to } : { state: rule.to, stateChangedAt: new Date() };
  let draft: ReturnType<typeof draftedChanges> = {};
  switch (data.action) {
    // Moving forward answers the last reason (a send-back's, a reopening's); the audit log keeps
    // it. Clearing it also keeps internal reasons out of the public publication events.
    case "accept":
    case "publish":
      patch.stateReason = null;
      break;
    case "reject":
      patch.stateReason = data.reason;
      break;
    case "retract":
      // A retraction ends any correction in the making (its own event says so).
      Object.assign(patch, { stateReason: data.reason }, NO_PENDING_CORRECTION);
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
    case "correct": {
      draft = draftedChanges(claim, data.changes ?? {});
      const pending: PendingCorrection = { reason: data.reason!, changes: Object.fromEntries(Object.entries(draft).map(([field, { after }]) => [field, after])) };
      pending.snapshotSha256 = snapshotDigest(await gatherPublicSnapshot(db, { ...claim, ...correctionPatch(pending) }));
      Object.assign(patch, { pendingCorrection: pending, correctionDraftedById: actor.id, correctionDraftedAt: new Date() });
      break;
    }
    case "publish_correction":
      Object.assign(patch, correctionPatch(claim.pendingCorrection as PendingCorrection), NO_PENDING_CORRECTION);
      break;
    case "discard_correction":
      Object.assign(patch, NO_PENDING_CORRECTION);
      break;
  }

  const entrySlug = await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { ...patch, updatedAt: new Date() }, "claim");
    const pending = claim.pendingCorrection as PendingCorrection | null;
    if (pending && (data.action === "discard_correction" || data.action === "retract")) {
      // A draft dropped, by an editor or by a retraction: recorded apart, never public.
      await appendAuditEvent(tx, actor.id, {
        type: "claim.correction_discarded",
        entity: { type: "claim", id: claim.id },
        data: { version: updated.version, draftedBy: claim.correctionDraftedById ?? "", reason: data.action === "retract" ? "Retracted." : data.reason, changes: pendingChanges(claim) },
      });
    }
    if (data.action === "correct") {
      // Drafted (or a draft replaced): recorded apart from the transitions, never public.
      await appendAuditEvent(tx, actor.id, {
        type: "claim.correction_drafted",
        entity: { type: "claim", id: claim.id },
        data: { version: updated.version, reason: data.reason!, changes: draft, ...(pending ? { replacedDraftOf: claim.correctionDraftedById ?? "" } : {}) },
      });
      return undefined;
    }
    if (data.action === "discard_correction") return undefined;
    let entryVersion: number | undefined;
    let entrySlug: string | undefined;
    let reason = data.reason;
    if (data.action === "publish_correction") {
      reason = pending!.reason;
      ({ versionNumber: entryVersion, slug: entrySlug } = await writeCorrection(tx, updated, pending!));
    } else if (data.action === "publish" || data.action === "retract") {
      ({ versionNumber: entryVersion, slug: entrySlug } = await writeEntryVersion(tx, updated, data.action === "publish" ? "publication" : "retraction", data.reason ?? null));
    }
    // The incidents that show what the entry publishes (issue 24) count as changed by whoever changed it.
    if (entryVersion !== undefined) await touchIncidentsOfClaim(tx, claim.id, actor.id);
    const changes = diffFields(tracked(claim), tracked(updated));
    // The grade's rationale stays internal: its change is in the draft's event, not in this public one.
    if (data.action === "publish_correction") delete changes.gradeRationale;
    await appendAuditEvent(tx, actor.id, {
      type: "claim.transitioned",
      entity: { type: "claim", id: claim.id },
      data: {
        action: data.action,
        from: claim.state,
        to: updated.state,
        version: updated.version,
        reason,
        targetId: data.action === "duplicate" ? target!.id : undefined,
        entryVersion,
        changes,
        ...(via ? { via } : {}),
      },
    });
    // The version's pages, rendered and hashed into the chain right after the event that published it.
    if (entryVersion !== undefined) await sealEntryPages(tx, actor.id, claim.id, entryVersion);
    return entrySlug;
  });
  // After the commit: the door's after-commit hook drops the public pages and answers that showed it.
  if (entrySlug) reportCommitted({ type: "public_entry.changed", slug: entrySlug });
  return getClaim(db, actor, claim.id);
}

/**
 * The corrected version, unless it would show the public nothing new (422, guard `changes`) or
 * something other than what was drafted (422, guard `draft_outdated`). The snapshot is gathered
 * again, so persons, figures and evidence changed before the draft join it; one changed after the
 * draft (a name made publishable, an item withdrawn, a figure, a source's rating) would reach the
 * public on one editor's word, so the draft is made again and checked again.
 */
async function writeCorrection(tx: Db, claim: Claim, pending: PendingCorrection) {
  const [snapshot, current] = await Promise.all([gatherPublicSnapshot(tx, claim), latestSnapshot(tx, claim.id)]);
  if (pending.snapshotSha256 && snapshotDigest(snapshot) !== pending.snapshotSha256) {
    throw new AppError(
      "INVALID_STATE",
      tr("errors.workflow.draftOutdated"),
      { guard: "draft_outdated" },
    );
  }
  const note = pending.reason;
  // A translation confirmed against a changed original (no longer outdated) is a change the public sees.
  if (current && changesBetween(current, snapshot).length === 0 && canonicalJson(current.translations ?? {}) === canonicalJson(snapshot.translations ?? {})) {
    throw new AppError("INVALID_STATE", tr("errors.workflow.noPublicChange"), { guard: "changes" });
  }
  return writeEntryVersion(tx, claim, "correction", note, snapshot);
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
