import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/speech";
import type { ApiTokenDto } from "@/lib/auth/api-tokens";
import type { ActionState } from "@/lib/errors/action-state";
import { RevokeTokenButton } from "./revoke-token-button";

type Revoking = (state: ActionState) => Promise<ActionState>;

/** The person's live tokens (revoked ones are gone from here; the audit log keeps them): label, read-only, expiry, last use. */
export function TokensList({ tokens, now }: { tokens: { token: ApiTokenDto; revoke: Revoking }[]; now: number }) {
  const t = useTranslations("settings.tokens");
  const formats = useFormats();
  const live = tokens.filter(({ token }) => !token.revokedAt);
  if (live.length === 0) return <p className="text-sm text-stone-600" data-testid="tokens-none">{t("none")}</p>;
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label={t("listLabel")} data-testid="tokens-list">
      {live.map(({ token, revoke }) => {
        const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
        return (
          <li key={token.id} className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid="token-row">
            <div className="min-w-0 flex-1 space-y-1 text-sm">
              <p className="font-medium text-stone-900">
                <span dir="auto">{token.label}</span>
                {token.readOnly ? <span className="ms-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700 ring-1 ring-stone-200">{t("readOnlyBadge")}</span> : null}
                {expired ? <span className="ms-2 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200">{t("expiredBadge")}</span> : null}
              </p>
              <p className="text-xs text-stone-500">
                {t("createdAt", { when: formats.dateTime(token.createdAt) })} ·{" "}
                {token.lastUsedAt ? t("lastUsed", { when: formats.dateTime(token.lastUsedAt) }) : t("neverUsed")} ·{" "}
                {token.expiresAt ? t(expired ? "expiredAt" : "expiresAt", { when: formats.dateTime(token.expiresAt) }) : t("neverExpires")}
              </p>
            </div>
            <RevokeTokenButton submit={revoke} label={token.label} />
          </li>
        );
      })}
    </ul>
  );
}
