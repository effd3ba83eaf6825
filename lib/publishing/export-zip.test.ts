import { createHash } from "node:crypto";
import fs from "node:fs";
import canonicalize from "canonicalize";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readAuditHead, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { entryPages, publishedEntries } from "@/db/schema";
import { LOCALES } from "@/lib/i18n/locales";
import type { TimeStampConfig } from "@/lib/timestamps/config";
import { ARABIC_TRANSLATION, PRIVATE_WORDS, publishCorrectRetract } from "@/lib/test/export-fixture";
import { useTestWorld } from "@/lib/test/world";
import { readAll } from "./export-stream";
import { streamPublicExport } from "./export-zip";
import { isPublicSafeTransition } from "./public-audit-events";
import type { PublicSnapshot } from "./snapshot";
import { originalDigest } from "./translations";

/** No time-stamping authority: the dataset says so and carries no tokens. */
const UNSTAMPED: TimeStampConfig = { url: null, intervalMinutes: 10, caFile: null };

type Seal = { slug: string; version: number; publicationSeq: number; snapshotSha256: string; pages: { locale: string; sha256: string; size: number }[] };
type ExportedEvent = Record<string, unknown> & { seq: number; hash: string; prevHash: string; withheld?: true; entry: { slug: string; version: number } | null };

/**
 * README.txt's recipe, written from the README alone (node:crypto and canonicalize, nothing of
 * lib/audit): sha256 over prevHash followed by the JCS of the eight hashed fields.
 */
function recomputeAsReadmeSays(e: ExportedEvent): string {
  const { seq, occurredAt, actorId, type, entityType, entityId, data, prevHash } = e;
  const body = canonicalize({ seq, occurredAt, actorId, type, entityType, entityId, data, prevHash })!;
  return createHash("sha256").update(`${prevHash as string}${body}`, "utf8").digest("hex");
}

describe("isPublicSafeTransition", () => {
  const versions = [{ version: 1, changeNote: null, title: "T", summary: "S", placeName: null }];
  const publish = { action: "publish", from: "review", to: "published", version: 7, entryVersion: 1, changes: { state: { before: "review", after: "published" } } };
  it("accepts a publication that says only public things", () => {
    expect(isPublicSafeTransition(publish, versions)).toBe(true);
  });
  it("refuses private fields, private values, unknown keys and other actions", () => {
    expect(isPublicSafeTransition({ ...publish, changes: { gradeRationale: { before: null, after: "why" } } }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, changes: { stateReason: { before: "internal", after: null } } }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, changes: { title: { before: "an unpublished title", after: "T" } } }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, reason: "not the change note" }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, submitter: "x" }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, action: "send_back" }, versions)).toBe(false);
    expect(isPublicSafeTransition({ ...publish, entryVersion: 2 }, versions)).toBe(false);
  });
  it("accepts a translation only as a version published it, made from a published original", () => {
    const ar = { title: "ع", summary: "م" };
    const translated = [...versions, { version: 2, changeNote: "Translated.", title: "T", summary: "S", placeName: null, translations: { ar } }];
    const correction = (after: unknown) => ({ ...publish, action: "publish_correction", from: "published", entryVersion: 2, reason: "Translated.", changes: { translations: { before: {}, after } } });
    const stored = { ar: { ...ar, basedOn: originalDigest({ title: "T", summary: "S" }) } };
    expect(isPublicSafeTransition(correction(stored), translated)).toBe(true);
    expect(isPublicSafeTransition(correction(stored), versions), "no version published it").toBe(false);
    expect(isPublicSafeTransition(correction({ ar: { ...stored.ar, title: "an unpublished title" } }), translated)).toBe(false);
    expect(isPublicSafeTransition(correction({ en: stored.ar }), translated), "published into another language").toBe(false);
    expect(isPublicSafeTransition(correction({ ar: { ...stored.ar, basedOn: originalDigest({ title: "a draft's title", summary: "S" }) } }), translated)).toBe(false);
    expect(isPublicSafeTransition(correction({ ar: { ...stored.ar, note: "internal" } }), translated), "an unknown key").toBe(false);
    expect(isPublicSafeTransition(correction("ع"), translated)).toBe(false);
  });
});

describe.each(TEST_DRIVERS)("the public dataset ZIP on %s", (driver) => {
  const world = useTestWorld(driver);

  it("holds entries with history, the evidence manifest, verifiable audit events and a README — nothing private", async () => {
    const { db } = world;
    const { published, corrected, retracted } = await publishCorrectRetract(db);
    const zip = await readAll(streamPublicExport(db, "https://corroborate.example", new Date(), { timeStamps: UNSTAMPED }));
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["README.txt", "audit-events.json", "entries.json", "evidence-manifest.csv", "incident-victims.csv", "incidents.csv", "pages.csv", "verify.mjs"]);
    const text = (name: string) => new TextDecoder().decode(files[name]);

    const entries = JSON.parse(text("entries.json")) as { slug: string; language: string; translations: PublicSnapshot["translations"]; history: { version: number; change: string; changeNote: string | null; snapshot: PublicSnapshot }[] }[];
    expect(entries.map((e) => e.slug)).toEqual([published.publicSlug, corrected.publicSlug, retracted.publicSlug].sort());
    const history = (slug: string | null | undefined) => entries.find((e) => e.slug === slug)!.history.map((h) => [h.change, h.changeNote]);
    expect(history(corrected.publicSlug)).toEqual([["publication", null], ["correction", "The monitor revised its count & the place."]]);
    expect(history(retracted.publicSlug)).toEqual([["publication", null], ["retraction", "The footage is from 2016 <Aleppo>."]]);
    // Both languages: the English entry carries the Arabic translation its correction published,
    // the version before it none.
    const translated = entries.find((e) => e.slug === corrected.publicSlug)!;
    expect(translated).toMatchObject({ language: "en", translations: { ar: { ...ARABIC_TRANSLATION, outdated: false } } });
    expect(translated.history.map((h) => h.snapshot.translations)).toEqual([undefined, { ar: { ...ARABIC_TRANSLATION, outdated: false } }]);

    // The manifest is exactly the snapshots' evidence hashes, version by version (none for
    // snapshots written before they carried an evidence summary).
    const fromSnapshots = entries.flatMap((e) =>
      e.history.flatMap((h) => (h.snapshot.evidence?.hashes ?? []).map((x) => ({ slug: e.slug, version: String(h.version), sha256: "sha256" in x ? x.sha256 : "", kind: x.kind, size: "sha256" in x ? String(x.size ?? "") : "", commitment: "commitment" in x ? x.commitment : "" }))),
    );
    expect(text("evidence-manifest.csv").startsWith("slug,version,sha256,kind,size,commitment\r\n")).toBe(true);
    expect(parse(text("evidence-manifest.csv"), { columns: true })).toEqual(fromSnapshots);

    const audit = JSON.parse(text("audit-events.json")) as { head: { seq: number; hash: string; events: number }; events: ExportedEvent[] };
    const verified = await verifyAuditChainUnchecked(db);
    expect(audit.head).toEqual({ seq: verified.events, hash: verified.head, events: verified.events });
    expect(audit.head).toMatchObject((await readAuditHead(db))!);

    // Five public transitions (three publications, one correction, one retraction), each followed
    // at once by the seal of its version's pages (public by design: hashes, sizes, numbers).
    const versionsMade = [
      [published.publicSlug, 1],
      [corrected.publicSlug, 1],
      [corrected.publicSlug, 2],
      [retracted.publicSlug, 1],
      [retracted.publicSlug, 2],
    ];
    expect(audit.events.map((e) => [e.type, e.entry?.slug, e.entry?.version])).toEqual(versionsMade.flatMap(([slug, version]) => [["claim.transitioned", slug, version], ["entry.sealed", slug, version]]));
    const seals = audit.events.filter((e) => e.type === "entry.sealed") as (ExportedEvent & { data: Seal })[];
    for (const seal of seals) {
      const publication = audit.events.find((e) => e.seq === seal.data.publicationSeq)!;
      expect(publication, `seal #${seal.seq}`).toMatchObject({ seq: seal.seq - 1, type: "claim.transitioned", entityId: seal.entityId, data: { entryVersion: seal.data.version } });
      // The seal's snapshotSha256 is the RFC 8785 digest of the version's snapshot as entries.json gives it.
      const snapshot = entries.find((e) => e.slug === seal.data.slug)!.history.find((h) => h.version === seal.data.version)!.snapshot;
      expect(createHash("sha256").update(canonicalize(snapshot)!).digest("hex"), `seal #${seal.seq}`).toBe(seal.data.snapshotSha256);
      expect(seal.data.pages.map((p) => p.locale).sort()).toEqual([...LOCALES].sort());
    }
    // pages.csv: every sealed page, as its seal records it, with the seal's number.
    const pages = parse(text("pages.csv"), { columns: true }) as Record<string, string>[];
    expect(text("pages.csv").startsWith("slug,version,locale,sha256,size,seal_seq\r\n")).toBe(true);
    expect(pages).toEqual(
      seals
        .flatMap((seal) => seal.data.pages.map((p) => ({ slug: seal.data.slug, version: String(seal.data.version), locale: p.locale, sha256: p.sha256, size: String(p.size), seal_seq: String(seal.seq) })))
        .sort((a, b) => a.slug.localeCompare(b.slug) || Number(a.version) - Number(b.version) || a.locale.localeCompare(b.locale)),
    );
    const stored = await db.select({ sha256: entryPages.sha256 }).from(entryPages);
    expect(pages.map((p) => p.sha256).sort()).toEqual(stored.map((p) => p.sha256).sort());
    // The verifier is shipped as the repository has it.
    expect(Buffer.from(files["verify.mjs"]).equals(fs.readFileSync("lib/verifier/verify.mjs"))).toBe(true);
    const seqs = audit.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const full = audit.events.filter((e) => !e.withheld);
    for (const event of full) expect(recomputeAsReadmeSays(event), `event ${event.seq}`).toBe(event.hash);
    // The recipe is not vacuous: a changed field gives another hash.
    expect(recomputeAsReadmeSays({ ...full[0], occurredAt: "2000-01-01T00:00:00.000Z" })).not.toBe(full[0].hash);

    // The correction's event says what it translated, and is public-safe: the translation is the published one.
    const correction = audit.events.find((e) => e.entry?.slug === corrected.publicSlug && e.entry?.version === 2) as ExportedEvent & { data: { changes: Record<string, { before: unknown; after: unknown }> } };
    expect(correction.data.changes.translations).toEqual({ before: {}, after: { ar: { ...ARABIC_TRANSLATION, basedOn: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    expect(text("README.txt")).toContain('"translations"');

    // The claim once sent back with an internal reason: moving forward cleared the reason, so its
    // retraction event is public-safe and exported whole, and the reason appears nowhere (below).
    expect(audit.events.filter((e) => e.withheld)).toEqual([]);
    // Were an event to carry it anyway, the check withholds it.
    const [retraction] = audit.events.filter((e) => e.entry?.slug === retracted.publicSlug && e.entry?.version === 2) as (ExportedEvent & { data: { changes: Record<string, unknown> } })[];
    const leaky = { ...retraction.data, changes: { ...retraction.data.changes, stateReason: { before: "an internal send-back reason", after: "The footage is from 2016 <Aleppo>." } } };
    const versions = entries.find((e) => e.slug === retracted.publicSlug)!.history.map((h) => ({ version: h.version, changeNote: h.changeNote, title: h.snapshot.title, summary: h.snapshot.summary, placeName: h.snapshot.place.name }));
    expect(isPublicSafeTransition(retraction.data, versions)).toBe(true);
    expect(isPublicSafeTransition(leaky, versions)).toBe(false);

    const readme = text("README.txt");
    expect(readme).toContain(audit.head.hash);
    expect(readme).toContain("RFC 8785");
    expect(readme).toContain("opaque id");
    expect(readme).toContain("node verify.mjs corroborate-public-dataset.zip saved-page.html");
    expect(readme).toContain(`pages.csv\n  Every published page, one row per version and language (${pages.length} rows)`);
    expect(readme).toContain("the site did not have its chain stamped by an outside\n  time-stamping authority");

    const everything = Object.keys(files).map(text).join("\n");
    for (const word of Object.values(PRIVATE_WORDS)) expect(everything, word).not.toContain(word);
  });

  it("seals, once, a version published before pages were sealed, so every version it lists has its seal", async () => {
    const { db } = world;
    const { published } = await publishCorrectRetract(db);
    const [entry] = await db.select({ id: publishedEntries.id }).from(publishedEntries).where(eq(publishedEntries.claimId, published.id));
    await db.delete(entryPages).where(eq(entryPages.entryId, entry.id));
    const before = (await readAuditHead(db))!;
    const exported = async () => unzipSync(await readAll(streamPublicExport(db, "https://corroborate.example", new Date(), { timeStamps: UNSTAMPED })));
    const files = await exported();
    const audit = JSON.parse(new TextDecoder().decode(files["audit-events.json"])) as { events: (ExportedEvent & { data: Seal })[] };
    const seal = audit.events.find((e) => e.type === "entry.sealed" && e.data.slug === published.publicSlug && e.seq > before.seq)!;
    expect(seal).toBeTruthy();
    const rows = (parse(new TextDecoder().decode(files["pages.csv"]), { columns: true }) as Record<string, string>[]).filter((r) => r.slug === published.publicSlug);
    expect(rows.map((r) => r.seal_seq)).toEqual(LOCALES.map(() => String(seal.seq)));
    // The next export seals nothing more.
    const head = (await readAuditHead(db))!;
    await exported();
    expect((await readAuditHead(db))!.seq).toBe(head.seq);
  });

  it("lists each version's evidence hashes in the manifest", async () => {
    const { db } = world;
    const { published } = await publishCorrectRetract(db);
    // A version as the snapshot gatherer writes them once snapshots carry the evidence summary.
    const sha256 = "ab".repeat(32);
    await db.insert(publishedEntries).values({
      claimId: published.id,
      slug: published.publicSlug!,
      versionNumber: 2,
      change: "correction",
      changeNote: "Evidence summary added.",
      snapshot: { kind: "report", title: "T", summary: "S", language: "en", incidentDate: { from: null, to: null }, place: { name: null, latitude: null, longitude: null, precision: null }, grade: "probable", evidence: { items: 1, byKind: [{ kind: "image", count: 1 }], hashes: [{ sha256, kind: "image", size: 1234 }] } },
    });
    const files = unzipSync(await readAll(streamPublicExport(db, "https://corroborate.example", new Date(), { timeStamps: UNSTAMPED })));
    const rows = parse(new TextDecoder().decode(files["evidence-manifest.csv"]), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.slug === published.publicSlug && r.sha256 === sha256)).toEqual([
      { slug: published.publicSlug, version: "2", sha256, kind: "image", size: "1234", commitment: "" },
    ]);
  });
});
