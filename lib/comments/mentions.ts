import "server-only";
import { and, asc, eq, ilike, inArray, isNotNull, ne, or } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { containsPattern } from "@/lib/validation/like";
import { parseInput } from "@/lib/validation/parse";
import { ZMentionQuery } from "./schemas";
import { type MentionablePerson, mentionedIn } from "./mention-text";

/** Offered to a picker at a time. */
const OFFERED = 10;
/** The most people a comment's text is matched against: the team, not the whole address book. */
const CANDIDATES_MAX = 2000;

/**
 * Who may be mentioned on a claim: the active people who can see it and take part in its work —
 * every reviewer and editor, and the claim's own submitter. Another submitter cannot see the
 * claim, so is never offered (nor recorded when their name is typed); admins read claims but take
 * no part, and the writer is not offered to themselves. Invited people who have not joined yet
 * are not offered.
 */
export async function mentionablePeople(
  db: Db,
  claim: { submittedById: string },
  writerId: string,
  { q, limit = CANDIDATES_MAX }: { q?: string; limit?: number } = {},
): Promise<MentionablePerson[]> {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.isActive, true),
        isNotNull(users.joinedAt),
        ne(users.id, writerId),
        or(inArray(users.role, ["reviewer", "editor"]), and(eq(users.id, claim.submittedById), ne(users.role, "admin"))),
        q ? ilike(users.name, containsPattern(q)) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit);
}

/** The people a writer may mention on a claim they can see, narrowed by `q` (a picker's list). */
export async function listMentionCandidates(db: Db, actor: Actor | null, claimId: string, query: unknown) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "comments.write");
  const { q } = parseInput(ZMentionQuery, query);
  return { items: await mentionablePeople(db, claim, actor.id, { q, limit: OFFERED }) };
}

/** The ids of the people a comment's text mentions, of those who may be mentioned on the claim. */
export async function resolveMentions(db: Db, claim: { submittedById: string }, writerId: string, body: string): Promise<string[]> {
  if (!body.includes("@")) return [];
  return mentionedIn(body, await mentionablePeople(db, claim, writerId));
}

/** Everyone the actor may mention on a claim they can see, for the page's picker (bounded); nobody for those who may not write. */
export async function listMentionOptions(db: Db, actor: Actor | null, claimId: string): Promise<MentionablePerson[]> {
  const claim = await findVisibleClaim(db, actor, claimId);
  return actor && can(actor, "comments.write") ? mentionablePeople(db, claim, actor.id, { limit: 500 }) : [];
}
