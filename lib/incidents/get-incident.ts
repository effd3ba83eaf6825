import "server-only";
import { canonicalPersonId } from "@/lib/persons/scope";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { casualtyRecords, claimPersons, claims, evidence, figures, incidentAttributions, incidentClaims, incidents, incidentVersions, persons, sources } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { loadPersons } from "@/lib/persons/dto";
import { findIncident, toIncidentDto } from "./dto";
import { readTallies } from "./read-tally";

/** Each list of an incident's page holds at most this many (and says when there are more). */
export const INCIDENT_LIST_MAX = 500;

/**
 * An incident as its workspace page shows it: its fields, where it sits (the one above, those
 * under), its claims by state with their evidence counts, the victims recorded, the persons the
 * claims name, the figures they report, who is said to have done it, the tally, and what was
 * published. Internal: the public page is built from a snapshot (lib/incidents/public-snapshot.ts).
 */
export async function getIncident(db: Db, actor: Actor | null, incidentId: string) {
  assertCan(actor, "incidents.read");
  const row = await findIncident(db, incidentId);
  const [parent, children, linked, allRecords, attributions, versions, tallies] = await Promise.all([
    row.parentId ? db.select({ id: incidents.id, title: incidents.title }).from(incidents).where(eq(incidents.id, row.parentId)).then((r) => r[0] ?? null) : null,
    db
      .select({ id: incidents.id, title: incidents.title, type: incidents.type, placeName: incidents.placeName, startDate: incidents.startDate, endDate: incidents.endDate })
      .from(incidents)
      .where(eq(incidents.parentId, incidentId))
      .orderBy(asc(incidents.startDate), asc(incidents.id)),
    db
      .select({ id: claims.id, title: claims.title, kind: claims.kind, state: claims.state, grade: claims.grade, linkedAt: incidentClaims.createdAt })
      .from(incidentClaims)
      .innerJoin(claims, eq(claims.id, incidentClaims.claimId))
      .where(eq(incidentClaims.incidentId, incidentId))
      .orderBy(asc(claims.state), asc(incidentClaims.createdAt), asc(claims.id))
      .limit(INCIDENT_LIST_MAX + 1),
    // Each record under the person it now answers as (a merged person as the one they joined).
    db
      .select({ record: casualtyRecords, personId: canonicalPersonId })
      .from(casualtyRecords)
      .innerJoin(persons, eq(persons.id, casualtyRecords.personId))
      .where(eq(casualtyRecords.incidentId, incidentId))
      .orderBy(asc(casualtyRecords.seq))
      .limit(INCIDENT_LIST_MAX + 1)
      .then((rows) => rows.map((r) => ({ ...r.record, personId: r.personId }))),
    db.select().from(incidentAttributions).where(eq(incidentAttributions.incidentId, incidentId)).orderBy(asc(incidentAttributions.createdAt), asc(incidentAttributions.id)),
    db
      .select({ version: incidentVersions.version, publishedAt: incidentVersions.publishedAt })
      .from(incidentVersions)
      .where(eq(incidentVersions.incidentId, incidentId))
      .orderBy(desc(incidentVersions.version)),
    readTallies(db, incidentId),
  ]);
  // Bounded lists: the page says when there are more than it shows.
  const more = { claims: linked.length > INCIDENT_LIST_MAX, casualties: allRecords.length > INCIDENT_LIST_MAX };
  linked.splice(INCIDENT_LIST_MAX);
  const records = allRecords.slice(0, INCIDENT_LIST_MAX);
  const claimIds = linked.map((c) => c.id);
  const [evidenceCounts, claimFigures, named] = claimIds.length
    ? await Promise.all([
        db
          .select({ claimId: evidence.claimId, n: count() })
          .from(evidence)
          .where(and(inArray(evidence.claimId, claimIds), isNull(evidence.withdrawnAt)))
          .groupBy(evidence.claimId),
        db
          .select({
            id: figures.id,
            claimId: figures.claimId,
            measure: figures.measure,
            min: figures.valueMin,
            max: figures.valueMax,
            atLeast: figures.atLeast,
            asOf: figures.asOf,
            sourceId: sources.id,
            sourceName: sources.name,
          })
          .from(figures)
          .innerJoin(sources, eq(sources.id, figures.sourceId))
          .where(inArray(figures.claimId, claimIds))
          .orderBy(asc(figures.measure), asc(figures.asOf), asc(figures.id))
          .limit(INCIDENT_LIST_MAX + 1),
        db
          .selectDistinct({ personId: claimPersons.personId, role: claimPersons.role })
          .from(claimPersons)
          .where(inArray(claimPersons.claimId, claimIds))
          .limit(INCIDENT_LIST_MAX + 1),
      ])
    : [[], [], []];
  const sourceIds = [...new Set([...records.flatMap((r) => r.sourceIds), ...attributions.flatMap((a) => a.sourceIds)])];
  const [people, sourceRows] = await Promise.all([
    loadPersons(db, [...records.map((r) => r.personId), ...named.map((n) => n.personId)]),
    sourceIds.length ? db.select({ id: sources.id, name: sources.name }).from(sources).where(inArray(sources.id, sourceIds)) : [],
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const sourceName = new Map(sourceRows.map((s) => [s.id, s.name]));
  const sourcesOf = (ids: string[]) => ids.map((id) => ({ id, name: sourceName.get(id) ?? "" }));
  const evidenceOf = new Map(evidenceCounts.map((e) => [e.claimId, Number(e.n)]));
  const recorded = new Set(records.map((r) => r.personId));
  const published = versions[0];
  return {
    ...toIncidentDto(row),
    /** Who made the last change (the four-eyes rule keeps them from publishing it). */
    changedBy: row.changedById,
    parent,
    children: children.map((c) => ({ ...c, tally: tallies.get(c.id) ?? null })),
    claims: linked.map((c) => ({ id: c.id, title: c.title, kind: c.kind, state: c.state, grade: c.grade, evidenceCount: evidenceOf.get(c.id) ?? 0 })),
    casualties: records.map((r) => ({
      id: r.id,
      person: personById.get(r.personId) ?? null,
      dateOfDeath: r.dateOfDeath,
      placeOfDeath: r.placeOfDeath,
      cause: r.cause,
      status: r.status,
      age: r.age,
      ageBand: r.ageBand,
      sex: r.sex,
      sources: sourcesOf(r.sourceIds),
      note: r.note,
      version: r.version,
    })),
    // Persons the incident's claims name, and whether each is recorded as a victim here yet.
    persons: named.slice(0, INCIDENT_LIST_MAX).flatMap((n) => {
      const person = personById.get(n.personId);
      return person ? [{ role: n.role, person, recorded: recorded.has(person.id) }] : [];
    }),
    figures: claimFigures.slice(0, INCIDENT_LIST_MAX).map((f) => ({ ...f, source: { id: f.sourceId, name: f.sourceName } })),
    attributions: attributions.map((a) => ({ id: a.id, perpetrator: a.perpetrator, grade: a.grade, rationale: a.rationale, sources: sourcesOf(a.sourceIds), createdAt: a.createdAt.toISOString() })),
    tally: tallies.get(incidentId)!,
    /** A list cut at INCIDENT_LIST_MAX: claims, victims, persons named, figures. */
    more: { ...more, persons: named.length > INCIDENT_LIST_MAX, figures: claimFigures.length > INCIDENT_LIST_MAX },
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString() })),
    changedSincePublication: published ? row.changedAt > published.publishedAt : null,
  };
}

export type IncidentDetailDto = Awaited<ReturnType<typeof getIncident>>;
