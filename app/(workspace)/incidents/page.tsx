import { createIncidentAction } from "./actions";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { IncidentForm } from "@/components/incidents/incident-forms";
import { IncidentViews } from "@/components/incidents/incident-views";
import type { MapIncident } from "@/components/incidents/incident-map";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { can } from "@/lib/auth/permissions";
import type { IncidentDto } from "@/lib/incidents/dto";
import { listIncidentOptions, listIncidents } from "@/lib/incidents/list-incidents";
import { incidentOptionLabels } from "@/lib/incidents/options";
import { REQUIRED_INCIDENT_FIELDS, type TIncidentQuery } from "@/lib/incidents/schemas";
import { pageContext } from "@/lib/server/doors";
import { languageOf } from "@/lib/i18n/locales";
import { GRADES, INCIDENT_TYPES } from "@/lib/vocabulary";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("title") };
}

/** The list, or the map and the timeline side by side (selecting on one selects on the other). */
const VIEWS = ["list", "map"] as const;
type View = (typeof VIEWS)[number];
/** The map and the timeline draw at most this many incidents (pages of the same keyset list). */
const DRAWN_MAX = 1000;

type Search = { type?: string; grade?: string; from?: string; to?: string; q?: string; view?: string; cursor?: string };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, actor } = await pageContext("/incidents");
  const search = await searchParams;
  const [t, w, locale, { words, formats }] = await Promise.all([getTranslations("incidents"), getTranslations("incidents.words"), getLocale(), getSpeech()]);
  // Incidents gather every submitter's claims: for anyone who does not read them all, nothing is here.
  if (!can(actor, "incidents.read")) notFound();
  const view: View = (VIEWS as readonly string[]).includes(search.view ?? "") ? (search.view as View) : "list";
  const filters: TIncidentQuery = { type: search.type, grade: search.grade, from: search.from, to: search.to, q: search.q };
  let badFilters = false;
  const read = async (query: TIncidentQuery) => listIncidents(db, actor, query).catch(() => ((badFilters = true), { items: [] as IncidentDto[], nextCursor: null }));
  let items: IncidentDto[] = [];
  let nextCursor: string | null = null;
  if (view === "list") ({ items, nextCursor } = await read({ ...filters, cursor: search.cursor }));
  else {
    // The map and the timeline read the same list, oldest first, page after page, up to DRAWN_MAX.
    let cursor: string | undefined;
    do {
      const page = await read({ ...filters, order: "oldest", limit: 100, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < DRAWN_MAX);
    nextCursor = cursor ?? null;
  }
  const options = can(actor, "incidents.write") ? incidentOptionLabels(await listIncidentOptions(db, actor)) : [];
  const dateLabel = (i: IncidentDto) => formats.period(i.startDate, i.endDate) ?? "";
  // The title in the reader's language when it has a translation into it.
  const lang = languageOf(locale);
  const titleOf = (i: IncidentDto) => (i.language === lang ? i.title : (i.translations[lang]?.title ?? i.title));
  const drawn: MapIncident[] = items.map((i) => ({
    id: i.id,
    title: titleOf(i),
    type: i.type,
    typeLabel: w(`type.${i.type}`),
    placeName: i.placeName,
    placePrecision: i.placePrecision,
    latitude: i.latitude,
    longitude: i.longitude,
    startDate: i.startDate,
    endDate: i.endDate,
    dateLabel: dateLabel(i),
  }));
  const params = { type: search.type, grade: search.grade, from: search.from, to: search.to, q: search.q };
  const viewHref = (v: View) => `/incidents?${new URLSearchParams(Object.entries({ ...params, view: v }).filter((e): e is [string, string] => !!e[1]))}`;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="text-sm text-stone-600">{t("intro")}</p>
        </div>
        <form method="get" action="/incidents" role="search" aria-label={t("filters")} className="grid gap-2 rounded-lg border border-stone-200 bg-white p-3 text-sm sm:grid-cols-3" data-testid="incident-filters">
          <input type="hidden" name="view" value={view} />
          <label className="space-y-1">
            <span className="block text-stone-600">{t("filterType")}</span>
            <select name="type" defaultValue={search.type ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {INCIDENT_TYPES.map((type) => <option key={type} value={type}>{w(`type.${type}`)}</option>)}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("filterGrade")}</span>
            <select name="grade" defaultValue={search.grade ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {GRADES.map((g) => <option key={g} value={g}>{words.grade(g)}</option>)}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("filterWords")}</span>
            <input type="search" name="q" dir="auto" defaultValue={search.q} className={inputClass} />
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("filterFrom")}</span>
            <input type="date" name="from" dir="ltr" defaultValue={search.from} className={inputClass} />
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("filterTo")}</span>
            <input type="date" name="to" dir="ltr" defaultValue={search.to} className={inputClass} />
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass.secondary}>{t("apply")}</button>
            <Link href={`/incidents?view=${view}`} className="py-2 text-sm">{t("clear")}</Link>
          </div>
        </form>
        {badFilters ? <p role="alert" className="text-sm text-rose-800">{t("badFilters")}</p> : null}
        <nav aria-label={t("viewsLabel")} className="flex gap-1 text-sm" data-testid="incident-view-tabs">
          {VIEWS.map((v) => (
            <Link key={v} href={viewHref(v)} aria-current={v === view ? "page" : undefined} className={`rounded-md px-3 py-1.5 no-underline ${v === view ? "bg-teal-800 text-white" : "border border-stone-200 bg-white text-stone-700"}`}>
              {t(`view.${v}`)}
            </Link>
          ))}
        </nav>
        {items.length === 0 ? (
          <EmptyState title={Object.values(params).some(Boolean) ? t("noMatch") : t("noneYet")}>{t("emptyBody")}</EmptyState>
        ) : view === "list" ? (
          <>
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="incident-list">
              {items.map((i) => (
                <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-x-3 px-4 py-3 text-sm">
                  <span className="min-w-0">
                    <Link href={`/incidents/${i.id}`} className="font-medium text-stone-900" dir="auto">{titleOf(i)}</Link>
                    <span className="text-stone-500"> · {w(`type.${i.type}`)} · <bdi>{i.placeName}</bdi></span>
                  </span>
                  <span className="text-xs text-stone-600">
                    {dateLabel(i)}
                    {i.state === "published" ? ` · ${t("published")}` : ""}
                  </span>
                </li>
              ))}
            </ul>
            <Pager basePath="/incidents" params={params} nextCursor={nextCursor} isFirstPage={!search.cursor} />
          </>
        ) : (
          <>
            {nextCursor ? <p className="text-sm text-stone-600">{t("drawnFirst", { count: items.length })}</p> : null}
            <IncidentViews items={drawn} />
          </>
        )}
      </div>
      {can(actor, "incidents.write") ? (
        <aside className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-3 text-base">{t("newIncident")}</h2>
          <IncidentForm submit={createIncidentAction} required={REQUIRED_INCIDENT_FIELDS} parents={options} locale={languageOf(locale)} />
        </aside>
      ) : null}
    </div>
  );
}
