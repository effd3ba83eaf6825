/**
 * Loaded with `node --require` before Next.js starts, beside the peer-address preload (every
 * launcher uses lib/server/next-start.ts). What an operator needs of every server process, seen
 * from outside the app, so that no request escapes it:
 *
 * - **Request ids**: every request carries `x-request-id` — the one a trusted proxy in front sent
 *   (TRUSTED_PROXIES, by the app's rule, installed at boot; a plain token of at most 100
 *   characters), else a new UUID — and its answer names it.
 * - **Logs**: with LOG_FORMAT=json, everything the process writes through `console` becomes one
 *   JSON object per line (pino), and every request adds its line (id, method, route, status, ms).
 * - **Request metrics** (prom-client): counts by method, route and status, latencies by route, and
 *   the requests in flight, in the registry GET /api/v1/metrics serves (lib/server/metrics.ts adds
 *   the queue's, the audit chain's and the database pool's). Routes are the app's labels
 *   (lib/server/route-label.ts, installed at boot): a bounded set, never a raw path. What Node
 *   refuses to parse is counted (and logged) too, as `(unparsed)`.
 * - **Graceful shutdown**: on SIGTERM (or SIGINT) the server answers "not ready" and every answer
 *   closes its connection; after SHUTDOWN_DRAIN_SECONDS (0 by default: a balancer needs a few to
 *   notice) it stops accepting connections, closes idle ones, and closes those that have not begun
 *   a request within a second; the requests in flight finish; the app's hooks run (the job loops
 *   finish their current job; then the database closes); then the process exits 0 — or, past
 *   SHUTDOWN_TIMEOUT_SECONDS, exits anyway with status 1. A second SIGINT more than a second after
 *   the first exits at once (one Ctrl-C reaches the group and the launcher's copy: not two).
 *   Next's own handler is turned off (NEXT_MANUAL_SIG_HANDLE), as Next documents.
 *
 * - **Bad requests Next answers with a bare 500**: another method than GET or HEAD on a file of
 *   public/, and a page's post over Next's server-action body limit, answered before Next
 *   (`answeredBeforeTheApp`).
 *
 * The app reaches all this through globalThis (lib/server/operations.ts); in a process without
 * this preload (dev, tests) it falls back to a registry of its own and no shutdown hooks.
 */
"use strict";
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
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
/** The answers being made, each with its connection. */
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
/** Every open connection, and whether a request is being answered on it. */
const sockets = new Set();
const listen = http.Server.prototype.listen;
// The server Next makes, to close at shutdown (Node publishes no channel for a listen before v22),
// and what Node answers itself (a request it cannot parse): counted and logged too.
http.Server.prototype.listen = function listenAndRemember(...args) {
  if (!servers.has(this)) {
    servers.add(this);
    this.on("clientError", answerClientError);
    // Next's handler (given to createServer) runs after the requests answered here.
    const handlers = this.listeners("request");
    this.removeAllListeners("request");
    this.on("request", function gated(request, response) {
      if (answeredBeforeTheApp(request, response)) return;
      for (const handler of handlers) handler.call(this, request, response);
    });
  }
  return listen.apply(this, args);
};
diagnostics.subscribe("net.server.socket", ({ socket }) => {
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});

/**
 * Node's own answer to a request it cannot parse (what it does when no one listens: 400, 431 for
 * headers too large, 408 for a timeout), now with a metric and a log line. No request id: there
 * is no request.
 */
function answerClientError(error, socket) {
  // A client that went away is not a request refused.
  if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? 413 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  requestsTotal.inc({ method: "OTHER", route: "(unparsed)", status: String(status) });
  if (LOG_JSON) logger.warn({ route: "(unparsed)", status, code: error.code }, "request not parsed");
  // As Node answers when no one listens: only if nothing was written on the connection yet.
  if (socket.bytesWritten === 0) socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
  socket.destroy();
}

// --- bad requests Next would answer with a bare 500 ------------------------------------------------
/** The files of public/ as their addresses (`/icons/icon-192.png`): Next serves those present when it starts. */
function publicAddresses(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? publicAddresses(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
  );
}
const PUBLIC_FILES = new Set(publicAddresses(path.join(__dirname, "..", "..", "public")));
/** Next's limit on a server action's body (`serverActions.bodySizeLimit`, "1 MB" by default, not raised in next.config.ts). */
const ACTION_BODY_LIMIT = 1024 * 1024;
/** That answer's words in each catalogue's language (lib/i18n/messages/<locale>.json), read once: only the one string is kept. */
const MESSAGES_DIR = path.join(__dirname, "..", "i18n", "messages");
const TOO_LARGE = Object.fromEntries(
  fs.readdirSync(MESSAGES_DIR).filter((file) => file.endsWith(".json")).map((file) => [path.basename(file, ".json"), JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, file), "utf8")).errors.actionBodyTooLarge]),
);
/**
 * The reader's language, as the proxy takes it (negotiateLocale, lib/i18n/locales.ts, which this
 * CommonJS file cannot import): the switch's cookie (LOCALE_COOKIE), else the first language of
 * Accept-Language there are words for, else English.
 */
function readerLanguage(request) {
  const chosen = /(?:^|;\s*)corroborate-locale=(\w+)/.exec(request.headers.cookie ?? "")?.[1];
  if (chosen && TOO_LARGE[chosen]) return chosen;
  for (const part of String(request.headers["accept-language"] ?? "").split(",")) {
    const language = part.trim().split(/[-;]/)[0].toLowerCase();
    if (TOO_LARGE[language]) return language;
  }
  return "en";
}

/**
 * Two kinds of bad request that Next answers with a bare 500 (`Internal Server Error`), answered
 * here instead, before the app:
 * - any method but GET and HEAD on a file of public/ (an icon, the favicon): 405 with `Allow`, and
 *   OPTIONS a 204 with it;
 * - a post to a page (every post outside /api/ is a server action) whose Content-Length is over
 *   Next's limit: 413 in the API's error shape, in the reader's language. The body is not read
 *   for the app; Node reads and drops it before the connection serves another request. (A body
 *   sent in chunks, with no length, still meets Next's own limit.)
 */
function answeredBeforeTheApp(request, response) {
  // Every GET and HEAD goes straight on: nothing of the address is read for them.
  if (request.method === "GET" || request.method === "HEAD") return false;
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  } catch {
    return false; // a malformed address: the proxy answers it
  }
  if (PUBLIC_FILES.has(pathname)) {
    response.setHeader("allow", "GET, HEAD, OPTIONS");
    if (request.method === "OPTIONS") {
      response.writeHead(204).end();
    } else {
      response.writeHead(405, { "content-type": "text/plain; charset=utf-8" }).end(`${http.STATUS_CODES[405]}\n`);
    }
    return true;
  }
  if (request.method === "POST" && !pathname.startsWith("/api/") && Number(request.headers["content-length"]) > ACTION_BODY_LIMIT) {
    const message = TOO_LARGE[readerLanguage(request)];
    response.writeHead(413, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: { code: "PAYLOAD_TOO_LARGE", message } }));
    return true;
  }
  return false;
}

/** Whether a peer is one of TRUSTED_PROXIES, whose request id is believed: the app's own rule (lib/auth/trusted-proxies.ts), installed at boot; none before. */
let isTrusted = () => false;

diagnostics.subscribe("http.server.request.start", ({ request, response, socket }) => {
  const sent = request.headers["x-request-id"];
  const id = typeof sent === "string" && REQUEST_ID.test(sent) && isTrusted(socket.remoteAddress) ? sent : randomUUID();
  request.headers["x-request-id"] = id;
  response.setHeader("x-request-id", id);
  if (draining) response.setHeader("connection", "close");
  const started = process.hrtime.bigint();
  inFlight.set(response, socket);
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
    const finished = response.writableFinished;
    requestsTotal.inc({ method, route, status: finished ? String(response.statusCode) : "aborted" });
    requestSeconds.observe({ method, route }, seconds);
    if (LOG_JSON) logger.info({ reqId: id, method, route, status: finished ? response.statusCode : null, aborted: !finished, ms: Math.round(seconds * 1000) }, "request");
  });
});

// --- shutdown -----------------------------------------------------------------------------------
const stopHooks = [];
const closeHooks = [];
const DRAIN_MS = (Number(process.env.SHUTDOWN_DRAIN_SECONDS) >= 0 ? Number(process.env.SHUTDOWN_DRAIN_SECONDS) : 0) * 1000;
/** A connection that has sent no request this long after shutdown began is closed (a request arriving slowly gets this much). */
const UNSTARTED_GRACE_MS = 1_000;
let firstSignalAt = 0;

async function shutdown(signal) {
  if (draining) {
    // A terminal's Ctrl-C reaches the whole process group, and a launcher forwards its copy: one
    // press, two signals. A second press, later, exits at once.
    if (signal === "SIGINT" && Date.now() - firstSignalAt > 1_000) process.exit(130);
    return;
  }
  draining = true;
  firstSignalAt = Date.now();
  console.log(`[server] ${signal}: finishing ${inFlight.size} request(s) in flight and the current job, then exiting (at most ${SHUTDOWN_TIMEOUT_MS / 1000} s)`);
  setTimeout(() => {
    console.error(`[server] still busy after ${SHUTDOWN_TIMEOUT_MS / 1000} s (${inFlight.size} request(s) in flight): exiting anyway`);
    for (const server of servers) server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  // Answers still to come close their connections.
  for (const response of inFlight.keys()) if (!response.headersSent) response.setHeader("connection", "close");
  const stopped = stopHooks.map((hook) => Promise.resolve().then(hook).catch((error) => console.error("[server] stopping:", error)));
  // Still serving, not ready (SHUTDOWN_DRAIN_SECONDS): the balancer sees it and stops sending;
  // every answer meanwhile closes its connection, so none is closed under a request in transit.
  if (DRAIN_MS > 0) await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  const closingAt = Date.now();
  // Idle keep-alive connections close now and as answers finish (Node's close() closes only those
  // idle when it is called); a connection that never began a request closes after a grace.
  const sweep = setInterval(() => {
    for (const server of servers) server.closeIdleConnections();
    if (Date.now() - closingAt < UNSTARTED_GRACE_MS) return;
    const answering = new Set(inFlight.values());
    for (const socket of sockets) if (!answering.has(socket)) socket.destroy();
  }, 50);
  const closed = [...servers].map((server) => new Promise((resolve) => server.close(() => resolve())));
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
  setTrustedPeer: (trustedPeer) => {
    isTrusted = trustedPeer;
  },
};
