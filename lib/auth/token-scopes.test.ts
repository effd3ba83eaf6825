import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, twoFactorPolicy, users } from "@/db/schema";
import { submitSample } from "@/lib/test/fixtures";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { createOwnToken, findActorByToken, listTokens, revokeToken, revokeTokensOf } from "./api-tokens";
import { assertCan, can } from "./permissions";

const DAY = 24 * 60 * 60 * 1000;

describe.each(TEST_DRIVERS)("own API tokens: expiry, read-only, revocation on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  it("a person makes their own token, 90 days by default; an expired one finds nobody", async () => {
    const { db } = world;
    const person = await makeActor(db, "submitter");
    const made = await createOwnToken(db, person, { label: "laptop" });
    expect(made).toMatchObject({ label: "laptop", readOnly: false, revokedAt: null, lastUsedAt: null });
    expect(Date.parse(made.expiresAt ?? "") - Date.now()).toBeGreaterThan(89 * DAY);
    expect(Date.parse(made.expiresAt ?? "") - Date.now()).toBeLessThanOrEqual(90 * DAY);
    expect(await findActorByToken(db, made.token)).toEqual(person);
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, made.id));
    expect(await findActorByToken(db, made.token)).toBeNull();

    const forever = await createOwnToken(db, person, { label: "script", expiresInDays: null });
    expect(forever.expiresAt).toBeNull();
    for (const expiresInDays of [0, -1, 367, 1.5]) {
      const bad = await rejection(createOwnToken(db, person, { label: "x", expiresInDays }));
      expect([bad.code, Object.keys(bad.details.fieldErrors ?? {})]).toEqual(["BAD_REQUEST", ["expiresInDays"]]);
    }
    const [event] = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "token.created")).orderBy(auditEvents.seq).then((r) => r.slice(-1));
    expect(event.data).toEqual({ tokenId: forever.id, label: "script" });
    expect((await rejection(createOwnToken(db, null, { label: "x" }))).code).toBe("UNAUTHORIZED");
  });

  it("a read-only token's actor may read and nothing else, with a message that says why", async () => {
    const { db } = world;
    const editor = await makeActor(db, "editor");
    const made = await createOwnToken(db, editor, { label: "dashboard", readOnly: true });
    expect(made.readOnly).toBe(true);
    const actor = await findActorByToken(db, made.token);
    expect(actor).toEqual({ ...editor, readOnly: true });
    expect(can(actor, "claims.read_all")).toBe(true);
    expect(can(actor, "audit.read")).toBe(true);
    for (const write of ["claims.submit", "claims.publish", "evidence.add", "persons.merge", "tokens.own"] as const) expect(can(actor, write)).toBe(false);
    let refused: unknown;
    try {
      assertCan(actor, "claims.publish");
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "This API token is read-only: it may read, not change anything." });
    // And lib/ refuses its writes on its own, whatever door they come through.
    expect((await rejection(submitSample(db, actor!))).code).toBe("FORBIDDEN");
    const [event] = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "token.created")).orderBy(auditEvents.seq).then((r) => r.slice(-1));
    expect(event.data).toMatchObject({ tokenId: made.id, readOnly: true, expiresAt: made.expiresAt });
  });

  it("a person whose role must enrol a second factor, and has none, gets nothing from their tokens until they do", async () => {
    const { db } = world;
    const editor = await makeActor(db, "editor");
    const made = await createOwnToken(db, editor, { label: "before the policy" });
    expect(await findActorByToken(db, made.token)).toEqual(editor);
    await db.insert(twoFactorPolicy).values({ role: "editor", required: true });
    try {
      expect(await findActorByToken(db, made.token)).toBeNull();
      await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, editor.id));
      expect(await findActorByToken(db, made.token)).toEqual(editor);
    } finally {
      await db.delete(twoFactorPolicy);
    }
  });

  it("lists and revokes: one's own, or anyone's for an admin; another's is not found; revoking twice is audited once", async () => {
    const { db } = world;
    const owner = await makeActor(db, "reviewer");
    const stranger = await makeActor(db, "editor");
    const a = await createOwnToken(db, owner, { label: "a" });
    const b = await createOwnToken(db, owner, { label: "b" });
    expect((await listTokens(db, owner, owner.id)).map((t) => t.label).sort()).toEqual(["a", "b"]);
    expect(JSON.stringify(await listTokens(db, owner, owner.id))).not.toMatch(/tokenHash|cbr_/);
    expect((await rejection(listTokens(db, stranger, owner.id))).code).toBe("FORBIDDEN");
    expect((await listTokens(db, world.admin, owner.id)).length).toBe(2);

    expect((await rejection(revokeToken(db, stranger, a.id))).code).toBe("NOT_FOUND");
    expect((await rejection(revokeToken(db, stranger, "nope"))).code).toBe("NOT_FOUND");
    expect(await findActorByToken(db, a.token)).not.toBeNull();
    expect((await revokeToken(db, owner, a.id)).revokedAt).not.toBeNull();
    expect((await revokeToken(db, owner, a.id)).revokedAt).not.toBeNull();
    expect(await findActorByToken(db, a.token)).toBeNull();
    expect((await revokeToken(db, world.admin, b.id)).revokedAt).not.toBeNull();
    expect(await findActorByToken(db, b.token)).toBeNull();
    const revoked = await db.select({ actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "token.revoked")).orderBy(auditEvents.seq).then((r) => r.slice(-2));
    expect(revoked).toEqual([
      { actorId: owner.id, data: { tokenId: a.id, label: "a" } },
      { actorId: world.admin.id, data: { tokenId: b.id, label: "b" } },
    ]);

    const c = await createOwnToken(db, owner, { label: "c" });
    expect(await db.transaction((tx) => revokeTokensOf(tx, world.admin, owner.id))).toBe(1);
    expect(await findActorByToken(db, c.token)).toBeNull();
  });
});
