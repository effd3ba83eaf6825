import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sources } from "@/db/schema";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { outcome } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { addEvidenceFromStream } from "./add-evidence";
import { setEvidenceSources } from "./set-evidence-sources";

/**
 * The provenance form names a new publisher and sets it in one go. Found by the permission matrix
 * (e2e/security/permissions-actions.spec.ts): the source used to be created first, so a change
 * refused afterwards — another's item, a role without the right, a stale version — still left a
 * new source (and its audit event) behind. Now it is both or neither.
 */
describe.each(TEST_DRIVERS)("a new publisher named with a provenance change, on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: { owner: "submitter", other: "submitter", reviewer: "reviewer", admin: "admin" },
    setup: async ({ db, owner }) => {
      const claim = await submitSample(db, owner);
      return { item: await addEvidenceFromStream(db, owner, claim.id, { stream: Readable.from([Buffer.from("A witness statement.\n")]), intake: "upload" }) };
    },
  });

  const sourceNamed = async (name: string) => (await world.db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)))[0]?.id;

  it.each([
    ["another submitter (the item is out of their scope)", () => world.other, 0, "NOT_FOUND"],
    ["the admin (no evidence.set_sources)", () => world.admin, 0, "FORBIDDEN"],
    ["the reviewer with a stale version", () => world.reviewer, 5, "CONFLICT"],
    ["the owner with an invalid new source", () => world.owner, 0, "BAD_REQUEST"],
  ] as const)("refused for %s: no source is created", async (_who, actorOf, staleBy, code) => {
    const { db } = world;
    const name = code === "BAD_REQUEST" ? " " : `Refused publisher ${code}`;
    const before = { sources: await db.$count(sources), events: await rowCount(db, "audit_events") };
    const result = await outcome(
      setEvidenceSources(db, actorOf(), world.item.id, { isFirstHand: true, version: world.item.version + staleBy }, { newPublisher: { name, kind: "outlet", reliability: "F" } }),
    );
    expect(result).toBe(code);
    expect(await sourceNamed(name)).toBeUndefined();
    expect({ sources: await db.$count(sources), events: await rowCount(db, "audit_events") }).toEqual(before);
  });

  it("let through: the source is created and made the publisher, in one transaction", async () => {
    const { db } = world;
    const events = await rowCount(db, "audit_events");
    const updated = await setEvidenceSources(db, world.owner, world.item.id, { isFirstHand: true, version: world.item.version }, { newPublisher: { name: "Named on the spot", kind: "account", reliability: "F" } });
    const id = await sourceNamed("Named on the spot");
    expect(id).toBeTruthy();
    expect(updated.publishedBySourceId).toBe(id);
    expect(updated.isFirstHand).toBe(true);
    expect(await rowCount(db, "audit_events")).toBe(events + 2); // source.created, evidence.sources_set
  });
});
