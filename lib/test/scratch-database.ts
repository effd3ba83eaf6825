import { randomBytes } from "node:crypto";
import pg from "pg";
import { testRunTag } from "./test-run";

export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/**
 * A new empty database on the PostgreSQL cluster `adminUrl` points at, named
 * `<prefix>_<run tag>_<random>`; `drop` removes it, ending its connections. For tests only (Vitest
 * and Playwright both use it). The run's tag lets its teardown drop what a failed test left
 * (`dropRunScratchDatabases`) without touching another run's on the same cluster.
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${testRunTag()}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The current run's scratch databases still on the cluster (every prefix). */
export async function listRunScratchDatabases(adminUrl: string): Promise<string[]> {
  return withAdmin(adminUrl, async (admin) => {
    const rows = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1 order by datname", [`%\\_${testRunTag()}\\_%`]);
    return rows.rows.map((r) => r.datname);
  });
}

/** Drops the current run's scratch databases that are still there; returns their names. */
export async function dropRunScratchDatabases(adminUrl: string): Promise<string[]> {
  const names = await listRunScratchDatabases(adminUrl);
  await withAdmin(adminUrl, async (admin) => {
    for (const name of names) await admin.query(`drop database if exists "${name}" with (force)`);
  });
  return names;
}
