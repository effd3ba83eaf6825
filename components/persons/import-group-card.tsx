"use client";

import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/speech";
import type { PreviewGroup } from "@/lib/persons/import/preview-import";
import { knownDetails } from "./known-details";
import { MatchReasons } from "./match-reasons";
import { PersonNames } from "./person-names";

/** `keepApart` null and `personId` undefined: not decided yet (nothing is pre-ticked); `personId` null: a new person. */
export type GroupDecision = { keepApart: boolean | null; personId: string | null | undefined };

/** One proposed person of a list: the rows taken as one, and the persons already held it may be. */
export function ImportGroupCard({ group, decision, onChange }: { group: PreviewGroup; decision: GroupDecision; onChange: (d: GroupDecision) => void }) {
  const t = useTranslations("importWizard");
  const persons = useTranslations("persons");
  const separator = useTranslations("names")("separator");
  const formats = useFormats();
  const lead = group.members[0];
  const name = `group-${lead.row}`;
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="import-group">
      <legend className="sr-only">{t("group.row", { row: lead.row })}</legend>
      <ul className="space-y-1">
        {group.members.map((m) => (
          <li key={m.row} className="flex flex-wrap items-baseline gap-2">
            <span className="w-14 shrink-0 text-stone-500">{t("group.row", { row: m.row })}</span>
            <PersonNames names={m.names.map((n) => ({ name: n }))} />
            {m.score !== null ? <span className="text-xs text-stone-600">{t("group.likeRow", { score: formats.score(m.score), row: lead.row })}</span> : null}
            <MatchReasons reasons={m.reasons} />
          </li>
        ))}
      </ul>
      {group.members.length > 1 ? (
        <div
          className="flex flex-wrap gap-4 rounded-md bg-stone-50 p-2"
          role="radiogroup"
          aria-label={t("group.sameLabel", { rows: group.members.map((m) => t("rowNumber", { row: m.row })).join(separator) })}
        >
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${name}-same`} checked={decision.keepApart === false} onChange={() => onChange({ ...decision, keepApart: false })} />
            {t("group.same")}
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${name}-same`} checked={decision.keepApart === true} onChange={() => onChange({ ...decision, keepApart: true })} />
            {t("group.apart")}
          </label>
        </div>
      ) : null}
      {group.candidates.length ? (
        <div className="space-y-1.5" role="radiogroup" aria-label={t("group.whoLabel", { row: lead.row })}>
          <p className="text-stone-700">{t("group.whoIs", { apart: decision.keepApart ? "yes" : "no", row: lead.row })}</p>
          {group.candidates.map((c) => (
            <label key={c.person.id} className="flex items-start gap-2 rounded p-1.5 hover:bg-stone-50">
              <input type="radio" className="mt-1" name={`${name}-person`} checked={decision.personId === c.person.id} onChange={() => onChange({ ...decision, personId: c.person.id })} />
              <span className="space-y-1">
                <span className="block">
                  {t.rich("group.held", {
                    score: formats.score(c.score),
                    closest: c.person.id === group.proposedPersonId ? "yes" : "no",
                    inClaim: c.alreadyInClaim ? "yes" : "no",
                    names: () => <PersonNames names={c.person.names} />,
                    note: (chunks) => <span className="text-xs text-stone-600">{chunks}</span>,
                  })}
                </span>
                {/* What is held of the person, to tell two of one name apart; the place as written. */}
                <span className="block text-xs text-stone-700" data-testid="held-details">
                  {knownDetails(persons, c.person, ["age", "place", "date", "sex"], { sayUnknown: true })}
                </span>
                <MatchReasons reasons={c.reasons} />
              </span>
            </label>
          ))}
          <label className="flex items-center gap-2 rounded p-1.5 hover:bg-stone-50">
            <input type="radio" name={`${name}-person`} checked={decision.personId === null} onChange={() => onChange({ ...decision, personId: null })} />
            {t("group.newPerson")}
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
