import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

export type ImportNotice = { persons: number };

/**
 * How many persons were imported onto the claim while it was in review since it last entered
 * review or an editor last dismissed the notice. Read from the claim's own audit events (the
 * import records the claim's state; ../commit-import.ts), through the entity index.
 */
async function personsImportedInReview(db: Db, claimId: string): Promise<number> {
  const ofClaim = and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claimId));
  const [since] = await db
    .select({ seq: sql<number | null>`max(${auditEvents.seq})` })
    .from(auditEvents)
    .where(
      and(
        ofClaim,
        sql`(${auditEvents.type} = 'claim.import_notice_dismissed' or (${auditEvents.type} = 'claim.transitioned' and ${auditEvents.data}->>'to' = 'review'))`,
      ),
    );
  const [imported] = await db
    .select({ persons: sql<string | null>`sum((${auditEvents.data}->>'newLinks')::int)` })
    .from(auditEvents)
    .where(
      and(
        ofClaim,
        eq(auditEvents.type, "claim.persons_imported"),
        sql`${auditEvents.data}->>'claimState' = 'review'`,
        gt(auditEvents.seq, Number(since?.seq ?? 0)),
      ),
    );
  return Number(imported?.persons ?? 0);
}

/**
 * The notice an editor sees on a claim in review onto which persons were imported: they were
 * added after the reviewer sent it, so the editor checks them before publishing. Null for anyone
 * else, for a claim not in review (publication ends it) and once an editor dismissed it.
 */
export async function getImportNotice(db: Db, actor: Actor | null, claimId: string): Promise<ImportNotice | null> {
  const claim = await findVisibleClaim(db, actor, claimId);
  if (claim.state !== "review" || !can(actor, "claims.publish")) return null;
  const persons = await personsImportedInReview(db, claim.id);
  return persons > 0 ? { persons } : null;
}

/** An editor has checked the imported persons: the notice goes, audited. */
export async function dismissImportNotice(db: Db, actor: Actor | null, claimId: string): Promise<void> {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.publish");
  if (claim.state !== "review") throw new AppError("INVALID_STATE", tr("errors.claims.importNoticeState", { state: claim.state }), { guard: "state" });
  await db.transaction(async (tx) => {
    const persons = await personsImportedInReview(tx, claim.id);
    if (persons === 0) return;
    await appendAuditEvent(tx, actor.id, { type: "claim.import_notice_dismissed", entity: { type: "claim", id: claim.id }, data: { persons } });
  });
}
