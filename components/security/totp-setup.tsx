"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Bidi } from "@/components/ui/bidi";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { RecoveryCodes } from "./recovery-codes";

type CodesState = ActionState & { recoveryCodes?: string[] };

/**
 * Setting up an authenticator app: a button starts it; then the QR code (an SVG path drawn from
 * the code's modules, never markup from elsewhere) and the key as text, and the field for the first code, which turns
 * the app on. A first factor comes with recovery codes, shown here once.
 */
export function TotpSetup({
  enrolment,
  enabled,
  start,
  confirm,
}: {
  enrolment: { secret: string; qr: { size: number; path: string } } | null;
  enabled: boolean;
  start: FormActionFn;
  confirm: (state: CodesState, form: FormData) => Promise<CodesState>;
}) {
  const t = useTranslations("twoFactor.totp");
  const [started, startAction, starting] = useActionState<ActionState, FormData>(start, INITIAL_ACTION_STATE);
  const [state, confirmAction, confirming] = useActionState<CodesState, FormData>(confirm, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "totp-", required: ["code"] });
  if (state.ok) {
    return (
      <div className="space-y-3" data-testid="totp-done">
        <FormMessage message={state.message} tone="success" />
        {state.recoveryCodes ? <RecoveryCodes codes={state.recoveryCodes} /> : null}
      </div>
    );
  }
  if (!enrolment) {
    return (
      <form action={startAction} className="space-y-3" data-testid="totp-start">
        <FormMessage message={started.ok ? null : started.message} tone="error" />
        <button type="submit" className={enabled ? buttonClass.secondary : buttonClass.primary} disabled={starting}>{enabled ? t("replace") : t("start")}</button>
      </form>
    );
  }
  return (
    <div className="space-y-4" data-testid="totp-enrolment">
      <p className="text-sm text-stone-700">{t("scan")}</p>
      <div className="flex flex-wrap items-start gap-5">
        <svg
          viewBox={`-2 -2 ${enrolment.qr.size + 4} ${enrolment.qr.size + 4}`}
          width={176}
          height={176}
          role="img"
          aria-label={t("qrAlt")}
          shapeRendering="crispEdges"
          className="shrink-0 rounded-md border border-stone-200 bg-white text-stone-950"
          data-testid="totp-qr"
        >
          <path d={enrolment.qr.path} fill="currentColor" />
        </svg>
        <div className="min-w-0 flex-1 space-y-1">
          <p className="text-xs font-medium text-stone-600">{t("secretLabel")}</p>
          <p className="break-all font-mono text-sm tracking-wider text-stone-900">
            <Bidi data-testid="totp-secret">{enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}</Bidi>
          </p>
        </div>
      </div>
      <form action={confirmAction} className="max-w-xs space-y-3" noValidate>
        <FormMessage message={state.message} tone="error" />
        <Field {...f.field("code")} label={t("code")} hint={t("codeHint")}>
          <input {...f.control("code")} inputMode="numeric" autoComplete="one-time-code" dir="ltr" maxLength={12} />
        </Field>
        <button type="submit" className={buttonClass.primary} disabled={confirming}>{confirming ? t("confirming") : t("confirm")}</button>
      </form>
    </div>
  );
}
