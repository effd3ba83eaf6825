import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { openTestDatabase, TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { listAuditEvents } from "./list-events";

/**
 * A person's internal note is for those who may edit the person (lib/persons/dto.ts). Found by the
 * permission matrix (e2e/security/permissions-idor.spec.ts): a submitter who can see a person —
 * named in their own claim — read every note a reviewer wrote about them in the person's audit
 * trail (the API's `?entity=person:<id>` and the person page's timeline). Their view of the trail
 * now withholds the note, as their view of the person does; auditors still read everything.
 */
describe.each(TEST_DRIVERS)("a person's note in their audit trail, on %s", (driver) => {
  let database: Database;
  let submitter: Actor;
  let reviewer: Actor;
  let admin: Actor;
  let personId: string;
  const written = "Reviewer's note: lives with her brother in Jableh";
  const submitterNote = "Submitter's note: the family asked not to be named";

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const { db } = database;
    submitter = await makeActor(db, "submitter");
    reviewer = await makeActor(db, "reviewer");
    admin = await makeActor(db, "admin");
    const claim = await submitSample(db, submitter);
    const link = await addClaimPerson(db, submitter, claim.id, { role: "witness", names: ["Maryam Haddad"], note: submitterNote, age: 30 });
    personId = link.person.id;
    await updatePerson(db, reviewer, personId, { note: written, age: 31, version: link.person.version });
  });
  afterAll(() => database.close());

  const trail = async (actor: Actor) => JSON.stringify((await listAuditEvents(database.db, actor, { entity: `person:${personId}` })).items);

  it("the submitter who named the person sees the trail without either note, and the rest of each change", async () => {
    expect((await getPerson(database.db, submitter, personId)).note).toBeNull();
    const { items } = await listAuditEvents(database.db, submitter, { entity: `person:${personId}` });
    expect(items.map((e) => e.type)).toEqual(["person.created", "person.updated"]);
    const text = JSON.stringify(items);
    expect(text).not.toContain(written);
    expect(text).not.toContain(submitterNote);
    const updated = items[1].data as { changes: Record<string, unknown>; withheld?: string[] };
    expect(updated.changes).toEqual({ age: { before: 30, after: 31 } });
    expect(updated.withheld).toEqual(["note"]);
  });

  it("those who may edit the person, and auditors, read the notes", async () => {
    expect(await trail(reviewer)).toContain(written);
    expect(await trail(admin)).toContain(written);
    expect(await trail(admin)).toContain(submitterNote);
  });
});
