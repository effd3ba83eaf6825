import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { connectPglite } from "@/db/connect";

/**
 * A migrated, empty PGlite data folder that test databases and test servers start from, so each
 * does not run PGlite's initdb again: about 4.5 s of CPU per database, against 0.8 s to open a
 * copy (1.5 s to load the tarball into memory). Built once per test run and migration set, in the
 * run's temp folder (lib/test/test-run.ts: gone with the run), and shared by the run's Vitest and
 * Playwright (their global setups call `ensurePgliteTemplate`). The app itself never uses it: a
 * new installation runs initdb once.
 */
export type PgliteTemplate = {
  /** A data folder to copy into a server's DATA_DIR/pglite. */
  dir: string;
  /** The same folder as an uncompressed tarball, for in-memory databases (`loadDataDir`). */
  tarball: string;
};

/** The environment variables the global setups set for the tests' processes. */
export const PGLITE_TEMPLATE_ENV = { dir: "CORROBORATE_TEST_PGLITE_DIR", tarball: "CORROBORATE_TEST_PGLITE_TARBALL" } as const;

const root = process.cwd();

/** Names the template by what shapes it: PGlite's version and every migration's text. */
function templateKey(): string {
  const hash = createHash("sha256");
  hash.update(JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")).version);
  const migrations = path.join(root, "db", "migrations");
  for (const name of fs.readdirSync(migrations, { recursive: true, encoding: "utf8" }).sort()) {
    const file = path.join(migrations, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

export async function ensurePgliteTemplate(): Promise<PgliteTemplate> {
  const home = path.join(os.tmpdir(), `corroborate-pglite-template-${templateKey()}`);
  const template = { dir: path.join(home, "pglite"), tarball: path.join(home, "pglite.tar") };
  if (fs.existsSync(template.tarball)) return template;

  // Built beside, then renamed into place: a run that finds the folder finds it whole, and two
  // runs building at once both succeed (the second rename finds the folder there and gives way).
  const building = fs.mkdtempSync(`${home}.building-`);
  fs.mkdirSync(path.join(building, "pglite"));
  const database = connectPglite(path.join(building, "pglite"));
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  // Reopened to dump it: the migrated folder, as an in-memory database loads it.
  const reopened = new PGlite(path.join(building, "pglite"));
  try {
    await reopened.waitReady;
    const tarball = await reopened.dumpDataDir("none");
    fs.writeFileSync(path.join(building, "pglite.tar"), Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await reopened.close();
  }
  try {
    fs.renameSync(building, home);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(template.tarball)) throw error;
  }
  return template;
}

let loadedTarball: Blob | undefined;

/**
 * The tarball the global setup named, for `connectPglite`'s `loadDataDir`; none outside a test run.
 * Read once a process (40 MB): a Blob cannot change, so every database of a test file shares it.
 */
export function pgliteTemplateTarball(): Blob | undefined {
  const file = process.env[PGLITE_TEMPLATE_ENV.tarball];
  if (!loadedTarball && file && fs.existsSync(file)) loadedTarball = new Blob([fs.readFileSync(file)]);
  return loadedTarball;
}

/**
 * Copies the template folder the global setup named to `pgliteDir` (a new server's or command's
 * DATA_DIR/pglite), unless that folder exists already; whether it did.
 */
export function copyPgliteTemplate(pgliteDir: string): boolean {
  const template = process.env[PGLITE_TEMPLATE_ENV.dir];
  if (!template || !fs.existsSync(template) || fs.existsSync(pgliteDir)) return false;
  fs.cpSync(template, pgliteDir, { recursive: true });
  return true;
}
