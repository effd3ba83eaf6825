/**
 * The stored half of `npm run bench:names`: match one name against N stored persons through the
 * blocking-key index (lib/persons/match-persons.ts), next to the baseline without blocking (read
 * every stored name and score it), on an in-memory PGlite (or DATABASE_URL).
 */
import { sql } from "drizzle-orm";
import { connectPglite, connectPostgres } from "@/db/connect";
import { personNames } from "@/db/schema";
import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { matchPersons } from "@/lib/persons/match-persons";
import { generateNames } from "@/lib/persons/matching/generate-names";
import { prepareName, scorePrepared } from "@/lib/persons/matching";
import { insertPersons } from "@/lib/persons/store-names";
import { previewImport } from "@/lib/persons/import/preview-import";
import { submitClaim } from "@/lib/claims/submit-claim";
import type { Db } from "@/db/connect";
import { createUser } from "@/lib/users/create-user";

// The most common given and father's names together: the hottest blocking key, the worst case.
const COMMON = "Mohammad Ahmad Hassan";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `count` persons (one to four name forms each) from the generator's names. */
async function load(db: Db, actor: Actor, count: number, seed: number) {
  const names = generateNames(Math.ceil(count * 1.8), seed);
  const byPerson = new Map<number, string[]>();
  for (const n of names) {
    const forms = byPerson.get(n.personIndex);
    if (forms) forms.push(n.name);
    else byPerson.set(n.personIndex, [n.name]);
  }
  const people = [...byPerson.values()].slice(0, count).map((forms) => ({ names: forms }));
  for (let i = 0; i < people.length; i += 5000) {
    await db.transaction((tx) => insertPersons(tx as unknown as Db, actor.id, people.slice(i, i + 5000)));
  }
  await db.execute(sql`analyze`);
  return people.flatMap((p) => p.names).map((name) => ({ name }));
}

async function timeMatches(db: Db, actor: Actor, probes: string[]) {
  const times: number[] = [];
  let found = 0;
  for (const name of probes) {
    const started = performance.now();
    const { candidates } = await matchPersons(db, actor, { name, limit: 10 });
    times.push(performance.now() - started);
    if (candidates.length) found += 1;
  }
  return { median: median(times), max: Math.max(...times), found };
}

/** Without blocking: every stored name read and scored. */
async function timeFullScan(db: Db, probe: string) {
  const started = performance.now();
  const rows = await db.select({ name: personNames.name }).from(personNames);
  const query = prepareName(probe);
  let best = 0;
  for (const row of rows) best = Math.max(best, scorePrepared(query, prepareName(row.name)).score);
  return { ms: performance.now() - started, best, rows: rows.length };
}

export async function benchStoredMatch(sizes: number[]) {
  const database = process.env.DATABASE_URL ? connectPostgres(process.env.DATABASE_URL) : connectPglite(null);
  await database.migrate();
  const { db } = database;
  const user = await createUser(db, SYSTEM_ACTOR, { email: "bench@example.test", name: "Bench", role: "reviewer", password: "a long enough password" });
  const actor: Actor = { id: user.id, role: "reviewer", name: "Bench" };
  let stored = 0;
  const rows: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const started = performance.now();
    const names = await load(db, actor, size - stored, 1000 + i);
    stored = size;
    const loadS = (performance.now() - started) / 1000;
    // Probes: spellings the store holds some variant of, and a few it does not.
    const probes = [...names.filter((_, k) => k % Math.max(1, Math.floor(names.length / 40)) === 0).slice(0, 40).map((n) => n.name), "Zakariya Fadi Qarqour", "زكريا فادي قرقور", COMMON];
    const indexed = await timeMatches(db, actor, probes);
    const scan = await timeFullScan(db, probes[0]);
    rows.push(
      `  ${String(size).padStart(7)} persons (${(await db.$count(personNames)).toLocaleString("en")} names) stored (${database.driver}, loaded in ${loadS.toFixed(1)} s): match one name ${indexed.median.toFixed(1)} ms (median of ${probes.length}, slowest ${indexed.max.toFixed(1)} ms; ${indexed.found} found candidates)` +
        ` · without blocking ${scan.ms.toFixed(0)} ms over ${scan.rows} names · ${(scan.ms / indexed.median).toFixed(0)}× faster`,
    );
    console.log(rows.at(-1));
  }
  // A whole list against the store: the import preview (clusters within the list, then every
  // group's candidates through the key index in one pass).
  const claim = await submitClaim(db, actor, { kind: "casualty_count", title: "Bench list", summary: "Bench list", language: "en" });
  const previewTimes: number[] = [];
  for (const count of [2_000, 20_000]) {
    const text = generateNames(count, 7).map((n) => n.name).join("\n");
    const started = performance.now();
    const preview = await previewImport(db, actor, claim.id, { role: "victim", text });
    previewTimes.push(performance.now() - started);
    const matched = preview.groups.filter((g) => g.proposedPersonId).length;
    rows.push(`  import preview of ${count.toLocaleString("en")} rows against ${stored.toLocaleString("en")} persons: ${(previewTimes.at(-1)! / 1000).toFixed(2)} s (${preview.groups.length} persons in the list, ${matched} proposed matches)`);
    console.log(rows.at(-1));
  }
  rows.push(`  preview time(20k) / time(2k) = ${(previewTimes[1] / previewTimes[0]).toFixed(1)}  (10 is linear)`);
  console.log(rows.at(-1));
  await database.close();
  return rows;
}
