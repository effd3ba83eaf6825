import type { APIResponse } from "@playwright/test";
import { builtActions, postAction } from "./support/actions";
import { API_OPS, apiOpTitle, expectedStatus, type Target } from "./support/matrix";
import { type ActorKey, authHeader, differences, expect, MALFORMED_ID, personName, settleEvidence, snapshot, test, unique, type World } from "./support/world";

/**
 * Insecure direct object references beyond the matrix's cells: odd and malformed ids on every route
 * that takes one; another's ids inside request bodies; lists, searches, duplicates and candidates
 * that must show a submitter nothing of another's work; and two leaks the matrix found (a
 * person's internal note through the audit log, a source created by a refused provenance form).
 */

test.describe.configure({ timeout: 300_000 });

const get = (w: World, actor: ActorKey, url: string) => w.api.get(url, { headers: authHeader(w, actor) });
const post = (w: World, actor: ActorKey, url: string, data: unknown) => w.api.post(url, { headers: authHeader(w, actor), data });

async function json<T>(response: APIResponse, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

/** Ids that are not ids: each must be a 400 or a 404 in the design's error shape, never a 500. */
const ODD_IDS = [
  "0",
  "-1",
  "null",
  "undefined",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "3f1c0a6e5a394b8e9d7e1a2b3c4d5e6f",
  "{3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6f}",
  "3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6fab",
  "3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6g",
  " 3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6f",
  "' OR '1'='1",
  "1; DROP TABLE claims; --",
  "%00",
  "claim:1",
  "😀",
  "ملف",
  "a".repeat(3000),
];

test("odd and malformed ids on every route that takes one: 400 or 404, never a 500", async ({ world }) => {
  const wrong: string[] = [];
  let tried = 0;
  for (const op of API_OPS.filter((o) => o.access === "signed-in" && /\{\w+\}/.test(o.path))) {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const odd of ODD_IDS) {
      // Every id of the path is the odd value; the request is the matrix's own (headers and body).
      const target: Target = { kind: "claim", owner: "nobody", special: "odd", params: Object.fromEntries(names.map((n) => [n, odd])), reads: [] };
      for (const actor of ["reviewer", "submitter2"] as const) {
        tried += 1;
        const spec = await op.request(world, target, actor);
        const response = await world.api.fetch(spec.url, {
          method: op.method,
          headers: { ...authHeader(world, actor), ...spec.headers },
          ...(spec.multipart ? { multipart: spec.multipart } : spec.data !== undefined ? { data: spec.data } : {}),
          maxRedirects: 0,
        });
        const status = response.status();
        // What a nonexistent id gets (404, or 403 first where the role lacks a workspace-wide permission), or a 400.
        const want = expectedStatus(op, actor, target);
        if (status !== want && status !== 400) wrong.push(`${actor} ${apiOpTitle(op)} with ${JSON.stringify(odd.slice(0, 40))}: expected ${want} (or 400), got ${status} ${op.method === "HEAD" ? "" : (await response.text()).slice(0, 160)}`);
      }
    }
  }
  // The audit log's entity filter, the other place an id is typed in.
  for (const odd of ODD_IDS) {
    for (const kind of ["claim", "evidence", "person", "source", "user"]) {
      tried += 1;
      const response = await get(world, "submitter2", `/api/v1/audit?${new URLSearchParams({ entity: `${kind}:${odd}` })}`);
      if (![400, 403, 404].includes(response.status())) wrong.push(`audit entity ${kind}:${JSON.stringify(odd.slice(0, 40))}: ${response.status()}`);
    }
  }
  test.info().annotations.push({ type: "cells", description: String(tried) });
  expect(wrong, `${wrong.length} of ${tried} requests wrong:\n${wrong.join("\n")}`).toEqual([]);
});

test("an id's letter case changes nothing: another's id in capitals is still not found, one's own still found", async ({ world }) => {
  const { mine } = world.claims;
  const upper = (id: string) => id.toUpperCase();
  for (const [url, id] of [
    ["/api/v1/claims/", mine.id],
    ["/api/v1/evidence/", mine.item.id],
    ["/api/v1/persons/", mine.person.id],
  ] as const) {
    expect((await get(world, "submitter2", url + upper(id))).status(), `${url}<another's id in capitals>`).toBe(404);
    expect((await get(world, "submitter", url + upper(id))).status(), `${url}<own id in capitals>`).toBe(200);
  }
  expect((await get(world, "submitter2", `/api/v1/evidence/${upper(mine.item.id)}/content`)).status()).toBe(404);
  expect((await get(world, "submitter2", `/api/v1/audit?entity=claim:${upper(mine.id)}`)).status()).toBe(404);
});

test("lists and searches show a submitter nothing of another's claims", async ({ world }) => {
  const { mine, theirs } = world.claims;
  const titleWord = ((await json<{ title: string }>(await get(world, "submitter", `/api/v1/claims/${mine.id}`))).title.match(/Matrix mine claim (\S+)/) ?? [])[1]!;
  expect(titleWord).toBeTruthy();

  // The queue: every page, and counts that add up to what is listed.
  type Page = { items: { id: string; submitter: { id: string } }[]; nextCursor: string | null; counts: Record<string, number> };
  const all: Page["items"] = [];
  let cursor: string | null = null;
  let counts: Record<string, number> = {};
  do {
    const page: Page = await json(await get(world, "submitter2", `/api/v1/claims?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
    all.push(...page.items);
    counts = page.counts;
    cursor = page.nextCursor;
  } while (cursor);
  expect(all.map((c) => c.id)).toContain(theirs.id);
  expect(all.filter((c) => c.submitter.id !== world.userIds.submitter2), "another's claims in the queue").toEqual([]);
  expect(Object.values(counts).reduce((a, b) => a + b, 0), "the queue's counts are of one's own claims").toBe(all.length);

  const searched = await json<Page>(await get(world, "submitter2", `/api/v1/claims?q=${titleWord}`));
  expect(searched.items, "a search for words of another's title").toEqual([]);
  expect(Object.values(searched.counts).every((n) => n === 0)).toBe(true);
  expect((await json<Page>(await get(world, "submitter", `/api/v1/claims?q=${titleWord}`))).items.map((c) => c.id), "the same search by its owner").toEqual([mine.id]);

  // Figures: the series list, and one series.
  const scopes = await json<{ items: { place: string }[] }>(await get(world, "submitter2", "/api/v1/figures"));
  expect(scopes.items.filter((s) => s.place === mine.figure.scopePlace), "another's figure series listed").toEqual([]);
  const seriesUrl = `/api/v1/figures/series?${new URLSearchParams({ measure: "killed", scope: mine.figure.scopePlace })}`;
  const theirSeries = await json<{ series: unknown[]; figures?: unknown[] }>(await get(world, "submitter2", seriesUrl));
  expect(theirSeries.series, "another's figures in a series").toEqual([]);
  expect((await json<{ series: unknown[] }>(await get(world, "submitter", seriesUrl))).series.length, "the same series for its owner").toBeGreaterThan(0);

  // Person candidates: a search, and an import preview on one's own claim.
  type Candidates = { candidates: { person: { id: string } }[] };
  const matched = await json<Candidates>(await post(world, "submitter2", "/api/v1/persons/match", { name: mine.person.name }));
  expect(matched.candidates.map((c) => c.person.id), "another's person offered as a match").not.toContain(mine.person.id);
  expect((await json<Candidates>(await post(world, "submitter", "/api/v1/persons/match", { name: mine.person.name }))).candidates.map((c) => c.person.id)).toContain(mine.person.id);
  type Preview = { groups: { candidates: { person: { id: string } }[] }[] };
  const previewUrl = `/api/v1/claims/${theirs.id}/persons/import/preview`;
  const preview = await json<Preview>(await post(world, "submitter2", previewUrl, { role: "witness", text: mine.person.name }));
  expect(preview.groups.flatMap((g) => g.candidates.map((c) => c.person.id)), "another's person proposed by an import").not.toContain(mine.person.id);
  const control = await json<Preview>(await post(world, "reviewer", previewUrl, { role: "witness", text: mine.person.name }));
  expect(control.groups.flatMap((g) => g.candidates.map((c) => c.person.id)), "the reviewer, who sees every person, is offered them").toContain(mine.person.id);
});

test("the same file held by another is not revealed through duplicates", async ({ world }) => {
  const { mine, theirs } = world.claims;
  const added = await json<{ id: string }>(
    await world.api.post(`/api/v1/claims/${theirs.id}/evidence`, { headers: authHeader(world, "submitter2"), multipart: { file: { name: "copy.jpg", mimeType: "image/jpeg", buffer: world.mineImage } } }),
    201,
  );
  await settleEvidence(world, added.id);
  type Item = { duplicateOf: { evidenceId: string; claimId: string; claimTitle: string }[]; similar: { evidenceId: string; claimId: string }[] };
  const seen = await json<Item>(await get(world, "submitter2", `/api/v1/evidence/${added.id}`));
  expect(seen.duplicateOf, "exact duplicates in another's claim").toEqual([]);
  expect(seen.similar.filter((s) => s.claimId !== theirs.id), "look-alikes in another's claim").toEqual([]);
  const custody = await json<{ custody: unknown[] }>(await get(world, "submitter2", `/api/v1/evidence/${added.id}/custody`));
  expect(JSON.stringify(custody)).not.toContain(mine.id);
  const reviewer = await json<Item>(await get(world, "reviewer", `/api/v1/evidence/${added.id}`));
  expect(reviewer.duplicateOf.map((d) => d.evidenceId), "the reviewer sees the duplicate (the check bites)").toContain(mine.item.id);
});

test("a person named in claims of two submitters shows each only their own claim", async ({ world }) => {
  const make = async (owner: "submitter" | "submitter2") =>
    json<{ id: string; version: number }>(await post(world, owner, "/api/v1/claims", { kind: "person", title: unique("Matrix shared person "), summary: "Made by the permission matrix.", language: "en" }), 201);
  const x = await make("submitter2");
  const y = await make("submitter");
  const link = await json<{ person: { id: string } }>(await post(world, "submitter2", `/api/v1/claims/${x.id}/persons`, { role: "victim", names: [personName()] }), 201);
  const personId = link.person.id;
  expect((await get(world, "submitter", `/api/v1/persons/${personId}`)).status(), "not yet named in any of the submitter's claims").toBe(404);
  await json(await post(world, "reviewer", `/api/v1/claims/${y.id}/persons`, { role: "victim", personId }), 201);
  type Person = { claims: { claimId: string }[] };
  expect((await json<Person>(await get(world, "submitter", `/api/v1/persons/${personId}`))).claims.map((c) => c.claimId)).toEqual([y.id]);
  expect((await json<Person>(await get(world, "submitter2", `/api/v1/persons/${personId}`))).claims.map((c) => c.claimId)).toEqual([x.id]);
  expect((await json<Person>(await get(world, "reviewer", `/api/v1/persons/${personId}`))).claims.map((c) => c.claimId).sort()).toEqual([x.id, y.id].sort());
});

test("another's ids inside a request body are refused, and nothing changes", async ({ world }) => {
  const { mine, theirs } = world.claims;
  const cases: { actor: ActorKey; url: string; body: unknown; status: number; reads: string[] }[] = [
    // Linking another submitter's person into one's own claim.
    { actor: "submitter", url: `/api/v1/claims/${mine.id}/persons`, body: { role: "witness", personId: theirs.person.id }, status: 404, reads: [`/api/v1/claims/${mine.id}/persons`, `/api/v1/persons/${theirs.person.id}`] },
    // The same through a list import's decision.
    { actor: "submitter", url: `/api/v1/claims/${mine.id}/persons/import`, body: { role: "witness", text: personName(), groups: [{ rows: [1], personId: theirs.person.id }] }, status: 400, reads: [`/api/v1/claims/${mine.id}/persons`, `/api/v1/persons/${theirs.person.id}`] },
    // Assessing another claim's item against this claim.
    { actor: "reviewer", url: `/api/v1/claims/${mine.id}/assessments`, body: { evidenceId: theirs.item.id, stance: "supports", credibility: 1 }, status: 400, reads: [`/api/v1/claims/${mine.id}/assessments`, `/api/v1/claims/${theirs.id}/assessments`] },
    // Marking one's own claim a duplicate of another's: a submitter may not (403), whatever the target.
    { actor: "submitter", url: `/api/v1/claims/${mine.id}/transitions`, body: { action: "duplicate", version: 2, targetId: theirs.id }, status: 403, reads: [`/api/v1/claims/${mine.id}`, `/api/v1/claims/${theirs.id}`] },
    // A transition on a malformed claim id that names a real claim as its target.
    { actor: "reviewer", url: `/api/v1/claims/${MALFORMED_ID}/transitions`, body: { action: "duplicate", version: 1, targetId: mine.id }, status: 404, reads: [`/api/v1/claims/${mine.id}`] },
  ];
  for (const c of cases) {
    const before = await snapshot(world, c.reads, { reuse: true });
    const response = await post(world, c.actor, c.url, c.body);
    expect(response.status(), `${c.actor} POST ${c.url}: ${await response.text()}`).toBe(c.status);
    expect(differences(before, await snapshot(world, c.reads)), `${c.actor} POST ${c.url} changed something`).toEqual([]);
  }
});

test("a person's internal note reaches only those who may edit the person, audit trail and pages included", async ({ world }) => {
  const { mine } = world.claims;
  const secret = unique("Internal note about a witness ");
  const person = await json<{ version: number }>(await get(world, "reviewer", `/api/v1/persons/${mine.person.id}`));
  await json(await world.api.patch(`/api/v1/persons/${mine.person.id}`, { headers: authHeader(world, "reviewer"), data: { note: secret, version: person.version } }));
  // A person the submitter names with a note of their own: kept like any other note.
  const ownNote = unique("Submitter's own note ");
  await json(await post(world, "submitter", `/api/v1/claims/${mine.id}/persons`, { role: "witness", names: [personName()], note: ownNote }), 201);

  expect((await json<{ note: string | null }>(await get(world, "reviewer", `/api/v1/persons/${mine.person.id}`))).note, "the reviewer reads the note").toBe(secret);
  expect(await (await get(world, "reviewer", `/api/v1/audit?entity=person:${mine.person.id}`)).text(), "and its history").toContain(secret);

  const reads = [
    `/api/v1/persons/${mine.person.id}`,
    `/api/v1/audit?entity=person:${mine.person.id}`,
    `/api/v1/claims/${mine.id}/persons`,
    `/api/v1/claims/${mine.id}`,
    `/api/v1/audit?entity=claim:${mine.id}`,
  ];
  for (const url of reads) {
    const body = await (await get(world, "submitter", url)).text();
    expect(body, `the submitter's ${url}`).not.toContain(secret);
    expect(body, `the submitter's ${url}`).not.toContain(ownNote);
  }
  const page = await world.sessions.submitter.get(`/persons/${mine.person.id}`);
  expect(page.status()).toBe(200);
  expect(await page.text(), "the submitter's person page").not.toContain(secret);
});

test("a provenance form refused as a whole creates no source either", async ({ world }) => {
  const { mine } = world.claims;
  const action = builtActions().find((a) => a.name === "setProvenanceAction")!;
  const item = await json<{ version: number }>(await get(world, "reviewer", `/api/v1/evidence/${mine.item.id}`));
  const attempts: { actor: ActorKey; version: number; expect: string }[] = [
    { actor: "submitter2", version: item.version, expect: "No such evidence." },
    { actor: "admin", version: item.version, expect: "may not do this" },
    { actor: "reviewer", version: item.version + 7, expect: "has changed since you loaded it" },
    { actor: "anonymous", version: item.version, expect: "Sign in" },
  ];
  for (const attempt of attempts) {
    const name = unique("Matrix refused source ");
    const before = await snapshot(world, [`/api/v1/evidence/${mine.item.id}`]);
    const outcome = await postAction(world, attempt.actor, action, { bound: [mine.item.id], fields: { newSourceName: name, newSourceKind: "outlet", newSourceReliability: "F", version: String(attempt.version) } }, {});
    expect(outcome.detail, attempt.actor).toContain(attempt.expect);
    const found = await json<{ items: unknown[] }>(await get(world, "reviewer", `/api/v1/sources?${new URLSearchParams({ q: name })}`));
    expect(found.items, `${attempt.actor}: a source named by a refused form`).toEqual([]);
    expect(differences(before, await snapshot(world, [`/api/v1/evidence/${mine.item.id}`])), attempt.actor).toEqual([]);
  }
  // The same form, let through: the source is created and set as the item's publisher, together.
  const name = unique("Matrix accepted source ");
  const outcome = await postAction(world, "submitter", action, { bound: [mine.item.id], fields: { newSourceName: name, newSourceKind: "outlet", newSourceReliability: "F", version: String(item.version) } }, {});
  expect(outcome.status, outcome.detail).toBe(200);
  const [source] = (await json<{ items: { id: string; name: string }[] }>(await get(world, "reviewer", `/api/v1/sources?${new URLSearchParams({ q: name })}`))).items;
  expect(source?.name).toBe(name);
  expect((await json<{ publishedBySourceId: string }>(await get(world, "reviewer", `/api/v1/evidence/${mine.item.id}`))).publishedBySourceId).toBe(source.id);
});
