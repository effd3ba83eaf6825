import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { incidentClaims, incidents } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { isUuid } from "@/lib/validation/uuid";
import { MAX_INCIDENT_DEPTH } from "./tree";

/** The columns every read of an incident names. */
export const incidentColumns = {
  id: incidents.id,
  title: incidents.title,
  language: incidents.language,
  translations: incidents.translations,
  type: incidents.type,
  summary: incidents.summary,
  placeName: incidents.placeName,
  placePrecision: incidents.placePrecision,
  latitude: incidents.latitude,
  longitude: incidents.longitude,
  startDate: incidents.startDate,
  endDate: incidents.endDate,
  startTime: incidents.startTime,
  datePrecision: incidents.datePrecision,
  parentId: incidents.parentId,
  state: incidents.state,
  publishedVersion: incidents.publishedVersion,
  slug: incidents.slug,
  changedById: incidents.changedById,
  changedAt: incidents.changedAt,
  createdAt: incidents.createdAt,
  version: incidents.version,
};

export type IncidentRow = Pick<typeof incidents.$inferSelect, keyof typeof incidentColumns>;

/** An incident as the workspace and the API read it. */
export function toIncidentDto(row: IncidentRow) {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    translations: Object.fromEntries(Object.entries(row.translations).map(([locale, t]) => [locale, { title: t.title }])),
    type: row.type,
    summary: row.summary,
    placeName: row.placeName,
    placePrecision: row.placePrecision,
    latitude: row.latitude,
    longitude: row.longitude,
    startDate: row.startDate,
    endDate: row.endDate,
    // "HH:MM": the database answers "HH:MM:SS".
    startTime: row.startTime ? row.startTime.slice(0, 5) : null,
    datePrecision: row.datePrecision,
    parentId: row.parentId,
    state: row.state,
    publishedVersion: row.publishedVersion,
    slug: row.slug,
    changedAt: row.changedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export type IncidentDto = ReturnType<typeof toIncidentDto>;

/** The incident, or NOT_FOUND (also for a malformed id). `lock`: hold its row until the transaction ends. */
export async function findIncident(db: Db, incidentId: string, { lock = false } = {}): Promise<IncidentRow> {
  if (!isUuid(incidentId)) throw new AppError("NOT_FOUND", tr("errors.incidents.notFound"));
  const query = db.select(incidentColumns).from(incidents).where(eq(incidents.id, incidentId));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", tr("errors.incidents.notFound"));
  return row;
}

/** The incidents that hold these (themselves and every one above them, as far as nesting goes). */
const withAncestors = (seeds: ReturnType<typeof sql>) => sql`with recursive up(id, parent_id, depth) as (
    select id, parent_id, 0 from incidents where id in (${seeds})
    union all
    select i.id, i.parent_id, up.depth + 1 from incidents i join up on i.id = up.parent_id where up.depth < ${MAX_INCIDENT_DEPTH}
  )
  select id from up`;

/**
 * What the incident's public page is made of changed (a claim linked, a victim recorded, an
 * incident under it): who and when, and a new version, on the incident and on every incident
 * above it, whose page counts and lists what is under it — so the four-eyes rule, "changed since
 * publication" and a publication on the version the editor read (409 otherwise) see it there too.
 */
export async function touchIncident(tx: Db, incidentId: string, actorId: string): Promise<void> {
  await tx
    .update(incidents)
    .set({ changedById: actorId, changedAt: new Date(), version: sql`${incidents.version} + 1` })
    .where(sql`${incidents.id} in (${withAncestors(sql`${incidentId}::uuid`)})`);
}

/**
 * A claim's public entry changed (published, corrected, retracted): the incidents it is linked to,
 * and those above them, show what it published, so they count as changed by whoever changed it.
 */
export async function touchIncidentsOfClaim(tx: Db, claimId: string, actorId: string): Promise<void> {
  await tx
    .update(incidents)
    .set({ changedById: actorId, changedAt: new Date(), version: sql`${incidents.version} + 1` })
    .where(sql`${incidents.id} in (${withAncestors(sql`select ${incidentClaims.incidentId} from ${incidentClaims} where ${incidentClaims.claimId} = ${claimId}`)})`);
}
