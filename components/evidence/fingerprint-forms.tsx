"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, FormMessage, formFields, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { DISCLOSURES, type Disclosure } from "@/lib/vocabulary";

/**
 * An editor's choice of how published entries name the item (issue 23): as the rule says, by its
 * SHA-256, by its commitment, or not at all, with a reason the audit log keeps.
 */
export function DisclosureForm({ submit, version, chosen }: { submit: FormActionFn; version: number; chosen: Disclosure | null }) {
  const t = useTranslations("evidence.fingerprint");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "disclosure-" });
  const reason = f.field("reason");
  return (
    <details className="text-sm" open={!!state.message} data-testid="disclosure-choice">
      <summary className="cursor-pointer text-teal-900">{t("choose")}</summary>
      <form action={action} className="mt-2 space-y-2" aria-label={t("choose")} data-testid="disclosure-form">
        <input type="hidden" name="version" value={version} />
        <FormMessage message={state.message} tone="error" links={state.links} />
        <fieldset className="space-y-1">
          <legend className="sr-only">{t("choose")}</legend>
          {(["rule", ...DISCLOSURES] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input type="radio" name="disclosure" value={option} defaultChecked={(state.values?.disclosure ?? chosen ?? "rule") === option} className="size-4 accent-teal-800" />
              {t(`option.${option}`)}
            </label>
          ))}
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={reason.id} className="block font-medium text-stone-800">{t("reason")} <span aria-hidden="true">*</span></label>
          <textarea {...f.control("reason")} required maxLength={500} rows={2} dir="auto" className={inputClass} />
          {reason.errors?.length ? <p id={`${reason.id}-error`} className="text-rose-700">{reason.errors.join(" ")}</p> : null}
        </div>
        <p className="text-xs text-stone-600">{t("nextVersion")}</p>
        <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
      </form>
    </details>
  );
}

/**
 * An admin's disclosure packet: the item's key, for a court or an investigator, downloaded as a
 * file from the API (each one recorded in the audit log, with the reason given here).
 */
export function DisclosurePacketForm({ evidenceId }: { evidenceId: string }) {
  const t = useTranslations("evidence.fingerprint");
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function send(form: HTMLFormElement) {
    setPending(true);
    setStatus(null);
    try {
      const reason = String(new FormData(form).get("reason") ?? "");
      const response = await fetch(`/api/v1/evidence/${evidenceId}/disclosure-packet`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reason }),
      });
      const text = await response.text();
      if (!response.ok) {
        const problem = (JSON.parse(text || "{}") as { error?: { message?: string } }).error?.message ?? String(response.status);
        setStatus({ tone: "error", message: t("packetFailed", { message: problem }) });
        return;
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      link.download = `disclosure-${evidenceId}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
      form.reset();
      setStatus({ tone: "success", message: t("packetDone") });
    } catch {
      setStatus({ tone: "error", message: t("packetFailed", { message: t("offline") }) });
    } finally {
      setPending(false);
    }
  }
  return (
    <details className="text-sm" data-testid="disclosure-packet">
      <summary className="cursor-pointer text-rose-800">{t("packetHeading")}</summary>
      <form
        className="mt-2 space-y-2"
        aria-label={t("packetHeading")}
        onSubmit={(event) => {
          event.preventDefault();
          void send(event.currentTarget);
        }}
      >
        <p className="text-xs text-stone-700">{t("packetIntro")}</p>
        {status ? <FormMessage message={status.message} tone={status.tone} /> : null}
        <label htmlFor="packet-reason" className="block font-medium text-stone-800">{t("packetReason")} <span aria-hidden="true">*</span></label>
        <textarea id="packet-reason" name="reason" required maxLength={500} rows={2} dir="auto" className={inputClass} />
        <label className="flex items-start gap-2 text-xs">
          <input type="checkbox" name="confirm" required className="mt-0.5 size-4 accent-rose-800" />
          <span>{t("packetConfirm")}</span>
        </label>
        <button type="submit" className={buttonClass.danger} disabled={pending}>{pending ? t("packetWorking") : t("packetSubmit")}</button>
      </form>
    </details>
  );
}
