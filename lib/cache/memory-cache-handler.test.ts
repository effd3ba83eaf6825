import { describe, expect, it } from "vitest";
import MemoryCacheHandler, { cacheControl } from "./memory-cache-handler.mjs";

/** A rendered page as Next hands it to the cache: its tags in the x-next-cache-tags header. */
const page = (html: string, tags: string[]) => ({ kind: "APP_PAGE", html, headers: { "x-next-cache-tags": tags.join(",") } });
const TAGS = ["public-entries", "_N_T_/entries/a"];

describe("the memory cache handler", () => {
  it("refuses a render's write when one of its tags was dropped after the render asked: a retraction is never overwritten by the page from before it", async () => {
    const cache = new MemoryCacheHandler();
    await cache.get("/entries/a");
    await cache.set("/entries/a", page("v1", TAGS), {});
    expect((await cache.get("/entries/a"))?.value.html).toBe("v1");

    // The page goes stale: Next asks, serves it, and re-renders in the background, reading v1's data.
    await cache.get("/entries/a");
    // Meanwhile the retraction commits and drops the tag…
    await cache.revalidateTag(["public-entries"]);
    expect(await cache.get("/entries/a")).toBeNull();
    // …and the background render, begun before, writes late: not kept.
    await cache.set("/entries/a", page("v1 again", TAGS), {});
    expect(await cache.get("/entries/a")).toBeNull();

    // The next render begins after the drop: kept.
    await cache.set("/entries/a", page("retracted", TAGS), {});
    expect((await cache.get("/entries/a"))?.value.html).toBe("retracted");
  });

  it("does the same for data entries, whose tags come in ctx, and leaves other keys and tags alone", async () => {
    const cache = new MemoryCacheHandler();
    await cache.get("entry-data");
    await cache.get("other-data");
    await cache.revalidateTag("public-entries");
    await cache.set("entry-data", { kind: "FETCH", data: "old" }, { tags: ["public-entries"] });
    await cache.set("other-data", { kind: "FETCH", data: "kept" }, { tags: ["something-else"] });
    expect(await cache.get("entry-data")).toBeNull();
    expect((await cache.get("other-data"))?.value.data).toBe("kept");
    // A write with no ask before it (nothing to compare) is kept.
    await cache.set("fresh", { kind: "FETCH", data: "new" }, { tags: ["public-entries"] });
    expect((await cache.get("fresh"))?.value.data).toBe("new");
  });

  it("drops every entry of a dropped tag at once", async () => {
    const cache = new MemoryCacheHandler();
    await cache.set("/entries/a", page("a", TAGS), {});
    await cache.set("/entries/b", page("b", ["public-entries", "_N_T_/entries/b"]), {});
    await cache.set("/other", page("o", ["_N_T_/other"]), {});
    await cache.revalidateTag(["public-entries"]);
    expect(await cache.get("/entries/a")).toBeNull();
    expect(await cache.get("/entries/b")).toBeNull();
    expect((await cache.get("/other"))?.value.html).toBe("o");
  });

  it("keeps one cache per process, however many handlers Next makes and however the app's bundles load it", async () => {
    await new MemoryCacheHandler().set("shared", { kind: "FETCH", data: "one" }, { tags: ["t-shared"] });
    expect((await new MemoryCacheHandler().get("shared"))?.value.data).toBe("one");
    cacheControl().dropTags("t-shared");
    expect(await new MemoryCacheHandler().get("shared")).toBeNull();
  });

  it("drops everything on a notice of another server that cannot be read in parts, refusing renders begun before", async () => {
    const cache = new MemoryCacheHandler();
    await cache.set("kept-until-all", { kind: "FETCH", data: "x" }, { tags: ["t-a"] });
    await cache.get("rendering");
    cacheControl().dropAll();
    expect(await cache.get("kept-until-all")).toBeNull();
    // Begun before the drop, written after: not kept, whatever its tags.
    await cache.set("rendering", { kind: "FETCH", data: "old" }, { tags: ["t-unrelated"] });
    expect(await cache.get("rendering")).toBeNull();
    await cache.set("rendering", { kind: "FETCH", data: "new" }, { tags: ["t-unrelated"] });
    expect((await cache.get("rendering"))?.value.data).toBe("new");
  });

  it("reads and keeps nothing while bypassed (the other servers' notices cannot arrive), and starts empty after", async () => {
    const cache = new MemoryCacheHandler();
    await cache.set("before", { kind: "FETCH", data: "x" }, { tags: ["t-b"] });
    cacheControl().setBypass(true);
    try {
      expect(cacheControl().isBypassed()).toBe(true);
      expect(await cache.get("before")).toBeNull();
      await cache.get("during");
      await cache.set("during", { kind: "FETCH", data: "y" }, { tags: ["t-b"] });
      expect(await cache.get("during")).toBeNull();
    } finally {
      cacheControl().setBypass(false);
    }
    expect(await cache.get("before")).toBeNull();
    expect(await cache.get("during")).toBeNull();
    await cache.set("after", { kind: "FETCH", data: "z" }, { tags: ["t-b"] });
    expect((await cache.get("after"))?.value.data).toBe("z");
  });
});
