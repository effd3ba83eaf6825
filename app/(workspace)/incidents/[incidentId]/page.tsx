import { addAttributionAction, linkClaimAction, publishIncidentAction, recordCasualtyAction, removeAttributionAction, removeCasualtyAction, unlinkClaimAction, updateIncidentAction } from "../actions";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTimeline } from "@/components/audit/timeline";
import { AttributionForm, CasualtyForm, ConfirmRemove, IncidentForm, LinkForm, PublishIncidentForm } from "@/components/incidents/incident-forms";
import { publicPath } from "@/lib/i18n/public-paths";
import { languageOf } from "@/lib/i18n/locales";
import { TallyLine } from "@/components/incidents/tally-line";
import { GradeBadge, StateBadge } from "@/components/ui/badges";
import { FormMessage } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { getIncident, INCIDENT_LIST_MAX } from "@/lib/incidents/get-incident";
import { listIncidentOptions } from "@/lib/incidents/list-incidents";
import { incidentOptionLabels } from "@/lib/incidents/options";
import { REQUIRED_INCIDENT_FIELDS } from "@/lib/incidents/schemas";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { listSourceOptions } from "@/lib/sources/list-sources";
import { CLAIM_STATES } from "@/lib/vocabulary";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("incidentTitle") };
}

const SAVED = ["created", "updated", "linked", "unlinked", "recorded", "removed", "attributed", "withdrawn", "published"] as const;
const isSaved = (value: unknown): value is (typeof SAVED)[number] => typeof value === "string" && (SAVED as readonly string[]).includes(value);

export default async function IncidentPage({ params, searchParams }: { params: Promise<{ incidentId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { incidentId } = await params;
  const { db, actor } = await pageContext(`/incidents/${incidentId}`);
  const { saved } = await searchParams;
  const [t, w, locale, { words, formats }] = await Promise.all([getTranslations("incidents"), getTranslations("incidents.words"), getLocale(), getSpeech()]);
  if (!can(actor, "incidents.read")) notFound();
  const incident = await orNotFound(getIncident(db, actor, incidentId));
  const writable = can(actor, "incidents.write");
  const [history, incidentOptions, sourceOptions] = await Promise.all([
    can(actor, "audit.read") ? listAuditEvents(db, actor, { entity: `incident:${incident.id}`, limit: 100 }) : { items: [] },
    writable ? listIncidentOptions(db, actor) : [],
    writable ? listSourceOptions(db, actor) : [],
  ]);
  // A parent may be any incident but this one and those under it (the page says so; lib/ refuses it anyway).
  const below = new Set([incident.id, ...incident.children.map((c) => c.id)]);
  const parents = incidentOptionLabels(incidentOptions).filter((o) => !below.has(o.id));
  const sources = sourceOptions.map((s) => ({ id: s.id, label: s.name }));
  const nameOf = (p: { names: { name: string }[] } | null) => p?.names[0]?.name ?? t("unnamed");
  const unrecorded = incident.persons.filter((p) => !p.recorded).map((p) => ({ id: p.person.id, label: `${nameOf(p.person)} (${words.personRole(p.role)})` }));
  const recordedIds = new Set(incident.casualties.map((c) => c.person?.id));
  const otherTitle = Object.values(incident.translations)[0]?.title;
  const period = formats.period(incident.startDate, incident.endDate) ?? "";
  const claimsByState = CLAIM_STATES.map((state) => ({ state, claims: incident.claims.filter((c) => c.state === state) })).filter((g) => g.claims.length);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_24rem]">
      <div className="min-w-0 space-y-6">
        {isSaved(saved) ? <FormMessage tone="success" message={t(`saved.${saved}`)} /> : null}
        <div className="space-y-1">
          <p className="text-sm"><Link href="/incidents">{t("back")}</Link>{incident.parent ? <> · {t("partOf")} <Link href={`/incidents/${incident.parent.id}`} dir="auto">{incident.parent.title}</Link></> : null}</p>
          <h1 dir="auto" data-testid="incident-title">{incident.title}</h1>
          {otherTitle ? <p dir="auto" className="text-stone-600" data-testid="incident-translated-title">{otherTitle}</p> : null}
          <p className="text-sm text-stone-600">
            {w(`type.${incident.type}`)} · <bdi>{incident.placeName}</bdi> ({w(`placePrecision.${incident.placePrecision}`)}) · {period}
            {incident.startTime ? ` ${incident.startTime}` : ""} ({w(`datePrecision.${incident.datePrecision}`)})
          </p>
          <p className="text-sm" data-testid="incident-state">
            {incident.state === "published" ? t("stateLine.published", { version: incident.publishedVersion ?? 0, changed: incident.changedSincePublication ? "yes" : "no" }) : t("stateLine.draft")}
            {incident.slug ? (
              <>
                {" · "}
                <Link href={publicPath(languageOf(locale), `/events/${incident.slug}`)} data-testid="incident-public-link">{t("publicPage")}</Link>
              </>
            ) : null}
          </p>
        </div>
        {incident.summary ? <p dir="auto" className="whitespace-pre-line text-sm">{incident.summary}</p> : null}

        <section aria-labelledby="tally-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-4" data-testid="incident-tally">
          <h2 id="tally-heading" className="text-base">{t("tally.heading")}</h2>
          <TallyLine tally={incident.tally} />
          {incident.children.length ? (
            <ul className="space-y-1 text-sm" data-testid="incident-children">
              {incident.children.map((c) => (
                <li key={c.id}>
                  <Link href={`/incidents/${c.id}`} dir="auto">{c.title}</Link>
                  <span className="text-stone-500"> · {formats.period(c.startDate, c.endDate)}</span>
                  {c.tally ? <span className="text-stone-600"> · <TallyLine tally={c.tally} inline /></span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <section aria-labelledby="claims-heading" className="space-y-3" id="claims">
          <h2 id="claims-heading">{t("claims.heading", { count: incident.claims.length })}</h2>
          {claimsByState.length === 0 ? (
            <p className="text-sm text-stone-600">{t("claims.none")}</p>
          ) : (
            claimsByState.map((group) => (
              <div key={group.state} className="space-y-1">
                <h3 className="text-sm font-medium text-stone-600">{words.state(group.state)}</h3>
                <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm" data-testid="incident-claims">
                  {group.claims.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                      <span className="min-w-0">
                        <Link href={`/claims/${c.id}`} dir="auto" className="font-medium">{c.title}</Link>
                        <span className="text-stone-500"> · {words.kind(c.kind)} · {t("claims.evidence", { count: c.evidenceCount })}</span>
                      </span>
                      <span className="flex items-center gap-2">
                        <StateBadge state={c.state} />
                        <GradeBadge grade={c.grade} />
                        {writable ? <ConfirmRemove submit={unlinkClaimAction.bind(null, incident.id, c.id)} label={t("claims.unlink")} confirm={t("claims.confirmUnlink")} testId="unlink-claim" /> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
          {incident.more.claims ? <p className="text-sm text-stone-600">{t("firstShown", { count: INCIDENT_LIST_MAX })}</p> : null}
          {writable ? <LinkForm submit={linkClaimAction.bind(null, incident.id)} name="claimId" label={t("claims.linkLabel")} testId="link-claim-form" /> : null}
        </section>

        <section aria-labelledby="victims-heading" className="space-y-3" id="victims">
          <h2 id="victims-heading">{t("victims.heading", { count: incident.casualties.length })}</h2>
          {incident.casualties.length === 0 ? (
            <p className="text-sm text-stone-600">{t("victims.none")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
              <table className="w-full text-sm" data-testid="incident-victims">
                <thead className="bg-stone-50 text-start text-xs text-stone-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.name")}</th>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.death")}</th>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.cause")}</th>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.status")}</th>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.ageSex")}</th>
                    <th scope="col" className="px-3 py-2 text-start">{t("victims.sources")}</th>
                    {writable ? <th scope="col" className="px-3 py-2"><span className="sr-only">{t("victims.actions")}</span></th> : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {incident.casualties.map((c) => (
                    <tr key={c.id}>
                      <td className="px-3 py-2">{c.person ? <Link href={`/persons/${c.person.id}`} dir="auto">{nameOf(c.person)}</Link> : t("unnamed")}</td>
                      <td className="px-3 py-2">
                        {c.dateOfDeath ? formats.date(c.dateOfDeath) : null}
                        {c.dateOfDeath && c.placeOfDeath ? " · " : null}
                        {c.placeOfDeath ? <bdi>{c.placeOfDeath}</bdi> : null}
                        {!c.dateOfDeath && !c.placeOfDeath ? "—" : null}
                      </td>
                      <td className="px-3 py-2">{w(`cause.${c.cause}`)}</td>
                      <td className="px-3 py-2">{w(`status.${c.status}`)}</td>
                      <td className="px-3 py-2">
                        {[c.age !== null ? t("victims.age", { age: c.age }) : c.ageBand ? w(`ageBand.${c.ageBand}`) : null, c.sex ? w(`sex.${c.sex}`) : null].filter(Boolean).join(" · ") || "—"}
                      </td>
                      <td className="px-3 py-2">{c.sources.length ? <bdi>{c.sources.map((s) => s.name).join(", ")}</bdi> : "—"}</td>
                      {writable ? (
                        <td className="px-3 py-2 text-end">
                          <ConfirmRemove submit={removeCasualtyAction.bind(null, incident.id, c.id)} label={t("victims.remove")} confirm={t("victims.confirmRemove")} testId="remove-casualty" />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {incident.more.casualties ? <p className="text-sm text-stone-600">{t("firstShown", { count: INCIDENT_LIST_MAX })}</p> : null}
          {incident.persons.length ? (
            <p className="text-sm text-stone-600" data-testid="incident-persons">
              {t("victims.namedInClaims")}{" "}
              {incident.persons.map((p, i) => (
                <span key={`${p.person.id}-${p.role}`}>
                  {i > 0 ? ", " : null}
                  <Link href={`/persons/${p.person.id}`} dir="auto">{nameOf(p.person)}</Link> ({words.personRole(p.role)}{recordedIds.has(p.person.id) ? `, ${t("victims.recorded")}` : ""})
                </span>
              ))}
            </p>
          ) : null}
        </section>

        <section aria-labelledby="figures-heading" className="space-y-2">
          <h2 id="figures-heading">{t("figures.heading")}</h2>
          {incident.figures.length === 0 ? (
            <p className="text-sm text-stone-600">{t("figures.none")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm" data-testid="incident-figures">
              {incident.figures.map((f) => (
                <li key={f.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                  <span>{words.measure(f.measure)}: <strong>{formats.reported({ valueMin: f.min, valueMax: f.max, atLeast: f.atLeast })}</strong> · <bdi>{f.source.name}</bdi></span>
                  <span className="text-xs text-stone-600">{formats.date(f.asOf)} · <Link href={`/claims/${f.claimId}`}>{t("figures.claim")}</Link></span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="attributions-heading" className="space-y-3" id="attributions">
          <h2 id="attributions-heading">{t("attributions.heading")}</h2>
          {incident.attributions.length === 0 ? (
            <p className="text-sm text-stone-600">{t("attributions.none")}</p>
          ) : (
            <ul className="space-y-2" data-testid="incident-attributions">
              {incident.attributions.map((a) => (
                <li key={a.id} className="space-y-1 rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm">
                  <p>
                    {t.rich("attributions.line", { perpetrator: a.perpetrator, grade: words.grade(a.grade), who: (chunks) => <strong dir="auto">{chunks}</strong> })}
                  </p>
                  <p dir="auto" className="text-stone-700">{a.rationale}</p>
                  <p className="text-xs text-stone-600">{t("attributions.sourcesLabel")} <bdi>{a.sources.map((s) => s.name).join(", ")}</bdi></p>
                  {writable ? <ConfirmRemove submit={removeAttributionAction.bind(null, incident.id, a.id)} label={t("attributions.withdraw")} confirm={t("attributions.confirmWithdraw")} testId="withdraw-attribution" /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        {can(actor, "audit.read") ? (
          <section className="space-y-3">
            <h2>{t("history")}</h2>
            <AuditTimeline events={history.items} />
          </section>
        ) : null}
      </div>
      {writable || can(actor, "incidents.publish") ? (
        <aside className="space-y-4">
          {can(actor, "incidents.publish") ? (
            <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="incident-publication">
              <h2 className="mb-2 text-base">{t("publication.heading")}</h2>
              <p className="mb-3 text-stone-600">{t("publication.explain")}</p>
              {incident.changedBy === actor.id ? (
                <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-950" data-testid="incident-four-eyes">{t("publication.fourEyes")}</p>
              ) : incident.state === "published" || incident.claims.some((c) => c.state === "published") ? (
                <PublishIncidentForm submit={publishIncidentAction.bind(null, incident.id)} version={incident.version} republish={incident.state === "published"} />
              ) : (
                <p className="text-stone-600">{t("publication.needsClaim")}</p>
              )}
            </section>
          ) : null}
          {writable ? (
            <>
              <section className="rounded-lg border border-stone-200 bg-white p-4">
                <h2 className="mb-3 text-base">{t("victims.recordHeading")}</h2>
                {unrecorded.length ? <p className="mb-2 text-xs text-stone-600">{t("victims.suggested", { count: unrecorded.length })}</p> : null}
                <CasualtyForm submit={recordCasualtyAction.bind(null, incident.id)} persons={unrecorded} sources={sources} />
              </section>
              <section className="rounded-lg border border-stone-200 bg-white p-4">
                <h2 className="mb-3 text-base">{t("attributions.addHeading")}</h2>
                <AttributionForm submit={addAttributionAction.bind(null, incident.id)} sources={sources} />
              </section>
              <section className="rounded-lg border border-stone-200 bg-white p-4">
                <h2 className="mb-3 text-base">{t("edit")}</h2>
                <IncidentForm
                  submit={updateIncidentAction.bind(null, incident.id)}
                  required={REQUIRED_INCIDENT_FIELDS}
                  parents={parents}
                  locale={languageOf(locale)}
                  initial={{
                    title: incident.title,
                    language: incident.language,
                    translatedTitle: otherTitle ?? "",
                    type: incident.type,
                    summary: incident.summary ?? "",
                    placeName: incident.placeName,
                    placePrecision: incident.placePrecision,
                    latitude: incident.latitude === null ? "" : String(incident.latitude),
                    longitude: incident.longitude === null ? "" : String(incident.longitude),
                    startDate: incident.startDate,
                    endDate: incident.endDate,
                    startTime: incident.startTime ?? "",
                    datePrecision: incident.datePrecision,
                    parentId: incident.parentId ?? "",
                    version: incident.version,
                  }}
                />
              </section>
            </>
          ) : null}
        </aside>
      ) : null}
    </div>
  );
}
