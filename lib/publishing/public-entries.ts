import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { publishedEntries } from "@/db/schema";
import { CLAIM_KINDS, type EntryChange, GRADES } from "@/lib/vocabulary";
import { matchesWords } from "@/lib/search/word-search";
import { containsPattern } from "@/lib/validation/like";
import { zOptionalText } from "@/lib/validation/text";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, ZCursorTimestamp, ZLimit } from "@/lib/validation/cursor";
import { parseInput } from "@/lib/validation/parse";
import type { PublicSnapshot } from "./snapshot";
import { type ChangeTexts, changesBetween } from "./version-changes";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { tr } from "@/lib/i18n/translate";
import { messageRef } from "@/lib/i18n/message-ref";

/** No authentication: everything here comes from published snapshots only. */

export type PublicEntryDto = Omit<PublicSnapshot, "translations"> & {
  /** The title and summary in other interface languages (issue 18); empty when there are none. */
  translations: NonNullable<PublicSnapshot["translations"]>;
  slug: string;
  url: string;
  version: number;
  change: EntryChange;
  changeNote: string | null;
  isRetracted: boolean;
  publishedAt: string;
};

export type PublicEntryVersionDto = {
  version: number;
  change: EntryChange;
  changeNote: string | null;
  publishedAt: string;
  snapshot: PublicSnapshot;
};

export const entryColumns = {
  id: publishedEntries.id,
  slug: publishedEntries.slug,
  versionNumber: publishedEntries.versionNumber,
  change: publishedEntries.change,
  changeNote: publishedEntries.changeNote,
  snapshot: publishedEntries.snapshot,
  publishedAt: publishedEntries.publishedAt,
};

export type EntryRow = {
  slug: string;
  versionNumber: number;
  change: EntryChange;
  changeNote: string | null;
  snapshot: unknown;
  publishedAt: Date;
};

function toPublicEntry(row: EntryRow): PublicEntryDto {
  return fromSnapshot(row, row.snapshot as PublicSnapshot);
}

function fromSnapshot(row: Omit<EntryRow, "snapshot">, snapshot: PublicSnapshot): PublicEntryDto {
  return {
    slug: row.slug,
    url: `/entries/${row.slug}`,
    version: row.versionNumber,
    change: row.change,
    changeNote: row.changeNote,
    isRetracted: row.change === "retraction",
    publishedAt: row.publishedAt.toISOString(),
    kind: snapshot.kind,
    title: snapshot.title,
    summary: snapshot.summary,
    language: snapshot.language,
    incidentDate: snapshot.incidentDate,
    place: snapshot.place,
    grade: snapshot.grade,
    evidence: snapshot.evidence,
    origins: snapshot.origins,
    persons: snapshot.persons,
    figures: snapshot.figures,
    appearances: snapshot.appearances,
    translations: snapshot.translations ?? {},
  };
}

/** Only the newest version of each entry: no later version of the same claim exists. */
const isLatestVersion = sql`not exists (select 1 from published_entries later where later.claim_id = ${publishedEntries.claimId} and later.version_number > ${publishedEntries.versionNumber})`;

const ZDate = z.iso.date(messageRef("validation.dateAsIso")).optional();

/** The public list's filters. Unknown keys are ignored here: the public site may add its own. */
export const ZPublicEntriesQuery = z.object({
  kind: z.enum(CLAIM_KINDS, { error: messageRef("validation.useOneOf", { options: CLAIM_KINDS.join(", ") }) }).optional(),
  grade: z.enum(GRADES, { error: messageRef("validation.useOneOf", { options: GRADES.join(", ") }) }).optional(),
  place: zOptionalText(200),
  q: zOptionalText(200),
  from: ZDate,
  to: ZDate,
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});
export type TPublicEntriesQuery = z.input<typeof ZPublicEntriesQuery>;
const ZPublicCursor = z.tuple([ZCursorTimestamp, z.uuid()]);

/** Published entries, most recently changed first, keyset-paginated. */
export async function listPublicEntries(db: Db, query: TPublicEntriesQuery | Record<string, string | undefined>) {
  const { kind, grade, place, q, from, to, cursor, limit } = parseInput(ZPublicEntriesQuery, query);
  const after = decodeCursor(ZPublicCursor, cursor);
  const snapshot = publishedEntries.snapshot;
  const where = [isLatestVersion];
  if (kind) where.push(sql`${snapshot}->>'kind' = ${kind}`);
  if (grade) where.push(sql`${snapshot}->>'grade' = ${grade}`);
  if (place) where.push(sql`${snapshot}->'place'->>'name' ilike ${containsPattern(place)}`);
  if (q) where.push(matchesWords(publishedEntries.searchVector, q));
  // An entry overlaps the asked period when it began before its end and ended after its start.
  if (from) where.push(sql`coalesce(${snapshot}->'incidentDate'->>'to', ${snapshot}->'incidentDate'->>'from') >= ${from}`);
  if (to) where.push(sql`${snapshot}->'incidentDate'->>'from' <= ${to}`);
  if (after) {
    const at = new Date(after[0]);
    where.push(
      pastCursor([publishedEntries.publishedAt, publishedEntries.id], [asTimestamp(at), asUuid(after[1])], "desc"),
    );
  }
  const rows = await db
    .select(entryColumns)
    .from(publishedEntries)
    .where(and(...where))
    .orderBy(desc(publishedEntries.publishedAt), desc(publishedEntries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toPublicEntry),
    nextCursor: rows.length > limit && last ? encodeCursor([last.publishedAt.toISOString(), last.id]) : null,
  };
}

/** One entry by its slug: the newest version and the whole history, oldest first. */
export async function getPublicEntry(db: Db, slug: string) {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) throw new AppError("NOT_FOUND", tr("errors.publishing.noSuchEntry"));
  const rows = await db
    .select(entryColumns)
    .from(publishedEntries)
    .where(eq(publishedEntries.slug, slug))
    .orderBy(asc(publishedEntries.versionNumber));
  if (rows.length === 0) throw new AppError("NOT_FOUND", tr("errors.publishing.noSuchEntry"));
  return entryFromRows(rows);
}

/** An entry from its versions' rows, oldest first: the last row is its newest version. */
export function entryFromRows(rows: EntryRow[]) {
  const latest = rows[rows.length - 1];
  const history: PublicEntryVersionDto[] = rows.map((r) => ({
    version: r.versionNumber,
    change: r.change,
    changeNote: r.changeNote,
    publishedAt: r.publishedAt.toISOString(),
    snapshot: r.snapshot as PublicSnapshot,
  }));
  return { ...toPublicEntry(latest), firstPublishedAt: rows[0].publishedAt.toISOString(), history };
}

export type PublicEntryDetailDto = ReturnType<typeof entryFromRows>;

/**
 * One version of an entry, at its own address, from the entry as read (with its history): that
 * version's snapshot exactly, what it changed against the version before, and where the entry
 * stands now (the current version, a retraction). NOT_FOUND for a version the entry does not have.
 * The changes are in the API's English unless a page gives its own words (`changeTexts`).
 */
export function pickPublicEntryVersion(entry: PublicEntryDetailDto, n: string | number, texts?: ChangeTexts) {
  const wanted = typeof n === "number" ? n : /^[1-9][0-9]{0,5}$/.test(n) ? Number(n) : NaN;
  const at = entry.history.findIndex((v) => v.version === wanted);
  if (at === -1) throw new AppError("NOT_FOUND", tr("errors.publishing.noSuchVersion"));
  const version = entry.history[at];
  return {
    ...fromSnapshot({ slug: entry.slug, versionNumber: version.version, change: version.change, changeNote: version.changeNote, publishedAt: new Date(version.publishedAt) }, version.snapshot),
    url: `/entries/${entry.slug}/v/${version.version}`,
    versions: entry.history.length,
    isCurrent: version.version === entry.version,
    current: { version: entry.version, url: entry.url, isRetracted: entry.isRetracted },
    changes: changesBetween(at > 0 ? entry.history[at - 1].snapshot : null, version.snapshot, texts),
  };
}

export type PublicEntryVersionDetailDto = ReturnType<typeof pickPublicEntryVersion>;
