import "server-only";
import { readSchemaState } from "@/db/schema-state";
import { getDb } from "./database";
import { hasBooted, serverOperations } from "./operations";
import { within } from "./within";

/** A load balancer's probe waits this long for the database, then counts the server not ready. */
const DATABASE_WAIT_MS = 3_000;

export type Readiness = { ready: true } | { ready: false; reason: "starting" | "shutting_down" | "database" | "schema" };

/**
 * Whether this server should be sent requests: not while it shuts down, not while its database
 * does not answer, not on a schema other than its code's (a newer release migrated it: this
 * server must be replaced, not fed), and not before its start-up is done. Says why, and nothing more.
 */
export async function readiness(): Promise<Readiness> {
  if (serverOperations().isDraining()) return { ready: false, reason: "shutting_down" };
  try {
    const checked = await within(
      // Reading the schema's state is the round trip that says the database answers.
      getDb().then(async (db) => (await readSchemaState(db)).state),
      DATABASE_WAIT_MS,
      "timeout" as const,
    );
    if (checked === "timeout") return { ready: false, reason: "database" };
    if (checked !== "current") return { ready: false, reason: "schema" };
    return hasBooted() ? { ready: true } : { ready: false, reason: "starting" };
  } catch (error) {
    return { ready: false, reason: error instanceof Error && error.name === "SchemaMismatchError" ? "schema" : "database" };
  }
}
