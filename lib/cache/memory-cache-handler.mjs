/**
 * Next's cache (ISR pages, `unstable_cache` data), kept in this process's memory only.
 *
 * Next's default handler also writes entries to `.next/cache`, where they outlive the process: a
 * server restarted on another database (a restore, a new `DATABASE_URL`, the tests' own data
 * folders) would then serve pages and public answers of the old one — a retracted entry among
 * them. Here nothing survives a restart, and a dropped tag drops its entries at once. Entries are
 * evicted oldest-first past MAX_ENTRIES. Several app servers need a shared handler instead
 * (ARCHITECTURE.md).
 */
const MAX_ENTRIES = 5000;
const entries = new Map();

export default class MemoryCacheHandler {
  async get(key) {
    return entries.get(key) ?? null;
  }

  async set(key, data, ctx) {
    entries.delete(key);
    if (data === null) return;
    // Data entries name their tags in ctx; a rendered page carries its own (the data it used and
    // its path) in the x-next-cache-tags header.
    const pageTags = typeof data.headers?.["x-next-cache-tags"] === "string" ? data.headers["x-next-cache-tags"].split(",") : [];
    entries.set(key, { value: data, lastModified: Date.now(), tags: [...(ctx?.tags ?? []), ...pageTags] });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
  }

  async revalidateTag(tags) {
    const dropped = new Set([tags].flat());
    for (const [key, entry] of entries) {
      if (entry.tags.some((tag) => dropped.has(tag))) entries.delete(key);
    }
  }

  resetRequestCache() {}
}
