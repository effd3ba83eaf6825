import { inArray, max } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims } from "@/db/schema";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import type { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { bulkChangeClaims } from "./bulk-change";
import { BULK_MAX } from "./schemas";

const refusal = (p: Promise<unknown>) => p.then(() => "done", (e: AppError) => `${e.code}`);

describe.each(TEST_DRIVERS)("bulkChangeClaims on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"], actors: { other: "submitter" } });

  /** The audit events about `ids` since `afterSeq`, oldest first. */
  async function eventsOf(ids: string[], afterSeq: number) {
    const rows = await world.db.select({ seq: auditEvents.seq, type: auditEvents.type, entityId: auditEvents.entityId, actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(inArray(auditEvents.entityId, ids));
    return rows.filter((r) => Number(r.seq) > afterSeq).sort((a, b) => Number(a.seq) - Number(b.seq));
  }
  const head = async () => Number((await world.db.select({ seq: max(auditEvents.seq) }).from(auditEvents))[0].seq ?? 0);

  it("a mixed selection: each item answers for itself, exactly the allowed ones change, one event each via bulk, and the chain verifies", async () => {
    const { db } = world;
    const spam1 = await submitSample(db, world.submitter, { title: "Spam one" });
    const spam2 = await submitSample(db, world.submitter, { title: "Spam two" });
    const stale = await submitSample(db, world.submitter, { title: "Changed since it was selected" });
    const accepted = await transitionClaim(db, world.reviewer, (await submitSample(db, world.submitter, { title: "Already accepted" })).id, { action: "accept", version: 1 });
    const nowhere = "3f1c0a6e-5a39-4b8e-9d7e-1a2b3c4d5e6f";
    // Someone edits one after the reviewer selected it.
    await assignClaim(db, world.editor, stale.id, { assigneeId: world.editor.id, version: stale.version });
    const before = await head();

    // A submitter's view of the same request: the other's claims are not theirs to see (404), and rejecting is not theirs to do at all.
    expect(await refusal(bulkChangeClaims(db, world.submitter, { action: "reject", reason: "x", items: [{ id: spam1.id, version: 1 }] }))).toBe("FORBIDDEN");

    const { results } = await bulkChangeClaims(db, world.reviewer, {
      action: "reject",
      reason: "Spam: a copied advertisement.",
      items: [
        { id: spam1.id, version: spam1.version },
        { id: stale.id, version: stale.version },
        { id: accepted.id, version: accepted.version },
        { id: nowhere, version: 1 },
        { id: spam2.id, version: spam2.version },
      ],
    });
    expect(results.map(({ id, status, code, guard }) => ({ id, status, code, guard }))).toEqual([
      { id: spam1.id, status: 200, code: undefined, guard: undefined },
      { id: stale.id, status: 409, code: "CONFLICT", guard: undefined },
      { id: accepted.id, status: 422, code: "INVALID_STATE", guard: "state" },
      { id: nowhere, status: 404, code: "NOT_FOUND", guard: undefined },
      { id: spam2.id, status: 200, code: undefined, guard: undefined },
    ]);
    expect(results[0].version).toBe(spam1.version + 1);
    expect(results[1].message).toMatch(/changed since/);

    const rows = await db.select({ id: claims.id, state: claims.state, stateReason: claims.stateReason }).from(claims).where(inArray(claims.id, [spam1.id, spam2.id, stale.id, accepted.id]));
    const stateOf = Object.fromEntries(rows.map((r) => [r.id, `${r.state}:${r.stateReason ?? ""}`]));
    expect(stateOf).toEqual({
      [spam1.id]: "rejected:Spam: a copied advertisement.",
      [spam2.id]: "rejected:Spam: a copied advertisement.",
      [stale.id]: "triage:",
      [accepted.id]: "corroboration:",
    });
    const events = await eventsOf([spam1.id, spam2.id, stale.id, accepted.id, nowhere], before);
    expect(events.map((e) => [e.type, e.entityId, e.actorId, (e.data as { via?: string; reason?: string }).via, (e.data as { reason?: string }).reason])).toEqual([
      ["claim.transitioned", spam1.id, world.reviewer.id, "bulk", "Spam: a copied advertisement."],
      ["claim.transitioned", spam2.id, world.reviewer.id, "bulk", "Spam: a copied advertisement."],
    ]);
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("a submitter's selection: another's claim is not found, and the role may not do it", async () => {
    const { db } = world;
    const theirs = await submitSample(db, world.other);
    const mine = await submitSample(db, world.submitter);
    expect(await refusal(bulkChangeClaims(db, world.submitter, { action: "accept", items: [{ id: mine.id, version: 1 }, { id: theirs.id, version: 1 }] }))).toBe("FORBIDDEN");
    expect(await refusal(bulkChangeClaims(db, null, { action: "accept", items: [{ id: mine.id, version: 1 }] }))).toBe("UNAUTHORIZED");
  });

  it("assigns, accepts and marks duplicates of one claim, each with its own checks", async () => {
    const { db } = world;
    const target = await submitSample(db, world.submitter, { title: "The original report" });
    const a = await submitSample(db, world.submitter, { title: "Copy A" });
    const b = await submitSample(db, world.submitter, { title: "Copy B" });
    const held = await submitSample(db, world.submitter, { title: "Held by the editor" });
    await assignClaim(db, world.editor, held.id, { assigneeId: world.editor.id, version: 1 });

    const assign = await bulkChangeClaims(db, world.reviewer, { action: "assign", assigneeId: world.reviewer.id, items: [{ id: a.id, version: 1 }, { id: held.id, version: 2 }] });
    // Another's claim is not taken over in bulk: that item says who has it.
    expect(assign.results.map((r) => [r.status, r.guard])).toEqual([[200, undefined], [409, "takeover"]]);

    const dup = await bulkChangeClaims(db, world.reviewer, { action: "duplicate", targetId: target.id, items: [{ id: a.id, version: 2 }, { id: b.id, version: 1 }, { id: target.id, version: 1 }] });
    expect(dup.results.map((r) => r.status)).toEqual([200, 200, 422]);
    const rows = await db.select({ id: claims.id, state: claims.state, duplicateOfId: claims.duplicateOfId }).from(claims).where(inArray(claims.id, [a.id, b.id, target.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.state, r.duplicateOfId]]))).toEqual({ [a.id]: ["duplicate", target.id], [b.id]: ["duplicate", target.id], [target.id]: ["triage", null] });

    const accept = await bulkChangeClaims(db, world.editor, { action: "accept", items: [{ id: target.id, version: 1 }] });
    expect(accept.results).toEqual([{ id: target.id, status: 200, version: 2 }]);
  });

  it("refuses a malformed request whole: missing reason, a field the action does not take, an item twice, too many items", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const item = { id: claim.id, version: 1 };
    const fields = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => [e.code, Object.keys(e.details.fieldErrors ?? {})]);
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "reject", items: [item] }))).toEqual(["BAD_REQUEST", ["reason"]]);
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "accept", items: [item], targetId: claim.id }))).toEqual(["BAD_REQUEST", ["targetId"]]);
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "assign", items: [item] }))).toEqual(["BAD_REQUEST", ["assigneeId"]]);
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "accept", items: [item, item] }))).toEqual(["BAD_REQUEST", ["items.1.id"]]);
    // The same claim in capitals is the same claim.
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "accept", items: [item, { ...item, id: claim.id.toUpperCase() }] }))).toEqual(["BAD_REQUEST", ["items.1.id"]]);
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "accept", items: [] }))).toEqual(["BAD_REQUEST", ["items"]]);
    const many = Array.from({ length: BULK_MAX + 1 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, version: 1 }));
    expect(await fields(bulkChangeClaims(db, world.reviewer, { action: "accept", items: many }))).toEqual(["BAD_REQUEST", ["items"]]);
    const [row] = await db.select({ state: claims.state, version: claims.version }).from(claims).where(inArray(claims.id, [claim.id]));
    expect(row).toEqual({ state: "triage", version: 1 });
  });
});
