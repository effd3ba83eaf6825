import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyPgliteTemplate } from "@/lib/test/pglite-template";
import { auditVerify, bearer, uniqueWord } from "./support/api";
import { cliCommand } from "./support/cli";
import { expect, test } from "./support/fixtures";

/**
 * The admin command line (`npm run admin`, `npm run audit:verify`) on a data folder of its own,
 * and its refusal to open the folder the running test server holds.
 */

test.describe.configure({ timeout: 180_000 });

function cli(script: "admin" | "audit-verify", dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "0", LOG_LEVEL: "error" };
  delete env.DATABASE_URL; // the embedded database, always
  // The entry as `npm run admin` runs it, bundled once rather than transformed by tsx at every start (e2e/support/cli.ts).
  const result = spawnSync(process.execPath, cliCommand(script, args), { env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A data folder for one test, removed afterwards: `emptyDir` has nothing in it (the command line
 * creates the database, initdb and all); `freshDir` holds a copy of the run's migrated, empty
 * database (lib/test/pglite-template.ts), which is what the first command would make of it, in
 * a fifth of the time.
 */
function dataFolder(withTemplate: boolean) {
  return test.extend<{ dir: string }>({
    dir: async ({}, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-cli-"));
      if (withTemplate) copyPgliteTemplate(path.join(dir, "pglite"));
      await use(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}
const emptyDir = dataFolder(false);
const freshDir = dataFolder(true);

/** Whether any file of the folder's database contains `text`. */
function databaseFilesContain(dir: string, text: string): boolean {
  return fs
    .readdirSync(path.join(dir, "pglite"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .some((e) => fs.readFileSync(path.join(e.parentPath, e.name)).includes(text));
}

emptyDir("create-user, create-token and audit-verify on a folder of their own", async ({ dir }) => {
  const email = `cli-${uniqueWord()}@example.test`;
  const created = cli("admin", dir, "create-user", "--email", email, "--name", "CLI Reviewer", "--role", "reviewer", "--password", "a-long-enough-password");
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toMatch(new RegExp(`Created reviewer ${email.replace(/[.]/g, "\\.")} \\([0-9a-f-]{36}\\)`));
  expect(fs.existsSync(path.join(dir, "corroborate.lock")), "the lock is released on exit").toBe(false);

  const again = cli("admin", dir, "create-user", "--email", email, "--name", "CLI Reviewer", "--role", "reviewer", "--password", "a-long-enough-password");
  expect(again.status).not.toBe(0);
  expect(again.stderr).toContain("already exists");

  const token = cli("admin", dir, "create-token", "--email", email);
  expect(token.status, token.stderr).toBe(0);
  expect(token.stdout.trim()).toMatch(/^cbr_[A-Za-z0-9_-]{43}$/);
  const second = cli("admin", dir, "create-token", "--email", email, "--label", "laptop");
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout.trim()).toMatch(/^cbr_[A-Za-z0-9_-]{43}$/);
  expect(second.stdout.trim()).not.toBe(token.stdout.trim());

  const nobody = cli("admin", dir, "create-token", "--email", `nobody-${uniqueWord()}@example.test`);
  expect(nobody.status).not.toBe(0);
  expect(nobody.stderr).toContain("No user has the e-mail");
  expect(nobody.stdout).not.toMatch(/cbr_/);

  const verify = cli("audit-verify", dir);
  expect(verify.status, verify.stderr).toBe(0);
  const result = JSON.parse(verify.stdout);
  // One user and two tokens were created; the refused commands wrote nothing.
  expect(result).toEqual({ ok: true, events: 3, head: expect.stringMatching(/^[0-9a-f]{64}$/), firstBroken: null });
  // Only the hash of a token is stored, never the token.
  expect(databaseFilesContain(dir, email), "the scan sees what was stored").toBe(true);
  expect(databaseFilesContain(dir, token.stdout.trim()), "the plain token is not in the database files").toBe(false);
});

freshDir("bad arguments print field errors and exit non-zero", async ({ dir }) => {
  const bad = cli("admin", dir, "create-user", "--email", "not-an-email", "--name", " ", "--role", "wizard", "--password", "short");
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toMatch(/--email: .*e-mail/);
  expect(bad.stderr).toMatch(/--name: /);
  expect(bad.stderr).toMatch(/--role: /);
  expect(bad.stderr).toMatch(/--password: At least 12 characters/);
  expect(bad.stdout).not.toContain("Created");

  const noEmail = cli("admin", dir, "create-token");
  expect(noEmail.status).not.toBe(0);
  expect(noEmail.stderr).toMatch(/--email: /);

  const unknownOption = cli("admin", dir, "create-user", "--emial", "x@example.test");
  expect(unknownOption.status).not.toBe(0);
  expect(unknownOption.stderr).toContain("Usage:");

  const unknownCommand = cli("admin", dir, "delete-everything");
  expect(unknownCommand.status).not.toBe(0);
  expect(unknownCommand.stderr).toContain("Usage:");

  // Nothing of that was written: the fresh folder's log is still empty.
  const verify = cli("audit-verify", dir);
  expect(verify.status, verify.stderr).toBe(0);
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: 0, firstBroken: null });
  expect(databaseFilesContain(dir, "not-an-email")).toBe(false);
});

test("the running server's folder is refused, and the server keeps working", async ({ request }) => {
  const serverDir = process.env.E2E_DATA_DIR!;
  expect(serverDir).toBeTruthy();
  const lockFile = path.join(serverDir, "corroborate.lock");
  expect(fs.existsSync(lockFile), "the server holds its folder").toBe(true);
  const lockBefore = fs.readFileSync(lockFile, "utf8");
  const before = await auditVerify(request);

  const email = `refused-${uniqueWord()}@example.test`;
  const refused = cli("admin", serverDir, "create-user", "--email", email, "--name", "Refused", "--role", "editor", "--password", "a-long-enough-password");
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/in use/);
  expect(refused.stderr).toContain("the Corroborate server");
  expect(refused.stdout).not.toContain("Created");

  const token = cli("admin", serverDir, "create-token", "--email", "admin@demo.test");
  expect(token.status).toBe(2);
  expect(token.stdout).not.toMatch(/cbr_/);
  const verifyCli = cli("audit-verify", serverDir);
  expect(verifyCli.status).toBe(2);
  expect(verifyCli.stderr).toMatch(/in use/);
  const backupOut = path.join(os.tmpdir(), `corroborate-refused-backup-${uniqueWord()}`);
  const backup = cli("admin", serverDir, "backup", "--out", backupOut);
  expect(backup.status).toBe(2);
  expect(backup.stderr).toMatch(/in use/);
  expect(fs.existsSync(backupOut), "no half-written backup is left").toBe(false);

  // The server's lock is untouched and the server answers as before, its log unchanged.
  expect(fs.readFileSync(lockFile, "utf8")).toBe(lockBefore);
  const health = await request.get("/api/v1/health");
  expect(health.status()).toBe(200);
  const after = await auditVerify(request);
  expect(after).toMatchObject({ ok: true, firstBroken: null, events: before.events, head: before.head });
  const queue = await request.get("/api/v1/claims?limit=1", { headers: bearer("reviewer") });
  expect(queue.status()).toBe(200);
  expect((await queue.json()).items).toHaveLength(1);
  const submitted = await request.post("/api/v1/claims", {
    headers: bearer("submitter"),
    data: { kind: "report", title: `After the refused CLI ${uniqueWord()}`, summary: "The server still writes.", language: "en" },
  });
  expect(submitted.status()).toBe(201);
  expect((await auditVerify(request)).events).toBe(before.events + 1);
});

freshDir("set-role, deactivate and activate change a user and say so; bad input is refused", async ({ dir }) => {
  const email = `cli-${uniqueWord()}@example.test`;
  expect(cli("admin", dir, "create-user", "--email", email, "--name", "CLI Editor", "--role", "editor", "--password", "a-long-enough-password").status).toBe(0);
  const demoted = cli("admin", dir, "set-role", "--email", email, "--role", "submitter");
  expect(demoted.status, demoted.stderr).toBe(0);
  expect(demoted.stdout).toContain(`${email} is now an active submitter; their sessions end at their next request.`);
  const off = cli("admin", dir, "deactivate", "--email", email);
  expect(off.stdout).toContain("is now a deactivated submitter");
  const on = cli("admin", dir, "activate", "--email", email);
  expect(on.stdout).toContain("is now an active submitter");
  const unknown = cli("admin", dir, "deactivate", "--email", "nobody@example.test");
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain("No user with the e-mail nobody@example.test.");
  const badRole = cli("admin", dir, "set-role", "--email", email, "--role", "owner");
  expect(badRole.status).toBe(1);
  expect(badRole.stderr).toContain("--role");
  const verified = cli("audit-verify", dir);
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);
});

freshDir("backup and restore move a folder's workspace into an empty one, and refuse what they should", async ({ dir }) => {
  const email = `cli-${uniqueWord()}@example.test`;
  expect(cli("admin", dir, "create-user", "--email", email, "--name", "Backed Up", "--role", "editor", "--password", "a-long-enough-password").status).toBe(0);
  expect(cli("admin", dir, "create-token", "--email", email).status).toBe(0);
  const source = JSON.parse(cli("audit-verify", dir).stdout);

  const out = path.join(dir, "backup");
  const backup = cli("admin", dir, "backup", "--out", out);
  expect(backup.status, backup.stderr).toBe(0);
  expect(backup.stdout).toContain("users: 1 row\n");
  expect(backup.stdout).toContain("api_tokens: 1 row\n");
  expect(backup.stdout).toContain(`audit head #${source.events} ${source.head} (chain verified)`);
  expect(fs.statSync(out).mode & 0o777).toBe(0o700);

  const again = cli("admin", dir, "backup", "--out", out);
  expect(again.status).toBe(2);
  expect(again.stderr).toContain("already holds a backup");
  expect(cli("admin", dir, "backup").status).toBe(2);

  const target = path.join(dir, "restored");
  const restore = cli("admin", target, "restore", "--from", out);
  expect(restore.status, restore.stderr).toBe(0);
  expect(restore.stdout).toContain(`audit head #${source.events} ${source.head} (chain verified)`);
  expect(JSON.parse(cli("audit-verify", target).stdout)).toEqual(source);
  expect(databaseFilesContain(target, email)).toBe(true);

  const twice = cli("admin", target, "restore", "--from", out);
  expect(twice.status).toBe(1);
  expect(twice.stderr).toMatch(/The target database is not empty \(users: 1 row/);
  expect(twice.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

  const nowhere = cli("admin", path.join(dir, "other"), "restore", "--from", path.join(dir, "no-such-backup"));
  expect(nowhere.status).toBe(2);
  expect(nowhere.stderr).toContain("holds no backup");
  expect(JSON.parse(cli("audit-verify", target).stdout)).toEqual(source);
});
