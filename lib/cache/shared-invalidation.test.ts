import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/test/scratch-database";
import MemoryCacheHandler, { cacheControl } from "./memory-cache-handler.mjs";
import { listenForInvalidations } from "./shared-invalidation";

/**
 * The listening side of the shared invalidation on a real PostgreSQL (TEST_DATABASE_URL): another
 * server's notice drops what it names; a lost connection bypasses the cache until the listener is
 * back, and then starts from nothing. (Two servers end to end: e2e/security/faults-postgres-servers.spec.ts.)
 */
const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)("the invalidation channel on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let other: pg.Client;
  let stop: () => Promise<void>;
  const receiver = { dropEntries: vi.fn<(slugs: string[]) => void>(), dropAllEntries: vi.fn<() => void>() };
  const cache = new MemoryCacheHandler();

  beforeAll(async () => {
    scratch = await createScratchDatabase(url!, "corroborate_notify");
    other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    stop = listenForInvalidations(scratch.url, receiver);
    await vi.waitFor(() => expect(cacheControl().isBypassed()).toBe(false), { timeout: 10_000 });
  });

  afterAll(async () => {
    await stop?.();
    await other?.end();
    await scratch?.drop();
  });

  const notify = (payload: unknown) => other.query("select pg_notify('corroborate_cache', $1)", [JSON.stringify(payload)]);

  it("drops the tags and entries another server names, and nothing else", async () => {
    await cache.set("named", { kind: "FETCH", data: "a" }, { tags: ["public-entries"] });
    await cache.set("unnamed", { kind: "FETCH", data: "b" }, { tags: ["something-else"] });
    await notify({ from: "another-server", tags: ["public-entries"], entrySlugs: ["1-383-civilians"] });
    await vi.waitFor(() => expect(receiver.dropEntries).toHaveBeenCalledWith(["1-383-civilians"]), { timeout: 5_000 });
    expect(await cache.get("named")).toBeNull();
    expect((await cache.get("unnamed"))?.value.data).toBe("b");
  });

  it("ignores a notice it cannot read", async () => {
    receiver.dropEntries.mockClear();
    await notify({ tags: "not a list" });
    await other.query("select pg_notify('corroborate_cache', 'not json')");
    await notify({ from: "another-server", tags: ["t"], entrySlugs: ["after-garbage"] });
    await vi.waitFor(() => expect(receiver.dropEntries).toHaveBeenCalledWith(["after-garbage"]), { timeout: 5_000 });
    expect(receiver.dropEntries).toHaveBeenCalledTimes(1);
  });

  it("bypasses the cache while its connection is lost, and empties it when back", async () => {
    await cache.set("before-the-loss", { kind: "FETCH", data: "x" }, { tags: ["t-loss"] });
    receiver.dropAllEntries.mockClear();
    // The listener's connection ended from the database's side (a restart, a failover, a proxy).
    await other.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'");
    await vi.waitFor(() => expect(cacheControl().isBypassed()).toBe(true), { timeout: 5_000 });
    await cache.set("during-the-loss", { kind: "FETCH", data: "y" }, { tags: ["t-loss"] });
    expect(await cache.get("during-the-loss")).toBeNull();
    await vi.waitFor(() => expect(cacheControl().isBypassed()).toBe(false), { timeout: 10_000 });
    expect(await cache.get("before-the-loss")).toBeNull();
    expect(receiver.dropAllEntries).toHaveBeenCalled();
    // Listening again: a notice after the return is heard.
    await notify({ from: "another-server", tags: ["t-back"], entrySlugs: ["back"] });
    await vi.waitFor(() => expect(receiver.dropEntries).toHaveBeenCalledWith(["back"]), { timeout: 5_000 });
  });
});
