import "server-only";
import { canonicalPersonId } from "@/lib/persons/scope";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { casualtyRecords, claimPersons, claims, incidentAttributions, incidentClaims, incidents, incidentVersions, personNames, persons, publishedEntries, sources } from "@/db/schema";
import { latinSlugWords, type PublicSnapshot } from "@/lib/publishing/snapshot";
import type { AgeBand, CasualtyCause, CasualtyStatus, DatePrecision, Grade, IncidentType, PlacePrecision, Sex } from "@/lib/vocabulary";
import type { IncidentRow } from "./dto";
import { readTallies } from "./read-tally";
import type { ReportedRange, Tally } from "./tally";
import { subtreeOf } from "./tree";

/** A source as the public reads it: its name, or null when it is protected (counted, never named). */
type PublicSourceName = { name: string | null };

/** One named victim, as much as may be published: their names, and what is recorded of their death. */
export type PublicVictim = {
  names: string[];
  dateOfDeath: string | null;
  placeOfDeath: string | null;
  cause: CasualtyCause;
  status: CasualtyStatus;
  age: number | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  sources: PublicSourceName[];
  /** The incident the victim is recorded under, when it is a published one under this one. */
  incident: { slug: string; title: string } | null;
};

/** The public tally: recorded victims (a count), the range sources report, and where they disagree. */
export type PublicTally = {
  recorded: number;
  reported: ReportedRange | null;
  reportedFrom: Tally["reportedFrom"];
  sources: { name: string | null; min: number; max: number; atLeast: boolean; asOf: string }[];
  sourcesDisagree: boolean;
  namedAboveReported: boolean;
};

/**
 * What the public may read of an incident, field by field (the allowlist: nothing is serialised
 * from a row). Only what is already public goes in: its published claims' newest public versions
 * (title, grade, kind, address), their figures as those versions published them, victims whose
 * names are publishable on a published claim of the incident (issue 17's rule), and
 * attributions with their grades and unprotected sources. Internal notes, rationales, the
 * people who did the work and protected sources' names never do.
 */
export type PublicIncidentSnapshot = {
  slug: string;
  title: string;
  language: string;
  translations: Record<string, { title: string }>;
  type: IncidentType;
  summary: string | null;
  place: { name: string; precision: PlacePrecision; latitude: number | null; longitude: number | null };
  dates: { start: string; end: string; time: string | null; precision: DatePrecision };
  parent: { slug: string; title: string } | null;
  children: { slug: string; title: string; start: string; end: string; tally: PublicTally | null }[];
  claims: { slug: string; version: number; title: string; kind: string; grade: Grade | null }[];
  figures: NonNullable<PublicSnapshot["figures"]>;
  tally: PublicTally;
  victims: PublicVictim[];
  /** Victims recorded whose names may not be published: counted only. */
  unnamedVictims: number;
  attributions: { perpetrator: string; grade: Grade; sources: PublicSourceName[] }[];
};

function publicTally(tally: Tally): PublicTally {
  return {
    recorded: tally.named,
    reported: tally.reported,
    reportedFrom: tally.reportedFrom,
    sources: tally.sources.map((s) => ({ name: s.sourceProtected ? null : s.sourceName, min: s.min, max: s.max, atLeast: s.atLeast, asOf: s.asOf })),
    sourcesDisagree: tally.sourcesDisagree,
    namedAboveReported: tally.namedAboveReported,
  };
}

/** The slug an incident is published under: its title's Latin words (if any) and its id's first block. */
export function incidentSlugFor(incident: Pick<IncidentRow, "id" | "title" | "translations">): string {
  // The title's Latin words, or its translation's when the title has none (an Arabic title).
  const latin = [incident.title, ...Object.values(incident.translations).map((t) => t.title)].map(latinSlugWords).find(Boolean);
  return `${latin || "incident"}-${incident.id.slice(0, 8)}`;
}

/** The published incidents among these ids, with their slugs and titles as published. */
async function publishedIncidents(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { slug: string; title: string }>();
  const rows = await db
    .selectDistinctOn([incidentVersions.incidentId], { id: incidentVersions.incidentId, snapshot: incidentVersions.snapshot })
    .from(incidentVersions)
    .where(inArray(incidentVersions.incidentId, ids))
    .orderBy(incidentVersions.incidentId, desc(incidentVersions.version));
  return new Map(rows.map((r) => [r.id, { slug: String(r.snapshot.slug), title: String(r.snapshot.title) }]));
}

/**
 * Builds the snapshot of an incident (`slug`: its public address) from what is public now. Run
 * in the publishing transaction. The tally counts victims of the incident and those under it,
 * and only the figures of published claims.
 */
export async function buildIncidentSnapshot(db: Db, incident: IncidentRow, slug: string): Promise<PublicIncidentSnapshot> {
  const tree = await subtreeOf(db, incident.id);
  const treeIds = tree.map((n) => n.id);
  const childIds = tree.filter((n) => n.parentId === incident.id).map((n) => n.id);
  const [tallies, published, entries, records, attributions] = await Promise.all([
    readTallies(db, incident.id, { publishedOnly: true }),
    publishedIncidents(db, [...(incident.parentId ? [incident.parentId] : []), ...treeIds]),
    // The newest public version of each published claim of the incident (not its sub-incidents).
    db
      .selectDistinctOn([publishedEntries.claimId], { claimId: publishedEntries.claimId, slug: publishedEntries.slug, version: publishedEntries.versionNumber, snapshot: publishedEntries.snapshot })
      .from(publishedEntries)
      .innerJoin(incidentClaims, eq(incidentClaims.claimId, publishedEntries.claimId))
      .innerJoin(claims, eq(claims.id, publishedEntries.claimId))
      .where(and(eq(incidentClaims.incidentId, incident.id), eq(claims.state, "published")))
      .orderBy(publishedEntries.claimId, desc(publishedEntries.versionNumber)),
    db
      .select({ record: casualtyRecords, personId: canonicalPersonId })
      .from(casualtyRecords)
      .innerJoin(persons, eq(persons.id, casualtyRecords.personId))
      .where(inArray(casualtyRecords.incidentId, treeIds))
      .orderBy(asc(casualtyRecords.seq)),
    db.select().from(incidentAttributions).where(eq(incidentAttributions.incidentId, incident.id)).orderBy(asc(incidentAttributions.createdAt), asc(incidentAttributions.id)),
  ]);
  // A victim's name is published when some published claim of the incident (or of one under it)
  // names them in its public entry: the link public (lib/persons/set-visibility.ts) since before
  // the entry's newest version, which published it.
  const personIds = [...new Set(records.map((r) => r.personId))];
  const publishable = new Set(
    personIds.length
      ? (
          await db
            .selectDistinct({ personId: canonicalPersonId })
            .from(claimPersons)
            .innerJoin(persons, eq(persons.id, claimPersons.personId))
            .innerJoin(claims, eq(claims.id, claimPersons.claimId))
            .innerJoin(incidentClaims, eq(incidentClaims.claimId, claims.id))
            .where(
              and(
                eq(claimPersons.isPublic, true),
                eq(claims.state, "published"),
                inArray(incidentClaims.incidentId, treeIds),
                inArray(canonicalPersonId, personIds),
                // Named by the claim's entry as published: approved before its newest public version
                // (a name made public on the claim since is not in its entry until a correction).
                sql`coalesce(${claimPersons.approvedAt}, ${claimPersons.createdAt}) <= (select max(${publishedEntries.publishedAt}) from ${publishedEntries} where ${publishedEntries.claimId} = ${claims.id})`,
              ),
            )
        ).map((r) => r.personId)
      : [],
  );
  const names = new Map<string, string[]>();
  if (publishable.size) {
    const rows = await db
      .select({ personId: canonicalPersonId, name: personNames.name })
      .from(personNames)
      .innerJoin(persons, eq(persons.id, personNames.personId))
      .where(inArray(canonicalPersonId, [...publishable]))
      .orderBy(asc(personNames.seq));
    for (const r of rows) names.set(r.personId, [...(names.get(r.personId) ?? []), r.name]);
  }
  const sourceIds = [...new Set([...records.flatMap((r) => r.record.sourceIds), ...attributions.flatMap((a) => a.sourceIds)])];
  const sourceRows = sourceIds.length ? await db.select({ id: sources.id, name: sources.name, isProtected: sources.isProtected }).from(sources).where(inArray(sources.id, sourceIds)) : [];
  const sourceOf = new Map(sourceRows.map((s) => [s.id, s]));
  const publicSources = (ids: string[]): PublicSourceName[] => ids.map((id) => ({ name: sourceOf.get(id) && !sourceOf.get(id)!.isProtected ? sourceOf.get(id)!.name : null }));
  const seen = new Set<string>();
  const victims: PublicVictim[] = [];
  for (const { record, personId } of records) {
    if (!publishable.has(personId) || seen.has(personId)) continue;
    seen.add(personId);
    const under = record.incidentId === incident.id ? null : (published.get(record.incidentId) ?? null);
    victims.push({
      names: names.get(personId) ?? [],
      dateOfDeath: record.dateOfDeath,
      placeOfDeath: record.placeOfDeath,
      cause: record.cause,
      status: record.status,
      age: record.age,
      ageBand: record.ageBand,
      sex: record.sex,
      sources: publicSources(record.sourceIds),
      incident: under ? { slug: under.slug, title: under.title } : null,
    });
  }
  const recordedPersons = new Set(records.map((r) => r.personId));
  const childRows = childIds.length
    ? await db.select({ id: incidents.id, startDate: incidents.startDate, endDate: incidents.endDate }).from(incidents).where(inArray(incidents.id, childIds)).orderBy(asc(incidents.startDate), asc(incidents.id))
    : [];
  const entrySnapshots = entries.map((e) => ({ ...e, snapshot: e.snapshot as PublicSnapshot }));
  return {
    slug,
    title: incident.title,
    language: incident.language,
    translations: Object.fromEntries(Object.entries(incident.translations).map(([l, t]) => [l, { title: t.title }])),
    type: incident.type,
    summary: incident.summary,
    place: { name: incident.placeName, precision: incident.placePrecision, latitude: incident.latitude, longitude: incident.longitude },
    dates: { start: incident.startDate, end: incident.endDate, time: incident.startTime ? incident.startTime.slice(0, 5) : null, precision: incident.datePrecision },
    parent: incident.parentId && published.get(incident.parentId) ? published.get(incident.parentId)! : null,
    // Only sub-incidents already published are named; the others count in the tally alone.
    children: childRows.flatMap((c) => {
      const p = published.get(c.id);
      const tally = tallies.get(c.id);
      return p ? [{ slug: p.slug, title: p.title, start: c.startDate, end: c.endDate, tally: tally ? publicTally(tally) : null }] : [];
    }),
    claims: entrySnapshots
      .map((e) => ({ slug: e.slug, version: e.version, title: e.snapshot.title, kind: e.snapshot.kind, grade: e.snapshot.grade }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    figures: entrySnapshots.flatMap((e) => e.snapshot.figures ?? []),
    tally: publicTally(tallies.get(incident.id)!),
    victims,
    unnamedVictims: recordedPersons.size - victims.length,
    attributions: attributions.map((a) => ({ perpetrator: a.perpetrator, grade: a.grade, sources: publicSources(a.sourceIds) })),
  };
}
