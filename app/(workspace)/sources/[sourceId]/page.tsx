import { addCitationAction, rateSourceAction } from "../actions";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditTimeline } from "@/components/audit/timeline";
import { AddCitationForm, RateSourceForm } from "@/components/sources/source-forms";
import { Bidi } from "@/components/ui/bidi";
import { FormMessage } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { getSource } from "@/lib/sources/get-source";
import { listSourceOptions } from "@/lib/sources/list-sources";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sources");
  return { title: t("sourceTitle") };
}

/** The notes the page shows after a form sent the person back here (`?saved=…`). */
const SAVED = ["created", "rated", "cited"] as const;
const isSaved = (value: unknown): value is (typeof SAVED)[number] => typeof value === "string" && (SAVED as readonly string[]).includes(value);

export default async function SourcePage({ params, searchParams }: { params: Promise<{ sourceId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { sourceId } = await params;
  const { db, actor } = await pageContext(`/sources/${sourceId}`);
  const { saved } = await searchParams;
  const source = await orNotFound(getSource(db, actor, sourceId));
  const [options, history, t, kinds, { words }] = await Promise.all([
    listSourceOptions(db, actor),
    listAuditEvents(db, actor, { entity: `source:${source.id}` }).catch(() => ({ items: [], nextCursor: null })),
    getTranslations("sources"),
    getTranslations("sources.kind"),
    getSpeech(),
  ]);
  const kind = kinds.has(source.kind as never) ? kinds(source.kind as never) : source.kind;
  const names = (list: { id: string; name: string }[]) =>
    list.length
      ? list.map((c, i) => (
          <span key={c.id}>
            {i > 0 ? t("separator") : null}
            <bdi>{c.name}</bdi>
          </span>
        ))
      : "—";
  const addresses = [source.url, ...source.handles].filter((a): a is string => !!a);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        {isSaved(saved) ? <FormMessage tone="success" message={t(`saved.${saved}`)} /> : null}
        <div>
          <p className="text-sm"><Link href="/sources">{t("back")}</Link></p>
          <h1 dir="auto" data-testid="source-name">{source.name}</h1>
          <p className="text-sm text-stone-600">{source.protected ? t("kindProtected", { kind }) : kind}</p>
        </div>
        <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-5 text-sm sm:grid-cols-2">
          <div><dt className="text-stone-500">{t("reliability")}</dt><dd data-testid="source-reliability">{words.reliability(source.reliability)}</dd></div>
          <div><dt className="text-stone-500">{t("rationale")}</dt><dd dir="auto">{source.reliabilityRationale ?? "—"}</dd></div>
          <div>
            <dt className="text-stone-500">{t("affiliatedWith")}</dt>
            <dd>{source.affiliatedWith ? <Link href={`/sources/${source.affiliatedWith.id}`} dir="auto">{source.affiliatedWith.name}</Link> : "—"}</dd>
          </div>
          <div>
            <dt className="text-stone-500">{t("urlAndHandles")}</dt>
            <dd className="break-all">
              {addresses.length
                ? addresses.map((a, i) => (
                    <span key={`${i}-${a}`}>
                      {i > 0 ? t("separator") : null}
                      <Bidi>{a}</Bidi>
                    </span>
                  ))
                : "—"}
            </dd>
          </div>
          <div><dt className="text-stone-500">{t("cites")}</dt><dd data-testid="source-cites">{names(source.cites)}</dd></div>
          <div><dt className="text-stone-500">{t("citedBy")}</dt><dd>{names(source.citedBy)}</dd></div>
        </dl>
        {can(actor, "audit.read") ? (
          <section className="space-y-3">
            <h2>{t("history")}</h2>
            <AuditTimeline events={history.items} />
          </section>
        ) : null}
      </div>
      {can(actor, "sources.update") ? (
        <aside className="space-y-4">
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">{t("rating")}</h2>
            <RateSourceForm
              submit={rateSourceAction.bind(null, source.id)}
              sourceId={source.id}
              version={source.version}
              reliability={source.reliability}
              rationale={source.reliabilityRationale}
              affiliatedWithId={source.affiliatedWithId}
              isProtected={source.protected}
              options={options}
            />
          </section>
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">{t("citations")}</h2>
            <AddCitationForm submit={addCitationAction.bind(null, source.id)} sourceId={source.id} options={options} />
          </section>
        </aside>
      ) : null}
    </div>
  );
}
