import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, getTableColumns, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import * as schema from "@/db/schema";
import { readAuditHead, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { submitClaim } from "@/lib/claims/submit-claim";
import { AppError } from "@/lib/errors/app-error";
import { FsBlobStore } from "@/lib/evidence/storage/fs-blob-store";
import { getBlobStore } from "@/lib/evidence/storage/get-blob-store";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { openTestDatabase, TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { assertBackupTarget, createBackup } from "./create-backup";
import { hashFile } from "./files";
import { MANIFEST_FILE, type TBackupManifest } from "./manifest";
import { restoreBackup } from "./restore-backup";
import { AWKWARD_TEXT, buildWorkspace } from "@/lib/test/backup-workspace";
import { verifyBackup } from "./verify-backup";
import { UNBACKED_TABLES } from "./catalog";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-backup-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const newFolder = (name: string) => path.join(scratch, `${++folders}-${name}`);

const TABLES = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable) && !UNBACKED_TABLES.has(getTableConfig(value).name));

/**
 * Every row of every table, read through drizzle (not through the backup's own SQL), sorted.
 * Between drivers, generated columns (search vectors) are left out: each database computes them
 * by its own locale's rules.
 */
async function allRows(db: Db, { withGenerated = true } = {}): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of TABLES) {
    const generated = Object.entries(getTableColumns(table)).filter(([, column]) => column.generated).map(([key]) => key);
    const selected = (await db.select().from(table)) as Record<string, unknown>[];
    rows[getTableConfig(table).name] = selected
      .map((row) => (withGenerated ? row : Object.fromEntries(Object.entries(row).filter(([key]) => !generated.includes(key)))))
      .map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? `${value}n` : value)))
      .sort();
  }
  return rows;
}

/** The tables that hold rows, besides the rows a new instance's migrations write (which the instance had before). */
async function emptyTables(db: Db): Promise<string[]> {
  const rows = await allRows(db);
  const seeded = (name: string) => (name === "notification_settings" || name === "projection_cursors") && rows[name].length === 1;
  return Object.keys(rows).filter((name) => rows[name].length > 0 && !seeded(name));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

/** A copy of a backup to tamper with. */
function copyBackup(dir: string): string {
  const copy = newFolder("copy");
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

function readManifest(dir: string): TBackupManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8"));
}

/** An empty blob store of its own, as a new instance's would be. */
function newStore() {
  const root = newFolder("blobs");
  return { store: new FsBlobStore(root), root, tempDir: path.join(root, "tmp") };
}

function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe.each(TEST_DRIVERS)("backup and restore on %s", (driver) => {
  const logged: string[] = [];
  const world = useTestWorld(driver, {
    setup: async ({ database, db }) => {
      await buildWorkspace(db, 11);
      // An upload under way: its parts are not blobs, and it is left out (lib/backup/catalog.ts).
      const [owner] = await db.select({ id: schema.users.id }).from(schema.users).limit(1);
      await db.insert(schema.resumableUploads).values({ id: "backup-test-upload", ownerId: owner.id, size: 10, offset: 4 });
      await db.insert(schema.resumableUploadParts).values({ uploadId: "backup-test-upload", offset: 0, length: 4, key: "uploads/backup-test-upload/0-0123456789abcdef" });
      // A small fetch size, so every table crosses several cursor batches.
      return { backup: await createBackup(database, getBlobStore(), { out: newFolder("backup"), includeBlobs: true, fetchRows: 7, log: (line) => logged.push(line) }) };
    },
  });

  it("writes every table, the blob manifest and the blobs, owner-only, with the audit head in the manifest", async () => {
    const { manifest, dir } = world.backup;
    const head = await readAuditHead(world.db);
    expect(manifest.audit).toEqual({ events: head!.seq, head, chainVerified: true, firstBroken: null });
    expect(manifest.source.driver).toBe(driver);
    expect(manifest.migration.tag).toMatch(/^\d{4}_/);
    expect(manifest.tables.map((t) => t.name).sort()).toEqual(TABLES.map((t) => getTableConfig(t).name).sort());
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("claims"));
    expect(order.indexOf("sources")).toBeLessThan(order.indexOf("evidence")); // a foreign key only the migrations declare
    expect(order.indexOf("evidence_derivatives")).toBeLessThan(order.indexOf("phash_bands"));
    const rows = await allRows(world.db);
    for (const table of manifest.tables) {
      expect(table.rows, table.name).toBe(rows[table.name].length);
      expect(table.rows, `${table.name} has rows to back up`).toBeGreaterThan(0);
      expect((await hashFile(path.join(dir, table.file))).sha256).toBe(table.sha256);
    }
    expect(manifest.blobs.count).toBe(rows.blobs.length);
    expect(manifest.blobs.included).toBe(true);
    expect(logged).toContain(`users: ${rows.users.length} rows`);
    // The demo's entry: its publication, and its Arabic wording published as version 2.
    expect(logged).toContain("published_entries: 2 rows");
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, MANIFEST_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, "tables", "users.jsonl")).mode & 0o777).toBe(0o600);
    expect(storedFiles(path.join(dir, "blobs"))).toHaveLength(manifest.blobs.count);
    // The awkward text is one line of its file, escaped, and no line is anything but one JSON object.
    const claimLines = fs.readFileSync(path.join(dir, "tables", "claims.jsonl"), "utf8").trimEnd().split("\n");
    expect(claimLines).toHaveLength(rows.claims.length);
    expect(claimLines.map((line) => JSON.parse(line).summary)).toContain(AWKWARD_TEXT);
    // Generated search vectors are the target's to compute, not the backup's to carry.
    expect(claimLines.filter((line) => "search_vector" in JSON.parse(line))).toEqual([]);
    // Items' commitment keys (issue 23) travel only in the evidence table's file, which a restore
    // needs to disclose them later; never in the manifests a backup's custodian reads or lists.
    const keys = rows.evidence.map((e) => (JSON.parse(e) as { commitmentKey: string | null }).commitmentKey).filter((k): k is string => !!k);
    expect(keys.length).toBeGreaterThan(0);
    const manifests = [MANIFEST_FILE, "blob-manifest.jsonl"].map((name) => fs.readFileSync(path.join(dir, name), "utf8")).join("\n");
    for (const key of keys) expect(manifests).not.toContain(key);
    expect(fs.readFileSync(path.join(dir, "tables", "evidence.jsonl"), "utf8")).toContain(keys[0]);
  });

  it("round-trips the workspace into an empty instance: every row, the audit head, every blob's bytes", async () => {
    const target = await openTestDatabase(driver);
    try {
      const { store, root, tempDir } = newStore();
      const lines: string[] = [];
      // Three rows a statement: rows pointing at rows of their own table (a duplicate claim, a
      // merged person, an affiliated source) may point further down the file.
      await restoreBackup(target.db, store, await verifyBackup(world.backup.dir), { tempDir, batchRows: 3, log: (line) => lines.push(line) });
      expect(lines).toContain(`claims: ${world.backup.manifest.tables.find((t) => t.name === "claims")!.rows} rows`);

      expect(await allRows(target.db)).toEqual(await allRows(world.db));
      // An upload under way stays behind: its client starts it again.
      expect(world.backup.manifest.tables.map((t) => t.name).filter((name) => UNBACKED_TABLES.has(name))).toEqual([]);
      expect(await target.db.select().from(schema.resumableUploads)).toEqual([]);
      const chain = await verifyAuditChainUnchecked(target.db);
      expect(chain).toMatchObject({ ok: true, events: world.backup.manifest.audit.events, head: world.backup.manifest.audit.head!.hash });
      expect(await readAuditHead(target.db)).toEqual(await readAuditHead(world.db));

      const blobRows = await target.db.select({ sha256: schema.blobs.sha256, size: schema.blobs.size }).from(schema.blobs);
      expect(blobRows.length).toBe(14); // six text items, an image and its thumbnail, a recording and its web copy, the published entry's two pages per version
      for (const blob of blobRows) {
        const restored = await hashFile(store.localPath(blob.sha256));
        expect(restored).toEqual({ sha256: blob.sha256, bytes: blob.size });
        expect((await hashFile((getBlobStore() as FsBlobStore).localPath(blob.sha256))).sha256).toBe(blob.sha256);
      }
      expect(storedFiles(root).filter((name) => name.endsWith(".part"))).toEqual([]);

      // A backup of the restored instance is byte for byte the first one, microseconds included.
      const again = await createBackup(target, store, { out: newFolder("again"), includeBlobs: false });
      expect(again.manifest.tables).toEqual(world.backup.manifest.tables);
      expect(again.manifest.audit).toEqual(world.backup.manifest.audit);

      // The instance goes on: the chain extends from the restored head, identities continue.
      const before = await target.db.select({ seq: schema.personNames.seq }).from(schema.personNames);
      const reviewer = (await target.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "reviewer@demo.test") }))!;
      const actor = { id: reviewer.id, role: reviewer.role, name: reviewer.name };
      const claim = await submitClaim(target.db, actor, { kind: "report", title: "Written after the restore", summary: "It chains on.", language: "en" });
      const added = await target.db.query.claims.findFirst({ where: (c, { eq }) => eq(c.state, "corroboration") });
      await addClaimPerson(target.db, actor, added!.id, { role: "witness", names: ["A new witness after the restore"] });
      const after = await target.db.select({ seq: schema.personNames.seq }).from(schema.personNames);
      expect(Math.min(...after.filter((r) => !before.some((b) => b.seq === r.seq)).map((r) => r.seq))).toBeGreaterThan(Math.max(...before.map((r) => r.seq)));
      const [next] = await target.db
        .select({ prevHash: schema.auditEvents.prevHash, entityId: schema.auditEvents.entityId })
        .from(schema.auditEvents)
        .where(eq(schema.auditEvents.seq, world.backup.manifest.audit.head!.seq + 1));
      expect(next).toEqual({ prevHash: world.backup.manifest.audit.head!.hash, entityId: claim.id });
      expect((await verifyAuditChainUnchecked(target.db)).ok).toBe(true);
      // The app's triggers are on again: the new claim is counted, once.
      const counted = await target.db.select().from(schema.claimCounts).where(and(eq(schema.claimCounts.state, "triage"), eq(schema.claimCounts.kind, "report")));
      const inTriage = await target.db.$count(schema.claims, and(eq(schema.claims.state, "triage"), eq(schema.claims.kind, "report")));
      expect(counted).toEqual([{ state: "triage", kind: "report", n: inTriage }]);
      expect(inTriage).toBe(2);
    } finally {
      await target.close();
    }
  });

  it("refuses an instance that is not empty, and changes nothing in it", async () => {
    const { store, root, tempDir } = newStore();
    const rowsBefore = await allRows(world.db);
    const refused = await failure(restoreBackup(world.db, store, await verifyBackup(world.backup.dir), { tempDir }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/not empty \(users: \d+ rows, .*claims: \d+ rows/);
    expect(await allRows(world.db)).toEqual(rowsBefore);
    expect(storedFiles(root)).toEqual([]);
  });

  it("refuses a tampered table file before anything is written", async () => {
    const tampered = copyBackup(world.backup.dir);
    const file = path.join(tampered, "tables", "claims.jsonl");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Latakia", "Lattakia"));
    const refused = await failure(verifyBackup(tampered));
    expect(refused.message).toContain("tables/claims.jsonl does not match its SHA-256");

    const truncated = copyBackup(world.backup.dir);
    fs.rmSync(path.join(truncated, "tables", "figures.jsonl"));
    expect((await failure(verifyBackup(truncated))).message).toContain("lacks tables/figures.jsonl");

    const unfinished = copyBackup(world.backup.dir);
    fs.rmSync(path.join(unfinished, MANIFEST_FILE));
    expect((await failure(verifyBackup(unfinished))).message).toContain("holds no backup");
  });

  it("rolls back, leaving the instance empty, when the restored audit chain does not match (a file altered with its hash)", async () => {
    const forged = copyBackup(world.backup.dir);
    const file = path.join(forged, "tables", "audit_events.jsonl");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Samira (researcher)", "Samira (someone else)"));
    const manifest = readManifest(forged);
    const entry = manifest.tables.find((t) => t.name === "audit_events")!;
    Object.assign(entry, await hashFile(file).then(({ sha256, bytes }) => ({ sha256, bytes })));
    fs.writeFileSync(path.join(forged, MANIFEST_FILE), JSON.stringify(manifest));

    const target = await openTestDatabase(driver);
    try {
      const { store, tempDir } = newStore();
      const refused = await failure(restoreBackup(target.db, store, await verifyBackup(forged), { tempDir }));
      expect(refused.message).toMatch(/restored audit chain does not match the backup .*broken at #\d+.*rolled back/);
      expect(await emptyTables(target.db)).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it("refuses a backup with a missing or altered blob before anything is written", async () => {
    const missing = copyBackup(world.backup.dir);
    const blobFiles = fs.readdirSync(path.join(missing, "blobs"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    fs.rmSync(path.join(blobFiles[0].parentPath, blobFiles[0].name));
    const refused = await failure(verifyBackup(missing));
    expect(refused.message).toContain(`1 blob(s) missing or altered — ${blobFiles[0].name.slice(0, 12)}`);
    expect(refused.message).toContain("missing from the backup");

    const altered = copyBackup(world.backup.dir);
    const victim = path.join(altered, "blobs", path.relative(path.join(missing, "blobs"), path.join(blobFiles[1].parentPath, blobFiles[1].name)));
    fs.appendFileSync(victim, "x");
    expect((await failure(verifyBackup(altered))).message).toMatch(/bytes where \d+ were recorded/);
  });

  it("refuses to write a backup into a folder that holds anything", async () => {
    expect((await failure(createBackup(world.database, getBlobStore(), { out: world.backup.dir, includeBlobs: true }))).message).toContain("already holds a backup");
    const other = newFolder("other");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "notes.txt"), "mine");
    expect(() => assertBackupTarget(other)).toThrow(/is not empty; a backup never overwrites/);
    expect(fs.readdirSync(other)).toEqual(["notes.txt"]);
    const empty = newFolder("empty");
    fs.mkdirSync(empty);
    expect(() => assertBackupTarget(empty)).not.toThrow();
  });

  it("without blobs (an S3 store backs itself up): restore needs a store that holds every blob, checked byte for byte", async () => {
    const listOnly = await createBackup(world.database, getBlobStore(), { out: newFolder("list-only"), includeBlobs: false });
    expect(listOnly.manifest.blobs).toMatchObject({ included: false, count: world.backup.manifest.blobs.count });
    expect(fs.existsSync(path.join(listOnly.dir, "blobs"))).toBe(false);

    const target = await openTestDatabase(driver);
    try {
      const { store, root, tempDir } = newStore();
      const refused = await failure(restoreBackup(target.db, store, await verifyBackup(listOnly.dir), { tempDir }));
      expect(refused.message).toContain(`${world.backup.manifest.blobs.count} blob(s) missing or altered`);
      expect(refused.message).toContain("not in the fs store");
      expect(await emptyTables(target.db)).toEqual([]);
      expect(storedFiles(root)).toEqual([]);

      // The store the instance already uses holds them all.
      await restoreBackup(target.db, getBlobStore(), await verifyBackup(listOnly.dir), { tempDir });
      expect(await allRows(target.db)).toEqual(await allRows(world.db));
    } finally {
      await target.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a backup of PostgreSQL while people work", () => {
  it("is one instant: claims submitted meanwhile are in it with their audit events, or not at all", async () => {
    const database = await openTestDatabase("postgres");
    const target = await openTestDatabase("postgres");
    try {
      await buildWorkspace(database.db, 31);
      const submitter = (await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "submitter@demo.test") }))!;
      const actor = { id: submitter.id, role: submitter.role, name: submitter.name };
      let writing = true;
      let submitted = 0;
      const writer = (async () => {
        while (writing) {
          await submitClaim(database.db, actor, { kind: "report", title: `Submitted during the backup ${submitted}`, summary: "Meanwhile.", language: "en" });
          submitted += 1;
        }
      })();
      // One row a fetch: the dump takes long enough for the writer to commit between its reads.
      const during = await createBackup(database, getBlobStore(), { out: newFolder("during"), includeBlobs: true, fetchRows: 1 });
      writing = false;
      await writer;
      const { store, tempDir } = newStore();
      await restoreBackup(target.db, store, await verifyBackup(during.dir), { tempDir });

      const claimIds = (await target.db.select({ id: schema.claims.id }).from(schema.claims)).map((c) => c.id).sort();
      const submittedEvents = (
        await target.db.select({ entityId: schema.auditEvents.entityId }).from(schema.auditEvents).where(eq(schema.auditEvents.type, "claim.submitted"))
      ).map((e) => e.entityId).sort();
      expect(submittedEvents).toEqual(claimIds);
      const inSource = await database.db.$count(schema.claims);
      expect(submitted, "the writer got claims in while the backup ran").toBeGreaterThan(0);
      expect(claimIds.length).toBeLessThan(inSource);
    } finally {
      await Promise.all([database.close(), target.close()]);
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("moving between the embedded database and PostgreSQL", () => {
  it("restores a PGlite backup into PostgreSQL and back, every table byte for byte", async () => {
    const embedded = await openTestDatabase("pglite");
    const server = await openTestDatabase("postgres");
    const roundTrip = await openTestDatabase("pglite");
    try {
      await buildWorkspace(embedded.db, 23);
      const first = await createBackup(embedded, getBlobStore(), { out: newFolder("from-pglite"), includeBlobs: true });
      const { store, tempDir } = newStore();
      await restoreBackup(server.db, store, await verifyBackup(first.dir), { tempDir });
      expect(await allRows(server.db, { withGenerated: false })).toEqual(await allRows(embedded.db, { withGenerated: false }));
      const second = await createBackup(server, store, { out: newFolder("from-postgres"), includeBlobs: true });
      expect(second.manifest.source.driver).toBe("postgres");
      expect(second.manifest.tables).toEqual(first.manifest.tables);

      const back = newStore();
      await restoreBackup(roundTrip.db, back.store, await verifyBackup(second.dir), { tempDir: back.tempDir });
      expect(await allRows(roundTrip.db)).toEqual(await allRows(embedded.db)); // PGlite's own search vectors again
      expect(await verifyAuditChainUnchecked(roundTrip.db)).toMatchObject({ ok: true, head: first.manifest.audit.head!.hash });
    } finally {
      await Promise.all([embedded.close(), server.close(), roundTrip.close()]);
    }
  });
});
