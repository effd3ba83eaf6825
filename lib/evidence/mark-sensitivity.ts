import "server-only";
import type { Db } from "@/db/connect";
import { evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { getEvidence } from "./get-evidence";
import { type TMarkSensitivity, ZMarkSensitivity } from "./schemas";
import { findVisibleEvidence } from "./scope";

/** Say whether an item is graphic or shows personal data; saving it records the review itself. */
export async function markSensitivity(db: Db, actor: Actor | null, evidenceId: string, input: TMarkSensitivity) {
  const data = parseInput(ZMarkSensitivity, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.mark_sensitivity");
  assertCurrentVersion(data.version, item.version, "item");
  await db.transaction(async (tx) => {
    const now = new Date();
    const updated = await updateVersioned(
      tx,
      evidence,
      { id: item.id, version: data.version },
      { isGraphic: data.isGraphic, hasPersonalData: data.hasPersonalData, sensitivityReviewedById: actor.id, sensitivityReviewedAt: now },
      "item",
    );
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.sensitivity_marked",
      entity: { type: "evidence", id: item.id },
      data: {
        version: updated.version,
        changes: diffFields(
          { isGraphic: item.isGraphic, hasPersonalData: item.hasPersonalData, sensitivityReviewed: !!item.sensitivityReviewedAt },
          { isGraphic: data.isGraphic, hasPersonalData: data.hasPersonalData, sensitivityReviewed: true },
        ),
      },
    });
  });
  return getEvidence(db, actor, item.id);
}
