import "server-only";
import type { Db } from "@/db/connect";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { MATCH_THRESHOLD, MAX_REPRESENTATIVES, type MatchReason, type PreparedName, prepareName, reconcileSteps, scoreKey, scorePrepared } from "@/lib/persons/matching";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { findNamesByKeys, type PersonCandidate, scoreCandidates, withPersons } from "../candidates";
import { listClaimPersons } from "../list-claim-persons";
import { pacer, runInSlices } from "../pace";
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

/** Group rows whose names the engine clusters together; a row's own forms are one person by
 * definition. `prepared` holds each row's prepared forms, in order. */
export async function groupRows(rows: ListRow[], prepared: PreparedName[][]): Promise<ListRow[][]> {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const entries = rows.flatMap((r, i) => r.names.map((name, k) => ({ id: `${i}:${k}`, name, prepared: prepared[i][k] })));
  const { clusters } = await runInSlices(reconcileSteps(entries));
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

/** A group's distinct forms (by what the score reads), its first MAX_REPRESENTATIVES: enough to find
 * its stored candidates, and a group of 20,000 copies of one name is scored once, not 20,000 times. */
function representativeForms(forms: PreparedName[]): PreparedName[] {
  const distinct = new Map<string, PreparedName>();
  for (const form of forms) {
    if (distinct.size >= MAX_REPRESENTATIVES) break;
    const key = scoreKey(form);
    if (!distinct.has(key)) distinct.set(key, form);
  }
  return [...distinct.values()];
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
  assertClaimOpen(claim.state, "personsAdded");
  const list = parseList(text);
  if (list.errors.length) return { format: list.format, columns: list.columns, role, rows: list.rows.length, errors: list.errors, groups: [] as PreviewGroup[] };

  const pace = pacer();
  const preparedRows: PreparedName[][] = [];
  for (const r of list.rows) {
    await pace();
    preparedRows.push(r.names.map(prepareName));
  }
  const prepared = new Map(list.rows.map((r, i) => [r.row, preparedRows[i]]));
  const rowGroups = await groupRows(list.rows, preparedRows);
  const stored = await findNamesByKeys(db, actor, [...prepared.values()].flatMap((forms) => forms.flatMap((f) => f.keys)));
  const byKey = new Map<string, typeof stored>();
  for (const s of stored) {
    const list = byKey.get(s.key);
    if (list) list.push(s);
    else byKey.set(s.key, [s]);
  }
  const inClaim = new Set((await listClaimPersons(db, actor, claimId)).filter((l) => l.role === role).map((l) => l.person.id));

  const storedForms = new Map<string, PreparedName>();
  const scoredGroups: { rows: ListRow[]; scored: ReturnType<typeof scoreCandidates> }[] = [];
  for (const rows of rowGroups) {
    await pace();
    const forms = representativeForms(rows.flatMap((r) => prepared.get(r.row)!));
    const found = [...new Set(forms.flatMap((f) => f.keys))].flatMap((k) => byKey.get(k) ?? []);
    scoredGroups.push({ rows, scored: scoreCandidates(forms, found, storedForms).slice(0, CANDIDATES_SHOWN) });
  }
  const withPeople = await withPersons(db, scoredGroups.flatMap((g) => g.scored));
  const personOf = new Map(withPeople.map((c) => [c.person.id, c.person]));

  const groups: PreviewGroup[] = [];
  for (const { rows, scored } of scoredGroups) {
    const lead = prepared.get(rows[0].row)!;
    const candidates = scored.flatMap(({ personId, ...rest }) => {
      const person = personOf.get(personId);
      return person ? [{ ...rest, person, alreadyInClaim: inClaim.has(personId) }] : [];
    });
    const members: PreviewMember[] = [];
    for (const [i, r] of rows.entries()) {
      await pace();
      const pair = i === 0 ? null : bestPair(lead, prepared.get(r.row)!);
      members.push({ row: r.row, names: r.names, score: pair?.score ?? null, reasons: pair?.reasons ?? [] });
    }
    groups.push({ members, candidates, proposedPersonId: candidates[0] && candidates[0].score >= MATCH_THRESHOLD ? candidates[0].person.id : null });
  }
  return { format: list.format, columns: list.columns, role, rows: list.rows.length, errors: [], groups };
}

export type ImportPreview = Awaited<ReturnType<typeof previewImport>>;
