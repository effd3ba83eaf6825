import { randomBytes } from "node:crypto";
import pg from "pg";

export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/**
 * A new empty database on the PostgreSQL cluster `adminUrl` points at, named `<prefix>_<random>`;
 * `drop` removes it, ending its connections. For tests only (Vitest and Playwright both use it).
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
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
