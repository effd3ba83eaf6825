import { describe, expect, it } from "vitest";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { listClaims } from "./list-claims";

describe("listClaims order", () => {
  const ids: string[] = [];

  const world = useTestWorld("pglite", {
    roles: ["submitter"],
    setup: async ({ db, submitter }) => {
      for (let i = 0; i < 5; i++) ids.push((await submitSample(db, submitter, { title: `Order ${i}` })).id);
    },
  });

  it("walks newest first through every page when asked (My submissions)", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listClaims(world.db, world.submitter, { mine: true, order: "newest", limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("is oldest first by default (the review queue)", async () => {
    const page = await listClaims(world.db, world.submitter, { limit: 5 });
    expect(page.items.map((c) => c.id)).toEqual(ids);
  });
});
