import "server-only";
import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import type { NamePublicationBasis, NameScript, PersonRole, Sex } from "@/lib/vocabulary";
import { personNames, persons } from "@/db/schema";
import { memberIdsOf } from "./scope";

export type PersonNameDto = { id: string; name: string; script: NameScript };

/** A person as the workspace shows it: every name form of it and of the persons merged into it. */
export type PersonDto = {
  id: string;
  names: PersonNameDto[];
  sex: Sex | null;
  age: number | null;
  incidentDate: string | null;
  placeName: string | null;
  note: string | null;
  version: number;
  /** Persons merged into this one, which a split can bring back. */
  merged: { id: string; names: string[] }[];
};

/**
 * A person as named in a claim. `isPublic` with its basis, who approved it and when: a name is
 * private until an editor or reviewer marks it publishable. `approvedBy` is null on a name
 * published before a basis was required.
 */
export type ClaimPersonDto = {
  linkId: string;
  role: PersonRole;
  isPublic: boolean;
  basis: NamePublicationBasis | null;
  basisNote: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number;
  person: PersonDto;
};

/**
 * The DTOs of canonical persons, in the order of `ids`. Ids that are not canonical are skipped.
 * The internal note is for those who may edit the person (`withNotes`); everyone else gets null.
 */
export async function loadPersons(db: Db, ids: string[], { withNotes = false } = {}): Promise<PersonDto[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const members = await memberIdsOf(db, unique);
  const [rows, names] = await Promise.all([
    db
      .select({
        id: persons.id,
        sex: persons.sex,
        age: persons.age,
        incidentDate: persons.incidentDate,
        placeName: persons.placeName,
        note: persons.note,
        version: persons.version,
        mergedIntoId: persons.mergedIntoId,
      })
      .from(persons)
      .where(inArray(persons.id, [...members.keys()])),
    db
      .select({ id: personNames.id, personId: personNames.personId, name: personNames.name, script: personNames.script })
      .from(personNames)
      .where(inArray(personNames.personId, [...members.keys()]))
      .orderBy(asc(personNames.seq)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // One pass each: every record's own names (in the order added), and each person's merged records.
  const namesByRecord = new Map<string, PersonNameDto[]>();
  for (const n of names) {
    const list = namesByRecord.get(n.personId);
    const dto = { id: n.id, name: n.name, script: n.script };
    if (list) list.push(dto);
    else namesByRecord.set(n.personId, [dto]);
  }
  const mergedInto = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.mergedIntoId) continue;
    const list = mergedInto.get(r.mergedIntoId);
    if (list) list.push(r.id);
    else mergedInto.set(r.mergedIntoId, [r.id]);
  }
  return unique.flatMap((id) => {
    const row = byId.get(id);
    if (!row || row.mergedIntoId) return [];
    const mergedIds = mergedInto.get(id) ?? [];
    const merged = mergedIds.map((m) => ({ id: m, names: (namesByRecord.get(m) ?? []).map((n) => n.name) }));
    // The person's own names first, then those that came with merges.
    const allNames = [...(namesByRecord.get(id) ?? []), ...mergedIds.flatMap((m) => namesByRecord.get(m) ?? [])];
    return [{ ...row, note: withNotes ? row.note : null, names: allNames, merged }];
  });
}
