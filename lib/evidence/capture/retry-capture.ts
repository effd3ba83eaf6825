import "server-only";
import { and, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { requeueJob } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { getEvidence } from "../get-evidence";
import { ZRetryCapture } from "../schemas";
import { findVisibleEvidence } from "../scope";
import { evidenceStatus } from "../status";
import { CAPTURE_MAX_ATTEMPTS } from "./request-capture";
import { captureStateSet } from "./run-capture";
import { tr } from "@/lib/i18n/translate";

/**
 * Try a failed capture again: the item goes back to capturing (its reason cleared, the custody
 * trail keeps it) and its job is queued afresh with all its attempts. Only a failed capture may
 * be retried: one still capturing answers 409 (wait for it), anything else 422. Who may add
 * evidence to the claim may retry it, while the claim is open.
 */
export async function retryCapture(db: Db, actor: Actor | null, evidenceId: string, input: unknown = {}) {
  const data = parseInput(ZRetryCapture, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.add");
  if (data.version !== undefined) assertCurrentVersion(data.version, item.version, "item");
  assertClaimOpen(item.claimState, "captureRetried");
  const status = evidenceStatus({ sha256: item.blobSha256, captureError: item.captureError, withdrawnAt: item.withdrawnAt });
  if (item.intake !== "capture") throw new AppError("INVALID_STATE", tr("errors.capture.retryUploaded"), { guard: "capture_status" });
  if (status === "capturing") throw new AppError("CONFLICT", tr("errors.capture.stillCapturing"));
  if (status === "held") throw new AppError("INVALID_STATE", tr("errors.capture.alreadyHeld"), { guard: "capture_status" });
  if (status === "withdrawn") throw new AppError("INVALID_STATE", tr("errors.capture.withdrawn"), { guard: "capture_status" });

  await db.transaction(async (tx) => {
    // Still failed, not withdrawn, at the version read: two retries at once make one.
    const updated = await updateVersioned(
      tx,
      evidence,
      { id: item.id, version: item.version },
      { captureError: null, processing: captureStateSet("pending") },
      "item",
      and(isNotNull(evidence.captureError), isNull(evidence.blobSha256), isNull(evidence.withdrawnAt)),
    );
    await requeueJob(tx, { kind: "capture", evidenceId: item.id, maxAttempts: CAPTURE_MAX_ATTEMPTS });
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.capture_retried",
      entity: { type: "evidence", id: item.id },
      data: { version: updated.version, previousReason: item.captureError },
    });
  });
  return getEvidence(db, actor, item.id);
}
