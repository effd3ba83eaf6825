import { addNameAction, mergeAction, splitAction, updatePersonAction } from "../actions";
import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import { AuditTimeline } from "@/components/audit/timeline";
import { knownDetails } from "@/components/persons/known-details";
import { AddNameForm, MergeCandidate, PersonDetailsForm, SplitButton } from "@/components/persons/person-forms";
import { StateBadge } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { getSpeech } from "@/components/ui/speech-server";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { getPerson } from "@/lib/persons/get-person";
import { matchPersons } from "@/lib/persons/match-persons";
import { orNotFound, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("personMetaTitle") };
}

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { db, actor } = await pageContext(`/persons/${personId}`);
  const person = await orNotFound(getPerson(db, actor, personId));
  const canMerge = can(actor, "persons.merge");
  // Likely duplicates: what the engine finds for each of the first name forms, this person left out.
  const lookups = canMerge ? await Promise.all(person.names.slice(0, 3).map((n) => matchPersons(db, actor, { name: n.name, limit: 5 }))) : [];
  const duplicates = [...new Map(lookups.flatMap((l) => l.candidates).filter((c) => c.person.id !== person.id).map((c) => [c.person.id, c])).values()];
  const audit = await listAuditEvents(db, actor, { entity: `person:${person.id}`, limit: 100 });
  const [t, names, { words }] = await Promise.all([getTranslations("persons"), getTranslations("names"), getSpeech()]);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        {person.requestedId !== person.id ? (
          <p className="rounded-md border border-stone-200 bg-stone-100 px-4 py-2 text-sm">{t("page.mergedNotice")}</p>
        ) : null}
        <div className="space-y-1">
          <h1 dir="auto" data-testid="person-name">{person.names[0]?.name ?? names("unnamed")}</h1>
          <p className="text-sm text-stone-600">{knownDetails(t, person, ["sex", "age", "date", "place"]) ?? t("details.none")}</p>
        </div>

        <section aria-labelledby="names-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="names-heading" className="text-base">{t("page.nameForms")}</h2>
          <ul className="divide-y divide-stone-100 text-sm" data-testid="person-name-forms">
            {person.names.map((n) => (
              <li key={n.id} className="flex items-baseline justify-between gap-2 py-1.5">
                <bdi>{n.name}</bdi>
                <span className="text-xs text-stone-500">{names(`script.${n.script}`)}</span>
              </li>
            ))}
          </ul>
          {can(actor, "persons.add") ? <AddNameForm submit={addNameAction.bind(null, person.id)} /> : null}
        </section>

        <section aria-labelledby="claims-heading" className="space-y-2">
          <h2 id="claims-heading">{t("page.namedIn")}</h2>
          {person.claims.length ? (
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
              {person.claims.map((c) => (
                <li key={`${c.claimId}:${c.role}`} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <Link href={`/claims/${c.claimId}`}><bdi>{c.title}</bdi></Link>
                  <span className="flex items-center gap-2 text-xs text-stone-600">
                    {words.personRole(c.role)} · {c.isPublic ? t("page.public") : t("page.private")} <StateBadge state={c.state} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t("page.noClaims")} />
          )}
        </section>

        <section aria-labelledby="timeline-heading" className="space-y-3">
          <h2 id="timeline-heading">{t("page.timeline")}</h2>
          <AuditTimeline events={audit.items} />
        </section>
      </div>

      <aside className="space-y-4" aria-label={t("page.actions")}>
        {can(actor, "persons.update") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">{t("page.details")}</h2>
            <PersonDetailsForm submit={updatePersonAction.bind(null, person.id)} person={person} />
          </section>
        ) : null}
        {canMerge ? (
          <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="text-base">{t("page.likelySame")}</h2>
            {duplicates.length ? (
              <ul className="space-y-2">{duplicates.map((c) => <MergeCandidate key={c.person.id} submit={mergeAction.bind(null, person.id)} candidate={c} />)}</ul>
            ) : (
              <p className="text-sm text-stone-600">{t("page.noDuplicates")}</p>
            )}
          </section>
        ) : null}
        {person.merged.length ? (
          <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="text-base">{t("page.mergedInto")}</h2>
            {person.merged.map((m) =>
              canMerge ? <SplitButton key={m.id} submit={splitAction.bind(null, person.id)} personId={m.id} names={m.names} /> : <p key={m.id} className="text-sm">{m.names.map((name, i) => <Fragment key={name}>{i ? " · " : ""}<bdi>{name}</bdi></Fragment>)}</p>,
            )}
          </section>
        ) : null}
      </aside>
    </div>
  );
}
