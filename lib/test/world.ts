import { afterAll, beforeAll } from "vitest";
import type { Database, Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import type { Role } from "@/lib/vocabulary";
import { openTestDatabase } from "./databases";
import { makeActor } from "./fixtures";

export type TestWorld<R extends Role, A extends Record<string, Role>> = { database: Database; db: Db } & Record<R | keyof A, Actor>;

type WorldOptions<R extends Role, A extends Record<string, Role>, E> = {
  /** One actor for each role, named after it: `roles: ["submitter"]` gives `world.submitter`. */
  roles?: readonly R[];
  /** More actors under names of their own, e.g. `{ otherSubmitter: "submitter" }`; made after `roles`. */
  actors?: A;
  /** What else the block needs from the database (a claim, a source…); its fields join the world. */
  setup?: (world: TestWorld<R, A>) => Promise<E> | E;
};

/**
 * A fresh database and its actors for one describe block, closed after it. The fields are filled in
 * by `beforeAll`, so the object is returned empty: read them in hooks and tests, and never
 * destructure it where the block is declared.
 */
export function useTestWorld<const R extends Role = never, const A extends Record<string, Role> = Record<never, Role>, E extends object = object>(
  driver: "pglite" | "postgres",
  options: WorldOptions<R, A, E> = {},
): TestWorld<R, A> & E {
  const world = {} as TestWorld<R, A> & E;
  const actors = world as Record<string, Actor>;
  beforeAll(async () => {
    world.database = await openTestDatabase(driver);
    world.db = world.database.db;
    // One after another, so the actors are made in the order they are named.
    for (const role of options.roles ?? []) actors[role] = await makeActor(world.db, role);
    for (const [name, role] of Object.entries(options.actors ?? {})) actors[name] = await makeActor(world.db, role);
    Object.assign(world, await options.setup?.(world));
  });
  // Optional: beforeAll may have failed before the database opened.
  afterAll(() => world.database?.close());
  return world;
}
