import "server-only";
import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import { getDb } from "@/lib/server/database";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { isBuilding } from "@/lib/env";
import { LOCALES } from "@/lib/i18n/locales";
import { parseInput } from "@/lib/validation/parse";
import { NEXT_CACHE_IMPLICIT_TAG_ID } from "next/dist/lib/constants";
import { announceInvalidation, type Receiver } from "@/lib/cache/shared-invalidation";
import { forgetNewestEntryPage, forgetNewestEntryPages } from "@/lib/public-pages/read-entry-page";
import { getPublicEntry, listPublicEntries, pickPublicEntryVersion, type TPublicEntriesQuery, ZPublicEntriesQuery } from "./public-entries";

/**
 * Public reads through Next's data cache: on a hit, a public page or API answer does not touch the
 * database. Publication, correction and retraction drop the tag after the commit (`transitionClaim`
 * reports them; the doors' after-commit hook, `lib/server/after-commit.ts`, calls
 * `revalidatePublicEntries`), so the next read is fresh, on every app server: the drop is announced
 * to the others (lib/cache/shared-invalidation.ts).
 */
export const PUBLIC_ENTRIES_TAG = "public-entries";

export const readPublicEntry = unstable_cache(async (slug: string) => getPublicEntry(await getDb(), slug), ["public-entry"], {
  tags: [PUBLIC_ENTRIES_TAG],
});

/** One version of an entry at its own address, from the cached entry (its history holds every version). */
export async function readPublicEntryVersion(slug: string, version: string | number) {
  return pickPublicEntryVersion(await readPublicEntry(slug), version);
}

const readCachedEntries = unstable_cache(
  async (query: Pick<TPublicEntriesQuery, "kind" | "grade" | "limit">) => listPublicEntries(await getDb(), query),
  ["public-entries"],
  { tags: [PUBLIC_ENTRIES_TAG] },
);

/**
 * The public list. Only the bounded views are cached (the first page, by kind and grade): free
 * text, places, dates and cursors would let any client mint cache entries without end, so those
 * read the database. Unknown parameters are dropped before they can become part of a key.
 */
export async function readPublicEntries(query: unknown) {
  const parsed = parseInput(ZPublicEntriesQuery, query);
  if (parsed.q || parsed.place || parsed.from || parsed.to || parsed.cursor) return listPublicEntries(await getDb(), parsed);
  return readCachedEntries({ kind: parsed.kind, grade: parsed.grade, limit: parsed.limit });
}

/** The audit head changes with every event (sign-ins too), so it is read at most once a minute and says when. */
const readCachedAuditHead = unstable_cache(
  async () => {
    const head = await readAuditHead(await getDb());
    return head ? { seq: head.seq, hash: head.hash, readAt: new Date().toISOString() } : null;
  },
  ["public-audit-head"],
  { revalidate: 60, tags: [PUBLIC_ENTRIES_TAG] },
);

/** The footer's head; none while `next build` prerenders the entry page's shell (no database then). */
export async function readPublicAuditHead() {
  return isBuilding ? null : readCachedAuditHead();
}

/** Next's cache tag of a path (what `revalidatePath` drops), for a drop announced to other servers. */
const pathTag = (path: string) => `${NEXT_CACHE_IMPLICIT_TAG_ID}${path}`;

/**
 * Called after a publication, correction or retraction of the entry at `slug` commits: drops what
 * is stale here, and announces it to every other app server before the request answers
 * (lib/cache/shared-invalidation.ts).
 */
export async function revalidatePublicEntries(slug: string): Promise<void> {
  forgetNewestEntryPage(slug);
  // Each language's page is its own (`/ar/entries/…`; the default language's is rewritten to `/en/…`).
  const paths = LOCALES.map((locale) => `/${locale}/entries/${slug}`);
  try {
    // expire 0: a retraction must never be served stale, not even once.
    revalidateTag(PUBLIC_ENTRIES_TAG, { expire: 0 });
    // The version pages (/entries/{slug}/v/{n}) read through `readPublicEntry`, so the tag drops
    // them too (e2e/public-cache.spec.ts): each says which version is current, and a retraction.
    for (const path of paths) revalidatePath(path);
  } catch {
    // Outside a Next request (the seed at boot, the command line, tests) there is no cache to drop.
  }
  await announceInvalidation({ tags: [PUBLIC_ENTRIES_TAG, ...paths.map(pathTag)], entrySlugs: [slug] }).catch((error: unknown) =>
    // The other servers bypass their caches when they cannot hear; a notice that cannot be sent is said.
    console.error("[cache] could not announce a public entry's change to the other servers:", error instanceof Error ? error.message : error),
  );
}

/** What another server's notice drops here beyond Next's cache: the newest sealed pages of the entries it names, or of all. */
export const PUBLIC_ENTRY_RECEIVER: Receiver = {
  dropEntries: (slugs) => {
    for (const slug of slugs) forgetNewestEntryPage(slug);
  },
  dropAllEntries: forgetNewestEntryPages,
};
