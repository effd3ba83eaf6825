import { addPersonAction, removePersonAction, setVisibilityAction } from "@/app/(workspace)/claims/[claimId]/person-actions";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { ClaimPersonDto } from "@/lib/persons/dto";
import { AddPersonForm } from "./add-person-form";
import { ROLE_LABEL, ROLE_PLURAL } from "./labels";
import { PersonNames } from "./person-names";
import { RemovePersonButton, VisibilityForm } from "./visibility-form";

/** Person id → the roles they hold in this claim, so suggestions can say who is already here. */
function namedRoles(links: ClaimPersonDto[]): Record<string, string[]> {
  const named: Record<string, string[]> = {};
  for (const l of links) (named[l.person.id] ??= []).push(ROLE_LABEL[l.role].toLowerCase());
  return named;
}

/** The persons named in a claim, by role, with the ways to add more. */
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
                    <div className="flex items-center gap-2">
                      <span className={`rounded px-1.5 py-0.5 text-xs ring-1 ${l.isPublic ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-stone-100 text-stone-700 ring-stone-300"}`}>
                        {l.isPublic ? "Public" : "Private"}
                      </span>
                      {canPublish ? <VisibilityForm submit={setVisibilityAction.bind(null, claimId, l.linkId)} isPublic={l.isPublic} version={l.version} /> : null}
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
