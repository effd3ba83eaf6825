"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { FIGURE_MEASURES } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { useVocabulary } from "@/components/ui/speech";

/** Record one figure a source reported: a value or a range, for a scope, as of a date. */
export function FigureForm({ submit, required, sourceOptions, places }: {
  submit: FormActionFn;
  /** The fields the server requires (`REQUIRED_FIGURE_FIELDS`), marked before anything is sent. */
  required: readonly string[];
  sourceOptions: { id: string; name: string }[];
  places: string[];
}) {
  const t = useTranslations("figures.form");
  const words = useVocabulary();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "fig-", required });
  const [mode, setMode] = useState<"single" | "range">(f.values.valueMode === "range" ? "range" : "single");
  const unknownErrors = Object.entries(f.errors).filter(([k]) => !FIELDS.includes(k));
  return (
    <form action={action} className="space-y-4" noValidate aria-label={t("label")} data-testid="figure-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      {unknownErrors.length ? <p className="text-xs text-rose-700">{unknownErrors.map(([k, m]) => `${k}: ${m.join(" ")}`).join(" · ")}</p> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field {...f.field("measure")} label={t("measure")}>
          <select key={f.answer} {...f.control("measure", { fallback: "killed" })}>
            {FIGURE_MEASURES.map((m) => <option key={m} value={m}>{words.measure(m)}</option>)}
          </select>
        </Field>
        <fieldset className="space-y-1 sm:col-span-2">
          <legend className="text-sm font-medium text-stone-800">{t("reported")}</legend>
          <input type="hidden" name="valueMode" value={mode} />
          {/* Buttons, not radios: React's reset of the form after each action would re-check a
              radio's default and leave it out of step with the fields shown. */}
          <div className="inline-flex rounded-md border border-stone-300 bg-stone-50 p-0.5 text-xs" role="group" aria-label={t("mode")}>
            {(["single", "range"] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
                className={`rounded px-2.5 py-1 font-medium ${mode === m ? "bg-white text-teal-900 shadow-sm ring-1 ring-stone-300" : "text-stone-600 hover:text-stone-900"}`}
              >
                {m === "single" ? t("single") : t("range")}
              </button>
            ))}
          </div>
          {mode === "single" ? (
            <Field {...f.field("value")} label={t("value")}>
              <input {...f.control("value")} inputMode="numeric" placeholder="1383" />
            </Field>
          ) : (
            <div className="grid grid-cols-2 gap-3">
              <Field id="fig-valueMin" label={t("atLeast")} errors={f.errors.valueMin ?? f.errors.value} required>
                <input {...f.control("valueMin")} inputMode="numeric" />
              </Field>
              <Field {...f.field("valueMax")} label={t("atMost")}>
                <input {...f.control("valueMax")} inputMode="numeric" />
              </Field>
            </div>
          )}
        </fieldset>
      </div>
      <Field {...f.field("scopePlace")} label={t("place")} hint={t("placeHint")}>
        <input {...f.control("scopePlace")} dir="auto" list="fig-places" maxLength={200} />
      </Field>
      <datalist id="fig-places">
        {places.map((p) => <option key={p} value={p} />)}
      </datalist>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field {...f.field("scopePeriodFrom")} label={t("from")}>
          <input {...f.control("scopePeriodFrom")} type="date" />
        </Field>
        <Field {...f.field("scopePeriodTo")} label={t("to")}>
          <input {...f.control("scopePeriodTo")} type="date" />
        </Field>
        <Field {...f.field("asOf")} label={t("asOf")} hint={t("asOfHint")}>
          <input {...f.control("asOf")} type="date" />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...f.field("sourceId")} label={t("source")}>
          <select key={f.answer} {...f.control("sourceId", { fallback: "" })}>
            <option value="">{t("choose")}</option>
            {sourceOptions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field {...f.field("note")} label={t("note")}>
          <input {...f.control("note")} dir="auto" maxLength={2000} placeholder={t("notePlaceholder")} />
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {pending ? t("recording") : t("record")}
      </button>
    </form>
  );
}

const FIELDS = ["measure", "value", "valueMin", "valueMax", "scopePlace", "scopePeriodFrom", "scopePeriodTo", "asOf", "sourceId", "note"];
