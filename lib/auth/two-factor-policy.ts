import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { twoFactorPolicy } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { parseInput } from "@/lib/validation/parse";
import { type Role, ROLES } from "@/lib/vocabulary";
import { type Actor, assertCan } from "./permissions";

/**
 * Which roles must enrol a second factor (an admin's policy). A person of such a role with none
 * signs in to a session that opens nothing but enrolment (lib/auth/sessions.ts, stage "enrol").
 */
export type TwoFactorPolicy = Record<Role, boolean>;

export const ZTwoFactorPolicy = z.object(Object.fromEntries(ROLES.map((role) => [role, z.boolean()])) as Record<Role, z.ZodBoolean>).strict();
export type TTwoFactorPolicy = z.input<typeof ZTwoFactorPolicy>;

async function readPolicy(db: Db): Promise<TwoFactorPolicy> {
  const rows = await db.select({ role: twoFactorPolicy.role, required: twoFactorPolicy.required }).from(twoFactorPolicy);
  const policy = Object.fromEntries(ROLES.map((role) => [role, false])) as TwoFactorPolicy;
  for (const row of rows) policy[row.role] = row.required;
  return policy;
}

export async function getTwoFactorPolicy(db: Db, actor: Actor | null): Promise<TwoFactorPolicy> {
  assertCan(actor, "users.manage");
  return readPolicy(db);
}

/** Whether a role must have a second factor (for a person removing one of theirs). */
export async function roleMustEnrol(db: Db, role: Role): Promise<boolean> {
  const [row] = await db.select({ required: twoFactorPolicy.required }).from(twoFactorPolicy).where(eq(twoFactorPolicy.role, role));
  return !!row?.required;
}

/** Sets which roles must enrol (admins only); every role is named. Audited with each changed role's before and after. */
export async function setTwoFactorPolicy(db: Db, actor: Actor | null, input: unknown): Promise<TwoFactorPolicy> {
  assertCan(actor, "users.manage");
  const after = parseInput(ZTwoFactorPolicy, input) as TwoFactorPolicy;
  return db.transaction(async (tx) => {
    const before = await readPolicy(tx);
    const changes = diffFields(before, after);
    if (Object.keys(changes).length === 0) return before;
    for (const role of ROLES) {
      await tx.insert(twoFactorPolicy).values({ role, required: after[role] }).onConflictDoUpdate({ target: twoFactorPolicy.role, set: { required: after[role] } });
    }
    await appendAuditEvent(tx, actor.id, { type: "settings.two_factor_policy_changed", entity: { type: "settings", id: "two_factor_policy" }, data: { changes } });
    return after;
  });
}
