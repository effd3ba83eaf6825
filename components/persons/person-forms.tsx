"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { answerKey, buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { PersonCandidate } from "@/lib/persons/candidates";
import type { PersonDto } from "@/lib/persons/dto";
import { useFormats } from "@/components/ui/speech";
import { MatchReasons } from "./match-reasons";
import { PersonDetailFields } from "./person-detail-fields";
import { PersonNames } from "./person-names";

export function AddNameForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("persons.forms");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("addNameLabel")}>
      <div className="min-w-56 flex-1">
        <Field id="new-name" label={t("anotherForm")} hint={t("anotherFormHint")} errors={state.ok ? undefined : state.fieldErrors?.name}>
          <input id="new-name" name="name" dir="auto" required className={inputClass} key={state.ok ? state.message : "form"} />
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass.secondary}>{pending ? t("adding") : t("addName")}</button>
      <div className="w-full"><FormMessage message={state.message} tone={state.ok ? "success" : "error"} /></div>
    </form>
  );
}

export function PersonDetailsForm({ submit, person }: { submit: FormActionFn; person: PersonDto }) {
  const t = useTranslations("persons");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form action={action} className="space-y-3" aria-label={t("forms.detailsLabel")}>
      <input type="hidden" name="version" value={person.version} />
      <PersonDetailFields idPrefix="detail" errors={errors} current={person} sent={state.values} answer={answerKey(state)} className="grid grid-cols-2 gap-3" />
      <Field id="detail-note" label={t("forms.note")} errors={errors?.note}>
        <textarea id="detail-note" name="note" rows={2} dir="auto" defaultValue={person.note ?? ""} className={inputClass} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass.secondary}>{pending ? t("saving") : t("forms.saveDetails")}</button>
        <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      </div>
    </form>
  );
}

/** Merge a likely duplicate into this person, after a confirmation naming both. */
export function MergeCandidate({ submit, candidate }: { submit: FormActionFn; candidate: PersonCandidate }) {
  const t = useTranslations("persons");
  const formats = useFormats();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="space-y-2 rounded-md border border-stone-200 p-3 text-sm" data-testid="merge-candidate">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <PersonNames names={candidate.person.names} />
          <p className="text-xs text-stone-600">{t("score", { score: formats.score(candidate.score) })}</p>
          <MatchReasons reasons={candidate.reasons} />
        </div>
        {!confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{t("forms.mergeOpen")}</button>
        ) : null}
      </div>
      {confirming ? (
        <form action={action} className="space-y-2 rounded bg-amber-50 p-2">
          <input type="hidden" name="duplicateId" value={candidate.person.id} />
          <p className="text-amber-950">{t("forms.mergeWarning")}</p>
          <input name="reason" dir="auto" placeholder={t("forms.mergeReason")} className={`${inputClass} py-1 text-xs`} />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={`${buttonClass.primary} px-3 py-1 text-xs`}>{pending ? t("forms.merging") : t("forms.confirmMerge")}</button>
            <button type="button" onClick={() => setConfirming(false)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{t("cancel")}</button>
          </div>
        </form>
      ) : null}
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </li>
  );
}

/** Undo a merge, after a confirmation. */
export function SplitButton({ submit, personId, names }: { submit: FormActionFn; personId: string; names: string[] }) {
  const t = useTranslations("persons");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm" data-testid="merged-person">
      <input type="hidden" name="personId" value={personId} />
      <PersonNames names={names.map((name) => ({ name }))} />
      {confirming ? (
        <>
          <button type="submit" disabled={pending} className={`${buttonClass.danger} px-3 py-1 text-xs`}>{pending ? t("forms.splitting") : t("forms.confirmSplit")}</button>
          <button type="button" onClick={() => setConfirming(false)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{t("cancel")}</button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>{t("forms.splitOpen")}</button>
      )}
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
