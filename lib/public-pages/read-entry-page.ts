import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { entryPages, publishedEntries } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { getBlobStore } from "@/lib/evidence/storage/get-blob-store";
import type { Locale } from "@/lib/i18n/locales";
import { tr } from "@/lib/i18n/translate";
import { cacheControl } from "@/lib/cache/memory-cache-handler.mjs";
import { sealEntryPages } from "./seal-entry-pages";

export type EntryPageBytes = { bytes: Buffer; sha256: string; version: number };

/**
 * A sealed page's bytes never change, so they are kept in memory by their SHA-256 once read, up to
 * `BYTES_BOUND` in all (the least recently read go first). Which page is an entry's newest changes
 * with each publication: kept for at most `NEWEST_TTL_MS`, and dropped at once when one commits
 * (`forgetNewestEntryPage`: from the after-commit hook here, from another server's notice there).
 */
const BYTES_BOUND = 64 * 1024 * 1024;
const NEWEST_TTL_MS = 5_000;
const bytesBySha = new Map<string, Buffer>();
let bytesHeld = 0;
/**
 * One map for the process: Next bundles this module for the route handlers and again for the
 * pages and server actions, and a publication committed by a form (an action) must drop the entry
 * route's knowledge of the newest page, not a copy of its own (as lib/i18n/translate.ts's store).
 */
const NEWEST_KEY = Symbol.for("corroborate.public-pages.newest");
const newest = ((globalThis as Record<symbol, unknown>)[NEWEST_KEY] ??= new Map()) as Map<string, { sha256: string; version: number; until: number }>;

/**
 * Which page a numbered version has, once sealed, never changes (versions are only ever added):
 * kept without expiry, the least recently read going first past `VERSIONS_BOUND`. A version not
 * (yet) published is not kept: it may be published next.
 */
const VERSIONS_BOUND = 20_000;
const versions = new Map<string, { sha256: string; version: number }>();

const SLUG = /^[a-z0-9-]{1,200}$/;
const VERSION = /^[1-9][0-9]{0,5}$/;

/**
 * The page of one version of an entry (`version`), or of its newest, in one language: the bytes
 * sealed at its publication. A version published before pages were sealed is sealed now, once.
 * NOT_FOUND for an entry or version that is not published.
 */
export async function readEntryPage(db: Db, { slug, locale, version }: { slug: string; locale: Locale; version: string | null }): Promise<EntryPageBytes> {
  if (!SLUG.test(slug) || (version !== null && !VERSION.test(version))) throw notFound(version);
  const key = `${locale}/${slug}`;
  // Not while the caches are bypassed (another server's notices cannot reach this one: lib/cache/shared-invalidation.ts).
  if (version === null && !cacheControl().isBypassed()) {
    const known = newest.get(key);
    if (known && known.until > Date.now()) {
      const bytes = await bytesOf(known.sha256);
      if (bytes) return { bytes, sha256: known.sha256, version: known.version };
    }
  }
  const versionKey = `${key}/${version}`;
  const page = (version !== null && takeRecent(versions, versionKey)) || (await findPage(db, slug, locale, version === null ? null : Number(version)));
  if (version === null) newest.set(key, { sha256: page.sha256, version: page.version, until: Date.now() + NEWEST_TTL_MS });
  else keepRecent(versions, versionKey, page, VERSIONS_BOUND);
  const bytes = await bytesOf(page.sha256);
  if (!bytes) throw new Error(`The page ${page.sha256} is named but not stored`);
  return { bytes, sha256: page.sha256, version: page.version };
}

/** Called after a publication, correction or retraction of `slug` commits, on this server or (announced) another. */
export function forgetNewestEntryPage(slug: string): void {
  for (const key of newest.keys()) if (key.endsWith(`/${slug}`)) newest.delete(key);
}

/** Every entry's newest page forgotten: another server's notices may have been missed. */
export function forgetNewestEntryPages(): void {
  newest.clear();
}

async function findPage(db: Db, slug: string, locale: Locale, version: number | null) {
  const read = () =>
    db
      .select({ entryId: publishedEntries.id, claimId: publishedEntries.claimId, version: publishedEntries.versionNumber, sha256: entryPages.sha256 })
      .from(publishedEntries)
      .leftJoin(entryPages, and(eq(entryPages.entryId, publishedEntries.id), eq(entryPages.locale, locale)))
      .where(version === null ? eq(publishedEntries.slug, slug) : and(eq(publishedEntries.slug, slug), eq(publishedEntries.versionNumber, version)))
      .orderBy(desc(publishedEntries.versionNumber))
      .limit(1);
  const [row] = await read();
  if (!row) throw notFound(version === null ? null : String(version));
  if (row.sha256) return { sha256: row.sha256, version: row.version };
  // Published before pages were sealed: sealed by its first reader, once (the chain's lock orders
  // two first readers; the second finds the pages made).
  await db.transaction((tx) => sealEntryPages(tx as unknown as Db, null, row.claimId, row.version));
  const [sealed] = await read();
  if (!sealed?.sha256) throw new Error(`Version ${row.version} of ${slug} was sealed without a ${locale} page`);
  return { sha256: sealed.sha256, version: sealed.version };
}

/** A kept value, moved to the back of its map's order (the most recently read). */
function takeRecent<V>(map: Map<string, V>, key: string): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}

function keepRecent<V>(map: Map<string, V>, key: string, value: V, bound: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= bound) break;
    map.delete(oldest);
  }
}

async function bytesOf(sha256: string): Promise<Buffer | null> {
  const held = takeRecent(bytesBySha, sha256);
  if (held) return held;
  const store = getBlobStore();
  if (!(await store.has(sha256))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await store.openRead(sha256)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  bytesBySha.set(sha256, bytes);
  bytesHeld += bytes.length;
  for (const [oldest, value] of bytesBySha) {
    if (bytesHeld <= BYTES_BOUND) break;
    bytesBySha.delete(oldest);
    bytesHeld -= value.length;
  }
  return bytes;
}

function notFound(version: string | null): AppError {
  return new AppError("NOT_FOUND", tr(version === null ? "errors.publishing.noSuchEntry" : "errors.publishing.noSuchVersion"));
}
