import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons, claims } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { loadPersons } from "./dto";
import { findVisiblePerson, memberIdsOf } from "./scope";

/**
 * One person with the claims that name it (only those the actor can see). A merged person's id
 * answers with the person it joined, and says so in `requestedId`.
 */
export async function getPerson(db: Db, actor: Actor | null, personId: string) {
  const found = await findVisiblePerson(db, actor, personId);
  const id = found.mergedIntoId ?? found.id;
  const [[person], members] = await Promise.all([loadPersons(db, [id], { withNotes: can(actor, "persons.update") }), memberIdsOf(db, [id])]);
  const scope = visibleClaimsWhere(actor);
  const named = await db
    .select({ claimId: claims.id, title: claims.title, state: claims.state, role: claimPersons.role, isPublic: claimPersons.isPublic, viaPersonId: claimPersons.personId })
    .from(claimPersons)
    .innerJoin(claims, eq(claims.id, claimPersons.claimId))
    .where(and(inArray(claimPersons.personId, [...members.keys()]), scope ?? undefined))
    .orderBy(asc(claimPersons.createdAt));
  return { ...person, requestedId: personId.toLowerCase(), claims: named };
}

export type PersonDetailDto = Awaited<ReturnType<typeof getPerson>>;
