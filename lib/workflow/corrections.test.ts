import { describe, expect, it } from "vitest";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { getClaim } from "@/lib/claims/get-claim";
import { type Committed, gatherCommitted } from "@/lib/effects/committed";
import { recordFigure } from "@/lib/figures/record-figure";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";
import { listPublicAuditEvents } from "@/lib/publishing/public-audit-events";
import { getPublicEntry, pickPublicEntryVersion } from "@/lib/publishing/public-entries";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "./transition-claim";

describe.each(TEST_DRIVERS)("corrections under four eyes (issue 17) on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: { submitter: "submitter", reviewer: "reviewer", editor: "editor", drafter: "editor", checker: "editor" },
    setup: async ({ db, reviewer }) => ({
      monitorId: (await createSource(db, reviewer, { name: "Coastal monitor", kind: "organisation", reliability: "B" })).id,
    }),
  });
  const published = () => claimInState(world.db, { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor }, "published");

  it("drafts a correction of every public field; the drafter cannot publish it, another editor does; the public sees the old version until then", async () => {
    const { db, drafter, checker } = world;
    let claim = await published();
    const slug = claim.publicSlug!;
    // Persons and figures change through their own doors on the published claim; they join at publication.
    const victim = await addClaimPerson(db, world.reviewer, claim.id, { role: "victim", names: ["Samer Adel Makhlouf"] });
    // Names are private until marked publishable, with a basis (issue 17, point 7).
    await setClaimPersonVisibility(db, world.reviewer, claim.id, victim.linkId, { isPublic: true, basis: "family_consent", version: victim.version });
    await recordFigure(db, world.reviewer, claim.id, { measure: "killed", value: 1500, scopePlace: "Syrian coast", asOf: "2025-03-14", sourceId: world.monitorId });
    claim = await getClaim(db, drafter, claim.id);

    const reason = "The monitor revised its count and the place.";
    claim = await transitionClaim(db, drafter, claim.id, {
      action: "correct",
      version: claim.version,
      reason,
      changes: {
        title: "1,500 civilians killed as of 14 March 2025",
        placeName: "Baniyas",
        latitude: 35.18,
        longitude: 35.94,
        placePrecision: "locality",
        incidentDateTo: "2025-03-10",
        grade: "single_source",
        gradeRationale: "Only the monitor's count remains.",
      },
    });
    expect(claim.state).toBe("published");
    expect(claim.title, "the claim keeps its published values while the draft waits").toBe("1,383 civilians killed as of 12 March 2025");

    // Until another editor publishes it, the public reads version 1 exactly, without the person and the figure.
    const before = await getPublicEntry(db, slug);
    expect(before.version).toBe(1);
    expect([before.title, before.place.name, before.grade, before.persons, before.figures]).toEqual(["1,383 civilians killed as of 12 March 2025", "Latakia", "probable", [], []]);
    // The draft's reason is not public yet: no public audit event carries it.
    const publicEvents = async () => {
      const events = [];
      for await (const event of listPublicAuditEvents(db, (await readAuditHead(db))!.seq)) events.push(event);
      return events;
    };
    expect(JSON.stringify(await publicEvents())).not.toContain(reason);

    // The preview shows the draft applied, with what it changes.
    const preview = await previewPublicEntry(db, checker, claim.id);
    expect([preview.entry.title, preview.entry.changeNote, preview.entry.version]).toEqual(["1,500 civilians killed as of 14 March 2025", reason, 2]);
    expect(preview.changes.map((c) => c.field)).toEqual(["title", "incidentDate", "place", "grade", "persons", "figures"]);

    const fourEyes = await rejection(transitionClaim(db, drafter, claim.id, { action: "publish_correction", version: claim.version }));
    expect([fourEyes.status, fourEyes.details.guard]).toEqual([422, "four_eyes"]);
    expect(fourEyes.message).toContain("you drafted this correction");
    expect((await getPublicEntry(db, slug)).version).toBe(1);

    const committed: Committed[] = [];
    claim = await gatherCommitted(committed, () => transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version }));
    // The public entry changed (and its audit event was appended: the notifications' report).
    expect(committed.filter((c) => c.type !== "audit.appended")).toEqual([{ type: "public_entry.changed", slug }]);
    expect(committed.filter((c) => c.type === "audit.appended").length).toBeGreaterThan(0);
    expect(claim.title).toBe("1,500 civilians killed as of 14 March 2025");
    expect([claim.grade, claim.gradeRationale]).toEqual(["single_source", "Only the monitor's count remains."]);
    expect(claim.correction).toBeNull();

    const after = await getPublicEntry(db, slug);
    expect(after.history.map((v) => v.change)).toEqual(["publication", "correction"]);
    expect(after.changeNote).toBe(reason);
    expect(after.title).toBe("1,500 civilians killed as of 14 March 2025");
    expect(after.place).toEqual({ name: "Baniyas", latitude: 35.18, longitude: 35.94, precision: "locality" });
    expect(after.incidentDate).toEqual({ from: "2025-03-06", to: "2025-03-10" });
    expect(after.grade).toBe("single_source");
    expect(after.persons?.map((p) => p.names)).toEqual([["Samer Adel Makhlouf"]]);
    expect(after.figures?.map((f) => [f.measure, f.valueMin, f.source?.name])).toEqual([["killed", 1500, "Coastal monitor"]]);
    expect(JSON.stringify(after)).not.toContain("Only the monitor's count remains.");

    // Version 1 stays readable at its address, with version 2's changes listed against it.
    const v1 = pickPublicEntryVersion(after, "1");
    expect([v1.title, v1.isCurrent, v1.versions, v1.url, v1.current.version]).toEqual(["1,383 civilians killed as of 12 March 2025", false, 2, `/entries/${slug}/v/1`, 2]);
    const v2 = pickPublicEntryVersion(after, 2);
    expect(v2.isCurrent).toBe(true);
    expect(v2.changes).toContainEqual({ field: "grade", before: "probable", after: "single_source" });
    expect(v2.changes).toContainEqual({ field: "title", before: "1,383 civilians killed as of 12 March 2025", after: "1,500 civilians killed as of 14 March 2025" });
    expect(v2.changes.find((c) => c.field === "persons")).toMatchObject({ added: [expect.stringContaining("Samer Adel Makhlouf")], removed: [] });
    for (const missing of ["3", "0", "x", "01"]) expect(() => pickPublicEntryVersion(after, missing)).toThrow(/No such version/);

    // Audited: the draft (internal, with the rationale) and the publication (public, its note the reason).
    const { items } = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    const drafted = items.find((e) => e.type === "claim.correction_drafted")!;
    expect(drafted.actor?.id).toBe(drafter.id);
    expect(drafted.data).toMatchObject({ reason, changes: { grade: { before: "probable", after: "single_source" }, gradeRationale: { after: "Only the monitor's count remains." } } });
    const events = await publicEvents();
    const publication = events.find((e) => !("withheld" in e) && (e.data as { action?: string }).action === "publish_correction");
    expect(publication, "the published correction is a public audit event, not withheld").toBeDefined();
    expect(publication).toMatchObject({ actorId: checker.id, entry: { slug, version: 2 }, data: { reason, changes: { grade: { before: "probable", after: "single_source" }, latitude: { before: null, after: 35.18 } } } });
    expect(JSON.stringify(events)).not.toContain("Only the monitor's count remains.");
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("discards a draft (audited; the public entry unchanged), replaces a draft with a second one, and answers 409 to a stale version", async () => {
    const { db, drafter, checker } = world;
    let claim = await published();
    const draft = { action: "correct", reason: "A typo in the title.", changes: { title: "Typo fixed" } } as const;
    const stale = claim.version;
    claim = await transitionClaim(db, drafter, claim.id, { ...draft, version: claim.version });
    // Whoever read the claim before the draft cannot publish it unseen.
    expect((await rejection(transitionClaim(db, checker, claim.id, { action: "publish_correction", version: stale }))).status).toBe(409);

    // A second draft replaces the first: now the checker drafted it, and the drafter may publish it.
    claim = await transitionClaim(db, checker, claim.id, { action: "correct", version: claim.version, reason: "The summary too.", changes: { title: "Typo fixed", summary: "Fixed summary." } });
    expect(claim.correction).toMatchObject({ reason: "The summary too.", changes: { title: "Typo fixed", summary: "Fixed summary." }, draftedBy: { id: checker.id } });
    expect((await rejection(transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version }))).details.guard).toBe("four_eyes");

    claim = await transitionClaim(db, drafter, claim.id, { action: "discard_correction", version: claim.version, reason: "Not needed after all." });
    expect(claim.correction).toBeNull();
    expect(claim.title).toBe("1,383 civilians killed as of 12 March 2025");
    const nothing = await rejection(transitionClaim(db, drafter, claim.id, { action: "publish_correction", version: claim.version }));
    expect([nothing.status, nothing.details.guard]).toEqual([422, "correction"]);
    const entry = await getPublicEntry(db, claim.publicSlug!);
    expect([entry.version, entry.title]).toEqual([1, "1,383 civilians killed as of 12 March 2025"]);

    const { items } = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(items.slice(-3).map((e) => [e.type, e.actor?.id])).toEqual([
      ["claim.correction_drafted", drafter.id],
      ["claim.correction_drafted", checker.id],
      ["claim.correction_discarded", drafter.id],
    ]);
    expect(items.at(-2)!.data).toMatchObject({ replacedDraftOf: drafter.id });
    expect(items.at(-1)!.data).toMatchObject({ draftedBy: checker.id, reason: "Not needed after all.", changes: { summary: { after: "Fixed summary." } } });
  });

  it("guards a draft and its publication: a reason, a rationale with a new grade, no discounted, a whole claim, something public changed", async () => {
    const { db, drafter, checker } = world;
    let claim = await published();
    const correct = (input: Record<string, unknown>) => transitionClaim(db, drafter, claim.id, { action: "correct", version: claim.version, ...input });
    expect((await rejection(correct({ changes: { title: "X" } }))).details.guard).toBe("reason");
    expect((await rejection(correct({ reason: "R", changes: { grade: "contested" } }))).details.guard).toBe("grade_rationale");
    expect((await rejection(correct({ reason: "R", changes: { grade: "discounted", gradeRationale: "Fake." } }))).details.guard).toBe("grade");
    const half = await rejection(correct({ reason: "R", changes: { latitude: 35.1 } }));
    expect([half.status, Object.keys(half.details.fieldErrors ?? {})]).toEqual([400, ["latitude", "longitude", "placePrecision"]]);
    expect((await rejection(correct({ reason: "R", changes: { firstSeenUrl: "https://example.org" } }))).status, "a private field is no correction's").toBe(400);
    // A field of another step is refused, not dropped: the grade of a correction is in its changes.
    const misplaced = await rejection(correct({ reason: "R", grade: "probable", rationale: "zz", changes: { title: "T" } }));
    expect([misplaced.status, Object.keys(misplaced.details.fieldErrors ?? {}).sort()]).toEqual([400, ["grade", "rationale"]]);
    expect((await getClaim(db, drafter, claim.id)).version, "nothing refused wrote anything").toBe(claim.version);

    // A draft that changes nothing public cannot be published (persons, figures or evidence may be added first).
    claim = await correct({ reason: "Nothing, yet." });
    const unchanged = await rejection(transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version }));
    expect([unchanged.status, unchanged.details.guard]).toEqual([422, "changes"]);
    expect((await getPublicEntry(db, claim.publicSlug!)).version).toBe(1);

    // What the draft would publish is pinned: a name made publishable after it was drafted would
    // reach the public on the publisher's word alone, so publication is refused until it is drafted again.
    const late = await addClaimPerson(db, world.reviewer, claim.id, { role: "victim", names: ["Rima Hasan Khoury"] });
    claim = await correct({ reason: "A second victim named by her family." });
    await setClaimPersonVisibility(db, checker, claim.id, late.linkId, { isPublic: true, basis: "family_consent", version: late.version });
    const outdated = await rejection(transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version }));
    expect([outdated.status, outdated.details.guard]).toEqual([422, "draft_outdated"]);
    expect((await getPublicEntry(db, claim.publicSlug!)).version).toBe(1);
    claim = await correct({ reason: "A second victim named by her family." });
    claim = await transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version });
    const corrected = await getPublicEntry(db, claim.publicSlug!);
    expect(corrected.version).toBe(2);
    expect(corrected.persons?.map((p) => p.names)).toEqual([["Rima Hasan Khoury"]]);

    // A retraction ends the draft, audited.
    claim = await correct({ reason: "One more, never published.", changes: { summary: "A summary never published." } });
    claim = await transitionClaim(db, checker, claim.id, { action: "retract", version: claim.version, reason: "Withdrawn." });
    expect(claim.correction).toBeNull();
    const { items } = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    expect(items.slice(-3).map((e) => e.type)).toEqual(["claim.correction_discarded", "claim.transitioned", "entry.sealed"]);
  });
});
