import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import type { OperationId } from "./operations";

/** A body schema, or two the body may be one of (the OpenAPI document's `oneOf`). */
type BodySchema = z.ZodType | readonly [z.ZodType, z.ZodType];

/** What a schema's parser takes, the type the lib/ function's parameter is declared with. */
type InputOf<S> = S extends readonly z.ZodType[] ? z.input<S[number]> : S extends z.ZodType ? z.input<S> : undefined;

export type DoorArgs<Q = undefined, B = undefined> = {
  request: Request;
  /** The path's ids, by the names the path template gives them (`{claimId}` → `params.claimId`). */
  params: Readonly<Record<string, string>>;
  db: Db;
  /** The actor; null for a public operation, which may still ask for one (`resolveActor`: 401 for a bad token). */
  actor: Actor | null;
  resolveActor: () => Promise<Actor | null>;
  /**
   * The query string (the last value wins) and the JSON body (read bounded: 415, 413, 400 for a
   * wrong type, size or syntax), typed as the schema's input but not parsed here: the lib/
   * function parses them, so nothing is parsed twice and each operation keeps its own order of
   * answers. Most check scope and permission first (404 before 403 before 400); a few parse their
   * body before looking the claim up (transitions, grade, assignee, evidence, assessments), so
   * an invalid body to a claim one cannot see is a 400 there, as it was before the table.
   */
  query: InputOf<Q>;
  readBody: () => Promise<InputOf<B>>;
};

/**
 * How one operation is served: its input schemas (the query's and the body's, which also describe
 * it in the OpenAPI document) and the handler. The handler returns what the lib/ function
 * returned (sent as JSON with the operation's success status) or a Response of its own.
 */
export type Door<Q = undefined, B = undefined> = {
  query?: Q;
  body?: B;
  // A method, not a property: a door of particular schemas is a Door of any (./handlers.ts's check).
  handle(args: DoorArgs<Q, B>): Promise<unknown>;
};

export function door<Q extends z.ZodObject | undefined = undefined, B extends BodySchema | undefined = undefined>(served: Door<Q, B>): Door<Q, B> {
  return served;
}

/** The document describes everything but itself: its own operation is served by ./route-handlers.ts. */
export type SelfDescribed = "GET /api/v1/openapi.json";

/** The operations served without the database (`withoutDatabase` in the table), by ./route-handlers.ts itself. */
export type WithoutDatabase = "GET /api/v1/health/live" | "GET /api/v1/health/ready" | "GET /api/v1/metrics";

/**
 * One door per operation of the table and none else (a missing or unknown key is a type error);
 * `lib/api/operations.test.ts` checks that a door has a body schema exactly where the table says
 * the operation reads a JSON body.
 */
export type Doors = { [Id in Exclude<OperationId, SelfDescribed | WithoutDatabase>]: AnyDoor };

/** A door of any schemas, as the kit calls it. */
export type AnyDoor = {
  query?: z.ZodObject;
  body?: BodySchema;
  handle(args: Omit<DoorArgs, "query" | "readBody"> & { query: unknown; readBody: () => Promise<unknown> }): Promise<unknown>;
};
