import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents, blobs, entryPages, publishedEntries } from "@/db/schema";
import { appendAuditEvent, lockAuditChain } from "@/lib/audit/append-event";
import { getBlobStore, tempDir } from "@/lib/evidence/storage/get-blob-store";
import { env } from "@/lib/env";
import { LOCALES } from "@/lib/i18n/locales";
import { entryColumns, entryFromRows, pickPublicEntryVersion } from "@/lib/publishing/public-entries";
import { changeTexts } from "@/lib/publishing/version-changes";
import { snapshotDigest } from "@/lib/workflow/corrections";
import { renderEntryDocument } from "./entry-document";
import { publicSpeech } from "./speech";

/** What a page is served as, and what its blob row says. */
export const PAGE_MEDIA_TYPE = "text/html; charset=utf-8";

export type SealedPage = { locale: string; sha256: string; size: number };

/**
 * Render a public version's page in every language, once, and seal it: store each page's bytes as
 * a blob (content-addressed, like evidence), name them in `entry_pages`, and append `entry.sealed`
 * with their SHA-256, the version's JSON snapshot's and the number of the event that published it.
 * Called in the transaction that publishes the version, right after its `claim.transitioned`, so
 * the version, its pages and their hashes commit together; or later, for a version published before
 * pages were sealed (`ensureEntryPages`). The chain is held from before the pages are rendered, so
 * the seal's number written on them is the one it gets. A version already sealed is left as it is.
 */
export async function sealEntryPages(tx: Db, actorId: string | null, claimId: string, versionNumber: number): Promise<SealedPage[] | null> {
  await lockAuditChain(tx);
  const rows = await tx
    .select({ ...entryColumns, claimId: publishedEntries.claimId })
    .from(publishedEntries)
    .where(and(eq(publishedEntries.claimId, claimId), lte(publishedEntries.versionNumber, versionNumber)))
    .orderBy(asc(publishedEntries.versionNumber));
  const row = rows.at(-1);
  if (!row || row.versionNumber !== versionNumber) throw new Error(`No version ${versionNumber} of claim ${claimId} to seal`);
  const [sealed] = await tx.select({ locale: entryPages.locale }).from(entryPages).where(eq(entryPages.entryId, row.id)).limit(1);
  if (sealed) return null;

  const publicationSeq = await publicationEventOf(tx, claimId, versionNumber);
  const [head] = await tx.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const sealSeq = (head?.seq ?? 0) + 1;
  const entry = entryFromRows(rows);
  const snapshotSha256 = snapshotDigest(row.snapshot);
  const store = getBlobStore();
  const pages: SealedPage[] = [];
  for (const locale of LOCALES) {
    const speech = publicSpeech(locale);
    const version = pickPublicEntryVersion(entry, versionNumber, changeTexts(locale, { isolate: true }));
    const bytes = Buffer.from(renderEntryDocument({ speech, entry, version, seal: { publicationSeq, sealSeq, snapshotSha256 }, origin: env.PUBLIC_URL }), "utf8");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (!(await store.has(sha256))) {
      const temp = path.join(tempDir(), `${process.pid}-${randomUUID()}.html`);
      await fs.writeFile(temp, bytes);
      try {
        await store.commit(temp, sha256, PAGE_MEDIA_TYPE);
      } finally {
        await fs.rm(temp, { force: true });
      }
    }
    await tx.insert(blobs).values({ sha256, size: bytes.length, mediaType: PAGE_MEDIA_TYPE }).onConflictDoNothing();
    await tx.insert(entryPages).values({ entryId: row.id, locale, sha256, size: bytes.length, sealSeq });
    pages.push({ locale, sha256, size: bytes.length });
  }
  const appended = await appendAuditEvent(tx, actorId, {
    type: "entry.sealed",
    entity: { type: "claim", id: claimId },
    data: { slug: row.slug, version: versionNumber, publicationSeq, snapshotSha256, pages },
  });
  // The chain was held throughout: nothing can have come between.
  if (appended.seq !== sealSeq) throw new Error(`The seal took event #${appended.seq}, its pages say #${sealSeq}`);
  return pages;
}

/** The number of the event that published a version (its `claim.transitioned`, whose `entryVersion` it is). */
async function publicationEventOf(tx: Db, claimId: string, versionNumber: number): Promise<number> {
  const [event] = await tx
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "claim"),
        eq(auditEvents.entityId, claimId),
        eq(auditEvents.type, "claim.transitioned"),
        sql`(${auditEvents.data}->>'entryVersion')::int = ${versionNumber}`,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (!event) throw new Error(`No event published version ${versionNumber} of claim ${claimId}`);
  return event.seq;
}
