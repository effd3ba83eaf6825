import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { auditEvents, claims, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim, visibleClaimsWhere } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import type { AuditEventType } from "@/lib/vocabulary";

/**
 * How far past `since` one read looks, in audit events, and how many changes it answers. The log's
 * seq is contiguous (lib/audit/append-event.ts), so a window of seq is a bounded range of the
 * primary key whoever asks and however old their `since`: a page left open overnight catches up
 * in a few reads, none of which walks the whole log.
 */
export const CHANGES_WINDOW = 2_000;
export const CHANGES_LIMIT = 20;

/** What changes a queue's rows: a claim arriving, moving, taken, graded or rewritten. */
const QUEUE_EVENT_TYPES = ["claim.submitted", "claim.transitioned", "claim.assigned", "claim.graded", "claim.edited"] as const satisfies readonly AuditEventType[];

export const ZChangesQuery = z.object({
  /** The last seq the page knows of (the `next` of the answer before, or of the page as rendered). Without it: only `next`. */
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** One claim's changes (its page); without it, those of every claim the reader can see (the queue). */
  claimId: z.string().max(100).regex(/^[\w-]+$/).optional(),
});
export type TChangesQuery = z.input<typeof ZChangesQuery>;

/**
 * One change, in words the page builds its notice from: who (their name, or null for the system),
 * what (`change`: the workflow action for a transition, else what happened), to which claim.
 */
export type ChangeDto = { seq: number; claimId: string; change: string; actorName: string | null; at: string };

/**
 * What others changed since `since`: the claim's own events (`claimId`, a claim the reader can
 * see, else 404), or the queue's events of every claim the reader can see (a submitter: their own).
 * Never the reader's own acts. Bounded: at most CHANGES_LIMIT changes from at most CHANGES_WINDOW
 * events after `since`; `next` is the seq to ask from next time (the log's head once caught up).
 */
export async function readChanges(db: Db, actor: Actor | null, query: TChangesQuery): Promise<{ changes: ChangeDto[]; next: number }> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const { since, claimId } = parseInput(ZChangesQuery, query);
  // A claim id that is not one (but is a word) is a claim not found, as everywhere else.
  const claim = claimId !== undefined ? await findVisibleClaim(db, actor, claimId) : null;
  const scope = visibleClaimsWhere(actor);
  if (scope === null) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const [head] = await db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const headSeq = head?.seq ?? 0;
  // A since past the head (a page from before a restore) starts again from the head.
  if (since === undefined || since >= headSeq) return { changes: [], next: headSeq };
  const upTo = Math.min(since + CHANGES_WINDOW, headSeq);
  const where: SQL[] = [
    eq(auditEvents.entityType, "claim"),
    gt(auditEvents.seq, since),
    lte(auditEvents.seq, upTo),
    or(isNull(auditEvents.actorId), ne(auditEvents.actorId, actor.id))!,
  ];
  if (claim) where.push(eq(auditEvents.entityId, claim.id));
  else {
    where.push(inArray(auditEvents.type, QUEUE_EVENT_TYPES));
    if (scope) where.push(inArray(auditEvents.entityId, db.select({ id: sql<string>`${claims.id}::text` }).from(claims).where(scope)));
  }
  const rows = await db
    .select({
      seq: auditEvents.seq,
      type: auditEvents.type,
      claimId: auditEvents.entityId,
      action: sql<string | null>`${auditEvents.data}->>'action'`,
      at: auditEvents.occurredAt,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(asc(auditEvents.seq))
    .limit(CHANGES_LIMIT);
  const full = rows.length === CHANGES_LIMIT;
  return {
    changes: rows.map((r) => ({ seq: r.seq, claimId: r.claimId, change: changeOf(r.type, r.action), actorName: r.actorName, at: r.at.toISOString() })),
    // A full answer may have left changes in the window: the next read starts after the last one given.
    next: full ? rows[rows.length - 1].seq : upTo,
  };
}

/** The change an event names: a transition's action, or what the event's type says. */
function changeOf(type: string, action: string | null): string {
  if (type === "claim.transitioned" && action) return action;
  return CHANGE_OF_TYPE[type] ?? "changed";
}

const CHANGE_OF_TYPE: Record<string, string> = {
  "claim.submitted": "submitted",
  "claim.assigned": "assigned",
  "claim.graded": "graded",
  "claim.edited": "edited",
  "comment.created": "commented",
};

/** Where a page rendered now starts asking from (the log's head), read before the page reads what it shows. */
export async function changesHead(db: Db, actor: Actor | null): Promise<number> {
  return (await readChanges(db, actor, {})).next;
}
