import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./connect";
import { TEST_DRIVERS, openTestDatabase } from "@/lib/test/databases";
import { assertSchemaCurrent, readSchemaState, SchemaMismatchError } from "./schema-state";

describe.each(TEST_DRIVERS)("the schema a server serves (%s)", (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(() => database.close());

  const newestApplied = async () =>
    (await database.db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`)) as unknown as {
      rows: { id: number; hash: string; created_at: string }[];
    };

  it("is current once migrated, and named by the code's newest migration", async () => {
    const schema = await readSchemaState(database.db);
    expect(schema.state).toBe("current");
    expect(schema.database).toBe(schema.code);
    expect(schema.code).toMatch(/^\d{4}_\w+$/);
    await expect(assertSchemaCurrent(database.db)).resolves.toBeUndefined();
  });

  it("is newer when a later release applied a migration this code does not have, and the server refuses it", async () => {
    const [newest] = (await newestApplied()).rows;
    const later = Number(newest.created_at) + 60_000;
    await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-later-release', ${later})`);
    try {
      const schema = await readSchemaState(database.db);
      expect(schema).toMatchObject({ state: "newer", database: new Date(later).toISOString() });
      const refused = await assertSchemaCurrent(database.db).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SchemaMismatchError);
      expect((refused as Error).message).toMatch(/newer than this server's code .*upgrade this server/);
    } finally {
      await database.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-a-later-release'`);
    }
    expect((await readSchemaState(database.db)).state).toBe("current");
  });

  it("is older when this code's newest migration is not applied, and the server refuses it with what to run", async () => {
    const [newest] = (await newestApplied()).rows;
    await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where id = ${newest.id}`);
    try {
      expect((await readSchemaState(database.db)).state).toBe("older");
      await expect(assertSchemaCurrent(database.db)).rejects.toThrow(/older than this server's code .*npm run db:migrate/);
    } finally {
      await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where id = ${newest.id}`);
    }
  });

  it("is older, naming no migration, where none was ever applied", async () => {
    await database.db.execute(sql`alter table drizzle.__drizzle_migrations rename to __drizzle_migrations_aside`);
    try {
      expect(await readSchemaState(database.db)).toMatchObject({ state: "older", database: null });
    } finally {
      await database.db.execute(sql`alter table drizzle.__drizzle_migrations_aside rename to __drizzle_migrations`);
    }
  });
});
