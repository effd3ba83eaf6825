import type { ErrorLink, FieldErrors } from "./app-error";

/** What a server action gives back to its form. */
export type ActionState = {
  ok: boolean;
  message: string | null;
  fieldErrors?: FieldErrors;
  /** The pages that put the refusal right (the items a guard names). */
  links?: ErrorLink[];
  values?: Record<string, string>;
  /** Which check refused, when the operation names one (a takeover's "Take over from …?" asks on it). */
  guard?: string;
  /**
   * What the action made, when the form still has work to do for it before moving on (the
   * new-claim form sends its files to the claim, then goes to `href`).
   */
  created?: { id: string; href: string };
};

/**
 * A server action as a form receives it: bound by the Server Component that renders the form
 * (`action.bind(null, id)`), never inside a Client Component. Bound on the client, every render
 * makes a new binding, and the answer to a post sent without JavaScript never finishes rendering
 * (vercel/next.js#57867); `lib/test/layers.test.ts` keeps every form so.
 */
export type FormActionFn = (state: ActionState, formData: FormData) => Promise<ActionState>;

export const INITIAL_ACTION_STATE: ActionState = { ok: false, message: null };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}
