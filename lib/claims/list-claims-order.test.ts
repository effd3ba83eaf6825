import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { openTestDatabase } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { listClaims } from "./list-claims";

describe("listClaims order", () => {
  let database: Database;
  let submitter: Actor;
  const ids: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    submitter = await makeActor(database.db, "submitter");
    for (let i = 0; i < 5; i++) ids.push((await submitSample(database.db, submitter, { title: `Order ${i}` })).id);
  });
  afterAll(() => database.close());

  it("walks newest first through every page when asked (My submissions)", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listClaims(database.db, submitter, { mine: true, order: "newest", limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("is oldest first by default (the review queue)", async () => {
    const page = await listClaims(database.db, submitter, { limit: 5 });
    expect(page.items.map((c) => c.id)).toEqual(ids);
  });
});
