import "server-only";
import type { Db } from "@/db/connect";
import { evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { getEvidence } from "./get-evidence";
import { type TSetDisclosure, ZSetDisclosure } from "./schemas";
import { findVisibleEvidence } from "./scope";

/**
 * An editor's choice of how the public names an item — its hash, its commitment, or nothing —
 * over the rule, in either direction, with a reason (`rule` gives the choice back). Audited
 * (`evidence.disclosure_set`). What is already published does not change: the next version
 * (a publication or a correction, which the publish preview shows) follows the choice.
 */
export async function setEvidenceDisclosure(db: Db, actor: Actor | null, evidenceId: string, input: TSetDisclosure) {
  const data = parseInput(ZSetDisclosure, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.set_disclosure");
  assertCurrentVersion(data.version, item.version, "item");
  const chosen = data.disclosure === "rule" ? null : data.disclosure;
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(
      tx,
      evidence,
      { id: item.id, version: data.version },
      chosen
        ? { disclosure: chosen, disclosureReason: data.reason, disclosureSetById: actor.id, disclosureSetAt: new Date() }
        : { disclosure: null, disclosureReason: null, disclosureSetById: null, disclosureSetAt: null },
      "item",
    );
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.disclosure_set",
      entity: { type: "evidence", id: item.id },
      data: { claimId: item.claimId, version: updated.version, from: item.disclosure, to: chosen, reason: data.reason },
    });
  });
  return getEvidence(db, actor, item.id);
}
