import "server-only";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { assertSourceExists, insertSource } from "@/lib/sources/create-source";
import { ZCreateSource } from "@/lib/sources/schemas";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { getEvidence } from "./get-evidence";
import { findVisibleEvidence } from "./scope";
import { messageRef } from "@/lib/i18n/message-ref";

export const ZEvidenceSources = z
  .object({
    publishedBySourceId: z.uuid(messageRef("validation.notSourceId")).nullable().optional(),
    obtainedViaSourceId: z.uuid(messageRef("validation.notSourceId")).nullable().optional(),
    isFirstHand: z.boolean().optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type TEvidenceSources = z.input<typeof ZEvidenceSources>;

/**
 * Say who published an item, who it reached us through, and whether it is first-hand. A publisher
 * named on the spot (`newPublisher`, the provenance form's "new source") is created in the same
 * transaction, after every check: both happen or neither, so a refused change leaves no source.
 */
export async function setEvidenceSources(
  db: Db,
  actor: Actor | null,
  evidenceId: string,
  input: unknown,
  { newPublisher }: { newPublisher?: unknown } = {},
) {
  const data = parseInput(ZEvidenceSources, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.set_sources");
  if (newPublisher) assertCan(actor, "sources.create");
  const publisher = newPublisher ? parseInput(ZCreateSource, newPublisher) : null;
  assertClaimOpen(item.claimState, "provenanceSet");
  assertCurrentVersion(data.version, item.version, "item");
  if (publisher) await assertSourceExists(db, publisher.affiliatedWithId, "affiliatedWithId");
  else await assertSourceExists(db, data.publishedBySourceId, "publishedBySourceId");
  await assertSourceExists(db, data.obtainedViaSourceId, "obtainedViaSourceId");
  const { version, ...fields } = data;
  await db.transaction(async (tx) => {
    const patch = publisher ? { ...fields, publishedBySourceId: await insertSource(tx, actor.id, publisher) } : fields;
    const updated = await updateVersioned(tx, evidence, { id: item.id, version }, patch, "item");
    const before = { publishedBySourceId: item.publishedBySourceId, obtainedViaSourceId: item.obtainedViaSourceId, isFirstHand: item.isFirstHand };
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.sources_set",
      entity: { type: "evidence", id: item.id },
      data: { version: updated.version, changes: diffFields(before, { ...before, ...patch }) },
    });
  });
  return getEvidence(db, actor, item.id);
}
