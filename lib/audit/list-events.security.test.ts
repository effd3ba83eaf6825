import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { listAuditEvents } from "./list-events";

/**
 * A person's internal note is for those who may edit the person (lib/persons/dto.ts). Found by the
 * permission matrix (e2e/security/permissions-idor.spec.ts): a submitter who can see a person —
 * named in their own claim — read every note a reviewer wrote about them in the person's audit
 * trail (the API's `?entity=person:<id>` and the person page's timeline). Their view of the trail
 * now withholds the note, as their view of the person does; auditors still read everything.
 */
describe.each(TEST_DRIVERS)("a person's note in their audit trail, on %s", (driver) => {
  const written = "Reviewer's note: lives with her brother in Jableh";
  const submitterNote = "Submitter's note: the family asked not to be named";
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "admin"],
    setup: async ({ db, submitter, reviewer }) => {
      const claim = await submitSample(db, submitter);
      const link = await addClaimPerson(db, submitter, claim.id, { role: "witness", names: ["Maryam Haddad"], note: submitterNote, age: 30 });
      await updatePerson(db, reviewer, link.person.id, { note: written, age: 31, version: link.person.version });
      return { personId: link.person.id };
    },
  });

  const trail = async (actor: Actor) => JSON.stringify((await listAuditEvents(world.db, actor, { entity: `person:${world.personId}` })).items);

  it("the submitter who named the person sees the trail without either note, and the rest of each change", async () => {
    expect((await getPerson(world.db, world.submitter, world.personId)).note).toBeNull();
    const { items } = await listAuditEvents(world.db, world.submitter, { entity: `person:${world.personId}` });
    expect(items.map((e) => e.type)).toEqual(["person.created", "person.updated"]);
    const text = JSON.stringify(items);
    expect(text).not.toContain(written);
    expect(text).not.toContain(submitterNote);
    const updated = items[1].data as { changes: Record<string, unknown>; withheld?: string[] };
    expect(updated.changes).toEqual({ age: { before: 30, after: 31 } });
    expect(updated.withheld).toEqual(["note"]);
  });

  it("those who may edit the person, and auditors, read the notes", async () => {
    expect(await trail(world.reviewer)).toContain(written);
    expect(await trail(world.admin)).toContain(written);
    expect(await trail(world.admin)).toContain(submitterNote);
  });
});
