import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { accountLinks, users } from "@/db/schema";
import { type ApiTokenDto, listTokens } from "@/lib/auth/api-tokens";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { listSessions, type SessionDto } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { isUuid } from "@/lib/validation/uuid";
import { toUserSummary, USER_SUMMARY_COLUMNS, type UserSummaryDto } from "./list-users";

export type UserDetailDto = UserSummaryDto & {
  /** When the pending invitation's link lapses (null: none live). */
  invitationExpiresAt: string | null;
  tokens: ApiTokenDto[];
  sessions: SessionDto[];
};

/** One person for the admin screen: their account, tokens and live sessions (`currentSessionId` marks the admin's own). */
export async function getUserDetail(db: Db, actor: Actor | null, userId: string, currentSessionId?: string): Promise<UserDetailDto> {
  assertCan(actor, "users.manage");
  const notFound = new AppError("NOT_FOUND", tr("errors.users.notFound"));
  if (!isUuid(userId)) throw notFound;
  const [row] = await db.select(USER_SUMMARY_COLUMNS).from(users).where(eq(users.id, userId));
  if (!row) throw notFound;
  const [[link], tokens, sessions] = await Promise.all([
    db
      .select({ expiresAt: accountLinks.expiresAt })
      .from(accountLinks)
      .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, "invitation"), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, new Date())))
      .orderBy(desc(accountLinks.createdAt))
      .limit(1),
    listTokens(db, actor, userId),
    listSessions(db, actor, userId, currentSessionId),
  ]);
  return { ...toUserSummary(row), invitationExpiresAt: row.joinedAt ? null : (link?.expiresAt.toISOString() ?? null), tokens, sessions };
}
