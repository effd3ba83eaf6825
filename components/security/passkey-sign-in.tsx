"use client";

import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import type { ActionState } from "@/lib/errors/action-state";

/** The second factor given with a passkey: the browser's prompt, then on to where the person was going. */
export function PasskeySignIn({
  options,
  verify,
  callbackUrl,
}: {
  options: () => Promise<ActionState & { options?: unknown }>;
  verify: (input: unknown, callbackUrl: unknown) => Promise<ActionState & { redirectTo?: string }>;
  callbackUrl: string;
}) {
  const t = useTranslations("twoFactor.verify");
  const te = useTranslations("twoFactor.errors");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    if (!browserSupportsWebAuthn()) return setError(te("passkeyUnsupported"));
    setBusy(true);
    setError(null);
    try {
      const asked = await options();
      if (!asked.options) return setError(asked.message);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: asked.options as Parameters<typeof startAuthentication>[0]["optionsJSON"] });
      } catch {
        return setError(te("passkeyCancelled"));
      }
      const done = await verify({ response }, callbackUrl);
      if (done.redirectTo) window.location.assign(done.redirectTo);
      else setError(done.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="passkey-sign-in">
      <FormMessage message={error} tone="error" />
      <button type="button" className={`${buttonClass.secondary} w-full`} onClick={go} disabled={busy}>
        {busy ? t("passkeyWaiting") : t("passkey")}
      </button>
    </div>
  );
}
