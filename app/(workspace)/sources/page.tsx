import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateSourceForm } from "@/components/sources/source-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { can } from "@/lib/auth/permissions";
import { pageContext } from "@/lib/server/doors";
import { listSourceOptions, listSources } from "@/lib/sources/list-sources";
import { ZCreateSource } from "@/lib/sources/schemas";
import { requiredFieldsOf } from "@/lib/validation/required-fields";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sources");
  return { title: t("title") };
}

export default async function SourcesPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/sources");
  const search = await searchParams;
  const [result, options, t, kinds, { words }] = await Promise.all([
    listSources(db, actor, search).catch(() => ({ items: [], nextCursor: null })),
    listSourceOptions(db, actor),
    getTranslations("sources"),
    getTranslations("sources.kind"),
    getSpeech(),
  ]);
  const kindLabel = (kind: string) => (kinds.has(kind as never) ? kinds(kind as never) : kind);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="text-sm text-stone-600">{t("intro")}</p>
        </div>
        <form method="get" action="/sources" role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">{t("searchLabel")}</label>
          <input id="q" name="q" type="search" dir="auto" defaultValue={search.q} placeholder={t("searchPlaceholder")} className={inputClass} />
          <button type="submit" className={buttonClass.secondary}>{t("search")}</button>
        </form>
        {result.items.length === 0 ? (
          <EmptyState title={search.q ? t("noMatch") : t("noneYet")}>{t("emptyBody")}</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="source-list">
            {result.items.map((s) => (
              <li key={s.id} className="flex items-baseline justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  <Link href={`/sources/${s.id}`} className="font-medium text-stone-900" dir="auto">{s.name}</Link>
                  <span className="text-stone-500"> · {kindLabel(s.kind)}{s.protected ? ` · ${t("protected")}` : ""}</span>
                </span>
                <span className="text-xs text-stone-600">{words.reliability(s.reliability)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pager basePath="/sources" params={{ q: search.q }} nextCursor={result.nextCursor} isFirstPage={!search.cursor} />
      </div>
      {can(actor, "sources.create") ? (
        <aside className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-3 text-base">{t("newSource")}</h2>
          <CreateSourceForm options={options} required={requiredFieldsOf(ZCreateSource)} />
        </aside>
      ) : null}
    </div>
  );
}
