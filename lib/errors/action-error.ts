import "server-only";
import { tr } from "@/lib/i18n/translate";
import type { ActionState } from "./action-state";
import { isAppError } from "./app-error";
import { asDoorError } from "./unavailable";

/** AppErrors become a message for the person; anything else is logged and answered generically. */
export function actionStateFromError(thrown: unknown, values?: Record<string, string>): ActionState {
  const error = asDoorError(thrown);
  if (isAppError(error)) {
    return {
      ok: false,
      message: error.message,
      fieldErrors: error.details.fieldErrors,
      links: error.details.links,
      values,
      ...(error.details.guard ? { guard: error.details.guard } : {}),
    };
  }
  console.error("[action] unexpected error:", error);
  return { ok: false, message: tr("errors.generic"), values };
}
