import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, evidence, incidents, personNames, persons, sources, users } from "@/db/schema";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { visiblePersonsWhere } from "@/lib/persons/scope";
import { isUuid } from "@/lib/validation/uuid";

/**
 * What an event is about, as a reader sees it: its title and where it lives. An evidence item with
 * neither a file name nor an address has no title of its own; `itemOf` names its claim, for the page
 * to say "an item of …" in the reader's language.
 */
export type AuditEntityRef = { title: string | null; itemOf?: string; href: string | null };

/**
 * The titles of the entities a page of events names, keyed `type:id`: one query per kind of entity
 * on the page (never one per event), each within what the actor may see; an entity out of sight or
 * gone keeps its bare id and no link.
 */
export async function describeAuditEntities(
  db: Db,
  actor: Actor | null,
  entities: { type: string; id: string }[],
): Promise<Record<string, AuditEntityRef>> {
  const idsOf = (type: string) => [...new Set(entities.filter((e) => e.type === type && isUuid(e.id)).map((e) => e.id.toLowerCase()))];
  const out: Record<string, AuditEntityRef> = {};
  const put = (type: string, id: string, title: string | null, href: string | null, itemOf?: string) => {
    out[`${type}:${id}`] = itemOf === undefined ? { title, href } : { title, itemOf, href };
  };
  const claimScope = visibleClaimsWhere(actor);
  const personScope = visiblePersonsWhere(actor);
  const [claimIds, evidenceIds, sourceIds, personIds, userIds, incidentIds] = ["claim", "evidence", "source", "person", "user", "incident"].map(idsOf);
  await Promise.all([
    claimIds.length && claimScope !== null
      ? db
          .select({ id: claims.id, title: claims.title })
          .from(claims)
          .where(and(inArray(claims.id, claimIds), claimScope))
          .then((rows) => rows.forEach((r) => put("claim", r.id, r.title, `/claims/${r.id}`)))
      : null,
    evidenceIds.length && claimScope !== null
      ? db
          .select({ id: evidence.id, filename: evidence.originalFilename, url: evidence.sourceUrl, claimTitle: claims.title })
          .from(evidence)
          .innerJoin(claims, eq(claims.id, evidence.claimId))
          .where(and(inArray(evidence.id, evidenceIds), claimScope))
          .then((rows) => rows.forEach((r) => (r.filename ?? r.url) ? put("evidence", r.id, r.filename ?? r.url, `/evidence/${r.id}`) : put("evidence", r.id, null, `/evidence/${r.id}`, r.claimTitle)))
      : null,
    sourceIds.length && can(actor, "sources.read")
      ? db
          .select({ id: sources.id, name: sources.name })
          .from(sources)
          .where(inArray(sources.id, sourceIds))
          .then((rows) => rows.forEach((r) => put("source", r.id, r.name, `/sources/${r.id}`)))
      : null,
    personIds.length && personScope !== null
      ? db
          // A person is shown by the first name form it was given.
          .selectDistinctOn([personNames.personId], { id: personNames.personId, name: personNames.name })
          .from(personNames)
          .innerJoin(persons, eq(persons.id, personNames.personId))
          .where(and(inArray(personNames.personId, personIds), personScope))
          .orderBy(personNames.personId, asc(personNames.seq))
          .then((rows) => rows.forEach((r) => put("person", r.id, r.name, `/persons/${r.id}`)))
      : null,
    incidentIds.length && can(actor, "incidents.read")
      ? db
          .select({ id: incidents.id, title: incidents.title })
          .from(incidents)
          .where(inArray(incidents.id, incidentIds))
          .then((rows) => rows.forEach((r) => put("incident", r.id, r.title, `/incidents/${r.id}`)))
      : null,
    userIds.length && can(actor, "audit.read")
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, userIds))
          .then((rows) => rows.forEach((r) => put("user", r.id, r.name, `/admin/audit?${new URLSearchParams({ entity: `user:${r.id}` })}`)))
      : null,
  ]);
  return out;
}

/** Everyone who may have acted, for the audit log's person filter (the users table: the staff, a small table). */
export async function listAuditPeople(db: Db, actor: Actor | null): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "audit.read");
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(sql`lower(${users.name})`), asc(users.id));
}
