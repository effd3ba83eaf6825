import "server-only";
import type { Db } from "@/db/connect";
import { type Claim, claims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { getClaim } from "./get-claim";
import { EDITABLE_CLAIM_FIELDS, ZEditClaim, ZSubmitClaim } from "./schemas";
import { findVisibleClaim } from "./scope";
import { tr } from "@/lib/i18n/translate";

type Editable = (typeof EDITABLE_CLAIM_FIELDS)[number];

/** States in which a claim is still being worked on, so its own text may change. */
const EDITABLE_STATES: readonly Claim["state"][] = ["triage", "corroboration", "review"];

/** Why the actor may not edit a claim (they can see) in this state, or null when they may. */
function editRefusal(actor: Actor | null, state: Claim["state"]): AppError | null {
  if (!can(actor, "claims.edit")) return new AppError("FORBIDDEN", tr("errors.claims.editRole"));
  if (!EDITABLE_STATES.includes(state)) {
    return new AppError(
      "INVALID_STATE",
      state === "published" || state === "retracted"
        ? tr("errors.claims.publishedEdit")
        : tr("errors.claims.notEditedInState", { state }),
      { guard: "state" },
    );
  }
  if (state !== "triage" && !can(actor, "claims.accept")) return new AppError("FORBIDDEN", tr("errors.claims.acceptedEdit"));
  return null;
}

/** Whether the actor may edit a claim (they can see) in this state: what the claim page offers. */
export function mayEditClaim(actor: Actor | null, state: Claim["state"]): boolean {
  return editRefusal(actor, state) === null;
}

/**
 * Put a claim's text right before it is published: a typo, a wrong date, internal method text in
 * the summary. The submitter may while the claim is in triage; reviewers and editors until it is
 * published. After publication a claim changes only through a correction (a new public version).
 * The claim as it would become is checked whole, as a submission is. Audited with each field's
 * before and after.
 */
export async function editClaim(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.edit");
  const data = parseInput(ZEditClaim, input);
  assertCurrentVersion(data.version, claim.version, "claim");
  const refusal = editRefusal(actor, claim.state);
  if (refusal) throw refusal;

  const before = Object.fromEntries(EDITABLE_CLAIM_FIELDS.map((k) => [k, claim[k] ?? undefined])) as Record<Editable, unknown>;
  const patch = Object.fromEntries(EDITABLE_CLAIM_FIELDS.filter((k) => k in data).map((k) => [k, data[k] ?? undefined]));
  const merged = Object.fromEntries(Object.entries({ ...before, ...patch }).filter(([, v]) => v !== undefined && v !== null));
  // The whole claim, as a submission is checked: rules across fields hold after any edit.
  const after = parseInput(ZSubmitClaim, merged);
  const changes = diffFields(before, after);
  if (Object.keys(changes).length === 0) return getClaim(db, actor, claim.id);

  const columns = Object.fromEntries(EDITABLE_CLAIM_FIELDS.map((k) => [k, after[k] ?? null]));
  await db.transaction(async (tx) => {
    // An edit in review is the editor's text: the four-eyes rule keeps them from publishing it.
    const reviewEdit = claim.state === "review" ? { editedInReviewById: actor.id } : {};
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { ...columns, ...reviewEdit, updatedAt: new Date() }, "claim");
    await appendAuditEvent(tx, actor.id, {
      type: "claim.edited",
      entity: { type: "claim", id: claim.id },
      data: { version: updated.version, changes },
    });
  });
  return getClaim(db, actor, claim.id);
}
