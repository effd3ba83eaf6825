"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { ClaimEvidenceFields } from "./claim-evidence-fields";
import { CLAIM_KINDS, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** A claim's fields as the form shows them: the stored claim when editing, nothing when submitting. */
export type ClaimFormValues = Partial<Record<string, string | number | null>>;

/**
 * The claim's own fields: submitting a new claim, or (with `editing`) putting one right before
 * publication, where the form sends every field and the version it was read at. With
 * `withEvidence`, a new claim also takes its files and pages to capture (ClaimEvidenceFields);
 * once the claim is made, its own fields are shown as sent and cannot be sent again.
 */
export function ClaimForm({ submit, required, editing, withEvidence = false }: {
  submit: FormActionFn;
  /** The fields the server requires (`REQUIRED_CLAIM_FIELDS`), marked before anything is sent. */
  required: readonly string[];
  editing?: { version: number; values: ClaimFormValues };
  withEvidence?: boolean;
}) {
  const t = useTranslations("claims.form");
  const ui = useTranslations("ui");
  const words = useVocabulary();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: editing ? "edit-" : "", required });
  const made = Boolean(state.created);
  const stored = (name: string, otherwise = "") => {
    const value = editing?.values[name];
    return value === undefined || value === null ? otherwise : String(value);
  };
  return (
    <form action={action} className="space-y-6" noValidate aria-label={editing ? t("editLabel") : t("submitLabel")} data-testid={editing ? "edit-claim-form" : "claim-form"}>
      {editing ? <input type="hidden" name="version" value={editing.version} /> : null}
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" disabled={made}>
        <legend className="px-1 text-sm font-semibold text-stone-800">{t("claimLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("kind")} label={t("kind")}>
            <select key={f.answer} {...f.control("kind", { fallback: stored("kind", "") })}>
              <option value="" disabled>{ui("choose")}</option>
              {CLAIM_KINDS.map((k) => (
                <option key={k} value={k}>{words.kind(k)}</option>
              ))}
            </select>
          </Field>
          <Field {...f.field("language")} label={t("language")} hint={t("languageHint")}>
            <select key={f.answer} {...f.control("language", { fallback: stored("language", "ar") })}>
              {words.languageChoices(stored("language")).map((code) => (
                <option key={code} value={code}>{words.language(code)}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field {...f.field("title")} label={t("title")} hint={t("titleHint")}>
          <input {...f.control("title", { fallback: stored("title") })} dir="auto" maxLength={300} />
        </Field>
        <Field {...f.field("summary")} label={t("summary")} hint={t("summaryHint")}>
          <textarea {...f.control("summary", { fallback: stored("summary") })} dir="auto" rows={5} />
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" disabled={made}>
        <legend className="px-1 text-sm font-semibold text-stone-800">{t("whenWhereLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("incidentDateFrom")} label={t("incidentDateFrom")}>
            <input {...f.control("incidentDateFrom", { fallback: stored("incidentDateFrom") })} type="date" />
          </Field>
          <Field {...f.field("incidentDateTo")} label={t("incidentDateTo")}>
            <input {...f.control("incidentDateTo", { fallback: stored("incidentDateTo") })} type="date" />
          </Field>
        </div>
        <Field {...f.field("placeName")} label={t("place")}>
          <input {...f.control("placeName", { fallback: stored("placeName") })} dir="auto" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field {...f.field("latitude")} label={t("latitude")}>
            <input {...f.control("latitude", { fallback: stored("latitude") })} inputMode="decimal" />
          </Field>
          <Field {...f.field("longitude")} label={t("longitude")}>
            <input {...f.control("longitude", { fallback: stored("longitude") })} inputMode="decimal" />
          </Field>
          <Field {...f.field("placePrecision")} label={t("precision")}>
            <select key={f.answer} {...f.control("placePrecision", { fallback: stored("placePrecision", "") })}>
              <option value="">—</option>
              {PLACE_PRECISIONS.map((p) => (
                <option key={p} value={p}>{t(`precisionOption.${p}`)}</option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" disabled={made}>
        <legend className="px-1 text-sm font-semibold text-stone-800">{t("firstSeenLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("firstSeenSourceName")} label={t("source")} hint={t("sourceHint")}>
            <input {...f.control("firstSeenSourceName", { fallback: stored("firstSeenSourceName") })} dir="auto" />
          </Field>
          <Field {...f.field("firstSeenUrl")} label={t("url")}>
            <input {...f.control("firstSeenUrl", { fallback: stored("firstSeenUrl") })} type="url" />
          </Field>
        </div>
      </fieldset>

      {withEvidence ? <ClaimEvidenceFields state={state} f={f} /> : null}

      <div className="flex items-center gap-3" hidden={made}>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {editing ? (pending ? ui("saving") : t("save")) : pending ? ui("submitting") : t("submit")}
        </button>
        <span className="text-xs text-stone-500">
          {editing ? t("saveNote") : t("submitNote")}
        </span>
      </div>
    </form>
  );
}
