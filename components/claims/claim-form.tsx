"use client";

import { useActionState } from "react";
import { KIND_LABEL } from "@/components/ui/badges";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { languageChoices, languageName } from "@/components/ui/format";
import { CLAIM_KINDS, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

const PRECISION_LABEL: Record<string, string> = {
  exact: "Exact spot",
  vicinity: "Vicinity (within about 1 km)",
  locality: "Locality (village or town)",
  region: "Region",
};

/** A claim's fields as the form shows them: the stored claim when editing, nothing when submitting. */
export type ClaimFormValues = Partial<Record<string, string | number | null>>;

/**
 * The claim's own fields: submitting a new claim, or (with `editing`) putting one right before
 * publication, where the form sends every field and the version it was read at.
 */
export function ClaimForm({ submit, required, editing }: {
  submit: FormActionFn;
  /** The fields the server requires (`REQUIRED_CLAIM_FIELDS`), marked before anything is sent. */
  required: readonly string[];
  editing?: { version: number; values: ClaimFormValues };
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: editing ? "edit-" : "", required });
  const stored = (name: string, otherwise = "") => {
    const value = editing?.values[name];
    return value === undefined || value === null ? otherwise : String(value);
  };
  return (
    <form action={action} className="space-y-6" noValidate aria-label={editing ? "Edit the claim" : "Submit a claim"} data-testid={editing ? "edit-claim-form" : "claim-form"}>
      {editing ? <input type="hidden" name="version" value={editing.version} /> : null}
      <FormMessage message={state.message} tone="error" />
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">The claim</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("kind")} label="Kind">
            <select key={f.answer} {...f.control("kind", { fallback: stored("kind", "") })}>
              <option value="" disabled>Choose…</option>
              {CLAIM_KINDS.map((k) => (
                <option key={k} value={k}>{KIND_LABEL[k]}</option>
              ))}
            </select>
          </Field>
          <Field {...f.field("language")} label="Language" hint="The language of the original.">
            <select key={f.answer} {...f.control("language", { fallback: stored("language", "ar") })}>
              {languageChoices(stored("language")).map((code) => (
                <option key={code} value={code}>{languageName(code)}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field {...f.field("title")} label="Title" hint="One checkable statement.">
          <input {...f.control("title", { fallback: stored("title") })} dir="auto" maxLength={300} />
        </Field>
        <Field {...f.field("summary")} label="Summary" hint="What is claimed, by whom, and what would show it true or false.">
          <textarea {...f.control("summary", { fallback: stored("summary") })} dir="auto" rows={5} />
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">When and where</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("incidentDateFrom")} label="Incident date (or start)">
            <input {...f.control("incidentDateFrom", { fallback: stored("incidentDateFrom") })} type="date" />
          </Field>
          <Field {...f.field("incidentDateTo")} label="End of range (optional)">
            <input {...f.control("incidentDateTo", { fallback: stored("incidentDateTo") })} type="date" />
          </Field>
        </div>
        <Field {...f.field("placeName")} label="Place">
          <input {...f.control("placeName", { fallback: stored("placeName") })} dir="auto" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field {...f.field("latitude")} label="Latitude (optional)">
            <input {...f.control("latitude", { fallback: stored("latitude") })} inputMode="decimal" />
          </Field>
          <Field {...f.field("longitude")} label="Longitude (optional)">
            <input {...f.control("longitude", { fallback: stored("longitude") })} inputMode="decimal" />
          </Field>
          <Field {...f.field("placePrecision")} label="Precision">
            <select key={f.answer} {...f.control("placePrecision", { fallback: stored("placePrecision", "") })}>
              <option value="">—</option>
              {PLACE_PRECISIONS.map((p) => (
                <option key={p} value={p}>{PRECISION_LABEL[p]}</option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">Where you first saw it</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("firstSeenSourceName")} label="Source" hint="Outlet, account or channel.">
            <input {...f.control("firstSeenSourceName", { fallback: stored("firstSeenSourceName") })} dir="auto" />
          </Field>
          <Field {...f.field("firstSeenUrl")} label="URL">
            <input {...f.control("firstSeenUrl", { fallback: stored("firstSeenUrl") })} type="url" />
          </Field>
        </div>
      </fieldset>

      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {editing ? (pending ? "Saving…" : "Save the claim") : pending ? "Submitting…" : "Submit claim"}
        </button>
        <span className="text-xs text-stone-500">
          {editing ? "Kept in the audit log with what each field was before." : "It goes to triage; you can follow it in My submissions."}
        </span>
      </div>
    </form>
  );
}
