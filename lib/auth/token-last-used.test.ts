import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/connect";
import { apiTokens } from "@/db/schema";
import { openTestDatabase } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { createApiToken, findActorByToken } from "./api-tokens";
import { SYSTEM_ACTOR } from "./permissions";

describe("API token use", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
  });
  afterAll(() => database.close());

  it("records when a token was last used", async () => {
    const { db } = database;
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
