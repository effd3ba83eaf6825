import { randomUUID } from "node:crypto";
import { bearer } from "./support/api";
import { expect, test } from "./support/fixtures";
import { E2E_METRICS_TOKEN } from "./support/operations";

/**
 * What an operator's tools read of a server (issue 25): the probes, request ids and the metrics.
 * Shutdown, several servers and the schema check run in e2e/security/servers.spec.ts.
 */

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
