import "server-only";
import { and, asc, desc, eq, gte, ilike, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, incidentClaims, incidents } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { asUuid, pastCursor } from "@/lib/validation/keyset";
import { containsPattern } from "@/lib/validation/like";
import { parseInput } from "@/lib/validation/parse";
import { incidentColumns, toIncidentDto } from "./dto";
import { type TIncidentQuery, ZIncidentCursor, ZIncidentQuery } from "./schemas";

/**
 * Incidents for the list, the map and the timeline, one query for all three: narrowed by type,
 * by a claim's grade, by a period they overlap, by words of title or place, and by a box on the
 * map; ordered by start date (newest or oldest first) and keyset-paged on (start date, id).
 */
export async function listIncidents(db: Db, actor: Actor | null, query: TIncidentQuery) {
  assertCan(actor, "incidents.read");
  const { type, grade, from, to, q, bbox, order, cursor, limit } = parseInput(ZIncidentQuery, query);
  const after = decodeCursor(ZIncidentCursor, cursor);
  const where: (SQL | undefined)[] = [];
  if (type) where.push(eq(incidents.type, type));
  if (from) where.push(gte(incidents.endDate, from));
  if (to) where.push(lte(incidents.startDate, to));
  if (q) where.push(or(ilike(incidents.title, containsPattern(q)), ilike(incidents.placeName, containsPattern(q))));
  if (bbox) {
    const [west, south, east, north] = bbox;
    where.push(sql`${incidents.longitude} between ${west} and ${east} and ${incidents.latitude} between ${south} and ${north}`);
  }
  if (grade) {
    // A probe per incident read in date order (its claims by key, each claim by id), stopping at a
    // page: as EXISTS the planner would make it a semi-join reading every claim of the grade (claims
    // has no index on grade). A scalar subquery is never turned into a join.
    const linked = db
      .select({ one: sql`1` })
      .from(incidentClaims)
      .innerJoin(claims, eq(claims.id, incidentClaims.claimId))
      .where(and(eq(incidentClaims.incidentId, incidents.id), eq(claims.grade, grade)))
      .limit(1);
    where.push(sql`(${linked}) is not null`);
  }
  const direction = order === "oldest" ? "asc" : "desc";
  if (after) where.push(pastCursor([incidents.startDate, incidents.id], [sql`${after[0]}::date`, asUuid(after[1])], direction));
  const by = direction === "asc" ? asc : desc;
  const rows = await db
    .select(incidentColumns)
    .from(incidents)
    .where(and(...where))
    .orderBy(by(incidents.startDate), by(incidents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toIncidentDto),
    nextCursor: rows.length > limit && last ? encodeCursor([last.startDate, last.id]) : null,
  };
}

/** Every incident's id and title, for pickers (a parent, an incident to link a claim to); bounded. */
export async function listIncidentOptions(db: Db, actor: Actor | null, max = 2000) {
  assertCan(actor, "incidents.read");
  return db
    .select({ id: incidents.id, title: incidents.title, placeName: incidents.placeName, startDate: incidents.startDate, parentId: incidents.parentId })
    .from(incidents)
    .orderBy(asc(incidents.startDate), asc(incidents.id))
    .limit(max);
}

export type IncidentOption = Awaited<ReturnType<typeof listIncidentOptions>>[number];
