import "server-only";
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { auditEvents, PUBLIC_AUDIT_EVENTS_PREDICATE, publishedEntries } from "@/db/schema";
import { canonicalJson } from "@/lib/audit/chain";
import { STORED_EVENT_COLUMNS, type StoredEvent } from "@/lib/audit/verify-chain";
import { CLAIM_STATES } from "@/lib/vocabulary";
import { LOCALES } from "@/lib/i18n/locales";
import { originalDigest } from "./translations";

/**
 * The audit events the public may read: the transitions that made public versions (publish,
 * publish_correction, retract; `correct` published a correction in one step before corrections
 * were drafted first, and its events stay public), and the seals that recorded the hashes of each
 * version's pages (`entry.sealed`). Every other kind carries workspace matters —
 * reasons, rationales, submitters, names of private persons, a correction's unpublished draft
 * (`claim.correction_drafted`) — and is never read here.
 */
export const PUBLIC_AUDIT_ACTIONS = ["publish", "correct", "publish_correction", "retract"] as const;

/** Exactly the fields the hash covers (the time as ISO 8601), plus the hash and the public version the event made. */
export type PublicAuditEvent = Omit<StoredEvent, "occurredAt"> & { occurredAt: string; entry: { slug: string; version: number } | null };

/** An event whose content failed the public-safety check: its place in the chain, not its content. */
export type WithheldAuditEvent = {
  seq: number;
  type: string;
  prevHash: string;
  hash: string;
  entry: { slug: string; version: number } | null;
  withheld: true;
};

/** What of an entry's versions is already public: the values a safe event may mention. */
export type EntryVersionText = {
  version: number;
  changeNote: string | null;
  title: string;
  summary: string;
  placeName: string | null;
  /** The rest of the public fields a correction may change (absent from older callers' lists). */
  fields?: Partial<Record<(typeof CORRECTED_FIELDS)[number], unknown>>;
  /** The version's translations, by language (absent when it has none). */
  translations?: Record<string, { title: string; summary: string }> | null;
};

/** The claim's public fields, beyond title, summary and place name, as a version's snapshot holds them. */
const CORRECTED_FIELDS = ["kind", "language", "grade", "incidentDateFrom", "incidentDateTo", "latitude", "longitude", "placePrecision"] as const;

const ZBeforeAfter = z.strictObject({ before: z.unknown(), after: z.unknown() });
const ZPublicTransition = z.strictObject({
  action: z.enum(PUBLIC_AUDIT_ACTIONS),
  from: z.enum(CLAIM_STATES),
  to: z.enum(CLAIM_STATES),
  version: z.number().int(),
  reason: z.string().optional(),
  entryVersion: z.number().int(),
  changes: z.record(z.string(), ZBeforeAfter),
});

/**
 * Whether an event's `data` tells nothing that is not already public. Written against the data,
 * not the code that writes it. `transitionClaim` clears an internal reason (a send-back's) when the
 * claim moves forward; should one ever stay, a retraction would record it as `before`, and that
 * event must be withheld.
 * Every changed field must be one the public sees, and every value one of the entry's published
 * titles, summaries, places or change notes; every translation one a version published.
 */
export function isPublicSafeTransition(data: unknown, versions: EntryVersionText[]): boolean {
  const parsed = ZPublicTransition.safeParse(data);
  if (!parsed.success) return false;
  const { reason, entryVersion, changes } = parsed.data;
  const made = versions.find((v) => v.version === entryVersion);
  if (!made) return false;
  if (reason !== undefined && reason !== made.changeNote) return false;
  const published: Record<string, Set<unknown>> = {
    state: new Set(CLAIM_STATES),
    stateReason: new Set(versions.map((v) => v.changeNote)),
    title: new Set(versions.map((v) => v.title)),
    summary: new Set(versions.map((v) => v.summary)),
    placeName: new Set(versions.map((v) => v.placeName)),
    ...Object.fromEntries(CORRECTED_FIELDS.map((field) => [field, new Set(versions.map((v) => v.fields?.[field]).filter((value) => value !== undefined))])),
  };
  const translationIsPublic = isPublishedTranslation(versions);
  return Object.entries(changes).every(([field, { before, after }]) => {
    if (field === "translations") return [before, after].every((value) => value === null || (isPlainRecord(value) && Object.entries(value).every(translationIsPublic)));
    const allowed = published[field];
    if (!allowed) return false;
    return [before, after].every((value) => value === null || allowed.has(value));
  });
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/**
 * Whether a translation as the claim keeps it ({ title, summary, basedOn }) is one the entry has
 * published: its words those of a version's translation into that language, and what it was
 * based on the digest of a version's own title and summary.
 */
function isPublishedTranslation(versions: EntryVersionText[]) {
  const words = new Set(versions.flatMap((v) => Object.entries(v.translations ?? {}).map(([locale, t]) => canonicalJson([locale, t.title, t.summary]))));
  const originals = new Set(versions.map((v) => originalDigest(v)));
  return ([locale, value]: [string, unknown]) => {
    if (!isPlainRecord(value) || Object.keys(value).sort().join() !== "basedOn,summary,title") return false;
    return words.has(canonicalJson([locale, value.title, value.summary])) && originals.has(value.basedOn as string);
  };
}

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);
const ZPublicSeal = z.strictObject({
  slug: z.string(),
  version: z.number().int(),
  publicationSeq: z.number().int(),
  snapshotSha256: ZSha256,
  pages: z.array(z.strictObject({ locale: z.enum(LOCALES), sha256: ZSha256, size: z.number().int() })),
});

/**
 * Whether a seal (`entry.sealed`) tells nothing that is not public: the entry's own slug, one of
 * its published versions, and hashes, sizes and event numbers only.
 */
export function isPublicSafeSeal(data: unknown, published: { slug: string; versions: EntryVersionText[] }): boolean {
  const parsed = ZPublicSeal.safeParse(data);
  return parsed.success && parsed.data.slug === published.slug && published.versions.some((v) => v.version === parsed.data.version);
}

const BATCH = 500;

/** Which public version an event made or sealed, and whether it tells nothing that is not public. */
function publicReading(row: StoredEvent, published: { slug: string; versions: EntryVersionText[] } | undefined) {
  const sealed = row.type === "entry.sealed";
  const version = (row.data as { entryVersion?: unknown; version?: unknown })[sealed ? "version" : "entryVersion"];
  const entry = published && typeof version === "number" ? { slug: published.slug, version } : null;
  const safe = !!published && (sealed ? isPublicSafeSeal(row.data, published) : isPublicSafeTransition(row.data, published.versions));
  return { entry, safe };
}

// Literal, not parameters, so the planner can match the partial index `audit_events_public_idx`.
const isPublicTransition = sql.raw(PUBLIC_AUDIT_EVENTS_PREDICATE);

async function versionsOf(db: Db, claimIds: string[]) {
  const byClaim = new Map<string, { slug: string; versions: EntryVersionText[] }>();
  if (claimIds.length === 0) return byClaim;
  const rows = await db
    .select({
      claimId: publishedEntries.claimId,
      slug: publishedEntries.slug,
      version: publishedEntries.versionNumber,
      changeNote: publishedEntries.changeNote,
      title: sql<string>`${publishedEntries.snapshot}->>'title'`,
      summary: sql<string>`${publishedEntries.snapshot}->>'summary'`,
      placeName: sql<string | null>`${publishedEntries.snapshot}->'place'->>'name'`,
      translations: sql<EntryVersionText["translations"]>`${publishedEntries.snapshot}->'translations'`,
      fields: sql<EntryVersionText["fields"]>`jsonb_build_object(
        'kind', ${publishedEntries.snapshot}->'kind', 'language', ${publishedEntries.snapshot}->'language', 'grade', ${publishedEntries.snapshot}->'grade',
        'incidentDateFrom', ${publishedEntries.snapshot}->'incidentDate'->'from', 'incidentDateTo', ${publishedEntries.snapshot}->'incidentDate'->'to',
        'latitude', ${publishedEntries.snapshot}->'place'->'latitude', 'longitude', ${publishedEntries.snapshot}->'place'->'longitude',
        'placePrecision', ${publishedEntries.snapshot}->'place'->'precision')`,
    })
    .from(publishedEntries)
    .where(inArray(publishedEntries.claimId, claimIds));
  for (const { claimId, slug, ...text } of rows) {
    const entry = byClaim.get(claimId) ?? { slug, versions: [] };
    entry.versions.push(text);
    byClaim.set(claimId, entry);
  }
  return byClaim;
}

const ZUuid = z.uuid();

/**
 * The public transitions up to `upToSeq`, oldest first, a batch at a time: each either in full
 * (so anyone can recompute its hash) or, when it fails the safety check, withheld.
 */
export async function* listPublicAuditEvents(db: Db, upToSeq: number): AsyncGenerator<PublicAuditEvent | WithheldAuditEvent> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select(STORED_EVENT_COLUMNS)
      .from(auditEvents)
      .where(and(isPublicTransition, gt(auditEvents.seq, after), lte(auditEvents.seq, upToSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    const claimIds = [...new Set(rows.map((r) => r.entityId).filter((id) => ZUuid.safeParse(id).success))];
    const entries = await versionsOf(db, claimIds);
    for (const row of rows) {
      const { entry, safe } = publicReading(row, entries.get(row.entityId));
      if (safe) {
        yield { ...row, occurredAt: row.occurredAt.toISOString(), entry };
      } else {
        yield { seq: row.seq, type: row.type, prevHash: row.prevHash, hash: row.hash, entry, withheld: true };
      }
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].seq;
  }
}

/**
 * The public events that made and sealed the given versions of one claim's entry (its
 * publications and their seals), in full, oldest first: what a disclosure packet carries so a
 * reader can recompute their hashes and find them in the published chain. Any that fails the
 * safety check is left out (the published chain withholds it too).
 */
export async function publicEventsOfVersions(db: Db, claimId: string, versions: number[]): Promise<PublicAuditEvent[]> {
  if (versions.length === 0) return [];
  const rows = await db
    .select(STORED_EVENT_COLUMNS)
    .from(auditEvents)
    .where(and(isPublicTransition, eq(auditEvents.entityId, claimId)))
    .orderBy(asc(auditEvents.seq));
  const published = (await versionsOf(db, [claimId])).get(claimId);
  if (!published) return [];
  const wanted = new Set(versions);
  return rows.flatMap((row) => {
    const { entry, safe } = publicReading(row, published);
    return safe && entry && wanted.has(entry.version) ? [{ ...row, occurredAt: row.occurredAt.toISOString(), entry }] : [];
  });
}
