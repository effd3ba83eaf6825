import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { auditEvents, evidence, type Job, jobs, timeStamps } from "@/db/schema";
import { drainJobs, type JobHandler } from "@/lib/jobs/worker";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { publishCorrectRetract } from "@/lib/test/export-fixture";
import { makeActor } from "@/lib/test/fixtures";
import { deadTsaUrl, opensslVerifies, startTestTsa, type TestTsa } from "@/lib/test/tsa";
import { useTestWorld } from "@/lib/test/world";
import { timeStampResponseOf } from "@/lib/verifier/verify.mjs";
import type { TimeStampConfig } from "./config";
import { timeStampJobHandlers, TIME_STAMP_JOB_KINDS } from "./jobs";
import { latestChainStamp, listPublicTimeStamps, listTimeStamps, readPublicTimeStampReply, readTimeStampReply, readTimeStampStatus } from "./read-stamps";
import { requestTimeStamp } from "./request-token";
import { scheduleTimeStamps } from "./schedule";

let tsa: TestTsa;
let otherTsa: TestTsa;
beforeAll(async () => {
  [tsa, otherTsa] = await Promise.all([startTestTsa(), startTestTsa({ keyType: "rsa", name: "Another" })]);
});
afterAll(async () => {
  await Promise.all([tsa?.close(), otherTsa?.close()]);
});

const configOf = (url: string | null, caFile: string | null = null): TimeStampConfig => ({ url, intervalMinutes: 10, caFile });
const imprintOf = (text: string) => createHash("sha256").update(text).digest("hex");
const stampKinds = Object.values(TIME_STAMP_JOB_KINDS);

/** Derivations of the fixtures' items are not what these tests are about: done without being made. */
const SKIP: JobHandler = { run: async () => {}, onGiveUp: async () => {} };

/** Run every due stamp job once (those that fail wait for their backoff); answers how many stamp jobs ran. */
async function drainStampJobs(db: Db, config: TimeStampConfig) {
  const handlers = timeStampJobHandlers(config);
  let ran = 0;
  const counted = Object.fromEntries(Object.entries(handlers).map(([kind, h]) => [kind, { ...h, run: (d: Db, j: Job) => ((ran += 1), h.run(d, j)) }]));
  await drainJobs(db, { ...counted, "*": SKIP });
  return ran;
}

async function storedStamps(db: Db) {
  return db.select().from(timeStamps).orderBy(timeStamps.createdAt);
}

async function stampJobs(db: Db) {
  return db.select().from(jobs).where(inArray(jobs.kind, stampKinds));
}

describe("asking an authority for a token", () => {
  it("keeps a granted token only once it is checked: the hash asked, the nonce sent, the signature, the authority's certificates", async () => {
    const imprint = imprintOf("a page");
    const granted = await requestTimeStamp(configOf(tsa.url, tsa.caFile), imprint);
    expect(granted.tsaUrl).toBe(tsa.url);
    expect(granted.serial).toMatch(/^0x[0-9a-f]+$/);
    expect(Math.abs(granted.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await opensslVerifies(timeStampResponseOf(granted.token), imprint, tsa)).ok).toBe(true);
    // The same token does not stamp other data.
    expect((await opensslVerifies(timeStampResponseOf(granted.token), imprintOf("another page"), tsa)).ok).toBe(false);
  });

  it("refuses, in words an admin can act on, an authority that is down, silent, failing, refusing or answering garbage, another hash, another nonce or another's certificate", async () => {
    const imprint = imprintOf("refused");
    const attempt = (config: TimeStampConfig, options?: { timeoutMs: number }) => requestTimeStamp(config, imprint, options);
    await expect(attempt(configOf(null))).rejects.toThrow("TSA_URL is not set: nothing is stamped");
    await expect(attempt(configOf(await deadTsaUrl()))).rejects.toThrow(/cannot be reached: .*ECONNREFUSED/);
    const cases: [TestTsa["state"]["answer"], RegExp][] = [
      ["garbage", /answered something that is not a time-stamp response/],
      ["http-500", /answered HTTP 500/],
      ["reject", /refused the request: rejection \(the service is closed for maintenance\)/],
      ["other-data", /answered a token that fails its check: imprint: the token stamps [0-9a-f]{64}, not [0-9a-f]{64}/],
      ["wrong-nonce", /answered a token that fails its check: nonce: the token answers nonce \d+, not the \d+ asked/],
    ];
    try {
      for (const [answer, message] of cases) {
        tsa.state.answer = answer;
        await expect(attempt(configOf(tsa.url)), answer).rejects.toThrow(message);
      }
      tsa.state.answer = "hang";
      await expect(attempt(configOf(tsa.url), { timeoutMs: 300 })).rejects.toThrow("cannot be reached: no answer within 0.3 s");
    } finally {
      tsa.state.answer = "ok";
    }
    // A token of another authority than TSA_CA_FILE's is refused; without the file it is taken.
    await expect(attempt(configOf(otherTsa.url, tsa.caFile))).rejects.toThrow(/chain: the signer's certificate does not chain to the time-stamping authority's certificates/);
    await expect(attempt(configOf(otherTsa.url))).resolves.toMatchObject({ tsaUrl: otherTsa.url });
    await expect(attempt(configOf(tsa.url, "/nonexistent/ca.pem"))).rejects.toThrow("TSA_CA_FILE (/nonexistent/ca.pem) cannot be read");
  });

  it("sends a user and password in TSA_URL as Basic authentication, and keeps them and a key out of what it stores and says", async () => {
    const url = new URL(tsa.url);
    const granted = await requestTimeStamp(configOf(`http://user:s%40cret@${url.host}${url.pathname}?key=k3y`), imprintOf("label"));
    expect(granted.tsaUrl).toBe(tsa.url);
    expect(tsa.state.last).toEqual({ url: "/tsa?key=k3y", authorization: `Basic ${Buffer.from("user:s@cret").toString("base64")}` });
    const dead = new URL(await deadTsaUrl());
    const refused = await requestTimeStamp(configOf(`http://user:s3cret@${dead.host}/tsa?key=k3y`), imprintOf("label")).catch((error: Error) => error.message);
    expect(refused).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tsa cannot be reached/);
    expect(refused).not.toMatch(/s3cret|k3y/);
  });
});

describe.each(TEST_DRIVERS)("time-stamps on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin", "editor"] });

  it("stamps nothing without TSA_URL", async () => {
    const { db } = world;
    await publishCorrectRetract(db);
    expect(await scheduleTimeStamps(db, configOf(null))).toEqual({ events: 0, evidence: 0, chain: false });
    expect(await stampJobs(db)).toEqual([]);
    expect(await storedStamps(db)).toEqual([]);
    expect(await latestChainStamp(db)).toBeNull();
    expect(await readTimeStampStatus(db, world.admin)).toMatchObject({ configured: false, tsa: null, latestChain: null, waiting: 0, failures: [] });
  });

  it("stamps each seal, each new item's bytes and the chain's head, once; every token passes openssl ts -verify, and not for other data", async () => {
    const { db } = world;
    const config = configOf(tsa.url, tsa.caFile);
    // The first pass starts the evidence cursor at the head (items from now on are new) and queues
    // a stamp of the head; every seal from the chain's start is stamped (the test above published some).
    expect((await scheduleTimeStamps(db, config)).chain).toBe(true);
    const itemsBefore = new Set((await db.select({ id: evidence.id }).from(evidence)).map((i) => i.id));
    const { published } = await publishCorrectRetract(db);
    expect((await scheduleTimeStamps(db, config)).chain, "a chain stamp is waiting already").toBe(false);
    await drainStampJobs(db, config);

    const seals = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.type, "entry.sealed")).orderBy(auditEvents.seq);
    expect(seals).toHaveLength(10); // five versions a fixture: one publication, a correction, a retraction
    const stamps = await storedStamps(db);
    const bySubject = (subject: string) => stamps.filter((s) => s.subjectType === subject);
    expect(bySubject("event").map((s) => [s.seq, s.imprint]).sort()).toEqual(seals.map((s) => [s.seq, s.hash]).sort());

    const newItems = (await db.select({ id: evidence.id, sha256: evidence.blobSha256 }).from(evidence)).filter((i) => !itemsBefore.has(i.id));
    expect(newItems).toHaveLength(3);
    expect(bySubject("evidence").map((s) => [s.evidenceId, s.imprint]).sort()).toEqual(newItems.map((i) => [i.id, i.sha256]).sort());
    expect(bySubject("evidence").every((s) => s.seq === null)).toBe(true);

    const [head] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(sql`seq desc`).limit(1);
    expect(bySubject("chain").map((s) => [s.seq, s.imprint])).toEqual([[head.seq, head.hash]]);
    // Stamping wrote no audit event: the head is as it was.
    expect((await latestChainStamp(db))?.seq).toBe(head.seq);

    for (const stamp of stamps) {
      const reply = timeStampResponseOf(stamp.token);
      const verified = await opensslVerifies(reply, stamp.imprint, tsa);
      expect(verified.ok, `${stamp.subjectType} ${stamp.seq ?? stamp.imprint}: ${verified.output}`).toBe(true);
      expect(stamp.tsaUrl).toBe(tsa.url);
      expect(stamp.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const [first] = stamps;
    expect((await opensslVerifies(timeStampResponseOf(first.token), imprintOf("other data"), tsa)).ok).toBe(false);

    // Once: nothing new is queued or stamped on the next passes.
    const count = stamps.length;
    expect(await scheduleTimeStamps(db, config)).toEqual({ events: 0, evidence: 0, chain: false });
    await drainStampJobs(db, config);
    expect(await storedStamps(db)).toHaveLength(count);
    // The chain grows: its head is stamped again once the interval has passed, not before.
    await makeActor(db, "reviewer");
    expect((await scheduleTimeStamps(db, config)).chain).toBe(false);
    expect((await scheduleTimeStamps(db, config, new Date(Date.now() + 11 * 60_000))).chain).toBe(true);
    expect((await scheduleTimeStamps(db, config, new Date(Date.now() + 11 * 60_000))).chain, "one waiting at a time").toBe(false);
    await drainStampJobs(db, config);
    expect((await storedStamps(db)).filter((s) => s.subjectType === "chain")).toHaveLength(2);

    // What the public reads: the chain's and the seals' stamps, never an item's.
    const listed = await listPublicTimeStamps(db, { limit: "100" });
    expect(listed.items.map((s) => s.subject).sort()).toEqual([...bySubject("event").map(() => "event"), "chain", "chain"].sort());
    expect(listed.items.every((s) => s.token === `/api/v1/public/time-stamps/${s.id}/token`)).toBe(true);
    const itemStamp = bySubject("evidence")[0];
    await expect(readPublicTimeStampReply(db, itemStamp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readPublicTimeStampReply(db, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const sealStamp = bySubject("event")[0];
    const reply = await readPublicTimeStampReply(db, sealStamp.id);
    expect(reply.filename).toBe(`event-${sealStamp.seq}.tsr`);
    expect((await opensslVerifies(reply.bytes, sealStamp.imprint, tsa)).ok).toBe(true);
    // Pages of the public list follow one another without a repeat.
    const firstPage = await listPublicTimeStamps(db, { limit: "5" });
    const secondPage = await listPublicTimeStamps(db, { limit: "5", cursor: firstPage.nextCursor! });
    expect(new Set([...firstPage.items, ...secondPage.items].map((s) => s.id)).size).toBe(10);
    expect(secondPage.items.map((s) => s.id)).toEqual(listed.items.slice(5, 10).map((s) => s.id));
    // An admin reads every stamp and its token, an item's too; nobody else does.
    expect((await readTimeStampReply(db, world.admin, itemStamp.id)).filename).toBe(`evidence-${itemStamp.imprint}.tsr`);
    await expect(readTimeStampReply(db, world.editor, itemStamp.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listTimeStamps(db, world.editor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listTimeStamps(db, world.admin, { limit: 100 })).items).toHaveLength(count + 1);
    expect(published.publicSlug).toBeTruthy();
  });

  it("leaves a stamp to be retried with backoff while the authority is down, writing nothing, and says why", async () => {
    const { db } = world;
    const down = configOf(await deadTsaUrl());
    await makeActor(db, "reviewer");
    const before = await storedStamps(db);
    expect((await scheduleTimeStamps(db, down, new Date(Date.now() + 60 * 60_000))).chain).toBe(true);
    expect(await drainStampJobs(db, down)).toBe(1);
    expect(await storedStamps(db)).toEqual(before);
    const [waiting] = (await stampJobs(db)).filter((j) => j.state === "pending");
    expect(waiting).toMatchObject({ kind: TIME_STAMP_JOB_KINDS.chain, attempts: 1, lastError: expect.stringMatching(/cannot be reached: .*ECONNREFUSED/) });
    expect(waiting.runAfter.getTime()).toBeGreaterThan(Date.now());
    // Not yet due again: the worker leaves it.
    expect(await drainStampJobs(db, down)).toBe(0);
    const status = await readTimeStampStatus(db, world.admin);
    expect(status.waiting).toBe(1);
    expect(status.failures).toEqual([expect.objectContaining({ subject: "chain", state: "waiting", attempts: 1, lastError: waiting.lastError, nextAttemptAt: waiting.runAfter.toISOString() })]);

    // The authority is back: the next try stamps the head, and the failure is gone.
    await db.update(jobs).set({ runAfter: new Date() }).where(eq(jobs.id, waiting.id));
    const up = configOf(tsa.url);
    expect(await drainStampJobs(db, up)).toBe(1);
    const [head] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(sql`seq desc`).limit(1);
    const [stamp] = await db.select().from(timeStamps).where(and(eq(timeStamps.subjectType, "chain"), eq(timeStamps.imprint, head.hash)));
    expect(stamp.seq).toBe(head.seq);
    expect((await opensslVerifies(timeStampResponseOf(stamp.token), head.hash, tsa)).ok).toBe(true);
    expect(await readTimeStampStatus(db, world.admin)).toMatchObject({ waiting: 0, failures: [], latestChain: { seq: head.seq, imprint: head.hash } });
  });
});
