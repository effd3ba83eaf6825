import "server-only";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { reconcileNames } from "@/lib/persons/matching";
import { parseInput } from "@/lib/validation/parse";
import { type TReconcile, ZReconcile } from "./schemas";

/** Cluster the given names among themselves. Reads and writes nothing stored. */
export function reconcile(actor: Actor | null, input: TReconcile): { clusters: string[][] } {
  assertCan(actor, "persons.reconcile");
  const { names } = parseInput(ZReconcile, input);
  return { clusters: reconcileNames(names) };
}
