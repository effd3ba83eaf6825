import "server-only";
import type { Db } from "@/db/connect";
import { citations } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { assertSourceExists } from "./create-source";
import { getSource } from "./get-source";
import { type TAddCitation, ZAddCitation } from "./schemas";
import { tr } from "@/lib/i18n/translate";

/** Record that a source relays another ("this outlet quotes the monitor"). Idempotent. */
export async function addCitation(db: Db, actor: Actor | null, sourceId: string, input: TAddCitation) {
  assertCan(actor, "sources.update");
  const { citesSourceId } = parseInput(ZAddCitation, input);
  await getSource(db, actor, sourceId); // 404 for an unknown source
  if (citesSourceId === sourceId) {
    throw new AppError("BAD_REQUEST", tr("errors.sources.selfCited"), { fieldErrors: { citesSourceId: [tr("errors.sources.chooseAnother")] } });
  }
  await assertSourceExists(db, citesSourceId, "citesSourceId");
  // Adding a citation already held changes nothing; two people adding it at once make one row.
  await db.transaction(async (tx) => {
    const [added] = await tx
      .insert(citations)
      .values({ sourceId, citesSourceId, createdById: actor!.id })
      .onConflictDoNothing()
      .returning({ id: citations.id });
    if (!added) return;
    await appendAuditEvent(tx, actor!.id, {
      type: "source.citation_added",
      entity: { type: "source", id: sourceId },
      data: { citesSourceId },
    });
  });
  return getSource(db, actor, sourceId);
}
