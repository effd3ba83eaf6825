import "server-only";
import type { Db } from "@/db/connect";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { MATCH_THRESHOLD, type MatchReason, type PreparedName, prepareName, reconcileNames, scorePrepared } from "@/lib/persons/matching";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { findNamesByKeys, type PersonCandidate, scoreCandidates, withPersons } from "../candidates";
import { listClaimPersons } from "../list-claim-persons";
import { type ListRow, parseList } from "./parse-list";
import { type TPreviewImport, ZPreviewImport } from "./schemas";

export type PreviewMember = { row: number; names: string[]; score: number | null; reasons: MatchReason[] };
export type PreviewGroup = {
  /** Rows the engine takes for one person; the first row leads, the others carry their score against it. */
  members: PreviewMember[];
  candidates: (PersonCandidate & { alreadyInClaim: boolean })[];
  /** The stored person proposed as this one (the best candidate at or over the match threshold). */
  proposedPersonId: string | null;
};

const CANDIDATES_SHOWN = 3;

/** Group rows whose names the engine clusters together; a row's own forms are one person by definition. */
export function groupRows(rows: ListRow[]): ListRow[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const clusters = reconcileNames(rows.flatMap((r, i) => r.names.map((name, k) => ({ id: `${i}:${k}`, name }))));
  for (const cluster of clusters) {
    const indices = cluster.map((id) => Number(id.split(":")[0]));
    for (const i of indices) parent[find(i)] = find(indices[0]);
  }
  const groups = new Map<number, ListRow[]>();
  rows.forEach((row, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(row);
    else groups.set(root, [row]);
  });
  return [...groups.values()];
}

function bestPair(a: PreparedName[], b: PreparedName[]) {
  let best = { score: 0, reasons: [] as MatchReason[] };
  for (const x of a) for (const y of b) {
    const s = scorePrepared(x, y);
    if (s.score > best.score) best = s;
  }
  return best;
}

/**
 * What importing a list would do, writing nothing: which rows are one person, which match persons
 * already held (with scores and reasons), which are new. Stored candidates are found for the whole
 * list in one pass over the key index.
 */
export async function previewImport(db: Db, actor: Actor | null, claimId: string, input: TPreviewImport) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.add");
  const { text, role } = parseInput(ZPreviewImport, input);
  assertClaimOpen(claim.state, "Persons are added");
  const list = parseList(text);
  if (list.errors.length) return { format: list.format, columns: list.columns, role, rows: list.rows.length, errors: list.errors, groups: [] as PreviewGroup[] };

  const prepared = new Map(list.rows.map((r) => [r.row, r.names.map(prepareName)]));
  const rowGroups = groupRows(list.rows);
  const stored = await findNamesByKeys(db, actor, [...prepared.values()].flatMap((forms) => forms.flatMap((f) => f.keys)));
  const byKey = new Map<string, typeof stored>();
  for (const s of stored) {
    const list = byKey.get(s.key);
    if (list) list.push(s);
    else byKey.set(s.key, [s]);
  }
  const inClaim = new Set((await listClaimPersons(db, actor, claimId)).filter((l) => l.role === role).map((l) => l.person.id));

  const storedForms = new Map<string, PreparedName>();
  const scoredGroups = rowGroups.map((rows) => {
    const forms = rows.flatMap((r) => prepared.get(r.row)!);
    const found = forms.flatMap((f) => f.keys.flatMap((k) => byKey.get(k) ?? []));
    return { rows, scored: scoreCandidates(forms, found, storedForms).slice(0, CANDIDATES_SHOWN) };
  });
  const withPeople = await withPersons(db, scoredGroups.flatMap((g) => g.scored));
  const personOf = new Map(withPeople.map((c) => [c.person.id, c.person]));

  const groups: PreviewGroup[] = scoredGroups.map(({ rows, scored }) => {
    const lead = prepared.get(rows[0].row)!;
    const candidates = scored.flatMap(({ personId, ...rest }) => {
      const person = personOf.get(personId);
      return person ? [{ ...rest, person, alreadyInClaim: inClaim.has(personId) }] : [];
    });
    return {
      members: rows.map((r, i) => {
        const pair = i === 0 ? null : bestPair(lead, prepared.get(r.row)!);
        return { row: r.row, names: r.names, score: pair?.score ?? null, reasons: pair?.reasons ?? [] };
      }),
      candidates,
      proposedPersonId: candidates[0] && candidates[0].score >= MATCH_THRESHOLD ? candidates[0].person.id : null,
    };
  });
  return { format: list.format, columns: list.columns, role, rows: list.rows.length, errors: [], groups };
}

export type ImportPreview = Awaited<ReturnType<typeof previewImport>>;
