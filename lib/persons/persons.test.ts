import { describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import { listAuditEvents } from "@/lib/audit/list-events";
import { rowCount } from "@/lib/test/counts";
import { outcome, rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addClaimPerson } from "./add-claim-person";
import { addPersonName } from "./add-person-name";
import { getPerson } from "./get-person";
import { listClaimPersons } from "./list-claim-persons";
import { matchPersons } from "./match-persons";
import { mergePerson } from "./merge-person";
import { reconcile } from "./reconcile";
import { removeClaimPerson } from "./remove-claim-person";
import { setClaimPersonVisibility } from "./set-visibility";
import { splitPerson } from "./split-person";
import { updatePerson } from "./update-person";

async function personCounts(db: Database["db"]) {
  return {
    persons: await rowCount(db, "persons"),
    names: await rowCount(db, "person_names"),
    keys: await rowCount(db, "person_name_keys"),
    links: await rowCount(db, "claim_persons"),
    audit: await rowCount(db, "audit_events"),
  };
}

describe.each(TEST_DRIVERS)("persons on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor", "admin"], actors: { otherSubmitter: "submitter" } });

  it("adds a person with name forms in two scripts, stores their keys, and audits it", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const link = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["محمد علي حيدر", "Mohammad Ali Haidar"], age: 34, placeName: "Baniyas" });
    expect(link.role).toBe("victim");
    expect([link.isPublic, link.basis, link.approvedBy, link.approvedAt]).toEqual([false, null, null, null]);
    expect(link.person.names.map((n) => [n.name, n.script])).toEqual([
      ["محمد علي حيدر", "arabic"],
      ["Mohammad Ali Haidar", "latin"],
    ]);
    expect(link.person.age).toBe(34);
    const events = await listAuditEvents(db, world.reviewer, { entity: `person:${link.person.id}` });
    expect(events.items.map((e) => e.type)).toEqual(["person.created"]);
    const claimEvents = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(claimEvents.items.at(-1)).toMatchObject({ type: "claim.person_linked", data: { personId: link.person.id, role: "victim", isPublic: false, created: true } });
  });

  it("names every person privately, victims too, whoever adds them and however they are linked", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    for (const role of ["victim", "witness", "injured", "missing", "perpetrator"] as const) {
      const link = await addClaimPerson(db, world.submitter, claim.id, { role, names: [`Witness ${role} Deeb`] });
      expect(link.isPublic, role).toBe(false);
    }
    // Linking an existing person (public in another claim) does not carry the approval over.
    const elsewhere = await submitSample(db, world.submitter);
    const first = await addClaimPerson(db, world.reviewer, elsewhere.id, { role: "victim", names: ["Hussam Adel Deeb"] });
    await setClaimPersonVisibility(db, world.editor, elsewhere.id, first.linkId, { isPublic: true, basis: "already_public", version: first.version });
    const again = await addClaimPerson(db, world.editor, claim.id, { role: "victim", personId: first.person.id });
    expect(again.isPublic).toBe(false);
  });

  it("finds the stored person a typed name may be, across scripts, with a score and reasons", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const { person } = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["علي حسن ديب"] });
    const { candidates } = await matchPersons(db, world.reviewer, { name: "Ali Hassan Deeb" });
    const found = candidates.find((c) => c.person.id === person.id);
    expect(found).toBeDefined();
    expect(found!.score).toBeGreaterThan(0.8);
    expect(found!.reasons.length).toBeGreaterThan(0);
    // Another order is another man.
    const swapped = await matchPersons(db, world.reviewer, { name: "Hassan Ali Deeb" });
    expect(swapped.candidates.find((c) => c.person.id === person.id)?.score ?? 0).toBeLessThan(found!.score);
  });

  it("links an existing person instead of duplicating, and refuses the same link twice", async () => {
    const { db } = world;
    const first = await submitSample(db, world.submitter);
    const second = await submitSample(db, world.submitter);
    const { person } = await addClaimPerson(db, world.submitter, first.id, { role: "victim", names: ["Yousef Salman Khaddour"] });
    const before = await personCounts(db);
    const linked = await addClaimPerson(db, world.submitter, second.id, { role: "victim", personId: person.id, names: ["Yousef Salman Khaddour", "يوسف سلمان خضور"] });
    expect(linked.person.id).toBe(person.id);
    // The spelling typed while linking is kept as a further form; the known one is not doubled.
    expect(linked.person.names.map((n) => n.name)).toEqual(["Yousef Salman Khaddour", "يوسف سلمان خضور"]);
    const after = await personCounts(db);
    expect(after.persons).toBe(before.persons);
    expect(after.links).toBe(before.links + 1);
    expect(after.names).toBe(before.names + 1);
    const again = await rejection(addClaimPerson(db, world.submitter, second.id, { role: "victim", personId: person.id }));
    expect(again.code).toBe("CONFLICT");
    expect(await personCounts(db)).toEqual(after);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = await personCounts(db);
    const cases: [unknown, string][] = [
      [{ role: "victim" }, "names"],
      [{ role: "victim", names: [] }, "names"],
      [{ role: "victim", names: ["  "] }, "names.0"],
      [{ role: "bystander", names: ["Ali"] }, "role"],
      [{ role: "victim", names: ["Ali"], age: 200 }, "age"],
      [{ role: "victim", names: ["Ali"], incidentDate: "12/03/2025" }, "incidentDate"],
      [{ role: "victim", names: ["Ali"], colour: "red" }, "colour"],
      [{ role: "victim", names: ["Ali\u0000"] }, "names.0"],
      [{ role: "victim", names: ["Ali"], personId: "not-a-uuid" }, "personId"],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(addClaimPerson(db, world.submitter, claim.id, input as never));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(Object.keys(error.details.fieldErrors ?? {}), JSON.stringify(input)).toContain(field);
    }
    expect(await outcome(addClaimPerson(db, world.submitter, claim.id, { role: "victim", personId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
    expect(await personCounts(db)).toEqual(before);
  });

  it("keeps persons within the claims an actor can see, and roles within their permissions", async () => {
    const { db } = world;
    const mine = await submitSample(db, world.submitter);
    const theirs = await submitSample(db, world.otherSubmitter);
    const { person: hidden } = await addClaimPerson(db, world.otherSubmitter, theirs.id, { role: "witness", names: ["Rami Suleiman Abbas"] });
    const before = await personCounts(db);
    expect(await outcome(addClaimPerson(db, world.submitter, theirs.id, { role: "victim", names: ["Someone"] }))).toBe("NOT_FOUND");
    expect(await outcome(addClaimPerson(db, world.submitter, mine.id, { role: "victim", personId: hidden.id }))).toBe("NOT_FOUND");
    expect(await outcome(addClaimPerson(db, world.admin, mine.id, { role: "victim", names: ["Someone"] }))).toBe("FORBIDDEN");
    expect(await outcome(getPerson(db, world.submitter, hidden.id))).toBe("NOT_FOUND");
    // A witness named in someone else's claim never reaches a submitter's suggestions.
    const seen = await matchPersons(db, world.submitter, { name: "Rami Suleiman Abbas" });
    expect(seen.candidates.map((c) => c.person.id)).not.toContain(hidden.id);
    expect(seen.searchedAll).toBe(false);
    const all = await matchPersons(db, world.reviewer, { name: "Rami Suleiman Abbas" });
    expect(all.candidates.map((c) => c.person.id)).toContain(hidden.id);
    expect(await personCounts(db)).toEqual(before);
  });

  it("never lets a submitter reach through a merge a person out of their sight; notes stay with reviewers", async () => {
    const { db } = world;
    const mine = await submitSample(db, world.submitter);
    const theirs = await submitSample(db, world.otherSubmitter);
    const link = await addClaimPerson(db, world.submitter, mine.id, { role: "victim", names: ["Ghassan Nabil Merged"] });
    await removeClaimPerson(db, world.submitter, mine.id, link.linkId);
    const { person: witness } = await addClaimPerson(db, world.otherSubmitter, theirs.id, { role: "witness", names: ["Ghassan Nabil Merged"] });
    await updatePerson(db, world.reviewer, witness.id, { note: "Lives at the north checkpoint.", version: 1 });
    await mergePerson(db, world.reviewer, link.person.id, { intoId: witness.id });
    expect(await outcome(getPerson(db, world.submitter, link.person.id))).toBe("NOT_FOUND");
    expect((await matchPersons(db, world.submitter, { name: "Ghassan Nabil Merged" })).candidates).toEqual([]);
    expect(await outcome(addClaimPerson(db, world.submitter, mine.id, { role: "victim", personId: link.person.id }))).toBe("NOT_FOUND");

    // A note reviewers write is theirs: a submitter reads the person without it.
    const own = await addClaimPerson(db, world.submitter, mine.id, { role: "victim", names: ["Noted Person Haddad"] });
    await updatePerson(db, world.reviewer, own.person.id, { note: "Family asked us not to publish.", version: 1 });
    expect((await listClaimPersons(db, world.submitter, mine.id))[0].person.note).toBeNull();
    expect((await getPerson(db, world.submitter, own.person.id)).note).toBeNull();
    expect((await getPerson(db, world.reviewer, own.person.id)).note).toBe("Family asked us not to publish.");
  });

  it("refuses persons on a closed claim with the state guard", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    await transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: claim.version, reason: "Out of scope." });
    const error = await rejection(addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["Ali"] }));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.details.guard).toBe("state");
  });

  it("merges two records of one person reversibly, and audits both steps", async () => {
    const { db } = world;
    const a = await submitSample(db, world.submitter);
    const b = await submitSample(db, world.submitter);
    const { person: arabic } = await addClaimPerson(db, world.submitter, a.id, { role: "victim", names: ["خالد محمود إسماعيل"] });
    const { person: latin } = await addClaimPerson(db, world.submitter, b.id, { role: "victim", names: ["Khaled Mahmoud Ismail"] });
    expect(await outcome(mergePerson(db, world.submitter, latin.id, { intoId: arabic.id }))).toBe("FORBIDDEN");
    expect(await outcome(mergePerson(db, world.reviewer, latin.id, { intoId: latin.id }))).toBe("BAD_REQUEST");

    const merged = await mergePerson(db, world.reviewer, latin.id, { intoId: arabic.id, reason: "Same man, same father, same village." });
    expect(merged.names.map((n) => n.name)).toEqual(["خالد محمود إسماعيل", "Khaled Mahmoud Ismail"]);
    expect(merged.merged.map((m) => m.id)).toEqual([latin.id]);
    // The second claim's person now answers as the merged one; opening the old id leads there too.
    expect((await listClaimPersons(db, world.submitter, b.id))[0].person.id).toBe(arabic.id);
    expect((await getPerson(db, world.reviewer, latin.id)).id).toBe(arabic.id);
    expect((await getPerson(db, world.reviewer, arabic.id)).claims.map((c) => c.claimId).sort()).toEqual([a.id, b.id].sort());
    expect(await outcome(mergePerson(db, world.reviewer, latin.id, { intoId: arabic.id }))).toBe("INVALID_STATE");

    const split = await splitPerson(db, world.reviewer, latin.id);
    expect(split.id).toBe(latin.id);
    expect(split.names.map((n) => n.name)).toEqual(["Khaled Mahmoud Ismail"]);
    expect((await listClaimPersons(db, world.submitter, b.id))[0].person.id).toBe(latin.id);
    expect((await getPerson(db, world.reviewer, arabic.id)).names).toHaveLength(1);
    expect(await outcome(splitPerson(db, world.reviewer, latin.id))).toBe("INVALID_STATE");
    const events = await listAuditEvents(db, world.reviewer, { entity: `person:${latin.id}` });
    expect(events.items.map((e) => e.type)).toEqual(["person.created", "person.merged", "person.split"]);
    expect(events.items[1].data).toEqual({ into: arabic.id, reason: "Same man, same father, same village." });
  });

  it("moves persons merged into a merged person along, so merges stay one level deep", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const [x, y, z] = await Promise.all(["Jamil Issa Hamdan", "Jameel Issa Hamdan", "جميل عيسى حمدان"].map((n) => addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: [n] })));
    await mergePerson(db, world.reviewer, x.person.id, { intoId: y.person.id });
    const all = await mergePerson(db, world.reviewer, y.person.id, { intoId: z.person.id });
    expect(all.merged.map((m) => m.id).sort()).toEqual([x.person.id, y.person.id].sort());
    expect(all.names).toHaveLength(3);
    expect(await listClaimPersons(db, world.submitter, claim.id)).toHaveLength(3);
    expect(new Set((await listClaimPersons(db, world.submitter, claim.id)).map((l) => l.person.id))).toEqual(new Set([z.person.id]));
  });

  it("adds name forms and corrects details with optimistic concurrency", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const { person } = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["Hussein Ali Nasser"] });
    const withForm = await addPersonName(db, world.submitter, person.id, { name: "حسين علي ناصر" });
    expect(withForm.names.map((n) => n.script)).toEqual(["latin", "arabic"]);
    expect(await outcome(addPersonName(db, world.submitter, person.id, { name: "حسين علي ناصر" }))).toBe("CONFLICT");
    expect(await outcome(updatePerson(db, world.submitter, person.id, { age: 40, version: 1 }))).toBe("FORBIDDEN");
    const updated = await updatePerson(db, world.reviewer, person.id, { age: 40, placeName: "Jableh", version: 1 });
    expect([updated.age, updated.placeName, updated.version]).toEqual([40, "Jableh", 2]);
    expect(await outcome(updatePerson(db, world.reviewer, person.id, { age: 41, version: 1 }))).toBe("CONFLICT");
    const events = await listAuditEvents(db, world.reviewer, { entity: `person:${person.id}` });
    expect(events.items.map((e) => e.type)).toEqual(["person.created", "person.name_added", "person.updated"]);
    expect(events.items[2].data).toEqual({ version: 2, changes: { age: { before: null, after: 40 }, placeName: { before: null, after: "Jableh" } } });
  });

  it("removes a person from a claim (not the person), audits it, and refuses outsiders and closed claims", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const link = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["Samer Adel Makhlouf"] });
    expect(await outcome(removeClaimPerson(db, world.otherSubmitter, claim.id, link.linkId))).toBe("NOT_FOUND");
    expect(await outcome(removeClaimPerson(db, world.admin, claim.id, link.linkId))).toBe("FORBIDDEN");
    expect(await outcome(removeClaimPerson(db, world.submitter, claim.id, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    await removeClaimPerson(db, world.submitter, claim.id, link.linkId);
    expect(await listClaimPersons(db, world.submitter, claim.id)).toEqual([]);
    expect((await getPerson(db, world.reviewer, link.person.id)).names.map((n) => n.name)).toEqual(["Samer Adel Makhlouf"]);
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "claim.person_unlinked", data: { personId: link.person.id, role: "victim", isPublic: false } });
    expect(await outcome(removeClaimPerson(db, world.submitter, claim.id, link.linkId))).toBe("NOT_FOUND");
    const again = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", personId: link.person.id });
    await transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: claim.version, reason: "Out of scope." });
    expect(await outcome(removeClaimPerson(db, world.submitter, claim.id, again.linkId))).toBe("INVALID_STATE");
  });

  it("an approval covers the person as they stood: a name form added, a merge or a public detail changed makes the name private again, audited; the note does not", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const approve = async (linkId: string, version: number) =>
      setClaimPersonVisibility(db, world.reviewer, claim.id, linkId, { isPublic: true, basis: "family_consent", version });
    const stateOf = async (linkId: string) => (await listClaimPersons(db, world.editor, claim.id)).find((l) => l.linkId === linkId)!;

    const victim = await addClaimPerson(db, world.reviewer, claim.id, { role: "victim", names: ["Nabil Karim Wardeh"], age: 40 });
    let link = await approve(victim.linkId, victim.version);
    // The note is never public: changing it leaves the approval.
    await updatePerson(db, world.reviewer, victim.person.id, { note: "Cousin of a witness.", version: (await getPerson(db, world.reviewer, victim.person.id)).version });
    expect(await stateOf(victim.linkId)).toMatchObject({ isPublic: true, basis: "family_consent" });

    // A name form nobody approved: private again, the approval cleared, audited with why.
    await addPersonName(db, world.editor, victim.person.id, { name: "ALIAS NEVER APPROVED" });
    link = await stateOf(victim.linkId);
    expect(link).toMatchObject({ isPublic: false, basis: null, approvedBy: null, version: 3 });
    const events = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "claim.person_visibility_changed", actor: { id: world.editor.id }, data: { lapsed: "name_added", version: 3, changes: { isPublic: { before: true, after: false } } } });

    // A public detail changed: the same.
    link = await approve(victim.linkId, link.version);
    await updatePerson(db, world.reviewer, victim.person.id, { age: 41, version: (await getPerson(db, world.reviewer, victim.person.id)).version });
    expect(await stateOf(victim.linkId)).toMatchObject({ isPublic: false, basis: null });

    // A merge: the approved person now answers with the other's names, and the other with theirs.
    link = await approve(victim.linkId, (await stateOf(victim.linkId)).version);
    const other = await addClaimPerson(db, world.reviewer, claim.id, { role: "witness", names: ["نبيل كريم وردة"] });
    const otherLink = await approve(other.linkId, other.version);
    await mergePerson(db, world.reviewer, other.person.id, { intoId: victim.person.id });
    expect(await stateOf(victim.linkId)).toMatchObject({ isPublic: false, basis: null });
    expect(await stateOf(otherLink.linkId)).toMatchObject({ isPublic: false, basis: null });
    const lapses = (await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}`, type: "claim.person_visibility_changed" })).items.slice(-2);
    expect(lapses.map((e) => (e.data as { lapsed?: string }).lapsed)).toEqual(["person_merged", "person_merged"]);
  });

  it("marks a name publishable only with a basis, by an editor or reviewer, audited; withdrawing clears it", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const link = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["Abu Some Nickname"] });
    const fieldsOf = async (p: Promise<unknown>) => Object.keys(((await rejection(p)).details as { fieldErrors: Record<string, string[]> }).fieldErrors);
    expect(await outcome(setClaimPersonVisibility(db, world.submitter, claim.id, link.linkId, { isPublic: true, basis: "already_public", version: 1 }))).toBe("FORBIDDEN");
    expect(await outcome(setClaimPersonVisibility(db, world.admin, claim.id, link.linkId, { isPublic: true, basis: "already_public", version: 1 }))).toBe("FORBIDDEN");
    // No basis, an unknown one, or `other` without its stated text: a 400 naming the field, nothing written.
    expect(await fieldsOf(setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: true, version: 1 }))).toEqual(["basis"]);
    expect(await fieldsOf(setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: true, basis: "consent", version: 1 }))).toEqual(["basis"]);
    expect(await fieldsOf(setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: true, basis: "other", basisNote: "  ", version: 1 }))).toEqual(["basisNote"]);
    expect(await fieldsOf(setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: true, basis: "other", basisNote: "x".repeat(501), version: 1 }))).toEqual(["basisNote"]);
    expect(await fieldsOf(setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: false, basis: "already_public", version: 1 }))).toEqual(["basis"]);
    expect((await listClaimPersons(db, world.editor, claim.id))[0]).toMatchObject({ isPublic: false, basis: null, version: 1 });

    const published = await setClaimPersonVisibility(db, world.reviewer, claim.id, link.linkId, { isPublic: true, basis: "other", basisNote: "Named by the governor in a press conference", version: 1 });
    expect(published).toMatchObject({ isPublic: true, basis: "other", basisNote: "Named by the governor in a press conference", approvedBy: world.reviewer.name, version: 2 });
    expect(Date.now() - Date.parse(published.approvedAt!)).toBeLessThan(60_000);
    expect(await outcome(setClaimPersonVisibility(db, world.editor, claim.id, link.linkId, { isPublic: false, version: 1 }))).toBe("CONFLICT");
    expect(await outcome(setClaimPersonVisibility(db, world.editor, claim.id, "not-an-id", { isPublic: false, version: 2 }))).toBe("NOT_FOUND");
    let events = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({
      type: "claim.person_visibility_changed",
      actor: { id: world.reviewer.id },
      data: { basis: "other", changes: { isPublic: { before: false, after: true }, basis: { before: null, after: "other" }, basisNote: { before: null, after: "Named by the governor in a press conference" } } },
    });

    // Withdrawn: private again, the basis and approval cleared, audited with what it was.
    const withdrawn = await setClaimPersonVisibility(db, world.editor, claim.id, link.linkId, { isPublic: false, version: 2 });
    expect(withdrawn).toMatchObject({ isPublic: false, basis: null, basisNote: null, approvedBy: null, approvedAt: null, version: 3 });
    events = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "claim.person_visibility_changed", data: { basis: null, changes: { isPublic: { before: true, after: false }, basis: { before: "other", after: null } } } });
    // The same decision again writes nothing.
    const before = await rowCount(db, "audit_events");
    await setClaimPersonVisibility(db, world.editor, claim.id, link.linkId, { isPublic: false, version: 3 });
    expect(await rowCount(db, "audit_events")).toBe(before);
  });

  it("refuses, in the database itself, a public link without a basis", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const link = await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: ["Checked Constraint Deeb"] });
    const { claimPersons } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await expect(db.update(claimPersons).set({ isPublic: true }).where(eq(claimPersons.id, link.linkId))).rejects.toThrow();
    await expect(db.update(claimPersons).set({ isPublic: true, publicationBasis: "other", approvedAt: new Date() }).where(eq(claimPersons.id, link.linkId))).rejects.toThrow();
    expect((await listClaimPersons(db, world.editor, claim.id))[0].isPublic).toBe(false);
  });
});

describe("reconcile", () => {
  const someone = { id: "u", role: "submitter" as const, name: "u" };

  it("clusters names among themselves: every id in exactly one cluster", async () => {
    const names = [
      { id: "a", name: "محمد علي حيدر" },
      { id: "b", name: "Mohammad Ali Haidar" },
      { id: "c", name: "Mahmoud Ali Haidar" },
      { id: "d", name: "Muhammad Ali Haydar" },
    ];
    const { clusters } = await reconcile(someone, { names });
    expect(clusters.flat().sort()).toEqual(["a", "b", "c", "d"]);
    const withA = clusters.find((c) => c.includes("a"))!;
    expect(withA).toEqual(expect.arrayContaining(["a", "b", "d"]));
    expect(withA).not.toContain("c");
  });

  it("refuses duplicate ids, empty lists and unknown keys; admins may not use it", async () => {
    const bad: unknown[] = [{ names: [] }, { names: [{ id: "a", name: "x" }, { id: "a", name: "y" }] }, { names: [{ id: "a", name: "x", extra: 1 }] }, {}];
    for (const input of bad) await expect(reconcile(someone, input as never)).rejects.toThrow(/field errors/);
    await expect(reconcile({ ...someone, role: "admin" }, { names: [{ id: "a", name: "x" }] })).rejects.toThrow(/may not/);
  });
});
