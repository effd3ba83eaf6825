import { AppError } from "./app-error";
import { tr } from "@/lib/i18n/translate";

/**
 * The database cannot be reached (PostgreSQL stopped, restarting, or the connection dropped): a
 * 503 with Retry-After, not a 500. The pool makes new connections on the next request, so the app
 * recovers by itself once the database is back.
 */

/** How long a client should wait before trying again. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

// Socket-level failures (node:net, dns) on connecting or mid-query.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

// SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
// shutting down, in recovery), 53300 too_many_connections; class 08 is "connection exception".
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

// node-postgres says these without a code.
const MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /not queryable/i, // "Client has encountered a connection error and is not queryable"
  /^timeout exceeded when trying to connect/i,
  /^Client was closed and is not queryable/i,
];

function isConnectionFailure(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === "string" && MESSAGES.some((m) => m.test(message));
}

/**
 * The lost or refused database connection behind this error, if that is what it is: the error
 * itself or what caused it (drizzle wraps driver errors in `cause`; node's connect may throw an
 * AggregateError of one failure per address).
 */
export function connectionFailureOf(error: unknown): Error | null {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const next = queue.shift();
    if (!next || typeof next !== "object" || seen.has(next)) continue;
    seen.add(next);
    if (next instanceof AppError) return null;
    if (isConnectionFailure(next)) return next as Error;
    queue.push((next as { cause?: unknown }).cause);
    if (next instanceof AggregateError) queue.push(...next.errors);
  }
  return null;
}

const unavailable = () =>
  new AppError("UNAVAILABLE", tr("errors.database.unavailable"), {
    retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
  });

/** The 503 this error stands for when it is a lost or refused database connection; null otherwise. */
export function unavailableError(error: unknown): AppError | null {
  return connectionFailureOf(error) ? unavailable() : null;
}

/**
 * What every door (API, server actions, tus) answers for a thrown error: a lost or refused
 * database connection becomes the 503, logged once with its cause; anything else is as thrown.
 */
export function asDoorError(thrown: unknown): unknown {
  const failure = connectionFailureOf(thrown);
  if (!failure) return thrown;
  console.error("[db] unavailable:", failure.message);
  return unavailable();
}
