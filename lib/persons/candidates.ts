import "server-only";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { personNameKeys, personNames, persons } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { CANDIDATE_THRESHOLD, type MatchReason, type PreparedName, prepareName, scorePrepared } from "@/lib/persons/matching";
import { loadPersons, type PersonDto } from "./dto";
import { canonicalPersonId, visiblePersonsWhere } from "./scope";
import { chunks } from "./store-names";

export type StoredName = { key: string; personId: string; nameId: string; name: string };

/**
 * How many stored names one key may bring. A common pair of names ("muhammad|ahmad") can be held
 * by thousands of persons; a true match also shares a rarer key (with the family name), so the
 * hot key is cut short rather than scored whole.
 */
export const MAX_NAMES_PER_KEY = 500;

/**
 * Stored names that share a blocking key with the given keys, through the key index: the only way
 * candidates are found, so a lookup never compares every stored name. Each key is looked up on its
 * own (a lateral join) so that one hot key cannot crowd out the others.
 */
export async function findNamesByKeys(db: Db, actor: Actor, keys: string[]): Promise<StoredName[]> {
  const scope = visiblePersonsWhere(actor);
  if (scope === null) return [];
  const found: StoredName[] = [];
  for (const batch of chunks([...new Set(keys)], 2000)) {
    const wanted = sql.join(batch.map((k) => sql`${k}`), sql`, `);
    const result = await db.execute(sql`
      select hit.key, hit.person_id as "personId", ${personNames.id} as "nameId", ${personNames.name} as name
      from unnest(array[${wanted}]::text[]) as wanted(key)
      cross join lateral (
        select ${personNameKeys.key} as key, ${canonicalPersonId} as person_id, ${personNameKeys.nameId} as name_id
        from ${personNameKeys}
        join ${persons} on ${persons.id} = ${personNameKeys.personId}
        where ${personNameKeys.key} = wanted.key ${scope ? sql`and ${scope}` : sql``}
        limit ${MAX_NAMES_PER_KEY}
      ) hit
      join ${personNames} on ${personNames.id} = hit.name_id`);
    found.push(...rowsOf<StoredName>(result));
  }
  return found;
}

export type ScoredCandidate = { personId: string; score: number; reasons: MatchReason[]; matchedName: string; queryName: string };

/**
 * The best-scoring stored person for each candidate, comparing every query name form with every
 * stored form found through the keys. Scores under the candidate threshold are dropped.
 */
export function scoreCandidates(queries: PreparedName[], stored: StoredName[], prepared = new Map<string, PreparedName>()): ScoredCandidate[] {
  const best = new Map<string, ScoredCandidate>();
  const seen = new Set<string>();
  for (const row of stored) {
    if (seen.has(row.nameId)) continue;
    seen.add(row.nameId);
    let form = prepared.get(row.nameId);
    if (!form) prepared.set(row.nameId, (form = prepareName(row.name)));
    for (const query of queries) {
      const { score, reasons } = scorePrepared(query, form);
      if (score < CANDIDATE_THRESHOLD) continue;
      const current = best.get(row.personId);
      if (!current || score > current.score) {
        best.set(row.personId, { personId: row.personId, score, reasons, matchedName: row.name, queryName: query.raw });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

export type PersonCandidate = Omit<ScoredCandidate, "personId"> & { person: PersonDto };

export async function withPersons(db: Db, scored: ScoredCandidate[]): Promise<PersonCandidate[]> {
  const people = new Map((await loadPersons(db, scored.map((s) => s.personId))).map((p) => [p.id, p]));
  return scored.flatMap(({ personId, ...rest }) => {
    const person = people.get(personId);
    return person ? [{ ...rest, person }] : [];
  });
}
