import "server-only";
import { eachPublicIncident, INCIDENT_CSV_COLUMNS, incidentCsvRow, VICTIM_CSV_COLUMNS, victimCsvRows } from "@/lib/incidents/incident-csv";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Db } from "@/db/connect";
import { entryPages, publishedEntries } from "@/db/schema";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { sealEntryPages } from "@/lib/public-pages/seal-entry-pages";
import { readTsaCertificates, type TimeStampConfig, timeStampConfig } from "@/lib/timestamps/config";
import { listExportedTimeStamps } from "@/lib/timestamps/exported-stamps";
import { timeStampResponseOf } from "@/lib/verifier/verify.mjs";
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

/** Each version's evidence fingerprints (a SHA-256 and size, or a commitment alone), by (slug, version), a page at a time. */
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
      if (row.hashes?.length) yield row.hashes.map((h) => csvLine("sha256" in h ? [row.slug, row.version, h.sha256, h.kind, h.size, ""] : [row.slug, row.version, "", h.kind, "", h.commitment]));
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/** Each sealed page up to the seal `upToSeq`: slug, version, language, SHA-256, size, seal event, a page at a time. */
async function* pageRows(db: Db, upToSeq: number): AsyncGenerator<string[]> {
  let after: { slug: string; version: number; locale: string } | null = null;
  for (;;) {
    const rows: { slug: string; version: number; locale: string; sha256: string; size: number; sealSeq: number }[] = await db
      .select({ slug: publishedEntries.slug, version: publishedEntries.versionNumber, locale: entryPages.locale, sha256: entryPages.sha256, size: entryPages.size, sealSeq: entryPages.sealSeq })
      .from(entryPages)
      .innerJoin(publishedEntries, eq(publishedEntries.id, entryPages.entryId))
      .where(and(lte(entryPages.sealSeq, upToSeq), after ? sql`(${publishedEntries.slug}, ${publishedEntries.versionNumber}, ${entryPages.locale}) > (${after.slug}, ${after.version}, ${after.locale})` : undefined))
      .orderBy(asc(publishedEntries.slug), asc(publishedEntries.versionNumber), asc(entryPages.locale))
      .limit(PAGE);
    if (rows.length) yield rows.map((r) => csvLine([r.slug, r.version, r.locale, r.sha256, r.size, r.sealSeq]));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/**
 * Versions published before pages were sealed are sealed now, once, as their first reader would
 * (lib/public-pages/read-entry-page.ts): every version the dataset lists then has its seal, which
 * the verifier asks for. One transaction per version, so the chain is held only while one is sealed.
 */
async function sealUnsealedVersions(db: Db): Promise<void> {
  let after: { claimId: string; version: number } | null = null;
  for (;;) {
    const unsealed: { claimId: string; version: number }[] = await db
      .select({ claimId: publishedEntries.claimId, version: publishedEntries.versionNumber })
      .from(publishedEntries)
      .leftJoin(entryPages, eq(entryPages.entryId, publishedEntries.id))
      .where(and(isNull(entryPages.entryId), after ? sql`(${publishedEntries.claimId}, ${publishedEntries.versionNumber}) > (${after.claimId}::uuid, ${after.version})` : undefined))
      .orderBy(asc(publishedEntries.claimId), asc(publishedEntries.versionNumber))
      .limit(PAGE);
    for (const { claimId, version } of unsealed) {
      try {
        await db.transaction((tx) => sealEntryPages(tx as unknown as Db, null, claimId, version));
      } catch (error) {
        // The dataset is still written; the verifier will say which version has no seal.
        console.error(`[export] version ${version} of claim ${claimId} could not be sealed:`, error instanceof Error ? error.message : error);
      }
    }
    if (unsealed.length < PAGE) return;
    after = unsealed[unsealed.length - 1];
  }
}

/** The verifier, shipped as it is in this repository: one file anyone can read before running it. */
const VERIFIER = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "verifier", "verify.mjs");

/**
 * The public dataset as a ZIP, streamed: each file is deflated as its pages are read, and the
 * next page is read only when the client has taken the bytes so far.
 *
 * Order matters for consistency without a long transaction: entries are read first and the audit
 * head after them, so every version in entries.json has its event at or before the exported head
 * (a version, its seal and its pages commit together); pages.csv, the events and the time-stamps
 * are read up to that head.
 */
export function streamPublicExport(db: Db, origin: string, now = new Date(), { timeStamps = timeStampConfig() }: { timeStamps?: TimeStampConfig } = {}): ReadableStream<Uint8Array> {
  return streamOf(exportChunks(db, origin, now, timeStamps));
}

async function* exportChunks(db: Db, origin: string, now: Date, stampConfig: TimeStampConfig): AsyncGenerator<Uint8Array> {
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

  /** One file of bytes, stored as they are (a DER token does not deflate). */
  function* storedFile(name: string, bytes: Uint8Array): Generator<Uint8Array> {
    const entry = new ZipPassThrough(name);
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(bytes, true);
    if (failure) throw failure;
    yield* out.splice(0);
  }

  const counts = { entries: 0, hashes: 0, pages: 0, events: 0, withheld: 0, timeStamps: 0, incidents: 0 };

  await sealUnsealedVersions(db);

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
    yield csvLine(["slug", "version", "sha256", "kind", "size", "commitment"]);
    for await (const lines of manifestRows(db)) {
      counts.hashes += lines.length;
      yield lines.join("");
    }
  })());

  const head = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
  yield* file("pages.csv", (async function* () {
    yield csvLine(["slug", "version", "locale", "sha256", "size", "seal_seq"]);
    for await (const lines of pageRows(db, head.seq)) {
      counts.pages += lines.length;
      yield lines.join("");
    }
  })());

  // Incidents (issue 24): each published incident's newest version, and its named victims.
  yield* file("incidents.csv", (async function* () {
    yield csvLine(INCIDENT_CSV_COLUMNS);
    for await (const incident of eachPublicIncident(db)) {
      yield csvLine(incidentCsvRow(incident, origin));
      counts.incidents += 1;
    }
  })());
  yield* file("incident-victims.csv", (async function* () {
    yield csvLine(VICTIM_CSV_COLUMNS);
    for await (const incident of eachPublicIncident(db)) yield victimCsvRows(incident).join("");
  })());

  yield* file("audit-events.json", (async function* () {
    yield `{"head":${JSON.stringify({ seq: head.seq, hash: head.hash, events: head.seq })},"genesis":"${GENESIS_HASH}","events":[`;
    for await (const event of listPublicAuditEvents(db, head.seq)) {
      yield `${counts.events === 0 ? "\n" : ",\n"}${JSON.stringify(event)}`;
      counts.events += 1;
      if ("withheld" in event) counts.withheld += 1;
    }
    yield "\n]}\n";
  })());

  // The tokens of the stamps a reader can link to these events, and what each stamps.
  const stamps: { file: string; subject: string; seq: number; imprint: string; genTime: string; tsa: string; serial: string }[] = [];
  for await (const stamp of listExportedTimeStamps(db, head)) {
    const name = `time-stamps/${stamp.subject}-${stamp.seq}.tsr`;
    yield* storedFile(name, timeStampResponseOf(stamp.token));
    stamps.push({ file: name, subject: stamp.subject, seq: stamp.seq, imprint: stamp.imprint, genTime: stamp.genTime.toISOString(), tsa: stamp.tsa, serial: stamp.serial });
  }
  counts.timeStamps = stamps.length;
  const stamping = !!stampConfig.url || stamps.length > 0;
  if (stamping) {
    yield* file("time-stamps.json", (async function* () {
      yield `[${stamps.map((s) => `\n${JSON.stringify(s)}`).join(",")}\n]\n`;
    })());
  }
  const certificates = stamping ? await readTsaCertificates(stampConfig).catch((error: unknown) => {
    console.error("[export] the time-stamping authority's certificates were left out:", error instanceof Error ? error.message : error);
    return null;
  }) : null;
  if (certificates) yield* file("time-stamps/tsa-certs.pem", (async function* () { yield certificates; })());

  const verifier = await fs.readFile(VERIFIER, "utf8");
  yield* file("verify.mjs", (async function* () {
    yield verifier;
  })());

  yield* file("README.txt", (async function* () {
    yield exportReadme({ origin, generatedAt: now.toISOString(), head, counts, stamping, anchored: !!certificates });
  })());

  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}
