"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { answerKey, buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { RELIABILITIES, SOURCE_KINDS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

type Option = { id: string; name: string; isProtected: boolean };

export function ProvenanceForm({ submit, evidenceId, version, options, publishedBySourceId, obtainedViaSourceId, isFirstHand, returnTo }: {
  submit: FormActionFn;
  evidenceId: string;
  version: number;
  options: Option[];
  publishedBySourceId: string | null;
  obtainedViaSourceId: string | null;
  isFirstHand: boolean;
  /** A claim page to come back to after saving (when the form is shown inline there). */
  returnTo?: string;
}) {
  const t = useTranslations("origins.provenance");
  const kinds = useTranslations("sources.kind");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const e = state.fieldErrors ?? {};
  const select = (name: string, value: string | null) => (
    <select key={answerKey(state)} id={`prov-${name}-${evidenceId}`} name={name} defaultValue={state.values?.[name] ?? value ?? ""} className={inputClass}>
      <option value="">{t("unknown")}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>{o.isProtected ? t("protectedOption", { name: o.name }) : o.name}</option>
      ))}
    </select>
  );
  return (
    <form action={action} className="space-y-3" aria-label={t("formLabel")} data-testid="provenance-form">
      <input type="hidden" name="version" value={version} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FormMessage message={state.message} tone="error" />
      <Field id={`prov-publishedBySourceId-${evidenceId}`} label={t("publishedBy")} errors={e.publishedBySourceId}>{select("publishedBySourceId", publishedBySourceId)}</Field>
      <details className="rounded-md border border-stone-200 p-2 text-sm">
        <summary className="cursor-pointer text-stone-700">{t("newSource")}</summary>
        <div className="mt-2 space-y-2">
          <Field id={`prov-newSourceName-${evidenceId}`} label={t("name")} errors={e.name}>
            <input id={`prov-newSourceName-${evidenceId}`} name="newSourceName" dir="auto" className={inputClass} />
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field id={`prov-newSourceKind-${evidenceId}`} label={t("kind")}>
              <select key={answerKey(state)} id={`prov-newSourceKind-${evidenceId}`} name="newSourceKind" defaultValue={state.values?.newSourceKind ?? "outlet"} className={inputClass}>
                {SOURCE_KINDS.map((k) => <option key={k} value={k}>{kinds(k)}</option>)}
              </select>
            </Field>
            <Field id={`prov-newSourceReliability-${evidenceId}`} label={t("reliability")}>
              <select key={answerKey(state)} id={`prov-newSourceReliability-${evidenceId}`} name="newSourceReliability" defaultValue={state.values?.newSourceReliability ?? "F"} className={inputClass}>
                {RELIABILITIES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </Field>
          </div>
        </div>
      </details>
      <Field id={`prov-obtainedViaSourceId-${evidenceId}`} label={t("obtainedVia")} errors={e.obtainedViaSourceId}>{select("obtainedViaSourceId", obtainedViaSourceId)}</Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isFirstHand" defaultChecked={isFirstHand} className="size-4 accent-teal-800" />
        {t("firstHand")}
      </label>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
    </form>
  );
}
