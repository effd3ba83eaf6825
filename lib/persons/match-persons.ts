import "server-only";
import type { Db } from "@/db/connect";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { prepareName } from "@/lib/persons/matching";
import { parseInput } from "@/lib/validation/parse";
import { findNamesByKeys, scoreCandidates, withPersons } from "./candidates";
import { type TMatchPersons, ZMatchPersons } from "./schemas";

/**
 * The stored persons a typed name may be, best first, each with a score and why. Reviewers and
 * editors search every person; a submitter only the persons of their own claims, so the names of
 * witnesses elsewhere in the workspace never reach them.
 */
export async function matchPersons(db: Db, actor: Actor | null, input: TMatchPersons) {
  assertCan(actor, "persons.add");
  const { name, limit } = parseInput(ZMatchPersons, input);
  const query = prepareName(name);
  if (query.keys.length === 0) return { candidates: [], searchedAll: can(actor, "claims.read_all") };
  const stored = await findNamesByKeys(db, actor, query.keys);
  const scored = scoreCandidates([query], stored).slice(0, limit);
  return { candidates: await withPersons(db, scored), searchedAll: can(actor, "claims.read_all") };
}
