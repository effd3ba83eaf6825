import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { rowCount } from "@/lib/test/counts";
import { outcome, rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addClaimPerson } from "../add-claim-person";
import { getPerson } from "../get-person";
import { listClaimPersons } from "../list-claim-persons";
import { setClaimPersonVisibility } from "../set-visibility";
import { commitImport } from "./commit-import";
import { dismissImportNotice, getImportNotice } from "./import-notice";
import { previewImport } from "./preview-import";

const LIST = [
  "محمد علي حيدر", // 1: the held person, in Arabic
  "Mohamed Aly Hayder", // 2: the same man, another spelling
  "Mahmoud Ali Haidar", // 3: another man, close consonants
  "Ali Hassan Deeb", // 4: new
  "Hassan Ali Deeb", // 5: new, another man (order)
  "Ali Hasan Dib", // 6: row 4 again
].join("\n");

describe.each(TEST_DRIVERS)("list import on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "editor"],
    setup: async ({ db, submitter, reviewer }) => {
      const earlier = await submitSample(db, submitter);
      const { person: held, linkId, version } = await addClaimPerson(db, submitter, earlier.id, { role: "victim", names: ["Mohammad Ali Haidar"] });
      // Public in the earlier claim: an import linking him elsewhere must not carry that over.
      await setClaimPersonVisibility(db, reviewer, earlier.id, linkId, { isPublic: true, basis: "already_public", version });
      return { held };
    },
  });

  it("previews which rows are one person, which match persons held and which are new, writing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = [await rowCount(db, "persons"), await rowCount(db, "audit_events")];
    const preview = await previewImport(db, world.reviewer, claim.id, { role: "victim", text: LIST });
    expect([await rowCount(db, "persons"), await rowCount(db, "audit_events")]).toEqual(before);
    expect(preview.rows).toBe(6);
    const rowsOf = preview.groups.map((g) => g.members.map((m) => m.row));
    expect(rowsOf).toEqual(expect.arrayContaining([[1, 2], [3], [4, 6], [5]]));
    expect(rowsOf).toHaveLength(4);
    const haidar = preview.groups.find((g) => g.members[0].row === 1)!;
    expect(haidar.proposedPersonId).toBe(world.held.id);
    expect(haidar.members[1].score).toBeGreaterThan(0.8);
    const mahmoud = preview.groups.find((g) => g.members[0].row === 3)!;
    expect(mahmoud.proposedPersonId).toBeNull();
    expect(preview.groups.find((g) => g.members[0].row === 5)!.proposedPersonId).toBeNull();
  });

  it("imports as decided: a confirmed match gains the list's spellings, a rejected one makes a new person", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const preview = await previewImport(db, world.reviewer, claim.id, { role: "victim", text: LIST });
    const haidar = preview.groups.find((g) => g.members[0].row === 1)!;
    // Confirm the Haidar match; keep rows 4 and 6 apart (rejecting the within-list match).
    const groups = [
      { rows: [1, 2], personId: world.held.id },
      { rows: [3], personId: null },
      { rows: [4], personId: null },
      { rows: [6], personId: null },
      { rows: [5], personId: null },
    ];
    expect(haidar.proposedPersonId).toBe(world.held.id);
    const persons = await rowCount(db, "persons");
    const result = await commitImport(db, world.reviewer, claim.id, { role: "victim", text: LIST, groups });
    expect(result).toEqual({ rows: 6, created: 4, matched: 1, newNameForms: 2, newLinks: 5 });
    expect(await rowCount(db, "persons")).toBe(persons + 4);
    const linked = await listClaimPersons(db, world.reviewer, claim.id);
    expect(linked).toHaveLength(5);
    expect((await getPerson(db, world.reviewer, world.held.id)).names.map((n) => n.name)).toEqual(["Mohammad Ali Haidar", "محمد علي حيدر", "Mohamed Aly Hayder"]);
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "claim.persons_imported", data: { rows: 6, role: "victim", linked: [world.held.id], rejectedMatches: 0 } });
    expect((events.items.at(-1)!.data as { created: string[] }).created).toHaveLength(4);
  });

  it("links every imported person privately, a matched person public elsewhere too", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const groups = [{ rows: [1, 2], personId: world.held.id }, { rows: [3], personId: null }, { rows: [4, 6], personId: null }, { rows: [5], personId: null }];
    await commitImport(db, world.reviewer, claim.id, { role: "victim", text: LIST, groups });
    const linked = await listClaimPersons(db, world.editor, claim.id);
    expect(linked.map((l) => [l.isPublic, l.basis])).toEqual(Array.from({ length: 4 }, () => [false, null]));
    expect(linked.find((l) => l.person.id === world.held.id)).toBeDefined();
  });

  it("tells the claim's editor of persons imported while it is in review, until dismissed or published", async () => {
    const { db } = world;
    const cast = { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor };
    let claim = await claimInState(db, cast, "review");
    // Persons added before review, or by hand, raise no notice.
    expect(await getImportNotice(db, world.editor, claim.id)).toBeNull();
    await addClaimPerson(db, world.reviewer, claim.id, { role: "witness", names: ["Samer Witness Deeb"] });
    expect(await getImportNotice(db, world.editor, claim.id)).toBeNull();

    await commitImport(db, world.reviewer, claim.id, { role: "victim", text: "Ali Hassan Deeb\nHassan Ali Deeb", groups: [{ rows: [1], personId: null }, { rows: [2], personId: null }] });
    expect(await getImportNotice(db, world.editor, claim.id)).toEqual({ persons: 2 });
    // The audit records the import and the claim's state then.
    const events = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "claim.persons_imported", data: { newLinks: 2, claimState: "review" } });
    // For the editor only: the reviewer who imported them sees none, and cannot dismiss it.
    expect(await getImportNotice(db, world.reviewer, claim.id)).toBeNull();
    expect(await outcome(dismissImportNotice(db, world.reviewer, claim.id))).toBe("FORBIDDEN");

    await commitImport(db, world.reviewer, claim.id, { role: "missing", text: "Nizar Ghanem", groups: [{ rows: [1], personId: null }] });
    expect(await getImportNotice(db, world.editor, claim.id)).toEqual({ persons: 3 });
    await dismissImportNotice(db, world.editor, claim.id);
    expect(await getImportNotice(db, world.editor, claim.id)).toBeNull();
    expect((await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` })).items.at(-1)).toMatchObject({ type: "claim.import_notice_dismissed", actor: { id: world.editor.id }, data: { persons: 3 } });

    // A later import raises it again; publication ends it.
    await commitImport(db, world.reviewer, claim.id, { role: "injured", text: "Wassim Issa", groups: [{ rows: [1], personId: null }] });
    expect(await getImportNotice(db, world.editor, claim.id)).toEqual({ persons: 1 });
    claim = await transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version });
    expect(claim.state).toBe("published");
    expect(await getImportNotice(db, world.editor, claim.id)).toBeNull();
    expect(await outcome(dismissImportNotice(db, world.editor, claim.id))).toBe("INVALID_STATE");
  });

  it("refuses decisions that do not cover the list exactly, or name unknown persons, writing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const before = [await rowCount(db, "persons"), await rowCount(db, "claim_persons"), await rowCount(db, "audit_events")];
    const all = [1, 2, 3, 4, 5, 6];
    const bad = [
      [{ rows: [1, 2, 3], personId: null }],
      [{ rows: all, personId: null }, { rows: [1], personId: null }],
      [{ rows: [...all, 9], personId: null }],
      [{ rows: all, personId: "00000000-0000-4000-8000-000000000000" }],
    ];
    for (const groups of bad) {
      const error = await rejection(commitImport(db, world.reviewer, claim.id, { role: "victim", text: LIST, groups }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.details.fieldErrors ?? {})).toEqual(["groups"]);
    }
    expect(await outcome(commitImport(db, world.reviewer, claim.id, { role: "victim", text: "name,age\nAli,200\n", groups: [{ rows: [2], personId: null }] }))).toBe("BAD_REQUEST");
    expect(await outcome(commitImport(db, world.reviewer, claim.id, { role: "victim", text: "   ", groups: [{ rows: [1], personId: null }] }))).toBe("BAD_REQUEST");
    expect([await rowCount(db, "persons"), await rowCount(db, "claim_persons"), await rowCount(db, "audit_events")]).toEqual(before);
  });

  it("previews a list with problems as errors by row, and another's claim as not found", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const preview = await previewImport(db, world.reviewer, claim.id, { role: "victim", text: "name,age\nAli Deeb,abc\n" });
    expect(preview.errors).toEqual([{ row: 2, message: expect.stringMatching(/Age/) }]);
    expect(preview.groups).toEqual([]);
    const other = await makeActor(db, "submitter");
    expect(await outcome(previewImport(db, other, claim.id, { role: "victim", text: "Ali" }))).toBe("NOT_FOUND");
  });
});
