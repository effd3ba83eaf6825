import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { rowsOf } from "@/db/connect";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { databasePool, getDb } from "./database";
import { serverOperations } from "./operations";
import { within } from "./within";

/**
 * GET /api/v1/metrics: Prometheus's text format, for whoever holds METRICS_TOKEN (a bearer token
 * an operator gives Prometheus; not a person's API token, which a scraper should not hold). Not
 * served without one. The request series come from the operations preload; these gauges are read
 * at each scrape: the job queue (due and running jobs, the age of the oldest due one: at most
 * QUEUE_SCAN rows read, a bound however long the queue grows), the audit chain's length, and the
 * database pool of this server. A database that does not answer within DATABASE_WAIT_MS leaves
 * its figures out (`corroborate_database_up` 0); the rest is served all the same.
 */
const QUEUE_SCAN = 10_000;

/** A scrape waits this long for the database's figures, then is answered without them. */
const DATABASE_WAIT_MS = 2_000;

type DatabaseFigures = { due: number; waitingToRetry: number; running: number; oldestDueSeconds: number; chainLength: number };

async function readDatabaseFigures(): Promise<DatabaseFigures> {
  const db = await getDb();
  // Each state's first QUEUE_SCAN rows in run_after order (the due index): the oldest due job is among them.
  const rows = rowsOf<{ state: string; n: number; due: number; oldest: number | null }>(
    await db.execute(sql`
      select state, count(*)::int as n, count(*) filter (where run_after <= now())::int as due,
             extract(epoch from now() - min(run_after) filter (where run_after <= now()))::float8 as oldest from (
        (select state, run_after from jobs where state = 'pending' order by state, run_after limit ${QUEUE_SCAN})
        union all
        (select state, run_after from jobs where state = 'running' order by state, run_after limit ${QUEUE_SCAN})
      ) q group by state`),
  );
  const pending = rows.find((row) => row.state === "pending");
  return {
    due: pending?.due ?? 0,
    waitingToRetry: (pending?.n ?? 0) - (pending?.due ?? 0),
    running: rows.find((row) => row.state === "running")?.n ?? 0,
    oldestDueSeconds: Math.max(0, pending?.oldest ?? 0),
    chainLength: (await readAuditHead(db))?.seq ?? 0,
  };
}

/** The database's figures, or null when it does not answer within DATABASE_WAIT_MS (the scrape goes on without them). */
async function databaseFigures(): Promise<DatabaseFigures | null> {
  return within(readDatabaseFigures(), DATABASE_WAIT_MS, null).catch(() => null);
}

type AppGauges = { databaseUp: Gauge; jobs: Gauge; oldestDue: Gauge; chain: Gauge; pool: Gauge };

const globalForGauges = globalThis as unknown as { corroborateAppGauges?: AppGauges };

function appGauges(): AppGauges {
  if (globalForGauges.corroborateAppGauges) return globalForGauges.corroborateAppGauges;
  const registers = [serverOperations().registry];
  globalForGauges.corroborateAppGauges = {
    databaseUp: new Gauge({ name: "corroborate_database_up", help: `Whether the database answered this scrape within ${DATABASE_WAIT_MS / 1000} s (the figures read from it are absent when not)`, registers }),
    jobs: new Gauge({
      name: "corroborate_jobs",
      help: `Jobs due, waiting to retry and running, counted up to ${QUEUE_SCAN} per state`,
      labelNames: ["state"],
      registers,
    }),
    oldestDue: new Gauge({ name: "corroborate_jobs_oldest_due_seconds", help: "How long the oldest due job has waited to be taken (0 when none is due)", registers }),
    chain: new Gauge({ name: "corroborate_audit_chain_length", help: "Events in the audit chain (its head's sequence number)", registers }),
    pool: new Gauge({
      name: "corroborate_db_pool_connections",
      help: "This server's PostgreSQL pool: connections open, idle, requests waiting for one, and its size (absent on PGlite)",
      labelNames: ["state"],
      registers,
    }),
  };
  return globalForGauges.corroborateAppGauges;
}

/**
 * Sets the app's gauges for this scrape: the database's figures when it answered; when it did
 * not, its gauges leave the registry for this scrape (absent, rather than a false 0).
 */
async function setAppGauges(): Promise<void> {
  const { registry } = serverOperations();
  const gauges = appGauges();
  const figures = await databaseFigures();
  gauges.databaseUp.set(figures ? 1 : 0);
  for (const gauge of [gauges.jobs, gauges.oldestDue, gauges.chain]) {
    const name = (gauge as unknown as { name: string }).name;
    if (!figures) registry.removeSingleMetric(name);
    else if (!registry.getSingleMetric(name)) registry.registerMetric(gauge);
  }
  if (figures) {
    gauges.jobs.set({ state: "due" }, figures.due);
    gauges.jobs.set({ state: "waiting_to_retry" }, figures.waitingToRetry);
    gauges.jobs.set({ state: "running" }, figures.running);
    gauges.oldestDue.set(figures.oldestDueSeconds);
    gauges.chain.set(figures.chainLength);
  }
  gauges.pool.reset();
  const pool = databasePool();
  if (pool) for (const state of ["total", "idle", "waiting", "max"] as const) gauges.pool.set({ state }, pool[state]);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The metrics, for the bearer of METRICS_TOKEN: 404 when none is set, 401 for any other credential. */
export async function renderMetrics(request: Request): Promise<Response> {
  if (!env.METRICS_TOKEN) throw new AppError("NOT_FOUND", tr("errors.metrics.off"));
  const sent = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(env.METRICS_TOKEN))) throw new AppError("UNAUTHORIZED", tr("errors.metrics.token"));
  await setAppGauges();
  const { registry } = serverOperations();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
