"use server";

import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { clientAddress } from "@/lib/auth/client-address";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

/** "Forgot your password?": the same answer for every address (only too many requests are refused). */
export async function requestResetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const requestHeaders = await headers();
  return formAction(formData, async ({ db, values }) => {
    await requestPasswordReset(db, { email: values.email ?? "" }, { address: clientAddress(requestHeaders) });
    return { message: (await getTranslations("signIn.forgot"))("sent"), refresh: [], values: {} };
  });
}
