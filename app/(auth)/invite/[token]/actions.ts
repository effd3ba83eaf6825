"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { formAction } from "@/lib/server/doors";
import { acceptInvitation } from "@/lib/users/accept-invitation";

/** The invitation's form: the link (bound on the page) is the credential; the person then signs in as anyone does. */
export async function acceptInvitationAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(formData, async ({ db, values }) => {
    await acceptInvitation(db, { token, name: values.name ?? "", password: values.password ?? "", passwordAgain: values.passwordAgain ?? "" });
    return { message: tr("invite.joined"), refresh: [] };
  });
  // A refusal sends the form's fields back to keep them: never the passwords.
  if (state.values) {
    const { password: _p, passwordAgain: _a, ...kept } = state.values;
    return { ...state, values: kept };
  }
  return state;
}
