import "server-only";
import { isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidence, type Evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import type { ClaimState } from "@/lib/vocabulary";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen, takesMaterial } from "@/lib/workflow/open-states";
import { getEvidence } from "./get-evidence";
import { ZWithdrawEvidence } from "./schemas";
import { findVisibleEvidence } from "./scope";
import { evidenceStatus } from "./status";
import { captureStateSet } from "./capture/run-capture";
import { tr } from "@/lib/i18n/translate";

/**
 * Who may withdraw this item: reviewers and editors any item of an open or published claim (a published one changes in public only with a correction); a submitter only
 * an item they added, while the claim is still in triage (before anyone has worked with it).
 */
function withdrawRefusal(actor: Actor, item: Pick<Evidence, "addedById">, claimState: ClaimState): AppError | null {
  if (!can(actor, "evidence.withdraw")) return new AppError("FORBIDDEN", tr("errors.evidence.withdrawRole", { role: actor.role }));
  if (can(actor, "claims.accept")) return null;
  if (item.addedById !== actor.id) return new AppError("FORBIDDEN", tr("errors.evidence.withdrawOwnOnly"));
  if (claimState !== "triage") return new AppError("FORBIDDEN", tr("errors.evidence.withdrawAccepted"));
  return null;
}

/**
 * Whether the actor may withdraw an item (they can see) of a claim in this state: what the pages
 * offer. As for all material, while the claim is open, and once published as part of a correction.
 */
export function mayWithdrawEvidence(actor: Actor | null, item: Pick<Evidence, "addedById">, claimState: ClaimState): boolean {
  return !!actor && takesMaterial(claimState) && withdrawRefusal(actor, item, claimState) === null;
}

/**
 * Take an item out of its claim, saying why: a failed capture nobody will retry, a file attached
 * to the wrong claim, material found to be fabricated. The row stays, with its bytes (if any) and
 * its custody trail, readable by staff; it no longer counts towards origins, the grade suggestion,
 * the publication guards or the public entry (./counted.ts). A capture still queued is not fetched.
 * Audited with the reason; 409 on a stale version.
 */
export async function withdrawEvidence(db: Db, actor: Actor | null, evidenceId: string, input: unknown) {
  const data = parseInput(ZWithdrawEvidence, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.withdraw");
  assertCurrentVersion(data.version, item.version, "item");
  const refusal = withdrawRefusal(actor, item, item.claimState);
  if (refusal) throw refusal;
  assertClaimOpen(item.claimState, "evidenceWithdrawn");
  const status = evidenceStatus({ sha256: item.blobSha256, captureError: item.captureError, withdrawnAt: item.withdrawnAt });
  if (status === "withdrawn") throw new AppError("INVALID_STATE", tr("errors.evidence.alreadyWithdrawn"), { guard: "evidence_status" });

  await db.transaction(async (tx) => {
    const updated = await updateVersioned(
      tx,
      evidence,
      { id: item.id, version: data.version },
      {
        withdrawnAt: new Date(),
        withdrawnById: actor.id,
        withdrawalReason: data.reason,
        // A capture still queued is not fetched (lib/evidence/capture/run-capture.ts): it says so.
        ...(status === "capturing" ? { processing: captureStateSet("skipped") } : {}),
      },
      "item",
      isNull(evidence.withdrawnAt),
    );
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.withdrawn",
      entity: { type: "evidence", id: item.id },
      data: { version: updated.version, claimId: item.claimId, reason: data.reason, status },
    });
  });
  return getEvidence(db, actor, item.id);
}

