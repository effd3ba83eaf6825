import { addNameAction, mergeAction, splitAction, updatePersonAction } from "../actions";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditTimeline } from "@/components/audit/timeline";
import { ROLE_LABEL } from "@/components/persons/labels";
import { AddNameForm, MergeCandidate, PersonDetailsForm, SplitButton } from "@/components/persons/person-forms";
import { StateBadge } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { getPerson } from "@/lib/persons/get-person";
import { matchPersons } from "@/lib/persons/match-persons";
import { orNotFound, pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Person" };

const SCRIPT_LABEL = { arabic: "Arabic", latin: "Latin", mixed: "Mixed", other: "Other" } as const;

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { db, actor } = await pageContext(`/persons/${personId}`);
  const person = await orNotFound(getPerson(db, actor, personId));
  const canMerge = can(actor, "persons.merge");
  // Likely duplicates: what the engine finds for each of the first name forms, this person left out.
  const lookups = canMerge ? await Promise.all(person.names.slice(0, 3).map((n) => matchPersons(db, actor, { name: n.name, limit: 5 }))) : [];
  const duplicates = [...new Map(lookups.flatMap((l) => l.candidates).filter((c) => c.person.id !== person.id).map((c) => [c.person.id, c])).values()];
  const audit = await listAuditEvents(db, actor, { entity: `person:${person.id}`, limit: 100 });

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        {person.requestedId !== person.id ? (
          <p className="rounded-md border border-stone-200 bg-stone-100 px-4 py-2 text-sm">The record you opened was merged into this person.</p>
        ) : null}
        <div className="space-y-1">
          <h1 dir="auto" data-testid="person-name">{person.names[0]?.name ?? "Unnamed"}</h1>
          <p className="text-sm text-stone-600">
            {[person.sex, person.age !== null ? `age ${person.age}` : null, person.incidentDate, person.placeName].filter(Boolean).join(" · ") || "No details yet"}
          </p>
        </div>

        <section aria-labelledby="names-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="names-heading" className="text-base">Name forms</h2>
          <ul className="divide-y divide-stone-100 text-sm" data-testid="person-name-forms">
            {person.names.map((n) => (
              <li key={n.id} className="flex items-baseline justify-between gap-2 py-1.5">
                <bdi>{n.name}</bdi>
                <span className="text-xs text-stone-500">{SCRIPT_LABEL[n.script]}</span>
              </li>
            ))}
          </ul>
          {can(actor, "persons.add") ? <AddNameForm submit={addNameAction.bind(null, person.id)} /> : null}
        </section>

        <section aria-labelledby="claims-heading" className="space-y-2">
          <h2 id="claims-heading">Named in</h2>
          {person.claims.length ? (
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
              {person.claims.map((c) => (
                <li key={`${c.claimId}:${c.role}`} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <Link href={`/claims/${c.claimId}`}><bdi>{c.title}</bdi></Link>
                  <span className="flex items-center gap-2 text-xs text-stone-600">
                    {ROLE_LABEL[c.role]} · {c.isPublic ? "public" : "private"} <StateBadge state={c.state} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="In none of the claims you can see" />
          )}
        </section>

        <section aria-labelledby="timeline-heading" className="space-y-3">
          <h2 id="timeline-heading">Audit timeline</h2>
          <AuditTimeline events={audit.items} />
        </section>
      </div>

      <aside className="space-y-4" aria-label="Actions">
        {can(actor, "persons.update") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">Details</h2>
            <PersonDetailsForm submit={updatePersonAction.bind(null, person.id)} person={person} />
          </section>
        ) : null}
        {canMerge ? (
          <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="text-base">Likely the same person</h2>
            {duplicates.length ? (
              <ul className="space-y-2">{duplicates.map((c) => <MergeCandidate key={c.person.id} submit={mergeAction.bind(null, person.id)} candidate={c} />)}</ul>
            ) : (
              <p className="text-sm text-stone-600">No other record looks like this person.</p>
            )}
          </section>
        ) : null}
        {person.merged.length ? (
          <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="text-base">Merged into this person</h2>
            {person.merged.map((m) =>
              canMerge ? <SplitButton key={m.id} submit={splitAction.bind(null, person.id)} personId={m.id} names={m.names} /> : <p key={m.id} className="text-sm">{m.names.join(" · ")}</p>,
            )}
          </section>
        ) : null}
      </aside>
    </div>
  );
}
