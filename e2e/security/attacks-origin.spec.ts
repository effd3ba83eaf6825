import { randomBytes, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/server";
import * as check from "../support/check";
import type { Person } from "../support/fixtures";
import { fetchAnswer } from "../support/http";
import { builtActions, pagePath, readActionAnswer, sendAction } from "./support/actions";
import { JSON_DOORS } from "./support/attack-doors";
import {
  type Answer,
  answerOf,
  type AttackServer,
  type ErrorBody,
  expectRefusal,
  expectServerSound,
  expectUnchanged,
  signedInRequest,
  snapshot,
  startAttackServer,
} from "./support/attack-harness";
import { addPerson, call, makeWorld, unique, type World } from "./support/attack-world";

/**
 * Writes with the session cookie from another site's page (issue 14). `SameSite=Lax` keeps the
 * cookie off other sites' posts, but not off a sibling subdomain's or another port's: every API
 * door with an unsafe method (each one the OpenAPI document lists, tus's PATCH and DELETE, the
 * multipart upload) and a server action are sent with a session cookie from a foreign origin, a
 * `null` one, another port of the server's own host, and with no Origin but
 * `Sec-Fetch-Site: cross-site`. Each is a 403 CROSS_ORIGIN in the API's error shape (never the 500
 * Next answers a server action it refuses itself) and changes nothing: the audit head, the blob
 * store, the tus store and a read of the target are compared. The same request from the site's
 * own origin goes through, and so does a bearer-token request from a foreign origin (a token is
 * never sent by a browser on its own).
 */

test.describe.configure({ timeout: 300_000 });

let server: AttackServer;
let world: World;
const sessions = new Map<Person, APIRequestContext>();

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  server = await startAttackServer(playwright);
  world = await makeWorld(server);
  for (const person of ["submitter", "reviewer", "editor", "admin"] as const) sessions.set(person, await signedInRequest(playwright, server, person));
});

test.afterAll(async () => {
  for (const context of sessions.values()) await context.dispose().catch(() => {});
  await server?.close();
});

test.afterEach(async () => {
  await expectServerSound(server);
});

/** Where a hostile page could be; each with the session cookie. */
const HOSTILE: Record<string, (base: string) => Record<string, string>> = {
  "another site's Origin": () => ({ Origin: "http://evil.example" }),
  "Origin null": () => ({ Origin: "null" }),
  "another port of the same host": (base) => {
    const url = new URL(base);
    return { Origin: `${url.protocol}//${url.hostname}:${Number(url.port) === 65535 ? 1 : Number(url.port) + 1}` };
  },
  "no Origin, Sec-Fetch-Site cross-site": () => ({ "Sec-Fetch-Site": "cross-site" }),
};

/** One request, sent as the door's person with whatever credentials and Origin the caller adds. */
type Attempt = {
  method: string;
  url: string;
  as: Person;
  /** The status it gets when it is let through. */
  ok: number;
  json?: unknown;
  multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }>;
  body?: Buffer;
  headers?: Record<string, string>;
  /** What a refused attempt must leave as it was, read with a token. */
  target: () => Promise<string>;
};

type Door = { id: string; prepare: () => Promise<Attempt> };

async function send(context: APIRequestContext, attempt: Attempt, headers: Record<string, string>): Promise<Answer> {
  const all = { ...attempt.headers, ...headers };
  const response = await context.fetch(attempt.url, {
    method: attempt.method,
    headers: all,
    maxRedirects: 0,
    ...(attempt.json !== undefined ? { data: attempt.json } : attempt.multipart ? { multipart: attempt.multipart } : attempt.body ? { data: attempt.body } : {}),
  });
  return answerOf(response);
}

/** A GET of `url` with `person`'s token: what a refused write must leave as it was. */
const read = (url: string, person: Person = "reviewer") => async () => {
  const response = await server.api.get(url, { headers: server.auth(person) });
  return `${response.status()} ${await response.text()}`;
};

/** The resource an API path writes to (the claim, item, source or person it names), or the path itself. */
const targetOf = (url: string) => /^\/api\/v1\/(claims|evidence|sources|persons)\/[^/]+/.exec(url)?.[0] ?? url;

// tus: created with a token, then written or ended with the cookie.
const TUS = { "Tus-Resumable": "1.0.0" };
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

async function createUpload(bytes: number): Promise<string> {
  const response = await server.api.post("/api/v1/uploads", {
    headers: { ...server.auth("reviewer"), ...TUS, "Upload-Length": String(bytes), "Upload-Metadata": `claimId ${b64(world.open.id)},filename ${b64(`${unique("tus")}.txt`)}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  return new URL(response.headers().location, server.base).pathname;
}

const uploadOffset = (upload: string) => async () => {
  const response = await server.api.head(upload, { headers: { ...server.auth("reviewer"), ...TUS } });
  return `${response.status()} ${response.headers()["upload-offset"]}`;
};

const text = () => Buffer.from(`Notes (${unique("origin")}) ${randomBytes(8).toString("hex")}\n`);

/** A new incident of the reviewer's, for one attempt. */
async function newIncident(): Promise<string> {
  const made = await call<{ id: string }>(
    server,
    "reviewer",
    "POST",
    "/api/v1/incidents",
    { title: unique("Origin incident"), language: "en", type: "killing", placeName: "Baniyas", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-08", datePrecision: "day" },
    201,
  );
  return made.id;
}

/** Doors the JSON attack list does not hold: no body, tus, a file. */
const OTHER_DOORS: Record<string, () => Promise<Attempt>> = {
  "DELETE /api/v1/claims/{claimId}/persons/{linkId}": async () => {
    const link = await addPerson(server, world.open.id);
    const url = `/api/v1/claims/${world.open.id}/persons/${link.linkId}`;
    return { method: "DELETE", url, as: "reviewer", ok: 204, target: read(`/api/v1/claims/${world.open.id}/persons`) };
  },
  "POST /api/v1/persons/{personId}/split": async () => {
    const [a, b] = [await addPerson(server, world.open.id), await addPerson(server, world.open.id)];
    await call(server, "reviewer", "POST", `/api/v1/persons/${a.person.id}/merge`, { intoId: b.person.id, reason: "The same man, two spellings." });
    return { method: "POST", url: `/api/v1/persons/${a.person.id}/split`, as: "reviewer", ok: 200, target: read(`/api/v1/persons/${b.person.id}`) };
  },
  // No body, and nothing of the reviewer's to revoke or reset that later attempts do not need: an id
  // that names nothing (404 when let through) and another's second factors (403 for a reviewer)
  // still show the origin check runs before the operation, and that nothing changes.
  "DELETE /api/v1/tokens/{tokenId}": async () => ({ method: "DELETE", url: `/api/v1/tokens/${randomUUID()}`, as: "reviewer", ok: 404, target: read(`/api/v1/claims/${world.open.id}`) }),
  "DELETE /api/v1/users/{userId}/second-factors": async () => ({
    method: "DELETE",
    url: `/api/v1/users/${randomUUID()}/second-factors`,
    as: "reviewer",
    ok: 403,
    target: read(`/api/v1/claims/${world.open.id}`),
  }),
  // Watching is not audited nor read back by the API: the refusal itself (CROSS_ORIGIN, before the operation) is what is checked.
  "PUT /api/v1/claims/{claimId}/watch": async () => ({ method: "PUT", url: `/api/v1/claims/${world.open.id}/watch`, as: "reviewer", ok: 200, target: read(`/api/v1/claims/${world.open.id}`) }),
  "DELETE /api/v1/views/{viewId}": async () => {
    const view = await call<{ id: string }>(server, "reviewer", "POST", "/api/v1/views", { name: unique("A view to delete"), filters: { state: "triage" } }, 201);
    return { method: "DELETE", url: `/api/v1/views/${view.id}`, as: "reviewer", ok: 204, target: read("/api/v1/views") };
  },
  // An incident's victim record and attribution, made for the attempt (issue 24).
  "DELETE /api/v1/incidents/{incidentId}/casualties/{recordId}": async () => {
    const incident = await newIncident();
    const recorded = await call<{ casualties: { id: string }[] }>(server, "reviewer", "POST", `/api/v1/incidents/${incident}/casualties`, { personId: world.personId }, 201);
    return { method: "DELETE", url: `/api/v1/incidents/${incident}/casualties/${recorded.casualties[0].id}`, as: "reviewer", ok: 200, target: read(`/api/v1/incidents/${incident}`) };
  },
  "DELETE /api/v1/incidents/{incidentId}/attributions/{attributionId}": async () => {
    const incident = await newIncident();
    const attributed = await call<{ attributions: { id: string }[] }>(server, "reviewer", "POST", `/api/v1/incidents/${incident}/attributions`, { perpetrator: "A group", grade: "probable", rationale: "Two videos.", sourceIds: [world.sourceA] }, 201);
    return { method: "DELETE", url: `/api/v1/incidents/${incident}/attributions/${attributed.attributions[0].id}`, as: "reviewer", ok: 200, target: read(`/api/v1/incidents/${incident}`) };
  },
  "DELETE /api/v1/claims/{claimId}/watch": async () => ({ method: "DELETE", url: `/api/v1/claims/${world.open.id}/watch`, as: "reviewer", ok: 200, target: read(`/api/v1/claims/${world.open.id}`) }),
  "POST /api/v1/uploads": async () => ({
    method: "POST",
    url: "/api/v1/uploads",
    as: "reviewer",
    ok: 201,
    headers: { ...TUS, "Upload-Length": "64", "Upload-Metadata": `claimId ${b64(world.open.id)},filename ${b64(`${unique("tus")}.txt`)}` },
    target: read(`/api/v1/claims/${world.open.id}/evidence`),
  }),
};

/** Not in the OpenAPI document (tus's protocol beyond its POST), and the multipart form of the evidence door. */
const EXTRA_DOORS: Door[] = [
  {
    id: "PATCH /api/v1/uploads/{id} (tus, the last chunk)",
    prepare: async () => {
      const body = text();
      const upload = await createUpload(body.length);
      return {
        method: "PATCH",
        url: upload,
        as: "reviewer",
        ok: 204,
        body,
        headers: { ...TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
        target: async () => `${await uploadOffset(upload)()} ${await read(`/api/v1/claims/${world.open.id}/evidence`)()}`,
      };
    },
  },
  {
    id: "DELETE /api/v1/uploads/{id} (tus termination)",
    prepare: async () => {
      const upload = await createUpload(64);
      return { method: "DELETE", url: upload, as: "reviewer", ok: 204, headers: TUS, target: uploadOffset(upload) };
    },
  },
  {
    id: "POST /api/v1/claims/{claimId}/evidence (multipart file)",
    prepare: async () => ({
      method: "POST",
      url: `/api/v1/claims/${world.open.id}/evidence`,
      as: "reviewer",
      ok: 201,
      multipart: { file: { name: `${unique("notes")}.txt`, mimeType: "text/plain", buffer: text() } },
      target: read(`/api/v1/claims/${world.open.id}/evidence`),
    }),
  },
];

type OpenApi = { paths: Record<string, Record<string, unknown>> };
const UNSAFE = ["post", "put", "patch", "delete"];

/** Every unsafe operation of the OpenAPI document, with a request that writes when let through. */
async function apiDoors(): Promise<Door[]> {
  const openapi = (await (await server.api.get("/api/v1/openapi.json")).json()) as OpenApi;
  const doors: Door[] = [];
  for (const [path, operations] of Object.entries(openapi.paths)) {
    for (const method of Object.keys(operations).filter((m) => UNSAFE.includes(m))) {
      const id = `${method.toUpperCase()} ${path}`;
      const json = JSON_DOORS.find((d) => d.method === method.toUpperCase() && d.path === path);
      const other = OTHER_DOORS[id];
      expect(json || other, `${id}: a request for the origin check (add it to OTHER_DOORS)`).toBeTruthy();
      doors.push({
        id: json?.label ? `${id} (${json.label})` : id,
        prepare: json
          ? async () => {
              const attempt = await json.prepare(server, world, null);
              return { method: json.method, url: attempt.url, as: attempt.as ?? json.as, ok: json.ok, json: attempt.body, target: read(targetOf(attempt.url), attempt.as ?? json.as) };
            }
          : other!,
      });
    }
  }
  return doors;
}

async function expectRefusedCrossOrigin(answer: Answer, what: string) {
  const body = expectRefusal(answer, what, { statuses: [403] });
  check.equal(body.error.code, "CROSS_ORIGIN", `${what}: ${answer.text}`);
}

test("every cookie-authenticated write door refuses other origins, changing nothing, and serves its own origin and tokens", async () => {
  const doors = [...(await apiDoors()), ...EXTRA_DOORS];
  expect(doors.length, "doors").toBeGreaterThan(25);
  const wrong: string[] = [];
  for (const door of doors) {
    await test.step(door.id, async () => {
      const attempt = await door.prepare();
      const cookie = sessions.get(attempt.as)!;
      const target = await attempt.target();
      for (const [where, headers] of Object.entries(HOSTILE)) {
        const what = `${door.id}, ${where}`;
        const before = await snapshot(server);
        await expectRefusedCrossOrigin(await send(cookie, attempt, headers(server.base)), what);
        await expectUnchanged(server, before, what);
        check.equal(await attempt.target(), target, `${what}: the target is as it was`);
      }
      const own = await send(cookie, attempt, { Origin: server.base });
      if (own.status !== attempt.ok) wrong.push(`${door.id} from its own origin: ${own.status} ${own.text.slice(0, 200)}`);
      const again = await door.prepare();
      const byToken = await send(server.api, again, { ...server.auth(again.as), Origin: "http://evil.example" });
      if (byToken.status !== again.ok) wrong.push(`${door.id} with a token and a foreign Origin: ${byToken.status} ${byToken.text.slice(0, 200)}`);
    });
  }
  expect(wrong, wrong.join("\n")).toEqual([]);
});

test("a server action posted from another origin is a 403 in the error shape, not Next's 500, and changes nothing", async () => {
  const action = builtActions().find((a) => a.file === "app/(workspace)/claims/new/actions.ts" && a.name === "submitClaimAction");
  expect(action, "submitClaimAction in the build").toBeTruthy();
  const title = unique("Posted across origins");
  const form = { bound: [], fields: { kind: "report", title, summary: "Submitted through the form from another origin.", language: "en" } };
  const submitter = sessions.get("submitter")!;
  // A script posts with the Next-Action header; a form without JavaScript names the action in its body.
  const posts = {
    "posted by the page's script": (headers: Record<string, string>) => sendAction(submitter, action!, form, {}, headers),
    "a form posted without JavaScript": (headers: Record<string, string>) =>
      submitter.post("/claims/new", { headers, multipart: { [`$ACTION_ID_${action!.id}`]: "", ...form.fields }, maxRedirects: 0 }),
  };
  for (const [how, post] of Object.entries(posts)) {
    for (const [where, headers] of Object.entries(HOSTILE)) {
      const what = `submitClaimAction ${how}, ${where}`;
      const before = await snapshot(server);
      await expectRefusedCrossOrigin(await answerOf(await post(headers(server.base))), what);
      await expectUnchanged(server, before, what);
    }
  }
  const queue = await call<{ items: { title: string }[] }>(server, "submitter", "GET", `/api/v1/claims?q=${encodeURIComponent(title)}`);
  expect(queue.items, "no claim was submitted").toEqual([]);

  const before = await snapshot(server);
  const own = await sendAction(submitter, action!, form, {}, { Origin: server.base });
  const outcome = readActionAnswer(own.status(), own.headers(), await own.text());
  expect(outcome.status, `from its own origin: ${outcome.detail}`).toBe(200);
  expect((await snapshot(server)).events, "the claim's submission is in the audit log").toBeGreaterThan(before.events);
});

test("an address with a %-escape changes nothing of this: a token from another origin is served, an action to a malformed address runs nothing", async () => {
  // Addresses with a "%" pass proxy.ts for its malformed-escape check, and only for that: the API
  // still decides who its callers are (a token from any origin is one).
  const title = unique("Escaped path");
  const byToken = await fetchAnswer(server.http, "/api/v1/cl%61ims", {
    method: "POST",
    headers: { ...server.auth("submitter"), "Content-Type": "application/json", Origin: "http://evil.example" },
    body: JSON.stringify({ kind: "report", title, summary: "Sent with a token to an escaped path.", language: "en" }),
  });
  expect(byToken.status, byToken.text.slice(0, 300)).toBe(201);
  expect((JSON.parse(byToken.text) as { title: string }).title).toBe(title);

  // A real action posted to an address no page has, from our own origin: a 404, and it does not run.
  const action = builtActions().find((a) => a.file === "app/(workspace)/claims/new/actions.ts" && a.name === "submitClaimAction");
  expect(action, "submitClaimAction in the build").toBeTruthy();
  const before = await snapshot(server);
  const posted = await sessions.get("submitter")!.post("/claims/%ZZ", {
    headers: { "Next-Action": action!.id, Accept: "text/x-component", Origin: server.base },
    multipart: { "0": JSON.stringify([{ ok: false, message: null }, "$K1"]), _1_kind: "report", _1_title: unique("Never"), _1_summary: "Never submitted.", _1_language: "en" },
    maxRedirects: 0,
  });
  const answer = await answerOf(posted);
  expect(answer.status, answer.text.slice(0, 300)).toBe(404);
  expect((JSON.parse(answer.text) as ErrorBody).error.code).toBe("NOT_FOUND");
  await expectUnchanged(server, before, "an action posted to a malformed address");
});

test("every server action answers JSON posted in its form's place without a 500: it reads as an empty form", async ({ playwright }) => {
  // Its own session: one of these is the sign-out.
  const session = await signedInRequest(playwright, server, "editor");
  const bodies: unknown[][] = [[{ locale: "en", returnTo: "//evil.example" }], ["text"], [null], [], [{ ok: false, message: null }, { title: "x" }], [[1, 2]]];
  try {
    for (const action of builtActions()) {
      for (const body of bodies) {
        const posted = await session.post(pagePath(action.pages[0], {}), {
          headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: server.base, "Content-Type": "text/plain;charset=UTF-8" },
          data: JSON.stringify(body),
          maxRedirects: 0,
        });
        const what = `${action.file}#${action.name} given ${JSON.stringify(body)}`;
        expect(posted.status(), `${what}: ${(await posted.text()).slice(0, 200)}`).toBeLessThan(500);
        expect(posted.headers()["location"] ?? "", what).not.toMatch(/^(?:https?:)?\/\/(?!127\.0\.0\.1|localhost)/);
      }
    }
  } finally {
    await session.dispose();
  }
});
