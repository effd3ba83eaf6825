import "server-only";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { reconcileSteps } from "@/lib/persons/matching";
import { parseInput } from "@/lib/validation/parse";
import { runInSlices } from "./pace";
import { type TReconcile, ZReconcile } from "./schemas";

/** Cluster the given names among themselves, in slices between other requests. Reads and writes nothing stored. */
export async function reconcile(actor: Actor | null, input: TReconcile): Promise<{ clusters: string[][] }> {
  assertCan(actor, "persons.reconcile");
  const { names } = parseInput(ZReconcile, input);
  return { clusters: (await runInSlices(reconcileSteps(names))).clusters };
}
