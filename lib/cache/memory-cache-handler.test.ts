import { describe, expect, it } from "vitest";
import MemoryCacheHandler from "./memory-cache-handler.mjs";

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
});
