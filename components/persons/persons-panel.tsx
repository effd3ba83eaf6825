import { addPersonAction, removePersonAction, setVisibilityAction } from "@/app/(workspace)/claims/[claimId]/person-actions";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { ClaimPersonDto } from "@/lib/persons/dto";
import { AddPersonForm } from "./add-person-form";
import { formatDateTime } from "@/components/ui/format";
import { BASIS_LABEL, ROLE_LABEL, ROLE_PLURAL } from "./labels";
import { PersonNames } from "./person-names";
import { MakePrivateForm, PublishNameForm, RemovePersonButton } from "./visibility-form";

/** Person id → the roles they hold in this claim, so suggestions can say who is already here. */
function namedRoles(links: ClaimPersonDto[]): Record<string, string[]> {
  const named: Record<string, string[]> = {};
  for (const l of links) (named[l.person.id] ??= []).push(ROLE_LABEL[l.role].toLowerCase());
  return named;
}

/** Whether the name will be published, and on what basis, approved by whom and when. */
function NameStatus({ link }: { link: ClaimPersonDto }) {
  if (!link.isPublic || !link.basis) {
    return <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700 ring-1 ring-stone-300" data-testid="name-status">Private</span>;
  }
  return (
    <span className="space-y-0.5 text-xs" data-testid="name-status">
      <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-900 ring-1 ring-emerald-200">Public — basis: {BASIS_LABEL[link.basis]}</span>
      <span className="block text-stone-600" dir="auto">
        {[link.basisNote, link.approvedBy ? `approved by ${link.approvedBy}` : null, link.approvedAt ? formatDateTime(link.approvedAt) : null].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}

/** The persons named in a claim, by role, with the ways to add more. Every name is private until marked publishable. */
export function PersonsPanel({ claimId, links, canAdd, canPublish }: { claimId: string; links: ClaimPersonDto[]; canAdd: boolean; canPublish: boolean }) {
  return (
    <section aria-labelledby="persons-heading" className="space-y-3" data-testid="persons-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="persons-heading">Persons</h2>
        <span className="text-sm text-stone-500">
          {links.length} named
          {canAdd ? (
            <>
              {" · "}
              <Link href={`/claims/${claimId}/persons/import`}>Import a list</Link>
            </>
          ) : null}
        </span>
      </div>
      {links.length === 0 ? (
        <EmptyState title="No persons named yet">Victims, the missing and injured, perpetrators and witnesses named in this claim appear here.</EmptyState>
      ) : (
        <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
          {PERSON_ROLES.filter((role) => links.some((l) => l.role === role)).map((role) => (
            <div key={role}>
              <h3 className="mb-1 text-sm font-semibold text-stone-700">{ROLE_PLURAL[role]}</h3>
              <ul className="divide-y divide-stone-100">
                {links.filter((l) => l.role === role).map((l) => (
                  <li key={l.linkId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="claim-person">
                    <div className="min-w-0">
                      <Link href={`/persons/${l.person.id}`} className="no-underline hover:underline">
                        <PersonNames names={l.person.names} />
                      </Link>
                      <span className="block text-xs text-stone-500">
                        {[l.person.age !== null ? `age ${l.person.age}` : null, l.person.sex, l.person.incidentDate, l.person.placeName].filter(Boolean).join(" · ") || "No details yet"}
                      </span>
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      <NameStatus link={l} />
                      {canPublish && l.isPublic ? <MakePrivateForm submit={setVisibilityAction.bind(null, claimId, l.linkId)} version={l.version} name={l.person.names[0]?.name ?? "this person"} /> : null}
                      {canPublish && !l.isPublic ? (
                        <PublishNameForm submit={setVisibilityAction.bind(null, claimId, l.linkId)} version={l.version} name={l.person.names[0]?.name ?? "this person"} idPrefix={`name-${l.linkId}-`} />
                      ) : null}
                      {canAdd ? <RemovePersonButton submit={removePersonAction.bind(null, claimId, l.linkId)} name={l.person.names[0]?.name ?? "this person"} /> : null}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {canAdd ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="mb-2 text-sm font-semibold text-stone-700">Add a person</h3>
          <AddPersonForm submit={addPersonAction.bind(null, claimId)} claimId={claimId} named={namedRoles(links)} />
        </div>
      ) : null}
    </section>
  );
}
