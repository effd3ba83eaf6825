import { getDb } from "./client";

/** Called once at server start: open, migrate and seed, or stop the server with the reason. */
export async function bootDatabase(): Promise<void> {
  const started = Date.now();
  try {
    await getDb();
    console.log(`[db] ready in ${Date.now() - started} ms`);
  } catch (error) {
    console.error("[db] could not open the database:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
