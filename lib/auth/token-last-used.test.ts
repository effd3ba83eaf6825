import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { createApiToken, findActorByToken } from "./api-tokens";
import { SYSTEM_ACTOR } from "./permissions";

describe("API token use", () => {
  const world = useTestWorld("pglite");

  it("records when a token was last used", async () => {
    const { db } = world;
    const reviewer = await makeActor(db, "reviewer");
    const [user] = await db.query.users.findMany({ where: (u, { eq: equals }) => equals(u.id, reviewer.id) });
    const { id, token } = await createApiToken(db, SYSTEM_ACTOR, { email: user.email });
    const before = await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    expect(before[0].at).toBeNull();
    expect((await findActorByToken(db, token))?.id).toBe(reviewer.id);
    const after = await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    expect(after[0].at).toBeInstanceOf(Date);
  });
});
