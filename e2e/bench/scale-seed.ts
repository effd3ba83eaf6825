/**
 * A generated workspace at scale, for `npm run bench` and the query-plan test: claims across states
 * and kinds, their evidence (metadata only: blob rows, no bytes), assessments and published entries,
 * sources with citations, persons with Arabic and Latin names (through lib's own `insertPersons`,
 * so their blocking keys are the real ones), and every audit event all that implies, chained.
 *
 * Deterministic: the same `seed` and `claims` give the same rows, ids, times and chain (from an
 * empty log). Rows go in with bulk `insert … select from json_to_recordset(…)`, a few thousand a
 * statement, on PGlite and PostgreSQL alike. Run it on a database no server is using.
 *
 * Each claim's events are appended together (submission, evidence, its workflow), one claim after
 * another: the chain is what the app would have written had each claim been worked through in turn.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import type { Claim } from "@/db/schema";
import type { ClaimKind, ClaimState, Grade, PersonRole } from "@/lib/vocabulary";
import { type ChainedFields, GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import { diffFields } from "@/lib/audit/events";
import { hashPassword } from "@/lib/auth/password";
import { generateNames } from "@/lib/persons/matching/generate-names";
import { insertPersons } from "@/lib/persons/store-names";
import { buildPublicSnapshot, slugFor } from "@/lib/publishing/snapshot";

export type ScaleSeedOptions = { claims: number; seed?: number; log?: (line: string) => void };
export type ScaleSeedCounts = {
  users: number;
  sources: number;
  citations: number;
  claims: number;
  evidence: number;
  assessments: number;
  publishedEntries: number;
  persons: number;
  personNames: number;
  auditEvents: number;
};

// Per 100,000 claims: 300,000 evidence rows, 50,000 persons, 20,000 sources (the shape).
const EVIDENCE_PER_CLAIM = 3;
const PERSONS_PER_CLAIM = 0.5;
const SOURCES_PER_CLAIM = 0.2;
const BATCH = 4000;
const START = Date.parse("2025-03-06T08:00:00.000Z");
const TICK_MS = 1500; // the clock between two events

// --- deterministic randomness ---------------------------------------------------------------

/** mulberry32: small, fast, good enough to shape test data. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

/** A version-4-shaped UUID from a name: the same name, the same id. */
function uuidOf(seed: number, ...parts: (string | number)[]) {
  const h = createHash("sha256").update(`${seed}:${parts.join(":")}`).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Pick by weight: [[value, weight], …]. */
function weighted<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

// --- vocabulary --------------------------------------------------------------------------------

const PLACES: readonly (readonly [string, string, number, number])[] = [
  ["Baniyas", "بانياس", 35.18, 35.95],
  ["Jableh", "جبلة", 35.36, 35.92],
  ["Latakia", "اللاذقية", 35.52, 35.79],
  ["Tartus", "طرطوس", 34.89, 35.89],
  ["Qardaha", "القرداحة", 35.45, 36.06],
  ["al-Mukhtariya", "المختارية", 35.6, 35.98],
  ["Sanubir", "الصنوبر", 35.4, 35.95],
  ["Arza", "عرزة", 35.22, 36.08],
  ["al-Qusour", "القصور", 35.19, 35.96],
  ["Hreisun", "حريصون", 35.21, 35.97],
  ["Safita", "صافيتا", 34.82, 36.12],
  ["al-Haffah", "الحفة", 35.6, 36.03],
  ["Dreikish", "الدريكيش", 34.9, 36.13],
  ["Baniyas countryside", "ريف بانياس", 35.15, 36.0],
  ["Jableh countryside", "ريف جبلة", 35.33, 36.0],
  ["Hama countryside", "ريف حماة", 35.1, 36.6],
];
const EN_EVENTS = ["Shelling", "Killings", "Raid", "Mass grave", "Executions", "Arrests", "Houses burned", "Looting", "Checkpoint shooting", "Funeral attacked"];
const AR_EVENTS = ["مقتل مدنيين", "مجزرة", "اعتقالات", "حرق منازل", "إعدامات ميدانية", "مقبرة جماعية", "قصف", "نهب"];
const EN_WHO = ["civilians", "people", "men", "family members", "farmers", "students", "residents"];
const EN_VERBS = ["reported killed", "missing", "detained", "wounded", "displaced"];
const EN_SCENES = ["armed men entering houses", "a convoy on the coastal road", "bodies in a street", "a burning shop", "fighters at a checkpoint", "a crowd at a hospital"];
const AR_SCENES = ["مسلحين يدخلون المنازل", "جثثاً في الشارع", "رتلاً على الطريق الساحلي", "منازل محترقة"];
const SOURCE_KINDS = ["organisation", "outlet", "account", "channel", "person"] as const;
const RELIABILITIES = ["A", "B", "C", "D", "E", "F"] as const;
const MEDIA = [
  ["video/mp4", "upload", "VID_%.mp4", 40_000_000],
  ["image/jpeg", "upload", "IMG_%.jpg", 2_500_000],
  ["application/pdf", "upload", "report-%.pdf", 900_000],
  ["text/html", "capture", null, 300_000],
  ["video/mp4", "resumable", "footage-%.mp4", 300_000_000],
] as const;

const KINDS: readonly (readonly [ClaimKind, number])[] = [
  ["video", 30],
  ["image", 15],
  ["report", 20],
  ["link", 10],
  ["casualty_count", 10],
  ["person", 10],
  ["statement", 5],
];
// Where claims are at, as in a busy workspace: a big triage backlog, a fifth published.
const STATES: readonly (readonly [ClaimState, number])[] = [
  ["triage", 30],
  ["corroboration", 25],
  ["review", 10],
  ["published", 20],
  ["rejected", 8],
  ["duplicate", 5],
  ["retracted", 2],
];
const GRADES: readonly (readonly [Grade, number])[] = [
  ["confirmed", 30],
  ["probable", 35],
  ["single_source", 20],
  ["contested", 10],
  ["discounted", 5],
];

// --- bulk writing ------------------------------------------------------------------------------

type Row = Record<string, unknown>;
type Table = { name: string; columns: string }; // "name type, name type, …" as json_to_recordset wants

const TABLES = {
  users: { name: "users", columns: "id uuid, email text, name text, role role, password_hash text, created_at timestamptz, joined_at timestamptz" },
  sources: {
    name: "sources",
    columns: "id uuid, name text, kind source_kind, url text, reliability reliability, is_protected boolean, created_by_id uuid, created_at timestamptz",
  },
  citations: { name: "citations", columns: "id uuid, source_id uuid, cites_source_id uuid, created_by_id uuid, created_at timestamptz" },
  claims: {
    name: "claims",
    columns:
      "id uuid, kind claim_kind, title text, summary text, language text, incident_date_from date, incident_date_to date, place_name text, " +
      "latitude double precision, longitude double precision, place_precision place_precision, state claim_state, grade grade, " +
      "grade_rationale text, assignee_id uuid, submitted_by_id uuid, sent_to_review_by_id uuid, duplicate_of_id uuid, state_reason text, " +
      "version integer, created_at timestamptz, updated_at timestamptz, state_changed_at timestamptz",
  },
  blobs: { name: "blobs", columns: "sha256 text, size bigint, media_type text, created_at timestamptz" },
  evidence: {
    name: "evidence",
    columns:
      "id uuid, claim_id uuid, blob_sha256 text, intake text, original_filename text, source_url text, published_by_source_id uuid, " +
      "is_first_hand boolean, media_type text, size bigint, added_by_id uuid, added_at timestamptz, captured_at timestamptz, is_graphic boolean, " +
      "has_personal_data boolean, sensitivity_reviewed_by_id uuid, sensitivity_reviewed_at timestamptz, version integer",
  },
  assessments: {
    name: "assessments",
    columns: "id uuid, claim_id uuid, evidence_id uuid, stance assessment_stance, credibility smallint, assessed_by_id uuid, assessed_at timestamptz",
  },
  publishedEntries: {
    name: "published_entries",
    columns: "id uuid, claim_id uuid, slug text, version_number integer, change entry_change, change_note text, snapshot jsonb, published_at timestamptz",
  },
  claimPersons: {
    name: "claim_persons",
    columns: "id uuid, claim_id uuid, person_id uuid, role person_role, is_public boolean, created_by_id uuid, created_at timestamptz",
  },
  audit: {
    name: "audit_events",
    columns: "seq bigint, occurred_at timestamptz, actor_id uuid, type text, entity_type text, entity_id text, data jsonb, prev_hash text, hash text",
  },
} satisfies Record<string, Table>;

async function insertRows(db: Db, table: Table, rows: Row[]) {
  const names = table.columns.split(", ").map((c) => c.split(" ")[0]);
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(rows.slice(i, i + BATCH));
    await db.execute(sql`insert into ${sql.identifier(table.name)} (${sql.raw(names.join(", "))})
      select ${sql.raw(names.join(", "))} from json_to_recordset(${json}::json) as r(${sql.raw(table.columns)})`);
  }
}

/** Rows kept per table and written when a table's buffer is full, parents before children. */
class Writer {
  private buffers = new Map<Table, Row[]>();
  readonly written = new Map<Table, number>();
  constructor(private readonly db: Db) {}
  add(table: Table, row: Row) {
    const rows = this.buffers.get(table) ?? [];
    rows.push(row);
    this.buffers.set(table, rows);
  }
  size(table: Table) {
    return this.buffers.get(table)?.length ?? 0;
  }
  /** Write every buffer in the order of `order` (foreign keys point backwards in it). */
  async flush(order: Table[]) {
    for (const table of order) {
      const rows = this.buffers.get(table);
      if (!rows?.length) continue;
      await insertRows(this.db, table, rows);
      this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
      this.buffers.set(table, []);
    }
  }
}

/** The audit chain, continued from the database's head; events are rows for the writer. */
class Chain {
  seq = 0;
  prevHash = GENESIS_HASH;
  clock = START;
  constructor(private readonly writer: Writer) {}
  async init(db: Db) {
    const [head] = rowsOf<{ seq: string | number; hash: string; at: string | Date }>(
      await db.execute(sql`select seq, hash, occurred_at as at from audit_events order by seq desc limit 1`),
    );
    if (head) {
      this.seq = Number(head.seq);
      this.prevHash = head.hash;
      this.clock = Math.max(START, new Date(head.at).getTime());
    }
  }
  /** Append one event; returns its time (ms). */
  append(actorId: string | null, type: string, entityType: string, entityId: string, data: unknown): number {
    this.clock += TICK_MS;
    const fields: ChainedFields = {
      seq: ++this.seq,
      occurredAt: new Date(this.clock),
      actorId,
      type,
      entityType,
      entityId,
      data: JSON.parse(JSON.stringify(data)),
      prevHash: this.prevHash,
    };
    const hash = hashEvent(fields);
    this.writer.add(TABLES.audit, {
      seq: fields.seq,
      occurred_at: fields.occurredAt.toISOString(),
      actor_id: actorId,
      type,
      entity_type: entityType,
      entity_id: entityId,
      data: fields.data,
      prev_hash: fields.prevHash,
      hash,
    });
    this.prevHash = hash;
    return this.clock;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

// --- the generator -----------------------------------------------------------------------------

type Staff = { submitters: string[]; reviewers: string[]; editors: string[] };

async function seedUsers(writer: Writer, chain: Chain, seed: number): Promise<Staff> {
  const passwordHash = await hashPassword(`bench-${seed}-not-for-sign-in`);
  const staff: Staff = { submitters: [], reviewers: [], editors: [] };
  const plan = [
    ["submitter", 40, staff.submitters],
    ["reviewer", 12, staff.reviewers],
    ["editor", 6, staff.editors],
    ["admin", 2, []],
  ] as const;
  for (const [role, count, list] of plan) {
    for (let i = 1; i <= count; i++) {
      const id = uuidOf(seed, "user", role, i);
      const email = `bench-${role}-${i}@bench.test`;
      const name = `Bench ${role} ${i}`;
      const at = chain.append(null, "user.created", "user", id, { email, name, role });
      writer.add(TABLES.users, { id, email, name, role, password_hash: passwordHash, created_at: iso(at), joined_at: iso(at) });
      (list as string[]).push(id);
    }
  }
  return staff;
}

async function seedSources(writer: Writer, chain: Chain, seed: number, count: number, staff: Staff) {
  const r = rng(seed * 7 + 1);
  const ids: string[] = [];
  const protectedIds = new Set<string>();
  let citations = 0;
  for (let i = 0; i < count; i++) {
    const id = uuidOf(seed, "source", i);
    const [place, placeAr] = r.pick(PLACES);
    const kind = i < 50 ? "organisation" : r.pick(SOURCE_KINDS);
    const name =
      kind === "organisation" ? `Monitor ${i} for human rights`
      : kind === "account" ? `@coast_${place.toLowerCase().replace(/\W/g, "")}_${i}`
      : kind === "channel" ? `قناة ${placeAr} ${i}`
      : kind === "person" ? `Witness ${i} in ${place}`
      : `${place} News ${i}`;
    const isProtected = kind === "person" && r.chance(0.6);
    const reliability = i < 50 ? r.pick(["A", "B"] as const) : r.pick(RELIABILITIES);
    const url = kind === "person" ? null : `https://example.org/source/${i}`;
    const actor = r.pick(staff.reviewers);
    const values = { name, kind, url, reliability, isProtected };
    const at = chain.append(actor, "source.created", "source", id, { version: 1, changes: diffFields({}, values) });
    writer.add(TABLES.sources, { id, name, kind, url, reliability, is_protected: isProtected, created_by_id: actor, created_at: iso(at) });
    ids.push(id);
    if (isProtected) protectedIds.add(id);
    // Outlets and accounts relay the monitors (most of all the first few) and each other.
    const cites = new Set<string>();
    for (let c = i < 50 ? 0 : r.int(4); c > 0; c--) {
      const target = r.chance(0.6) ? ids[r.int(Math.min(50, i))] : ids[r.int(i)];
      if (target && target !== id) cites.add(target);
    }
    for (const target of cites) {
      const citationAt = chain.append(actor, "source.citation_added", "source", id, { citesSourceId: target });
      writer.add(TABLES.citations, { id: uuidOf(seed, "citation", id, target), source_id: id, cites_source_id: target, created_by_id: actor, created_at: iso(citationAt) });
      citations += 1;
    }
  }
  return { ids, protectedIds, citations };
}

function claimText(r: Rng, kind: ClaimKind, arabic: boolean) {
  const [place, placeAr, lat, lon] = r.pick(PLACES);
  const n = 2 + r.int(r.chance(0.1) ? 1500 : 60);
  let title: string;
  let summary: string;
  if (arabic) {
    title = kind === "video" || kind === "image" ? `فيديو يظهر ${r.pick(AR_SCENES)} في ${placeAr}` : `${r.pick(AR_EVENTS)} في ${placeAr}: ${n} ضحية`;
    summary = `أفاد مصدر محلي بوقوع ${r.pick(AR_EVENTS)} في ${placeAr}، وتداولت حسابات صوراً ومقاطع. العدد الأولي ${n}.`;
  } else {
    title =
      kind === "video" || kind === "image" ? `${kind === "video" ? "Video" : "Photo"} shows ${r.pick(EN_SCENES)} in ${place}`
      : kind === "casualty_count" ? `${n} ${r.pick(EN_WHO)} ${r.pick(EN_VERBS)} in ${place}`
      : `${r.pick(EN_EVENTS)} in ${place}: ${n} ${r.pick(EN_WHO)} ${r.pick(EN_VERBS)}`;
    summary = `${r.pick(EN_EVENTS)} reported in ${place}; first seen in a post shared by relatives. Initial count ${n}, to be corroborated against the monitors' lists.`;
  }
  return { title, summary, place: arabic ? placeAr : place, lat, lon };
}

type SeedState = {
  seed: number;
  staff: Staff;
  sources: { ids: string[]; protectedIds: Set<string> };
  claimIds: string[];
  counts: { evidence: number; assessments: number; entries: number };
  blobSeq: number;
};

/** One claim, its evidence and its workflow up to its final state: rows and events. */
function seedClaim(writer: Writer, chain: Chain, s: SeedState, i: number) {
  const r = rng(s.seed * 1_000_003 + i);
  const id = uuidOf(s.seed, "claim", i);
  const kind = weighted(r, KINDS);
  let state = weighted(r, STATES);
  if (state === "duplicate" && s.claimIds.length === 0) state = "triage"; // nothing earlier to duplicate
  const arabic = r.chance(0.35);
  const text = claimText(r, kind, arabic);
  const submitter = r.pick(s.staff.submitters);
  const reviewer = r.pick(s.staff.reviewers);
  const editor = r.pick(s.staff.editors);
  const incident = START - (1 + r.int(20)) * 86_400_000;
  const base = {
    kind,
    title: text.title,
    summary: text.summary,
    language: arabic ? "ar" : "en",
    incidentDateFrom: day(incident),
    incidentDateTo: r.chance(0.3) ? day(incident + 86_400_000) : null,
    placeName: text.place,
    latitude: r.chance(0.6) ? text.lat : null,
    longitude: null as number | null,
    placePrecision: null as string | null,
    firstSeenSourceName: null,
    firstSeenUrl: null,
  };
  if (base.latitude !== null) {
    base.longitude = text.lon;
    base.placePrecision = "locality";
  }
  const createdAt = chain.append(submitter, "claim.submitted", "claim", id, { changes: diffFields({}, { ...base, state: "triage" }) });

  // Evidence: metadata only (no bytes); one in ten items is media seen before on another claim.
  const items: { id: string; sha256: string; mediaType: string; intake: string; size: number; publishedBy: string | null; graphic: boolean; sourceUrl: string | null; filename: string | null; addedAt: number; firstHand: boolean }[] = [];
  const itemCount = r.int(EVIDENCE_PER_CLAIM * 2 + 1);
  for (let k = 0; k < itemCount; k++) {
    const [mediaType, intake, pattern, typicalSize] = r.pick(MEDIA);
    const reused = s.blobSeq > 0 && r.chance(0.1);
    const blobIndex = reused ? r.int(s.blobSeq) : s.blobSeq++;
    const sha256 = createHash("sha256").update(`bench-blob-${s.seed}-${blobIndex}`).digest("hex");
    const size = Math.max(1000, Math.round(typicalSize * (0.2 + r.next())));
    const publishedBy = r.chance(0.7) ? r.pick(s.sources.ids) : null;
    const item = {
      id: uuidOf(s.seed, "evidence", i, k),
      sha256,
      mediaType,
      intake,
      size,
      publishedBy,
      graphic: mediaType.startsWith("video") || mediaType.startsWith("image") ? r.chance(0.4) : false,
      sourceUrl: intake === "capture" || r.chance(0.5) ? `https://example.org/post/${i}/${k}` : null,
      filename: pattern ? pattern.replace("%", `${20250306 + k}_${i}`) : null,
      firstHand: r.chance(0.2),
      addedAt: 0,
    };
    item.addedAt = chain.append(submitter, "evidence.added", "evidence", item.id, {
      claimId: id,
      intake: item.intake,
      sha256,
      size,
      mediaType,
      originalFilename: item.filename,
      sourceUrl: item.sourceUrl,
      publishedBySourceId: publishedBy,
      obtainedViaSourceId: null,
      isFirstHand: item.firstHand,
    });
    if (!reused) writer.add(TABLES.blobs, { sha256, size, media_type: mediaType, created_at: iso(item.addedAt) });
    if (mediaType.startsWith("video") || mediaType.startsWith("image")) {
      chain.append(null, "evidence.derived", "evidence", item.id, { derivation: "thumbnail", outcome: "done" });
    }
    items.push(item);
  }

  // The workflow, as the machine allows it: accept → send to review → publish (→ retract), or
  // reject from triage, or mark a duplicate of an earlier claim.
  let version = 1;
  const transition = (actor: string, action: string, from: ClaimState, to: ClaimState, changes: Record<string, { before: unknown; after: unknown }>, extra: Row = {}) => {
    version += 1;
    return chain.append(actor, "claim.transitioned", "claim", id, { action, from, to, version, ...extra, changes: { state: { before: from, after: to }, ...changes } });
  };
  let assignee: string | null = null;
  let grade: Grade | null = null;
  let gradeRationale: string | null = null;
  let sentToReviewBy: string | null = null;
  let duplicateOf: string | null = null;
  let stateReason: string | null = null;
  let reviewedAt: number | null = null;
  const assessments: Row[] = [];
  const entries: Row[] = [];

  if (state === "rejected") {
    stateReason = "Not within our scope: the incident is outside the documented period.";
    transition(reviewer, "reject", "triage", "rejected", { stateReason: { before: null, after: stateReason } }, { reason: stateReason });
  } else if (state === "duplicate") {
    duplicateOf = r.pick(s.claimIds);
    transition(reviewer, "duplicate", "triage", "duplicate", { duplicateOfId: { before: null, after: duplicateOf } }, { targetId: duplicateOf });
  } else if (state !== "triage") {
    transition(reviewer, "accept", "triage", "corroboration", {});
    if (r.chance(0.6)) {
      assignee = reviewer;
      version += 1;
      chain.append(reviewer, "claim.assigned", "claim", id, { version, changes: { assigneeId: { before: null, after: assignee } } });
    }
  }
  const reachedReview = state === "review" || state === "published" || state === "retracted";
  if (reachedReview || (state === "corroboration" && r.chance(0.3))) {
    // Sensitivity review and an assessment of every item.
    for (const item of items) {
      reviewedAt = chain.append(reviewer, "evidence.sensitivity_marked", "evidence", item.id, {
        version: 2,
        changes: diffFields({ isGraphic: false, hasPersonalData: false, sensitivityReviewed: false }, { isGraphic: item.graphic, hasPersonalData: false, sensitivityReviewed: true }),
      });
      const stance = weighted(r, [["supports", 80], ["context", 15], ["contradicts", 5]] as const);
      const credibility = 1 + r.int(6);
      const assessedAt = chain.append(reviewer, "claim.assessed", "claim", id, { evidenceId: item.id, changes: diffFields({}, { stance, credibility, note: null }) });
      assessments.push({ id: uuidOf(s.seed, "assessment", item.id), claim_id: id, evidence_id: item.id, stance, credibility, assessed_by_id: reviewer, assessed_at: iso(assessedAt) });
    }
  }
  if (reachedReview) {
    grade = weighted(r, GRADES);
    gradeRationale = "Two independent origins: footage from residents and the monitor's list.";
    sentToReviewBy = reviewer;
    transition(reviewer, "send_to_review", "corroboration", "review", {
      grade: { before: null, after: grade },
      gradeRationale: { before: null, after: gradeRationale },
      sentToReviewById: { before: null, after: reviewer },
    });
  }
  const claimRow = (): Claim => ({
    id,
    ...base,
    state,
    grade,
    gradeRationale,
    assigneeId: assignee,
    submittedById: submitter,
    sentToReviewById: sentToReviewBy,
    duplicateOfId: duplicateOf,
    stateReason,
    version,
    createdAt: new Date(createdAt),
    updatedAt: new Date(chain.clock),
    searchVector: "",
  } as unknown as Claim);
  if (state === "published" || state === "retracted") {
    const slug = slugFor({ id, title: base.title });
    const publishedAt = transition(editor, "publish", "review", "published", {}, { entryVersion: 1 });
    const snapshotItems = items.map((item) => ({
      id: item.id,
      commitment: null,
      disclosure: null,
      sha256: item.sha256,
      mediaType: item.mediaType,
      size: item.size,
      intake: item.intake as "upload",
      sourceUrl: item.sourceUrl,
      publishedBySourceId: item.publishedBy,
      obtainedViaSourceId: null,
      hasPersonalData: false,
      sameBytesSensitive: false,
    }));
    const inputs = { items: snapshotItems, origins: { origins: [], supporting: 0, contradicting: 0 }, sources: [], persons: [], figures: [] };
    entries.push({ id: uuidOf(s.seed, "entry", id, 1), claim_id: id, slug, version_number: 1, change: "publication", change_note: null, snapshot: buildPublicSnapshot({ ...claimRow(), state: "published" }, inputs), published_at: iso(publishedAt) });
    if (state === "retracted") {
      stateReason = "The footage was shown to predate the events.";
      const retractedAt = transition(editor, "retract", "published", "retracted", { stateReason: { before: null, after: stateReason } }, { reason: stateReason, entryVersion: 2 });
      entries.push({ id: uuidOf(s.seed, "entry", id, 2), claim_id: id, slug, version_number: 2, change: "retraction", change_note: stateReason, snapshot: buildPublicSnapshot(claimRow(), inputs), published_at: iso(retractedAt) });
    }
  }

  const row = claimRow();
  writer.add(TABLES.claims, {
    id,
    kind,
    title: row.title,
    summary: row.summary,
    language: row.language,
    incident_date_from: row.incidentDateFrom,
    incident_date_to: row.incidentDateTo,
    place_name: row.placeName,
    latitude: row.latitude,
    longitude: row.longitude,
    place_precision: row.placePrecision,
    state,
    grade,
    grade_rationale: gradeRationale,
    assignee_id: assignee,
    submitted_by_id: submitter,
    sent_to_review_by_id: sentToReviewBy,
    duplicate_of_id: duplicateOf,
    state_reason: stateReason,
    version,
    created_at: iso(createdAt),
    updated_at: iso(chain.clock),
    // The claim's last step was its last change: it has waited in its state since then.
    state_changed_at: iso(chain.clock),
  });
  for (const item of items) {
    writer.add(TABLES.evidence, {
      id: item.id,
      claim_id: id,
      blob_sha256: item.sha256,
      intake: item.intake,
      original_filename: item.filename,
      source_url: item.sourceUrl,
      published_by_source_id: item.publishedBy,
      is_first_hand: item.firstHand,
      media_type: item.mediaType,
      size: item.size,
      added_by_id: submitter,
      added_at: iso(item.addedAt),
      captured_at: item.intake === "capture" ? iso(item.addedAt) : null,
      is_graphic: item.graphic,
      has_personal_data: false,
      sensitivity_reviewed_by_id: reviewedAt ? reviewer : null,
      sensitivity_reviewed_at: reviewedAt ? iso(reviewedAt) : null,
      version: reviewedAt ? 2 : 1,
    });
  }
  for (const a of assessments) writer.add(TABLES.assessments, a);
  for (const e of entries) writer.add(TABLES.publishedEntries, e);
  s.claimIds.push(id);
  s.counts.evidence += items.length;
  s.counts.assessments += assessments.length;
  s.counts.entries += entries.length;
}

/** Persons named in casualty and person claims: names from the generator, keys from lib. */
async function seedPersons(db: Db, writer: Writer, chain: Chain, s: SeedState, count: number) {
  const r = rng(s.seed * 31 + 7);
  const names = generateNames(Math.ceil(count * 1.8), s.seed);
  const byPerson = new Map<number, string[]>();
  for (const n of names) {
    const forms = byPerson.get(n.personIndex);
    if (forms) forms.push(n.name);
    else byPerson.set(n.personIndex, [n.name]);
  }
  const people = [...byPerson.values()].slice(0, count);
  let made = 0;
  for (let i = 0; i < people.length; i += BATCH) {
    const batch = people.slice(i, i + BATCH).map((forms, k) => ({
      id: uuidOf(s.seed, "person", i + k),
      names: forms,
      sex: r.chance(0.8) ? ("male" as const) : ("female" as const),
      age: 15 + r.int(70),
    }));
    const actor = r.pick(s.staff.submitters);
    const ids = await db.transaction((tx) => insertPersons(tx as unknown as Db, actor, batch));
    for (const [k, personId] of ids.entries()) {
      const person = batch[k];
      const claimId = s.claimIds[r.int(s.claimIds.length)];
      const role: PersonRole = weighted(r, [["victim", 80], ["missing", 8], ["injured", 6], ["witness", 4], ["perpetrator", 2]] as const);
      // Linked privately, as the app links every person: a name is public only once approved with a basis.
      const isPublic = false;
      chain.append(actor, "person.created", "person", personId, { version: 1, changes: diffFields({}, { names: person.names, sex: person.sex, age: person.age }) });
      const at = chain.append(actor, "claim.person_linked", "claim", claimId, { personId, role, isPublic, created: true });
      writer.add(TABLES.claimPersons, { id: uuidOf(s.seed, "claim-person", personId), claim_id: claimId, person_id: personId, role, is_public: isPublic, created_by_id: actor, created_at: iso(at) });
    }
    made += ids.length;
    await writer.flush([TABLES.claimPersons, TABLES.audit]);
  }
  return made;
}

/** Fill `db` (migrated, with no claims yet) with a workspace of `claims` claims. */
export async function seedScale(db: Db, { claims, seed = 1, log = () => {} }: ScaleSeedOptions): Promise<ScaleSeedCounts> {
  const [{ n: existing }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (select 1 from claims limit 1) c`));
  if (existing > 0) throw new Error("The scale seed fills a database with no claims yet; point DATA_DIR (or DATABASE_URL) at an empty one.");
  const writer = new Writer(db);
  const chain = new Chain(writer);
  await chain.init(db);
  const started = performance.now();
  const stamp = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const staff = await seedUsers(writer, chain, seed);
  await writer.flush([TABLES.users, TABLES.audit]);
  const sourceCount = Math.max(60, Math.round(claims * SOURCES_PER_CLAIM));
  const sources = await seedSources(writer, chain, seed, sourceCount, staff);
  await writer.flush([TABLES.sources, TABLES.citations, TABLES.audit]);
  log(`  users and ${sourceCount.toLocaleString("en")} sources (${sources.citations.toLocaleString("en")} citations) — ${stamp()}`);

  const s: SeedState = { seed, staff, sources, claimIds: [], counts: { evidence: 0, assessments: 0, entries: 0 }, blobSeq: 0 };
  const order = [TABLES.claims, TABLES.blobs, TABLES.evidence, TABLES.assessments, TABLES.publishedEntries, TABLES.audit];
  for (let i = 0; i < claims; i++) {
    seedClaim(writer, chain, s, i);
    if (writer.size(TABLES.audit) >= BATCH * 4) await writer.flush(order);
    if ((i + 1) % 10_000 === 0) log(`  ${(i + 1).toLocaleString("en")} claims, ${chain.seq.toLocaleString("en")} audit events — ${stamp()}`);
  }
  await writer.flush(order);

  const persons = await seedPersons(db, writer, chain, s, Math.round(claims * PERSONS_PER_CLAIM));
  log(`  ${persons.toLocaleString("en")} persons — ${stamp()}`);
  await db.execute(sql`analyze`);
  log(`  analysed — ${stamp()}`);

  const [{ names }] = rowsOf<{ names: number }>(await db.execute(sql`select count(*)::int as names from person_names`));
  return {
    users: staff.submitters.length + staff.reviewers.length + staff.editors.length + 2,
    sources: sourceCount,
    citations: sources.citations,
    claims,
    evidence: s.counts.evidence,
    assessments: s.counts.assessments,
    publishedEntries: s.counts.entries,
    persons,
    personNames: names,
    auditEvents: chain.seq,
  };
}
