import "server-only";
import { eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { persons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { loadPersons } from "./dto";
import { type TMergePerson, ZMergePerson } from "./schemas";
import { lapseNameApprovals } from "./name-approvals";
import { findVisiblePerson } from "./scope";
import { tr } from "@/lib/i18n/translate";

/**
 * Merge a person into another: it now answers as that person everywhere (names, claims, counts).
 * Nothing moves: the absorbed person only points at the other, so `splitPerson` undoes it. Persons
 * merged into the absorbed one follow it, so merges stay one level deep.
 */
export async function mergePerson(db: Db, actor: Actor | null, personId: string, input: TMergePerson) {
  const person = await findVisiblePerson(db, actor, personId);
  assertCan(actor, "persons.merge");
  const { intoId, reason } = parseInput(ZMergePerson, input);
  const target = await findVisiblePerson(db, actor, intoId).catch((error: unknown) => {
    if (!isAppError(error) || error.code !== "NOT_FOUND") throw error;
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { intoId: [tr("errors.persons.notFound")] } });
  });
  if (person.mergedIntoId) throw new AppError("INVALID_STATE", tr("errors.persons.alreadyMerged"), { guard: "merged" });
  const into = target.mergedIntoId ?? target.id;
  if (into === person.id) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { intoId: [tr("errors.persons.mergeIntoSelf")] } });

  await db.transaction(async (tx) => {
    const followers = await tx
      .update(persons)
      .set({ mergedIntoId: into })
      .where(eq(persons.mergedIntoId, person.id))
      .returning({ id: persons.id });
    await updateVersioned(tx, persons, person, { mergedIntoId: into }, "person", isNull(persons.mergedIntoId));
    for (const id of [person.id, ...followers.map((f) => f.id)]) {
      await appendAuditEvent(tx, actor.id, { type: "person.merged", entity: { type: "person", id }, data: { into, ...(reason ? { reason } : {}) } });
    }
    // Each side now answers with the other's names and details too: no approval covered them.
    await lapseNameApprovals(tx, actor.id, [into], "person_merged");
  });
  const [merged] = await loadPersons(db, [into], { withNotes: true });
  return merged;
}
