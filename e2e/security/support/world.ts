import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type APIRequestContext, type APIResponse, expect, request as playwrightRequest } from "@playwright/test";
import { auditHead, describeEvent, expectWholeChainVerifies, type ListedEvent, type RequestSpan, spansOf } from "../../support/audit-head";
import { cliCommand } from "../../support/cli";
import { DEMO_PASSWORD, PEOPLE, signIn } from "../../support/fixtures";
import { countingRequests, fetchAnswer, type HttpClient, requestsSent } from "../../support/http";
import { makeImage, makeWav } from "../../support/media";
import { test as base, keptForTheWorker, newDataDir, removeDataDir, startServer, type TestServer } from "../../support/server";
import type { Role } from "@/lib/vocabulary";
import { startTestTsa, type TestTsa } from "@/lib/test/tsa";

/**
 * The permission matrix's world: a production server of its own whose data folder was prepared
 * with a second submitter (through the admin command line, before the server opened it), and a
 * workspace built through the API as each person would: two submitters' unpublished claims with
 * an image, a person, a figure and an assessment each, a published claim, sources, and an
 * unfinished resumable upload. Shared by the matrix's spec files (a worker fixture).
 */

const SUBMITTER2 = { email: "submitter2@perms.test", name: "Sami (second researcher)", password: "perms-matrix-password-2" };

/** Who knocks: nobody, a forged credential, and one person of each role (two submitters). */
export const ACTORS = ["anonymous", "forged", "submitter", "submitter2", "reviewer", "editor", "admin"] as const;
export type ActorKey = (typeof ACTORS)[number];

export const ROLE_OF: Record<ActorKey, Role | null> = {
  anonymous: null,
  forged: null,
  submitter: "submitter",
  submitter2: "submitter",
  reviewer: "reviewer",
  editor: "editor",
  admin: "admin",
};

const EMAIL_OF: Partial<Record<ActorKey | "editor2", string>> = {
  submitter: PEOPLE.submitter.email,
  submitter2: SUBMITTER2.email,
  reviewer: PEOPLE.reviewer.email,
  editor: PEOPLE.editor.email,
  editor2: PEOPLE.editor2.email,
  admin: PEOPLE.admin.email,
};

export type Owner = "submitter" | "submitter2";

export type ClaimFixture = {
  key: "mine" | "theirs" | "published";
  id: string;
  title: string;
  owner: Owner;
  published: boolean;
  slug: string | null;
  item: { id: string; thumbnailId: string; sha256: string };
  person: { id: string; linkId: string; name: string };
  figure: { id: string; scopePlace: string };
  /** A comment its owner wrote on it: only they edit it; they or an editor delete it. */
  comment: { id: string };
  /** A sound recording its owner added, with a time-coded note the reviewer wrote on it (notes are the reviewing team's). */
  timed: { id: string; noteId: string };
};

export type World = {
  base: string;
  dataDir: string;
  server: TestServer;
  api: APIRequestContext;
  /** The same server for `fetchAnswer` (each cell's snapshots), with `api`'s default timeout. */
  http: HttpClient;
  tokens: Record<ActorKey | "editor2", string | null>;
  /** A request context per actor carrying its session cookie (none for anonymous, a forged one for forged). */
  sessions: Record<ActorKey, APIRequestContext>;
  userIds: { submitter: string; submitter2: string };
  /** A second token of the second submitter, used by no request: the one the matrix revokes. */
  spareTokenId: string;
  claims: { mine: ClaimFixture; theirs: ClaimFixture; published: ClaimFixture };
  sources: { main: string; other: string };
  /** A resumable upload the submitter started on their own claim and never finished. */
  upload: { id: string; location: string };
  /** The image bytes of the submitter's item (an exact duplicate planted elsewhere finds it). */
  mineImage: Buffer;
  /** The reviewer's saved views of the queue: one personal (theirs alone to see), one shared with the team. */
  views: { personal: string; shared: string };
  /** Time-stamps the world's authority gave: a seal's (public) and an evidence item's (an admin's to read). */
  stamps: { seal: string; evidence: string };
  /** The world's own time-stamping authority (a real one, on loopback: lib/test/tsa.ts). */
  tsa: TestTsa;
  /** The reviewer's incident, with the submitter's claim linked, its person recorded as a victim, and an attribution. */
  incident: { id: string; recordId: string; attributionId: string };
  /** An incident of the published claim, published by the editor: its public address. */
  publicIncident: { id: string; slug: string };
};

export const RANDOM_ID = "3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6f";
export const MALFORMED_ID = "not-a-uuid";

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${randomBytes(3).toString("hex")}`;
}

/** A name the matching engine reads as a name (dictionary words), distinct per call. */
const GIVEN = ["Zuhair", "Marwan", "Tariq", "Bashar", "Nizar", "Fadi", "Ghassan", "Hisham", "Kamal", "Rami", "Samir", "Walid"];
const FAMILY = ["Qabbani", "Dabbagh", "Haddad", "Khoury", "Nassar", "Sabbagh", "Tannous", "Zaher", "Maalouf", "Halabi", "Jaber", "Shami"];
export function personName(): string {
  counter += 1;
  const g = GIVEN[counter % GIVEN.length];
  const f = FAMILY[(counter * 7) % FAMILY.length];
  return `${g} ${f} ${unique("Perms")}`;
}

export function authHeader(world: World, actor: ActorKey | "editor2"): Record<string, string> {
  const token = world.tokens[actor];
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function adminCli(dataDir: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "0", LOG_LEVEL: "error" };
  delete env.DATABASE_URL;
  // `npm run admin`'s entry, bundled once a worker rather than transformed by tsx at every start (e2e/support/cli.ts).
  const result = spawnSync(process.execPath, cliCommand("admin", args), {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm run admin -- ${args[0]} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

async function ok<T>(response: APIResponse, what: string, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Poll an evidence item until none of its derivations is pending (their audit events are written). */
export async function settleEvidence(world: Pick<World, "api" | "tokens">, id: string) {
  let item: { processing: Record<string, string>; derivatives: { id: string; kind: string }[]; sha256: string; version: number } | undefined;
  await expect
    .poll(
      async () => {
        const response = await world.api.get(`/api/v1/evidence/${id}`, { headers: { Authorization: `Bearer ${world.tokens.reviewer}` } });
        item = await ok(response, "read evidence");
        return Object.values(item!.processing).includes("pending");
      },
      { timeout: 90_000, intervals: [200, 500, 1000] },
    )
    .toBe(false);
  return item!;
}

/** An API context of its own, signed in: it keeps the session cookie. */
async function sessionOf(base: string, email: string, password: string): Promise<APIRequestContext> {
  const context = countingRequests(await playwrightRequest.newContext({ baseURL: base }), base);
  await signIn(context, email, password);
  return context;
}

async function buildWorld(tsa: TestTsa): Promise<World> {
  const dataDir = newDataDir();
  // The second submitter exists before the server (and the demo seed) ever opens the folder.
  const created = adminCli(dataDir, "create-user", "--email", SUBMITTER2.email, "--name", SUBMITTER2.name, "--role", "submitter", "--password", SUBMITTER2.password);
  const submitter2Id = /\(([0-9a-f-]{36})\)/.exec(created)![1];
  const submitter2Token = adminCli(dataDir, "create-token", "--email", SUBMITTER2.email, "--label", "permission matrix");
  adminCli(dataDir, "create-token", "--email", SUBMITTER2.email, "--label", "permission matrix spare");
  // The server stamps with an authority of the world's own, so the time-stamps' doors have tokens to give.
  const server = keptForTheWorker(await startServer(dataDir, { TSA_URL: tsa.url, TSA_CA_FILE: tsa.caFile }));
  const base = server.base;
  const api = countingRequests(await playwrightRequest.newContext({ baseURL: base }), base);
  const tokens: World["tokens"] = {
    anonymous: null,
    // Well-formed, never issued.
    forged: `cbr_${randomBytes(32).toString("base64url")}`,
    submitter: server.tokens[EMAIL_OF.submitter!],
    submitter2: submitter2Token,
    reviewer: server.tokens[EMAIL_OF.reviewer!],
    editor: server.tokens[EMAIL_OF.editor!],
    editor2: server.tokens[EMAIL_OF.editor2!],
    admin: server.tokens[EMAIL_OF.admin!],
  };
  const as = (actor: ActorKey | "editor2") => ({ Authorization: `Bearer ${tokens[actor]}` });
  const partial = { api, tokens };

  const source = async (name: string) =>
    (await ok<{ id: string }>(await api.post("/api/v1/sources", { headers: as("reviewer"), data: { name, kind: "outlet", reliability: "C" } }), "source", 201)).id;
  const sources = { main: await source(unique("Matrix outlet ")), other: await source(unique("Matrix wire ")) };

  type ApiClaim = { id: string; title: string; version: number; state: string; submitter: { id: string }; publicSlug?: string | null };
  const submit = async (owner: Owner, title: string) =>
    ok<ApiClaim>(await api.post("/api/v1/claims", { headers: as(owner), data: { kind: "image", title, summary: `${title}: made for the permission matrix.`, language: "en" } }), "submit", 201);
  const transition = async (actor: ActorKey | "editor2", claim: ApiClaim, body: Record<string, unknown>) =>
    ok<ApiClaim>(await api.post(`/api/v1/claims/${claim.id}/transitions`, { headers: as(actor), data: { version: claim.version, ...body } }), `transition ${String(body.action)}`);
  const uploadImage = async (actor: ActorKey, claimId: string, seed: number) => {
    const buffer = await makeImage(seed);
    const added = await ok<{ id: string }>(
      await api.post(`/api/v1/claims/${claimId}/evidence`, { headers: as(actor), multipart: { file: { name: `${unique("scene")}.jpg`, mimeType: "image/jpeg", buffer } } }),
      "upload",
      201,
    );
    const item = await settleEvidence(partial, added.id);
    const thumbnail = item.derivatives.find((d) => d.kind === "thumbnail");
    expect(thumbnail, `a thumbnail of ${added.id}`).toBeTruthy();
    return { item: { id: added.id, thumbnailId: thumbnail!.id, sha256: item.sha256, version: item.version }, buffer };
  };
  const addPerson = async (actor: ActorKey, claimId: string, role: string) => {
    const name = personName();
    const link = await ok<{ linkId: string; person: { id: string } }>(
      await api.post(`/api/v1/claims/${claimId}/persons`, { headers: as(actor), data: { role, names: [name] } }),
      "add person",
      201,
    );
    return { id: link.person.id, linkId: link.linkId, name };
  };
  const addFigure = async (actor: ActorKey, claimId: string) => {
    const scopePlace = unique("Matrix village ");
    const figure = await ok<{ id: string }>(
      await api.post(`/api/v1/claims/${claimId}/figures`, { headers: as(actor), data: { measure: "killed", value: 7, scopePlace, asOf: "2025-03-10", sourceId: sources.main } }),
      "record figure",
      201,
    );
    return { id: figure.id, scopePlace };
  };
  const addComment = async (actor: ActorKey, claimId: string) => {
    const comment = await ok<{ id: string }>(
      await api.post(`/api/v1/claims/${claimId}/comments`, { headers: as(actor), data: { body: unique("Matrix comment ") } }),
      "comment",
      201,
    );
    return { id: comment.id };
  };
  // A recording (which takes time-coded notes), settled, with the reviewer's note on it; reviewed for sensitivity when asked (publication wants it).
  const addTimed = async (actor: ActorKey, claimId: string, { review = false } = {}) => {
    const added = await ok<{ id: string }>(
      await api.post(`/api/v1/claims/${claimId}/evidence`, { headers: as(actor), multipart: { file: { name: `${unique("recording")}.wav`, mimeType: "audio/wav", buffer: makeWav(2, (seed += 1)) } } }),
      "upload a recording",
      201,
    );
    const item = await settleEvidence(partial, added.id);
    if (review) {
      await ok(await api.patch(`/api/v1/evidence/${added.id}`, { headers: as("reviewer"), data: { isGraphic: false, hasPersonalData: false, version: item.version } }), "review the recording");
    }
    const note = await ok<{ id: string }>(
      await api.post(`/api/v1/evidence/${added.id}/notes`, { headers: as("reviewer"), data: { startMs: 500, endMs: 1500, body: unique("Matrix note ") } }),
      "note on the recording",
      201,
    );
    return { id: added.id, noteId: note.id };
  };
  const assess = async (claimId: string, evidenceId: string) =>
    ok(await api.post(`/api/v1/claims/${claimId}/assessments`, { headers: as("reviewer"), data: { evidenceId, stance: "supports", credibility: 2, note: unique("Matrix note ") } }), "assess", 201);

  let seed = 9100;
  const unpublished = async (key: "mine" | "theirs", owner: Owner) => {
    let claim = await submit(owner, unique(`Matrix ${key} claim `));
    claim = await transition("reviewer", claim, { action: "accept" });
    const { item, buffer } = await uploadImage(owner, claim.id, (seed += 1));
    const person = await addPerson(owner, claim.id, "witness");
    const figure = await addFigure(owner, claim.id);
    await assess(claim.id, item.id);
    const comment = await addComment(owner, claim.id);
    const timed = await addTimed(owner, claim.id);
    const fixture: ClaimFixture = { key, id: claim.id, title: claim.title, owner, published: false, slug: null, item, person, figure, comment, timed };
    return { fixture, buffer, submitterId: claim.submitter.id };
  };
  const mine = await unpublished("mine", "submitter");
  const theirs = await unpublished("theirs", "submitter2");
  expect(theirs.submitterId).toBe(submitter2Id);

  // Published: the submitter's claim, taken through review by the reviewer and published by editor2.
  let claim = await submit("submitter", unique("Matrix published claim "));
  claim = await transition("reviewer", claim, { action: "accept" });
  const { item } = await uploadImage("reviewer", claim.id, (seed += 1));
  const reviewed = await ok<{ version: number }>(
    await api.patch(`/api/v1/evidence/${item.id}`, { headers: as("reviewer"), data: { isGraphic: false, hasPersonalData: false, version: item.version } }),
    "sensitivity review",
  );
  expect(reviewed.version).toBeGreaterThan(item.version);
  const person = await addPerson("submitter", claim.id, "victim");
  const figure = await addFigure("submitter", claim.id);
  await assess(claim.id, item.id);
  const timed = await addTimed("submitter", claim.id, { review: true });
  claim = await ok<ApiClaim>(await api.get(`/api/v1/claims/${claim.id}`, { headers: as("reviewer") }), "re-read");
  claim = await transition("reviewer", claim, { action: "send_to_review", grade: "probable", rationale: unique("Matrix rationale ") });
  claim = await transition("editor2", claim, { action: "publish" });
  expect(claim.state).toBe("published");
  const comment = await addComment("submitter", claim.id);
  const published: ClaimFixture = { key: "published", id: claim.id, title: claim.title, owner: "submitter", published: true, slug: claim.publicSlug ?? null, item, person, figure, comment, timed };

  // An unfinished resumable upload of the submitter's, on their own claim.
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const created201 = await api.post("/api/v1/uploads", {
    headers: { ...as("submitter"), "Tus-Resumable": "1.0.0", "Upload-Length": "1000", "Upload-Metadata": `claimId ${b64(mine.fixture.id)},filename ${b64("unfinished.txt")}` },
  });
  expect(created201.status(), await created201.text()).toBe(201);
  const location = created201.headers()["location"];
  const uploadId = location.split("/").pop()!;

  const sessions = {} as Record<ActorKey, APIRequestContext>;
  sessions.anonymous = countingRequests(await playwrightRequest.newContext({ baseURL: base }), base);
  sessions.forged = countingRequests(await playwrightRequest.newContext({
    baseURL: base,
    storageState: {
      cookies: [{ name: "authjs.session-token", value: randomBytes(120).toString("base64url"), domain: new URL(base).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }],
      origins: [],
    },
  }), base);
  for (const actor of ["submitter", "reviewer", "editor", "admin"] as const) sessions[actor] = await sessionOf(base, EMAIL_OF[actor]!, DEMO_PASSWORD);
  sessions.submitter2 = await sessionOf(base, SUBMITTER2.email, SUBMITTER2.password);

  const incident = await makeIncident(api, as("reviewer"), { claimId: mine.fixture.id, personId: mine.fixture.person.id, sourceId: sources.main });
  const toPublish = await makeIncident(api, as("reviewer"), { claimId: published.id, personId: published.person.id, sourceId: sources.main });
  const publicIncident = {
    id: toPublish.id,
    slug: (await ok<{ slug: string }>(await api.post(`/api/v1/incidents/${toPublish.id}/publish`, { headers: as("editor"), data: { version: toPublish.version } }), "incident published", 200)).slug,
  };

  const view = async (name: string, shared: boolean) =>
    (await ok<{ id: string }>(await api.post("/api/v1/views", { headers: as("reviewer"), data: { name, filters: { state: "triage", order: "waiting" }, shared } }), `the view ${name}`, 201)).id;
  const views = { personal: await view("The reviewer's own view", false), shared: await view("The team's view", true) };

  // The worker stamps the seals at once and the items it sees on its next pass (every 15 s).
  let stamps: World["stamps"] | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await ok<{ items: { id: string; subject: string }[] }>(await api.get("/api/v1/time-stamps?limit=100", { headers: as("admin") }), "the time-stamps");
        const seal = items.find((s) => s.subject === "event");
        const evidence = items.find((s) => s.subject === "evidence");
        stamps = seal && evidence ? { seal: seal.id, evidence: evidence.id } : undefined;
        return !!stamps;
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);

  return {
    base,
    dataDir,
    server,
    api,
    http: { base, timeout: 30_000 },
    tokens,
    sessions,
    userIds: { submitter: mine.submitterId, submitter2: submitter2Id },
    spareTokenId: (
      await ok<{ tokens: { id: string; label: string }[] }>(await api.get(`/api/v1/users/${submitter2Id}`, { headers: as("admin") }), "the second submitter", 200)
    ).tokens.find((t) => t.label === "permission matrix spare")!.id,
    claims: { mine: mine.fixture, theirs: theirs.fixture, published },
    sources,
    upload: { id: uploadId, location: new URL(location, base).pathname },
    mineImage: mine.buffer,
    views,
    stamps: stamps!,
    tsa,
    incident,
    publicIncident,
  };
}

type IncidentAnswer = { id: string; version: number; casualties: { id: string }[]; attributions: { id: string }[] };

/**
 * A new incident of the reviewer's, with what the matrix's cells act on: a claim linked, that
 * claim's person recorded as a victim, an attribution to a source. For the world, and for cells
 * that really unlink, remove or withdraw.
 */
export async function makeIncident(api: APIRequestContext, headers: Record<string, string>, links: { claimId: string; personId: string; sourceId: string }) {
  const base = `/api/v1/incidents`;
  const made = await ok<IncidentAnswer>(
    await api.post(base, {
      headers,
      data: { title: unique("Matrix incident "), language: "en", type: "killing", placeName: "Baniyas", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-08", datePrecision: "day" },
    }),
    "incident",
    201,
  );
  await ok(await api.post(`${base}/${made.id}/claims`, { headers, data: { claimId: links.claimId } }), "incident claim", 201);
  const recorded = await ok<IncidentAnswer>(await api.post(`${base}/${made.id}/casualties`, { headers, data: { personId: links.personId, cause: "shot" } }), "casualty", 201);
  const attributed = await ok<IncidentAnswer>(
    await api.post(`${base}/${made.id}/attributions`, { headers, data: { perpetrator: "Matrix group", grade: "probable", rationale: "Matrix.", sourceIds: [links.sourceId] } }),
    "attribution",
    201,
  );
  return { id: made.id, version: attributed.version, recordId: recorded.casualties[0].id, attributionId: attributed.attributions[0].id };
}

/** Every file under a folder of the data directory (the blob store, tus uploads): nothing denied may add one. */
export function fileCount(world: World, folder: string): number {
  const dir = path.join(world.dataDir, folder);
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const adminHeaders = (world: World) => ({ Authorization: `Bearer ${world.tokens.admin}` });

/** The state a denied request must leave as it was: the audit chain's head and length, files, and reads of the target. */
const lastSnapshots = new Map<string, { sent: number; lines: string[] }>();

/**
 * The audit head read last, and what has reached the server since that leaves it standing: reads
 * of targets (as the reviewer: a read appends no event) and refused cells (`afterRefused`), each
 * with the span of time its request took. While every request sent since the read is one of these
 * (`intact`: a count), the head read stands for the next "before", and one read settles every
 * refused cell of the run: the log is only ever appended to, so a head still the same is no event
 * from any of them. An event that did appear carries the time the server wrote it (the same
 * clock: the server runs on this machine), which falls in the span of the cell that wrote it, and
 * the cell is named (`settleRefused`). Forgotten at each test's start, as the snapshots are.
 */
type Run = { line: string; sent: number; counted: number; cells: RequestSpan[] };
const runs = new WeakMap<World, Run>();
/** What a read of the head found against the refused cells it settled, for the spec to list (`settleRefused`). */
const unreported = new WeakMap<World, string[]>();

/** Whether every request sent since the run's head was read is one of its own. */
const intact = (world: World, run: Run) => requestsSent(world.base) === run.sent + run.counted;

const headLine = (head: { seq: number; hash: string }) => `audit chain: ${head.seq} events, head ${head.hash}`;

/** Reads the audit head (every event since the last read is checked, `auditHead`); it settles the refused cells of the run it ends. */
async function readHead(world: World): Promise<string> {
  const run = runs.get(world);
  const onlyRun = run ? intact(world, run) : true;
  const appended: ListedEvent[] = [];
  const line = headLine(await auditHead(world.http, adminHeaders(world), (event) => appended.push(event)));
  runs.set(world, { line, sent: requestsSent(world.base), counted: 0, cells: [] });
  if (run?.cells.length && line !== run.line) {
    const during = (event: ListedEvent) => spansOf(event, run.cells);
    const listed = (events: ListedEvent[]) => events.map(describeEvent).join(", ");
    const note = onlyRun ? "" : " (a request other than the run's refused cells and reads was sent before this read)";
    const problems = [...new Set(appended.flatMap(during))].map((c) => `${c.what} but changed: ${run.line} ⇒ ${line}: ${listed(appended.filter((event) => during(event).includes(c)))}${note}`);
    // An event in no cell's span was written between them (by a request that was not counted): the last few cells give the place.
    const stray = appended.filter((event) => !during(event).length);
    if (stray.length) problems.push(`refused cells up to ${run.cells.slice(-3).map((c) => c.what).join("; ")}, or a request between them, but changed: ${run.line} ⇒ ${line}: ${listed(stray)}${note}`);
    unreported.set(world, [...(unreported.get(world) ?? []), ...problems]);
  }
  return line;
}

/** The reads of a target, as lines; they are the run's own when it is intact. */
async function readTargets(world: World, reads: string[]): Promise<string[]> {
  const run = runs.get(world);
  const own = run && intact(world, run);
  const lines: string[] = [];
  for (const url of reads) {
    const read = await fetchAnswer(world.http, url, { headers: authHeader(world, "reviewer") });
    lines.push(`${url} → ${read.status} ${read.text}`);
  }
  if (own) run.counted += reads.length;
  return lines;
}

const fileLines = (world: World) => [`blob files: ${fileCount(world, "blobs")}`, `upload files: ${fileCount(world, "tus")}`];

/**
 * What a refused request must leave as it was: the audit head, the stored files, and what `reads`
 * answer. `reuse`, only ever for a "before": the last snapshot of the same reads stands when this
 * process has sent the server no request since (`requestsSent`; the world's request contexts are
 * counted), as when a refused cell follows another; and the head read last stands while only reads
 * and refused cells have reached the server since (`Run`), so a new target costs its reads alone.
 * A snapshot taken too early can make a check fail, never pass (a change the reuse missed shows as
 * a difference). Without `reuse` the head is read now. Forgotten at each test's start: a browser's
 * requests are not counted.
 */
export async function snapshot(world: World, reads: string[], { reuse = false } = {}): Promise<string[]> {
  const last = lastSnapshots.get(reads.join("\n"));
  if (reuse && last && last.sent === requestsSent(world.base) && isDeepStrictEqual(last.lines.slice(1, 3), fileLines(world))) return last.lines;
  const run = runs.get(world);
  return recordSnapshot(world, reads, reuse && run && intact(world, run) ? run.line : await readHead(world));
}

/** A snapshot with this head line: the files and the target's reads now, kept for `reuse`. */
async function recordSnapshot(world: World, reads: string[], headLine: string): Promise<string[]> {
  const lines = [headLine, ...fileLines(world), ...(await readTargets(world, reads))];
  lastSnapshots.set(reads.join("\n"), { sent: requestsSent(world.base), lines });
  return lines;
}

/**
 * The "after" of a refused cell whose one request was sent at `sentAt` and answered: what changed
 * since `before`. The files and the target's reads are looked at now; the audit head at the next
 * read, which settles every refused cell of the run (`Run`): a refused cell costs its request and
 * its reads, not a read of the head besides. When its head is not the run's, or a request besides
 * the cell's own was sent, the head is read now. Whatever may write must `settleRefused` first, or
 * its own event would be taken for a cell's.
 */
export async function afterRefused(world: World, reads: string[], before: string[], what: string, sentAt: number): Promise<string[]> {
  const cell = { what, from: sentAt, to: Date.now() };
  const run = runs.get(world);
  if (!run || before[0] !== run.line || requestsSent(world.base) !== run.sent + run.counted + 1) return differences(before, await snapshot(world, reads));
  run.counted += 1;
  run.cells.push(cell);
  return differences(before, await recordSnapshot(world, reads, run.line));
}

/**
 * Reads the audit head when refused cells await it (`afterRefused`): before anything that may
 * write (a fresh target, a cell that is let through) and at the test's end. Gives what the reads
 * found against them (each line names its cell), for the test's list of wrong cells.
 */
export async function settleRefused(world: World): Promise<string[]> {
  if (runs.get(world)?.cells.length) await readHead(world);
  const problems = unreported.get(world) ?? [];
  unreported.delete(world);
  return problems;
}

/** What changed between two snapshots, as readable lines (empty when nothing did). */
export function differences(before: string[], after: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] !== after[i]) out.push(`changed: ${(before[i] ?? "").slice(0, 160)} ⇒ ${(after[i] ?? "").slice(0, 160)}`);
  }
  return out;
}

const chainChecked = new WeakSet<World>();

export const test = base.extend<{ chainVerified: void }, { world: World }>({
  // After every test: the audit chain verifies up to its head (the events written since the last
  // check are read, linked and hashed: snapshots read only the head), and no refused cell is left
  // unsettled. A head read with no request sent since stands (the spec's own last settle): the
  // chain is verified up to it, and any later event is checked by the next read. The server's own
  // verifier walks the whole stored chain once, before the world's server stops.
  chainVerified: [
    async ({ world }, use) => {
      lastSnapshots.clear();
      runs.delete(world);
      unreported.delete(world);
      await use();
      chainChecked.add(world);
      const problems = await settleRefused(world);
      const run = runs.get(world);
      if (!run || !intact(world, run)) await readHead(world);
      if (problems.length) throw new Error(`refused cells that wrote to the audit log:\n${problems.join("\n")}`);
    },
    { auto: true },
  ],
  world: [
    async ({}, use) => {
      // Closed however the world ends, a failed build included: its folder is one of the run's.
      const tsa = await startTestTsa();
      try {
        const world = await buildWorld(tsa);
        try {
          await use(world);
          if (chainChecked.has(world)) await expectWholeChainVerifies(world.http, adminHeaders(world));
        } finally {
          for (const context of [world.api, ...Object.values(world.sessions)]) await context.dispose();
          await world.server.stop();
          removeDataDir(world.dataDir);
        }
      } finally {
        await tsa.close();
      }
    },
    { scope: "worker", timeout: 300_000 },
  ],
});

export { expect };
