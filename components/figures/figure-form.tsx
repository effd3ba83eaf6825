"use client";

import { useActionState, useState } from "react";
import { recordFigureAction } from "@/app/(workspace)/claims/[claimId]/figure-actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { FIGURE_MEASURES } from "@/lib/vocabulary";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { MEASURE_LABEL } from "./measure";

/** Record one figure a source reported: a value or a range, for a scope, as of a date. */
export function FigureForm({ claimId, sourceOptions, places }: {
  claimId: string;
  sourceOptions: { id: string; name: string }[];
  places: string[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(recordFigureAction.bind(null, claimId), INITIAL_ACTION_STATE);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const [mode, setMode] = useState<"single" | "range">(v.valueMode === "range" ? "range" : "single");
  const invalid = (name: string) => (e[name] ? { "aria-invalid": true, "aria-describedby": `fig-${name}-error` } : {});
  const unknownErrors = Object.entries(e).filter(([k]) => !FIELDS.includes(k));
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Record a figure" data-testid="figure-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      {unknownErrors.length ? <p className="text-xs text-rose-700">{unknownErrors.map(([k, m]) => `${k}: ${m.join(" ")}`).join(" · ")}</p> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="fig-measure" label="Measure" errors={e.measure}>
          <select id="fig-measure" name="measure" defaultValue={v.measure ?? "killed"} className={inputClass} {...invalid("measure")}>
            {FIGURE_MEASURES.map((m) => <option key={m} value={m}>{MEASURE_LABEL[m]}</option>)}
          </select>
        </Field>
        <fieldset className="space-y-1 sm:col-span-2">
          <legend className="text-sm font-medium text-stone-800">Reported number</legend>
          <input type="hidden" name="valueMode" value={mode} />
          {/* Buttons, not radios: React's reset of the form after each action would re-check a
              radio's default and leave it out of step with the fields shown. */}
          <div className="inline-flex rounded-md border border-stone-300 bg-stone-50 p-0.5 text-xs" role="group" aria-label="One value or a range">
            {(["single", "range"] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
                className={`rounded px-2.5 py-1 font-medium ${mode === m ? "bg-white text-teal-900 shadow-sm ring-1 ring-stone-300" : "text-stone-600 hover:text-stone-900"}`}
              >
                {m === "single" ? "One value" : "A range"}
              </button>
            ))}
          </div>
          {mode === "single" ? (
            <Field id="fig-value" label="Value" errors={e.value}>
              <input id="fig-value" name="value" inputMode="numeric" defaultValue={v.value} placeholder="1383" className={inputClass} {...invalid("value")} />
            </Field>
          ) : (
            <div className="grid grid-cols-2 gap-3">
              <Field id="fig-valueMin" label="At least" errors={e.valueMin ?? e.value}>
                <input id="fig-valueMin" name="valueMin" inputMode="numeric" defaultValue={v.valueMin} className={inputClass} {...invalid("valueMin")} />
              </Field>
              <Field id="fig-valueMax" label="At most" errors={e.valueMax}>
                <input id="fig-valueMax" name="valueMax" inputMode="numeric" defaultValue={v.valueMax} className={inputClass} {...invalid("valueMax")} />
              </Field>
            </div>
          )}
        </fieldset>
      </div>
      <Field id="fig-scopePlace" label="Place" hint="The area the number covers. Spelling, case and accents do not split a series." errors={e.scopePlace}>
        <input id="fig-scopePlace" name="scopePlace" dir="auto" list="fig-places" defaultValue={v.scopePlace} maxLength={200} className={inputClass} {...invalid("scopePlace")} />
      </Field>
      <datalist id="fig-places">
        {places.map((p) => <option key={p} value={p} />)}
      </datalist>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="fig-scopePeriodFrom" label="Period from (optional)" errors={e.scopePeriodFrom}>
          <input id="fig-scopePeriodFrom" name="scopePeriodFrom" type="date" defaultValue={v.scopePeriodFrom} className={inputClass} {...invalid("scopePeriodFrom")} />
        </Field>
        <Field id="fig-scopePeriodTo" label="Period to (optional)" errors={e.scopePeriodTo}>
          <input id="fig-scopePeriodTo" name="scopePeriodTo" type="date" defaultValue={v.scopePeriodTo} className={inputClass} {...invalid("scopePeriodTo")} />
        </Field>
        <Field id="fig-asOf" label="As of" hint="The date the source gave the number." errors={e.asOf}>
          <input id="fig-asOf" name="asOf" type="date" defaultValue={v.asOf} className={inputClass} {...invalid("asOf")} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="fig-sourceId" label="Source" errors={e.sourceId}>
          <select id="fig-sourceId" name="sourceId" defaultValue={v.sourceId ?? ""} className={inputClass} {...invalid("sourceId")}>
            <option value="">Choose…</option>
            {sourceOptions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field id="fig-note" label="Note (optional)" errors={e.note}>
          <input id="fig-note" name="note" dir="auto" defaultValue={v.note} maxLength={2000} placeholder="“expected to rise”" className={inputClass} {...invalid("note")} />
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {pending ? "Recording…" : "Record figure"}
      </button>
    </form>
  );
}

const FIELDS = ["measure", "value", "valueMin", "valueMax", "scopePlace", "scopePeriodFrom", "scopePeriodTo", "asOf", "sourceId", "note"];
