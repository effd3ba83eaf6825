/**
 * Next's cache (ISR pages, `unstable_cache` data), kept in this process's memory only.
 *
 * Next's default handler also writes entries to `.next/cache`, where they outlive the process: a
 * server restarted on another database (a restore, a new `DATABASE_URL`, the tests' own data
 * folders) would then serve pages and public answers of the old one — a retracted entry among
 * them. Here nothing survives a restart, and a dropped tag drops its entries at once. Entries are
 * evicted oldest-first past MAX_ENTRIES.
 *
 * A render that began before a tag was dropped must not store what it made after the drop: a page
 * re-rendered in the background read the entry, a retraction committed and dropped the tag, and the
 * render's late write would bring the unretracted page back for a minute. Next asks the cache
 * (`get`) before every render, so the handler notes the generation of the tags at the first ask
 * since the key's last write; a write whose tags were dropped after that ask is refused, and the
 * next reader renders afresh. A refused write costs one render, never a stale answer.
 *
 * Several app servers: each keeps its own cache, and a tag dropped on one is dropped on every
 * other by PostgreSQL's NOTIFY (lib/cache/shared-invalidation.ts), which reaches this state
 * outside any request through `cacheControl()`. The state is the process's, on globalThis: Next
 * loads this file apart from the app's bundles, which hold a copy of their own. While that channel is down the cache is bypassed
 * (nothing read, nothing kept), and emptied when it is back: a notice missed meanwhile cannot leave
 * a stale entry behind.
 */
const MAX_ENTRIES = 5000;
const STATE = Symbol.for("corroborate.cache");

function createState() {
  /** Every drop takes the next generation; a tag's last drop is remembered. */
  return {
    entries: new Map(),
    generation: 0,
    droppedAt: new Map(),
    /** Per key: the generation at the first ask since its last write (oldest first, bounded). */
    askedAt: new Map(),
    /** The generation of the last drop of everything (-1: none yet). */
    allDroppedAt: -1,
    bypass: false,
  };
}

const state = (globalThis[STATE] ??= createState());

/** The tags an entry names: data entries in ctx, a rendered page in its x-next-cache-tags header. */
function tagsOf(data, ctx) {
  const pageTags = typeof data?.headers?.["x-next-cache-tags"] === "string" ? data.headers["x-next-cache-tags"].split(",") : [];
  return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? []), ...pageTags];
}

function dropTags(tags) {
  const dropped = new Set([tags].flat());
  for (const tag of dropped) state.droppedAt.set(tag, state.generation);
  state.generation += 1;
  for (const [key, entry] of state.entries) {
    if (entry.tags.some((tag) => dropped.has(tag))) state.entries.delete(key);
  }
}

/** Everything dropped, and every render begun before refused its write (as if each of its tags was dropped). */
function dropAll() {
  state.allDroppedAt = state.generation;
  state.generation += 1;
  state.entries.clear();
}

/**
 * The cache as the app's code reaches it outside a request: drop tags (a notice from another
 * server), drop everything, or bypass the cache while notices cannot be received.
 */
export function cacheControl() {
  return {
    dropTags,
    dropAll,
    setBypass(on) {
      state.bypass = on;
      if (on) dropAll();
    },
    isBypassed: () => state.bypass,
  };
}

export default class MemoryCacheHandler {
  async get(key) {
    if (state.bypass) return null;
    if (!state.askedAt.has(key)) {
      state.askedAt.set(key, state.generation);
      while (state.askedAt.size > MAX_ENTRIES * 2) state.askedAt.delete(state.askedAt.keys().next().value);
    }
    return state.entries.get(key) ?? null;
  }

  async set(key, data, ctx) {
    const asked = state.askedAt.get(key);
    state.askedAt.delete(key);
    state.entries.delete(key);
    if (data === null || state.bypass) return;
    const tags = tagsOf(data, ctx);
    // Made from what was read before one of its tags was dropped (or everything was): not kept.
    if (asked !== undefined && (asked <= state.allDroppedAt || tags.some((tag) => (state.droppedAt.get(tag) ?? -1) >= asked))) return;
    state.entries.set(key, { value: data, lastModified: Date.now(), tags });
    while (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value);
  }

  async revalidateTag(tags) {
    dropTags(tags);
  }

  resetRequestCache() {}
}
