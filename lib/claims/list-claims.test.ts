import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/connect";
import { CLAIM_STATES } from "@/lib/vocabulary";
import { encodeCursor } from "@/lib/validation/cursor";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import type { TSubmitClaim } from "./schemas";
import { COUNT_CAP, COUNT_SCAN, listClaims } from "./list-claims";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DRIVERS)("listClaims on %s", (driver) => {
  const world = useTestWorld(driver, {
    setup: async ({ db }) => ({
      cast: { submitter: await makeActor(db, "submitter"), reviewer: await makeActor(db, "reviewer"), editor: await makeActor(db, "editor") },
      reviewer: await makeActor(db, "reviewer"),
    }),
  });

  /** Claims submitted one after another, a few milliseconds apart, so "oldest first" is well defined. */
  async function submitInOrder(titles: string[], extra: Partial<TSubmitClaim> = {}) {
    const ids: string[] = [];
    for (const title of titles) {
      ids.push((await submitSample(world.db, world.cast.submitter, { ...extra, title })).id);
      await pause(5);
    }
    return ids;
  }

  it("lists oldest first", async () => {
    const ids = await submitInOrder(["order-q first", "order-q second", "order-q third"]);
    const { items } = await listClaims(world.db, world.reviewer, { q: "order-q" });
    expect(items.map((c) => c.id)).toEqual(ids);
    expect(items.map((c) => c.title)).toEqual(["order-q first", "order-q second", "order-q third"]);
    const created = items.map((c) => Date.parse(c.createdAt));
    expect([...created].sort((a, b) => a - b)).toEqual(created);
  });

  it("filters by state and by kind, and counts per state under the other filters", async () => {
    const { db } = world;
    const m = "filter-q";
    const triage1 = await claimInState(db, world.cast, "triage", { title: `${m} triage one`, kind: "video" });
    const triage2 = await claimInState(db, world.cast, "triage", { title: `${m} triage two`, kind: "report" });
    const corroboration = await claimInState(db, world.cast, "corroboration", { title: `${m} corroborating`, kind: "video" });
    const rejected = await claimInState(db, world.cast, "rejected", { title: `${m} rejected`, kind: "video" });
    const review = await claimInState(db, world.cast, "review", { title: `${m} in review`, kind: "image" });

    const all = await listClaims(db, world.reviewer, { q: m });
    expect(all.items.map((c) => c.id)).toEqual([triage1.id, triage2.id, corroboration.id, rejected.id, review.id]);
    const expected = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0]));
    expect(all.counts).toEqual({ ...expected, triage: 2, corroboration: 1, rejected: 1, review: 1 });

    const triage = await listClaims(db, world.reviewer, { q: m, state: "triage" });
    expect(triage.items.map((c) => c.id)).toEqual([triage1.id, triage2.id]);
    expect(triage.items.every((c) => c.state === "triage")).toBe(true);
    // the counts ignore the state filter, so the tabs can show every state's number
    expect(triage.counts).toEqual(all.counts);

    const videos = await listClaims(db, world.reviewer, { q: m, kind: "video" });
    expect(videos.items.map((c) => c.id)).toEqual([triage1.id, corroboration.id, rejected.id]);
    expect(videos.counts).toEqual({ ...expected, triage: 1, corroboration: 1, rejected: 1 });

    const videosInTriage = await listClaims(db, world.reviewer, { q: m, kind: "video", state: "triage" });
    expect(videosInTriage.items.map((c) => c.id)).toEqual([triage1.id]);

    const none = await listClaims(db, world.reviewer, { q: m, state: "published" });
    expect(none.items).toEqual([]);
    expect(none.nextCursor).toBeNull();

    const badState = await rejection(listClaims(db, world.reviewer, { state: "lost" as never }));
    expect(badState.code).toBe("BAD_REQUEST");
    expect(badState.details.fieldErrors?.state?.length).toBeGreaterThan(0);
  });

  it("searches the words of title, summary and place as prefixes, folding case, Arabic spellings and transliteration marks", async () => {
    const { db } = world;
    const [hundred, thousand, summaryHit, placeHit, arabic, transliterated] = await Promise.all([
      submitSample(db, world.cast.submitter, { title: "srch Mass grave: 100% confirmed" }),
      submitSample(db, world.cast.submitter, { title: "srch Mass grave: 1000 confirmed" }),
      submitSample(db, world.cast.submitter, { title: "srch other", summary: "Seen on the ZQXW channel." }),
      submitSample(db, world.cast.submitter, { title: "srch shelling", placeName: "Qardaha countryside" }),
      submitSample(db, world.cast.submitter, { title: "srch مقتل أحمد مدنياً في القرية", summary: "بانيـاس" }),
      submitSample(db, world.cast.submitter, { title: "srch Ṭarṭūs: Sa'id Āmina" }),
    ]);
    const ids = async (q: string) => (await listClaims(db, world.reviewer, { q, limit: 100 })).items.map((c) => c.id).sort();

    expect(await ids("MASS GRAVE")).toEqual([hundred.id, thousand.id].sort());
    expect(await ids("grav mas")).toEqual([hundred.id, thousand.id].sort()); // prefixes, any order
    expect(await ids("mass grave 1000")).toEqual([thousand.id]);
    expect(await ids("zqxw")).toEqual([summaryHit.id]);
    expect(await ids("qardaha")).toEqual([placeHit.id]);
    // Arabic: hamza seat (أحمد = احمد), tanwin (مدنياً = مدنيا), ta marbuta (القرية = القريه), tatweel.
    expect(await ids("احمد")).toEqual([arabic.id]);
    expect(await ids("مدنيا القريه")).toEqual([arabic.id]);
    expect(await ids("بانياس")).toEqual([arabic.id]);
    expect(await ids("أَحْمَد")).toEqual([arabic.id]);
    // Transliteration marks and apostrophes: Ṭarṭūs = Tartus, Sa'id = Said = Sa’id.
    expect(await ids("tartus")).toEqual([transliterated.id]);
    expect(await ids("said amina")).toEqual([transliterated.id]);
    expect(await ids("Sa’id")).toEqual([transliterated.id]);
    expect(await ids("nothing-matches-this")).toEqual([]);
  });

  it("takes every character of a search literally: tsquery operators and SQL are only words or nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.cast.submitter, { title: "srchop bombed hospital" });
    const ids = async (q: string) => (await listClaims(db, world.reviewer, { q, limit: 100 })).items.map((c) => c.id);
    // Negation, or, phrase and weight syntax are not operators here: the words still must all match.
    expect(await ids("srchop & !bombed")).toEqual([claim.id]);
    expect(await ids("srchop | nothingatall")).toEqual([]);
    expect(await ids("srchop <-> hospital:A")).toEqual([]); // "a" is a word too, and no word starts with it here
    expect(await ids("srchop <-> hospital")).toEqual([claim.id]);
    for (const q of ["&", "|", "!", ":*", "'", "\\", "%", "_", "(", "')--", "'; drop table claims; --", "\u0640", "ـ", "ً"]) {
      expect(await ids(q), q).toEqual([]);
    }
    expect(await ids("srchop'; drop table claims; --")).toEqual([]);
    expect(await ids("srchop bomb")).toEqual([claim.id]);
  });

  /** Every page of a query, following nextCursor (at most 10 pages). */
  async function walk(query: { q: string; limit: number; state?: "triage" }) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listClaims(world.db, world.reviewer, { ...query, cursor });
      pages.push(page.items.map((c) => c.id));
      expect(page.counts.triage).toBe(5); // the counts do not depend on the page
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    return pages;
  }

  it("pages through 5 claims 2 at a time, visiting each exactly once, in order", async () => {
    const ids = await submitInOrder(["page-q 1", "page-q 2", "page-q 3", "page-q 4", "page-q 5"]);
    const pages = await walk({ q: "page-q", limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(ids);
    // with the state filter too
    expect((await walk({ q: "page-q", limit: 3, state: "triage" })).flat()).toEqual(ids);
    // a page that ends exactly at the last claim says so: no empty page after it
    expect(await walk({ q: "page-q", limit: 5 })).toEqual([ids]);
  });

  it("pages one claim at a time without ever handing the last one back", async () => {
    const ids = await submitInOrder(["single-q 1", "single-q 2", "single-q 3", "single-q 4", "single-q 5"]);
    const pages = await walk({ q: "single-q", limit: 1 });
    expect(pages).toEqual(ids.map((id) => [id]));
  });

  it("answers BAD_REQUEST to a garbage cursor", async () => {
    const { db } = world;
    const garbage = [
      "garbage",
      "%%%",
      encodeCursor({ not: "a tuple" }),
      encodeCursor(["yesterday", "00000000-0000-4000-8000-000000000000"]),
      encodeCursor(["2025-02-30T00:00:00.000Z", "00000000-0000-4000-8000-000000000000"]),
      encodeCursor([new Date().toISOString(), "not-a-uuid"]),
      "x".repeat(301),
    ];
    for (const cursor of garbage) {
      const error = await rejection(listClaims(db, world.reviewer, { cursor }));
      expect({ cursor, code: error.code }).toEqual({ cursor, code: "BAD_REQUEST" });
      expect(error.details.fieldErrors?.cursor?.length).toBeGreaterThan(0);
    }
  });

  /** Claims per state, counted the slow way, for the counts to be checked against. */
  async function fullCounts(kind?: string) {
    const result = await world.db.execute(
      sql`select state, count(*)::int as n from claims ${kind ? sql`where kind = ${kind}` : sql``} group by state`,
    );
    const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0]));
    for (const r of rowsOf<{ state: string; n: number }>(result)) counts[r.state] = r.n;
    return counts;
  }

  it("counts the whole queue exactly from the trigger-kept claim_counts, through submissions and transitions", async () => {
    const { db } = world;
    await claimInState(db, world.cast, "review", { title: "count-q review", kind: "video" });
    await claimInState(db, world.cast, "rejected", { title: "count-q rejected", kind: "report" });
    await claimInState(db, world.cast, "published", { title: "count-q published", kind: "video" });
    const all = await listClaims(db, world.reviewer, {});
    expect(all.counts).toEqual(await fullCounts());
    expect(all.countsCapped).toEqual([]);
    expect(all.counts.published).toBeGreaterThan(0);
    const videos = await listClaims(db, world.reviewer, { kind: "video" });
    expect(videos.counts).toEqual(await fullCounts("video"));
  });

  it(`stops filtered counts at ${COUNT_CAP} and says which states reached it`, async () => {
    const { db } = world;
    // Bulk rows: this test is about counting, not about how claims are made.
    await db.execute(sql`
      insert into claims (kind, title, summary, language, submitted_by_id)
      select 'report', 'capq claim ' || g, 'A bulk claim.', 'en', ${world.cast.submitter.id}
      from generate_series(1, ${COUNT_CAP + 5}) g`);
    const filtered = await listClaims(db, world.reviewer, { q: "capq", limit: 5 });
    expect(filtered.counts.triage).toBe(COUNT_CAP);
    expect(filtered.countsCapped).toEqual(["triage"]);
    expect(filtered.items).toHaveLength(5);
    // The whole queue stays exact, past the cap.
    const all = await listClaims(db, world.reviewer, {});
    expect(all.counts.triage).toBe((await fullCounts()).triage);
    expect(all.counts.triage).toBeGreaterThan(COUNT_CAP);
    // A submitter's own list is filtered by its scope: capped too.
    const own = await listClaims(db, world.cast.submitter, { mine: true, limit: 1 });
    expect(own.countsCapped).toEqual(["triage"]);

    // Past the scan's own bound, no state's count can be trusted to be complete: all are flagged.
    await db.execute(sql`
      insert into claims (kind, title, summary, language, submitted_by_id)
      select 'report', 'capq more ' || g, 'A bulk claim.', 'en', ${world.cast.submitter.id}
      from generate_series(1, ${COUNT_SCAN}) g`);
    const cut = await listClaims(db, world.reviewer, { q: "capq", limit: 1 });
    expect(cut.countsCapped).toEqual([...CLAIM_STATES]);
    expect(cut.counts.triage).toBe(COUNT_CAP);
  });
});
