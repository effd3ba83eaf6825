"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { NAME_BASIS_NOTE_MAX, NAME_PUBLICATION_BASES } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { useVocabulary } from "@/components/ui/speech";

/**
 * An editor or reviewer marks a name publishable, on a basis chosen here (nothing is chosen at
 * first; `other` needs its stated text). Until then the name stays private.
 */
export function PublishNameForm({ submit, version, name, idPrefix }: { submit: FormActionFn; version: number; name: string; idPrefix: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const t = useTranslations("persons");
  const words = useVocabulary();
  const f = formFields(state, { idPrefix });
  const [open, setOpen] = useState(false);
  const [basis, setBasis] = useState(f.values.basis ?? "");
  if (!open && !(state.message && !state.ok)) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-stone-300 bg-white px-2 py-1 text-xs font-medium text-stone-800 hover:bg-stone-100" aria-label={t("visibility.markLabel", { name })}>
        {t("visibility.markOpen")}
      </button>
    );
  }
  return (
    <form action={action} className="w-full space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3 text-sm" aria-label={t("visibility.markLabel", { name })} data-testid="publish-name-form">
      <input type="hidden" name="isPublic" value="true" />
      <input type="hidden" name="version" value={version} />
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
      <Field {...f.field("basis")} label={t("visibility.basis")}>
        <select key={f.answer} {...f.control("basis", { fallback: "" })} required onChange={(e) => setBasis(e.target.value)}>
          <option value="" disabled>{t("visibility.chooseBasis")}</option>
          {NAME_PUBLICATION_BASES.map((b) => (
            <option key={b} value={b}>{words.nameBasis(b)}</option>
          ))}
        </select>
      </Field>
      <Field {...f.field("basisNote")} label={basis === "other" ? t("visibility.basisStated") : t("visibility.note")} hint={t("visibility.noteHint", { max: NAME_BASIS_NOTE_MAX })}>
        <input {...f.control("basisNote")} required={basis === "other"} maxLength={NAME_BASIS_NOTE_MAX} dir="auto" />
      </Field>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass.primary}>{pending ? t("saving") : t("visibility.markPublishable")}</button>
        <button type="button" onClick={() => setOpen(false)} className={buttonClass.secondary}>{t("cancel")}</button>
      </div>
    </form>
  );
}

/** Withdraw a name's approval, after a confirmation: it is private again and its basis cleared. */
export function MakePrivateForm({ submit, version, name }: { submit: FormActionFn; version: number; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const t = useTranslations("persons");
  const [confirming, setConfirming] = useState(false);
  if (!confirming && !(state.message && !state.ok)) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded border border-stone-300 bg-white px-2 py-1 text-xs font-medium text-stone-800 hover:bg-stone-100" aria-label={t("visibility.privateLabel", { name })}>
        {t("visibility.privateOpen")}
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-xs">
      <input type="hidden" name="isPublic" value="false" />
      <input type="hidden" name="version" value={version} />
      <span className="text-stone-700">{t("visibility.privateConfirm")}</span>
      <button type="submit" disabled={pending} className="rounded bg-rose-800 px-2 py-1 font-medium text-white hover:bg-rose-900">{pending ? t("saving") : t("visibility.makePrivate")}</button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded border border-stone-300 px-2 py-1">{t("cancel")}</button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}

/** Take a person out of this claim, after a confirmation; the person and their names stay. */
export function RemovePersonButton({ submit, name }: { submit: (state: ActionState) => Promise<ActionState>; name: string }) {
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  const t = useTranslations("persons");
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded px-2 py-1 text-xs text-stone-600 hover:bg-stone-100" aria-label={t("visibility.removeLabel", { name })}>
        {t("visibility.removeOpen")}
      </button>
    );
  }
  return (
    <form action={action} className="flex items-center gap-2 text-xs">
      <span className="text-stone-700">{t("visibility.removeConfirm")}</span>
      <button type="submit" disabled={pending} className="rounded bg-rose-800 px-2 py-1 font-medium text-white hover:bg-rose-900">{pending ? t("visibility.removing") : t("visibility.remove")}</button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded border border-stone-300 px-2 py-1">{t("cancel")}</button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}
