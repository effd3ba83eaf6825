"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createSourceAction } from "@/app/(workspace)/sources/actions";
import { buttonClass, Field, FormMessage, formFields, inputClass } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { RELIABILITIES, SOURCE_KINDS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

type Option = { id: string; name: string };

function SourceSelect({ id, name, options, value, empty, answer }: { id: string; name: string; options: Option[]; value?: string | null; empty?: string; answer?: string }) {
  const t = useTranslations("sources.form");
  return (
    <select key={answer} id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
      <option value="">{empty ?? t("none")}</option>
      {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
    </select>
  );
}

export function CreateSourceForm({ options, required }: { options: Option[]; required: readonly string[] }) {
  const t = useTranslations("sources.form");
  const kinds = useTranslations("sources.kind");
  const words = useVocabulary();
  const [state, action, pending] = useActionState<ActionState, FormData>(createSourceAction, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "source-", required });
  return (
    <form action={action} className="space-y-3" aria-label={t("createLabel")} data-testid="create-source-form">
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("name")} label={t("name")}>
        <input {...f.control("name")} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("kind")} label={t("kind")}>
          <select key={f.answer} {...f.control("kind", { fallback: "outlet" })}>
            {SOURCE_KINDS.map((k) => <option key={k} value={k}>{kinds(k)}</option>)}
          </select>
        </Field>
        <Field {...f.field("reliability")} label={t("reliabilityAdmiralty")}>
          <select key={f.answer} {...f.control("reliability", { fallback: "F" })}>
            {RELIABILITIES.map((r) => <option key={r} value={r}>{words.reliability(r)}</option>)}
          </select>
        </Field>
      </div>
      <Field {...f.field("reliabilityRationale", { id: "source-rationale" })} label={t("whyThisRating")}>
        <textarea {...f.control("reliabilityRationale", { id: "source-rationale" })} rows={2} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("url")} label={t("url")}>
          <input {...f.control("url")} type="url" dir="ltr" />
        </Field>
        <Field {...f.field("handles")} label={t("handles")}>
          <input {...f.control("handles")} dir="auto" />
        </Field>
      </div>
      <Field {...f.field("affiliatedWithId", { id: "source-affiliated" })} label={t("affiliatedWith")}>
        <SourceSelect id="source-affiliated" name="affiliatedWithId" options={options} value={f.values.affiliatedWithId} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="protected" className="size-4 accent-teal-800" />
        {t("protectedLong")}
      </label>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : t("add")}</button>
    </form>
  );
}

export function RateSourceForm({ submit, sourceId, version, reliability, rationale, affiliatedWithId, isProtected, options }: {
  submit: FormActionFn;
  sourceId: string;
  version: number;
  reliability: string;
  rationale: string | null;
  affiliatedWithId: string | null;
  isProtected: boolean;
  options: Option[];
}) {
  const t = useTranslations("sources.form");
  const words = useVocabulary();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "rate-" });
  return (
    <form action={action} className="space-y-3" aria-label={t("rateLabel")} data-testid="rate-source-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("reliability", { id: "rate-reliability" })} label={t("reliability")}>
        <select key={f.answer} id="rate-reliability" name="reliability" defaultValue={f.values.reliability ?? reliability} className={inputClass}>
          {RELIABILITIES.map((r) => <option key={r} value={r}>{words.reliability(r)}</option>)}
        </select>
      </Field>
      <Field {...f.field("reliabilityRationale", { id: "rate-rationale" })} label={t("rationale")}>
        <textarea id="rate-rationale" name="reliabilityRationale" rows={2} dir="auto" defaultValue={f.values.reliabilityRationale ?? rationale ?? ""} className={inputClass} />
      </Field>
      <Field {...f.field("affiliatedWithId", { id: "rate-affiliated" })} label={t("affiliatedWith")}>
        <SourceSelect id="rate-affiliated" name="affiliatedWithId" options={options.filter((o) => o.id !== sourceId)} value={f.values.affiliatedWithId ?? affiliatedWithId} answer={f.answer} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="protected" defaultChecked={isProtected} className="size-4 accent-teal-800" />
        {t("protected")}
      </label>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
    </form>
  );
}

export function AddCitationForm({ submit, sourceId, options }: { submit: FormActionFn; sourceId: string; options: Option[] }) {
  const t = useTranslations("sources.form");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("citationLabel")} data-testid="citation-form">
      <div className="min-w-48 flex-1">
        <label htmlFor="cites" className="mb-1 block text-sm font-medium text-stone-800">{t("cites")}</label>
        <SourceSelect id="cites" name="citesSourceId" options={options.filter((o) => o.id !== sourceId)} empty={t("chooseSource")} />
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("addCitation")}</button>
      {state.message ? <div className="w-full"><FormMessage message={state.fieldErrors?.citesSourceId?.join(" ") ?? state.message} tone="error" /></div> : null}
    </form>
  );
}
