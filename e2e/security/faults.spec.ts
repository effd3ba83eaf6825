import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../support/server";
import { WORKER_LANES } from "../../lib/jobs/lanes";
import { type Call, expectClaimFollowsTrail, expectWholeChain, LoadClient, pick, sha256, sleep, textFile, transitionsOf } from "../support/load";
import { createDatabase, queryDatabase } from "../support/postgres";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../support/server";

/**
 * Faults (issue 8): the server is killed (SIGKILL, its whole process tree) in the middle of
 * transitions, uploads and submissions from 24 clients, and in the middle of a list import's
 * transaction; a new server starts on the same data. Then: the chain verifies with no fork or gap;
 * every answered change is there; each change is there whole or not at all (a claim's state and
 * version agree with its audit trail, the queue with the submission events, a claim's evidence
 * with its evidence events, an import's persons with its one event); every evidence row's bytes
 * are in the store under their hash, every file in the store is whole (its content hashes to its
 * name), and one that no row names can only be an interrupted upload's; no temp file is left.
 * On the embedded database (PGlite, a folder) always, and on PostgreSQL when TEST_DATABASE_URL is
 * set. (A kill during one large upload: e2e/evidence-faults.spec.ts. PostgreSQL going away under
 * load: faults-postgres.spec.ts.)
 */

const DRIVERS = process.env.TEST_DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const CLIENTS = 24;

type Claim = { id: string; version: number; state: string };

/** A server on its own data folder (and, on PostgreSQL, its own database), restartable after a kill. */
async function faultServer(driver: "pglite" | "postgres") {
  const dataDir = newDataDir();
  const database = driver === "postgres" ? await createDatabase() : null;
  const env: Record<string, string> = database ? { DATABASE_URL: database.url } : {};
  const servers: TestServer[] = [];
  return {
    dataDir,
    database,
    start: async () => {
      const server = await startServer(dataDir, env);
      servers.push(server);
      return server;
    },
    cleanup: async () => {
      for (const server of servers.reverse()) await server.stop().catch(() => {});
      removeDataDir(dataDir);
      await database?.drop();
    },
  };
}

/** Every file in the content-addressed store (blobs/ab/cd/<sha256>), and the temp files beside it. */
function blobStore(dataDir: string) {
  const root = path.join(dataDir, "blobs");
  const blobs: { sha: string; file: string }[] = [];
  for (const a of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      for (const name of fs.readdirSync(path.join(root, a, b))) blobs.push({ sha: name, file: path.join(root, a, b, name) });
    }
  }
  const tmp = path.join(root, "tmp");
  const temps = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  return { blobs, temps };
}

/** The claims a reviewer sees in the queue, every state. */
async function allClaimIds(api: LoadClient): Promise<string[]> {
  const ids: string[] = [];
  const counts = ((await api.call("reviewer", "GET", "/api/v1/claims?limit=1")).body as { counts: Record<string, number> }).counts;
  for (const state of Object.keys(counts)) {
    let cursor: string | null = null;
    do {
      const page = await api.call("reviewer", "GET", `/api/v1/claims?state=${state}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      const body = page.body as { items: { id: string }[]; nextCursor: string | null };
      ids.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
  }
  return ids;
}

for (const driver of DRIVERS) {
  test.describe(`on ${driver}`, () => {
    test.describe.configure({ mode: "serial" });

    test("killed during transitions, uploads and submissions: every change whole or absent, the chain intact, blobs and rows agree", async () => {
      test.setTimeout(300_000);
      const fault = await faultServer(driver);
      try {
        const first = await fault.start();
        const api = new LoadClient(first.base, first.tokens, 30_000);

        // The stage: claims the clients fight over, and claims open for evidence.
        const submit = async (kind = "report") => {
          const call = await api.call("submitter", "POST", "/api/v1/claims", {
            json: { kind, title: `Fault claim ${Math.random().toString(36).slice(2)}`, summary: "Made by the fault test.", language: "en" },
          });
          return call.status === 201 ? (call.body as Claim) : null;
        };
        const hot: Claim[] = [];
        const open: Claim[] = [];
        for (let i = 0; i < 8; i++) hot.push((await submit())!);
        for (let i = 0; i < 4; i++) {
          const claim = (await submit("video"))!;
          expect((await api.call("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: 1 } })).status).toBe(200);
          open.push(claim);
        }
        expect(api.unexpected, api.describeUnexpected()).toEqual([]);

        // The load, and the kill in the middle of it.
        type Sent = { kind: "transition" | "upload" | "submit"; call: Call; claimId?: string; action?: string; version?: number; sha?: string };
        const sent: Sent[] = [];
        let killed = false;
        const client = async () => {
          while (!killed) {
            const r = Math.random();
            if (r < 0.5) {
              const claim = pick(hot);
              const read = await api.call(pick(["reviewer", "editor"]), "GET", `/api/v1/claims/${claim.id}`, { allow: [200, 0] });
              if (read.status !== 200) continue;
              const current = read.body as Claim;
              const action = current.state === "triage" ? "reject" : "reopen";
              const call = await api.call(pick(["reviewer", "editor"]), "POST", `/api/v1/claims/${claim.id}/transitions`, {
                json: { action, version: current.version, reason: "Fault test." },
                allow: [200, 409, 0],
              });
              sent.push({ kind: "transition", call, claimId: claim.id, action, version: current.version });
            } else if (r < 0.85) {
              // Mostly small files; some of a few MB, so that some are mid-stream when the server dies.
              const file = textFile();
              if (Math.random() < 0.2) file.bytes = Buffer.concat([file.bytes, Buffer.alloc(2 * 1024 * 1024 + Math.floor(Math.random() * 2e6), "x")]);
              const claim = pick(open);
              const call = await api.call(pick(["submitter", "reviewer"]), "POST", `/api/v1/claims/${claim.id}/evidence`, { file, allow: [201, 0] });
              sent.push({ kind: "upload", call, claimId: claim.id, sha: sha256(file.bytes) });
            } else {
              const call = await api.call("submitter", "POST", "/api/v1/claims", {
                json: { kind: "statement", title: `Fault submission ${Math.random().toString(36).slice(2)}`, summary: "Sent while the server may die.", language: "en" },
                allow: [201, 0],
              });
              sent.push({ kind: "submit", call });
            }
          }
        };
        const load = Promise.all(Array.from({ length: CLIENTS }, client));
        const startedAt = Date.now();
        while (sent.filter((s) => s.call.status >= 200 && s.call.status < 300).length < 40 || Date.now() - startedAt < 2000) await sleep(50);
        await first.kill();
        killed = true;
        await load;
        const answered = sent.filter((s) => s.call.status !== 0);
        const cut = sent.filter((s) => s.call.status === 0);
        console.log(`[faults/${driver}] killed after ${answered.length} answers; ${cut.length} requests cut: ${JSON.stringify(api.tally(cut.map((s) => s.call)))}`);
        expect(api.unexpected.filter((c) => c.status !== 0), api.describeUnexpected()).toEqual([]);
        expect(cut.length, "requests were in flight when the server died").toBeGreaterThan(0);

        // A new server on the same data.
        const second = await fault.start();
        const after = new LoadClient(second.base, second.tokens, 30_000);
        await expect.poll(() => blobStore(fault.dataDir).temps, { message: "temp files swept at start", timeout: 15_000 }).toEqual([]);

        // The chain: verifies, no fork, no gap. (Jobs of the new items may still append as it is read.)
        const { log } = await expectWholeChain(after);

        // Transitions: each claim's version and state are what its trail says, and every answered one is in it.
        for (const claim of hot) await expectClaimFollowsTrail(after, log, claim.id);
        const missing = answered.filter((s) => s.kind === "transition" && s.call.status === 200 && !transitionsOf(log, s.claimId!).some((e) => e.data.version === s.version! + 1 && e.data.action === s.action));
        expect(missing.map((s) => `${s.claimId} ${s.action} on v${s.version}`), "answered transitions").toEqual([]);

        // Submissions: the queue holds exactly the claims whose submission was recorded.
        const submittedIds = log.filter((e) => e.type === "claim.submitted").map((e) => e.entity.id);
        const claimIds = await allClaimIds(after);
        expect([...claimIds].sort()).toEqual([...submittedIds].sort());
        expect(answered.filter((s) => s.kind === "submit" && !submittedIds.includes((s.call.body as Claim).id)), "answered submissions").toEqual([]);

        // Evidence (the demo's too): a claim's rows are exactly its recorded additions; each row's bytes are stored under its hash.
        const named = new Set<string>();
        const items: string[] = [];
        const unreadable: string[] = [];
        for (const claimId of claimIds) {
          const listed = ((await after.call("reviewer", "GET", `/api/v1/claims/${claimId}/evidence`)).body as { items: { id: string; sha256: string | null }[] }).items;
          const added = log.filter((e) => e.type === "evidence.added" && e.data.claimId === claimId).map((e) => e.entity.id);
          expect(listed.map((e) => e.id).sort(), `evidence of ${claimId}`).toEqual([...added].sort());
          for (const item of listed) {
            if (!item.sha256) continue; // a page capture not yet made
            const content = await after.call("reviewer", "GET", `/api/v1/evidence/${item.id}/content`, { raw: true });
            if (content.status !== 200 || sha256(content.body as Buffer) !== item.sha256) unreadable.push(`${item.id}: ${content.status}`);
            named.add(item.sha256);
            items.push(item.id);
          }
        }
        expect(unreadable, "evidence rows whose bytes are not stored under their hash").toEqual([]);
        // Derived files are rows too, once their jobs are done. The new server works the queued
        // jobs; the jobs the killed server was running (one worker, WORKER_LANES at a time) are
        // taken again only after 10 minutes (lib/jobs/queue.ts), so at most that many items may
        // still be pending.
        let pending = items;
        for (const until = Date.now() + 15_000; pending.length && Date.now() < until; await sleep(500)) {
          const still: string[] = [];
          for (const id of pending) {
            const detail = (await after.call("reviewer", "GET", `/api/v1/evidence/${id}`)).body as {
              processing: Record<string, string>;
              derivatives: { sha256: string }[];
              workingCopies: { sha256: string }[];
            };
            for (const d of [...detail.derivatives, ...detail.workingCopies]) named.add(d.sha256);
            if (Object.values(detail.processing).includes("pending")) still.push(id);
          }
          pending = still;
        }
        expect(pending.length, `items whose derivation is still pending: ${pending.join(", ")}`).toBeLessThanOrEqual(WORKER_LANES);
        expect(answered.filter((s) => s.kind === "upload" && !named.has(s.sha!)).map((s) => s.sha), "answered uploads").toEqual([]);

        // Sealed public pages (the demo's published entries) are named by their seal events.
        for (const e of log.filter((e) => e.type === "entry.sealed")) for (const page of (e.data as { pages: { sha256: string }[] }).pages) named.add(page.sha256);

        // The store: every file whole; one that no row names is an upload cut by the kill (invisible: bytes are only reached through a row).
        const { blobs } = blobStore(fault.dataDir);
        const cutUploads = new Set(cut.filter((s) => s.kind === "upload").map((s) => s.sha));
        for (const blob of blobs) {
          expect(sha256(fs.readFileSync(blob.file)), `${blob.file} is whole`).toBe(blob.sha);
          if (!named.has(blob.sha)) expect(cutUploads.has(blob.sha), `${blob.sha} is named by no row and was not an interrupted upload`).toBe(true);
        }
        if (fault.database) {
          // On PostgreSQL the rows can be read directly: nothing names a blob that is not in the store.
          const rows = await queryDatabase<{ sha256: string }>(fault.database.url, "select sha256 from blobs");
          const stored = new Set(blobs.map((b) => b.sha));
          for (const row of rows) expect(stored.has(row.sha256), `blob row ${row.sha256} has its file`).toBe(true);
        }
        console.log(`[faults/${driver}] after restart: ${log.length} events, ${blobs.length} blobs (${blobs.filter((b) => !named.has(b.sha)).length} named by no row)`);
        expect(after.unexpected, after.describeUnexpected()).toEqual([]);
      } finally {
        await fault.cleanup();
      }
    });

    test("killed during a list import's transaction: all of its persons or none", async () => {
      test.setTimeout(300_000);
      const fault = await faultServer(driver);
      try {
        const first = await fault.start();
        let api = new LoadClient(first.base, first.tokens, 120_000);
        const marker = `Faultmark${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 6)}`;
        const letters = (n: number) => {
          let s = "";
          do {
            s = String.fromCharCode(97 + (n % 26)) + s;
            n = Math.floor(n / 26);
          } while (n > 0);
          return `Ka${s}`;
        };
        const list = (rows: number, from: number) => Array.from({ length: rows }, (_, i) => `${letters(from + i)} ${marker}`).join("\n");
        const body = (rows: number, from: number) => ({
          role: "victim",
          text: list(rows, from),
          groups: Array.from({ length: rows }, (_, i) => ({ rows: [i + 1], personId: null })),
        });
        const openClaim = async (api: LoadClient) => {
          const claim = (await api.call("reviewer", "POST", "/api/v1/claims", { json: { kind: "person", title: `Fault list ${marker}`, summary: "A list.", language: "en" } })).body as Claim;
          expect((await api.call("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: 1 } })).status).toBe(200);
          return claim;
        };

        // How long an import takes here, from ones that complete (the first warms the server up).
        const calibration = await openClaim(api);
        let imported = 0;
        let perRow = 0;
        for (const rows of [200, 1000]) {
          const t0 = Date.now();
          const done = await api.call("reviewer", "POST", `/api/v1/claims/${calibration.id}/persons/import`, { json: body(rows, imported) });
          perRow = (Date.now() - t0) / rows;
          expect(done.status, JSON.stringify(done.body)).toBe(201);
          expect(done.body).toMatchObject({ rows, created: rows, newLinks: rows });
          imported += rows;
        }

        // A list big enough to take several seconds, killed while its transaction is open; if it
        // answered first after all, again, killed sooner (the answer says how long it takes).
        const rows = Math.min(20_000, Math.max(4000, Math.round(8000 / perRow)));
        let estimate = perRow * rows;
        let server = first;
        let killedMidway = false;
        for (let attempt = 1; attempt <= 3 && !killedMidway; attempt++) {
          const target = await openClaim(api);
          const from = imported + attempt * rows;
          const startedAt = Date.now();
          const importing = api.call("reviewer", "POST", `/api/v1/claims/${target.id}/persons/import`, { json: body(rows, from), allow: [0, 201] });
          if (fault.database) {
            // On PostgreSQL the open transaction can be seen: a session that has written (holds an xid) and not committed.
            const until = Date.now() + 60_000;
            for (;;) {
              const open = await queryDatabase<{ n: number }>(
                fault.database.url,
                "select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()",
              );
              if (open[0].n > 0) break;
              if (Date.now() > until) throw new Error("the import's transaction was never seen open");
              await sleep(20);
            }
            await sleep(Math.min(1000, estimate / 4));
          } else {
            await sleep(Math.round(estimate / 2));
          }
          await server.kill();
          const cut = await importing;
          killedMidway = cut.status === 0;
          if (!killedMidway) estimate = cut.ended - startedAt;

          server = await fault.start();
          api = new LoadClient(server.base, server.tokens, 120_000);
          const { log } = await expectWholeChain(api);
          const events = log.filter((e) => e.type === "claim.persons_imported" && e.entity.id === target.id);
          const linked = ((await api.call("reviewer", "GET", `/api/v1/claims/${target.id}/persons`)).body as { items: unknown[] }).items;
          // Whole or nothing: the one event and every row's person, or neither; an answered import is whole.
          if (!killedMidway) expect(events.length, "an answered import is kept").toBe(1);
          expect(events.length).toBeLessThanOrEqual(1);
          expect(linked.length).toBe(events.length ? rows : 0);
          if (events.length) expect((events[0].data.created as string[]).length).toBe(rows);
          // No person of the list was left behind without its link (a stored name is a match candidate).
          for (const i of [from, from + Math.floor(rows / 2), from + rows - 1]) {
            const name = `${letters(i)} ${marker}`;
            const match = await api.call("reviewer", "POST", "/api/v1/persons/match", { json: { name } });
            expect(match.status).toBe(200);
            const exact = (match.body as { candidates: { person: { names: { name: string }[] } }[] }).candidates.filter((c) => c.person.names.some((n) => n.name === name));
            expect(exact.length, `row ${i - from + 1}'s person`).toBe(events.length ? 1 : 0);
          }
          if (fault.database) {
            const [{ n }] = await queryDatabase<{ n: number }>(fault.database.url, "select count(*)::int as n from person_names where name like $1", [`% ${marker}`]);
            imported += events.length ? rows : 0;
            expect(n, "every stored name of the lists").toBe(imported);
          }
          console.log(
            `[faults/${driver}] import of ${rows} rows (about ${Math.round(estimate)} ms), killed after ${cut.ended - startedAt} ms: ` +
              (killedMidway ? (events.length ? "it had committed" : "nothing of it was kept") : "it had answered first, whole"),
          );
        }
        expect(killedMidway, "an import was killed before it answered").toBe(true);
        // The calibration imports are whole.
        expect(((await api.call("reviewer", "GET", `/api/v1/claims/${calibration.id}/persons`)).body as { items: unknown[] }).items).toHaveLength(1200);
      } finally {
        await fault.cleanup();
      }
    });
  });
}
