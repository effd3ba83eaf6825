"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import type { ActionState } from "@/lib/errors/action-state";
import { RecoveryCodes } from "./recovery-codes";

type Answer = ActionState & { recoveryCodes?: string[] };

/**
 * Adding a passkey or security key: a name, then the browser's own prompt (the options from the
 * server, the authenticator's answer back to it). A first factor comes with recovery codes, shown
 * here once.
 */
export function PasskeyRegister({
  options,
  register,
}: {
  options: () => Promise<ActionState & { options?: unknown }>;
  register: (input: unknown) => Promise<Answer>;
}) {
  const t = useTranslations("twoFactor.passkeys");
  const te = useTranslations("twoFactor.errors");
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    if (!browserSupportsWebAuthn()) return setAnswer({ ok: false, message: te("passkeyUnsupported") });
    setBusy(true);
    try {
      const asked = await options();
      if (!asked.options) return setAnswer(asked);
      let response;
      try {
        response = await startRegistration({ optionsJSON: asked.options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
      } catch {
        return setAnswer({ ok: false, message: te("passkeyCancelled") });
      }
      const done = await register({ name, response });
      setAnswer(done);
      if (done.ok) {
        setName("");
        router.refresh();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="passkey-register">
      {answer ? <FormMessage message={answer.message} tone={answer.ok ? "success" : "error"} /> : null}
      {answer?.recoveryCodes ? <RecoveryCodes codes={answer.recoveryCodes} /> : null}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3" noValidate>
          <div className="min-w-48 flex-1">
            <Field id="passkey-name" label={t("name")} hint={t("nameHint")} errors={answer?.fieldErrors?.name}>
              <input id="passkey-name" name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className={inputClass} dir="auto" aria-required />
            </Field>
          </div>
          <button type="submit" className={buttonClass.primary} disabled={busy}>{busy ? t("adding") : t("add")}</button>
        </form>
    </div>
  );
}
