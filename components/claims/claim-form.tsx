"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { ClaimEvidenceFields } from "./claim-evidence-fields";
import { newSubmissionKey, useDeviceDraft } from "./device-draft";
import { CLAIM_KINDS, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** A claim's fields as the form shows them: the stored claim when editing, nothing when submitting. */
export type ClaimFormValues = Partial<Record<string, string | number | null>>;

/** While a submission waits for the network, how often to try again (the browser's "online" may not come when only the server was out of reach). */
const RESEND_MS = 5_000;

/** Next's signal that the action answered with a redirect (the router is already going there). */
function isRedirect(error: unknown): boolean {
  return typeof error === "object" && error !== null && String((error as { digest?: unknown }).digest ?? "").startsWith("NEXT_REDIRECT");
}

/**
 * The claim's own fields: submitting a new claim, or (with `editing`) putting one right before
 * publication, where the form sends every field and the version it was read at. With
 * `withEvidence`, a new claim also takes its files and pages to capture (ClaimEvidenceFields);
 * once the claim is made, its own fields are shown as sent and cannot be sent again.
 *
 * A new claim (`device`) is written for a phone on a bad connection: it is kept on the device as
 * it is typed (unless the person turned that off), and a submission made offline, or whose
 * connection drops on the way, says it waits for the network and is sent again by itself when the
 * network is back. The form's `submissionKey` makes the server answer a second sending of the same
 * submission with the claim the first one made. (Without scripts the form posts as any form.)
 */
export function ClaimForm({ submit, required, editing, withEvidence = false, device }: {
  submit: FormActionFn;
  /** The fields the server requires (`REQUIRED_CLAIM_FIELDS`), marked before anything is sent. */
  required: readonly string[];
  editing?: { version: number; values: ClaimFormValues };
  withEvidence?: boolean;
  /** A new claim's: whose device keeps its draft, and whether it may (the person's setting). */
  device?: { ownerId: string; keepDrafts: boolean };
}) {
  const t = useTranslations("claims.form");
  const ui = useTranslations("ui");
  const format = useFormatter();
  const words = useVocabulary();
  const [actionState, action, actionPending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const form = useRef<HTMLFormElement>(null);
  const draft = useDeviceDraft(form, { ownerId: device?.ownerId ?? "", keep: device?.keepDrafts ?? false, name: "new-claim", active: Boolean(device) });
  // A new claim is sent by the form's own handler (it must tell a lost connection from an answer);
  // its answer replaces the action's.
  const [answer, setAnswer] = useState<ActionState | null>(null);
  const [offline, setOffline] = useState(false);
  const [sending, startSending] = useTransition();
  const state = answer ?? actionState;
  const pending = actionPending || sending;
  const f = formFields(state, { idPrefix: editing ? "edit-" : "", required });

  // The submission's own id, made on the device once (or the one its draft kept, so a submission
  // sent before a reload is recognised when it is sent again). State, not the input's own value:
  // React writes a hidden input's value back on every render.
  const [submissionKey, setSubmissionKey] = useState("");
  const keptKey = draft.restored?.values.submissionKey;
  useEffect(() => {
    if (!device) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- made on the device, never on the server
    setSubmissionKey((current) => keptKey || current || newSubmissionKey());
  }, [device, keptKey]);

  function send(event: FormEvent<HTMLFormElement>) {
    if (!device) return;
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    draft.save();
    if (!navigator.onLine) {
      setOffline(true);
      return;
    }
    startSending(async () => {
      try {
        const next = await submit(state, data);
        setOffline(false);
        setAnswer(next);
        // The key refused (one another tab sent with other words, or a draft's that was spoilt):
        // a new one, so that sending again makes this a claim of its own.
        if (next.fieldErrors?.submissionKey) setSubmissionKey(newSubmissionKey());
        if (next.created) draft.forget();
      } catch (error) {
        if (isRedirect(error)) {
          draft.forget();
          return;
        }
        // A lost connection (fetch's TypeError), not a refusal: kept, and sent again when it is back.
        if (error instanceof TypeError) {
          setOffline(true);
          return;
        }
        throw error;
      }
    });
  }

  useEffect(() => {
    if (!offline) return;
    const again = () => {
      if (navigator.onLine && !sending) form.current?.requestSubmit();
    };
    window.addEventListener("online", again);
    const timer = setInterval(again, RESEND_MS);
    return () => {
      window.removeEventListener("online", again);
      clearInterval(timer);
    };
  }, [offline, sending]);
  const made = Boolean(state.created);
  const stored = (name: string, otherwise = "") => {
    const value = editing?.values[name];
    return value === undefined || value === null ? otherwise : String(value);
  };
  return (
    <form ref={form} action={action} onSubmit={send} className="space-y-6" noValidate aria-label={editing ? t("editLabel") : t("submitLabel")} data-testid={editing ? "edit-claim-form" : "claim-form"}>
      {editing ? <input type="hidden" name="version" value={editing.version} /> : null}
      {device ? <input type="hidden" name="submissionKey" value={submissionKey} /> : null}
      {draft.restored ? (
        <div role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="draft-restored">
          <p>{t("draft.restored", { savedAt: format.dateTime(new Date(draft.restored.savedAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
          {draft.restored.files.length > 0 ? (
            <p className="mt-1" data-testid="draft-files">
              {t("draft.files", { count: draft.restored.files.length, names: draft.restored.files.map((file) => file.name).join(t("draft.separator")) })}
            </p>
          ) : null}
          <DiscardDraft
            onDiscard={() => {
              draft.forget();
              form.current?.reset();
              setSubmissionKey(newSubmissionKey());
            }}
          />
        </div>
      ) : null}
      {offline ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="waiting-for-network">
          <p className="font-medium">{t("offline.title")}</p>
          <p>{device?.keepDrafts ? t("offline.kept") : t("offline.notKept")}</p>
        </div>
      ) : null}
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

      {withEvidence ? <ClaimEvidenceFields state={state} f={f} onStaged={device ? draft.setFiles : undefined} keepOnDevice={device?.keepDrafts ?? true} /> : null}

      <div className="flex items-center gap-3" hidden={made}>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {editing ? (pending ? ui("saving") : t("save")) : pending ? ui("submitting") : offline ? t("offline.sendNow") : t("submit")}
        </button>
        <span className="text-xs text-stone-500">
          {editing ? t("saveNote") : t("submitNote")}
        </span>
      </div>
    </form>
  );
}

/** The restored draft thrown away, after a second word: what was typed on the device is gone then. */
function DiscardDraft({ onDiscard }: { onDiscard: () => void }) {
  const t = useTranslations("claims.form.draft");
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} className="mt-1 min-h-11 text-sm font-medium text-teal-800 underline underline-offset-2 md:min-h-0">
        {t("discard")}
      </button>
    );
  }
  return (
    <p className="mt-1 flex flex-wrap items-center gap-3">
      <span>{t("discardSure")}</span>
      <button type="button" onClick={onDiscard} className="min-h-11 font-medium text-rose-800 underline underline-offset-2 md:min-h-0" data-testid="discard-draft">
        {t("discardYes")}
      </button>
      <button type="button" onClick={() => setAsking(false)} className="min-h-11 text-teal-800 underline underline-offset-2 md:min-h-0">
        {t("discardNo")}
      </button>
    </p>
  );
}
