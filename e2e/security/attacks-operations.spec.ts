import net from "node:net";
import { E2E_METRICS_TOKEN } from "../support/operations";
import { expect, newDataDir, removeDataDir, startServer, type TestServer, test } from "../support/server";

/**
 * The operators' doors (issue 25) attacked: the metrics' labels cannot be multiplied by made-up
 * requests, the metrics open to their token alone, request ids are never echoed unless they are
 * plain tokens, and every log line stays one JSON object whatever the request held. A server of
 * its own, logging JSON.
 */

let server: TestServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = newDataDir();
  server = await startServer(dataDir, { LOG_FORMAT: "json" });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeDataDir(dataDir);
});

/** One request written byte for byte on a fresh connection (what no well-behaved client sends); the answer's head. */
function raw(base: string, text: string, localAddress = "127.0.0.1"): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: Number(port), host: hostname, localAddress }, () => socket.write(text));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n\r\n")) socket.destroy();
    });
    socket.on("close", () => resolve(answer.split("\r\n\r\n")[0]));
    socket.on("error", reject);
    socket.setTimeout(15_000, () => socket.destroy());
  });
}

const headerOf = (head: string, name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function scrape(): Promise<string> {
  const response = await fetch(`${server.base}/api/v1/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const seriesOf = (text: string, metric: string) => text.split("\n").filter((line) => line.startsWith(`${metric}{`));

test("made-up paths, methods and encodings cannot multiply the metrics' series", async () => {
  const before = seriesOf(await scrape(), "corroborate_http_requests_total").length;
  const paths = [
    ...Array.from({ length: 150 }, (_, i) => `/made-up-${i}/${"z".repeat(i)}`),
    ...Array.from({ length: 50 }, (_, i) => `/api/v1/made-up-${i}`),
    ...Array.from({ length: 50 }, (_, i) => `/api/v1/claims/${i}-not-an-id/transitions`),
    ...Array.from({ length: 30 }, (_, i) => `/ar/entries/slug-${i}`),
    `/${"%C0%AF".repeat(40)}`,
    `/api/v1/${"%ZZ".repeat(10)}`,
    `/${"a/".repeat(500)}`,
    "/%00",
  ];
  for (let i = 0; i < paths.length; i += 20) await Promise.all(paths.slice(i, i + 20).map((p) => fetch(`${server.base}${p}`).catch(() => null)));
  for (const method of ["PROPFIND", "BREW", "M-SEARCH"]) await raw(server.base, `${method} /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  const text = await scrape();
  const after = seriesOf(text, "corroborate_http_requests_total");
  // 283 distinct paths and three methods: a handful of series, not hundreds.
  expect(after.length - before, after.join("\n")).toBeLessThanOrEqual(12);
  for (const line of after) {
    const route = /route="([^"]*)"/.exec(line)?.[1] ?? "";
    expect(route, line).toMatch(/^(\/api\/v1\/[\w/{}.-]*|\/api\/v1\/\(unknown\)|\/api\/auth|\/_next|\/[\w-]*(\/…)?|\(other\)|\(starting\)|\(unreadable\)|\(unparsed\))$/);
    expect(/method="([^"]*)"/.exec(line)?.[1], line).toMatch(/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|OTHER)$/);
  }
  expect(text).not.toContain("made-up");
  expect(text).not.toContain("not-an-id");
});

test("the metrics open to their bearer token only: not in the query, not as Basic, not a prefix, not a person's token", async () => {
  const attempts: [string, RequestInit & { path?: string }][] = [
    ["no credentials", {}],
    ["token in the query", { path: `/api/v1/metrics?token=${E2E_METRICS_TOKEN}` }],
    ["Basic", { headers: { authorization: `Basic ${Buffer.from(`metrics:${E2E_METRICS_TOKEN}`).toString("base64")}` } }],
    ["a prefix", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN.slice(0, -1)}` } }],
    // (A trailing space is not an attempt: HTTP strips a header value's surrounding whitespace.)
    ["after two spaces", { headers: { authorization: `Bearer  ${E2E_METRICS_TOKEN}` } }],
    ["twice", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}, Bearer ${E2E_METRICS_TOKEN}` } }],
    ["a lower-case scheme", { headers: { authorization: `bearer ${E2E_METRICS_TOKEN}` } }],
    ["an admin's API token", { headers: { authorization: `Bearer ${server.tokens["admin@demo.test"]}` } }],
    ["as a cookie", { headers: { cookie: `token=${E2E_METRICS_TOKEN}` } }],
  ];
  for (const [what, init] of attempts) {
    const response = await fetch(`${server.base}${init.path ?? "/api/v1/metrics"}`, init);
    expect(response.status, what).toBe(401);
    const body = await response.text();
    expect(JSON.parse(body).error.code, what).toBe("UNAUTHORIZED");
    expect(body, what).not.toContain("corroborate_");
  }
  // Reads only: no other method is served there.
  expect((await fetch(`${server.base}/api/v1/metrics`, { method: "POST", headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).status).toBe(405);
  expect((await fetch(`${server.base}/api/v1/health/ready`, { method: "DELETE" })).status).toBe(405);
});

test("a request id is echoed only from a trusted proxy and only when it is a plain token; anything else is replaced, and no header is split", async () => {
  const sent = [
    ["<script>alert(1)</script>", false],
    ["../../etc/passwd", false],
    ['"quoted"', false],
    ["a".repeat(101), false],
    ["a".repeat(100), true],
    ["lb.7f3a:2-x_1", true],
    ["", false],
  ] as const;
  for (const [id, echoed] of sent) {
    const head = await raw(server.base, `GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n`);
    const answered = headerOf(head, "x-request-id");
    if (echoed) expect(answered, id).toBe(id);
    else expect(answered, id).toMatch(UUID);
  }
  // From a client that is not a trusted proxy (the tests' proxy is 127.0.0.1): never believed.
  const untrusted = await raw(server.base, "GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: chosen-by-client\r\nConnection: close\r\n\r\n", "127.0.0.2");
  expect(headerOf(untrusted, "x-request-id")).toMatch(UUID);
  // Two ids (a proxy's and a client's): neither is believed.
  const twice = await raw(server.base, "GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: one\r\nX-Request-Id: two\r\nConnection: close\r\n\r\n");
  expect(headerOf(twice, "x-request-id")).toMatch(UUID);
  // A header split by a bare CR or LF is refused by the parser before any of ours runs; nothing is set from it.
  const split = await raw(server.base, "GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\rSet-Cookie: stolen=1\r\nConnection: close\r\n\r\n");
  expect(split).toMatch(/^HTTP\/1\.1 400/);
  expect(split).not.toMatch(/set-cookie: stolen/i);
});

test("every log line stays one JSON object, whatever the request's path and id held", async () => {
  const marker = `logline${Date.now()}`;
  await raw(server.base, `GET /${marker}/%0A%0D%22%7D%7B%22level%22:60,%22msg%22:%22forged%22%7D HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${marker}\r\nConnection: close\r\n\r\n`);
  await raw(server.base, `GET /api/v1/claims/${marker}%22%0A HTTP/1.1\r\nHost: x\r\nUser-Agent: "}\\n{"level":60}\r\nConnection: close\r\n\r\n`);
  await expect.poll(() => server.stdout().includes(`"reqId":"${marker}"`), { timeout: 10_000 }).toBe(true);
  const lines = server.stdout().split("\n").filter((line) => line.trim() !== "");
  const broken = lines.filter((line) => {
    try {
      const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown };
      return typeof parsed.level !== "number" || typeof parsed.msg !== "string";
    } catch {
      return true;
    }
  });
  // Only the first chunk kept may have been cut mid-line.
  expect(broken.slice(1), broken.slice(1, 5).join("\n")).toEqual([]);
  const ours = lines.filter((line) => line.includes(marker)).map((line) => JSON.parse(line) as { route: string; msg: string; level: number });
  expect(ours.length).toBeGreaterThanOrEqual(1);
  for (const line of ours) {
    expect(line.msg).toBe("request");
    expect(line.level).toBe(30);
    // The path is never logged, only its route: the forged object is not in any line.
    expect(line.route).not.toContain("forged");
  }
  expect(server.stdout()).not.toContain('"msg":"forged"');
});

test("what Node refuses to parse is answered as Node does, and counted and logged without a request id", async () => {
  const before = await scrape();
  const count = (text: string, status: number) => Number(new RegExp(`^corroborate_http_requests_total\\{method="OTHER",route="\\(unparsed\\)",status="${status}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  const bad = await raw(server.base, "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n");
  expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  const large = await raw(server.base, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(70_000)}\r\n\r\n`);
  expect(large).toMatch(/^HTTP\/1\.1 431/);
  const after = await scrape();
  expect(count(after, 400) - count(before, 400)).toBe(1);
  expect(count(after, 431) - count(before, 431)).toBe(1);
  await expect.poll(() => server.stdout().includes('"route":"(unparsed)"'), { timeout: 10_000 }).toBe(true);
});
