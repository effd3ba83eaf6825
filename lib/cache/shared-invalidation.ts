import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "@/db/connect";
import { env } from "@/lib/env";
import { getDb } from "@/lib/server/database";
import { cacheControl } from "./memory-cache-handler.mjs";

/**
 * Several app servers on one PostgreSQL: what one drops from its caches, every other drops too.
 * After a change commits, the server that made it announces what went stale on a NOTIFY channel
 * (before its request answers); every server LISTENs on a connection of its own and drops the
 * same on receipt — in practice within milliseconds; the tests hold it to 2 s. A notice is
 * delivered only once its transaction commits, and to every listener connected then.
 *
 * A notice can be missed only while a server's listening connection is down: then its caches are
 * bypassed (nothing read from them, nothing kept), and emptied when it is back. Chosen over a
 * shared cache store (Redis…): nothing more to run, and a server reads its cache from memory.
 * PGlite serves one process: nothing to announce.
 */
const CHANNEL = "corroborate_cache";
/** NOTIFY's payload is at most 8000 bytes: past this, a notice says "everything". */
const MAX_PAYLOAD = 7_000;
const RETRY_MS = [250, 1_000, 2_000, 5_000];

/** This process, so that it does not act on its own notices (it dropped what they name already). */
const SERVER_ID = randomUUID();

export type Invalidation = { tags: string[]; entrySlugs: string[] } | { all: true };

type Notice = { from: string } & ({ tags: string[]; entrySlugs: string[] } | { all: true });

/** Tells every other server what to drop (on PostgreSQL; a no-op on PGlite, which one process serves). */
export async function announceInvalidation(invalidation: Invalidation, db?: Db): Promise<void> {
  if (!env.DATABASE_URL) return;
  db ??= await getDb();
  let payload = JSON.stringify({ from: SERVER_ID, ...invalidation } satisfies Notice);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: SERVER_ID, all: true } satisfies Notice);
  await db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
}

function parseNotice(payload: string | undefined): Notice | null {
  try {
    const notice = JSON.parse(payload ?? "") as Notice;
    if (typeof notice?.from !== "string") return null;
    if ("all" in notice && notice.all === true) return notice;
    if ("tags" in notice && Array.isArray(notice.tags) && Array.isArray(notice.entrySlugs)) return notice;
    return null;
  } catch {
    return null;
  }
}

export type Receiver = {
  /** Drops what a notice names beyond Next's cache (the tags are dropped there already). */
  dropEntries: (slugs: string[]) => void;
  /** Drops everything beyond Next's cache (a notice missed, or one that says "everything"). */
  dropAllEntries: () => void;
};

/**
 * Listens for other servers' notices until the returned stop is called. Until the first
 * connection, and whenever it is lost, the caches are bypassed; reconnects with a growing pause.
 */
export function listenForInvalidations(url: string, receiver: Receiver): () => Promise<void> {
  const control = cacheControl();
  let stopped = false;
  let client: pg.Client | null = null;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const lost = (why: string) => {
    if (stopped) return;
    if (!control.isBypassed()) console.error(`[cache] lost the invalidation channel (${why}); bypassing the cache until it is back`);
    control.setBypass(true);
    receiver.dropAllEntries();
    const old = client;
    client = null;
    old?.end().catch(() => {});
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
  };

  async function connect() {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    client = next;
    // Only the current connection's end counts: an old one's late error must not end its successor.
    next.on("error", (error) => client === next && lost(error.message));
    next.on("end", () => client === next && lost("connection ended"));
    next.on("notification", (message) => {
      if (message.channel !== CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (!notice || notice.from === SERVER_ID) return;
      if ("all" in notice) {
        control.dropAll();
        receiver.dropAllEntries();
      } else {
        control.dropTags(notice.tags);
        receiver.dropEntries(notice.entrySlugs);
      }
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
    } catch (error) {
      if (client === next) lost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (client !== next || stopped) return;
    attempt = 0;
    // Whatever was announced while no one listened here is unknown: start from nothing.
    control.dropAll();
    receiver.dropAllEntries();
    control.setBypass(false);
  }

  control.setBypass(true);
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const last = client;
    client = null;
    await last?.end().catch(() => {});
  };
}
