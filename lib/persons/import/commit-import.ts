import "server-only";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { findVisiblePersons } from "../scope";
import { chunks, insertPersons, storeNames } from "../store-names";
import { type ListRow, parseList } from "./parse-list";
import { type TCommitImport, ZCommitImport } from "./schemas";
import { tr } from "@/lib/i18n/translate";

const invalid = (field: string, message: string) =>
  new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { [field]: [message] } });

/** The first value a group's rows give for a detail, so the lead row wins and later rows fill gaps. */
function detailsOf(rows: ListRow[]) {
  const first = <K extends keyof ListRow>(key: K) => rows.find((r) => r[key] !== null)?.[key] ?? null;
  return { sex: first("sex"), age: first("age"), incidentDate: first("incidentDate"), placeName: first("placeName") };
}

/**
 * Import a list as the person decided on its preview, in one transaction: new persons with their
 * names, new name forms on matched persons (the list's spelling is kept), and every person linked
 * to the claim in the list's role, private (a name is published only with a basis, ../set-visibility.ts).
 * One audit event records the whole import, with the claim's state: an import onto a claim in review
 * is shown to its editor (./import-notice.ts). Anything invalid
 * (a row in no group or two, an unknown person) refuses the lot and writes nothing.
 */
export async function commitImport(db: Db, actor: Actor | null, claimId: string, input: TCommitImport) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.add");
  const { text, role, groups } = parseInput(ZCommitImport, input);
  assertClaimOpen(claim.state, "personsAdded");
  const list = parseList(text);
  if (list.errors.length) throw invalid("text", tr("errors.import.listProblems", { count: list.errors.length, row: list.errors[0].row, message: list.errors[0].message }));
  const byRow = new Map(list.rows.map((r) => [r.row, r]));
  const placed = new Set<number>();
  for (const group of groups) {
    for (const row of group.rows) {
      if (!byRow.has(row)) throw invalid("groups", tr("errors.import.notARow", { row }));
      if (placed.has(row)) throw invalid("groups", tr("errors.import.rowTwice", { row }));
      placed.add(row);
    }
  }
  if (placed.size !== byRow.size) throw invalid("groups", tr("errors.import.rowsUngrouped", { count: byRow.size - placed.size }));

  // Matched persons must be visible; a merged one answers as the person it joined.
  const wanted = groups.flatMap((g) => (g.personId ? [g.personId.toLowerCase()] : []));
  const targets = await findVisiblePersons(db, actor, wanted);
  const unknown = wanted.find((id) => !targets.has(id));
  if (unknown) throw invalid("groups", tr("errors.import.noSuchPerson", { id: unknown }));
  const fresh = groups.filter((g) => !g.personId).map((g) => g.rows.map((r) => byRow.get(r)!));
  const matched = groups.filter((g) => g.personId);

  const result = await db.transaction(async (tx) => {
    const created = await insertPersons(tx, actor.id, fresh.map((rows) => ({ names: rows.flatMap((r) => r.names), ...detailsOf(rows) })));
    const linked = matched.map((g) => targets.get(g.personId!.toLowerCase())!);
    const newForms = await storeNames(
      tx,
      actor.id,
      matched.flatMap((g) => {
        const personId = targets.get(g.personId!.toLowerCase())!;
        return g.rows.flatMap((r) => byRow.get(r)!.names).map((name) => ({ personId, name }));
      }),
    );
    let newLinks = 0;
    for (const batch of chunks([...new Set([...created, ...linked])])) {
      const rows = await tx
        .insert(claimPersons)
        .values(batch.map((personId) => ({ claimId, personId, role, isPublic: false, createdById: actor.id })))
        .onConflictDoNothing()
        .returning({ id: claimPersons.id });
      newLinks += rows.length;
    }
    await appendAuditEvent(tx, actor.id, {
      type: "claim.persons_imported",
      entity: { type: "claim", id: claimId },
      data: { rows: byRow.size, role, created, linked: [...new Set(linked)], rejectedMatches: groups.reduce((n, g) => n + (g.rejected?.length ?? 0), 0), newLinks, claimState: claim.state },
    });
    return { rows: byRow.size, created: created.length, matched: new Set(linked).size, newNameForms: newForms.length, newLinks };
  });
  return result;
}
