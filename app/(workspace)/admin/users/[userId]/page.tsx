import type { Metadata } from "next";
import Link from "next/link";
import { describeDevice } from "@/lib/account/device";
import { getTranslations } from "next-intl/server";
import { ActionButton, RoleForm } from "@/components/people/people-forms";
import { StatusBadge } from "@/components/people/status-badge";
import { Bidi } from "@/components/ui/bidi";
import { getSpeech } from "@/components/ui/speech-server";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { changeRoleAction, endSessionAction, resetSecondFactorsAction, revokeTokenAction, setActiveAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people");
  return { title: t("title") };
}

/** A browser's User-Agent, cut to what tells devices apart. */
/** "Chrome · Linux", from what the browser said of itself at sign-in (lib/account/device.ts). */
function deviceOf(userAgent: string | null): string | null {
  const { browser, system } = describeDevice(userAgent);
  return [browser, system].filter(Boolean).join(" · ") || null;
}

export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const { db, actor } = await pageContext(`/admin/users/${userId}`);
  const [t, roles, { formats }] = await Promise.all([getTranslations("people"), getTranslations("roles"), getSpeech()]);
  // Nobody but an admin learns whether a person exists: the same 404 as for an unknown id.
  const person = await orNotFound(getUserDetail(db, actor, userId), ["FORBIDDEN"]);
  const self = person.id === actor.id;
  const when = (iso: string) => formats.dateTime(iso);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href="/admin/users" className="text-sm text-teal-800 underline">{t("detail.back")}</Link>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 dir="auto">{person.name}</h1>
          <StatusBadge status={person.status} label={t(`status.${person.status}`)} />
        </div>
        <p className="text-sm text-stone-700"><Bidi>{person.email}</Bidi> <span className="text-stone-400">·</span> {roles(person.role)}</p>
        <p className="text-sm text-stone-600">
          {person.joinedAt
            ? t("detail.joined", { date: when(person.joinedAt) })
            : person.invitationExpiresAt
              ? t("detail.invitedUntil", { date: when(person.invitationExpiresAt) })
              : t("detail.invitationLapsed")}
        </p>
        <Link href={`/admin/audit?entity=user:${person.id}`} className="text-sm text-teal-800 underline" data-testid="audit-trail-link">{t("detail.auditTrail")}</Link>
      </header>

      <section className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <RoleForm submit={changeRoleAction.bind(null, person.id)} role={person.role} disabled={self} />
        <div className="space-y-2 border-t border-stone-100 pt-4">
          <h2>{t("detail.access")}</h2>
          <p className="text-sm text-stone-600">{person.status === "deactivated" ? t("detail.isDeactivated") : t("detail.isActive")}</p>
          {self ? null : person.status === "deactivated" ? (
            <ActionButton submit={setActiveAction.bind(null, person.id)} fields={{ active: "true" }} label={t("detail.reactivate")} testId="reactivate-form" />
          ) : (
            <ActionButton
              submit={setActiveAction.bind(null, person.id)}
              fields={{ active: "false" }}
              tone="danger"
              label={t("detail.deactivate")}
              confirm={{ question: t.rich("detail.deactivateQuestion", { name: person.name, who: (c) => <bdi>{c}</bdi> }), detail: t("detail.deactivateDetail") }}
              testId="deactivate-form"
            />
          )}
        </div>
        <div className="space-y-2 border-t border-stone-100 pt-4">
          <h2>{t("detail.secondFactor")}</h2>
          <p className="text-sm text-stone-600">{person.hasSecondFactor ? t("detail.hasSecondFactor") : t("detail.noSecondFactor")}</p>
          {person.hasSecondFactor ? (
            <ActionButton
              submit={resetSecondFactorsAction.bind(null, person.id)}
              tone="danger"
              label={t("detail.resetSecondFactors")}
              confirm={{ question: t.rich("detail.resetQuestion", { name: person.name, who: (c) => <bdi>{c}</bdi> }), detail: t("detail.resetDetail") }}
              testId="reset-second-factors-form"
            />
          ) : null}
        </div>
      </section>

      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2>{t("detail.tokens")}</h2>
        {person.tokens.length === 0 ? (
          <p className="text-sm text-stone-600">{t("detail.noTokens")}</p>
        ) : (
          <ul className="divide-y divide-stone-100" data-testid="person-tokens">
            {person.tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <div className="text-sm">
                  <p className="font-medium text-stone-900">
                    <span dir="auto">{token.label}</span>
                    {token.readOnly ? <span className="ms-2 text-xs text-stone-500">{t("detail.readOnly")}</span> : null}
                    {token.revokedAt ? <span className="ms-2 text-xs text-rose-800">{t("detail.revoked")}</span> : null}
                  </p>
                  <p className="text-xs text-stone-600">
                    {t("detail.tokenLine", {
                      created: when(token.createdAt),
                      expires: token.expiresAt ? when(token.expiresAt) : "never",
                      used: token.lastUsedAt ? when(token.lastUsedAt) : "never",
                    })}
                  </p>
                </div>
                {token.revokedAt ? null : <ActionButton submit={revokeTokenAction.bind(null, person.id, token.id)} label={t("detail.revoke")} testId="revoke-token-form" />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2>{t("detail.sessions")}</h2>
        {person.sessions.length === 0 ? (
          <p className="text-sm text-stone-600">{t("detail.noSessions")}</p>
        ) : (
          <ul className="divide-y divide-stone-100" data-testid="person-sessions">
            {person.sessions.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <p className="text-sm text-stone-700">
                  {t.rich("detail.sessionLine", {
                    data: (chunks) => <bdi>{chunks}</bdi>,
                    device: deviceOf(session.userAgent) ?? t("detail.unknownDevice"),
                    address: session.address ?? t("detail.unknownAddress"),
                    seen: when(session.lastSeenAt),
                  })}
                  {session.awaitingSecondFactor ? <span className="ms-2 text-xs text-amber-800">{t("detail.awaitingSecondFactor")}</span> : null}
                </p>
                <ActionButton submit={endSessionAction.bind(null, person.id, session.id)} label={t("detail.endSession")} testId="end-session-form" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
