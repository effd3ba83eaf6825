"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { answerKey, buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { CLAIM_KINDS, GRADES, PLACE_PRECISIONS } from "@/lib/vocabulary";

/** The public fields as the claim has them now (and the internal rationale of its grade), as text. */
export type CorrectionValues = Record<
  "kind" | "title" | "summary" | "language" | "incidentDateFrom" | "incidentDateTo" | "placeName" | "latitude" | "longitude" | "placePrecision" | "grade" | "gradeRationale",
  string
>;

/** The wording in one interface language other than the claim's own, as published now (empty: none yet). */
export type TranslationValues = { locale: string; title: string; summary: string; outdated: boolean };

type Props = {
  submit: FormActionFn;
  /** One per interface language other than the claim's: a translation is drafted and published like any correction. */
  translations: TranslationValues[];
  version: number;
  /** The claim's values now: what the fields are compared with to send only the changed ones. */
  current: CorrectionValues;
  /** The waiting draft's values, shown instead, so redrafting starts from it (and its drafter's name). */
  draft?: { values: CorrectionValues; draftedBy: string } | null;
};

/**
 * Draft a correction: every public field, prefilled with the claim's current values (or the draft
 * being replaced), and the reason, which is published as the correction note. Only the fields
 * changed here are sent as the draft's (each with the value it showed, `original_*`). Persons,
 * figures and evidence are changed in their own panels; they join the version when it is published.
 */
export function CorrectionForm({ submit, version, current, draft, translations }: Props) {
  const t = useTranslations("claims");
  const ui = useTranslations("ui");
  const words = useVocabulary();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `correct-${name}`;
  // The schema names a changed field `changes.title`; a rule across fields names the field itself.
  const errors = (name: string) => e[`changes.${name}`] ?? e[name];
  const control = (name: keyof CorrectionValues) => ({
    id: id(name),
    name: `change_${name}`,
    defaultValue: v[`change_${name}`] ?? (draft ?? { values: current }).values[name],
    className: inputClass,
    ...(errors(name) ? { "aria-invalid": true, "aria-describedby": `${id(name)}-error` } : {}),
  });
  return (
    <form action={formAction} className="space-y-3" aria-label={t("step.correct")} data-testid="transition-correct" noValidate>
      <input type="hidden" name="action" value="correct" />
      <input type="hidden" name="version" value={version} />
      {Object.entries(current).map(([name, value]) => (
        <input key={name} type="hidden" name={`original_${name}`} value={value} />
      ))}
      <p className="text-sm text-stone-600">
        {draft ? t("correction.introAgain", { name: draft.draftedBy }) : t("correction.intro")}
      </p>
      <FormMessage message={state.message} tone="error" links={state.links} />
      <Field id={id("title")} label={t("field.title")} errors={errors("title")}>
        <input {...control("title")} dir="auto" maxLength={300} />
      </Field>
      <Field id={id("summary")} label={t("field.summary")} errors={errors("summary")}>
        <textarea {...control("summary")} rows={4} dir="auto" />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <Field id={id("kind")} label={t("field.kind")} errors={errors("kind")}>
          <select key={answerKey(state)} {...control("kind")}>
            {CLAIM_KINDS.map((k) => (
              <option key={k} value={k}>{words.kind(k)}</option>
            ))}
          </select>
        </Field>
        <Field id={id("language")} label={t("field.language")} errors={errors("language")}>
          <select key={answerKey(state)} {...control("language")}>
            {words.languageChoices(current.language).map((code) => (
              <option key={code} value={code}>{words.language(code)}</option>
            ))}
          </select>
        </Field>
        <Field id={id("incidentDateFrom")} label={t("field.incidentDateFrom")} errors={errors("incidentDateFrom")}>
          <input {...control("incidentDateFrom")} type="date" />
        </Field>
        <Field id={id("incidentDateTo")} label={t("field.incidentDateTo")} errors={errors("incidentDateTo")}>
          <input {...control("incidentDateTo")} type="date" />
        </Field>
      </div>
      <Field id={id("placeName")} label={t("field.placeName")} errors={errors("placeName")}>
        <input {...control("placeName")} dir="auto" />
      </Field>
      <div className="grid grid-cols-3 gap-2">
        <Field id={id("latitude")} label={t("field.latitude")} errors={errors("latitude")}>
          <input {...control("latitude")} inputMode="decimal" />
        </Field>
        <Field id={id("longitude")} label={t("field.longitude")} errors={errors("longitude")}>
          <input {...control("longitude")} inputMode="decimal" />
        </Field>
        <Field id={id("placePrecision")} label={t("field.placePrecision")} errors={errors("placePrecision")}>
          <select key={answerKey(state)} {...control("placePrecision")}>
            <option value="">—</option>
            {PLACE_PRECISIONS.map((p) => (
              <option key={p} value={p}>{t(`precisionWord.${p}`)}</option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={id("grade")} label={t("field.grade")} errors={errors("grade")}>
        <select key={answerKey(state)} {...control("grade")}>
          {GRADES.filter((g) => g !== "discounted").map((g) => (
            <option key={g} value={g}>{t("gradeOption", { grade: words.grade(g), meaning: words.gradeMeaning(g) })}</option>
          ))}
        </select>
      </Field>
      <Field id={id("gradeRationale")} label={t("correction.rationale")} errors={errors("gradeRationale")}>
        <textarea {...control("gradeRationale")} rows={2} dir="auto" />
      </Field>
      {translations.length > 0 ? (
        <fieldset className="space-y-2 rounded-md border border-stone-200 p-3" data-testid="correction-translations">
          <legend className="px-1 text-sm font-medium text-stone-800">{t("correction.translations")}</legend>
          <p className="text-xs text-stone-600">{t("correction.translationsHint")}</p>
          {translations.map((tr) => (
            <div key={tr.locale} className="space-y-2" lang={tr.locale}>
              <input type="hidden" name={`original_translation_${tr.locale}_title`} value={tr.title} />
              <input type="hidden" name={`original_translation_${tr.locale}_summary`} value={tr.summary} />
              {tr.outdated ? <p className="text-xs text-amber-900">{t("correction.translationOutdated", { language: words.languageName(tr.locale) })}</p> : null}
              <Field id={id(`translation-${tr.locale}-title`)} label={t("correction.translationTitle", { language: words.languageName(tr.locale) })} errors={errors(`translations.${tr.locale}.title`) ?? errors(`translations.${tr.locale}`)}>
                <input
                  id={id(`translation-${tr.locale}-title`)}
                  name={`translation_${tr.locale}_title`}
                  defaultValue={v[`translation_${tr.locale}_title`] ?? tr.title}
                  className={inputClass}
                  dir="auto"
                  maxLength={300}
                />
              </Field>
              <Field id={id(`translation-${tr.locale}-summary`)} label={t("correction.translationSummary", { language: words.languageName(tr.locale) })} errors={errors(`translations.${tr.locale}.summary`)}>
                <textarea
                  id={id(`translation-${tr.locale}-summary`)}
                  name={`translation_${tr.locale}_summary`}
                  defaultValue={v[`translation_${tr.locale}_summary`] ?? tr.summary}
                  className={inputClass}
                  rows={3}
                  dir="auto"
                />
              </Field>
            </div>
          ))}
        </fieldset>
      ) : null}
      <Field id={id("reason")} label={t("correction.reason")} errors={e.reason}>
        <textarea id={id("reason")} name="reason" rows={2} dir="auto" defaultValue={v.reason} className={inputClass} required aria-required="true" />
      </Field>
      <p className="text-xs text-stone-600">{t("correction.reasonNote")}</p>
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {pending ? ui("working") : t("correction.submit")}
      </button>
    </form>
  );
}
