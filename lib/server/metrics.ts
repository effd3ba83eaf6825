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

/**
 * GET /api/v1/metrics: Prometheus's text format, for whoever holds METRICS_TOKEN (a bearer token
 * an operator gives Prometheus; not a person's API token, which a scraper should not hold). Not
 * served without one. The request series come from the operations preload; these gauges are read
 * at each scrape: the job queue (due and running jobs, the age of the oldest due one: at most
 * QUEUE_SCAN rows read, a bound however long the queue grows), the audit chain's length, and the
 * database pool of this server.
 */
const QUEUE_SCAN = 10_000;

let registered = false;

function registerAppGauges(): void {
  if (registered) return;
  registered = true;
  const registers = [serverOperations().registry];
  const queue = new Gauge({
    name: "corroborate_jobs",
    help: `Jobs waiting (pending and due, or waiting to retry) and running, counted up to ${QUEUE_SCAN} per state`,
    labelNames: ["state"],
    registers,
    async collect() {
      const rows = rowsOf<{ state: string; n: number; due: number }>(
        await (await getDb()).execute(sql`
          select state, count(*)::int as n, count(*) filter (where run_after <= now())::int as due from (
            (select state, run_after from jobs where state = 'pending' order by state, run_after limit ${QUEUE_SCAN})
            union all
            (select state, run_after from jobs where state = 'running' order by state, run_after limit ${QUEUE_SCAN})
          ) q group by state`),
      );
      const of = (state: string) => rows.find((row) => row.state === state);
      this.set({ state: "due" }, of("pending")?.due ?? 0);
      this.set({ state: "waiting_to_retry" }, (of("pending")?.n ?? 0) - (of("pending")?.due ?? 0));
      this.set({ state: "running" }, of("running")?.n ?? 0);
    },
  });
  void queue;
  new Gauge({
    name: "corroborate_jobs_oldest_due_seconds",
    help: "How long the oldest due job has waited to be taken (0 when none is due)",
    registers,
    async collect() {
      const [row] = rowsOf<{ age: number | null }>(
        await (await getDb()).execute(
          sql`select extract(epoch from now() - run_after)::float8 as age from jobs where state = 'pending' and run_after <= now() order by state, run_after limit 1`,
        ),
      );
      this.set(Math.max(0, row?.age ?? 0));
    },
  });
  new Gauge({
    name: "corroborate_audit_chain_length",
    help: "Events in the audit chain (its head's sequence number)",
    registers,
    async collect() {
      this.set((await readAuditHead(await getDb()))?.seq ?? 0);
    },
  });
  new Gauge({
    name: "corroborate_db_pool_connections",
    help: "This server's PostgreSQL pool: connections open, idle, requests waiting for one, and its size (absent on PGlite)",
    labelNames: ["state"],
    registers,
    collect() {
      const pool = databasePool();
      if (!pool) return;
      this.set({ state: "total" }, pool.total);
      this.set({ state: "idle" }, pool.idle);
      this.set({ state: "waiting" }, pool.waiting);
      this.set({ state: "max" }, pool.max);
    },
  });
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The metrics, for the bearer of METRICS_TOKEN: 404 when none is set, 401 for any other credential. */
export async function renderMetrics(request: Request): Promise<Response> {
  if (!env.METRICS_TOKEN) throw new AppError("NOT_FOUND", tr("errors.metrics.off"));
  const sent = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(env.METRICS_TOKEN))) throw new AppError("UNAUTHORIZED", tr("errors.metrics.token"));
  registerAppGauges();
  const { registry } = serverOperations();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
