import { parseArgs } from "node:util";
import type { Database } from "@/db/connect";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { assertBackupTarget, createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { type VerifiedBackup, verifyBackup } from "@/lib/backup/verify-backup";
import { isAppError } from "@/lib/errors/app-error";
import { formatBytes } from "@/lib/evidence/receive-format";
import { getBlobStore, tempDir } from "@/lib/evidence/storage/get-blob-store";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { openAppDatabase } from "./open-database";

const USAGE = `Usage:
  npm run admin -- create-user --email E --name N --role submitter|reviewer|editor|admin --password P
  npm run admin -- create-token --email E [--label L]     (prints the token once)
  npm run admin -- set-role --email E --role submitter|reviewer|editor|admin
  npm run admin -- deactivate --email E | activate --email E
    (a role change or deactivation ends the user's sessions at their next request)
  npm run admin -- backup --out DIR [--with-blobs]
    (a consistent snapshot into a new folder: every table, the blob manifest, and the blobs when
    they are stored locally; --with-blobs copies them out of S3 too)
  npm run admin -- restore --from DIR
    (fills an empty instance, PGlite or PostgreSQL; refuses a non-empty one or an altered backup)`;

const COMMANDS = ["create-user", "create-token", "set-role", "deactivate", "activate", "backup", "restore"];

/** A mistake in how the command was called (exit 2), as opposed to a refusal of what it was asked (exit 1). */
class UsageError extends Error {}

/** Checks that need no database, made before one is opened (and, for PGlite, locked). */
async function checkFolders(command: string, values: { out?: string; from?: string }) {
  if (command === "backup") {
    if (!values.out) throw new UsageError("backup needs --out DIR: a new or empty folder.");
    try {
      assertBackupTarget(values.out);
    } catch (error) {
      throw isAppError(error) ? new UsageError(error.message) : error;
    }
    return null;
  }
  if (command === "restore") {
    if (!values.from) throw new UsageError("restore needs --from DIR: a folder written by backup.");
    console.log(`Checking ${values.from} (every file against its SHA-256)…`);
    try {
      return await verifyBackup(values.from);
    } catch (error) {
      throw isAppError(error) && error.code === "NOT_FOUND" ? new UsageError(error.message) : error;
    }
  }
  return null;
}

function headLine(head: { seq: number; hash: string } | null, verified: boolean) {
  return head ? `audit head #${head.seq} ${head.hash} (chain ${verified ? "verified" : "BROKEN"})` : "audit log empty";
}

const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function runBackup(database: Database, out: string, withBlobs: boolean, started: number) {
  const store = getBlobStore();
  const { dir, manifest, manifestSha256 } = await createBackup(database, store, {
    out,
    includeBlobs: store.kind === "fs" || withBlobs,
    log: (line) => console.log(`  ${line}`),
  });
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  const tableBytes = manifest.tables.reduce((sum, t) => sum + t.bytes, 0);
  const blobs = manifest.blobs.included ? "copied" : "listed only — back up the bucket by its own means (versioning)";
  console.log(`Backup of the ${manifest.source.driver} database written to ${dir} in ${seconds(started)}:`);
  console.log(`  ${manifest.tables.length} tables, ${rows} rows (${formatBytes(tableBytes)}); ${manifest.blobs.count} blobs (${formatBytes(manifest.blobs.bytes)}) ${blobs}`);
  console.log(`  ${headLine(manifest.audit.head, manifest.audit.chainVerified)}`);
  console.log(`  manifest SHA-256 ${manifestSha256}`);
  console.log("The folder holds password and token hashes and the evidence: keep it as safe as the database.");
  // A backup of a broken chain is still written (it may be the evidence of the break), but says so.
  if (!manifest.audit.chainVerified) process.exitCode = 1;
}

async function runRestore(database: Database, backup: VerifiedBackup, started: number) {
  const { manifest } = backup;
  const { rows } = await restoreBackup(database.db, getBlobStore(), backup, { tempDir: tempDir(), log: (line) => console.log(`  ${line}`) });
  console.log(`Restored ${rows} rows and ${manifest.blobs.count} blobs into the ${database.driver} database in ${seconds(started)}:`);
  console.log(`  ${headLine(manifest.audit.head, manifest.audit.chainVerified)}, as in the backup of ${manifest.createdAt}`);
  console.log("Start it with SEED_DEMO=0 unless the demo users belong in it: the demo seed adds them to any database that lacks them.");
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      label: { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      "with-blobs": { type: "boolean" },
    },
    strict: true,
  });
  if (!COMMANDS.includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const backup = await checkFolders(command, values);
  const started = Date.now();
  const database = await openAppDatabase(`the admin command line (${command})`);
  try {
    if (command === "backup") {
      await runBackup(database, values.out!, Boolean(values["with-blobs"]), started);
    } else if (command === "restore") {
      await runRestore(database, backup!, started);
    } else if (command === "create-user") {
      const user = await createUser(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        name: values.name ?? "",
        role: values.role,
        password: values.password ?? "",
      });
      console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    } else if (command === "create-token") {
      const { token } = await createApiToken(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        label: values.label,
      });
      console.log(token);
    } else {
      const user = await updateUser(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        ...(command === "set-role" ? { role: values.role } : { isActive: command === "activate" }),
      });
      console.log(`${user.email} is now ${user.isActive ? "an active" : "a deactivated"} ${user.role}; their sessions end at their next request.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (isAppError(error)) {
    console.error(error.message);
    for (const [field, messages] of Object.entries(error.details.fieldErrors ?? {})) {
      console.error(`  --${field}: ${messages.join(" ")}`);
    }
  } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`${error.message}\n${USAGE}`);
  } else if (error instanceof Error && /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))) {
    // A system error (no space left, permission denied, connection refused): its message says it.
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
