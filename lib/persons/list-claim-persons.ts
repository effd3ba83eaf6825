import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons, persons, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { type ClaimPersonDto, loadPersons } from "./dto";
import { canonicalPersonId } from "./scope";

/**
 * The persons named in a claim, as their canonical persons (a link to a person since merged shows
 * the person it joined). Visible to whoever can see the claim.
 */
export async function listClaimPersons(db: Db, actor: Actor | null, claimId: string): Promise<ClaimPersonDto[]> {
  await findVisibleClaim(db, actor, claimId);
  const links = await db
    .select({
      linkId: claimPersons.id,
      role: claimPersons.role,
      isPublic: claimPersons.isPublic,
      basis: claimPersons.publicationBasis,
      basisNote: claimPersons.publicationBasisNote,
      approvedBy: users.name,
      approvedAt: claimPersons.approvedAt,
      version: claimPersons.version,
      personId: canonicalPersonId,
    })
    .from(claimPersons)
    .innerJoin(persons, eq(persons.id, claimPersons.personId))
    .leftJoin(users, eq(users.id, claimPersons.approvedById))
    .where(eq(claimPersons.claimId, claimId))
    .orderBy(asc(claimPersons.createdAt), asc(claimPersons.id));
  const people = new Map((await loadPersons(db, links.map((l) => l.personId))).map((p) => [p.id, p]));
  return links.flatMap(({ personId, approvedAt, ...link }) => {
    const person = people.get(personId);
    return person ? [{ ...link, approvedAt: approvedAt?.toISOString() ?? null, person }] : [];
  });
}
