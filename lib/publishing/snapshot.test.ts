import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { recordFigure } from "@/lib/figures/record-figure";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { buildClaimReview, jsonForScript } from "./claim-review";
import { buildPublicSnapshot, type SnapshotInputs } from "./snapshot";
import { originalDigest } from "./translations";
import { previewPublicEntry } from "./preview-entry";
import { getPublicEntry } from "./public-entries";

describe.each(TEST_DRIVERS)("the public snapshot on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("carries evidence hashes, origins, published persons and figures, and nothing private", async () => {
    const { db } = world;
    const secret = {
      protectedName: "Protected contact Umm-Zaid-7731",
      witness: "Witness Rafiq-Qasim-4412",
      // A victim whose name no one marked publishable: private like any other (issue 17).
      unapproved: "Victim Not-Approved-2207",
      personNote: "internal person note 5512",
      rationale: "internal rationale 9921",
      assessmentNote: "assessment note 6613",
      filename: "secret-original-name-8841.txt",
      firstSeen: "https://private.example/first-seen-3319",
    };
    const monitor = await createSource(db, world.reviewer, { name: "Open monitor", kind: "organisation", reliability: "B" });
    const contact = await createSource(db, world.reviewer, { name: secret.protectedName, kind: "person", reliability: "F", protected: true });
    const claim = await submitSample(db, world.submitter, { firstSeenUrl: secret.firstSeen, firstSeenSourceName: "a private chat" });
    let current = await transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: claim.version });
    for (const [source, firstHand] of [[monitor, false], [contact, true]] as const) {
      const item = await addEvidenceFromStream(db, world.reviewer, claim.id, { stream: Readable.from([Buffer.from(`statement ${source.name} ${Math.random()}\n`)]), filename: secret.filename, intake: "upload" });
      const sourced = await setEvidenceSources(db, world.reviewer, item.id, { publishedBySourceId: source.id, isFirstHand: firstHand, version: item.version });
      await markSensitivity(db, world.reviewer, item.id, { isGraphic: false, hasPersonalData: false, version: sourced.version });
      await assessEvidence(db, world.reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 2, note: secret.assessmentNote });
    }
    const victim = await addClaimPerson(db, world.reviewer, claim.id, { role: "victim", names: ["محمد علي حيدر", "Mohammad Ali Haidar"], age: 34, note: secret.personNote });
    await setClaimPersonVisibility(db, world.reviewer, claim.id, victim.linkId, { isPublic: true, basis: "family_consent", version: victim.version });
    await addClaimPerson(db, world.reviewer, claim.id, { role: "victim", names: [secret.unapproved] });
    await addClaimPerson(db, world.reviewer, claim.id, { role: "witness", names: [secret.witness] });
    await recordFigure(db, world.reviewer, claim.id, { measure: "killed", value: 1383, scopePlace: "Syrian coast", asOf: "2025-03-12", sourceId: monitor.id });
    await recordFigure(db, world.reviewer, claim.id, { measure: "killed", valueMin: 1400, valueMax: 1500, scopePlace: "Syrian coast", asOf: "2025-03-13", sourceId: contact.id });
    current = await transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: current.version, grade: "probable", rationale: secret.rationale });
    // The preview names who will be named, and counts who stays private.
    const preview = await previewPublicEntry(db, world.editor, claim.id);
    expect(preview.named).toEqual([{ role: "victim", names: ["محمد علي حيدر", "Mohammad Ali Haidar"] }]);
    expect(preview.withheld.privatePersons).toBe(2);
    expect(JSON.stringify(preview.entry)).not.toContain(secret.unapproved);
    current = await transitionClaim(db, world.editor, claim.id, { action: "publish", version: current.version });

    const entry = await getPublicEntry(db, current.publicSlug!);
    expect(entry.evidence).toMatchObject({ items: 2, byKind: [{ kind: "text", count: 2 }] });
    // The open monitor's item by its SHA-256; the protected contact's by its commitment alone (issue 23).
    expect(entry.evidence!.hashes.map((h) => ("sha256" in h ? "hash" : "commitment"))).toEqual(["hash", "commitment"]);
    expect(entry.origins).toMatchObject({ count: 2, supporting: 2 });
    expect(entry.origins!.origins.flatMap((o) => o.sources.map((s) => s.name))).toEqual(["Open monitor"]);
    expect(entry.origins!.origins.reduce((n, o) => n + o.withheldSources, 0)).toBe(1);
    expect(entry.persons).toEqual([{ role: "victim", names: ["محمد علي حيدر", "Mohammad Ali Haidar"], sex: null, age: 34, incidentDate: null, placeName: null }]);
    expect(entry.figures!.map((f) => [f.valueMin, f.valueMax, f.source?.name ?? null])).toEqual([[1383, 1383, "Open monitor"], [1400, 1500, null]]);

    const everything = JSON.stringify(entry) + jsonForScript(buildClaimReview(entry, "https://example.org", { language: "en", gradeName: String, explanation: String, retracted: "Retracted" }));
    for (const value of [...Object.values(secret), world.submitter.name, world.reviewer.name, world.editor.name, world.submitter.id, world.reviewer.id]) {
      expect(everything, value).not.toContain(value);
    }
  });

  it("escapes '<' in JSON-LD so an entry's text cannot close the script element", () => {
    expect(jsonForScript({ title: "</script><script>alert(1)</script>" })).not.toContain("<");
  });
});

describe("appearances in the public snapshot", () => {
  it("links only captured pages of a known, unprotected publisher without personal data", () => {
    const claim = { kind: "report", title: "t", summary: "s", language: "en", incidentDateFrom: null, incidentDateTo: null, placeName: null, latitude: null, longitude: null, placePrecision: null, grade: null } as unknown as Parameters<typeof buildPublicSnapshot>[0];
    const page = (url: string, over: Partial<SnapshotInputs["items"][number]>) => ({ id: url, commitment: "c".repeat(64), disclosure: null, sha256: "a".repeat(64), mediaType: "application/warc", size: 1, intake: "capture" as const, sourceUrl: url, publishedBySourceId: "open", obtainedViaSourceId: null, hasPersonalData: false, sameBytesSensitive: false, ...over });
    const snapshot = buildPublicSnapshot(claim, {
      items: [
        page("https://ok.example/a", {}),
        page("https://unknown.example/b", { publishedBySourceId: null }),
        page("https://profile.example/c", { hasPersonalData: true }),
        page("https://relay.example/d", { obtainedViaSourceId: "hidden" }),
        page("https://hidden.example/e", { publishedBySourceId: "hidden" }),
      ],
      origins: { origins: [], supporting: 0, contradicting: 0 },
      sources: [
        { id: "open", name: "Open outlet", kind: "outlet", reliability: "C", isProtected: false },
        { id: "hidden", name: "Protected contact", kind: "person", reliability: "B", isProtected: true },
      ],
      persons: [],
      figures: [],
    });
    expect(snapshot.appearances).toEqual(["https://ok.example/a"]);
  });
});

describe("translations in the public snapshot", () => {
  const claim = (over: Record<string, unknown>) =>
    ({ kind: "report", title: "Killings in Baniyas", summary: "Residents were killed.", language: "en", incidentDateFrom: null, incidentDateTo: null, placeName: null, latitude: null, longitude: null, placePrecision: null, grade: null, translations: {}, ...over }) as unknown as Parameters<typeof buildPublicSnapshot>[0];
  const made = (from: { title: string; summary: string }) => ({ title: "عمليات قتل في بانياس", summary: "قُتل سكان.", basedOn: originalDigest(from) });

  it("carries each one's title and summary and whether the original changed since, and nothing else of it", () => {
    const current = made({ title: "Killings in Baniyas", summary: "Residents were killed." });
    expect(buildPublicSnapshot(claim({ translations: { ar: current } })).translations).toEqual({ ar: { title: current.title, summary: current.summary, outdated: false } });
    const older = made({ title: "Killings in Jableh", summary: "Residents were killed." });
    const snapshot = buildPublicSnapshot(claim({ translations: { ar: older } }));
    expect(snapshot.translations).toEqual({ ar: { title: older.title, summary: older.summary, outdated: true } });
    expect(JSON.stringify(snapshot)).not.toContain(older.basedOn);
  });

  it("is absent when there are none (the snapshot before translations existed), and never into the entry's own language or a language the interface lacks", () => {
    const snapshot = buildPublicSnapshot(claim({}));
    expect(snapshot).not.toHaveProperty("translations");
    const stray = made({ title: "Killings in Baniyas", summary: "Residents were killed." });
    expect(buildPublicSnapshot(claim({ language: "ar-SY", translations: { ar: stray, fr: stray } }))).not.toHaveProperty("translations");
    expect(buildPublicSnapshot(claim({ translations: undefined }))).not.toHaveProperty("translations");
  });
});
