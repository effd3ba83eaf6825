import { readSchemaState } from "@/db/schema-state";
import { openAppDatabase } from "./open-database";

/**
 * `npm run db:migrate`: brings the database (DATABASE_URL, or the folder's) to this code's schema
 * and says where it stands. For deployments whose servers start with MIGRATE=off: run it once per
 * upgrade, before the new servers. Several at once migrate once (an advisory lock); a database a
 * newer release migrated is refused, never rolled back.
 */
async function main() {
  const database = await openAppDatabase("the migration", { migrate: true });
  const schema = await readSchemaState(database.db);
  console.log(`The database's schema is ${schema.database} (this code's: ${schema.code}).`);
  await database.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
