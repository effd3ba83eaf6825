import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/errors/action-state";
import type { ErrorLink } from "@/lib/errors/app-error";

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm placeholder:text-stone-400 focus:border-teal-700 focus:outline-none focus:ring-1 focus:ring-teal-700 disabled:bg-stone-100 disabled:text-stone-600 aria-[invalid=true]:border-rose-600";

/** Buttons, each at least 44 px high on a phone (a thumb's target). */
export const buttonClass = {
  primary:
    "inline-flex items-center justify-center gap-2 max-md:min-h-11 rounded-md bg-teal-800 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-teal-900 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "inline-flex items-center justify-center gap-2 max-md:min-h-11 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-60",
  danger:
    "inline-flex items-center justify-center gap-2 max-md:min-h-11 rounded-md bg-rose-800 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-rose-900 disabled:cursor-not-allowed disabled:opacity-60",
};

/**
 * A labelled control with its hint or its errors. A required field says so beside its label before
 * anything is sent (the control carries `aria-required`, from `formFields(…).control`); the label's
 * own text stays the field's name.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("ui");
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-stone-800">
          {label}
        </label>
        {required ? (
          <span className="text-xs text-stone-500" data-testid="required-mark">
            {t("required")}
          </span>
        ) : null}
      </div>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-stone-500">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-rose-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const answerIds = new WeakMap<ActionState, number>();
let answers = 0;

/**
 * A key that changes with each answer of a form's action, for its <select>s. React resets a form
 * once its action has answered, and a select then falls back to its first option, not to the
 * value it was re-rendered with (facebook/react#32362): after a refusal, the kind or grade the
 * person chose was gone. Keyed by the answer, each select is made anew showing the value sent.
 */
export function answerKey(state: ActionState): string {
  let id = answerIds.get(state);
  if (id === undefined) answerIds.set(state, (id = ++answers));
  return `answer-${id}`;
}

type FieldOptions = {
  /** The element's id when it is not the prefix and the name (kept where pages and tests use it). */
  id?: string;
  /** The value before anything was sent; after a refusal, the value sent is shown again instead. */
  fallback?: string | null;
};

type FormOptions = {
  idPrefix?: string;
  /** The fields the server refuses to go without: marked beside their labels and `aria-required`. */
  required?: readonly string[];
};

/**
 * The fields of a form a server action answers, said once for every form: `field(name)` gives a
 * <Field> its id and the errors for that name, `control(name)` gives its input, select or
 * textarea the same id, the name, the value sent back after a refusal (else `fallback`), the
 * shared style, and, when the field was refused, `aria-invalid` pointing at the error's text.
 */
export function formFields(state: ActionState, { idPrefix = "", required = [] }: FormOptions = {}) {
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const isRequired = (name: string) => required.includes(name);
  const idOf = (name: string, id?: string) => id ?? `${idPrefix}${name}`;
  return {
    values,
    errors,
    /** The key of every <select> of the form (see `answerKey`). */
    answer: answerKey(state),
    field: (name: string, { id }: FieldOptions = {}) => ({ id: idOf(name, id), errors: errors[name], required: isRequired(name) }),
    control: (name: string, { id, fallback }: FieldOptions = {}) => ({
      id: idOf(name, id),
      name,
      defaultValue: values[name] ?? fallback ?? undefined,
      className: inputClass,
      ...(isRequired(name) ? { "aria-required": true } : {}),
      ...(errors[name] ? { "aria-invalid": true, "aria-describedby": `${idOf(name, id)}-error` } : {}),
    }),
  };
}

/** A form's answer; a refusal may name the pages that put it right (the items a guard names). */
export function FormMessage({ message, tone, links }: { message?: string | null; tone: "error" | "success"; links?: ErrorLink[] }) {
  if (!message) return null;
  const style =
    tone === "error" ? "border-rose-200 bg-rose-50 text-rose-900" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={`form-${tone}`} className={`rounded-md border px-3 py-2 text-sm ${style}`}>
      <p>{message}</p>
      {links?.length ? (
        <ul className="mt-1 list-disc ps-5" data-testid="form-links">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} className="underline" dir="auto">{link.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
