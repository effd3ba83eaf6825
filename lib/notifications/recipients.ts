import "server-only";
import { canSeeClaim } from "@/lib/claims/scope";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, claimWatchers, notifications, users } from "@/db/schema";
import { isUuid } from "@/lib/validation/uuid";
import type { NotificationKind, Role } from "@/lib/vocabulary";

/** An audit event as the fan-out reads it. */
export type LoggedEvent = { seq: number; type: string; entityType: string; entityId: string; actorId: string | null; data: unknown };

/** Someone to tell of one event: who, of what kind, and the codes the inbox shows (never a title or a name). */
export type Recipient = { userId: string; kind: NotificationKind; claimId: string; commentId: string | null; data: Record<string, string | number | boolean> };

/** What an event asks of the claim's watchers besides telling them: who starts watching it. */
export type Fanned = { recipients: Recipient[]; watchers: string[] };

const NOTHING: Fanned = { recipients: [], watchers: [] };

/**
 * When one event would tell a person twice (a mentioned watcher, a submitter who watches), the
 * kind that says most wins: a person gets one notification per event.
 */
const PRECEDENCE: readonly NotificationKind[] = ["mentioned", "assigned", "sent_to_review", "submitted_changed", "watched_changed"];

type Claim = { id: string; submittedById: string; assigneeId: string | null };
type Person = { id: string; role: Role };

type Transitioned = { action: string; from: string; to: string };
type Assigned = { changes: { assigneeId?: { after: unknown } } };
type Commented = { commentId: string; evidenceId?: string; mentions: string[] };

type Wanted = { userId: string; kind: NotificationKind; commentId?: string; data: Recipient["data"] };
type Rule = (db: Db, claim: Claim, event: LoggedEvent) => Promise<{ wanted: Wanted[]; watchers?: string[] }>;

/** Each event that tells anyone, by its type: whom, and who starts watching the claim. Every other event tells no one. */
const RULES: Record<string, Rule> = {
  "claim.submitted": async (_db, claim) => ({ wanted: [], watchers: [claim.submittedById] }),
  "claim.assigned": async (_db, _claim, event) => {
    const assignee = (event.data as Assigned).changes.assigneeId?.after;
    return typeof assignee === "string" ? { wanted: [{ userId: assignee, kind: "assigned", data: {} }], watchers: [assignee] } : { wanted: [] };
  },
  "claim.transitioned": async (db, claim, event) => {
    const { action, from, to } = event.data as Transitioned;
    const data = { action, from, to };
    const wanted: Wanted[] = [{ userId: claim.submittedById, kind: "submitted_changed", data }];
    for (const id of await watchersOf(db, claim.id)) wanted.push({ userId: id, kind: "watched_changed", data });
    if (action === "send_to_review") for (const id of await activeEditors(db)) wanted.push({ userId: id, kind: "sent_to_review", data });
    return { wanted };
  },
  "comment.created": commented,
  "comment.edited": commented,
};

async function commented(db: Db, claim: Claim, event: LoggedEvent) {
  const { commentId, evidenceId, mentions } = event.data as Commented;
  const data: Recipient["data"] = evidenceId ? { evidenceId } : {};
  // An edit that drops a name and a later one that restores it do not tell that person again.
  const told = event.type === "comment.edited" ? await mentionedBefore(db, claim.id, commentId, mentions) : new Set<string>();
  const wanted: Wanted[] = mentions.filter((id) => !told.has(id)).map((id) => ({ userId: id, kind: "mentioned" as const, commentId, data }));
  if (event.type !== "comment.created") return { wanted };
  for (const id of await watchersOf(db, claim.id)) wanted.push({ userId: id, kind: "watched_changed", commentId, data: { ...data, comment: true } });
  return { wanted, watchers: event.actorId ? [event.actorId] : [] };
}

/**
 * Whether the event may tell anyone: one of `RULES`' types, about a claim. The fan-out passes every
 * other event by without a read or a savepoint (most of the log: sources, persons, evidence, sign-ins).
 */
export function fansOut(event: Pick<LoggedEvent, "type" | "entityType" | "entityId">): boolean {
  return event.entityType === "claim" && Object.hasOwn(RULES, event.type) && isUuid(event.entityId);
}

/**
 * Who an event tells, by the rules of issue 20: a mention (comment.created, and comment.edited for
 * the people newly named and never told of that comment before), an assignment (the new assignee), a claim's change of state (its
 * submitter and its watchers, and every editor when it is sent to review), a comment (the watchers).
 * Never the actor; never someone inactive, not yet joined, or who cannot see the claim now (a
 * submitter sees only their own claims: one mentioned on another's claim is told nothing).
 * `watchers`: who starts watching the claim (its submitter, its new assignee, a comment's author).
 */
export async function recipientsOf(db: Db, event: LoggedEvent): Promise<Fanned> {
  if (!fansOut(event)) return NOTHING;
  const [claim] = await db.select({ id: claims.id, submittedById: claims.submittedById, assigneeId: claims.assigneeId }).from(claims).where(eq(claims.id, event.entityId));
  if (!claim) return NOTHING;
  const { wanted, watchers = [] } = await RULES[event.type](db, claim, event);
  const candidates = [...new Set(wanted.map((w) => w.userId))].filter((id) => id !== event.actorId);
  const people = await activePeople(db, candidates);
  const chosen = new Map<string, Wanted>();
  for (const w of wanted) {
    const person = people.get(w.userId);
    if (!person || w.userId === event.actorId || !canSeeClaim(person, claim)) continue;
    const held = chosen.get(w.userId);
    if (!held || PRECEDENCE.indexOf(w.kind) < PRECEDENCE.indexOf(held.kind)) chosen.set(w.userId, w);
  }
  return {
    recipients: [...chosen.values()].map((w) => ({ userId: w.userId, kind: w.kind, claimId: claim.id, commentId: w.commentId ?? null, data: w.data })),
    watchers,
  };
}


/** Of these people, those already told that this comment mentions them (read through notifications_claim_idx). */
async function mentionedBefore(db: Db, claimId: string, commentId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0 || !isUuid(commentId)) return new Set();
  const rows = await db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.claimId, claimId), eq(notifications.kind, "mentioned"), eq(notifications.commentId, commentId), inArray(notifications.userId, ids)));
  return new Set(rows.map((r) => r.userId));
}

async function watchersOf(db: Db, claimId: string): Promise<string[]> {
  const rows = await db.select({ userId: claimWatchers.userId }).from(claimWatchers).where(eq(claimWatchers.claimId, claimId));
  return rows.map((r) => r.userId);
}

async function activeEditors(db: Db): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.role, "editor"), eq(users.isActive, true), isNotNull(users.joinedAt)));
  return rows.map((r) => r.id);
}

/** Of these people, those who are active and have joined, with their role now. */
export async function activePeople(db: Db, ids: string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.isActive, true), isNotNull(users.joinedAt)));
  return new Map(rows.map((r) => [r.id, { id: r.id, role: r.role }]));
}
