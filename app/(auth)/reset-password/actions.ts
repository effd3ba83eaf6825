"use server";

import { resetPassword } from "@/lib/account/password-reset";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

/** A new password from an e-mailed link; then to sign in with it (every session has ended). */
export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(formData, async ({ db, values }) => {
    await resetPassword(db, { token: values.token ?? "", newPassword: values.newPassword ?? "", confirmPassword: values.confirmPassword ?? "" });
    return { redirectTo: "/login?reset=1" };
  });
  // A refusal never sends the passwords back to the page.
  if (!state.values) return state;
  const { newPassword: _n, confirmPassword: _c, ...values } = state.values;
  return { ...state, values };
}
