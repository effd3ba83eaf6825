"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, Field, FormMessage, formFields, inputClass } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { LOCALES } from "@/lib/i18n/locales";
import { AGE_BANDS, CASUALTY_CAUSES, CASUALTY_STATUSES, DATE_PRECISIONS, GRADES, INCIDENT_TYPES, PLACE_PRECISIONS, SEXES } from "@/lib/vocabulary";

type Option = { id: string; label: string };

/** An incident's fields as its edit form starts from them. */
export type IncidentFormValues = {
  title: string;
  language: string;
  translatedTitle: string;
  type: string;
  summary: string;
  placeName: string;
  placePrecision: string;
  latitude: string;
  longitude: string;
  startDate: string;
  endDate: string;
  startTime: string;
  datePrecision: string;
  parentId: string;
  version: number;
};

function Choices<T extends string>({ list, word }: { list: readonly T[]; word: (value: T) => string }) {
  return list.map((value) => <option key={value} value={value}>{word(value)}</option>);
}

/**
 * A new incident (from the incidents page, or from a claim: `claimId` links it at once), or an
 * existing one's fields (`initial`, with its version).
 */
export function IncidentForm({ submit, required, parents, initial, claimId, locale }: {
  submit: FormActionFn;
  required: readonly string[];
  parents: Option[];
  initial?: IncidentFormValues;
  claimId?: string;
  locale: string;
}) {
  const t = useTranslations("incidents.form");
  const w = useTranslations("incidents.words");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields({ ...state, values: state.values ?? (initial ? Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, String(v)])) : undefined) }, { idPrefix: "incident-", required });
  // The other title's label follows the language chosen for the title.
  const [language, setLanguage] = useState(f.values.language ?? locale);
  return (
    <form action={action} className="space-y-3" aria-label={initial ? t("editLabel") : t("createLabel")} data-testid={initial ? "edit-incident-form" : "create-incident-form"}>
      <FormMessage message={state.message} tone="error" />
      {initial ? <input type="hidden" name="version" value={initial.version} /> : null}
      {claimId ? <input type="hidden" name="claimId" value={claimId} /> : null}
      <Field {...f.field("title")} label={t("title")}>
        <input {...f.control("title")} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("language")} label={t("titleLanguage")}>
          <select key={f.answer} {...f.control("language", { fallback: locale })} onChange={(e) => setLanguage(e.target.value)}>
            {LOCALES.map((l) => <option key={l} value={l}>{t(`language.${l}`)}</option>)}
          </select>
        </Field>
        <Field {...f.field("translatedTitle")} label={t("translatedTitle", { language: language === "ar" ? "en" : "ar" })}>
          <input {...f.control("translatedTitle")} dir="auto" />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("type")} label={t("type")}>
          <select key={f.answer} {...f.control("type", { fallback: "killing" })}>
            <Choices list={INCIDENT_TYPES} word={(v) => w(`type.${v}`)} />
          </select>
        </Field>
        <Field {...f.field("parentId")} label={t("parent")}>
          <select key={f.answer} {...f.control("parentId", { fallback: "" })}>
            <option value="">{t("noParent")}</option>
            {parents.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </Field>
      </div>
      <Field {...f.field("summary")} label={t("summary")}>
        <textarea {...f.control("summary")} rows={3} dir="auto" />
      </Field>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-3">
        <legend className="px-1 text-sm font-medium">{t("where")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field {...f.field("placeName")} label={t("placeName")}>
            <input {...f.control("placeName")} dir="auto" />
          </Field>
          <Field {...f.field("placePrecision")} label={t("placePrecision")}>
            <select key={f.answer} {...f.control("placePrecision", { fallback: "locality" })}>
              <Choices list={PLACE_PRECISIONS} word={(v) => w(`placePrecision.${v}`)} />
            </select>
          </Field>
          <Field {...f.field("latitude")} label={t("latitude")}>
            <input {...f.control("latitude")} inputMode="decimal" dir="ltr" />
          </Field>
          <Field {...f.field("longitude")} label={t("longitude")}>
            <input {...f.control("longitude")} inputMode="decimal" dir="ltr" />
          </Field>
        </div>
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-3">
        <legend className="px-1 text-sm font-medium">{t("when")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field {...f.field("startDate")} label={t("startDate")}>
            <input {...f.control("startDate")} type="date" dir="ltr" />
          </Field>
          <Field {...f.field("endDate")} label={t("endDate")}>
            <input {...f.control("endDate")} type="date" dir="ltr" />
          </Field>
          <Field {...f.field("datePrecision")} label={t("datePrecision")}>
            <select key={f.answer} {...f.control("datePrecision", { fallback: "day" })}>
              <Choices list={DATE_PRECISIONS} word={(v) => w(`datePrecision.${v}`)} />
            </select>
          </Field>
          <Field {...f.field("startTime")} label={t("startTime")}>
            <input {...f.control("startTime")} type="time" dir="ltr" />
          </Field>
        </div>
      </fieldset>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : initial ? t("save") : t("create")}</button>
    </form>
  );
}

/** One field naming a thing to link (a claim to the incident, or an incident to the claim). */
export function LinkForm({ submit, name, label, options, testId }: { submit: FormActionFn; name: "claimId" | "incidentId"; label: string; options?: Option[]; testId: string }) {
  const t = useTranslations("incidents.form");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: `${testId}-` });
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" data-testid={testId}>
      <Field {...f.field(name)} label={label}>
        {options ? (
          <select key={f.answer} {...f.control(name, { fallback: "" })}>
            <option value="">{t("choose")}</option>
            {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        ) : (
          <input {...f.control(name)} dir="ltr" placeholder={t("idPlaceholder")} />
        )}
      </Field>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("linking") : t("link")}</button>
      <FormMessage message={state.message} tone="error" />
    </form>
  );
}

/** A button that asks once more before it removes something (a link, a record, an attribution). */
export function ConfirmRemove({ submit, label, confirm, testId }: { submit: FormActionFn; label: string; confirm: string; testId: string }) {
  const t = useTranslations("incidents.form");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2 text-xs" data-testid={testId}>
      {confirming ? (
        <>
          <button type="submit" disabled={pending} className={`${buttonClass.danger} px-3 py-1 text-xs`}>{pending ? t("removing") : confirm}</button>
          <button type="button" onClick={() => setConfirming(false)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{t("cancel")}</button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{label}</button>
      )}
      <FormMessage message={state.message} tone="error" />
    </form>
  );
}

/** A victim of the incident: a person the workspace knows, with what is known of their death. */
export function CasualtyForm({ submit, persons, sources }: { submit: FormActionFn; persons: Option[]; sources: Option[] }) {
  const t = useTranslations("incidents.form");
  const w = useTranslations("incidents.words");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "casualty-", required: ["personId"] });
  return (
    <form action={action} className="space-y-3" aria-label={t("recordLabel")} data-testid="casualty-form">
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("personId")} label={t("person")}>
        <select key={f.answer} {...f.control("personId", { fallback: "" })}>
          <option value="">{t("choosePerson")}</option>
          {persons.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("dateOfDeath")} label={t("dateOfDeath")}>
          <input {...f.control("dateOfDeath")} type="date" dir="ltr" />
        </Field>
        <Field {...f.field("placeOfDeath")} label={t("placeOfDeath")}>
          <input {...f.control("placeOfDeath")} dir="auto" />
        </Field>
        <Field {...f.field("cause")} label={t("cause")}>
          <select key={f.answer} {...f.control("cause", { fallback: "unknown" })}>
            <Choices list={CASUALTY_CAUSES} word={(v) => w(`cause.${v}`)} />
          </select>
        </Field>
        <Field {...f.field("status")} label={t("status")}>
          <select key={f.answer} {...f.control("status", { fallback: "unknown" })}>
            <Choices list={CASUALTY_STATUSES} word={(v) => w(`status.${v}`)} />
          </select>
        </Field>
        <Field {...f.field("age")} label={t("age")}>
          <input {...f.control("age")} inputMode="numeric" dir="ltr" />
        </Field>
        <Field {...f.field("ageBand")} label={t("ageBand")}>
          <select key={f.answer} {...f.control("ageBand", { fallback: "" })}>
            <option value="">{t("unknown")}</option>
            <Choices list={AGE_BANDS} word={(v) => w(`ageBand.${v}`)} />
          </select>
        </Field>
        <Field {...f.field("sex")} label={t("sex")}>
          <select key={f.answer} {...f.control("sex", { fallback: "" })}>
            <option value="">{t("unknown")}</option>
            <Choices list={SEXES} word={(v) => w(`sex.${v}`)} />
          </select>
        </Field>
        <Field {...f.field("sourceIds", { id: "casualty-sourceId" })} label={t("source")}>
          <select key={f.answer} {...f.control("sourceId", { fallback: "" })}>
            <option value="">{t("noSource")}</option>
            {sources.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </Field>
      </div>
      <Field {...f.field("note")} label={t("note")}>
        <textarea {...f.control("note")} rows={2} dir="auto" />
      </Field>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : t("record")}</button>
    </form>
  );
}

/** Who is said to have done it: a graded statement with its rationale and source. */
export function AttributionForm({ submit, sources }: { submit: FormActionFn; sources: Option[] }) {
  const t = useTranslations("incidents.form");
  const words = useVocabulary();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "attribution-", required: ["perpetrator", "grade", "rationale", "sourceIds"] });
  return (
    <form action={action} className="space-y-3" aria-label={t("attributeLabel")} data-testid="attribution-form">
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("perpetrator")} label={t("perpetrator")}>
        <input {...f.control("perpetrator")} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("grade")} label={t("grade")}>
          <select key={f.answer} {...f.control("grade", { fallback: "single_source" })}>
            <Choices list={GRADES} word={(v) => words.grade(v)} />
          </select>
        </Field>
        <Field {...f.field("sourceIds", { id: "attribution-sourceId" })} label={t("source")}>
          <select key={f.answer} {...f.control("sourceId", { fallback: "" })} id="attribution-sourceId">
            <option value="">{t("chooseSource")}</option>
            {sources.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </Field>
      </div>
      <Field {...f.field("rationale")} label={t("rationale")}>
        <textarea {...f.control("rationale")} rows={2} dir="auto" />
      </Field>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : t("attribute")}</button>
    </form>
  );
}

/** Publish the incident's page: a new public version, after a confirmation. */
export function PublishIncidentForm({ submit, version, republish }: { submit: FormActionFn; version: number; republish: boolean }) {
  const t = useTranslations("incidents.form");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="space-y-2" data-testid="publish-incident-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" />
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className={buttonClass.primary}>{pending ? t("publishing") : t("confirmPublish")}</button>
          <button type="button" onClick={() => setConfirming(false)} className={buttonClass.secondary}>{t("cancel")}</button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass.primary}>{republish ? t("republish") : t("publish")}</button>
      )}
    </form>
  );
}
