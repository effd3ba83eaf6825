import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { listAuditEvents } from "@/lib/audit/list-events";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { updateSource } from "@/lib/sources/update-source";
import { rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { getClaimOrigins } from "./claim-origins";

describe.each(TEST_DRIVERS)("claim origins on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer"] });

  async function attach(claimId: string, text: string, publishedBySourceId: string, isFirstHand = false) {
    const item = await addEvidenceFromStream(world.db, world.reviewer, claimId, { stream: Readable.from([Buffer.from(text)]), intake: "upload" });
    return setEvidenceSources(world.db, world.reviewer, item.id, { publishedBySourceId, isFirstHand, version: item.version });
  }

  it("collapses outlets quoting one monitor into one origin, then counts an independent first-hand item", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const monitor = await createSource(db, world.reviewer, { name: "Coastal monitor", kind: "organisation", reliability: "B" });
    const outlets = [];
    for (const name of ["Outlet A", "Outlet B", "Outlet C"]) {
      const outlet = await createSource(db, world.reviewer, { name, kind: "outlet", reliability: "C" });
      await addCitation(db, world.reviewer, outlet.id, { citesSourceId: monitor.id });
      outlets.push(outlet);
    }
    for (const [i, outlet] of outlets.entries()) {
      const item = await attach(claim.id, `Report ${i}: 1,383 killed, says the monitor.\n`, outlet.id);
      await assessEvidence(db, world.reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 2 });
    }
    let origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.items).toBe(3);
    expect(origins.origins).toHaveLength(1);
    expect(origins.origins[0].sourceIds.sort()).toEqual([monitor.id, ...outlets.map((o) => o.id)].sort());
    expect(origins.origins[0].reasons).toContain("Outlet A cites Coastal monitor");
    expect(origins).toMatchObject({ supporting: 1, contradicting: 0, suggestedGrade: "single_source" });

    const witness = await createSource(db, world.reviewer, { name: "Local contact", kind: "person", reliability: "F", protected: true });
    const video = await attach(claim.id, "A first-hand account from the village.\n", witness.id, true);
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: video.id, stance: "supports", credibility: 2 });
    origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.origins).toHaveLength(2);
    expect(origins.origins.find((o) => o.evidenceIds.includes(video.id))).toMatchObject({ firstHand: true, stance: "supports" });
    expect(origins.origins.find((o) => o.evidenceIds.includes(video.id))?.sources[0]).toMatchObject({ name: "Local contact", protected: true });
    expect(origins).toMatchObject({ supporting: 2, suggestedGrade: "confirmed" });
  });

  it("weighs the sources' reliability: two origins rated F, assessed 3, one first-hand, are not 'confirmed' (issue 17)", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const channel = await createSource(db, world.reviewer, { name: "Anonymous channel", kind: "channel", reliability: "F" });
    const account = await createSource(db, world.reviewer, { name: "Unknown account", kind: "account", reliability: "F" });
    const filmed = await attach(claim.id, "A video said to be filmed on the street.\n", channel.id, true);
    const posted = await attach(claim.id, "A post repeating the same account.\n", account.id);
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: filmed.id, stance: "supports", credibility: 3 });
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: posted.id, stance: "supports", credibility: 3 });
    let origins = await getClaimOrigins(db, world.reviewer, claim.id);
    // Before the rule weighed sources, this was "confirmed".
    expect(origins).toMatchObject({ supporting: 2, suggestedGrade: "single_source", limitedBy: "credibility" });
    expect(origins.because).toContain("rated E or F");

    // Judged 1–2, weakly sourced items count, but never alone.
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: filmed.id, stance: "supports", credibility: 2 });
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: posted.id, stance: "supports", credibility: 2 });
    origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins).toMatchObject({ suggestedGrade: "single_source", limitedBy: "source_reliability" });

    // One of them rated better (the reviewer came to know the account): confirmed.
    await updateSource(db, world.reviewer, account.id, { reliability: "C", reliabilityRationale: "Verified local journalist.", version: account.version });
    origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins).toMatchObject({ suggestedGrade: "confirmed", limitedBy: null });
  });

  it("follows relays upwards only: an outlet quoting two witnesses does not make them one, and reads no hub's audience", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const [first, second] = [
      await createSource(db, world.reviewer, { name: "Witness one", kind: "person", reliability: "C" }),
      await createSource(db, world.reviewer, { name: "Witness two", kind: "person", reliability: "C" }),
    ];
    const roundup = await createSource(db, world.reviewer, { name: "Roundup outlet", kind: "outlet", reliability: "C" });
    await addCitation(db, world.reviewer, roundup.id, { citesSourceId: first.id });
    await addCitation(db, world.reviewer, roundup.id, { citesSourceId: second.id });
    // Both witnesses' own accounts are on the claim; the outlet that quoted both of them is not.
    await attach(claim.id, "What the first witness saw.\n", first.id, true);
    await attach(claim.id, "What the second witness saw.\n", second.id, true);
    let origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.origins).toHaveLength(2);
    expect(origins.origins.flatMap((o) => o.sourceIds)).not.toContain(roundup.id);
    // The round-up itself on the claim relays both: then all three are one.
    await attach(claim.id, "The round-up article.\n", roundup.id);
    origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.origins).toHaveLength(1);
    expect(origins.origins[0].sourceIds.sort()).toEqual([first.id, second.id, roundup.id].sort());
  });

  it("audits ratings, citations, item sources and assessments with before and after", async () => {
    const { db } = world;
    const source = await createSource(db, world.reviewer, { name: "Channel X", kind: "channel", reliability: "D" });
    const rated = await updateSource(db, world.reviewer, source.id, { reliability: "E", reliabilityRationale: "Posted recycled footage twice.", version: source.version });
    expect(rated.reliability).toBe("E");
    const history = await listAuditEvents(db, world.reviewer, { entity: `source:${source.id}` });
    expect(history.items.map((e) => e.type)).toEqual(["source.created", "source.updated"]);
    expect((history.items[1].data as { changes: Record<string, unknown> }).changes.reliability).toEqual({ before: "D", after: "E" });

    const claim = await submitSample(db, world.submitter);
    const item = await attach(claim.id, "Channel X says so.\n", source.id);
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 3 });
    await assessEvidence(db, world.reviewer, claim.id, { evidenceId: item.id, stance: "contradicts", credibility: 2, note: "Geolocated elsewhere." });
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    const assessed = events.items.filter((e) => e.type === "claim.assessed");
    expect(assessed).toHaveLength(2);
    expect((assessed[1].data as { changes: Record<string, unknown> }).changes.stance).toEqual({ before: "supports", after: "contradicts" });
    expect((await getClaimOrigins(db, world.reviewer, claim.id)).suggestedGrade).toBe("discounted");
  });

  it("refuses bad input and the wrong roles, changing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const source = await createSource(db, world.submitter, { name: "Seen on a channel", kind: "channel", reliability: "F" });
    expect((await rejection(createSource(db, world.reviewer, { name: "", kind: "blog" as never, reliability: "Z" as never }))).details.fieldErrors).toMatchObject({
      name: expect.any(Array),
      kind: expect.any(Array),
      reliability: expect.any(Array),
    });
    expect((await rejection(updateSource(db, world.submitter, source.id, { reliability: "A", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(addCitation(db, world.reviewer, source.id, { citesSourceId: source.id }))).code).toBe("BAD_REQUEST");
    const item = await attach(claim.id, "text\n", source.id);
    expect((await rejection(assessEvidence(db, world.submitter, claim.id, { evidenceId: item.id, stance: "supports", credibility: 2 }))).code).toBe("FORBIDDEN");
    expect((await rejection(assessEvidence(db, world.reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 7 }))).code).toBe("BAD_REQUEST");
    const other = await submitSample(db, world.submitter);
    expect((await rejection(assessEvidence(db, world.reviewer, other.id, { evidenceId: item.id, stance: "supports", credibility: 2 }))).code).toBe("BAD_REQUEST");
    expect((await getClaimOrigins(db, world.reviewer, claim.id)).origins[0].stance).toBe("unassessed");
    // Once the claim is closed, where its items came from no longer changes.
    const current = await getEvidence(db, world.reviewer, item.id);
    await transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: claim.version, reason: "Out of scope." });
    const closed = await rejection(setEvidenceSources(db, world.reviewer, item.id, { isFirstHand: true, version: current.version }));
    expect([closed.code, closed.details.guard]).toEqual(["INVALID_STATE", "state"]);
  });
});

describe.each(TEST_DRIVERS)("the corroboration guards on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("needs an assessment to send to review, and origins that bear out “confirmed” to publish it", async () => {
    const { db, submitter, reviewer, editor } = world;
    const { transitionClaim } = await import("@/lib/workflow/transition-claim");
    const { markSensitivity } = await import("@/lib/evidence/mark-sensitivity");
    let claim = await submitSample(db, submitter);
    claim = await transitionClaim(db, reviewer, claim.id, { action: "accept", version: 1 });
    const noAssessment = await rejection(transitionClaim(db, reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "confirmed", rationale: "Sure." }));
    expect(noAssessment.details.guard).toBe("assessment");

    const monitor = await createSource(db, reviewer, { name: "Monitor", kind: "organisation", reliability: "B" });
    const outlet = await createSource(db, reviewer, { name: "Outlet", kind: "outlet", reliability: "C" });
    await addCitation(db, reviewer, outlet.id, { citesSourceId: monitor.id });
    for (const [text, source] of [["monitor says\n", monitor.id], ["outlet repeats\n", outlet.id]] as const) {
      const added = await addEvidenceFromStream(db, reviewer, claim.id, { stream: Readable.from([Buffer.from(text)]), intake: "upload" });
      const item = await setEvidenceSources(db, reviewer, added.id, { publishedBySourceId: source, version: added.version });
      await markSensitivity(db, reviewer, item.id, { isGraphic: false, hasPersonalData: false, version: item.version });
      await assessEvidence(db, reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 1 });
    }
    claim = await transitionClaim(db, reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "confirmed", rationale: "Sure." });
    const refused = await rejection(transitionClaim(db, editor, claim.id, { action: "publish", version: claim.version }));
    expect(refused.details.guard).toBe("origins");
    expect(refused.message).toMatch(/two independent supporting origins/);
    expect((await getClaimOrigins(db, reviewer, claim.id)).suggestedGrade).toBe("single_source");
  });
});

describe.each(TEST_DRIVERS)("evidence provenance on intake, on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter"] });

  it("takes the publisher, relay and first-hand mark with the file, and refuses an unknown source before reading it", async () => {
    const { db, submitter } = world;
    const claim = await submitSample(db, submitter);
    const channel = await createSource(db, submitter, { name: "Channel", kind: "channel", reliability: "F" });
    const item = await addEvidenceFromStream(db, submitter, claim.id, {
      stream: Readable.from([Buffer.from("first-hand account\n")]),
      intake: "upload",
      provenance: { publishedBySourceId: channel.id, isFirstHand: "true" as never },
    });
    expect(item).toMatchObject({ publishedBySourceId: channel.id, obtainedViaSourceId: null, isFirstHand: true });
    const refused = await rejection(
      addEvidenceFromStream(db, submitter, claim.id, {
        stream: Readable.from([Buffer.from("x\n")]),
        intake: "upload",
        provenance: { publishedBySourceId: "00000000-0000-4000-8000-000000000000" },
      }),
    );
    expect(refused.details.fieldErrors).toHaveProperty("publishedBySourceId");
    expect((await getClaimOrigins(db, submitter, claim.id)).items).toBe(1);
  });
});
