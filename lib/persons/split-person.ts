import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { persons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { updateVersioned } from "@/lib/errors/conflict";
import { loadPersons } from "./dto";
import { findVisiblePerson } from "./scope";
import { tr } from "@/lib/i18n/translate";

/** Undo a merge: the person stands on its own again, with its own names and claim links. */
export async function splitPerson(db: Db, actor: Actor | null, personId: string) {
  const person = await findVisiblePerson(db, actor, personId);
  assertCan(actor, "persons.merge");
  const from = person.mergedIntoId;
  if (!from) throw new AppError("INVALID_STATE", tr("errors.persons.notMerged"), { guard: "merged" });
  await db.transaction(async (tx) => {
    await updateVersioned(tx, persons, person, { mergedIntoId: null }, "person", eq(persons.mergedIntoId, from));
    await appendAuditEvent(tx, actor.id, { type: "person.split", entity: { type: "person", id: person.id }, data: { into: from } });
  });
  const [split] = await loadPersons(db, [person.id], { withNotes: true });
  return split;
}
