import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, users } from "@/db/schema";
import { ROLES } from "@/lib/vocabulary";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { createApiToken, findActorByToken } from "./api-tokens";
import { SYSTEM_ACTOR } from "./permissions";

describe.each(TEST_DRIVERS)("API tokens on %s", (driver) => {
  const world = useTestWorld(driver, {
    setup: async ({ db }) => {
      const owner = await makeActor(db, "reviewer", "Token Owner");
      const [{ email: ownerEmail }] = await db.select({ email: users.email }).from(users).where(eq(users.id, owner.id));
      return { owner, ownerEmail };
    },
  });

  const tokenRows = (id: string) => world.db.select().from(apiTokens).where(eq(apiTokens.id, id));

  it("creates a cbr_ token, stores only its SHA-256, audits it, and finds its user by it", async () => {
    const { db } = world;
    const { id, token } = await createApiToken(db, SYSTEM_ACTOR, { email: world.ownerEmail, label: "CI export" });
    expect(token).toMatch(/^cbr_[A-Za-z0-9_-]{43}$/);

    const rows = await tokenRows(id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.userId).toBe(world.owner.id);
    expect(row.label).toBe("CI export");
    expect(row.revokedAt).toBeNull();
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4)); // not even without its prefix
    // ... nor anywhere in the audit log
    const events = await db
      .select({ actorId: auditEvents.actorId, data: auditEvents.data, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "token.created"), eq(auditEvents.entityId, world.owner.id)));
    expect(events).toEqual([{ actorId: null, entityId: world.owner.id, data: { tokenId: id, label: "CI export" } }]);
    expect(JSON.stringify(events)).not.toContain(token.slice(4));

    expect(await findActorByToken(db, token)).toEqual({ id: world.owner.id, role: "reviewer", name: "Token Owner" });
  });

  it("finds nobody for a wrong, mangled or revoked token, or a token of an inactive user", async () => {
    const { db } = world;
    const { id, token } = await createApiToken(db, SYSTEM_ACTOR, { email: world.ownerEmail, label: "to revoke" });
    const other = await createApiToken(db, SYSTEM_ACTOR, { email: world.ownerEmail });
    expect(await findActorByToken(db, token)).not.toBeNull();

    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const wrong of [flipped, token.slice(4), `${token}x`, token.toUpperCase(), "cbr_", "", `Bearer ${token}`, "x".repeat(200)]) {
      expect(await findActorByToken(db, wrong)).toBeNull();
    }

    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    expect(await findActorByToken(db, token)).toBeNull();
    expect(await findActorByToken(db, other.token)).not.toBeNull(); // revoking one leaves the others

    await db.update(users).set({ isActive: false }).where(eq(users.id, world.owner.id));
    try {
      expect(await findActorByToken(db, other.token)).toBeNull();
    } finally {
      await db.update(users).set({ isActive: true }).where(eq(users.id, world.owner.id));
    }
    expect(await findActorByToken(db, other.token)).toEqual({ id: world.owner.id, role: "reviewer", name: "Token Owner" });
  });

  it("lets only admins create tokens; refusals write nothing", async () => {
    const { db } = world;
    const before = { tokens: await rowCount(db, "api_tokens"), events: await rowCount(db, "audit_events") };
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const actor = await makeActor(db, role);
      const counts = { tokens: await rowCount(db, "api_tokens"), events: await rowCount(db, "audit_events") };
      const error = await rejection(createApiToken(db, actor, { email: world.ownerEmail }));
      expect({ role, code: error.code }).toEqual({ role, code: "FORBIDDEN" });
      expect({ tokens: await rowCount(db, "api_tokens"), events: await rowCount(db, "audit_events") }).toEqual(counts);
    }
    const unknown = await rejection(createApiToken(db, SYSTEM_ACTOR, { email: "nobody@example.test" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(await rowCount(db, "api_tokens")).toBe(before.tokens);

    // a signed-in admin may, and is recorded as the actor
    const admin = await makeActor(db, "admin");
    const { id } = await createApiToken(db, admin, { email: world.ownerEmail, label: "by an admin" });
    const [event] = await db
      .select({ actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.type, "token.created"))
      .orderBy(auditEvents.seq)
      .then((rows) => rows.slice(-1));
    expect(event).toEqual({ actorId: admin.id, data: { tokenId: id, label: "by an admin" } });
  });
});
