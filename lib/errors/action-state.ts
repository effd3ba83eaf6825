import { type FieldErrors, isAppError } from "./app-error";
import { asDoorError } from "./unavailable";

/** What a server action gives back to its form. */
export type ActionState = {
  ok: boolean;
  message: string | null;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
};

export const INITIAL_ACTION_STATE: ActionState = { ok: false, message: null };

/** AppErrors become a message for the person; anything else is logged and answered generically. */
export function actionStateFromError(thrown: unknown, values?: Record<string, string>): ActionState {
  const error = asDoorError(thrown);
  if (isAppError(error)) {
    return { ok: false, message: error.message, fieldErrors: error.details.fieldErrors, values };
  }
  console.error("[action] unexpected error:", error);
  return { ok: false, message: "Something went wrong on our side. It has been logged; please try again.", values };
}

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}
