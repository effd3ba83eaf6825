import { useTranslations } from "next-intl";
import { Bidi } from "@/components/ui/bidi";
import { useFormats } from "@/components/ui/speech";
import { describeDevice } from "@/lib/account/device";
import type { SessionDto } from "@/lib/auth/sessions";
import type { ActionState } from "@/lib/errors/action-state";
import { EndSessionButton } from "./end-session-button";

type Ending = (state: ActionState) => Promise<ActionState>;

/** Where the person is signed in: each session's device, address, sign-in and last use, this one marked first. */
export function SessionsList({ sessions }: { sessions: { session: SessionDto; end: Ending }[] }) {
  const t = useTranslations("settings.sessions");
  const formats = useFormats();
  if (sessions.length === 0) return <p className="text-sm text-stone-600">{t("none")}</p>;
  const ordered = [...sessions].sort((a, b) => Number(b.session.current) - Number(a.session.current));
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="sessions-list">
      {ordered.map(({ session: s, end }) => {
        const { browser, system } = describeDevice(s.userAgent);
        // Browser and system names are the products' own, the same in every language: isolated as data.
        const device =
          browser || system
            ? t.rich("device", {
                browserName: browser ?? t("unknownBrowser"),
                systemName: system ?? t("unknownSystem"),
                browser: (chunks) => <bdi>{chunks}</bdi>,
                system: (chunks) => <bdi>{chunks}</bdi>,
              })
            : t("unknownDevice");
        const deviceId = `session-${s.id}-device`;
        return (
          <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid="session-row" data-current={s.current ? "true" : undefined}>
            <div className="min-w-0 flex-1 space-y-1 text-sm">
              <p className="font-medium text-stone-900">
                <span id={deviceId}>{device}</span>
                {s.current ? <span className="ms-2 rounded-full bg-teal-50 px-2 py-0.5 text-xs font-medium text-teal-900 ring-1 ring-teal-200">{t("thisDevice")}</span> : null}
              </p>
              <p className="text-stone-600">
                {t("address")}: {s.address ? <Bidi>{s.address}</Bidi> : "—"} · {t("method", { method: s.method })}
                {s.awaitingSecondFactor ? <> · {t("awaiting")}</> : null}
              </p>
              <p className="text-xs text-stone-500">
                {t("signedIn", { when: formats.dateTime(s.createdAt) })} · {t("lastSeen", { when: formats.dateTime(s.lastSeenAt) })}
              </p>
            </div>
            <EndSessionButton submit={end} current={s.current} describedBy={deviceId} />
          </li>
        );
      })}
    </ul>
  );
}
