import "server-only";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { Zip, ZipDeflate } from "fflate";
import type { Db } from "@/db/connect";
import { publishedEntries } from "@/db/schema";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { csvLine } from "./csv";
import { exportReadme } from "./export-readme";
import { streamOf } from "./export-stream";
import { listPublicAuditEvents } from "./public-audit-events";
import { getPublicEntry } from "./public-entries";
import type { PublicEvidenceSummary } from "./snapshot";

const PAGE = 200;

/** Every slug, in order, a page at a time (the slug index); stable while entries are published. */
async function* allSlugs(db: Db): AsyncGenerator<string> {
  let after = "";
  for (;;) {
    const rows = await db
      .selectDistinct({ slug: publishedEntries.slug })
      .from(publishedEntries)
      .where(gt(publishedEntries.slug, after))
      .orderBy(asc(publishedEntries.slug))
      .limit(PAGE);
    for (const row of rows) yield row.slug;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].slug;
  }
}

/** Each version's evidence hashes, by (slug, version), a page at a time. */
async function* manifestRows(db: Db): AsyncGenerator<string[]> {
  let after: { slug: string; version: number } | null = null;
  for (;;) {
    const rows: { slug: string; version: number; hashes: PublicEvidenceSummary["hashes"] | null }[] = await db
      .select({
        slug: publishedEntries.slug,
        version: publishedEntries.versionNumber,
        hashes: sql<PublicEvidenceSummary["hashes"] | null>`${publishedEntries.snapshot}->'evidence'->'hashes'`,
      })
      .from(publishedEntries)
      .where(
        after
          ? or(gt(publishedEntries.slug, after.slug), and(eq(publishedEntries.slug, after.slug), gt(publishedEntries.versionNumber, after.version)))
          : undefined,
      )
      .orderBy(asc(publishedEntries.slug), asc(publishedEntries.versionNumber))
      .limit(PAGE);
    for (const row of rows) {
      if (row.hashes?.length) yield row.hashes.map((h) => csvLine([row.slug, row.version, h.sha256, h.kind, h.size]));
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The public dataset as a ZIP, streamed: each file is deflated as its pages are read, and the
 * next page is read only when the client has taken the bytes so far.
 *
 * Order matters for consistency without a long transaction: entries are read first and the audit
 * head after them, so every version in entries.json has its event at or before the exported head
 * (a version and its event commit together).
 */
export function streamPublicExport(db: Db, origin: string, now = new Date()): ReadableStream<Uint8Array> {
  return streamOf(exportChunks(db, origin, now));
}

async function* exportChunks(db: Db, origin: string, now: Date): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const encoder = new TextEncoder();
  const mtime = now;

  /** Deflate one file from its text chunks, handing on the ZIP bytes as they come. */
  async function* file(name: string, text: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    for await (const chunk of text) {
      entry.push(encoder.encode(chunk));
      if (failure) throw failure;
      yield* out.splice(0);
    }
    entry.push(new Uint8Array(0), true);
    yield* out.splice(0);
  }

  const counts = { entries: 0, hashes: 0, events: 0, withheld: 0 };

  yield* file("entries.json", (async function* () {
    yield "[";
    for await (const slug of allSlugs(db)) {
      const entry = await getPublicEntry(db, slug);
      yield `${counts.entries === 0 ? "\n" : ",\n"}${JSON.stringify(entry)}`;
      counts.entries += 1;
    }
    yield "\n]\n";
  })());

  yield* file("evidence-manifest.csv", (async function* () {
    yield csvLine(["slug", "version", "sha256", "kind", "size"]);
    for await (const lines of manifestRows(db)) {
      counts.hashes += lines.length;
      yield lines.join("");
    }
  })());

  const head = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
  yield* file("audit-events.json", (async function* () {
    yield `{"head":${JSON.stringify({ seq: head.seq, hash: head.hash, events: head.seq })},"genesis":"${GENESIS_HASH}","events":[`;
    for await (const event of listPublicAuditEvents(db, head.seq)) {
      yield `${counts.events === 0 ? "\n" : ",\n"}${JSON.stringify(event)}`;
      counts.events += 1;
      if ("withheld" in event) counts.withheld += 1;
    }
    yield "\n]}\n";
  })());

  yield* file("README.txt", (async function* () {
    yield exportReadme({ origin, generatedAt: now.toISOString(), head, counts });
  })());

  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}
