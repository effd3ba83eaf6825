/**
 * Loaded with `node --require` before Next.js starts, beside the peer-address preload (every
 * launcher uses lib/server/next-start.ts). What an operator needs of every server process, seen
 * from outside the app, so that no request escapes it:
 *
 * - **Request ids**: every request carries `x-request-id` — the one a proxy in front sent (when it
 *   is a plain token of at most 100 characters), else a new UUID — and its answer names it.
 * - **Logs**: with LOG_FORMAT=json, everything the process writes through `console` becomes one
 *   JSON object per line (pino), and every request adds its line (id, method, route, status, ms).
 * - **Request metrics** (prom-client): counts by method, route and status, latencies by route, and
 *   the requests in flight, in the registry GET /api/v1/metrics serves (lib/server/metrics.ts adds
 *   the queue's, the audit chain's and the database pool's). Routes are the app's labels
 *   (lib/server/route-label.ts, installed at boot): a bounded set, never a raw path.
 * - **Graceful shutdown**: on SIGTERM (or SIGINT) the server stops accepting connections and
 *   answers "not ready"; the requests in flight finish, each answer closing its connection; the
 *   app's hooks run (the job loops finish their current job; then the database closes); then the
 *   process exits — or, past SHUTDOWN_TIMEOUT_SECONDS, exits anyway with status 1. A second SIGINT
 *   exits at once. Next's own handler is turned off (NEXT_MANUAL_SIG_HANDLE), as Next documents.
 *
 * The app reaches all this through globalThis (lib/server/operations.ts); in a process without
 * this preload (dev, tests) it falls back to a registry of its own and no shutdown hooks.
 */
"use strict";
const http = require("node:http");
const diagnostics = require("node:diagnostics_channel");
const { randomUUID } = require("node:crypto");
const util = require("node:util");
const pino = require("pino");
const prom = require("prom-client");

const LOG_JSON = process.env.LOG_FORMAT === "json";
const SHUTDOWN_TIMEOUT_MS = (Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) > 0 ? Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) : 25) * 1000;
const REQUEST_ID = /^[\w.:-]{1,100}$/;
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

process.env.NEXT_MANUAL_SIG_HANDLE = "true";

// --- logs ---------------------------------------------------------------------------------------
const logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
if (LOG_JSON) {
  const write = (level) => (...args) => logger[level](util.format(...args));
  console.log = write("info");
  console.info = write("info");
  console.warn = write("warn");
  console.error = write("error");
}

// --- metrics ------------------------------------------------------------------------------------
const registry = new prom.Registry();
prom.collectDefaultMetrics({ register: registry, prefix: "corroborate_" });
const inFlight = new Map();
const requestsTotal = new prom.Counter({
  name: "corroborate_http_requests_total",
  help: "HTTP requests answered, by method, route and status",
  labelNames: ["method", "route", "status"],
  registers: [registry],
});
const requestSeconds = new prom.Histogram({
  name: "corroborate_http_request_duration_seconds",
  help: "Time from a request's arrival to the end of its answer, by method and route",
  labelNames: ["method", "route"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
new prom.Gauge({
  name: "corroborate_http_requests_in_flight",
  help: "Requests being answered now",
  registers: [registry],
  collect() {
    this.set(inFlight.size);
  },
});
let routeLabel = () => "(starting)";

// --- requests -----------------------------------------------------------------------------------
let draining = false;
const servers = new Set();
const listen = http.Server.prototype.listen;
// The server Next makes, to close at shutdown (Node publishes no channel for a listen before v22).
http.Server.prototype.listen = function listenAndRemember(...args) {
  servers.add(this);
  return listen.apply(this, args);
};

diagnostics.subscribe("http.server.request.start", ({ request, response, server }) => {
  servers.add(server);
  const sent = request.headers["x-request-id"];
  const id = typeof sent === "string" && REQUEST_ID.test(sent) ? sent : randomUUID();
  request.headers["x-request-id"] = id;
  response.setHeader("x-request-id", id);
  if (draining) response.setHeader("connection", "close");
  const started = process.hrtime.bigint();
  inFlight.set(response, started);
  response.once("close", () => {
    inFlight.delete(response);
    const method = METHODS.has(request.method) ? request.method : "OTHER";
    let route;
    try {
      route = routeLabel(new URL(request.url ?? "/", "http://x").pathname);
    } catch {
      route = "(unreadable)";
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // An answer cut short (the client went away) has no status of its own.
    const status = response.writableFinished ? String(response.statusCode) : "aborted";
    requestsTotal.inc({ method, route, status });
    requestSeconds.observe({ method, route }, seconds);
    if (LOG_JSON) logger.info({ reqId: id, method, route, status: response.statusCode, aborted: !response.writableFinished, ms: Math.round(seconds * 1000) }, "request");
  });
});

// --- shutdown -----------------------------------------------------------------------------------
const stopHooks = [];
const closeHooks = [];

async function shutdown(signal) {
  if (draining) {
    if (signal === "SIGINT") process.exit(130);
    return;
  }
  draining = true;
  console.log(`[server] ${signal}: finishing ${inFlight.size} request(s) in flight and the current job, then exiting (at most ${SHUTDOWN_TIMEOUT_MS / 1000} s)`);
  setTimeout(() => {
    console.error(`[server] still busy after ${SHUTDOWN_TIMEOUT_MS / 1000} s (${inFlight.size} request(s) in flight): exiting anyway`);
    for (const server of servers) server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  // Answers still to come close their connections; idle keep-alive connections close now and as
  // answers finish (Node's close() closes only those idle at the moment it is called).
  for (const response of inFlight.keys()) if (!response.headersSent) response.setHeader("connection", "close");
  const sweep = setInterval(() => {
    for (const server of servers) server.closeIdleConnections();
  }, 50);
  const closed = [...servers].map((server) => new Promise((resolve) => server.close(() => resolve())));
  const stopped = stopHooks.map((hook) => Promise.resolve().then(hook).catch((error) => console.error("[server] stopping:", error)));
  await Promise.all([...closed, ...stopped]);
  clearInterval(sweep);
  for (const hook of closeHooks) await Promise.resolve().then(hook).catch((error) => console.error("[server] closing:", error));
  console.log("[server] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

globalThis[Symbol.for("corroborate.operations")] = {
  registry,
  logger,
  isDraining: () => draining,
  /** Called when shutdown begins; awaited with the requests in flight (the job loops: stop after the current job). */
  onShutdown: (hook) => stopHooks.push(hook),
  /** Called once every request and stop hook is done (the database closes). */
  afterShutdown: (hook) => closeHooks.push(hook),
  setRouteLabel: (label) => {
    routeLabel = label;
  },
};
