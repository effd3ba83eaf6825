import type { APIRequestContext, APIResponse } from "@playwright/test";
import { KEEP_ALIVE_TIMEOUT_MS } from "@/lib/server/next-start";
import { type ApiClaim, attachAssessedItem, bearer, claimInput, uniqueWord } from "./support/api";
import { expect, PEOPLE, type Person, test, tokenOf } from "./support/fixtures";

/**
 * The REST API (its OpenAPI document: lib/api/openapi.ts), called with the demo users' tokens. Every response is
 * recorded; the last test asserts none of them was a 500.
 */

const seen: { what: string; status: number }[] = [];

type CallOptions = {
  as?: Person | null;
  headers?: Record<string, string>;
  data?: unknown;
};

/** A thin recorder around Playwright's request context. */
class Api {
  constructor(private readonly request: APIRequestContext) {}

  private headers(options: CallOptions): Record<string, string> {
    return { ...(options.as ? bearer(options.as) : {}), ...(options.headers ?? {}) };
  }

  private record(what: string, response: APIResponse): APIResponse {
    seen.push({ what, status: response.status() });
    return response;
  }

  async get(url: string, options: CallOptions = {}) {
    return this.record(`GET ${url}`, await this.request.get(url, { headers: this.headers(options) }));
  }

  async post(url: string, options: CallOptions = {}) {
    return this.record(
      `POST ${url}`,
      await this.request.post(url, { headers: this.headers(options), data: options.data as never }),
    );
  }

  async submit(input: Record<string, unknown> = claimInput(), as: Person = "submitter"): Promise<ApiClaim> {
    const response = await this.post("/api/v1/claims", { as, data: input });
    expect(response.status(), await response.text()).toBe(201);
    return response.json();
  }

  async claim(id: string, as: Person = "reviewer"): Promise<ApiClaim> {
    const response = await this.get(`/api/v1/claims/${id}`, { as });
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  async transition(claim: Pick<ApiClaim, "id" | "version">, as: Person, body: Record<string, unknown>) {
    return this.post(`/api/v1/claims/${claim.id}/transitions`, { as, data: { version: claim.version, ...body } });
  }

  async move(claim: Pick<ApiClaim, "id" | "version">, as: Person, body: Record<string, unknown>): Promise<ApiClaim> {
    const response = await this.transition(claim, as, body);
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  /** The queue's items for a search, as the reviewer sees them. */
  async search(q: string): Promise<ApiClaim[]> {
    const response = await this.get(`/api/v1/claims?q=${encodeURIComponent(q)}`, { as: "reviewer" });
    expect(response.status()).toBe(200);
    return (await response.json()).items;
  }
}

/** The design's error shape, and nothing that looks like a stack trace. */
async function expectError(response: APIResponse, status: number, code?: string) {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  expect(text).not.toMatch(/\bat .+\.(js|ts):\d+|node_modules|Error:/);
  return body.error as { code: string; message: string; fieldErrors?: Record<string, string[]>; guard?: string };
}

test("POST /api/v1/claims → 201 in triage with the fields echoed", async ({ request }) => {
  const api = new Api(request);
  const word = uniqueWord("api");
  const input = {
    kind: "casualty_count",
    title: `حصيلة القتلى — Death toll in Baniyas ${word}`,
    summary: `A count of the dead in Baniyas from a local committee (${word}).`,
    language: "ar",
    incidentDateFrom: "2025-03-07",
    incidentDateTo: "2025-03-08",
    placeName: "Baniyas",
    latitude: 35.18,
    longitude: 35.95,
    placePrecision: "locality",
    firstSeenSourceName: "Local committee statement",
    firstSeenUrl: `https://example.org/${word}`,
  };
  const response = await api.post("/api/v1/claims", { as: "submitter", data: input });
  expect(response.status()).toBe(201);
  const claim = (await response.json()) as ApiClaim;
  expect(claim.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(claim).toMatchObject({
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    language: "ar",
    incidentDate: { from: "2025-03-07", to: "2025-03-08" },
    place: { name: "Baniyas", latitude: 35.18, longitude: 35.95, precision: "locality" },
    firstSeen: { sourceName: input.firstSeenSourceName, url: input.firstSeenUrl },
    state: "triage",
    grade: null,
    version: 1,
    submitter: { name: PEOPLE.submitter.name },
  });
  // It is stored: the same claim comes back on its own address.
  expect(await api.claim(claim.id, "submitter")).toMatchObject({ id: claim.id, title: input.title, state: "triage" });
});

test("GET /api/v1/claims filters by state and text, and cursor pagination walks every page once", async ({ request }) => {
  const api = new Api(request);
  const word = uniqueWord("page");
  const created: ApiClaim[] = [];
  for (let i = 0; i < 3; i++) created.push(await api.submit(claimInput({ title: `Paged claim ${i} ${word}` })));
  const unrelated = await api.submit();

  const found = await api.get(`/api/v1/claims?state=triage&q=${word}`, { as: "reviewer" });
  expect(found.status()).toBe(200);
  const body = await found.json();
  expect(body.items.map((c: ApiClaim) => c.id)).toEqual(created.map((c) => c.id));
  expect(body.items.map((c: ApiClaim) => c.id)).not.toContain(unrelated.id);
  expect(body.nextCursor).toBeNull();
  expect(body.counts.triage).toBe(3);
  expect(body.counts.corroboration).toBe(0);

  // Another state: none of them.
  const none = await api.get(`/api/v1/claims?state=published&q=${word}`, { as: "reviewer" });
  expect((await none.json()).items).toEqual([]);

  // limit=1: one page per claim, oldest first, no repeats, then nextCursor null.
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const url = `/api/v1/claims?q=${word}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await api.get(url, { as: "reviewer" });
    expect(response.status()).toBe(200);
    const result = (await response.json()) as { items: ApiClaim[]; nextCursor: string | null };
    expect(result.items.length).toBeLessThanOrEqual(1);
    ids.push(...result.items.map((c) => c.id));
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  expect(cursor).toBeNull();
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(created.map((c) => c.id));

  const badCursor = await api.get("/api/v1/claims?cursor=not-a-cursor", { as: "reviewer" });
  const error = await expectError(badCursor, 400, "BAD_REQUEST");
  expect(error.fieldErrors).toHaveProperty("cursor");
  await expectError(await api.get("/api/v1/claims?state=nonsense", { as: "reviewer" }), 400, "BAD_REQUEST");
});

test("the whole workflow through /transitions, then public and audited", async ({ request }) => {
  const api = new Api(request);
  const word = uniqueWord("flow");
  const rationale = `Rationale kept internal ${word}`;
  const sourceName = `Private source ${word}`;
  let claim = await api.submit(
    claimInput({ title: `Named victim in Baniyas ${word}`, firstSeenSourceName: sourceName, firstSeenUrl: `https://example.org/p/${word}` }),
  );
  expect(claim.state).toBe("triage");

  claim = await api.move(claim, "reviewer", { action: "accept" });
  expect(claim).toMatchObject({ state: "corroboration", version: 2 });
  // Review needs an assessed item, publication a sensitivity review of every item.
  await attachAssessedItem(request, claim.id, "reviewer");
  claim = await api.move(claim, "reviewer", { action: "send_to_review", grade: "probable", rationale });
  expect(claim).toMatchObject({ state: "review", version: 3, grade: "probable", gradeRationale: rationale });
  expect(claim.sentToReviewBy?.name).toBe(PEOPLE.reviewer.name);
  claim = await api.move(claim, "editor2", { action: "publish" });
  expect(claim).toMatchObject({ state: "published", version: 4 });
  const slug = claim.publicSlug!;
  expect(slug).toMatch(/^named-victim-in-baniyas-/);

  // Public, without any authentication.
  const list = await api.get("/api/v1/public/entries");
  expect(list.status()).toBe(200);
  const entries = (await list.json()) as { items: { slug: string; title: string; version: number }[]; nextCursor: string | null };
  expect(entries.items.find((e) => e.slug === slug)).toMatchObject({ title: claim.title, version: 1 });

  const one = await api.get(`/api/v1/public/entries/${slug}`);
  expect(one.status()).toBe(200);
  const text = await one.text();
  const entry = JSON.parse(text);
  expect(entry).toMatchObject({ slug, title: claim.title, summary: claim.summary, grade: "probable", version: 1, isRetracted: false });
  expect(entry.history).toHaveLength(1);
  for (const person of Object.values(PEOPLE)) expect(text, `no ${person.name}`).not.toContain(person.name);
  expect(text).not.toContain(rationale);
  expect(text).not.toContain(sourceName);
  expect(text).not.toContain(`example.org/p/${word}`);
  expect(text).not.toContain(claim.id);
  expect(text).not.toMatch(/gradeRationale|submitter|firstSeen|sentToReview/);
  await expectError(await api.get("/api/v1/public/entries/no-such-entry-anywhere"), 404, "NOT_FOUND");

  // The claim's audit events, in order.
  const audit = await api.get(`/api/v1/audit?entity=claim:${claim.id}`, { as: "reviewer" });
  expect(audit.status()).toBe(200);
  const events = (await audit.json()).items as {
    seq: number;
    type: string;
    actor: { name: string } | null;
    data: { action?: string };
    entity: { type: string; id: string };
    hash: string;
    prevHash: string;
  }[];
  expect(events.map((e) => [e.type, e.data.action ?? null, e.actor?.name])).toEqual([
    ["claim.submitted", null, PEOPLE.submitter.name],
    ["claim.transitioned", "accept", PEOPLE.reviewer.name],
    ["claim.assessed", null, PEOPLE.reviewer.name],
    ["claim.transitioned", "send_to_review", PEOPLE.reviewer.name],
    ["claim.transitioned", "publish", PEOPLE.editor2.name],
    // The publication's pages, sealed in its transaction: the very next event (issue 22).
    ["entry.sealed", null, PEOPLE.editor2.name],
  ]);
  const [publication, seal] = events.slice(-2);
  expect(seal.seq).toBe(publication.seq + 1);
  const sealed = seal.data as unknown as { slug: string; version: number; publicationSeq: number; pages: { locale: string; sha256: string; size: number }[] };
  expect(sealed).toMatchObject({ slug, version: 1, publicationSeq: publication.seq });
  expect(sealed.pages.map((p) => p.locale).sort()).toEqual(["ar", "en"]);
  // The page served is the page sealed: its ETag is the hash the event records.
  const page = await api.get(`/entries/${slug}`);
  expect(page.status()).toBe(200);
  expect(page.headers().etag).toBe(`"${sealed.pages.find((p) => p.locale === "en")!.sha256}"`);
  const seqs = events.map((e) => e.seq);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  for (const e of events) {
    expect(e.entity).toEqual({ type: "claim", id: claim.id });
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  }
  // The submitter may read their own claim's timeline.
  const own = await api.get(`/api/v1/audit?entity=claim:${claim.id}`, { as: "submitter" });
  expect((await own.json()).items).toHaveLength(6);
});

test("GET /api/v1/audit/verify: the chain verifies", async ({ request }) => {
  const api = new Api(request);
  const response = await api.get("/api/v1/audit/verify", { as: "admin" });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.ok).toBe(true);
  expect(body.events).toBeGreaterThan(0);
  expect(body.head).toMatch(/^[0-9a-f]{64}$/);
  expect(body.firstBroken).toBeNull();
  // The head is the newest event's hash. Background jobs (derivations of the demo's and other
  // tests' evidence) may append events meanwhile: compare on a walk during which the head stayed put.
  await expect(async () => {
    const before = (await (await api.get("/api/v1/audit/verify", { as: "admin" })).json()) as { ok: boolean; head: string };
    let cursor: string | null = null;
    let last: { hash: string } | undefined;
    do {
      const page = await api.get(`/api/v1/audit?order=asc&limit=100${cursor ? `&cursor=${cursor}` : ""}`, { as: "admin" });
      const result = (await page.json()) as { items: { hash: string }[]; nextCursor: string | null };
      if (result.items.length) last = result.items[result.items.length - 1];
      cursor = result.nextCursor;
    } while (cursor);
    const after = (await (await api.get("/api/v1/audit/verify", { as: "admin" })).json()) as { ok: boolean; head: string };
    expect(after.head, "no event was appended during the walk").toBe(before.head);
    expect(before.ok && after.ok).toBe(true);
    expect(last?.hash).toBe(after.head);
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
  // A submitter may not verify the whole log.
  await expectError(await api.get("/api/v1/audit/verify", { as: "submitter" }), 403, "FORBIDDEN");
});

test.describe("errors answer in the error shape and change nothing", () => {
  test("no token, a wrong token → 401", async ({ request }) => {
    const api = new Api(request);
    const title = `Unauthenticated claim ${uniqueWord()}`;
    await expectError(await api.get("/api/v1/claims"), 401, "UNAUTHORIZED");
    await expectError(await api.post("/api/v1/claims", { data: claimInput({ title }) }), 401, "UNAUTHORIZED");
    const wrong = { Authorization: `Bearer cbr_${"A".repeat(43)}` };
    await expectError(await api.get("/api/v1/claims", { headers: wrong }), 401, "UNAUTHORIZED");
    await expectError(await api.post("/api/v1/claims", { headers: wrong, data: claimInput({ title }) }), 401, "UNAUTHORIZED");
    await expectError(await api.get("/api/v1/claims", { headers: { Authorization: "Bearer nonsense" } }), 401, "UNAUTHORIZED");
    await expectError(await api.get("/api/v1/claims", { headers: { Authorization: `Basic ${tokenOf("reviewer")}` } }), 401);
    await expectError(await api.get("/api/v1/audit/verify"), 401, "UNAUTHORIZED");
    expect(await api.search(title)).toEqual([]);
  });

  test("missing fields → 400 naming them; too large → 413; malformed → 400; text/plain → 415", async ({ request }) => {
    const api = new Api(request);
    const missing = await expectError(await api.post("/api/v1/claims", { as: "submitter", data: { language: "en" } }), 400, "BAD_REQUEST");
    expect(Object.keys(missing.fieldErrors ?? {})).toEqual(expect.arrayContaining(["title", "summary", "kind"]));

    const invalid = await expectError(
      await api.post("/api/v1/claims", {
        as: "submitter",
        data: claimInput({ kind: "rumour", latitude: 123, placePrecision: "exact", longitude: 10, firstSeenUrl: "javascript:alert(1)" }),
      }),
      400,
    );
    expect(Object.keys(invalid.fieldErrors ?? {})).toEqual(expect.arrayContaining(["kind", "latitude", "firstSeenUrl"]));

    const bigTitle = `Oversized claim ${uniqueWord()}`;
    const big = JSON.stringify(claimInput({ title: bigTitle, summary: "x".repeat(400 * 1024) }));
    await expectError(
      await api.post("/api/v1/claims", { as: "submitter", headers: { "Content-Type": "application/json" }, data: big }),
      413,
      "PAYLOAD_TOO_LARGE",
    );

    const overTitle = `Over-long title ${uniqueWord()} ${"t".repeat(400)}`;
    const long = await expectError(await api.post("/api/v1/claims", { as: "submitter", data: claimInput({ title: overTitle }) }), 400);
    expect(long.fieldErrors).toHaveProperty("title");

    await expectError(
      await api.post("/api/v1/claims", { as: "submitter", headers: { "Content-Type": "application/json" }, data: '{"title": "broken' }),
      400,
      "BAD_REQUEST",
    );
    const plainTitle = `Plain text claim ${uniqueWord()}`;
    await expectError(
      await api.post("/api/v1/claims", {
        as: "submitter",
        headers: { "Content-Type": "text/plain" },
        data: JSON.stringify(claimInput({ title: plainTitle })),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(await api.search(bigTitle)).toEqual([]);
    expect(await api.search("Over-long title")).toEqual([]);
    expect(await api.search(plainTitle)).toEqual([]);
  });

  test("unknown ids and paths → 404", async ({ request }) => {
    const api = new Api(request);
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expectError(await api.get(`/api/v1/claims/${unknown}`, { as: "reviewer" }), 404, "NOT_FOUND");
    await expectError(await api.post(`/api/v1/claims/${unknown}/transitions`, { as: "reviewer", data: { action: "accept", version: 1 } }), 404, "NOT_FOUND");
    await expectError(await api.get("/api/v1/claims/not-a-uuid", { as: "reviewer" }), 404, "NOT_FOUND");
    await expectError(await api.get("/api/v1/claims/1%27%20or%201=1", { as: "reviewer" }), 404, "NOT_FOUND");
    await expectError(await api.post("/api/v1/claims/not-a-uuid/transitions", { as: "reviewer", data: { action: "accept", version: 1 } }), 404, "NOT_FOUND");
    await expectError(await api.get("/api/v1/no-such-route", { as: "reviewer" }), 404, "NOT_FOUND");
    await expectError(await api.get("/api/v1/no/such/route"), 404, "NOT_FOUND");
    await expectError(await api.get("/api/v1"), 404, "NOT_FOUND");
    await expectError(await api.post("/api/v1/nothing-here", { as: "reviewer", data: {} }), 404, "NOT_FOUND");
    await expectError(await api.get(`/api/v1/audit?entity=claim:${unknown}`, { as: "submitter" }), 404, "NOT_FOUND");
  });

  test("a method the path does not have → 405 naming the methods it has; HEAD and OPTIONS are answered", async ({ request }) => {
    const headers = bearer("reviewer");
    for (const [method, url, allow] of [
      ["DELETE", "/api/v1/claims", "GET, POST, HEAD, OPTIONS"],
      ["PUT", "/api/v1/claims/00000000-0000-4000-8000-000000000000/transitions", "POST, OPTIONS"],
      ["GET", "/api/v1/persons/match", "POST, OPTIONS"],
    ] as const) {
      const response = await request.fetch(url, { method, headers, data: method === "GET" ? undefined : {} });
      await expectError(response, 405, "METHOD_NOT_ALLOWED");
      expect(response.headers()["allow"], `${method} ${url}`).toBe(allow);
    }
    const list = await request.get("/api/v1/claims?limit=1", { headers });
    const head = await request.head("/api/v1/claims?limit=1", { headers });
    expect(head.status()).toBe(200);
    expect(head.headers()["content-type"]).toBe(list.headers()["content-type"]);
    expect((await head.body()).length, "HEAD has no body").toBe(0);
    const options = await request.fetch("/api/v1/claims", { method: "OPTIONS", headers });
    expect(options.status()).toBe(204);
    expect(options.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
  });

  test("roles and scope: 403 for the wrong role, 404 for a claim out of a submitter's scope", async ({ request }) => {
    const api = new Api(request);
    const claim = await api.submit();

    const forbidden = await expectError(await api.transition(claim, "submitter", { action: "accept" }), 403, "FORBIDDEN");
    expect(forbidden.message).toContain("submitter");
    expect(await api.claim(claim.id)).toMatchObject({ state: "triage", version: 1 });
    await expectError(await api.transition(claim, "admin", { action: "accept" }), 403, "FORBIDDEN");
    expect(await api.claim(claim.id)).toMatchObject({ state: "triage", version: 1 });

    // The admin reads claims but does not submit them.
    const adminTitle = `Admin claim ${uniqueWord()}`;
    await expectError(await api.post("/api/v1/claims", { as: "admin", data: claimInput({ title: adminTitle }) }), 403, "FORBIDDEN");
    expect(await api.search(adminTitle)).toEqual([]);

    // The submitter reads the seeded claims they submitted, and only their own.
    const mine = await api.get("/api/v1/claims?limit=100", { as: "submitter" });
    expect(mine.status()).toBe(200);
    const items = (await mine.json()).items as ApiClaim[];
    expect(items.map((c) => c.title)).toContain("1,383 civilians killed in Syria's coastal region as of 12 March 2025");
    expect(new Set(items.map((c) => c.submitter.name))).toEqual(new Set([PEOPLE.submitter.name]));
    const seeded = items.find((c) => c.title.startsWith("Video said to show a mass grave in Sanubir"))!;
    expect(await api.claim(seeded.id, "submitter")).toMatchObject({ id: seeded.id, state: "corroboration" });

    // A claim someone else submitted does not exist for the submitter: 404, not 403.
    const reviewers = await api.submit(claimInput({ title: `Reviewer's own claim ${uniqueWord()}` }), "reviewer");
    await expectError(await api.get(`/api/v1/claims/${reviewers.id}`, { as: "submitter" }), 404, "NOT_FOUND");
    await expectError(await api.get(`/api/v1/audit?entity=claim:${reviewers.id}`, { as: "submitter" }), 404, "NOT_FOUND");
    const list = await api.get(`/api/v1/claims?q=${encodeURIComponent(reviewers.title)}`, { as: "submitter" });
    expect((await list.json()).items).toEqual([]);
  });

  test("a stale version → 409, checked before any guard", async ({ request }) => {
    const api = new Api(request);
    const claim = await api.submit();
    const accepted = await api.move(claim, "reviewer", { action: "accept" });
    expect(accepted.version).toBe(2);
    // Every guard of send_to_review would pass (grade, rationale, an assessed item): only the version is stale.
    await attachAssessedItem(request, claim.id, "reviewer");

    await expectError(
      await api.transition(claim, "reviewer", { action: "send_to_review", grade: "probable", rationale: "r" }),
      409,
      "CONFLICT",
    );
    // Stale and failing a guard (no grade): the client learns it is stale.
    await expectError(await api.transition(claim, "reviewer", { action: "send_to_review" }), 409, "CONFLICT");
    await expectError(await api.transition({ id: claim.id, version: 99 }, "reviewer", { action: "send_to_review" }), 409, "CONFLICT");
    expect(await api.claim(claim.id)).toMatchObject({ state: "corroboration", version: 2, grade: null });

    // Bad transition bodies are 400s, not 500s.
    await expectError(await api.transition(accepted, "reviewer", { action: "fly" }), 400, "BAD_REQUEST");
    await expectError(await api.post(`/api/v1/claims/${claim.id}/transitions`, { as: "reviewer", data: { action: "accept" } }), 400);
    await expectError(await api.transition(accepted, "reviewer", { action: "accept", extra: true }), 400);
    expect(await api.claim(claim.id)).toMatchObject({ state: "corroboration", version: 2 });
  });

  test("failed guards → 422 naming the guard", async ({ request }) => {
    const api = new Api(request);
    const claim = await api.submit();
    const reason = await expectError(await api.transition(claim, "reviewer", { action: "reject" }), 422, "INVALID_STATE");
    expect(reason.guard).toBe("reason");
    const blank = await expectError(await api.transition(claim, "reviewer", { action: "reject", reason: "   " }), 422);
    expect(blank.guard).toBe("reason");
    const wrongState = await expectError(await api.transition(claim, "editor", { action: "publish" }), 422);
    expect(wrongState.guard).toBe("state");
    const target = await expectError(await api.transition(claim, "reviewer", { action: "duplicate" }), 422);
    expect(target.guard).toBe("target");
    expect(await api.claim(claim.id)).toMatchObject({ state: "triage", version: 1, stateReason: null });

    // Four eyes: the editor who sent it to review may not publish it.
    let inReview = await api.move(claim, "editor", { action: "accept" });
    const noGrade = await expectError(await api.transition(inReview, "editor", { action: "send_to_review" }), 422);
    expect(noGrade.guard).toBe("grade");
    const unassessed = await expectError(
      await api.transition(inReview, "editor", { action: "send_to_review", grade: "single_source", rationale: "One origin." }),
      422,
      "INVALID_STATE",
    );
    expect(unassessed.guard).toBe("assessment");
    expect(await api.claim(claim.id)).toMatchObject({ state: "corroboration", version: inReview.version, grade: null });
    await attachAssessedItem(request, claim.id, "editor");
    inReview = await api.move(inReview, "editor", { action: "send_to_review", grade: "single_source", rationale: "One origin." });
    const fourEyes = await expectError(await api.transition(inReview, "editor", { action: "publish" }), 422, "INVALID_STATE");
    expect(fourEyes.guard).toBe("four_eyes");
    expect(await api.claim(claim.id)).toMatchObject({ state: "review", version: inReview.version });
    const events = await (await api.get(`/api/v1/audit?entity=claim:${claim.id}`, { as: "reviewer" })).json();
    expect(events.items.map((e: { type: string; data: { action?: string } }) => e.data.action ?? e.type)).toEqual([
      "claim.submitted",
      "accept",
      "claim.assessed",
      "send_to_review",
    ]);
    const published = await api.move(inReview, "editor2", { action: "publish" });
    expect(published.state).toBe("published");
  });
});

test("GET /api/v1/health: open to all, and a token sent is checked", async ({ request }) => {
  const open = await request.get("/api/v1/health");
  expect(open.status()).toBe(200);
  expect(await open.json()).toEqual({ ok: true });
  const signed = await request.get("/api/v1/health", { headers: bearer("reviewer") });
  expect(signed.status()).toBe(200);
  expect(await signed.json()).toEqual({ ok: true });
  const forged = await request.get("/api/v1/health", { headers: { authorization: "Bearer not-a-real-token" } });
  expect(forged.status()).toBe(401);
  expect((await forged.json()).error.code).toBe("UNAUTHORIZED");
});

test("the server keeps an idle connection open longer than a proxy in front of it (no ECONNRESET race at 5 s)", async ({
  request,
}) => {
  // Node's default of 5 s closed sockets that clients still held, and a request sent at that moment was lost.
  const response = await request.get("/api/v1/health");
  expect(response.headers()["keep-alive"]).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
  expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
});

test("GET /api/v1/openapi.json describes the API", async ({ request }) => {
  const api = new Api(request);
  const response = await api.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const doc = JSON.parse(await response.text());
  expect(doc.openapi).toBe("3.1.0");
  for (const path of ["/api/v1/claims", "/api/v1/claims/{claimId}/transitions", "/api/v1/audit/verify", "/api/v1/public/entries"]) {
    expect(doc.paths, path).toHaveProperty([path]);
  }
  expect(doc.paths["/api/v1/claims"]).toHaveProperty("post");
  expect(doc.paths["/api/v1/claims/{claimId}/transitions"]).toHaveProperty("post");
  const action = doc.components.schemas.Transition.properties.action;
  expect([...action.enum].sort()).toEqual(
    ["accept", "reject", "duplicate", "send_to_review", "send_back", "publish", "correct", "publish_correction", "discard_correction", "retract", "reopen"].sort(),
  );
  // A correction may change every public field, the grade with its rationale, the translations, and nothing private.
  const changes = doc.components.schemas.Transition.properties.changes;
  expect(Object.keys(changes.properties ?? changes.anyOf?.find((s: { properties?: object }) => s.properties)?.properties ?? {}).sort()).toEqual(
    ["kind", "title", "summary", "language", "incidentDateFrom", "incidentDateTo", "placeName", "latitude", "longitude", "placePrecision", "grade", "gradeRationale", "translations"].sort(),
  );
  expect(doc.paths).toHaveProperty(["/api/v1/public/entries/{slug}/versions/{version}"]);
  expect(doc.components.schemas.Transition.required).toEqual(expect.arrayContaining(["action", "version"]));
  expect(Object.keys(doc.components.schemas.SubmitClaim.properties)).toEqual(
    expect.arrayContaining(["kind", "title", "summary", "language", "latitude", "firstSeenUrl"]),
  );
});

test("no response in this spec was a 500", async () => {
  expect(seen.length, "the other tests of this file ran first").toBeGreaterThan(40);
  expect(seen.filter((r) => r.status >= 500)).toEqual([]);
});
