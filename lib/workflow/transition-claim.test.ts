import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims, publishedEntries } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { type Committed, gatherCommitted } from "@/lib/effects/committed";
import { AppError } from "@/lib/errors/app-error";
import { getPublicEntry, listPublicEntries } from "@/lib/publishing/public-entries";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, makeActor, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "./transition-claim";

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

describe.each(TEST_DRIVERS)("transitionClaim on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"], actors: { otherEditor: "editor" } });

  it("moves a claim from triage to published and back out, with one audit event per step", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    expect(claim.state).toBe("triage");
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: claim.version });
    expect(claim.state).toBe("corroboration");
    claim = await gradeClaim(db, world.reviewer, claim.id, { grade: "probable", rationale: "Two origins.", version: claim.version });
    expect(claim.grade).toBe("probable");
    await attachAssessedItem(db, world.reviewer, claim.id);
    claim = await transitionClaim(db, world.editor, claim.id, { action: "send_to_review", version: claim.version });
    expect(claim.state).toBe("review");
    expect(claim.sentToReviewBy?.id).toBe(world.editor.id);

    const fourEyes = await rejection(transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version }));
    expect(fourEyes.code).toBe("INVALID_STATE");
    expect(fourEyes.details.guard).toBe("four_eyes");

    claim = await transitionClaim(db, world.otherEditor, claim.id, { action: "publish", version: claim.version });
    expect(claim.state).toBe("published");
    expect(claim.publicSlug).toMatch(/^1-383-civilians-killed/);

    claim = await transitionClaim(db, world.otherEditor, claim.id, {
      action: "correct",
      version: claim.version,
      reason: "The monitor revised its count.",
      changes: { title: "1,500 civilians killed as of 14 March 2025" },
    });
    // Four eyes on a correction too: the editor who drafted it does not publish it.
    claim = await transitionClaim(db, world.editor, claim.id, { action: "publish_correction", version: claim.version });
    claim = await transitionClaim(db, world.editor, claim.id, {
      action: "retract",
      version: claim.version,
      reason: "The count was withdrawn.",
    });
    expect(claim.state).toBe("retracted");

    const entry = await getPublicEntry(db, claim.publicSlug!);
    expect(entry.history.map((h) => h.change)).toEqual(["publication", "correction", "retraction"]);
    expect(entry.history[0].snapshot.title).toBe("1,383 civilians killed as of 12 March 2025");
    expect(entry.title).toBe("1,500 civilians killed as of 14 March 2025");
    expect(entry.isRetracted).toBe(true);
    expect(entry.changeNote).toBe("The count was withdrawn.");
    const json = JSON.stringify(entry);
    for (const secret of [world.submitter.name, world.reviewer.name, world.editor.name, "Two origins."]) {
      expect(json).not.toContain(secret);
    }

    const { items } = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(items.map((e) => (e.data as { action?: string }).action ?? e.type)).toEqual([
      "claim.submitted",
      "accept",
      "claim.graded",
      "claim.assessed",
      "send_to_review",
      "publish",
      "entry.sealed",
      "claim.correction_drafted",
      "publish_correction",
      "entry.sealed",
      "retract",
      "entry.sealed",
    ]);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("answers 404 for a claim out of scope, 403 for a role without the action, 409 for a stale version, 422 for a failed guard", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const other = await makeActor(db, "submitter");
    expect((await rejection(transitionClaim(db, other, claim.id, { action: "accept", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await rejection(transitionClaim(db, world.submitter, claim.id, { action: "accept", version: 1 }))).code).toBe("FORBIDDEN");
    // stale is checked before the guard: a reject without reason on an old version is a 409
    const stale = await rejection(transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: 7 }));
    expect(stale.code).toBe("CONFLICT");
    const noReason = await rejection(transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: 1 }));
    expect(noReason.code).toBe("INVALID_STATE");
    expect(noReason.details.guard).toBe("reason");
    const wrongState = await rejection(transitionClaim(db, world.editor, claim.id, { action: "publish", version: 1 }));
    expect(wrongState.details.guard).toBe("state");
    const noTarget = await rejection(transitionClaim(db, world.reviewer, claim.id, { action: "duplicate", version: 1 }));
    expect(noTarget.details.guard).toBe("target");
    const self = await rejection(transitionClaim(db, world.reviewer, claim.id, { action: "duplicate", version: 1, targetId: claim.id }));
    expect(self.details.guard).toBe("target");
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(sql`${auditEvents.entityId} = ${claim.id}`);
    expect(n).toBe(1); // only the submission: nothing failed wrote anything
  });

  it("lets exactly one of 10 concurrent accepts on one version win", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: claim.version })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost) expect((r.reason as AppError).code).toBe("CONFLICT");
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.filter((e) => e.type === "claim.transitioned")).toHaveLength(1);
    const [row] = await db.select({ version: claims.version, state: claims.state }).from(claims).where(sql`${claims.id} = ${claim.id}`);
    expect(row).toEqual({ version: 2, state: "corroboration" });
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("marks a duplicate, reopens it, and rejects with a reason", async () => {
    const { db } = world;
    const first = await submitSample(db, world.submitter);
    let second = await submitSample(db, world.submitter, { title: "Same count, other outlet" });
    second = await transitionClaim(db, world.reviewer, second.id, { action: "duplicate", version: 1, targetId: first.id });
    expect(second.state).toBe("duplicate");
    expect(second.duplicateOfId).toBe(first.id);
    second = await transitionClaim(db, world.reviewer, second.id, { action: "reopen", version: second.version });
    expect(second.state).toBe("triage");
    expect(second.duplicateOfId).toBeNull();
    second = await transitionClaim(db, world.reviewer, second.id, { action: "reject", version: second.version, reason: "Out of scope." });
    expect(second.state).toBe("rejected");
    expect(second.stateReason).toBe("Out of scope.");
  });

  it("refuses to publish a discounted claim", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: 1 });
    await attachAssessedItem(db, world.reviewer, claim.id);
    claim = await transitionClaim(db, world.reviewer, claim.id, {
      action: "send_to_review",
      version: claim.version,
      grade: "discounted",
      rationale: "Recycled footage.",
    });
    const error = await rejection(transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version }));
    expect(error.details.guard).toBe("grade");
    const publicCount = await db.select().from(publishedEntries).where(sql`${publishedEntries.claimId} = ${claim.id}`);
    expect(publicCount).toHaveLength(0);
    expect((await listPublicEntries(db, {})).items.some((e) => e.title === claim.title && e.slug.endsWith(claim.id.slice(0, 8)))).toBe(false);
  });

  it("reports the public entry it changed once committed, and nothing for a step the public never sees or a refused one", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    const committed: Committed[] = [];
    const transition = (actor: typeof world.editor, input: Parameters<typeof transitionClaim>[3]) =>
      gatherCommitted(committed, () => transitionClaim(db, actor, claim.id, input));
    const reported = (type: Committed["type"]) => committed.filter((c) => c.type === type);
    claim = await transition(world.reviewer, { action: "accept", version: claim.version });
    await attachAssessedItem(db, world.reviewer, claim.id);
    claim = await transition(world.editor, { action: "send_to_review", version: claim.version, grade: "probable", rationale: "Two origins." });
    expect(reported("public_entry.changed")).toEqual([]);
    // Each committed step's audit event is reported too (the notifications' fan-out reads the log after it); a refused one appends none.
    const appended = reported("audit.appended").length;
    expect(appended).toBeGreaterThanOrEqual(2);
    await rejection(transition(world.editor, { action: "publish", version: claim.version }));
    expect(reported("public_entry.changed")).toEqual([]);
    expect(reported("audit.appended")).toHaveLength(appended);
    claim = await transition(world.otherEditor, { action: "publish", version: claim.version });
    claim = await transition(world.editor, { action: "retract", version: claim.version, reason: "The count was withdrawn." });
    const changed = { type: "public_entry.changed", slug: claim.publicSlug };
    expect(reported("public_entry.changed")).toEqual([changed, changed]);
  });
});
