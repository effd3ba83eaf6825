import "server-only";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { listClaims } from "./list-claims";
import type { TClaimQuery } from "./schemas";

/** Most claims "select all matching" selects: a bulk action on more is done a selection at a time. */
export const SELECT_ALL_MAX = 500;

/**
 * Every claim the queue's filters match, as a selection (id, version and title), up to
 * SELECT_ALL_MAX: the queue's own pages read on, so what is selected is exactly what the filters
 * show. `more` is true when the filters match more than were selected.
 */
export async function selectMatchingClaims(db: Db, actor: Actor | null, query: TClaimQuery) {
  const items: { id: string; version: number; title: string }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listClaims(db, actor, { ...query, cursor, limit: 100 });
    items.push(...page.items.map(({ id, version, title }) => ({ id, version, title })));
    if (!page.nextCursor || items.length >= SELECT_ALL_MAX) return { items: items.slice(0, SELECT_ALL_MAX), more: items.length > SELECT_ALL_MAX || !!page.nextCursor };
    cursor = page.nextCursor;
  }
}
