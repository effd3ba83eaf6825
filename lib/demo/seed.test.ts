import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { listClaims } from "@/lib/claims/list-claims";
import { getClaimOrigins } from "@/lib/origins/claim-origins";
import { listPublicEntries } from "@/lib/publishing/public-entries";
import { openTestDatabase } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { claims, claimWatchers, incidents, mailOutbox, notifications, personNames, sources, users } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { getIncident } from "@/lib/incidents/get-incident";
import { getPublicIncident } from "@/lib/incidents/public-incidents";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { createUser } from "@/lib/users/create-user";
import { DEMO_USERS, seedDemo } from "./seed";
import { DEMO_INCIDENT_TITLES } from "./seed-incidents";

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

  it("holds the coastal killings: three levels of incidents, their claims and victims, and the top one published without a private name", async () => {
    const { db } = world;
    await seedDemo(db, { log: false }); // seeded by the test above already: adds nothing
    const actorOf = async (email: string) => {
      const u = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!;
      return { id: u.id, role: u.role, name: u.name };
    };
    const reviewer = await actorOf("reviewer@demo.test");
    const editor = await actorOf("editor@demo.test");
    const rows = await db.select({ id: incidents.id, title: incidents.title, parentId: incidents.parentId }).from(incidents);
    expect(rows).toHaveLength(4);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]));
    const [coast, baniyas, qusour, sanubir] = [DEMO_INCIDENT_TITLES.coast, DEMO_INCIDENT_TITLES.baniyas, DEMO_INCIDENT_TITLES.qusour, DEMO_INCIDENT_TITLES.sanubir].map((t) => byTitle[t]);
    // The coast → Baniyas → al-Qusour, and the coast → Sanubir.
    expect([coast.parentId, baniyas.parentId, qusour.parentId, sanubir.parentId]).toEqual([null, coast.id, baniyas.id, coast.id]);

    const top = await getIncident(db, reviewer, coast.id);
    expect(top).toMatchObject({
      translations: { ar: { title: "مجازر الساحل السوري" } },
      type: "killing",
      placePrecision: "region",
      startDate: "2025-03-06",
      endDate: "2025-03-10",
      state: "published",
      publishedVersion: 1,
      changedSincePublication: false,
    });
    expect(top.children.map((c) => c.title)).toEqual([DEMO_INCIDENT_TITLES.baniyas, DEMO_INCIDENT_TITLES.sanubir]);
    expect(top.claims.map((c) => c.state).sort()).toEqual(["published", "rejected"]);
    expect(top.claims.find((c) => c.state === "published")!.title).toMatch(/^1,383 civilians/);
    // Each named victim once, across the tree; the reported range is the count's sources' newest reports.
    expect(top.tally).toMatchObject({ named: 2, reported: { low: 1300, high: 1500, open: false }, reportedFrom: "own" });

    const town = await getIncident(db, reviewer, baniyas.id);
    expect(town).toMatchObject({ state: "draft", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-09", tally: { named: 1 } });
    expect(town.children.map((c) => c.title)).toEqual([DEMO_INCIDENT_TITLES.qusour]);
    expect(town.claims.map((c) => [c.kind, c.state])).toEqual([["person", "review"]]);
    expect(town.casualties).toHaveLength(1);
    expect(town.casualties[0]).toMatchObject({ dateOfDeath: "2025-03-07", cause: "unknown", status: "civilian", ageBand: "adult", sex: "male" });
    expect(town.casualties[0].person!.names.map((n) => n.name)).toContain("Yusuf Wahid Mithal");
    expect(town.casualties[0].sources.map((s) => s.name)).toEqual(["Family member's account", "Relative (anonymous contact)"]);
    expect(town.attributions).toMatchObject([{ grade: "single_source", sources: [{ name: "UK-based Syrian monitor" }] }]);
    expect(town.persons).toMatchObject([{ role: "victim", recorded: true }]);

    const neighbourhood = await getIncident(db, reviewer, qusour.id);
    expect(neighbourhood).toMatchObject({ placePrecision: "vicinity", parent: { id: baniyas.id }, tally: { named: 0 }, state: "draft" });

    const grave = await getIncident(db, reviewer, sanubir.id);
    expect(grave).toMatchObject({ type: "mass_grave", placePrecision: "locality", startDate: "2025-03-12", state: "draft", tally: { named: 1 } });
    expect(grave.claims.map((c) => c.kind)).toEqual(["video"]);
    expect(grave.casualties).toMatchObject([{ age: 52, ageBand: "adult", sex: "male" }]);
    expect(grave.casualties[0].person!.names.map((n) => n.name)).toContain("Nabil Karim Wardeh");
    // The video's other spelling of Yusuf is named on it, but not recorded (it would count him twice).
    expect(grave.persons.filter((p) => !p.recorded).map((p) => p.person.names.map((n) => n.name))).toEqual([["Youssef Waheed Methal"]]);

    // Four eyes: made by the reviewer, published by another editor.
    const published = (await listAuditEvents(db, (await actorOf("admin@demo.test")), { entity: `incident:${coast.id}`, type: "incident.published" })).items;
    expect(published.map((e) => e.actor?.id)).toEqual([editor.id]);

    // The public page: the count and its figures, the victims as a number only (no name is public in the demo).
    const page = await getPublicIncident(db, top.slug!);
    expect(page).toMatchObject({ title: DEMO_INCIDENT_TITLES.coast, version: 1, victims: [], unnamedVictims: 2, children: [], tally: { recorded: 2, reported: { low: 1300, high: 1500 } } });
    expect(page.claims.map((c) => c.title)).toEqual([top.claims.find((c) => c.state === "published")!.title]);
    const json = JSON.stringify(page);
    const names = (await db.select({ name: personNames.name }).from(personNames)).map((n) => n.name);
    expect(names.length).toBeGreaterThanOrEqual(5);
    const privateWords = [...names, "Relative (anonymous contact)", "Family member's account", "Armed factions", DEMO_INCIDENT_TITLES.baniyas, "Fictional name"];
    for (const word of privateWords) expect(json, word).not.toContain(word);
    const protectedSources = await db.select({ name: sources.name }).from(sources).where(eq(sources.isProtected, true));
    expect(protectedSources.map((s) => s.name)).toEqual(["Relative (anonymous contact)"]);
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
