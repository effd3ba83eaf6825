/**
 * Next's cache (ISR pages, `unstable_cache` data), kept in this process's memory only.
 *
 * Next's default handler also writes entries to `.next/cache`, where they outlive the process: a
 * server restarted on another database (a restore, a new `DATABASE_URL`, the tests' own data
 * folders) would then serve pages and public answers of the old one — a retracted entry among
 * them. Here nothing survives a restart, and a dropped tag drops its entries at once. Entries are
 * evicted oldest-first past MAX_ENTRIES. Several app servers need a shared handler instead
 * (ARCHITECTURE.md).
 *
 * A render that began before a tag was dropped must not store what it made after the drop: a page
 * re-rendered in the background read the entry, a retraction committed and dropped the tag, and the
 * render's late write would bring the unretracted page back for a minute. Next asks the cache
 * (`get`) before every render, so the handler notes the generation of the tags at the first ask
 * since the key's last write; a write whose tags were dropped after that ask is refused, and the
 * next reader renders afresh. A refused write costs one render, never a stale answer.
 */
const MAX_ENTRIES = 5000;
const entries = new Map();
/** Every drop of a tag takes the next generation; a tag's last drop is remembered. */
let generation = 0;
const droppedAt = new Map();
/** Per key: the generation at the first ask since its last write (oldest first, bounded). */
const askedAt = new Map();

/** The tags an entry names: data entries in ctx, a rendered page in its x-next-cache-tags header. */
function tagsOf(data, ctx) {
  const pageTags = typeof data?.headers?.["x-next-cache-tags"] === "string" ? data.headers["x-next-cache-tags"].split(",") : [];
  return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? []), ...pageTags];
}

export default class MemoryCacheHandler {
  async get(key) {
    if (!askedAt.has(key)) {
      askedAt.set(key, generation);
      while (askedAt.size > MAX_ENTRIES * 2) askedAt.delete(askedAt.keys().next().value);
    }
    return entries.get(key) ?? null;
  }

  async set(key, data, ctx) {
    const asked = askedAt.get(key);
    askedAt.delete(key);
    entries.delete(key);
    if (data === null) return;
    const tags = tagsOf(data, ctx);
    // Made from what was read before one of its tags was dropped: not kept.
    if (asked !== undefined && tags.some((tag) => (droppedAt.get(tag) ?? -1) >= asked)) return;
    entries.set(key, { value: data, lastModified: Date.now(), tags });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
  }

  async revalidateTag(tags) {
    const dropped = new Set([tags].flat());
    for (const tag of dropped) droppedAt.set(tag, generation);
    generation += 1;
    for (const [key, entry] of entries) {
      if (entry.tags.some((tag) => dropped.has(tag))) entries.delete(key);
    }
  }

  resetRequestCache() {}
}
