import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims } from "@/db/schema";
import { type ClaimState, ROLES, type Role } from "@/lib/vocabulary";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { getClaim } from "@/lib/claims/get-claim";
import { listClaims } from "@/lib/claims/list-claims";
import { submitClaim } from "@/lib/claims/submit-claim";
import { rowCount, snapshotCounts } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { attachAssessedItem, makeActor, SAMPLE_CLAIM, submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { type Actor, assertCan, can, PERMISSIONS, type Permission } from "./permissions";

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
const actorOf = (role: Role): Actor => ({ id: `00000000-0000-4000-8000-00000000000${ROLES.indexOf(role)}`, role, name: role });

describe("the permission table", () => {
  const cases = ROLES.flatMap((role) =>
    PERMISSION_NAMES.map((permission) => ({
      role,
      permission,
      allowed: (PERMISSIONS[permission] as readonly Role[]).includes(role),
    })),
  );

  it("has a case for every role × permission", () => {
    expect(cases).toHaveLength(ROLES.length * PERMISSION_NAMES.length);
    expect(ROLES).toEqual(["submitter", "reviewer", "editor", "admin"]);
  });

  it.each(cases)("$role → $permission: $allowed", ({ role, permission, allowed }) => {
    expect(can(actorOf(role), permission)).toBe(allowed);
    if (allowed) {
      expect(() => assertCan(actorOf(role), permission)).not.toThrow();
    } else {
      expect(() => assertCan(actorOf(role), permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });

  it("matches the design, written out by hand", () => {
    const expectations: [Role, Permission, boolean][] = [
      ["submitter", "claims.submit", true],
      ["submitter", "claims.accept", false],
      ["submitter", "claims.read_all", false],
      ["submitter", "claims.grade", false],
      ["submitter", "audit.read", false],
      ["submitter", "users.manage", false],
      ["reviewer", "claims.accept", true],
      ["reviewer", "claims.grade", true],
      ["reviewer", "claims.send_to_review", true],
      ["reviewer", "claims.read_all", true],
      ["reviewer", "claims.publish", false],
      ["reviewer", "claims.correct", false],
      ["reviewer", "claims.retract", false],
      ["reviewer", "tokens.manage", false],
      // A name is marked publishable by an editor or a reviewer (issue 17), never by its submitter or an admin.
      ["submitter", "persons.publish", false],
      ["reviewer", "persons.publish", true],
      ["editor", "persons.publish", true],
      ["admin", "persons.publish", false],
      ["editor", "claims.publish", true],
      ["editor", "claims.correct", true],
      ["editor", "claims.retract", true],
      ["editor", "claims.send_back", true],
      ["editor", "claims.accept", true],
      ["editor", "users.manage", false],
      ["admin", "claims.submit", false],
      ["admin", "claims.accept", false],
      ["admin", "claims.publish", false],
      ["admin", "claims.read_all", true],
      ["admin", "audit.verify", true],
      ["admin", "users.manage", true],
      ["admin", "tokens.manage", true],
    ];
    const wrong = expectations.filter(([role, permission, expected]) => can(actorOf(role), permission) !== expected);
    expect(wrong).toEqual([]);
  });

  it("nests the editorial roles: reviewer ⊇ submitter, editor ⊇ reviewer; only admins manage people and tokens", () => {
    const granted = (role: Role) => PERMISSION_NAMES.filter((p) => can(actorOf(role), p));
    expect(granted("reviewer")).toEqual(expect.arrayContaining(granted("submitter")));
    expect(granted("editor")).toEqual(expect.arrayContaining(granted("reviewer")));
    expect(granted("editor").length).toBeGreaterThan(granted("reviewer").length);
    for (const p of ["users.manage", "tokens.manage"] as const) {
      expect(ROLES.filter((r) => can(actorOf(r), p))).toEqual(["admin"]);
    }
    // admins do not take part in the editorial workflow
    for (const rule of Object.values(TRANSITIONS)) expect(can(actorOf("admin"), rule.permission)).toBe(false);
    // every permission is granted to someone, and every transition names a real permission
    for (const p of PERMISSION_NAMES) expect(ROLES.some((r) => can(actorOf(r), p))).toBe(true);
    for (const rule of Object.values(TRANSITIONS)) expect(PERMISSION_NAMES).toContain(rule.permission);
  });

  it("refuses everything to a signed-out actor, as UNAUTHORIZED", () => {
    for (const p of PERMISSION_NAMES) {
      expect(can(null, p)).toBe(false);
      expect(() => assertCan(null, p)).toThrow(expect.objectContaining({ code: "UNAUTHORIZED" }));
    }
  });
});

/** A complete input for each action, so that a permitted role passes every guard. */
function inputFor(action: TransitionAction, targetId: string) {
  switch (action) {
    case "reject":
    case "retract":
    case "send_back":
      return { action, reason: "Because the matrix says so." };
    case "duplicate":
      return { action, targetId };
    case "send_to_review":
      return { action, grade: "probable" as const, rationale: "Two independent origins." };
    case "correct":
      return { action, reason: "Corrected count.", changes: { title: "Corrected title" } };
    default:
      return { action };
  }
}

describe.each(TEST_DRIVERS)("permissions and scope in the domain functions, on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ROLES,
    // the matrix's submitter owns every claim, so scope never hides one from them; other people
    // move the claims into place, so the four-eyes rule never stops the matrix's editor
    setup: async ({ db, submitter }) => ({
      cast: { submitter, reviewer: await makeActor(db, "reviewer"), editor: await makeActor(db, "editor") },
      otherSubmitter: await makeActor(db, "submitter"),
    }),
  });

  const matrix = Object.entries(TRANSITIONS).flatMap(([action, rule]) =>
    (rule.from as readonly ClaimState[]).flatMap((from) =>
      ROLES.map((role) => ({ action: action as TransitionAction, from, role })),
    ),
  );

  it("covers every transition from every state it leaves, for every role", () => {
    expect(matrix.length).toBe(ROLES.length * Object.values(TRANSITIONS).reduce((n, r) => n + r.from.length, 0));
    expect(matrix.length).toBe(48);
  });

  it.each(matrix)("$role: $action from $from", async ({ action, from, role }) => {
    const { db } = world;
    const actor = world[role];
    const rule = TRANSITIONS[action];
    let claim = await claimInState(db, world.cast, from, { title: `Matrix ${action} ${from} ${role}` });
    expect(claim.state).toBe(from);
    if (action === "publish_correction" || action === "discard_correction") {
      // Another editor drafted the correction the matrix's actor publishes or discards.
      claim = await transitionClaim(db, world.cast.editor, claim.id, { ...inputFor("correct", ""), version: claim.version });
    }
    const target = action === "duplicate" ? await submitSample(db, world.cast.submitter, { title: "Matrix target" }) : null;
    if (action === "send_to_review") await attachAssessedItem(db, world.cast.reviewer, claim.id);
    const rowOf = async () =>
      (await db.select({ state: claims.state, version: claims.version, updatedAt: claims.updatedAt }).from(claims).where(eq(claims.id, claim.id)))[0];
    const before = await rowOf();
    const eventsBefore = await rowCount(db, "audit_events");
    const entriesBefore = await rowCount(db, "published_entries");

    const attempt = transitionClaim(db, actor, claim.id, { ...inputFor(action, target?.id ?? ""), version: claim.version });

    if (!can(actor, rule.permission)) {
      expect((await rejection(attempt)).code).toBe("FORBIDDEN");
      expect(await rowOf()).toEqual(before);
      expect(await rowCount(db, "audit_events")).toBe(eventsBefore);
      expect(await rowCount(db, "published_entries")).toBe(entriesBefore);
      return;
    }
    const result = await attempt.then(
      (value) => ({ value, error: null }),
      (error: { code?: string }) => ({ value: null, error }),
    );
    if (result.error) {
      // past the permission check: only a guard may stop it, and then nothing changes
      expect(result.error.code).not.toBe("FORBIDDEN");
      expect(result.error.code).toBe("INVALID_STATE");
      expect(await rowOf()).toEqual(before);
      expect(await rowCount(db, "audit_events")).toBe(eventsBefore);
      return;
    }
    expect(result.value!.state).toBe(rule.to);
    expect(await rowOf()).toMatchObject({ state: rule.to, version: before.version + 1 });
    // One event, and a version made public is sealed right after it (its pages' hashes: lib/public-pages).
    const publishes = ["publish", "publish_correction", "retract"].includes(action);
    expect(await rowCount(db, "audit_events")).toBe(eventsBefore + (publishes ? 2 : 1));
    const [event, sealed] = await db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, entityId: auditEvents.entityId, data: auditEvents.data })
      .from(auditEvents)
      .orderBy(sql`${auditEvents.seq} asc`)
      .offset(eventsBefore)
      .limit(2);
    if (publishes) expect(sealed).toMatchObject({ type: "entry.sealed", actorId: actor.id, entityId: claim.id });
    // A correction's draft and its discarding are events of their own (not public); the rest are transitions.
    const drafts = { correct: "claim.correction_drafted", discard_correction: "claim.correction_discarded" } as Partial<Record<TransitionAction, string>>;
    expect(event).toMatchObject({
      type: drafts[action] ?? "claim.transitioned",
      actorId: actor.id,
      entityId: claim.id,
      data: drafts[action] ? { version: before.version + 1 } : { action, from, to: rule.to },
    });
  });

  it("hides another submitter's claim: NOT_FOUND (never FORBIDDEN) from getClaim, transitionClaim and its audit trail", async () => {
    const { db } = world;
    const theirs = await submitSample(db, world.otherSubmitter, { title: "Someone else's unpublished claim" });
    const counts = await snapshotCounts(db);
    expect((await rejection(getClaim(db, world.submitter, theirs.id))).code).toBe("NOT_FOUND");
    for (const action of ["accept", "reject"] as const) {
      const error = await rejection(transitionClaim(db, world.submitter, theirs.id, { action, version: 1, reason: "x" }));
      expect(error.code).toBe("NOT_FOUND");
    }
    expect((await rejection(listAuditEvents(db, world.submitter, { entity: `claim:${theirs.id}` }))).code).toBe("NOT_FOUND");
    expect(await snapshotCounts(db)).toEqual(counts);
    const [row] = await db.select({ state: claims.state, version: claims.version }).from(claims).where(eq(claims.id, theirs.id));
    expect(row).toEqual({ state: "triage", version: 1 });

    // the owner, and everyone with claims.read_all, do see it
    expect((await getClaim(db, world.otherSubmitter, theirs.id)).title).toBe("Someone else's unpublished claim");
    for (const role of ["reviewer", "editor", "admin"] as const) {
      expect((await getClaim(db, world[role], theirs.id)).id).toBe(theirs.id);
    }
    const ownTrail = await listAuditEvents(db, world.otherSubmitter, { entity: `claim:${theirs.id}` });
    expect(ownTrail.items.map((e) => e.type)).toEqual(["claim.submitted"]);
    // the whole log is not for submitters
    expect((await rejection(listAuditEvents(db, world.otherSubmitter, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(verifyAuditChain(db, world.otherSubmitter))).code).toBe("FORBIDDEN");
  });

  it("lists only a submitter's own claims, and every claim to a reviewer or admin", async () => {
    const { db } = world;
    const marker = `scope-marker-${driver}`;
    const mine = await submitSample(db, world.submitter, { title: `${marker} mine` });
    const theirs = await submitSample(db, world.otherSubmitter, { title: `${marker} theirs` });

    const own = await listClaims(db, world.submitter, { q: marker });
    expect(own.items.map((c) => c.id)).toEqual([mine.id]);
    const all = await listClaims(db, world.submitter, { limit: 100 });
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((c) => c.submitter.id === world.submitter.id)).toBe(true);
    const [{ n: ownTotal }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(eq(claims.submittedById, world.submitter.id));
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(ownTotal);

    const total = await rowCount(db, "claims");
    expect(total).toBeGreaterThan(ownTotal);
    for (const role of ["reviewer", "editor", "admin"] as const) {
      const seen = await listClaims(db, world[role], { q: marker });
      expect(seen.items.map((c) => c.id)).toEqual([mine.id, theirs.id]);
      const everything = await listClaims(db, world[role], {});
      expect(Object.values(everything.counts).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("answers UNAUTHORIZED to a signed-out actor everywhere, and writes nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const counts = await snapshotCounts(db);
    const calls: [string, () => Promise<unknown>][] = [
      ["submitClaim", () => submitClaim(db, null, SAMPLE_CLAIM)],
      ["listClaims", () => listClaims(db, null, {})],
      ["getClaim", () => getClaim(db, null, claim.id)],
      ["transitionClaim", () => transitionClaim(db, null, claim.id, { action: "accept", version: 1 })],
      ["listAuditEvents", () => listAuditEvents(db, null, {})],
      ["listAuditEvents of a claim", () => listAuditEvents(db, null, { entity: `claim:${claim.id}` })],
      ["verifyAuditChain", () => verifyAuditChain(db, null)],
    ];
    for (const [name, call] of calls) {
      const error = await rejection(call());
      expect({ name, code: error.code }).toEqual({ name, code: "UNAUTHORIZED" });
    }
    expect(await snapshotCounts(db)).toEqual(counts);
    const [row] = await db.select({ state: claims.state, version: claims.version }).from(claims).where(eq(claims.id, claim.id));
    expect(row).toEqual({ state: "triage", version: 1 });
  });
});
