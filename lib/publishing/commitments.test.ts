import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { auditEvents, claims, evidence, jobs, publishedEntries, sources } from "@/db/schema";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { writeWarc } from "@/lib/evidence/capture/write-warc";
import { discloseCommitment } from "@/lib/evidence/disclosure-packet";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceDisclosure } from "@/lib/evidence/set-disclosure";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { getBlobStore, tempDir } from "@/lib/evidence/storage/get-blob-store";
import { readEntryPage } from "@/lib/public-pages/read-entry-page";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { rejection } from "@/lib/test/errors";
import type { TimeStampConfig } from "@/lib/timestamps/config";
import { useTestWorld } from "@/lib/test/world";
import { verifyDisclosure } from "@/lib/verifier/verify.mjs";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { readAll } from "./export-stream";
import { streamPublicExport } from "./export-zip";
import { renderPublicFeed } from "./feed";
import { streamPublicEntriesCsv } from "./csv";
import { RECOMMIT_NOTE, runCommitmentJob } from "./commitment-backfill";
import { previewPublicEntry } from "./preview-entry";
import { getPublicEntry } from "./public-entries";
import { buildClaimReview } from "./claim-review";

const UNSTAMPED: TimeStampConfig = { url: null, intervalMinutes: 10, caFile: null };
const ORIGIN = "https://corroborate.example";
const hmac = (key: string, bytes: Buffer) => createHmac("sha256", Buffer.from(key, "hex")).update(bytes).digest("hex");

describe.each(TEST_DRIVERS)("evidence commitments on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor", "admin"], actors: { editor2: "editor" } });

  const stored = async (id: string) => (await world.db.select().from(evidence).where(eq(evidence.id, id)))[0];

  /** An item of these bytes on the claim, with its sources, reviewed and assessed, ready to publish. */
  async function addItem(claimId: string, bytes: Buffer, { publishedBy = null, personal = false }: { publishedBy?: string | null; personal?: boolean } = {}) {
    const { db, reviewer } = world;
    let item = await addEvidenceFromStream(db, reviewer, claimId, { stream: Readable.from([bytes]), filename: "statement.txt", intake: "upload" });
    if (publishedBy) item = await setEvidenceSources(db, reviewer, item.id, { publishedBySourceId: publishedBy, version: item.version });
    item = await markSensitivity(db, reviewer, item.id, { isGraphic: false, hasPersonalData: personal, version: item.version });
    await assessEvidence(db, reviewer, claimId, { evidenceId: item.id, stance: "supports", credibility: 2 });
    return item;
  }

  async function publish(claimId: string) {
    const { db, reviewer, editor } = world;
    let claim = await transitionClaim(db, reviewer, claimId, { action: "accept", version: (await submitted(claimId)).version });
    claim = await transitionClaim(db, reviewer, claimId, { action: "send_to_review", version: claim.version, grade: "probable", rationale: "Two accounts." });
    return transitionClaim(db, editor, claimId, { action: "publish", version: claim.version });
  }
  const submitted = async (claimId: string) => (await world.db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)))[0];

  /** Every public output: the entry's JSON and ClaimReview, both sealed pages, the feed, the CSV and the dataset ZIP's files. */
  async function everythingPublic(slug: string) {
    const { db } = world;
    const entry = await getPublicEntry(db, slug);
    const pages = await Promise.all((["en", "ar"] as const).map(async (locale) => (await readEntryPage(db, { slug, locale, version: null })).bytes.toString("utf8")));
    const csv = Buffer.from(await readAll(await streamPublicEntriesCsv(db, ORIGIN, {}))).toString("utf8");
    const zip = unzipSync(await readAll(streamPublicExport(db, ORIGIN, new Date(), { timeStamps: UNSTAMPED })));
    const files = Object.values(zip).map((bytes) => Buffer.from(bytes).toString("utf8"));
    const review = JSON.stringify(buildClaimReview(entry, ORIGIN, { language: "en", gradeName: String, explanation: String, retracted: "Retracted" }));
    return { entry, zip, text: [JSON.stringify(entry), review, ...pages, await renderPublicFeed(db, ORIGIN), csv, ...files].join("\n") };
  }

  it("computes each item's commitment with its hash as the bytes arrive, under a key of its own", async () => {
    const { db, reviewer } = world;
    const claim = await submitSample(db, reviewer);
    const bytes = Buffer.from(`the same bytes ${Math.random()}\n`);
    const [a, b] = [await addItem(claim.id, bytes), await addItem(claim.id, bytes)];
    const [rowA, rowB] = [await stored(a.id), await stored(b.id)];
    expect(rowA.blobSha256).toBe(rowB.blobSha256);
    for (const row of [rowA, rowB]) {
      expect(row.commitmentKey).toMatch(/^[0-9a-f]{64}$/);
      expect(row.commitment).toBe(hmac(row.commitmentKey!, bytes));
    }
    // Two items of the same bytes: two keys, two commitments (nobody can tell they are the same file).
    expect(rowA.commitmentKey).not.toBe(rowB.commitmentKey);
    expect(rowA.commitment).not.toBe(rowB.commitment);
    // The item's DTO says how it would be published, and never carries the key.
    expect(a.publicFingerprint).toMatchObject({ disclosure: "hash", basis: "open", commitment: rowA.commitment, chosen: null });
    expect(JSON.stringify(a)).not.toContain(rowA.commitmentKey);
    expect(hmac(rowA.commitmentKey!, bytes)).toBe(rowA.commitment);
  });

  it("computes a page capture's commitment over its WARC as it is written", async () => {
    const page = {
      requestedUrl: "https://example.org/a",
      finalUrl: "https://example.org/a",
      fetchedAt: new Date("2025-03-08T10:00:00Z"),
      status: 200,
      statusText: "OK",
      requestHeaders: {},
      responseHeaders: [["content-type", "text/html"]] as [string, string][],
      body: Buffer.from("<p>Names of the dead of al-Qusour</p>"),
    };
    const warc = await writeWarc(page as Parameters<typeof writeWarc>[0], tempDir());
    try {
      expect(warc.commitment).toBe(hmac(warc.commitmentKey, fs.readFileSync(warc.tempPath)));
    } finally {
      fs.rmSync(warc.tempPath, { force: true });
    }
  });

  it("publishes a protected source's item and one showing personal data by commitment, never their hash, everywhere public", async () => {
    const { db, reviewer, editor, admin } = world;
    const open = await createSource(db, reviewer, { name: "Open monitor", kind: "organisation", reliability: "B" });
    const relative = await createSource(db, reviewer, { name: "A relative in Baniyas 7731", kind: "person", reliability: "C", protected: true });
    const claim = await submitSample(db, reviewer);
    const fromOpen = await addItem(claim.id, Buffer.from(`the monitor's list ${Math.random()}\n`), { publishedBy: open.id });
    const fromRelative = await addItem(claim.id, Buffer.from(`a relative's video ${Math.random()}\n`), { publishedBy: relative.id });
    const showsFaces = await addItem(claim.id, Buffer.from(`faces of the family ${Math.random()}\n`), { publishedBy: open.id, personal: true });

    // The preview shows each item as it will go out, before anything does.
    await transitionClaim(db, reviewer, claim.id, { action: "accept", version: (await submitted(claim.id)).version });
    const preview = await previewPublicEntry(db, editor, claim.id);
    expect(preview.fingerprints.map((f) => [f.id, f.disclosure, f.basis])).toEqual([
      [fromOpen.id, "hash", "open"],
      [fromRelative.id, "commitment", "protected_source"],
      [showsFaces.id, "commitment", "personal_data"],
    ]);
    let current = await transitionClaim(db, reviewer, claim.id, { action: "send_to_review", version: (await submitted(claim.id)).version, grade: "probable", rationale: "Two accounts." });
    current = await transitionClaim(db, editor, claim.id, { action: "publish", version: current.version });

    const { entry, zip, text } = await everythingPublic(current.publicSlug!);
    const [relativeRow, facesRow, openRow] = [await stored(fromRelative.id), await stored(showsFaces.id), await stored(fromOpen.id)];
    for (const row of [relativeRow, facesRow]) {
      expect(text, "a protected item's SHA-256").not.toContain(row.blobSha256);
      expect(text, "an item's key").not.toContain(row.commitmentKey);
      expect(text).toContain(row.commitment);
    }
    expect(text).toContain(openRow.blobSha256);
    expect(entry.evidence!.hashes).toEqual([
      { sha256: openRow.blobSha256, kind: "text", size: openRow.size },
      { commitment: relativeRow.commitment, kind: "text" },
      { commitment: facesRow.commitment, kind: "text" },
    ]);
    const manifest = Buffer.from(zip["evidence-manifest.csv"]).toString("utf8");
    expect(manifest).toContain(`,,text,,${relativeRow.commitment}`);

    // The key leaves only in an admin's packet: recomputing the commitment with it matches, and the
    // standalone verifier checks the packet against the file and the published dataset.
    const packet = await discloseCommitment(db, admin, fromRelative.id, { reason: "Asked for by the investigating judge, case 12/2026." });
    const bytes = Buffer.from(await readAll(Readable.toWeb(await getBlobStore().openRead(relativeRow.blobSha256!)) as ReadableStream<Uint8Array>));
    expect(packet.commitment).toEqual({ algorithm: "HMAC-SHA-256", key: relativeRow.commitmentKey, value: relativeRow.commitment });
    expect(hmac(packet.commitment.key, bytes)).toBe(packet.commitment.value);
    expect(packet.entries).toEqual([{ slug: entry.slug, version: 1, url: `/entries/${entry.slug}/v/1` }]);
    expect(packet.events.map((e) => e.type)).toEqual(["claim.transitioned", "entry.sealed"]);
    const files = new Map(Object.entries(zip).map(([name, content]) => [name, () => Buffer.from(content)]));
    const digest = (b: Buffer) => ({ sha256: relativeRow.blobSha256!, commitment: hmac(packet.commitment.key, b) });
    const checked = verifyDisclosure(JSON.parse(JSON.stringify(packet)), digest(bytes), { files });
    expect(checked.failed).toEqual([]);
    expect(checked.passed.join("\n")).toContain(`${entry.slug} version 1: names the item by its commitment`);
    // Another file, another entry's JSON without the version, a tampered event: each caught.
    expect(verifyDisclosure(packet, { sha256: openRow.blobSha256!, commitment: hmac(packet.commitment.key, Buffer.from("other")) }, { files }).failed.join("\n")).toMatch(/its SHA-256 is .* not the item's[\s\S]*not the commitment/);
    expect(verifyDisclosure(packet, digest(bytes), { entry: { slug: entry.slug, history: [] } }).failed).toEqual([
      `published entry: no version names the commitment ${packet.commitment.value}`,
      `${entry.slug} version 1: not in the published entry given`,
    ]);
    const forged = JSON.parse(JSON.stringify(packet));
    forged.events[1].data.snapshotSha256 = "0".repeat(64);
    expect(verifyDisclosure(forged, digest(bytes), { files }).failed.join("\n")).toMatch(/event #\d+ \(entry.sealed\): its content hashes to/);
    // A packet written by anyone, listing nothing, for a file nothing published names: refused.
    const madeUp = { ...packet, entries: [], events: [] };
    expect(verifyDisclosure(madeUp, digest(bytes), { files }).failed).toEqual([`packet: ${entry.slug} version 1 names the commitment but is not in the packet's entries`]);
    const otherKey = "1".repeat(64);
    const forgedFile = { ...madeUp, evidence: { ...madeUp.evidence, sha256: relativeRow.blobSha256! }, commitment: { ...madeUp.commitment, key: otherKey, value: hmac(otherKey, bytes) } };
    expect(verifyDisclosure(forgedFile, { sha256: relativeRow.blobSha256!, commitment: hmac(otherKey, bytes) }, { files }).failed).toEqual([`published entry: no version names the commitment ${hmac(otherKey, bytes)}`]);
    // Malformed lists: a failure line, never a crash.
    expect(verifyDisclosure({ ...packet, events: [null, 1] }, digest(bytes), { files }).failed).toEqual(["packet: events and entries must each be a list of objects"]);
    // From the entry's own JSON too (the public API's answer): consistent, and said to be unanchored.
    const fromJson = verifyDisclosure(packet, digest(bytes), { entry: JSON.parse(JSON.stringify(await getPublicEntry(db, entry.slug))) });
    expect(fromJson.failed).toEqual([]);
    expect(fromJson.notes.join("\n")).toContain("NOT ANCHORED");

    // The disclosure is audited, without the key; the key is in no audit event at all.
    const [disclosed] = await db.select().from(auditEvents).where(and(eq(auditEvents.type, "evidence.disclosed"), eq(auditEvents.entityId, fromRelative.id)));
    expect(disclosed.actorId).toBe(admin.id);
    expect(disclosed.data).toEqual({ claimId: claim.id, commitment: relativeRow.commitment, reason: "Asked for by the investigating judge, case 12/2026.", entries: [{ slug: entry.slug, version: 1 }] });
    const allEvents = JSON.stringify(await db.select({ data: auditEvents.data }).from(auditEvents));
    for (const row of [relativeRow, facesRow, openRow]) expect(allEvents).not.toContain(row.commitmentKey);
  });

  it("lets an editor choose otherwise for one item, with a reason, audited; refuses everyone else", async () => {
    const { db, submitter, reviewer, editor, admin } = world;
    const claim = await submitSample(db, reviewer);
    const item = await addItem(claim.id, Buffer.from(`a council member's photo ${Math.random()}\n`));
    // A submitter does not see another's claim; a reviewer and an admin see it but may not choose.
    for (const [actor, code] of [[submitter, "NOT_FOUND"], [reviewer, "FORBIDDEN"], [admin, "FORBIDDEN"]] as const) {
      expect((await rejection(setEvidenceDisclosure(db, actor, item.id, { disclosure: "commitment", reason: "Not mine to choose.", version: item.version }))).code).toBe(code);
    }
    expect((await rejection(setEvidenceDisclosure(db, editor, item.id, { disclosure: "commitment", reason: "", version: item.version }))).code).toBe("BAD_REQUEST");
    expect((await rejection(setEvidenceDisclosure(db, editor, item.id, { disclosure: "sha1" as "hash", reason: "x", version: item.version }))).code).toBe("BAD_REQUEST");
    const chosen = await setEvidenceDisclosure(db, editor, item.id, { disclosure: "withheld", reason: "The sender could be identified from its framing.", version: item.version });
    expect(chosen.publicFingerprint).toMatchObject({ disclosure: "withheld", basis: "chosen", chosen: { disclosure: "withheld", reason: "The sender could be identified from its framing." } });
    expect((await rejection(setEvidenceDisclosure(db, editor, item.id, { disclosure: "hash", reason: "Stale.", version: item.version }))).code).toBe("CONFLICT");
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.type, "evidence.disclosure_set"), eq(auditEvents.entityId, item.id)));
    expect(event.data).toEqual({ claimId: claim.id, version: chosen.version, from: null, to: "withheld", reason: "The sender could be identified from its framing." });
    for (const [actor, code] of [[submitter, "NOT_FOUND"], [reviewer, "FORBIDDEN"], [editor, "FORBIDDEN"]] as const) expect((await rejection(discloseCommitment(db, actor, item.id, { reason: "Curious." }))).code).toBe(code);

    // Withheld: counted, never fingerprinted. Back to the rule, then the other way: a protected
    // source's item an editor publishes by hash (the file is public already).
    const current = await publish(claim.id);
    const entry = await getPublicEntry(db, current.publicSlug!);
    expect(entry.evidence).toMatchObject({ items: 1, hashes: [], withheld: 1 });
    const page = (await readEntryPage(db, { slug: entry.slug, locale: "en", version: null })).bytes.toString("utf8");
    expect(page).toContain("1 item is counted but not fingerprinted here");
    expect(page).not.toContain((await stored(item.id)).blobSha256);

    const contact = await createSource(db, reviewer, { name: "Protected sender", kind: "person", reliability: "C", protected: true });
    const other = await submitSample(db, reviewer);
    const viral = await addItem(other.id, Buffer.from(`a video everyone shared ${Math.random()}\n`), { publishedBy: contact.id });
    expect(viral.publicFingerprint).toMatchObject({ disclosure: "commitment", basis: "protected_source" });
    const opened = await setEvidenceDisclosure(db, editor, viral.id, { disclosure: "hash", reason: "Broadcast on television on 9 March.", version: viral.version });
    expect(opened.publicFingerprint).toMatchObject({ disclosure: "hash", basis: "chosen" });
    const published = await publish(other.id);
    expect((await getPublicEntry(db, published.publicSlug!)).evidence!.hashes).toEqual([{ sha256: viral.sha256, kind: "text", size: viral.size }]);
    const ruled = await setEvidenceDisclosure(db, editor, viral.id, { disclosure: "rule", reason: "Back to the rule.", version: opened.version });
    expect(ruled.publicFingerprint).toMatchObject({ disclosure: "commitment", basis: "protected_source", chosen: null });
  });

  it("names by commitment an open item whose bytes a protected source also gave us, in another claim", async () => {
    const { db, reviewer } = world;
    const witness = await createSource(db, reviewer, { name: "Witness in Jableh", kind: "person", reliability: "C", protected: true });
    const channel = await createSource(db, reviewer, { name: "An open channel", kind: "channel", reliability: "D" });
    const bytes = Buffer.from(`the same video, sent and reposted ${Math.random()}\n`);
    const sent = await submitSample(db, reviewer);
    await addItem(sent.id, bytes, { publishedBy: witness.id });
    const reposted = await submitSample(db, reviewer);
    const open = await addItem(reposted.id, bytes, { publishedBy: channel.id });
    expect(open.publicFingerprint).toMatchObject({ disclosure: "commitment", basis: "same_bytes" });
    const published = await publish(reposted.id);
    const { entry, text } = await everythingPublic(published.publicSlug!);
    expect(text).not.toContain(open.sha256);
    expect(entry.evidence!.hashes).toEqual([{ commitment: (await stored(open.id)).commitment, kind: "text" }]);
  });

  it("withholds an item the rule would commit to while its commitment is not computed yet", async () => {
    const { db, reviewer } = world;
    const claim = await submitSample(db, reviewer);
    const item = await addItem(claim.id, Buffer.from(`a witness statement ${Math.random()}\n`), { personal: true });
    await db.update(evidence).set({ commitment: null, commitmentKey: null }).where(eq(evidence.id, item.id));
    const current = await publish(claim.id);
    const entry = await getPublicEntry(db, current.publicSlug!);
    expect(entry.evidence).toMatchObject({ items: 1, hashes: [], withheld: 1 });
  });

  it("back-fills items stored before commitments and corrects each entry that named such an item by its hash, once", async () => {
    const { db, reviewer } = world;
    const witness = await createSource(db, reviewer, { name: "Witness, later protected", kind: "person", reliability: "C" });
    const open = await createSource(db, reviewer, { name: "Open outlet", kind: "outlet", reliability: "C" });
    const claim = await submitSample(db, reviewer);
    const a = await addItem(claim.id, Buffer.from(`witness video one ${Math.random()}\n`), { publishedBy: witness.id });
    const b = await addItem(claim.id, Buffer.from(`witness video two ${Math.random()}\n`), { publishedBy: witness.id });
    const c = await addItem(claim.id, Buffer.from(`outlet article ${Math.random()}\n`), { publishedBy: open.id });
    const published = await publish(claim.id);
    const slug = published.publicSlug!;
    // As before issue 23: the entry names every item by hash, no item has a commitment, and the
    // source is (now) protected; the migration queues the back-fill.
    await db.update(evidence).set({ commitment: null, commitmentKey: null }).where(eq(evidence.claimId, claim.id));
    await db.update(sources).set({ isProtected: true }).where(eq(sources.id, witness.id));
    expect((await getPublicEntry(db, slug)).evidence!.hashes.every((h) => "sha256" in h)).toBe(true);
    await db.delete(jobs).where(eq(jobs.kind, "commitment"));
    for (const statement of backfillStatements()) await db.execute(sql.raw(statement));
    const queued = await db.select().from(jobs).where(and(eq(jobs.kind, "commitment"), sql`${jobs.evidenceId} in (${sql.join([a.id, b.id, c.id].map((id) => sql`${id}`), sql`, `)})`));
    expect(queued).toHaveLength(3);

    // Item a first: b still lacks its commitment, so the entry waits; b's job corrects it once.
    const byItem = new Map(queued.map((j) => [j.evidenceId, j]));
    await runCommitmentJob(db, byItem.get(a.id)!);
    expect((await getPublicEntry(db, slug)).version).toBe(1);
    await runCommitmentJob(db, byItem.get(b.id)!);
    await runCommitmentJob(db, byItem.get(c.id)!);
    await runCommitmentJob(db, byItem.get(b.id)!); // a job run twice does nothing more

    const rows = await Promise.all([a, b, c].map((i) => stored(i.id)));
    const bytesOf = async (sha: string) => Buffer.from(await readAll(Readable.toWeb(await getBlobStore().openRead(sha)) as ReadableStream<Uint8Array>));
    for (const row of rows) expect(row.commitment).toBe(hmac(row.commitmentKey!, await bytesOf(row.blobSha256!)));
    const entry = await getPublicEntry(db, slug);
    expect(entry.history.map((v) => [v.version, v.change, v.changeNote])).toEqual([
      [1, "publication", null],
      [2, "correction", RECOMMIT_NOTE],
    ]);
    expect(entry.evidence!.hashes).toEqual([
      { commitment: rows[0].commitment, kind: "text" },
      { commitment: rows[1].commitment, kind: "text" },
      { sha256: rows[2].blobSha256, kind: "text", size: rows[2].size },
    ]);
    // Published and sealed like any version: its page is sealed in the chain, which verifies.
    const sealed = await db.select({ data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.type, "entry.sealed"), eq(auditEvents.entityId, claim.id)));
    expect(sealed.map((s) => (s.data as { version: number }).version)).toEqual([1, 2]);
    const page = (await readEntryPage(db, { slug, locale: "ar", version: null })).bytes.toString("utf8");
    expect(page).not.toContain(rows[0].blobSha256);
    expect(page).toContain(rows[0].commitment);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
    expect(await db.select({ v: publishedEntries.versionNumber }).from(publishedEntries).where(eq(publishedEntries.claimId, claim.id))).toHaveLength(2);
  });
});

/** The hand-written block of migration 0023: the commitments' back-fill jobs. */
function backfillStatements(): string[] {
  const folder = path.join(process.cwd(), "db", "migrations");
  const file = fs.readdirSync(folder).find((f) => f.endsWith("_evidence_commitments.sql"))!;
  const text = fs.readFileSync(path.join(folder, file), "utf8");
  return text.slice(text.indexOf("-- hand-written:")).split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
}
