import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { auditEvents, entryPages, publishedEntries } from "@/db/schema";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { getBlobStore } from "@/lib/evidence/storage/get-blob-store";
import { ARABIC_TITLE, ARABIC_TRANSLATION, publishCorrectRetract } from "@/lib/test/export-fixture";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { snapshotDigest } from "@/lib/workflow/corrections";
import { forgetNewestEntryPage, readEntryPage } from "./read-entry-page";
import { sealEntryPages } from "./seal-entry-pages";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function stored(sha: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await getBlobStore().openRead(sha)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every sealed page of a claim's versions: version, language, hash, the seal's number, and the bytes stored. */
async function pagesOf(db: Db, claimId: string) {
  const rows = await db
    .select({ version: publishedEntries.versionNumber, locale: entryPages.locale, sha256: entryPages.sha256, sealSeq: entryPages.sealSeq, size: entryPages.size })
    .from(entryPages)
    .innerJoin(publishedEntries, eq(publishedEntries.id, entryPages.entryId))
    .where(eq(publishedEntries.claimId, claimId))
    .orderBy(asc(publishedEntries.versionNumber), asc(entryPages.locale));
  return Promise.all(rows.map(async (r) => ({ ...r, bytes: await stored(r.sha256) })));
}

async function eventsOf(db: Db, claimId: string) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claimId))).orderBy(asc(auditEvents.seq));
}

describe.each(TEST_DRIVERS)("sealed entry pages on %s", (driver) => {
  const world = useTestWorld(driver);

  it("renders each version once per language at publication, and records each page's SHA-256 in the chain right after the publication", async () => {
    const { db } = world;
    const { published, corrected, retracted } = await publishCorrectRetract(db);
    for (const claim of [published, corrected, retracted]) {
      const pages = await pagesOf(db, claim.id);
      const versions = claim.id === published.id ? [1] : [1, 2];
      expect(pages.map((p) => [p.version, p.locale])).toEqual(versions.flatMap((v) => [[v, "ar"], [v, "en"]]));
      const events = await eventsOf(db, claim.id);
      for (const version of versions) {
        const publication = events.find((e) => e.type === "claim.transitioned" && (e.data as { entryVersion?: number }).entryVersion === version)!;
        const seal = events.find((e) => e.type === "entry.sealed" && (e.data as { version: number }).version === version)!;
        // The seal is the very next event: in the publication's transaction, under the chain's lock.
        expect(seal.seq).toBe(publication.seq + 1);
        const [row] = await db.select({ snapshot: publishedEntries.snapshot }).from(publishedEntries).where(and(eq(publishedEntries.claimId, claim.id), eq(publishedEntries.versionNumber, version)));
        const data = seal.data as { slug: string; publicationSeq: number; snapshotSha256: string; pages: { locale: string; sha256: string; size: number }[] };
        expect(data).toMatchObject({ slug: claim.publicSlug, publicationSeq: publication.seq, snapshotSha256: snapshotDigest(row.snapshot) });
        for (const page of pages.filter((p) => p.version === version)) {
          // The stored bytes hash to the row's name and to the hash in the event, and say where they are recorded.
          expect(sha256(page.bytes)).toBe(page.sha256);
          expect(page.bytes.length).toBe(page.size);
          expect(data.pages).toContainEqual({ locale: page.locale, sha256: page.sha256, size: page.size });
          expect(page.sealSeq).toBe(seal.seq);
          const text = page.bytes.toString("utf8");
          const [, publicationSeq, sealSeq, sealLine] = /<p data-testid="page-seal" data-publication-event="(\d+)" data-seal-event="(\d+)">(.*?)<\/p>/.exec(text) ?? [];
          expect([publicationSeq, sealSeq]).toEqual([String(publication.seq), String(seal.seq)]);
          expect(sealLine).toMatch(new RegExp(`\\D${publication.seq}\\D.*\\D${seal.seq}\\D`));
          expect(sealLine).toContain(data.snapshotSha256);
          expect(text).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${page.locale}" dir="${page.locale === "ar" ? "rtl" : "ltr"}">`));
          // No script to read it: the only script element is ClaimReview's data.
          expect(text.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/ld+json">']);
        }
      }
    }
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);

    // Text from data is written as text: the Arabic title's markup characters are escaped.
    const [page] = (await pagesOf(db, published.id)).filter((p) => p.locale === "ar");
    const text = page.bytes.toString("utf8");
    expect(text).not.toContain(ARABIC_TITLE);
    expect(text).toContain("مقتل مدنيين في &lt;المختارية&gt; &amp; &quot;الرميلة&quot;");
    // The correction's Arabic translation is what the Arabic page of version 2 shows.
    const corrected2 = (await pagesOf(db, corrected.id)).find((p) => p.version === 2 && p.locale === "ar")!;
    expect(corrected2.bytes.toString("utf8")).toContain(ARABIC_TRANSLATION.summary);
  });

  it("leaves a version's pages byte for byte as they were when a correction publishes new ones", async () => {
    const { db } = world;
    const { corrected } = await publishCorrectRetract(db);
    const pages = await pagesOf(db, corrected.id);
    const first = pages.filter((p) => p.version === 1);
    const second = pages.filter((p) => p.version === 2);
    // New hashes for the new version, in each language.
    for (const p of second) expect(first.map((f) => f.sha256)).not.toContain(p.sha256);
    // The first version's pages: as read when published (its history has one version, no correction in it).
    for (const p of first) {
      expect(p.bytes.toString("utf8")).not.toContain("The monitor revised its count");
      expect(await readEntryPage(db, { slug: corrected.publicSlug!, locale: p.locale as "ar" | "en", version: "1" })).toMatchObject({ sha256: p.sha256, version: 1 });
    }
    // The entry's own address serves the newest version's bytes.
    forgetNewestEntryPage(corrected.publicSlug!);
    for (const p of second) {
      const served = await readEntryPage(db, { slug: corrected.publicSlug!, locale: p.locale as "ar" | "en", version: null });
      expect(served).toMatchObject({ sha256: p.sha256, version: 2 });
      expect(served.bytes.equals(p.bytes)).toBe(true);
    }
  });

  it("keeps which page a numbered version has once read, and never a version not yet published", async () => {
    const { db } = world;
    const { corrected } = await publishCorrectRetract(db);
    const slug = corrected.publicSlug!;
    const unasked = new Proxy({} as Db, {
      get() {
        throw new Error("the database was asked");
      },
    });
    const first = await readEntryPage(db, { slug, locale: "ar", version: "1" });
    const again = await readEntryPage(unasked, { slug, locale: "ar", version: "1" });
    expect(again).toMatchObject({ sha256: first.sha256, version: 1 });
    expect(again.bytes.equals(first.bytes)).toBe(true);
    // Another language of the same version is a page of its own, read from the database.
    await expect(readEntryPage(unasked, { slug, locale: "en", version: "1" })).rejects.toThrow("the database was asked");
    // A version not published is looked for again next time: it may be published by then.
    await expect(readEntryPage(db, { slug, locale: "ar", version: "9" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readEntryPage(unasked, { slug, locale: "ar", version: "9" })).rejects.toThrow("the database was asked");
  });

  it("seals a version published before pages were sealed when it is first read, once, and refuses addresses that name nothing", async () => {
    const { db } = world;
    const { published } = await publishCorrectRetract(db);
    // As if published before this feature: the version without pages (its seal stays in the chain).
    const [entry] = await db.select({ id: publishedEntries.id }).from(publishedEntries).where(eq(publishedEntries.claimId, published.id));
    await db.delete(entryPages).where(eq(entryPages.entryId, entry.id));
    const before = (await eventsOf(db, published.id)).filter((e) => e.type === "entry.sealed").length;
    forgetNewestEntryPage(published.publicSlug!);
    const [a, b] = await Promise.all([
      readEntryPage(db, { slug: published.publicSlug!, locale: "en", version: null }),
      readEntryPage(db, { slug: published.publicSlug!, locale: "en", version: "1" }),
    ]);
    expect(a.sha256).toBe(b.sha256);
    const seals = (await eventsOf(db, published.id)).filter((e) => e.type === "entry.sealed");
    expect(seals).toHaveLength(before + 1);
    expect(seals.at(-1)!.actorId).toBeNull();
    expect(await sealEntryPages(db, null, published.id, 1), "a second seal of the same version").toBeNull();
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);

    for (const [slug, version] of [[published.publicSlug!, "2"], ["no-such-entry", null], ["../etc", null], [published.publicSlug!, "0"], [published.publicSlug!, "1e3"]] as const) {
      await expect(readEntryPage(db, { slug, locale: "en", version }), `${slug} ${version}`).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
