import "server-only";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import { getClaim } from "./get-claim";
import { type TSubmitClaim, ZSubmitClaim } from "./schemas";

/** A new claim enters triage. */
export async function submitClaim(db: Db, actor: Actor | null, input: TSubmitClaim) {
  assertCan(actor, "claims.submit");
  const data = parseInput(ZSubmitClaim, input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(claims)
      .values({ ...data, state: "triage", submittedById: actor.id })
      .returning({ id: claims.id });
    await appendAuditEvent(tx as unknown as Db, actor.id, {
      type: "claim.submitted",
      entity: { type: "claim", id: row.id },
      data: { changes: diffFields({}, { ...data, state: "triage" }) },
    });
    return row.id;
  });
  return getClaim(db, actor, id);
}
