import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import { listAuditEvents } from "@/lib/audit/list-events";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { openTestDatabase, TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { listClaims } from "./list-claims";

describe.each(TEST_DRIVERS)("assignClaim on %s", (driver) => {
  let database: Database;
  let submitter: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    submitter = await makeActor(database.db, "submitter");
    reviewer = await makeActor(database.db, "reviewer");
  });
  afterAll(() => database.close());

  it("assigns and unassigns, audits both, and the queue filters by assignee", async () => {
    const { db } = database;
    let claim = await submitSample(db, submitter, { title: "Assignable claim" });
    claim = await assignClaim(db, reviewer, claim.id, { assigneeId: reviewer.id, version: claim.version });
    expect(claim.assignee).toEqual({ id: reviewer.id, name: reviewer.name });
    const mine = await listClaims(db, reviewer, { assignee: reviewer.id });
    expect(mine.items.map((c) => c.id)).toEqual([claim.id]);
    claim = await assignClaim(db, reviewer, claim.id, { assigneeId: null, version: claim.version });
    expect(claim.assignee).toBeNull();
    const events = await listAuditEvents(db, reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.filter((e) => e.type === "claim.assigned")).toHaveLength(2);
  });

  it("refuses a submitter as assignee or actor, a stale version and a closed claim, changing nothing", async () => {
    const { db } = database;
    const claim = await submitSample(db, submitter);
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => `${e.code}:${e.details.guard ?? ""}`);
    expect(await code(assignClaim(db, reviewer, claim.id, { assigneeId: submitter.id, version: 1 }))).toBe("INVALID_STATE:assignee");
    expect(await code(assignClaim(db, submitter, claim.id, { assigneeId: reviewer.id, version: 1 }))).toBe("FORBIDDEN:");
    expect(await code(assignClaim(db, reviewer, claim.id, { assigneeId: reviewer.id, version: 9 }))).toBe("CONFLICT:");
    const rejected = await transitionClaim(db, reviewer, claim.id, { action: "reject", version: 1, reason: "Out of scope." });
    expect(await code(assignClaim(db, reviewer, claim.id, { assigneeId: reviewer.id, version: rejected.version }))).toBe("INVALID_STATE:state");
    const events = await listAuditEvents(db, reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.map((e) => e.type)).toEqual(["claim.submitted", "claim.transitioned"]);
  });
});
