import "server-only";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { listClaimPersons } from "./list-claim-persons";
import { ZAddClaimPerson } from "./schemas";
import { findVisiblePerson } from "./scope";
import { insertPersons, storeNames } from "./store-names";
import { tr } from "@/lib/i18n/translate";

/**
 * Name a person in a claim: link an existing person, or create one from its name forms. The link is
 * private, whatever the role: a name is published only once an editor or reviewer marks it
 * publishable with a basis (./set-visibility.ts).
 */
export async function addClaimPerson(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.add");
  const data = parseInput(ZAddClaimPerson, input);
  assertClaimOpen(claim.state, "personsAdded");
  const existing = data.personId ? await findVisiblePerson(db, actor, data.personId) : null;

  const linkId = await db.transaction(async (tx) => {
    let personId = existing ? (existing.mergedIntoId ?? existing.id) : null;
    if (personId && data.names) {
      for (const stored of await storeNames(tx, actor.id, data.names.map((name) => ({ personId: personId!, name })))) {
        await appendAuditEvent(tx, actor.id, { type: "person.name_added", entity: { type: "person", id: personId }, data: { nameId: stored.id, name: stored.name } });
      }
    }
    if (!personId) {
      const details = { sex: data.sex, age: data.age, incidentDate: data.incidentDate, placeName: data.placeName, note: data.note };
      [personId] = await insertPersons(tx, actor.id, [{ names: data.names!, ...details }]);
      await appendAuditEvent(tx, actor.id, {
        type: "person.created",
        entity: { type: "person", id: personId },
        data: { version: 1, changes: diffFields({}, { names: data.names, ...details }) },
      });
    }
    const [link] = await tx
      .insert(claimPersons)
      .values({ claimId, personId, role: data.role, isPublic: false, createdById: actor.id })
      .onConflictDoNothing()
      .returning({ id: claimPersons.id });
    if (!link) throw new AppError("CONFLICT", tr("errors.persons.alreadyNamed", { role: data.role }));
    await appendAuditEvent(tx, actor.id, {
      type: "claim.person_linked",
      entity: { type: "claim", id: claimId },
      data: { personId, role: data.role, isPublic: false, created: !existing },
    });
    return link.id;
  });
  const links = await listClaimPersons(db, actor, claimId);
  return links.find((l) => l.linkId === linkId)!;
}

