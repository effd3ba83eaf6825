"use client";

import type { PersonDto } from "@/lib/persons/dto";
import type { PreviewGroup } from "@/lib/persons/import/preview-import";
import { formatScore } from "./labels";
import { MatchReasons } from "./match-reasons";
import { PersonNames } from "./person-names";

/** `keepApart` null and `personId` undefined: not decided yet (nothing is pre-ticked); `personId` null: a new person. */
export type GroupDecision = { keepApart: boolean | null; personId: string | null | undefined };

/** What is held of a person besides their names, to tell two of one name apart. */
function heldDetails(p: PersonDto): string {
  return [p.age !== null ? `age ${p.age}` : "age unknown", p.placeName ?? "place unknown", p.incidentDate ?? "date unknown", p.sex].filter(Boolean).join(" · ");
}

/** One proposed person of a list: the rows taken as one, and the persons already held it may be. */
export function ImportGroupCard({ group, decision, onChange }: { group: PreviewGroup; decision: GroupDecision; onChange: (d: GroupDecision) => void }) {
  const lead = group.members[0];
  const name = `group-${lead.row}`;
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="import-group">
      <legend className="sr-only">Row {lead.row}</legend>
      <ul className="space-y-1">
        {group.members.map((m) => (
          <li key={m.row} className="flex flex-wrap items-baseline gap-2">
            <span className="w-14 shrink-0 text-stone-500">Row {m.row}</span>
            <PersonNames names={m.names.map((n) => ({ name: n }))} />
            {m.score !== null ? <span className="text-xs text-stone-600">{formatScore(m.score)} like row {lead.row}</span> : null}
            <MatchReasons reasons={m.reasons} />
          </li>
        ))}
      </ul>
      {group.members.length > 1 ? (
        <div className="flex flex-wrap gap-4 rounded-md bg-stone-50 p-2" role="radiogroup" aria-label={`Are rows ${group.members.map((m) => m.row).join(", ")} one person?`}>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${name}-same`} checked={decision.keepApart === false} onChange={() => onChange({ ...decision, keepApart: false })} />
            These rows are one person
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${name}-same`} checked={decision.keepApart === true} onChange={() => onChange({ ...decision, keepApart: true })} />
            Not the same: keep them apart
          </label>
        </div>
      ) : null}
      {group.candidates.length ? (
        <div className="space-y-1.5" role="radiogroup" aria-label={`Who is row ${lead.row}?`}>
          <p className="text-stone-700">{decision.keepApart ? `Row ${lead.row} is` : "This person is"}:</p>
          {group.candidates.map((c) => (
            <label key={c.person.id} className="flex items-start gap-2 rounded p-1.5 hover:bg-stone-50">
              <input type="radio" className="mt-1" name={`${name}-person`} checked={decision.personId === c.person.id} onChange={() => onChange({ ...decision, personId: c.person.id })} />
              <span className="space-y-1">
                <span className="block">
                  Already held: <PersonNames names={c.person.names} />{" "}
                  <span className="text-xs text-stone-600">
                    ({formatScore(c.score)}
                    {c.person.id === group.proposedPersonId ? ", the closest match" : ""}
                    {c.alreadyInClaim ? ", already named in this claim" : ""})
                  </span>
                </span>
                <span className="block text-xs text-stone-700" data-testid="held-details" dir="auto">{heldDetails(c.person)}</span>
                <MatchReasons reasons={c.reasons} />
              </span>
            </label>
          ))}
          <label className="flex items-center gap-2 rounded p-1.5 hover:bg-stone-50">
            <input type="radio" name={`${name}-person`} checked={decision.personId === null} onChange={() => onChange({ ...decision, personId: null })} />
            A new person (none of these)
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
