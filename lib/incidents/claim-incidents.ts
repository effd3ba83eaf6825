import "server-only";
import { and, asc, eq, gte, ilike, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { incidentClaims, incidents } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { containsPattern } from "@/lib/validation/like";

/** How far apart in days a claim's dates and an incident's may be and still be suggested. */
export const SUGGEST_DAYS = 3;
/** How far in degrees (about 20 km at Syria's latitude) a claim's point may be from an incident's. */
export const SUGGEST_DEGREES = 0.2;
/** At most this many suggestions. */
const SUGGEST_MAX = 10;

const brief = { id: incidents.id, title: incidents.title, type: incidents.type, placeName: incidents.placeName, startDate: incidents.startDate, endDate: incidents.endDate, state: incidents.state };

/**
 * The incidents a claim is linked to, and those it may be about: not yet linked, overlapping its
 * dates (give or take SUGGEST_DAYS), and at its place — named alike (one name within the other)
 * or within SUGGEST_DEGREES of its coordinates. A claim without dates is matched on place alone;
 * without a place, nothing is suggested. Each suggestion is one indexed query (incidents by start date).
 */
export async function claimIncidents(db: Db, actor: Actor | null, claimId: string) {
  assertCan(actor, "incidents.read");
  const claim = await findVisibleClaim(db, actor, claimId);
  const linked = await db
    .select(brief)
    .from(incidentClaims)
    .innerJoin(incidents, eq(incidents.id, incidentClaims.incidentId))
    .where(eq(incidentClaims.claimId, claim.id))
    .orderBy(asc(incidents.startDate), asc(incidents.id));
  const place: (SQL | undefined)[] = [];
  const name = claim.placeName?.trim();
  if (name) place.push(ilike(incidents.placeName, containsPattern(name)), sql`${name} ilike '%' || ${incidents.placeName} || '%'`);
  if (claim.latitude !== null && claim.longitude !== null) {
    place.push(
      sql`${incidents.latitude} between ${claim.latitude - SUGGEST_DEGREES} and ${claim.latitude + SUGGEST_DEGREES} and ${incidents.longitude} between ${claim.longitude - SUGGEST_DEGREES} and ${claim.longitude + SUGGEST_DEGREES}`,
    );
  }
  if (!place.length) return { linked, suggested: [] };
  const when: (SQL | undefined)[] = [];
  if (claim.incidentDateFrom) {
    const to = claim.incidentDateTo ?? claim.incidentDateFrom;
    when.push(gte(incidents.endDate, sql`(${claim.incidentDateFrom}::date - ${SUGGEST_DAYS}::int)`), lte(incidents.startDate, sql`(${to}::date + ${SUGGEST_DAYS}::int)`));
  }
  const suggested = await db
    .select(brief)
    .from(incidents)
    .where(and(or(...place), ...when, linked.length ? notInArray(incidents.id, linked.map((l) => l.id)) : undefined))
    .orderBy(asc(incidents.startDate), asc(incidents.id))
    .limit(SUGGEST_MAX);
  return { linked, suggested };
}

export type ClaimIncidents = Awaited<ReturnType<typeof claimIncidents>>;
