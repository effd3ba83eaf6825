import "server-only";
import type { Db } from "@/db/connect";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { loadPersons } from "./dto";
import { ZAddPersonName } from "./schemas";
import { findVisiblePerson } from "./scope";
import { storeNames } from "./store-names";
import { tr } from "@/lib/i18n/translate";

/** Another form of a person's name (a transliteration, the name in Arabic script). */
export async function addPersonName(db: Db, actor: Actor | null, personId: string, input: { name: string }) {
  const person = await findVisiblePerson(db, actor, personId);
  assertCan(actor, "persons.add");
  const { name } = parseInput(ZAddPersonName, input);
  const canonicalId = person.mergedIntoId ?? person.id;
  await db.transaction(async (tx) => {
    const [stored] = await storeNames(tx, actor.id, [{ personId: canonicalId, name }]);
    if (!stored) throw new AppError("CONFLICT", tr("errors.persons.nameTaken"));
    await appendAuditEvent(tx, actor.id, {
      type: "person.name_added",
      entity: { type: "person", id: canonicalId },
      data: { nameId: stored.id, name },
    });
  });
  const [updated] = await loadPersons(db, [canonicalId]);
  return updated;
}
