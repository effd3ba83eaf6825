import "server-only";
import type { Db } from "@/db/connect";
import { type Actor, assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import type { BulkAction } from "@/lib/vocabulary";
import { TRANSITIONS } from "@/lib/workflow/machine";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { ZBulkAction } from "./schemas";

/** What became of one item: 200, or the status, code and guard its own refusal had, in words too. */
export type BulkResult = { id: string; status: number; code?: string; guard?: string; message?: string; version?: number };

const PERMISSION_OF: Record<BulkAction, Permission> = {
  assign: "claims.assign",
  accept: TRANSITIONS.accept.permission,
  reject: TRANSITIONS.reject.permission,
  duplicate: TRANSITIONS.duplicate.permission,
};

/**
 * One action on up to BULK_MAX claims, each through the one function that makes it alone
 * (`assignClaim`, `transitionClaim`) with its own scope, permission, version and guard checks, in
 * its own transaction with its own audit event (marked `via: "bulk"`). One item refused does not
 * undo the others: the answer says, per item, what became of it (404 for a claim the actor may not
 * see, 409 for a stale version, 422 with the guard). A role that may not do the action at all is
 * refused whole (403) before any item is touched. Items run one after another, so a large
 * selection is a chunked series of these requests, each bounded.
 */
export async function bulkChangeClaims(db: Db, actor: Actor | null, input: unknown): Promise<{ results: BulkResult[] }> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const data = parseInput(ZBulkAction, input);
  assertCan(actor, PERMISSION_OF[data.action]);
  const results: BulkResult[] = [];
  for (const item of data.items) {
    try {
      const changed =
        data.action === "assign"
          ? await assignClaim(db, actor, item.id, { assigneeId: data.assigneeId ?? null, version: item.version }, { via: "bulk" })
          : await transitionClaim(db, actor, item.id, { action: data.action, version: item.version, reason: data.reason, targetId: data.targetId }, { via: "bulk" });
      results.push({ id: item.id, status: 200, version: changed.version });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ id: item.id, status: error.status, code: error.code, message: error.message, ...(error.details.guard ? { guard: error.details.guard } : {}) });
    }
  }
  return { results };
}
