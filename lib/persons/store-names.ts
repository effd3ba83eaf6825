import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/connect";
import { inArray } from "drizzle-orm";
import { personNameKeys, personNames, persons } from "@/db/schema";
import { detectScript, prepareName } from "@/lib/persons/matching";
import { memberIdsOf } from "./scope";
import { lapseNameApprovals } from "./name-approvals";

// PostgreSQL allows 65,535 parameters a statement; these batches stay well under it.
const BATCH = 1000;

export function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Store name forms with their blocking keys, so later names find them through the key index.
 * A form the person already holds — on its own record or one merged into it — is skipped, as is a
 * form repeated in `entries`. Returns the rows stored.
 */
export async function storeNames(tx: Db, createdById: string, entries: { personId: string; name: string }[]) {
  const members = await memberIdsOf(tx, [...new Set(entries.map((e) => e.personId))]);
  const held = new Set<string>();
  for (const batch of chunks([...members.keys()], 5000)) {
    const rows = await tx.select({ personId: personNames.personId, name: personNames.name }).from(personNames).where(inArray(personNames.personId, batch));
    for (const r of rows) held.add(`${members.get(r.personId)}\u0000${r.name}`);
  }
  const fresh = entries.filter((e) => {
    const key = `${e.personId}\u0000${e.name}`;
    if (held.has(key)) return false;
    held.add(key);
    return true;
  });
  const stored: { id: string; personId: string; name: string }[] = [];
  for (const batch of chunks(fresh)) {
    const rows = await tx
      .insert(personNames)
      .values(batch.map((e) => ({ personId: e.personId, name: e.name, script: detectScript(e.name), createdById })))
      .onConflictDoNothing()
      .returning({ id: personNames.id, personId: personNames.personId, name: personNames.name });
    stored.push(...rows);
  }
  const keys = stored.flatMap((row) => [...new Set(prepareName(row.name).keys)].map((key) => ({ key, personId: row.personId, nameId: row.id })));
  for (const batch of chunks(keys)) await tx.insert(personNameKeys).values(batch);
  // A name form added to a person whose name is published somewhere: that approval did not cover it.
  await lapseNameApprovals(tx, createdById, [...new Set(stored.map((row) => row.personId))], "name_added");
  return stored;
}

type NewPerson = {
  names: string[];
  sex?: "female" | "male" | null;
  age?: number | null;
  incidentDate?: string | null;
  placeName?: string | null;
  note?: string | null;
  /** Only for generated data that must come out the same each time (the scale seed). */
  id?: string;
};

/** Insert persons with their names and keys; returns their ids in input order. */
export async function insertPersons(tx: Db, createdById: string, people: NewPerson[]): Promise<string[]> {
  // Ids are made here (unless given), so they pair with their input without relying on RETURNING's order.
  const ids = people.map((p) => p.id ?? randomUUID());
  for (const [b, batch] of chunks(people).entries()) {
    await tx.insert(persons).values(
        batch.map((p, i) => ({
          id: ids[b * BATCH + i],
          sex: p.sex ?? null,
          age: p.age ?? null,
          incidentDate: p.incidentDate ?? null,
          placeName: p.placeName ?? null,
          note: p.note ?? null,
          createdById,
        })),
      );
  }
  await storeNames(
    tx,
    createdById,
    people.flatMap((p, i) => [...new Set(p.names)].map((name) => ({ personId: ids[i], name }))),
  );
  return ids;
}
