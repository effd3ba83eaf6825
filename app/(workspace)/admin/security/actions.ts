"use server";

import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { formAction } from "@/lib/server/doors";
import { ROLES } from "@/lib/vocabulary";

/** Which roles must enrol a second factor: one checkbox per role, sent only when ticked. */
export async function saveTwoFactorPolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await setTwoFactorPolicy(db, actor, Object.fromEntries(ROLES.map((role) => [role, values[`require-${role}`] === "on"])));
    return { message: tr("twoFactor.policy.saved"), refresh: ["/admin/security"] };
  });
}
