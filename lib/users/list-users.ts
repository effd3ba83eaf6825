import "server-only";
import { and, asc, eq, ilike, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { HAS_SECOND_FACTOR } from "@/lib/auth/sessions";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, ZCursorText } from "@/lib/validation/cursor";
import { asText, asUuid, pastCursor } from "@/lib/validation/keyset";
import { containsPattern } from "@/lib/validation/like";
import { parseInput } from "@/lib/validation/parse";
import type { Role, UserStatus } from "@/lib/vocabulary";
import { type TUserQuery, ZUserQuery } from "./schemas";

/** A person as the admin screen lists them: never a password hash, a TOTP secret or an identity provider's subject. */
export type UserSummaryDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  hasSecondFactor: boolean;
  joinedAt: string | null;
  createdAt: string;
};

export const USER_SUMMARY_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  isActive: users.isActive,
  joinedAt: users.joinedAt,
  createdAt: users.createdAt,
  hasSecondFactor: HAS_SECOND_FACTOR,
};

type SummaryRow = { id: string; email: string; name: string; role: Role; isActive: boolean; joinedAt: Date | null; createdAt: Date; hasSecondFactor: boolean };

/** Deactivated wins over invited: a pending invitation of a deactivated person does not work. */
export function statusOf(row: { isActive: boolean; joinedAt: Date | null }): UserStatus {
  return !row.isActive ? "deactivated" : row.joinedAt ? "active" : "invited";
}

export function toUserSummary(row: SummaryRow): UserSummaryDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: statusOf(row),
    hasSecondFactor: !!row.hasSecondFactor,
    joinedAt: row.joinedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const STATUS_WHERE: Record<UserStatus, SQL | undefined> = {
  invited: and(eq(users.isActive, true), isNull(users.joinedAt)),
  active: and(eq(users.isActive, true), isNotNull(users.joinedAt)),
  deactivated: eq(users.isActive, false),
};

/** The people of the workspace by e-mail (admins only): searched by name or e-mail, filtered by status, keyset-paginated. */
export async function listUsers(db: Db, actor: Actor | null, query: TUserQuery): Promise<{ items: UserSummaryDto[]; nextCursor: string | null }> {
  assertCan(actor, "users.manage");
  const { q, status, cursor, limit } = parseInput(ZUserQuery, query);
  const after = decodeCursor(z.tuple([ZCursorText, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [];
  if (q) where.push(or(ilike(users.name, containsPattern(q)), ilike(users.email, containsPattern(q))));
  if (status) where.push(STATUS_WHERE[status]);
  if (after) where.push(pastCursor([users.email, users.id], [asText(after[0]), asUuid(after[1])], "asc"));
  const rows = await db
    .select(USER_SUMMARY_COLUMNS)
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.email), asc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toUserSummary), nextCursor: rows.length > limit && last ? encodeCursor([last.email, last.id]) : null };
}
