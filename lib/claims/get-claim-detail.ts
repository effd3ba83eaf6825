import "server-only";
import type { Db } from "@/db/connect";
import { listAssessments } from "@/lib/assessments/assess-evidence";
import type { Actor } from "@/lib/auth/permissions";
import { listClaimFigures } from "@/lib/figures/list-claim-figures";
import { listClaimEvidence } from "@/lib/evidence/list-claim-evidence";
import { getClaimOrigins } from "@/lib/origins/claim-origins";
import { listClaimPersons } from "@/lib/persons/list-claim-persons";
import { getClaim } from "./get-claim";

/**
 * One claim with everything hung on it: the API's `GET /claims/{id}` answers it, and the claim
 * page draws it (adding only what its forms offer and the claim's history).
 */
export async function getClaimDetail(db: Db, actor: Actor | null, claimId: string) {
  const claim = await getClaim(db, actor, claimId);
  const [evidence, assessments, persons, figures, origins] = await Promise.all([
    listClaimEvidence(db, actor, claim.id),
    listAssessments(db, actor, claim.id),
    listClaimPersons(db, actor, claim.id),
    listClaimFigures(db, actor, claim.id),
    getClaimOrigins(db, actor, claim.id),
  ]);
  return { ...claim, evidence, assessments, persons, figures, origins };
}
