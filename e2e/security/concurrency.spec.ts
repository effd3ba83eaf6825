import { expect, test } from "../support/server";
import { type AuditEvent, type Call, expectWholeChain, LoadClient, pick, sha256, textFile, verifyChain } from "../support/load";
import { createDatabase, requirePostgres } from "../support/postgres";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../support/server";

/**
 * Concurrency and load on PostgreSQL (issue 8): 50 clients at once, for a bounded time, submit
 * claims, race each other to accept the same claim, flip shared claims between rejected and
 * triage on the version they read, upload evidence (some of it the same bytes at once), download
 * it and read the queue, claims and the log. Then: no 5xx and nothing unexplained; every answered
 * write is there (claims, evidence, each transition's state and version); each claim's version
 * rose exactly once per successful transition; one audit event per change, no fork or gap in the
 * chain, and it verifies; every evidence row's bytes are in the store under their SHA-256; the
 * queue's trigger-kept counts equal the claims.
 */

const CLIENTS = 50;
const LOAD_MS = Number(process.env.LOAD_MS ?? 25_000);
const RACERS = ["reviewer", "editor", "editor2", "reviewer"] as const;
const TRANSITIONERS = ["reviewer", "editor", "editor2"] as const;

type Claim = { id: string; version: number; state: string; kind: string };
type Transition = { claimId: string; action: string; version: number; state: string };
type Upload = { id: string; claimId: string; sha256: string; bytes: Buffer };

test.describe.configure({ mode: "serial" });

test("50 concurrent clients: no 5xx, no lost update, no fork, every evidence row has its bytes", async () => {
  test.setTimeout(LOAD_MS + 240_000);
  requirePostgres();
  const database = await createDatabase();
  const dataDir = newDataDir();
  let server: TestServer | null = null;
  try {
    server = await startServer(dataDir, { DATABASE_URL: database.url });
    const api = new LoadClient(server.base, server.tokens, 60_000);

    // --- the stage: claims open for evidence, and "hot" claims everyone fights over ----------
    const submitted: Claim[] = [];
    const transitions: Transition[] = [];
    const uploads: Upload[] = [];
    let downloads = 0;

    async function submit(who: string, kind = pick(["report", "video", "statement"])): Promise<Claim | null> {
      const call = await api.call(who, "POST", "/api/v1/claims", {
        json: { kind, title: `Load claim ${Math.random().toString(36).slice(2)}`, summary: "Made by the concurrency test.", language: "en" },
      });
      if (call.status !== 201) return null;
      const claim = call.body as Claim;
      submitted.push({ id: claim.id, version: claim.version, state: claim.state, kind: claim.kind });
      return claim;
    }

    /** A transition on the version read; 200 recorded as a change, 409 (someone was first) allowed. */
    async function transition(who: string, claim: Pick<Claim, "id" | "version">, action: string, extra: Record<string, unknown> = {}): Promise<Call> {
      const call = await api.call(who, "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action, version: claim.version, ...extra }, allow: [200, 409] });
      if (call.status === 200) {
        const after = call.body as Claim;
        transitions.push({ claimId: claim.id, action, version: after.version, state: after.state });
      }
      return call;
    }

    const openClaims: Claim[] = [];
    for (let i = 0; i < 6; i++) {
      // The submitter's, so that they may add evidence to it as the reviewers may.
      const claim = (await submit("submitter", "video"))!;
      expect((await transition("reviewer", claim, "accept")).status).toBe(200);
      openClaims.push(claim);
    }
    const hot: Claim[] = [];
    for (let i = 0; i < 4; i++) hot.push((await submit("submitter", "report"))!);
    expect(api.unexpected, api.describeUnexpected()).toEqual([]);
    const before = await verifyChain(api);
    expect(before.ok).toBe(true);

    // --- the load ------------------------------------------------------------------------------
    const races = { runs: 0, won: 0, lost: 0 };
    const contention = { tries: 0, conflicts: 0 };
    const deadline = Date.now() + LOAD_MS;

    const operations: [number, () => Promise<unknown>][] = [
      // A new claim, from a submitter or a reviewer.
      [12, () => submit(pick(["submitter", "reviewer", "editor"]))],
      // Four people accept the same fresh claim at the same moment: exactly one wins.
      [
        5,
        async () => {
          const claim = await submit("submitter");
          if (!claim) return;
          const answers = await Promise.all(RACERS.map((who) => transition(who, claim, "accept")));
          const won = answers.filter((a) => a.status === 200).length;
          races.runs += 1;
          races.won += won;
          races.lost += answers.filter((a) => a.status === 409).length;
          if (won !== 1) api.unexpected.push({ ...answers[0], error: `a race had ${won} winners: ${answers.map((a) => a.status).join(",")}` });
        },
      ],
      // A shared claim flipped between rejected and triage, acting on the version just read.
      [
        20,
        async () => {
          const claim = pick(hot);
          const read = await api.call(pick(TRANSITIONERS), "GET", `/api/v1/claims/${claim.id}`);
          if (read.status !== 200) return;
          const current = read.body as Claim;
          contention.tries += 1;
          const call =
            current.state === "triage"
              ? await transition(pick(TRANSITIONERS), current, "reject", { reason: "Load test: not checkable." })
              : await transition(pick(TRANSITIONERS), current, "reopen", { reason: "Load test: look again." });
          if (call.status === 409) contention.conflicts += 1;
        },
      ],
      // Evidence on an open claim: a file of its own, or bytes several clients send at once.
      [
        16,
        async () => {
          const claim = pick(openClaims);
          const file = Math.random() < 0.25 ? textFile(String(Math.floor(Math.random() * 3))) : textFile();
          const call = await api.call(pick(["submitter", "reviewer", "editor"]), "POST", `/api/v1/claims/${claim.id}/evidence`, { file, allow: [201] });
          if (call.status === 201) {
            const item = call.body as { id: string; sha256: string };
            uploads.push({ id: item.id, claimId: claim.id, sha256: item.sha256, bytes: file.bytes });
            if (item.sha256 !== sha256(file.bytes)) api.unexpected.push({ ...call, error: "the answer's SHA-256 is not the file's" });
          }
        },
      ],
      // The preserved bytes of an item, as it was uploaded.
      [
        6,
        async () => {
          if (!uploads.length) return;
          const item = pick(uploads);
          const call = await api.call(pick(["reviewer", "editor"]), "GET", `/api/v1/evidence/${item.id}/content`, { raw: true });
          if (call.status === 200) {
            downloads += 1;
            if (!(call.body as Buffer).equals(item.bytes)) api.unexpected.push({ ...call, body: null, error: "downloaded bytes differ" });
          }
        },
      ],
      // Reads: the queue, a claim, an item, the log, one's own submissions.
      [12, () => api.call(pick(["reviewer", "editor"]), "GET", `/api/v1/claims?state=${pick(["triage", "corroboration", "rejected"])}`)],
      [10, () => api.call(pick(["reviewer", "editor"]), "GET", `/api/v1/claims/${pick([...hot, ...openClaims]).id}`)],
      [4, async () => uploads.length && (await api.call("reviewer", "GET", `/api/v1/evidence/${pick(uploads).id}`))],
      [6, () => api.call(pick(["admin", "reviewer"]), "GET", "/api/v1/audit?limit=50")],
      [4, () => api.call("submitter", "GET", "/api/v1/claims?mine=1")],
      // Now and then the whole chain, verified while it grows.
      [1, () => api.call("admin", "GET", "/api/v1/audit/verify")],
    ];
    const totalWeight = operations.reduce((n, [w]) => n + w, 0);
    const chooseOperation = () => {
      let r = Math.random() * totalWeight;
      for (const [w, run] of operations) if ((r -= w) < 0) return run;
      return operations[0][1];
    };

    const started = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < deadline) await chooseOperation()();
      }),
    );
    const elapsed = Date.now() - started;
    const latencies = api.calls.map((c) => c.ended - c.started).sort((a, b) => a - b);
    console.log(
      `[concurrency] ${api.calls.length} requests in ${(elapsed / 1000).toFixed(1)} s by ${CLIENTS} clients ` +
        `(p50 ${latencies[Math.floor(latencies.length / 2)]} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]} ms); ` +
        `${submitted.length} claims, ${transitions.length} transitions, ${uploads.length} uploads, ${downloads} downloads; ` +
        `${races.runs} accept races: ${races.won} won, ${races.lost} refused 409; shared claims: ${contention.conflicts} of ${contention.tries} refused 409`,
    );
    console.log("[concurrency] answers:", JSON.stringify(api.tally()));

    // --- no 5xx, nothing unexplained ---------------------------------------------------------
    expect(api.calls.filter((c) => c.status >= 500 || c.status === 0).map((c) => `${c.route} ${c.status || c.error}`)).toEqual([]);
    expect(api.unexpected, api.describeUnexpected()).toEqual([]);
    expect(races.runs, "accept races ran").toBeGreaterThan(5);
    expect(races.won).toBe(races.runs);
    expect(races.lost).toBe(races.runs * (RACERS.length - 1));
    expect(contention.conflicts, "shared claims were contended").toBeGreaterThan(0);
    expect(uploads.length).toBeGreaterThan(20);

    // --- every answered change is there, and only those ----------------------------------------
    const byClaim = new Map<string, Transition[]>();
    for (const t of transitions) byClaim.set(t.claimId, [...(byClaim.get(t.claimId) ?? []), t]);
    // (Problems are collected and asserted once: hundreds of items, one readable failure.)
    const lost: string[] = [];
    for (const claim of submitted) {
      const call = await api.call("reviewer", "GET", `/api/v1/claims/${claim.id}`, { allow: [200, 404] });
      if (call.status !== 200) {
        lost.push(`${claim.id}: answered 201, now ${call.status}`);
        continue;
      }
      const now = call.body as Claim;
      const changes = (byClaim.get(claim.id) ?? []).sort((a, b) => a.version - b.version);
      // Versions 2, 3, … n: one per successful transition, none twice (no lost or doubled update).
      const versions = changes.map((t) => t.version).join(",");
      if (versions !== changes.map((_, i) => i + 2).join(",")) lost.push(`${claim.id}: successful transitions made versions ${versions}`);
      if (now.version !== 1 + changes.length) lost.push(`${claim.id}: version ${now.version} after ${changes.length} successful transitions`);
      const expectedState = changes.length ? changes[changes.length - 1].state : "triage";
      if (now.state !== expectedState) lost.push(`${claim.id}: ${now.state}, the last successful transition made it ${expectedState}`);
    }
    expect(lost, "lost or doubled updates").toEqual([]);

    // --- one audit event per change; no fork, no gap -----------------------------------------
    // The verifier and the API read one chain (derivation jobs may have appended since).
    const { log } = await expectWholeChain(api);
    const during = log.filter((e) => e.seq > before.events);
    const ofType = (type: string) => during.filter((e) => e.type === type);
    const submittedDuring = submitted.slice(openClaims.length + hot.length);
    const transitionsDuring = transitions.slice(openClaims.length);
    expect(ofType("claim.submitted").map((e) => e.entity.id).sort()).toEqual(submittedDuring.map((c) => c.id).sort());
    expect(ofType("claim.transitioned").length).toBe(transitionsDuring.length);
    expect(ofType("evidence.added").map((e) => e.entity.id).sort()).toEqual(uploads.map((u) => u.id).sort());
    expect(ofType("evidence.downloaded").length).toBe(downloads);
    // Background work on the new items may add its own events; nothing else writes.
    const others = during.filter((e) => !["claim.submitted", "claim.transitioned", "evidence.added", "evidence.downloaded"].includes(e.type));
    const uploaded = new Set(uploads.map((u) => u.id));
    expect(others.filter((e) => e.type !== "evidence.derived" || !uploaded.has(e.entity.id)).map((e) => `${e.seq} ${e.type} ${e.entity.id}`)).toEqual([]);
    // Each transition's event names its claim, action and the version it made.
    const eventKeys = (events: AuditEvent[]) => events.map((e) => `${e.entity.id} ${String(e.data.action)} v${String(e.data.version)} → ${String(e.data.to)}`).sort();
    expect(eventKeys(log.filter((e) => e.type === "claim.transitioned" && byClaim.has(e.entity.id)))).toEqual(
      transitions.map((t) => `${t.claimId} ${t.action} v${t.version} → ${t.state}`).sort(),
    );

    // --- every evidence row has its bytes, under its hash ------------------------------------
    for (const claim of openClaims) {
      const call = await api.call("reviewer", "GET", `/api/v1/claims/${claim.id}/evidence`);
      expect(call.status).toBe(200);
      const listed = (call.body as { items: { id: string; sha256: string }[] }).items;
      expect(listed.map((e) => e.id).sort()).toEqual(uploads.filter((u) => u.claimId === claim.id).map((u) => u.id).sort());
    }
    const unreadable: string[] = [];
    for (const item of uploads) {
      const call = await api.call("reviewer", "GET", `/api/v1/evidence/${item.id}/content`, { raw: true });
      if (call.status !== 200 || sha256(call.body as Buffer) !== item.sha256) unreadable.push(`${item.id}: ${call.status}`);
    }
    expect(unreadable, "evidence rows whose bytes are not stored under their hash").toEqual([]);

    // --- the queue's counts (kept by a trigger under the same load) equal the claims --------
    const queue = await api.call("reviewer", "GET", "/api/v1/claims?limit=1");
    const counts = (queue.body as { counts: Record<string, number> }).counts;
    for (const [state, n] of Object.entries(counts)) {
      let seen = 0;
      let cursor: string | null = null;
      do {
        const page = await api.call("reviewer", "GET", `/api/v1/claims?state=${state}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        const body = page.body as { items: unknown[]; nextCursor: string | null };
        seen += body.items.length;
        cursor = body.nextCursor;
      } while (cursor);
      expect(n, `count of ${state}`).toBe(seen);
    }
    expect((await verifyChain(api)).ok).toBe(true);
    expect(api.unexpected, api.describeUnexpected()).toEqual([]);
  } finally {
    await server?.stop().catch(() => {});
    removeDataDir(dataDir);
    await database.drop();
  }
});
