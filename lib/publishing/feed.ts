import "server-only";
import { desc } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { publishedEntries } from "@/db/schema";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import type { EntryChange } from "@/lib/vocabulary";
import type { PublicSnapshot } from "./snapshot";

/** Feed readers poll; a hundred versions covers weeks of work and keeps each poll cheap. */
export const FEED_LIMIT = 100;

export const FEED_TITLE = "Corroborate — verified entries";

/** One published version: a publication, a correction or a retraction. */
export type FeedVersion = {
  id: string;
  slug: string;
  version: number;
  change: EntryChange;
  changeNote: string | null;
  publishedAt: Date;
  snapshot: PublicSnapshot;
};

/** The newest versions of all entries, newest first; read from published snapshots only. */
export async function listFeedVersions(db: Db, limit = FEED_LIMIT): Promise<FeedVersion[]> {
  const rows = await db
    .select({
      id: publishedEntries.id,
      slug: publishedEntries.slug,
      version: publishedEntries.versionNumber,
      change: publishedEntries.change,
      changeNote: publishedEntries.changeNote,
      publishedAt: publishedEntries.publishedAt,
      snapshot: publishedEntries.snapshot,
    })
    .from(publishedEntries)
    .orderBy(desc(publishedEntries.publishedAt), desc(publishedEntries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, snapshot: r.snapshot as PublicSnapshot }));
}

// XML 1.0 forbids most control characters even when escaped, and lone surrogates cannot be
// encoded as UTF-8: a pasted title carrying one would make the whole feed unreadable.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an element or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const TITLE_PREFIX: Record<EntryChange, string> = { publication: "", correction: "Correction: ", retraction: "Retracted: " };
const NOTE_LABEL: Record<EntryChange, string | null> = {
  publication: null,
  correction: "Correction note",
  retraction: "Retraction note",
};

function versionSummary(v: FeedVersion): string {
  const label = NOTE_LABEL[v.change];
  return label && v.changeNote ? `${v.snapshot.summary}\n\n${label}: ${v.changeNote}` : v.snapshot.summary;
}

/**
 * A tag: URI (RFC 4151) for the feed: it names this site, not a URL, so it survives a move
 * between http and https. The date is fixed: changing it would make readers see a new feed.
 */
function feedId(origin: string): string {
  return `tag:${new URL(origin).hostname},2025:corroborate/entries`;
}

function renderEntry(v: FeedVersion, origin: string): string {
  const at = v.publishedAt.toISOString();
  const page = `/entries/${encodeURIComponent(v.slug)}`;
  const href = `${origin}${page}`;
  // The entry is written in its own language (`xml:lang`, the snapshot's `language`); its page is
  // offered in each interface language (`hreflang`), the default language's at today's address.
  const lines = [
    `  <entry xml:lang="${escapeXml(v.snapshot.language)}">`,
    // The version's own row id: stable, unique per version, and independent of the host name.
    `    <id>urn:uuid:${escapeXml(v.id)}</id>`,
    `    <title type="text">${escapeXml(TITLE_PREFIX[v.change] + v.snapshot.title)}</title>`,
    `    <updated>${at}</updated>`,
    `    <published>${at}</published>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`,
    ...LOCALES.map((locale) => `    <link rel="alternate" type="text/html" hreflang="${locale}" href="${escapeXml(`${origin}${publicPath(locale, page)}`)}"/>`),
    `    <summary type="text">${escapeXml(versionSummary(v))}</summary>`,
  ];
  if (v.snapshot.grade) lines.push(`    <category term="${escapeXml(v.snapshot.grade)}" label="Grade: ${escapeXml(v.snapshot.grade.replace("_", " "))}"/>`);
  // The kind of change as a category too, so a reader can filter corrections and retractions.
  lines.push(`    <category term="${v.change}" scheme="${escapeXml(origin)}/api/v1/public/feed.atom#change"/>`);
  lines.push("  </entry>");
  return lines.join("\n");
}

/** An Atom 1.0 feed (RFC 4287) of the given versions, newest first, with absolute links. */
export function buildAtomFeed(versions: FeedVersion[], origin: string, now = new Date()): string {
  const sorted = [...versions].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  const updated = (sorted[0]?.publishedAt ?? now).toISOString();
  const self = `${origin}/api/v1/public/feed.atom`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${DEFAULT_LOCALE}">`,
    `  <id>${escapeXml(feedId(origin))}</id>`,
    `  <title type="text">${escapeXml(FEED_TITLE)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/`)}"/>`,
    // A feed needs an author unless every entry has one; the publisher is the organisation.
    "  <author><name>Corroborate</name></author>",
    ...sorted.map((v) => renderEntry(v, origin)),
    "</feed>",
    "",
  ].join("\n");
}

export async function renderPublicFeed(db: Db, origin: string): Promise<string> {
  return buildAtomFeed(await listFeedVersions(db), origin);
}
