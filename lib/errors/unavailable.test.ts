import net from "node:net";
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { connectPostgres, rowsOf } from "@/db/connect";
import { errorResponse } from "@/lib/api/respond";
import { actionStateFromError } from "./action-error";
import { AppError } from "./app-error";
import { unavailableError } from "./unavailable";

/**
 * A lost or refused database connection is a 503 with Retry-After in the design's error shape,
 * never a 500; everything else keeps its meaning. The driver's real errors are produced too: a
 * refused connection always, a connection PostgreSQL terminates with TEST_DATABASE_URL.
 */

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function expect503(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("UNAVAILABLE");
  expect(body.error.message).toMatch(/database/i);
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|select|\bat .+:\d+/);
}

describe("unavailableError", () => {
  it.each([
    ["refused", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["reset", withCode("ECONNRESET")],
    ["admin_shutdown", withCode("57P01", "terminating connection due to administrator command")],
    ["crash_shutdown", withCode("57P02")],
    ["cannot_connect_now", withCode("57P03", "the database system is starting up")],
    ["too_many_connections", withCode("53300")],
    ["connection_failure", withCode("08006")],
    ["connection_does_not_exist", withCode("08003")],
    ["terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["terminated by timeout", new Error("Connection terminated due to connection timeout")],
    ["not queryable", new Error("Client has encountered a connection error and is not queryable")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
  ])("maps %s to UNAVAILABLE", (_name, error) => {
    const mapped = unavailableError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: "UNAVAILABLE", status: 503, details: { retryAfterSeconds: 5 } });
  });

  it("looks through drizzle's wrapper and node's AggregateError", () => {
    expect(unavailableError(new DrizzleQueryError("select 1", [], withCode("57P01")))?.code).toBe("UNAVAILABLE");
    const aggregate = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed");
    expect(unavailableError(aggregate)?.code).toBe("UNAVAILABLE");
    expect(unavailableError(new DrizzleQueryError("select 1", [], aggregate))?.code).toBe("UNAVAILABLE");
  });

  it.each([
    ["a unique violation", withCode("23505", "duplicate key value violates unique constraint")],
    ["a serialization failure", withCode("40001")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["a wrapped bug", new DrizzleQueryError("select 1", [], withCode("23505"))],
    ["an AppError", new AppError("CONFLICT", "stale")],
    ["a string", "Connection terminated"],
    ["nothing", null],
  ])("leaves %s alone", (_name, error) => {
    expect(unavailableError(error)).toBeNull();
  });

  it("does not loop on a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(unavailableError(a)).toBeNull();
  });
});

describe("the answers", () => {
  it("the API answers 503 with Retry-After; a bug stays a 500; AppErrors keep their status", async () => {
    await expect503(errorResponse(new DrizzleQueryError("select 1", [], withCode("57P01"))));
    const bug = errorResponse(new TypeError("x is undefined"));
    expect(bug.status).toBe(500);
    expect(((await bug.json()) as { error: { code: string } }).error.code).toBe("INTERNAL");
    expect(errorResponse(new AppError("CONFLICT", "stale")).status).toBe(409);
  });

  it("a form says the database is unavailable, not that something broke", () => {
    const state = actionStateFromError(withCode("ECONNREFUSED"), { title: "t" });
    expect(state).toMatchObject({ ok: false, values: { title: "t" } });
    expect(state.message).toMatch(/database cannot be reached/i);
  });

  it("a refused connection, as node-postgres and drizzle report it, is a 503", async () => {
    const port = await closedPort();
    const database = connectPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 1);
    try {
      const error = await database.db.execute(sql`select 1`).then(() => null, (e: unknown) => e);
      expect(error).toBeTruthy();
      await expect503(errorResponse(error));
      const inTransaction = await database.db.transaction(async (tx) => tx.execute(sql`select 1`)).then(() => null, (e: unknown) => e);
      await expect503(errorResponse(inTransaction));
    } finally {
      await database.close();
    }
  });

  // Only where there is a PostgreSQL to terminate (TEST_DATABASE_URL), like the other PostgreSQL tests.
  if (process.env.TEST_DATABASE_URL) {
    it("a connection PostgreSQL terminates is a 503, and the pool's next query works", async () => {
      const database = connectPostgres(process.env.TEST_DATABASE_URL!, 1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        const [{ pid }] = rowsOf<{ pid: number }>(await database.db.execute(sql`select pg_backend_pid() as pid`));
        // In the middle of a statement (57P01 on the running query) …
        const running = database.db.execute(sql`select pg_sleep(5)`).then(() => null, (e: unknown) => e);
        await new Promise((r) => setTimeout(r, 200));
        await admin.query("select pg_terminate_backend($1)", [pid]);
        const error = await running;
        expect(error).toBeTruthy();
        await expect503(errorResponse(error));
        // … and the next request gets a fresh connection.
        const again = rowsOf<{ one: number }>(await database.db.execute(sql`select 1 as one`));
        expect(again).toEqual([{ one: 1 }]);
      } finally {
        await admin.end();
        await database.close();
      }
    });
  }
});
