import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Bidi } from "@/components/ui/bidi";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { orNotFound, orRefusedQuery, pageContext } from "@/lib/server/doors";
import { listTimeStamps, readTimeStampStatus, WAITING_CAP } from "@/lib/timestamps/read-stamps";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("timeStamps");
  return { title: t("metaTitle") };
}

const code = (chunks: React.ReactNode) => <code dir="ltr">{chunks}</code>;
/** A standard's name, the same in every language. */
const std = (chunks: React.ReactNode) => <Bidi>{chunks}</Bidi>;

/**
 * Time from outside (admins only; anyone else gets the 404 page): whether an authority stamps the
 * chain, which one, the chain's last stamp, what waits or failed and why, and the recent tokens.
 */
export default async function TimeStampsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await pageContext("/admin/time-stamps");
  const status = await orNotFound(readTimeStampStatus(db, actor), ["FORBIDDEN"]);
  const { cursor } = await searchParams;
  const { value: page, refused } = await orRefusedQuery(listTimeStamps(db, actor, { cursor: typeof cursor === "string" && cursor ? cursor : undefined, limit: 20 }), { items: [], nextCursor: null });
  const [t, { formats }] = await Promise.all([getTranslations("timeStamps"), getSpeech()]);
  const subject = (s: { subject: "chain" | "event" | "evidence"; seq: number | null; evidenceId: string | null }) =>
    s.subject === "evidence" ? (
      s.evidenceId ? <Link href={`/evidence/${s.evidenceId}`}>{t("subject.evidence")}</Link> : t("subject.evidence")
    ) : (
      t(`subject.${s.subject}`, { seq: formats.number(s.seq ?? 0) })
    );
  const tsa = (chunks: React.ReactNode) => <Bidi className="font-medium">{chunks}</Bidi>;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1>{t("heading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t.rich("intro", { std })}</p>
      </div>

      <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="time-stamp-status">
        {status.configured ? (
          <>
            <h2 className="text-base">{t("on.title")}</h2>
            <p>{t.rich("on.by", { tsa, url: status.tsa ?? "", minutes: status.intervalMinutes })}</p>
            <p className="text-stone-600">{t.rich(status.anchored ? "on.anchored" : "on.unanchored", { code })}</p>
          </>
        ) : (
          <>
            <h2 className="text-base">{t("off.title")}</h2>
            <p>{t.rich("off.body", { code, std, minutes: status.intervalMinutes })}</p>
          </>
        )}
        <p data-testid="last-chain-stamp">
          {status.latestChain
            ? t.rich("lastChain", { time: formats.dateTime(status.latestChain.genTime), seq: formats.number(status.latestChain.seq ?? 0), tsa, url: status.latestChain.tsa })
            : t("noChainYet")}
        </p>
        <p className="text-stone-600">
          {status.waiting >= WAITING_CAP ? t("waitingMany", { count: formats.number(WAITING_CAP) }) : t("waiting", { count: status.waiting })}
        </p>
      </section>

      {status.failures.length > 0 ? (
        <section className="space-y-3">
          <h2>{t("failures.heading")}</h2>
          <ul className="space-y-2" data-testid="time-stamp-failures">
            {status.failures.map((f, i) => (
              <li key={i} className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm">
                <p className="font-medium text-stone-900">{subject(f)}</p>
                <p className="text-rose-900">
                  <Bidi>{f.lastError}</Bidi>
                </p>
                <p className="text-xs text-stone-600">
                  {f.state === "failed"
                    ? t("failures.gaveUp", { attempts: f.attempts })
                    : t("failures.retry", { attempts: f.attempts, time: formats.dateTime(f.nextAttemptAt!) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="space-y-3">
        <h2>{t("recent.heading")}</h2>
        {refused ? <FormMessage tone="error" message={refused} /> : null}
        {page.items.length === 0 ? (
          <EmptyState title={t("recent.none")} />
        ) : (
          <table className="w-full text-start text-sm" data-testid="time-stamps">
            <thead>
              <tr className="border-b border-stone-200 text-xs text-stone-600">
                <th className="py-2 pe-3 text-start font-medium">{t("recent.what")}</th>
                <th className="py-2 pe-3 text-start font-medium">{t("recent.when")}</th>
                <th className="py-2 pe-3 text-start font-medium">{t("recent.hash")}</th>
                <th className="py-2 text-start font-medium">{t("recent.token")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id} className="border-b border-stone-100 align-top">
                  <td className="py-2 pe-3">{subject(s)}</td>
                  <td className="py-2 pe-3">{formats.dateTime(s.genTime)}</td>
                  <td className="py-2 pe-3">
                    <Bidi className="break-all font-mono text-xs" title={s.imprint}>
                      {s.imprint}
                    </Bidi>
                  </td>
                  <td className="py-2">
                    <a href={s.token} download>
                      {t.rich("recent.download", { file: (chunks) => <Bidi>{chunks}</Bidi> })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager basePath="/admin/time-stamps" params={{}} nextCursor={page.nextCursor} isFirstPage={!cursor} />
      </section>
    </div>
  );
}
