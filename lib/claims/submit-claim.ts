import "server-only";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import type { ClaimDetailDto } from "./get-claim";
import { toClaimDto } from "./dto";
import { type TSubmitClaimParsed, ZSubmitClaim } from "./schemas";

/** A new claim enters triage. */
export async function submitClaim(db: Db, actor: Actor | null, input: unknown): Promise<ClaimDetailDto> {
  assertCan(actor, "claims.submit");
  const data = parseInput(ZSubmitClaim, input);
  const row = await db.transaction(async (tx) => insertSubmittedClaim(tx as unknown as Db, actor, data));
  return submittedClaimDto(actor, row);
}

/**
 * The claim's row and its `claim.submitted` event, inside the caller's transaction (a submission
 * with evidence adds its captures in the same one). The caller has checked `claims.submit`; the
 * submission key (lib/claims/submit-claim-with-captures.ts) is the device's, not the claim's: not audited.
 */
export async function insertSubmittedClaim(tx: Db, actor: Actor, data: TSubmitClaimParsed, submission?: { key: string; digest: string }) {
  const [row] = await tx
    .insert(claims)
    .values({ ...data, state: "triage", submittedById: actor.id, submissionKey: submission?.key, submissionDigest: submission?.digest })
    .returning();
  await appendAuditEvent(tx, actor.id, {
    type: "claim.submitted",
    entity: { type: "claim", id: row.id },
    data: { changes: diffFields({}, { ...data, state: "triage" }) },
  });
  return row;
}

/**
 * Answered from the row as inserted (a new claim has no assignee, reviewer or public address),
 * sparing two reads on the busiest write.
 */
export function submittedClaimDto(actor: Actor, row: Awaited<ReturnType<typeof insertSubmittedClaim>>): ClaimDetailDto {
  const dto = toClaimDto({
    ...row,
    submitterId: row.submittedById,
    submitterName: actor.name,
    assigneeName: null,
    sentToReviewByName: null,
  });
  return { ...dto, publicSlug: null, translations: {}, correction: null };
}
