import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { bearer } from "./support/api";
import { auditHead } from "./support/audit-head";
import { expect, PEOPLE, signIn, test } from "./support/fixtures";
import { E2E_METRICS_TOKEN } from "./support/operations";

/**
 * What an operator's tools read of a server (issue 25): the probes, request ids and the metrics.
 * Shutdown, several servers and the schema check run in e2e/security/servers.spec.ts.
 */

const catalogue = (language: "en" | "ar") => JSON.parse(fs.readFileSync(`lib/i18n/messages/${language}.json`, "utf8")) as { errors: { actionBodyTooLarge: string } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("the probes: live touches nothing, ready says the database answers on this code's schema", async ({ request }) => {
  const live = await request.get("/api/v1/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ ok: true });
  const ready = await request.get("/api/v1/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true });
  expect(ready.headers()["cache-control"]).toBe("no-store");
  // The probes read no credentials: a forged token is not even looked at.
  expect((await request.get("/api/v1/health/ready", { headers: { authorization: "Bearer forged" } })).status()).toBe(200);
});

test("every answer names its request: the proxy's id when it is a plain token, else a new one", async ({ request }) => {
  const fresh = await request.get("/api/v1/health/live");
  expect(fresh.headers()["x-request-id"]).toMatch(UUID);
  const page = await request.get("/methodology");
  expect(page.headers()["x-request-id"]).toMatch(UUID);
  expect(page.headers()["x-request-id"]).not.toBe(fresh.headers()["x-request-id"]);
  const passed = await request.get("/api/v1/health/live", { headers: { "x-request-id": "lb-7f3a.2:9" } });
  expect(passed.headers()["x-request-id"]).toBe("lb-7f3a.2:9");
  // Not a token (spaces, markup, too long): replaced, never echoed.
  for (const sent of ["two words", "<script>", "x".repeat(101)]) {
    const replaced = await request.get("/api/v1/health/live", { headers: { "x-request-id": sent } });
    expect(replaced.headers()["x-request-id"]).toMatch(UUID);
  }
});

test("the metrics: only for the server's metrics token, by route and never by path, with the queue, the chain and the process", async ({ request }) => {
  const anonymous = await request.get("/api/v1/metrics");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("UNAUTHORIZED");
  // A person's API token, even an admin's, is not the metrics token.
  expect((await request.get("/api/v1/metrics", { headers: bearer("admin") })).status()).toBe(401);
  expect((await request.get("/api/v1/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}x` } })).status()).toBe(401);

  // A request whose path holds an id: counted under its operation's template.
  const missing = randomUUID();
  expect((await request.get(`/api/v1/claims/${missing}`, { headers: bearer("reviewer") })).status()).toBe(404);
  const scraped = await request.get("/api/v1/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toContain("text/plain");
  const text = await scraped.text();
  expect(text).not.toContain(missing);
  const value = (series: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  expect(value('corroborate_http_requests_total{method="GET",route="/api/v1/claims/{claimId}",status="404"}')).toBeGreaterThanOrEqual(1);
  expect(value('corroborate_http_request_duration_seconds_count{method="GET",route="/api/v1/claims/{claimId}"}')).toBeGreaterThanOrEqual(1);
  expect(text).toContain('corroborate_http_request_duration_seconds_bucket{le="0.1",method="GET",route="/api/v1/claims/{claimId}"}');
  expect(value("corroborate_http_requests_in_flight")).toBeGreaterThanOrEqual(1);
  for (const state of ["due", "waiting_to_retry", "running"]) expect(value(`corroborate_jobs{state="${state}"}`)).toBeGreaterThanOrEqual(0);
  expect(value("corroborate_jobs_oldest_due_seconds")).toBeGreaterThanOrEqual(0);
  // The demo's events at least.
  expect(value("corroborate_audit_chain_length")).toBeGreaterThan(10);
  expect(value("corroborate_process_resident_memory_bytes")).toBeGreaterThan(0);
  expect(text).toContain("corroborate_nodejs_eventloop_lag_p99_seconds");
  // No route label is a raw path: each is a template, a page's first segment (`/manifest.webmanifest` is one), or one of a few words.
  const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
  for (const route of routes) expect(route).toMatch(/^(\/api\/v1\/[\w/{}.-]*|\/api\/v1\/\(unknown\)|\/api\/auth|\/_next|\/[\w.-]*(\/…)?|\(other\)|\(starting\)|\(unreadable\)|\(unparsed\))$/);
});

test("bad requests that Next answers with a bare 500 are answered first: another method on a public file, a form's body over 1 MB", async ({ request, baseURL }) => {
  await signIn(request, PEOPLE.submitter.email); // an audited event: before the head is read
  const client = { base: baseURL!, timeout: 30_000 };
  const headBefore = await auditHead(client, bearer("admin"));
  const icon = await request.get("/icons/icon-192.png");
  expect(icon.status()).toBe(200);
  for (const path of ["/icons/icon-192.png", "/readme/claim.png"]) {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const answer = await request.fetch(path, { method, data: "x" });
      expect(answer.status(), `${method} ${path}`).toBe(405);
      expect(answer.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
      expect(await answer.text()).toBe("Method Not Allowed\n");
    }
    const options = await request.fetch(path, { method: "OPTIONS" });
    expect(options.status()).toBe(204);
    expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  }
  // The files themselves are untouched and still served.
  expect(Buffer.compare(await (await request.get("/icons/icon-192.png")).body(), await icon.body())).toBe(0);

  // A page's form posted with a body over Next's 1 MB: a 413 saying so, in the reader's language,
  // whether the post is a script's (Next-Action) or a form's without script.
  const title = "x".repeat(1024 * 1024 + 1);
  const origin = { origin: new URL(baseURL!).origin };
  for (const [headers, language] of [
    [{ ...origin, "next-action": "7f".padEnd(42, "0") }, "en"],
    [{ ...origin, cookie: "corroborate-locale=ar" }, "ar"],
    [{ ...origin, "accept-language": "ar-SY,ar;q=0.9,en;q=0.5" }, "ar"],
  ] as const) {
    const answer = await request.post("/claims/new", { headers, form: { title } });
    expect(answer.status(), JSON.stringify(headers)).toBe(413);
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toBe(catalogue(language).errors.actionBodyTooLarge);
  }
  // Up to the limit, the post reaches the app (which refuses this one for its own reasons, not its size).
  const within = await request.post("/claims/new", { headers: origin, form: { title: "x".repeat(1000) } });
  expect(within.status()).not.toBe(413);
  expect(within.status()).toBeLessThan(500);
  // The API keeps its own limits and shape.
  expect((await request.fetch("/api/v1/health/live", { method: "POST", data: "x" })).status()).not.toBe(500);
  expect(await auditHead(client, bearer("admin")), "the audit chain, unchanged").toEqual(headBefore);
});
