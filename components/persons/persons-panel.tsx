import { addPersonAction, removePersonAction, setVisibilityAction } from "@/app/(workspace)/claims/[claimId]/person-actions";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { Vocabulary } from "@/lib/i18n/speech-core";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { ClaimPersonDto } from "@/lib/persons/dto";
import { AddPersonForm } from "./add-person-form";
import { knownDetails } from "./known-details";
import { PersonNames } from "./person-names";
import { MakePrivateForm, PublishNameForm, RemovePersonButton } from "./visibility-form";

/** Person id → the roles they hold in this claim, so suggestions can say who is already here. */
function namedRoles(links: ClaimPersonDto[], words: Vocabulary): Record<string, string[]> {
  const named: Record<string, string[]> = {};
  for (const l of links) (named[l.person.id] ??= []).push(words.personRole(l.role).toLowerCase());
  return named;
}

/** Whether the name will be published, and on what basis, approved by whom and when. */
function NameStatus({ link }: { link: ClaimPersonDto }) {
  const t = useTranslations("persons.panel");
  const words = useVocabulary();
  const formats = useFormats();
  if (!link.isPublic || !link.basis) {
    return <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700 ring-1 ring-stone-300" data-testid="name-status">{t("private")}</span>;
  }
  return (
    <span className="space-y-0.5 text-xs" data-testid="name-status">
      <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-900 ring-1 ring-emerald-200">{t("publicBasis", { basis: words.nameBasis(link.basis) })}</span>
      <span className="block text-stone-600" dir="auto">
        {[link.basisNote, link.approvedBy ? t("approvedBy", { name: link.approvedBy }) : null, link.approvedAt ? formats.dateTime(link.approvedAt) : null].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}

/** The persons named in a claim, by role, with the ways to add more. Every name is private until marked publishable. */
export function PersonsPanel({ claimId, links, canAdd, canPublish }: { claimId: string; links: ClaimPersonDto[]; canAdd: boolean; canPublish: boolean }) {
  const t = useTranslations("persons");
  const words = useVocabulary();
  return (
    <section aria-labelledby="persons-heading" className="space-y-3" data-testid="persons-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="persons-heading">{t("panel.heading")}</h2>
        <span className="text-sm text-stone-500">
          {t("panel.named", { count: links.length })}
          {canAdd ? (
            <>
              {" · "}
              <Link href={`/claims/${claimId}/persons/import`} className="underline">{t("panel.importList")}</Link>
            </>
          ) : null}
        </span>
      </div>
      {links.length === 0 ? (
        <EmptyState title={t("panel.emptyTitle")}>{t("panel.emptyBody")}</EmptyState>
      ) : (
        <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
          {PERSON_ROLES.filter((role) => links.some((l) => l.role === role)).map((role) => (
            <div key={role}>
              <h3 className="mb-1 text-sm font-semibold text-stone-700">{words.personRolePlural(role)}</h3>
              <ul className="divide-y divide-stone-100">
                {links.filter((l) => l.role === role).map((l) => {
                  const name = l.person.names[0]?.name ?? t("panel.thisPerson");
                  return (
                    <li key={l.linkId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="claim-person">
                      <div className="min-w-0">
                        <Link href={`/persons/${l.person.id}`} className="no-underline hover:underline">
                          <PersonNames names={l.person.names} />
                        </Link>
                        <span className="block text-xs text-stone-500">
                          {knownDetails(t, l.person, ["age", "sex", "date", "place"]) ?? t("details.none")}
                        </span>
                      </div>
                      <div className="flex flex-wrap items-center gap-2">
                        <NameStatus link={l} />
                        {canPublish && l.isPublic ? <MakePrivateForm submit={setVisibilityAction.bind(null, claimId, l.linkId)} version={l.version} name={name} /> : null}
                        {canPublish && !l.isPublic ? (
                          <PublishNameForm submit={setVisibilityAction.bind(null, claimId, l.linkId)} version={l.version} name={name} idPrefix={`name-${l.linkId}-`} />
                        ) : null}
                        {canAdd ? <RemovePersonButton submit={removePersonAction.bind(null, claimId, l.linkId)} name={name} /> : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
      {canAdd ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="mb-2 text-sm font-semibold text-stone-700">{t("panel.addHeading")}</h3>
          <AddPersonForm submit={addPersonAction.bind(null, claimId)} claimId={claimId} named={namedRoles(links, words)} />
        </div>
      ) : null}
    </section>
  );
}
