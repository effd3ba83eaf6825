import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import { sources } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { rowCount } from "@/lib/test/counts";
import { openTestDatabase, TEST_DRIVERS } from "@/lib/test/databases";
import { outcome } from "@/lib/test/errors";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { addEvidenceFromStream } from "./add-evidence";
import { setEvidenceSources } from "./set-evidence-sources";

/**
 * The provenance form names a new publisher and sets it in one go. Found by the permission matrix
 * (e2e/security/permissions-actions.spec.ts): the source used to be created first, so a change
 * refused afterwards — another's item, a role without the right, a stale version — still left a
 * new source (and its audit event) behind. Now it is both or neither.
 */
describe.each(TEST_DRIVERS)("a new publisher named with a provenance change, on %s", (driver) => {
  let database: Database;
  let owner: Actor;
  let other: Actor;
  let reviewer: Actor;
  let admin: Actor;
  let item: { id: string; version: number };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    owner = await makeActor(database.db, "submitter");
    other = await makeActor(database.db, "submitter");
    reviewer = await makeActor(database.db, "reviewer");
    admin = await makeActor(database.db, "admin");
    const claim = await submitSample(database.db, owner);
    item = await addEvidenceFromStream(database.db, owner, claim.id, { stream: Readable.from([Buffer.from("A witness statement.\n")]), intake: "upload" });
  });
  afterAll(() => database.close());

  const sourceNamed = async (name: string) => (await database.db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)))[0]?.id;

  it.each([
    ["another submitter (the item is out of their scope)", () => other, 0, "NOT_FOUND"],
    ["the admin (no evidence.set_sources)", () => admin, 0, "FORBIDDEN"],
    ["the reviewer with a stale version", () => reviewer, 5, "CONFLICT"],
    ["the owner with an invalid new source", () => owner, 0, "BAD_REQUEST"],
  ] as const)("refused for %s: no source is created", async (_who, actorOf, staleBy, code) => {
    const { db } = database;
    const name = code === "BAD_REQUEST" ? " " : `Refused publisher ${code}`;
    const before = { sources: await db.$count(sources), events: await rowCount(db, "audit_events") };
    const result = await outcome(
      setEvidenceSources(db, actorOf(), item.id, { isFirstHand: true, version: item.version + staleBy }, { newPublisher: { name, kind: "outlet", reliability: "F" } }),
    );
    expect(result).toBe(code);
    expect(await sourceNamed(name)).toBeUndefined();
    expect({ sources: await db.$count(sources), events: await rowCount(db, "audit_events") }).toEqual(before);
  });

  it("let through: the source is created and made the publisher, in one transaction", async () => {
    const { db } = database;
    const events = await rowCount(db, "audit_events");
    const updated = await setEvidenceSources(db, owner, item.id, { isFirstHand: true, version: item.version }, { newPublisher: { name: "Named on the spot", kind: "account", reliability: "F" } });
    const id = await sourceNamed("Named on the spot");
    expect(id).toBeTruthy();
    expect(updated.publishedBySourceId).toBe(id);
    expect(updated.isFirstHand).toBe(true);
    expect(await rowCount(db, "audit_events")).toBe(events + 2); // source.created, evidence.sources_set
  });
});
