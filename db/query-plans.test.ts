import { readDisclosures } from "@/lib/publishing/read-disclosures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "@/e2e/bench/scale-seed";
import { listAuditEvents, listClaimTimeline } from "@/lib/audit/list-events";
import type { Actor } from "@/lib/auth/permissions";
import { findSignedIn, startSession } from "@/lib/auth/sessions";
import { readChanges } from "@/lib/changes/read-changes";
import { getClaimDetail } from "@/lib/claims/get-claim-detail";
import { listClaims } from "@/lib/claims/list-claims";
import { listComments } from "@/lib/comments/list-comments";
import { listEvidenceNotes } from "@/lib/evidence/notes";
import { listMentionOptions } from "@/lib/comments/mentions";
import { takeNextClaim } from "@/lib/claims/take-next";
import { fanOutNotifications } from "@/lib/notifications/fan-out";
import { listNotifications, countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { remindQuietClaims } from "@/lib/notifications/sweep";
import { getImportNotice } from "@/lib/persons/import/import-notice";
import { matchPersons } from "@/lib/persons/match-persons";
import { listPublicEntries } from "@/lib/publishing/public-entries";
import { openTestDatabase, TEST_DRIVERS } from "@/lib/test/databases";
import { encodeCursor } from "@/lib/validation/cursor";
import { INCIDENT_TYPES } from "@/lib/vocabulary";
import { claimIncidents } from "@/lib/incidents/claim-incidents";
import { getIncident } from "@/lib/incidents/get-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { getPublicIncident, listPublicIncidents } from "@/lib/incidents/public-incidents";
import { listExportedTimeStamps } from "@/lib/timestamps/exported-stamps";
import { listPublicTimeStamps } from "@/lib/timestamps/read-stamps";
import { scheduleTimeStamps } from "@/lib/timestamps/schedule";
import { type Database, rowsOf } from "./connect";

/**
 * Every statement the hot paths send (the session check of every signed-in request, the queue,
 * search, a claim's page and audit trail, person matching, the public list, incidents' list, map,
 * timeline and pages), recorded from the real lib functions over a generated workspace, is
 * EXPLAINed; a sequential scan of any large table fails the test. Run at 20,000 claims (about
 * 230,000 audit events) and 20,000 incidents: big enough that the planner prefers what it would at 100,000.
 */
const CLAIMS = 20_000;
const SESSIONS = 40_000;
const LARGE_TABLES = new Set([
  "claims",
  "evidence",
  "blobs",
  "assessments",
  "audit_events",
  "published_entries",
  "sources",
  "citations",
  "persons",
  "person_names",
  "person_name_keys",
  "claim_persons",
  "sessions",
  "comments",
  "evidence_notes",
  "incidents",
  "incident_claims",
  "casualty_records",
  "incident_versions",
]);

type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

function seqScansOfLargeTables(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" && LARGE_TABLES.has(node["Relation Name"] ?? "") ? [node["Relation Name"]!] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScansOfLargeTables)];
}

/** Comments spread over the claims (three each on average, some on an item): a claim's discussion is read by its index. */
const COMMENTS = 60_000;

/** Items with time-coded notes (five each). */
const NOTED_ITEMS = 4_000;

/** Incidents (issue 24): the list, the map and the timeline are read at this many. */
const INCIDENTS = 20_000;
/** Claims linked to incidents, and victims recorded (six each on a quarter of the incidents). */
const INCIDENT_CLAIMS = 5_000;
const CASUALTY_RECORDS = 30_000;

/** Incident `g` (100 … INCIDENTS + 99) has this id, a version-4 UUID made of the number's MD5 (a parent is named by its number). */
const incidentUuid = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
const incidentNumbered = (g: number) => sql.raw(incidentUuid(`'incident-${Math.trunc(g)}'`));

/**
 * 20,000 incidents over five years, of every type, most placed within Syria (one in eight has no
 * point), nested three deep (every hundredth holds nine, each of which holds three), one in ten
 * published (a snapshot of the public one's shape; one in five published twice); claims linked to a quarter of them and
 * victims (the seeded persons) recorded on another quarter. A few statements, in seconds.
 */
async function seedIncidents(db: Database["db"], userId: string) {
  const types = sql.raw(`(array[${INCIDENT_TYPES.map((t) => `'${t}'`).join(", ")}]::incident_type[])`);
  const places = sql.raw(`(array[${["Baniyas", "Jableh", "Latakia", "Tartus", "Qardaha", "al-Mukhtariya", "Sanubir", "Arza", "al-Qusour", "Hreisun", "Safita", "al-Haffah", "Dreikish", "Homs", "Hama countryside", "Idlib"].map((p) => `'${p}'`).join(", ")}])`);
  const events = sql.raw(`(array['Killings', 'Shelling', 'Arrests', 'Mass grave', 'Houses burned', 'Displacement', 'Raid', 'Executions'])`);
  await db.execute(sql`
    insert into incidents (id, title, language, type, place_name, place_precision, latitude, longitude, start_date, end_date, date_precision,
                           parent_id, state, published_version, slug, created_by_id, changed_by_id, created_at, changed_at)
    select ${sql.raw(incidentUuid("'incident-' || g"))}, ${events}[1 + g % 8] || ' in ' || ${places}[1 + (g / 8) % 16] || ' (' || g || ')',
           case when g % 3 = 0 then 'ar' else 'en' end, ${types}[1 + (g / 3) % 7], ${places}[1 + (g / 8) % 16], 'locality'::place_precision,
           case when g % 8 <> 7 then 32 + (g * 7919 % 5000) / 1000.0 end, case when g % 8 <> 7 then 35.5 + (g * 104729 % 6500) / 1000.0 end,
           date '2021-03-01' + g * 7907 % 1826, date '2021-03-01' + g * 7907 % 1826 + g % 4, 'day'::date_precision,
           case when g % 10 between 1 and 3 then ${sql.raw(incidentUuid("'incident-' || (g - g % 10)"))} when g % 10 = 0 and g % 100 <> 0 then ${sql.raw(incidentUuid("'incident-' || (g - g % 100)"))} end,
           case when g % 10 = 5 then 'published' else 'draft' end::incident_state, case when g % 50 = 5 then 2 when g % 10 = 5 then 1 end, case when g % 10 = 5 then 'incident-' || g end,
           ${userId}::uuid, ${userId}::uuid, now() - g * interval '1 minute', now() - g * interval '1 minute'
    from generate_series(100, ${INCIDENTS + 99}) g`);
  // A snapshot of the public one's shape (lib/incidents/public-snapshot.ts), its lists empty; one in five published again since.
  await db.execute(sql`
    insert into incident_versions (incident_id, version, snapshot, published_by_id, published_at)
    select i.id, v.n, jsonb_build_object('slug', i.slug, 'title', i.title, 'language', i.language, 'translations', '{}'::jsonb, 'type', i.type, 'summary', null,
             'place', jsonb_build_object('name', i.place_name, 'precision', i.place_precision, 'latitude', i.latitude, 'longitude', i.longitude),
             'dates', jsonb_build_object('start', i.start_date, 'end', i.end_date, 'time', null, 'precision', i.date_precision),
             'parent', null, 'children', '[]'::jsonb, 'claims', '[]'::jsonb, 'figures', '[]'::jsonb, 'victims', '[]'::jsonb, 'unnamedVictims', 0, 'attributions', '[]'::jsonb,
             'tally', jsonb_build_object('recorded', 0, 'reported', null, 'reportedFrom', null, 'sources', '[]'::jsonb, 'sourcesDisagree', false, 'namedAboveReported', false)),
           ${userId}::uuid, i.changed_at + v.n * interval '1 hour'
    from incidents i join generate_series(1, 2) v(n) on v.n <= i.published_version
    where i.state = 'published'`);
  await db.execute(sql`
    insert into incident_claims (incident_id, claim_id, created_by_id, created_at)
    select ${sql.raw(incidentUuid(`'incident-' || (100 + g * 4 % ${INCIDENTS})`))}, c.id, ${userId}::uuid, now() - g * interval '1 second'
    from generate_series(1, ${INCIDENT_CLAIMS}) g
    join (select id, row_number() over (order by id) - 1 as n from claims) c on c.n = g * 7 % ${CLAIMS}
    on conflict do nothing`);
  const [{ total }] = rowsOf<{ total: number | string }>(await db.execute(sql`select count(*) as total from persons`));
  await db.execute(sql`
    insert into casualty_records (incident_id, person_id, cause, status, created_by_id)
    select ${sql.raw(incidentUuid("'incident-' || (102 + g / 6 * 4)"))}, p.id, 'shot', 'civilian', ${userId}::uuid
    from generate_series(0, ${CASUALTY_RECORDS - 1}) g
    join (select id, row_number() over (order by id) - 1 as n from persons) p on p.n = g * 7919 % ${Number(total)}
    on conflict do nothing`);
  for (const table of ["incidents", "incident_versions", "incident_claims", "casualty_records"]) await db.execute(sql`analyze ${sql.identifier(table)}`);
}

/** The statement with its parameters written in as literals, as a custom plan would see them. */
function inline(query: string, params: unknown[]): string {
  return query.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return "null";
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
    return `'${text.replace(/'/g, "''")}'`;
  });
}

describe.each(TEST_DRIVERS)("query plans over a generated workspace on %s", (driver) => {
  let database: Database;
  let recording: { query: string; params: unknown[] }[] | null = null;
  let reviewer: Actor;
  let submitter: Actor;
  let admin: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(driver, { onDisk: true, logQuery: (query, params) => recording?.push({ query, params }) });
    await seedScale(database.db, { claims: CLAIMS, seed: 3 });
    const actor = async (role: string): Promise<Actor> => {
      const [row] = rowsOf<{ id: string; name: string }>(await database.db.execute(sql`select id, name from users where role = ${role} order by email limit 1`));
      return { id: row.id, name: row.name, role: role as Actor["role"] };
    };
    [reviewer, submitter, admin] = [await actor("reviewer"), await actor("submitter"), await actor("admin")];
    // A month of sign-ins spread over the staff, a third of them signed out.
    await database.db.execute(sql`
      insert into sessions (user_id, created_at, last_seen_at, expires_at, ended_at)
      select u.id, now() - g * interval '1 minute', now() - g * interval '1 minute',
             now() - g * interval '1 minute' + interval '12 hours', case when g % 3 = 0 then now() end
      from generate_series(1, ${SESSIONS}) g
      join (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from users) u on u.n = g % u.total`);
    await database.db.execute(sql`analyze sessions`);
    await database.db.execute(sql`
      insert into comments (claim_id, evidence_id, author_id, body, created_at)
      select c.id, case when g % 4 = 0 then (select e.id from evidence e where e.claim_id = c.id limit 1) end, ${reviewer.id}::uuid,
             'A comment of the scale test ' || g, now() - g * interval '1 second'
      from generate_series(1, ${COMMENTS}) g
      join (select id, row_number() over (order by id) - 1 as n from claims) c on c.n = g % ${CLAIMS}`);
    await database.db.execute(sql`analyze comments`);
    // Time-coded notes on a few thousand items (read as videos), a handful each: an item's notes are read by their index.
    await database.db.execute(sql`update evidence set media_type = 'video/mp4' where id in (select id from evidence order by id limit ${NOTED_ITEMS})`);
    await database.db.execute(sql`
      insert into evidence_notes (evidence_id, claim_id, author_id, start_ms, body)
      select e.id, e.claim_id, ${reviewer.id}::uuid, (g * 137) % 60000, 'A note of the scale test ' || g
      from generate_series(1, ${NOTED_ITEMS * 5}) g
      join (select id, claim_id, row_number() over (order by id) - 1 as n from evidence order by id limit ${NOTED_ITEMS}) e on e.n = g % ${NOTED_ITEMS}`);
    await database.db.execute(sql`analyze evidence_notes`);
    await database.db.execute(sql`analyze evidence`);
    await seedIncidents(database.db, reviewer.id);
  }, 600_000);
  afterAll(() => database?.close());

  /** The statements `work` sends, each EXPLAINed; returns the large tables read sequentially, per statement. */
  async function plansOf(work: () => Promise<unknown>) {
    recording = [];
    await work();
    const statements = recording.filter(({ query }) => /^\s*(select|with)\b/i.test(query) && !/pg_advisory/.test(query));
    recording = null;
    expect(statements.length).toBeGreaterThan(0);
    const scans: { query: string; tables: string[] }[] = [];
    for (const { query, params } of statements) {
      const result = await database.db.execute(sql.raw(`explain (format json) ${inline(query, params)}`));
      const [row] = rowsOf<{ "QUERY PLAN": unknown }>(result);
      const plan = (typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"]) as { Plan: PlanNode }[];
      const tables = seqScansOfLargeTables(plan[0].Plan);
      if (tables.length) scans.push({ query: query.slice(0, 300), tables });
    }
    return scans;
  }

  async function claimAt(fraction: number) {
    const [row] = rowsOf<{ id: string; created_at: string | Date }>(
      await database.db.execute(sql`select id, created_at from claims where state = 'triage' order by created_at, id offset ${Math.floor(CLAIMS * 0.3 * fraction)} limit 1`),
    );
    return { id: row.id, createdAt: new Date(row.created_at) };
  }

  it("the session check of every signed-in request", async () => {
    const session = await startSession(database.db, reviewer.id);
    const claims = { sessionId: session.id, userId: reviewer.id, sessionVersion: 1 };
    expect((await findSignedIn(database.db, claims))?.actor).toEqual(reviewer);
    expect(await plansOf(() => findSignedIn(database.db, claims))).toEqual([]);
  });

  it("the review queue: first page, a deep cursor page, all states, a kind, one's own, one's assigned", async () => {
    const deep = await claimAt(0.9);
    const cursor = encodeCursor([deep.createdAt.toISOString(), deep.id]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { state: "triage" }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { state: "triage", cursor }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, {}))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { kind: "video", state: "corroboration" }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, submitter, { mine: true, order: "newest" }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { assignee: reviewer.id, state: "corroboration" }))).toEqual([]);
  });

  it("waiting longest: first page, a deep page on (state_changed_at, id), and take next", async () => {
    const [deep] = rowsOf<{ id: string; state_changed_at: string | Date }>(
      await database.db.execute(sql`select id, state_changed_at from claims where state = 'triage' order by state_changed_at, id offset ${Math.floor(CLAIMS * 0.3 * 0.9)} limit 1`),
    );
    const cursor = encodeCursor([new Date(deep.state_changed_at).toISOString(), deep.id]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { state: "triage", order: "waiting" }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { state: "triage", order: "waiting", cursor }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { state: "corroboration", kind: "video", order: "waiting" }))).toEqual([]);
    expect(await plansOf(() => takeNextClaim(database.db, reviewer, {}))).toEqual([]);
    expect(await plansOf(() => takeNextClaim(database.db, reviewer, { state: "corroboration", kind: "video" }))).toEqual([]);
  });

  it("search: English and Arabic words over the queue, and the public list", async () => {
    expect(await plansOf(() => listClaims(database.db, reviewer, { q: "Qardaha executions" }))).toEqual([]);
    expect(await plansOf(() => listClaims(database.db, reviewer, { q: "مجزرة بانياس", state: "triage" }))).toEqual([]);
    expect(await plansOf(() => listPublicEntries(database.db, { q: "Jableh" }))).toEqual([]);
  });

  it("a claim's page and its audit trail", async () => {
    const { id } = await claimAt(0.5);
    expect(await plansOf(() => getClaimDetail(database.db, reviewer, id))).toEqual([]);
    expect(await plansOf(() => listAuditEvents(database.db, admin, { entity: `claim:${id}` }))).toEqual([]);
    expect(await plansOf(() => listClaimTimeline(database.db, reviewer, id))).toEqual([]);
    // Its discussion, a later page of it, one item's thread, and who may be mentioned.
    expect(await plansOf(() => listComments(database.db, reviewer, id, {}))).toEqual([]);
    expect(await plansOf(() => listComments(database.db, reviewer, id, { cursor: encodeCursor([new Date(0).toISOString(), id]) }))).toEqual([]);
    const [commented] = rowsOf<{ claim_id: string; evidence_id: string }>(await database.db.execute(sql`select claim_id, evidence_id from comments where evidence_id is not null limit 1`));
    expect(await plansOf(() => listComments(database.db, reviewer, commented.claim_id, { evidenceId: commented.evidence_id }))).toEqual([]);
    expect(await plansOf(() => listMentionOptions(database.db, reviewer, id))).toEqual([]);
    // A video's time-coded notes.
    const [noted] = rowsOf<{ evidence_id: string }>(await database.db.execute(sql`select evidence_id from evidence_notes order by evidence_id desc limit 1`));
    expect((await listEvidenceNotes(database.db, reviewer, noted.evidence_id)).length).toBe(5);
    expect(await plansOf(() => listEvidenceNotes(database.db, reviewer, noted.evidence_id))).toEqual([]);
    // How the public would name an item (issue 23): its sources' protection and the other items of its bytes, by the blob index.
    const [held] = rowsOf<{ blob_sha256: string; published_by_source_id: string | null }>(await database.db.execute(sql`select blob_sha256, published_by_source_id from evidence where blob_sha256 is not null order by id limit 1`));
    const row = { sha256: held.blob_sha256, commitment: null, disclosure: null, hasPersonalData: false, publishedBySourceId: held.published_by_source_id, obtainedViaSourceId: null };
    expect(await readDisclosures(database.db, [row])).toHaveLength(1);
    expect(await plansOf(() => readDisclosures(database.db, [row]))).toEqual([]);
    // An editor on a claim in review: the notice of persons imported since it was sent (its audit events, by the entity index).
    const [inReview] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from claims where state = 'review' order by created_at limit 1`));
    const [editor] = rowsOf<{ id: string; name: string }>(await database.db.execute(sql`select id, name from users where role = 'editor' order by email limit 1`));
    expect(inReview && editor).toBeTruthy();
    expect(await plansOf(() => getImportNotice(database.db, { ...editor, role: "editor" }, inReview.id))).toEqual([]);
  });

  it("the audit log searched: by person, type, time, combined, newest and oldest first, deep pages", async () => {
    const [{ max, min }] = rowsOf<{ max: number | string; min: string | Date }>(
      await database.db.execute(sql`select max(seq) as max, (select occurred_at from audit_events where seq = 1) as min from audit_events`),
    );
    const deep = Math.floor(Number(max) / 10);
    const [{ at }] = rowsOf<{ at: string | Date }>(await database.db.execute(sql`select occurred_at as at from audit_events where seq = ${deep}`));
    const day = new Date(at).toISOString().slice(0, 10);
    const start = new Date(min).toISOString();
    const queries = [
      {},
      { cursor: encodeCursor(["desc", deep]) },
      { order: "asc" as const, cursor: encodeCursor(deep) },
      { actor: reviewer.id },
      { actor: reviewer.id, cursor: encodeCursor(["desc", deep]) },
      { actor: submitter.id, order: "asc" as const },
      { type: "claim.transitioned" as const },
      { type: "evidence.sensitivity_marked" as const, cursor: encodeCursor(["desc", deep]) },
      { type: "claim.submitted" as const, order: "asc" as const },
      { from: day, to: day },
      { from: start, to: day, order: "asc" as const },
      { to: day },
      { actor: reviewer.id, type: "claim.graded" as const, from: day },
      { type: "user.created" as const, to: day, order: "asc" as const },
    ];
    for (const query of queries) {
      expect(await plansOf(() => listAuditEvents(database.db, admin, query)), JSON.stringify(query)).toEqual([]);
    }
  });

  it("the live changes an open claim page or queue asks for every few seconds: caught up, and far behind", async () => {
    const { id } = await claimAt(0.5);
    const [{ max }] = rowsOf<{ max: number | string }>(await database.db.execute(sql`select max(seq) as max from audit_events`));
    const head = Number(max);
    for (const since of [head - 5, Math.floor(head / 10), 0]) {
      expect(await plansOf(() => readChanges(database.db, reviewer, { since, claimId: id })), `claim, since ${since}`).toEqual([]);
      expect(await plansOf(() => readChanges(database.db, reviewer, { since })), `queue, since ${since}`).toEqual([]);
      expect(await plansOf(() => readChanges(database.db, submitter, { since })), `a submitter's queue, since ${since}`).toEqual([]);
    }
  });

  it("person matching, the hottest key too", async () => {
    expect(await plansOf(() => matchPersons(database.db, reviewer, { name: "Mohammad Ahmad Hassan" }))).toEqual([]);
    expect(await plansOf(() => matchPersons(database.db, reviewer, { name: "محمد أحمد حسن" }))).toEqual([]);
  });

  it("the public list's first page", async () => {
    expect(await plansOf(() => listPublicEntries(database.db, {}))).toEqual([]);
  });

  it("time-stamps: queueing from the log (seals from the chain's start, items' bytes from a cursor behind the head), the public list, the export's stamps", async () => {
    // Only queued: the authority at this address is never asked here.
    const config = { url: "http://127.0.0.1:9/tsa", intervalMinutes: 10, caFile: null };
    await database.db.execute(sql`insert into projection_cursors (name, seq) select 'time-stamps.evidence', max(seq) - 3000 from audit_events on conflict (name) do update set seq = excluded.seq`);
    expect(await plansOf(() => scheduleTimeStamps(database.db, config))).toEqual([]);
    expect(await plansOf(() => listPublicTimeStamps(database.db, {}))).toEqual([]);
    const [head] = rowsOf<{ seq: number | string; hash: string }>(await database.db.execute(sql`select seq, hash from audit_events order by seq desc limit 1`));
    expect(await plansOf(async () => { for await (const _ of listExportedTimeStamps(database.db, { seq: Number(head.seq), hash: head.hash })); })).toEqual([]);
  });

  it("incidents (issue 24): the list newest first, the timeline oldest first and its next page, by type, period, box on the map, grade and words", async () => {
    const newest = await listIncidents(database.db, reviewer, {});
    expect(newest.items).toHaveLength(25);
    expect(newest.items[0].startDate >= newest.items[24].startDate).toBe(true);
    expect(await plansOf(() => listIncidents(database.db, reviewer, {}))).toEqual([]);
    const timeline = await listIncidents(database.db, reviewer, { order: "oldest", limit: 100 });
    expect(timeline.nextCursor).toBeTruthy();
    const next = await listIncidents(database.db, reviewer, { order: "oldest", limit: 100, cursor: timeline.nextCursor! });
    expect(next.items[0].startDate >= timeline.items[99].startDate).toBe(true);
    expect(await plansOf(() => listIncidents(database.db, reviewer, { order: "oldest", limit: 100, cursor: timeline.nextCursor! }))).toEqual([]);
    // The newest page's cursor, going on; a year's period; a box over the coast; each with the timeline's order too.
    const queries = [
      { cursor: newest.nextCursor! },
      { type: "mass_grave" as const },
      { type: "arrest" as const, order: "oldest" as const, cursor: timeline.nextCursor! },
      { from: "2023-01-01", to: "2023-12-31" },
      { from: "2023-06-01", to: "2023-06-30", order: "oldest" as const },
      { from: "2025-01-01" },
      { to: "2022-01-01" },
      { bbox: "35.7,34.8,36.2,35.7" },
      { bbox: "35.7,34.8,36.2,35.7", order: "oldest" as const, limit: 100 },
      { bbox: "35.5,32,42,37", type: "shelling" as const, from: "2024-01-01", to: "2024-12-31" },
      { grade: "confirmed" as const },
      { grade: "contested" as const, order: "oldest" as const },
      { q: "Baniyas" },
      { q: "Mass grave in Qardaha" },
    ];
    // The grade's probe answers as the EXISTS it stands for.
    const [confirmed] = rowsOf<{ ids: string[] }>(
      await database.db.execute(sql`
        select array_agg(id) as ids from (select i.id from incidents i
          where exists (select 1 from incident_claims ic join claims c on c.id = ic.claim_id where ic.incident_id = i.id and c.grade = 'confirmed')
          order by i.start_date desc, i.id desc limit 25) page`),
    );
    expect((await listIncidents(database.db, reviewer, { grade: "confirmed" })).items.map((i) => i.id)).toEqual(confirmed.ids);
    for (const query of queries) {
      expect((await listIncidents(database.db, reviewer, query)).items.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(await plansOf(() => listIncidents(database.db, reviewer, query)), JSON.stringify(query)).toEqual([]);
    }
  });

  it("an incident's page (nested: its subtree's tally), a claim's incidents and suggestions, the public list and page", async () => {
    const [nested] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from incidents where id = ${incidentNumbered(1020)} and parent_id is not null`));
    const incident = await getIncident(database.db, reviewer, nested.id);
    expect(incident.parent).toBeTruthy();
    expect(incident.children).toHaveLength(3);
    expect(incident.claims.length).toBeGreaterThan(0);
    expect(incident.tally.named).toBeGreaterThan(0);
    expect(await plansOf(() => getIncident(database.db, reviewer, nested.id))).toEqual([]);
    // A linked claim with a point and dates: its incidents, and those at its place and time.
    const [placed] = rowsOf<{ id: string }>(
      await database.db.execute(sql`
        select c.id from claims c join incident_claims ic on ic.claim_id = c.id
        where c.latitude is not null and c.incident_date_from is not null and c.place_name is not null order by c.id limit 1`),
    );
    const around = await claimIncidents(database.db, reviewer, placed.id);
    expect(around.linked.length).toBeGreaterThan(0);
    expect(around.suggested.length).toBeGreaterThan(0);
    expect(await plansOf(() => claimIncidents(database.db, reviewer, placed.id))).toEqual([]);
    const first = await listPublicIncidents(database.db, {});
    const [newest] = rowsOf<{ slugs: string[] }>(
      await database.db.execute(sql`
        select array_agg(slug) as slugs from (select v.snapshot->>'slug' as slug from incidents i join incident_versions v on v.incident_id = i.id and v.version = i.published_version
          where i.state = 'published' order by i.start_date desc, i.id desc limit 25) page`),
    );
    expect(first.items.map((i) => i.slug)).toEqual(newest.slugs);
    expect(await plansOf(() => listPublicIncidents(database.db, {}))).toEqual([]);
    expect(await plansOf(() => listPublicIncidents(database.db, { cursor: first.nextCursor! }))).toEqual([]);
    expect(await plansOf(() => listPublicIncidents(database.db, { type: "killing" }))).toEqual([]);
    // One published twice (every fiftieth incident, from the fifth).
    const republished = await getPublicIncident(database.db, "incident-155");
    expect(republished.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(republished.slug).toBe("incident-155");
    expect(await plansOf(() => getPublicIncident(database.db, "incident-155"))).toEqual([]);
  });

  it("the notifications: the fan-out of the log's last events, the reminder sweep, the inbox and its count", async () => {
    // The cursor 300 events behind the head: a pass reads them in batches (by seq, the primary key) and looks up each claim.
    await database.db.execute(sql`insert into projection_cursors (name, seq) select 'notifications', max(seq) - 300 from audit_events on conflict (name) do update set seq = excluded.seq`);
    expect(await plansOf(() => fanOutNotifications(database.db))).toEqual([]);
    expect(await plansOf(() => remindQuietClaims(database.db, 3, new Date()))).toEqual([]);
    expect(await plansOf(() => listNotifications(database.db, reviewer, {}))).toEqual([]);
    expect(await plansOf(() => countUnreadNotifications(database.db, reviewer))).toEqual([]);
  });
});
