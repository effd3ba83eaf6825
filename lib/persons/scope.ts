import "server-only";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons, claims, persons } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { tr } from "@/lib/i18n/translate";

/** A merged person answers for the one it joined: every read resolves to this id. */
export const canonicalPersonId = sql<string>`coalesce(${persons.mergedIntoId}, ${persons.id})`;

/**
 * The persons an actor may see: all of them for those who see every claim; otherwise the persons
 * named in their own claims and those they added (unless since merged into someone else). The rule
 * is checked at the merged-into level: a record is visible exactly when the person it answers as
 * is, so no lookup can jump through a merge to a person out of sight. Null when signed out.
 */
export function visiblePersonsWhere(actor: Actor | null): SQL | undefined | null {
  if (!actor) return null;
  if (can(actor, "claims.read_all")) return undefined;
  const ownLinked = sql`select ${claimPersons.personId} from ${claimPersons}
    join ${claims} on ${claims.id} = ${claimPersons.claimId}
    where ${claims.submittedById} = ${actor.id}`;
  const own = sql`select coalesce(p.merged_into_id, p.id) from ${persons} p
    where p.id in (${ownLinked}) or (p.created_by_id = ${actor.id} and p.merged_into_id is null)`;
  return sql`${canonicalPersonId} in (${own})`;
}

/**
 * A person as the actor may see it, resolved to the person it was merged into, or NOT_FOUND (also
 * when it exists out of scope, so ids cannot be probed).
 */
export async function findVisiblePerson(db: Db, actor: Actor | null, personId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visiblePersonsWhere(actor);
  if (scope === null || !isUuid(personId)) throw new AppError("NOT_FOUND", tr("errors.persons.notFound"));
  const [row] = await db
    .select({ id: persons.id, mergedIntoId: persons.mergedIntoId, version: persons.version })
    .from(persons)
    .where(and(eq(persons.id, personId), scope));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.persons.notFound"));
  return row;
}

/** Many persons at once: each visible id mapped to the canonical person it answers as. */
export async function findVisiblePersons(db: Db, actor: Actor | null, ids: string[]): Promise<Map<string, string>> {
  const scope = visiblePersonsWhere(actor);
  const found = new Map<string, string>();
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (scope === null || valid.length === 0) return found;
  for (let i = 0; i < valid.length; i += 5000) {
    const rows = await db
      .select({ id: persons.id, canonical: canonicalPersonId })
      .from(persons)
      .where(and(inArray(persons.id, valid.slice(i, i + 5000)), scope));
    for (const row of rows) found.set(row.id, row.canonical);
  }
  return found;
}

/** Every person id that answers for `canonicalId`: itself and those merged into it. */
export async function memberIdsOf(db: Db, canonicalIds: string[]): Promise<Map<string, string>> {
  const memberToCanonical = new Map<string, string>();
  if (canonicalIds.length === 0) return memberToCanonical;
  for (const id of canonicalIds) memberToCanonical.set(id, id);
  const rows = await db
    .select({ id: persons.id, into: persons.mergedIntoId })
    .from(persons)
    .where(inArray(persons.mergedIntoId, canonicalIds));
  for (const row of rows) memberToCanonical.set(row.id, row.into!);
  return memberToCanonical;
}
