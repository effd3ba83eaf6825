import "server-only";
import type { Db } from "@/db/connect";
import { persons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { loadPersons } from "./dto";
import { ZUpdatePerson } from "./schemas";
import { findVisiblePerson } from "./scope";
import { lapseNameApprovals } from "./name-approvals";

/** The details a published entry shows of a person (lib/publishing/snapshot.ts): not the note. */
const PUBLIC_DETAILS = ["sex", "age", "incidentDate", "placeName"];

/** Correct a person's details (sex, age, date and place, note); names are added one by one. */
export async function updatePerson(db: Db, actor: Actor | null, personId: string, input: unknown) {
  const found = await findVisiblePerson(db, actor, personId);
  assertCan(actor, "persons.update");
  const { version, ...fields } = parseInput(ZUpdatePerson, input);
  const id = found.mergedIntoId ?? found.id;
  const [before] = await loadPersons(db, [id], { withNotes: true });
  assertCurrentVersion(version, before.version, "person");
  const changes = diffFields(
    { sex: before.sex, age: before.age, incidentDate: before.incidentDate, placeName: before.placeName, note: before.note },
    { sex: before.sex, age: before.age, incidentDate: before.incidentDate, placeName: before.placeName, note: before.note, ...fields },
  );
  if (Object.keys(changes).length === 0) return before;
  await db.transaction(async (tx) => {
    await updateVersioned(tx, persons, { id, version }, fields, "person");
    await appendAuditEvent(tx, actor.id, { type: "person.updated", entity: { type: "person", id }, data: { version: version + 1, changes } });
    // A public detail changed (the note is never public): the approvals of the name lapse.
    if (PUBLIC_DETAILS.some((field) => field in changes)) await lapseNameApprovals(tx, actor.id, [id], "details_changed");
  });
  const [after] = await loadPersons(db, [id], { withNotes: true });
  return after;
}
