import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { createApiToken, findActorByToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { findActorBySession, startSession } from "@/lib/auth/sessions";
import { outcome } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { updateUser } from "./update-user";

describe.each(TEST_DRIVERS)("updateUser on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  async function userWithSessionAndToken(role: "reviewer" | "editor" = "reviewer") {
    const { db } = world;
    const actor = await makeActor(db, role);
    const [row] = (await db.query.users.findMany({ where: (u, { eq }) => eq(u.id, actor.id) }));
    const { token } = await createApiToken(db, SYSTEM_ACTOR, { email: row.email });
    const { id: sessionId } = await startSession(db, actor.id);
    return { actor, email: row.email, session: { sessionId, userId: actor.id, sessionVersion: row.sessionVersion }, token };
  }

  it("a role change ends the user's sessions and their token acts in the new role", async () => {
    const { db } = world;
    const { email, session, token } = await userWithSessionAndToken();
    expect((await findActorBySession(db, session))?.role).toBe("reviewer");
    const updated = await updateUser(db, world.admin, { email, role: "submitter" });
    expect(updated.role).toBe("submitter");
    expect(await findActorBySession(db, session)).toBeNull();
    expect((await findActorByToken(db, token))?.role).toBe("submitter");
    const events = await listAuditEvents(db, world.admin, { entity: `user:${updated.id}` });
    expect(events.items.find((e) => e.type === "user.updated")).toMatchObject({ type: "user.updated", data: { sessionVersion: session.sessionVersion + 1, changes: { role: { before: "reviewer", after: "submitter" } } } });
  });

  it("deactivation shuts sessions and tokens out at once; reactivation brings back neither (the tokens were revoked)", async () => {
    const { db } = world;
    const { email, session, token } = await userWithSessionAndToken("editor");
    expect((await findActorBySession(db, session))?.role).toBe("editor");
    await updateUser(db, world.admin, { email, isActive: false });
    expect(await findActorBySession(db, session)).toBeNull();
    expect(await findActorByToken(db, token)).toBeNull();
    await updateUser(db, world.admin, { email, isActive: true });
    expect(await findActorByToken(db, token)).toBeNull();
    expect(await findActorBySession(db, session)).toBeNull();
  });

  it("is for admins only, and refuses unknown users and empty changes", async () => {
    const { db } = world;
    const { actor, email } = await userWithSessionAndToken();
    expect(await outcome(updateUser(db, actor, { email, isActive: false }))).toBe("FORBIDDEN");
    expect(await outcome(updateUser(db, world.admin, { email: "nobody@example.test", isActive: false }))).toBe("NOT_FOUND");
    expect(await outcome(updateUser(db, world.admin, { email }))).toBe("BAD_REQUEST");
    expect(await outcome(updateUser(db, world.admin, { email, role: "owner" }))).toBe("BAD_REQUEST");
  });
});
