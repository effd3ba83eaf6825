import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { listClaims } from "@/lib/claims/list-claims";
import { getClaimOrigins } from "@/lib/origins/claim-origins";
import { listPublicEntries } from "@/lib/publishing/public-entries";
import { openTestDatabase } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { claims, claimWatchers, mailOutbox, notifications, users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { createUser } from "@/lib/users/create-user";
import { DEMO_USERS, seedDemo } from "./seed";

describe("the demo workspace", () => {
  const world = useTestWorld("pglite");

  it("seeds every role, claims in several states, one published entry whose four items are one origin, and is idempotent", async () => {
    const { db } = world;
    await seedDemo(db, { log: false });
    await seedDemo(db, { log: false });
    expect(Number((await db.select({ n: count() }).from(users))[0].n)).toBe(5);
    expect(Number((await db.select({ n: count() }).from(claims))[0].n)).toBe(5);
    const reviewer = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, "reviewer") }))!;
    const actor = { id: reviewer.id, role: reviewer.role, name: reviewer.name };
    const { counts, items } = await listClaims(db, actor, {});
    expect(counts).toMatchObject({ triage: 1, corroboration: 1, review: 1, published: 1, rejected: 1 });
    const toll = items.find((c) => c.title.startsWith("1,383"))!;
    const origins = await getClaimOrigins(db, actor, toll.id);
    expect(origins.items).toBe(4);
    expect(origins.origins).toHaveLength(1);
    expect(origins.suggestedGrade).toBe("single_source");
    const victim = items.find((c) => c.kind === "person")!;
    expect((await getClaimOrigins(db, actor, victim.id)).origins).toHaveLength(2);
    const entries = (await listPublicEntries(db, {})).items;
    expect(entries.map((e) => e.title)).toEqual([toll.title]);
    // One entry in both languages: its Arabic wording published as version 2, and current.
    expect(entries[0].version).toBe(2);
    expect(entries[0].translations.ar).toMatchObject({ title: expect.stringContaining("1,383 مدنيًا"), outdated: false });
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
    // Its history is in the inboxes, read already, and nothing was mailed; its submitter watches what she submitted.
    const told = await db.select({ readAt: notifications.readAt, mail: notifications.mail }).from(notifications);
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((n) => n.readAt !== null && n.mail === null)).toBe(true);
    expect(Number((await db.select({ n: count() }).from(mailOutbox))[0].n)).toBe(0);
    const submitter = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, "submitter") }))!;
    expect(Number((await db.select({ n: count() }).from(claimWatchers).where(eq(claimWatchers.userId, submitter.id)))[0].n)).toBe(5);
  });

  it("never adds the demo accounts (public password) to a workspace that has users of its own", async () => {
    const real = await openTestDatabase("pglite");
    try {
      const { db } = real;
      await createUser(db, SYSTEM_ACTOR, { email: "lead@monitor.example", name: "Lead", role: "admin", password: "a long enough password" });
      await seedDemo(db, { log: false });
      const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email);
      expect(emails).toEqual(["lead@monitor.example"]);
      expect(Number((await db.select({ n: count() }).from(claims))[0].n)).toBe(0);
      // The test and bench servers ask for it beside generated users, and get it.
      await seedDemo(db, { log: false, besideOtherUsers: true });
      expect((await db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual(expect.arrayContaining(DEMO_USERS.map((u) => u.email)));
    } finally {
      await real.close();
    }
  });
});
