import { randomBytes } from "node:crypto";
import type { APIResponse } from "@playwright/test";
import type { Answer } from "../../support/http";
import type { Role } from "@/lib/vocabulary";
import { PERMISSIONS, type Permission } from "@/lib/auth/permission-table";
import { methodOf, OPERATION_IDS, operation, type OperationId, pathOf, permissionOf } from "@/lib/api/operations";
import { TRANSITION_ACTIONS, type TransitionAction } from "@/lib/workflow/machine";
import {
  type ActorKey,
  authHeader,
  type ClaimFixture,
  MALFORMED_ID,
  type Owner,
  personName,
  RANDOM_ID,
  ROLE_OF,
  settleEvidence,
  unique,
  type World,
  makeIncident,
} from "./world";

/**
 * The permission matrix, derived rather than listed: each operation names the permission it needs
 * (`lib/auth/permissions.ts`, or the workflow table's for a transition) and the kind of thing it
 * acts on; the expected answer of every actor × target cell is computed from the permission table
 * and the scope rules, in the order every lib/ operation checks them (ARCHITECTURE.md):
 *
 *   signed out or a forged credential → 401
 *   the target is out of the actor's scope (another's claim, its items, persons, links; an id that
 *     does not exist; a malformed id) → 404, so ids cannot be probed
 *   the actor's role lacks the permission → 403
 *   otherwise the operation goes ahead: its own answer (201, 200, 204), or — for a versioned
 *     change — a 409 for the stale version the matrix sends on purpose (the version is checked
 *     right after the permission, so a 409 proves the actor got past scope and permission while
 *     nothing is written), or a 422 when the claim is no longer open.
 *
 * Operations on workspace-wide things (sources, the queue, the audit log) check the permission
 * first: there is no scope to hide.
 */

export function can(role: Role | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** A thing a request acts on, seen from no one in particular; `relation` says what it is to an actor. */
export type Target = {
  kind: "claim" | "evidence" | "derivative" | "person" | "link" | "comment" | "note" | "source" | "upload" | "workspace" | "audit" | "entry" | "user" | "token" | "session" | "view" | "stamp" | "incident" | "casualty" | "attribution";
  /** Whose it is: one of the two submitters, "everyone" (visible to every signed-in actor), "nobody" (does not exist). */
  owner: Owner | "everyone" | "nobody";
  published?: boolean;
  /** How the target is wrong on purpose, for ids that are not (another claim's link, a random id, a malformed one). */
  special?: string;
  params: Record<string, string>;
  query?: Record<string, string>;
  /** Reads (as the reviewer) whose answers a denied request must leave unchanged. */
  reads: string[];
  claim?: ClaimFixture;
  /** Scope decided otherwise than by claim ownership (a resumable upload belongs to whoever started it). */
  visibleTo?: (actor: ActorKey) => boolean;
  /** The actor may see the outer thing, but the inner id does not belong to it: 404 after the permission check. */
  missingAfterScope?: boolean;
};

export function relation(actor: ActorKey, target: Target): string {
  const what = target.kind === "workspace" ? "the workspace" : target.kind;
  if (target.owner === "nobody") return `${target.special ?? "nonexistent"} ${what}`;
  const state = target.published === undefined ? "" : target.published ? "published " : "unpublished ";
  const special = target.special ? ` (${target.special})` : "";
  if (target.owner === "everyone") return `${state}${what}${special}`;
  const role = ROLE_OF[actor];
  const whose = actor === target.owner ? "own" : role === "submitter" ? "another's" : `a submitter's`;
  return `${whose} ${state}${what}${special}`;
}

export function visible(actor: ActorKey, target: Target): boolean {
  const role = ROLE_OF[actor];
  if (!role) return false;
  if (target.visibleTo) return target.visibleTo(actor);
  if (target.owner === "nobody") return false;
  if (target.owner === "everyone") return true;
  return can(role, "claims.read_all") || actor === target.owner;
}

export type RequestSpec = {
  url: string;
  headers?: Record<string, string>;
  data?: unknown;
  multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
};

/** An answer read whole, with the request context's accessors that the cells use (`settle`). */
export type SentAnswer = Pick<APIResponse, "status" | "headers" | "text" | "json">;
export function sentAnswer(answer: Answer): SentAnswer {
  return { status: () => answer.status, headers: () => answer.headers, text: async () => answer.text, json: async () => JSON.parse(answer.text) };
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export type ApiOp = {
  method: Method;
  /** The OpenAPI path template (`/api/v1/claims/{claimId}`). */
  path: string;
  variant?: string;
  /** "signed-in": the matrix's rules; "public": anyone, 200; "unrouted": the JSON 404 for unknown paths. */
  access: "signed-in" | "public" | "unrouted";
  permission: Permission | null;
  order?: "scope-first" | "permission-first";
  targets: (w: World) => Target[];
  request: (w: World, t: Target, actor: ActorKey) => RequestSpec | Promise<RequestSpec>;
  /** The answer when the actor is let through. */
  allowed: (t: Target, actor: ActorKey) => number;
  /** A cell's expectation when the rules above are not the whole story (the audit log's entity filter). */
  expect?: (actor: ActorKey, t: Target) => number;
  /** A fresh target for a cell that will really destroy it (deleting a link, ending an upload). */
  fresh?: (w: World, t: Target, actor: ActorKey) => Promise<Target>;
  /** After a cell that was let through: wait for background work it started (derivations). */
  settle?: (w: World, response: SentAnswer, actor: ActorKey) => Promise<void>;
  /** Content checks on an answer that was let through. */
  check?: (w: World, t: Target, actor: ActorKey, body: string) => string[];
};

export function expectedStatus(op: Pick<ApiOp, "access" | "path" | "permission" | "order" | "allowed" | "expect">, actor: ActorKey, t: Target): number {
  if (op.access === "unrouted") return 404;
  if (op.access === "public") return expectedPublic(op, actor, t);
  const role = ROLE_OF[actor];
  if (!role) return 401;
  if (op.expect) return op.expect(actor, t);
  const permitted = op.permission === null || can(role, op.permission);
  if (op.order === "permission-first" && !permitted) return 403;
  if (!visible(actor, t)) return 404;
  if (!permitted) return 403;
  if (t.missingAfterScope) return 404;
  return op.allowed(t, actor);
}

export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(params[name]);
  });
}

function withQuery(url: string, query?: Record<string, string>): string {
  return query && Object.keys(query).length ? `${url}?${new URLSearchParams(query)}` : url;
}

// ---------------------------------------------------------------------------------------------
// Targets

const claimTarget = (c: ClaimFixture): Target => ({
  kind: "claim",
  owner: c.owner,
  published: c.published,
  params: { claimId: c.id },
  reads: [`/api/v1/claims/${c.id}`],
  claim: c,
});
const nonexistent = (kind: Target["kind"], params: Record<string, string>, special = "nonexistent"): Target => ({ kind, owner: "nobody", special, params, reads: [] });
const allClaims = (w: World) => [w.claims.mine, w.claims.theirs, w.claims.published];

export const claimTargets = (w: World): Target[] => [
  ...allClaims(w).map(claimTarget),
  nonexistent("claim", { claimId: RANDOM_ID }),
  nonexistent("claim", { claimId: MALFORMED_ID }, "malformed"),
];

export const evidenceTargets = (w: World): Target[] => [
  ...allClaims(w).map((c): Target => ({
    kind: "evidence",
    owner: c.owner,
    published: c.published,
    params: { evidenceId: c.item.id },
    reads: [`/api/v1/evidence/${c.item.id}`],
    claim: c,
  })),
  nonexistent("evidence", { evidenceId: RANDOM_ID }),
  nonexistent("evidence", { evidenceId: MALFORMED_ID }, "malformed"),
];

const derivativeTargets = (w: World): Target[] => {
  const { mine, theirs } = w.claims;
  const own = (c: ClaimFixture): Target => ({ kind: "derivative", owner: c.owner, published: c.published, params: { evidenceId: c.item.id, derivativeId: c.item.thumbnailId }, reads: [], claim: c });
  return [
    ...allClaims(w).map(own),
    // An item one may see, with a derived file of another's item: never served through it.
    { ...own(mine), special: "another item's thumbnail under this item", params: { evidenceId: mine.item.id, derivativeId: theirs.item.thumbnailId }, missingAfterScope: true },
    { ...own(theirs), special: "another item's thumbnail under this item", params: { evidenceId: theirs.item.id, derivativeId: mine.item.thumbnailId }, missingAfterScope: true },
    { ...own(mine), special: "nonexistent derived file", params: { evidenceId: mine.item.id, derivativeId: RANDOM_ID }, missingAfterScope: true },
    nonexistent("derivative", { evidenceId: RANDOM_ID, derivativeId: mine.item.thumbnailId }),
    nonexistent("derivative", { evidenceId: MALFORMED_ID, derivativeId: MALFORMED_ID }, "malformed"),
  ];
};

export const personTargets = (w: World): Target[] => [
  ...allClaims(w).map((c): Target => ({
    kind: "person",
    owner: c.owner,
    published: c.published,
    special: `named only in ${c.published ? "a published" : "an unpublished"} claim`,
    params: { personId: c.person.id },
    reads: [`/api/v1/persons/${c.person.id}`],
    claim: c,
  })),
  nonexistent("person", { personId: RANDOM_ID }),
  nonexistent("person", { personId: MALFORMED_ID }, "malformed"),
];

export const linkTargets = (w: World): Target[] => {
  const { mine, theirs } = w.claims;
  const own = (c: ClaimFixture): Target => ({
    kind: "link",
    owner: c.owner,
    published: c.published,
    params: { claimId: c.id, linkId: c.person.linkId },
    reads: [`/api/v1/claims/${c.id}/persons`],
    claim: c,
  });
  return [
    ...allClaims(w).map(own),
    // Another claim's link under a claim one may see: it must not be reachable through it.
    { ...own(mine), special: "another claim's link", params: { claimId: mine.id, linkId: theirs.person.linkId }, reads: [`/api/v1/claims/${mine.id}/persons`, `/api/v1/claims/${theirs.id}/persons`], missingAfterScope: true },
    { ...own(theirs), special: "another claim's link", params: { claimId: theirs.id, linkId: mine.person.linkId }, reads: [`/api/v1/claims/${theirs.id}/persons`, `/api/v1/claims/${mine.id}/persons`], missingAfterScope: true },
    { ...own(mine), special: "nonexistent link", params: { claimId: mine.id, linkId: RANDOM_ID }, missingAfterScope: true },
    nonexistent("link", { claimId: RANDOM_ID, linkId: mine.person.linkId }),
    nonexistent("link", { claimId: MALFORMED_ID, linkId: MALFORMED_ID }, "malformed"),
  ];
};

/** Each claim's comment, written by the claim's submitter (its owner): only they edit it; they or an editor delete it. */
export const commentTargets = (w: World): Target[] => [
  ...allClaims(w).map((c): Target => ({
    kind: "comment",
    owner: c.owner,
    published: c.published,
    special: "written by its submitter",
    params: { commentId: c.comment.id },
    reads: [`/api/v1/claims/${c.id}/comments`],
    claim: c,
  })),
  nonexistent("comment", { commentId: RANDOM_ID }),
  nonexistent("comment", { commentId: MALFORMED_ID }, "malformed"),
];

/** Each claim's sound recording: an item that takes time-coded notes (the world's images take none). */
export const timedTargets = (w: World): Target[] => [
  ...allClaims(w).map((c): Target => ({
    kind: "evidence",
    owner: c.owner,
    published: c.published,
    special: "a recording",
    params: { evidenceId: c.timed.id },
    reads: [`/api/v1/evidence/${c.timed.id}/notes`],
    claim: c,
  })),
  nonexistent("evidence", { evidenceId: RANDOM_ID }),
  nonexistent("evidence", { evidenceId: MALFORMED_ID }, "malformed"),
];

/**
 * Each claim's recording's time-coded note, written by the reviewer: only they rewrite it; they or
 * an editor delete it. The claim's submitter sees the claim (403, not 404) but reads no notes.
 */
export const noteTargets = (w: World): Target[] => [
  ...allClaims(w).map((c): Target => ({
    kind: "note",
    owner: c.owner,
    published: c.published,
    special: "written by the reviewer",
    params: { noteId: c.timed.noteId },
    reads: [`/api/v1/evidence/${c.timed.id}/notes`],
    claim: c,
  })),
  nonexistent("note", { noteId: RANDOM_ID }),
  nonexistent("note", { noteId: MALFORMED_ID }, "malformed"),
];

export const sourceTargets = (w: World): Target[] => [
  { kind: "source", owner: "everyone", params: { sourceId: w.sources.main }, reads: [`/api/v1/sources/${w.sources.main}`] },
  { kind: "source", owner: "everyone", special: "nonexistent", params: { sourceId: RANDOM_ID }, reads: [], missingAfterScope: true },
  { kind: "source", owner: "everyone", special: "malformed", params: { sourceId: MALFORMED_ID }, reads: [], missingAfterScope: true },
];

/** The world's incident (workspace-wide, read by those who see every claim), and ids that are not one. */
export const incidentTargets = (w: World): Target[] => [
  { kind: "incident", owner: "everyone", params: { incidentId: w.incident.id }, reads: [`/api/v1/incidents/${w.incident.id}`] },
  { kind: "incident", owner: "everyone", special: "nonexistent", params: { incidentId: RANDOM_ID }, reads: [], missingAfterScope: true },
  { kind: "incident", owner: "everyone", special: "malformed", params: { incidentId: MALFORMED_ID }, reads: [], missingAfterScope: true },
];

/** A record or an attribution of the incident, another incident's under it, and ids that are not one. */
const incidentPartTargets = (kind: "casualty" | "attribution", param: "recordId" | "attributionId") => (w: World): Target[] => {
  const own = w.incident[param];
  const reads = [`/api/v1/incidents/${w.incident.id}`];
  return [
    { kind, owner: "everyone", params: { incidentId: w.incident.id, [param]: own }, reads },
    { kind, owner: "everyone", special: `under another incident`, params: { incidentId: RANDOM_ID, [param]: own }, reads, missingAfterScope: true },
    { kind, owner: "everyone", special: "nonexistent", params: { incidentId: w.incident.id, [param]: RANDOM_ID }, reads, missingAfterScope: true },
    { kind, owner: "everyone", special: "malformed", params: { incidentId: w.incident.id, [param]: MALFORMED_ID }, reads, missingAfterScope: true },
  ];
};
export const casualtyTargets = incidentPartTargets("casualty", "recordId");
export const attributionTargets = incidentPartTargets("attribution", "attributionId");

/** A new incident like the world's, for cells that really unlink, remove or withdraw. */
async function freshIncident(w: World, t: Target): Promise<Target> {
  const made = await makeIncident(w.api, authHeader(w, "reviewer"), { claimId: w.claims.mine.id, personId: w.claims.mine.person.id, sourceId: w.sources.main });
  return { ...t, params: { ...t.params, incidentId: made.id, recordId: made.recordId, attributionId: made.attributionId } };
}

const workspace: Target = { kind: "workspace", owner: "everyone", params: {}, reads: [] };
export const workspaceTargets = () => [workspace];

/** The submitter's unfinished upload: only whoever started an upload may continue, inspect or end it. */
const uploadTargets = (w: World): Target[] => [
  { kind: "upload", owner: "submitter", special: "started by the submitter", params: { uploadId: w.upload.id }, reads: [], visibleTo: (a) => a === "submitter" },
  nonexistent("upload", { uploadId: randomBytes(16).toString("hex") }),
];

/** People, for admins only: the second submitter, and ids that name nobody (404 once past the permission). */
export const userTargets = (w: World): Target[] => [
  { kind: "user", owner: "everyone", special: "the second submitter", params: { userId: w.userIds.submitter2 }, reads: [] },
  { kind: "user", owner: "everyone", special: "nonexistent", params: { userId: RANDOM_ID }, reads: [], missingAfterScope: true },
  { kind: "user", owner: "everyone", special: "malformed", params: { userId: MALFORMED_ID }, reads: [], missingAfterScope: true },
];

/** A spare token of the second submitter (its secret is used by nobody): theirs and the admins' to revoke; another's is 404. */
export const tokenTargets = (w: World): Target[] => [
  { kind: "token", owner: "submitter2", special: "a spare one", params: { tokenId: w.spareTokenId }, reads: [], visibleTo: (a) => a === "submitter2" || a === "admin" },
  nonexistent("token", { tokenId: RANDOM_ID }),
  nonexistent("token", { tokenId: MALFORMED_ID }, "malformed"),
];

/**
 * The reviewer's saved views of the queue: a personal one (theirs alone to see) and one shared
 * with the team (seen by all who keep views; deleted by its owner or an editor).
 */
export const viewTargets = (w: World): Target[] => [
  { kind: "view", owner: "everyone", special: "the reviewer's personal view", params: { viewId: w.views.personal }, reads: [], visibleTo: (a) => a === "reviewer" },
  { kind: "view", owner: "everyone", special: "the reviewer's shared view", params: { viewId: w.views.shared }, reads: [] },
  nonexistent("view", { viewId: RANDOM_ID }),
  nonexistent("view", { viewId: MALFORMED_ID }, "malformed"),
];

/**
 * Time-stamps (issue 22), made by the world's own time-stamping authority: a seal's (public), an
 * item's (an admin's to read; to the public as if it were not there), and ids that name none.
 */
export const stampTargets = (w: World, { publicDoor = false } = {}): Target[] => [
  { kind: "stamp", owner: "everyone", special: "a seal's", params: { stampId: w.stamps.seal }, reads: [] },
  { kind: "stamp", owner: "everyone", special: "an evidence item's", params: { stampId: w.stamps.evidence }, reads: [], missingAfterScope: publicDoor },
  { kind: "stamp", owner: "everyone", special: "nonexistent", params: { stampId: RANDOM_ID }, reads: [], missingAfterScope: true },
  { kind: "stamp", owner: "everyone", special: "nonexistent (malformed)", params: { stampId: MALFORMED_ID }, reads: [], missingAfterScope: true },
];

/** A new view of the reviewer's, personal or shared as the target's is: for cells that delete one. */
export async function freshView(w: World, t: Target): Promise<Target> {
  const shared = t.params.viewId === w.views.shared;
  const response = await w.api.post("/api/v1/views", { headers: authHeader(w, "reviewer"), data: { name: unique("Matrix view "), filters: { state: "triage" }, shared } });
  if (response.status() !== 201) throw new Error(`fresh view: ${response.status()} ${await response.text()}`);
  return { ...t, params: { viewId: ((await response.json()) as { id: string }).id } };
}

/** Who may delete a view target, after the permission: another's personal view is not found, another's shared one refused but to editors. */
export function viewDeleteStatus(actor: ActorKey, t: Target, allowed: number): number {
  const role = ROLE_OF[actor];
  if (!can(role, "views.save")) return 403;
  if (t.owner === "nobody") return 404;
  if (t.visibleTo && !t.visibleTo(actor)) return 404;
  return actor === "reviewer" || (t.special === "the reviewer's shared view" && can(role, "views.moderate")) ? allowed : 403;
}

// ---------------------------------------------------------------------------------------------
// Helpers for requests

export const STALE = 1_000_000; // a version no row has: a let-through versioned change answers 409, writes nothing

// The world's claims are open or published, and a published claim takes material for a correction (issue 17).
const openOrPublished = (ok: number) => () => ok;
const claimIdOf = (t: Target) => t.params.claimId;
const b64 = (s: string) => Buffer.from(s).toString("base64");
const textFile = () => ({ name: `${unique("matrix")}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Written by the permission matrix (${unique("m")}).\n`) });

async function settleAddedEvidence(w: World, response: SentAnswer) {
  const body = (await response.json()) as { id?: string };
  if (body.id) await settleEvidence(w, body.id);
}

/** A new link of a new person on the target's claim, made by the reviewer: for cells that delete one. */
export async function freshLink(w: World, t: Target): Promise<Target> {
  const response = await w.api.post(`/api/v1/claims/${t.params.claimId}/persons`, {
    headers: authHeader(w, "reviewer"),
    data: { role: "witness", names: [personName()] },
  });
  if (response.status() !== 201) throw new Error(`fresh link: ${response.status()} ${await response.text()}`);
  const link = (await response.json()) as { linkId: string };
  return { ...t, params: { ...t.params, linkId: link.linkId } };
}

/** A new unfinished upload of the submitter's on their own claim: for cells that end one. */
async function freshUpload(w: World, t: Target): Promise<Target> {
  const response = await w.api.post("/api/v1/uploads", {
    headers: { ...authHeader(w, "submitter"), "Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": `claimId ${b64(w.claims.mine.id)},filename ${b64("fresh.txt")}` },
  });
  if (response.status() !== 201) throw new Error(`fresh upload: ${response.status()} ${await response.text()}`);
  return { ...t, params: { uploadId: response.headers()["location"].split("/").pop()! } };
}

const TRANSITION_BODY: Record<TransitionAction, Record<string, unknown>> = {
  accept: {},
  reject: { reason: "Permission matrix." },
  duplicate: { targetId: RANDOM_ID },
  send_to_review: { grade: "probable", rationale: "Permission matrix." },
  send_back: { reason: "Permission matrix." },
  publish: {},
  correct: { reason: "Permission matrix.", changes: { title: "Corrected by the permission matrix" } },
  publish_correction: {},
  discard_correction: { reason: "Permission matrix." },
  retract: { reason: "Permission matrix." },
  reopen: { reason: "Permission matrix." },
};

const BULK_BODY = { assign: { assigneeId: null }, accept: {}, reject: { reason: "Permission matrix." }, duplicate: { targetId: RANDOM_ID } } as const;
const PERMISSION_OF_BULK = { assign: "claims.assign", accept: "claims.accept", reject: "claims.reject", duplicate: "claims.duplicate" } as const satisfies Record<string, Permission>;

// ---------------------------------------------------------------------------------------------
// The API operations: the table's (lib/api/operations.ts), each with what the matrix knows of it

/** What the matrix needs to try an operation that the table does not say: targets, a request, the answer when let through. */
export type MatrixCase = Omit<ApiOp, "method" | "path" | "access" | "permission">;

const everyoneReads = (path: string): MatrixCase => ({ targets: workspaceTargets, request: () => ({ url: path }), allowed: () => 200 });

/**
 * One entry per operation of the table, under its id (a missing one is a type error, and fails
 * every test of the matrix as the list below is built). An operation whose body decides the
 * permission (a transition's action) has a case per variant, and its permission is the table's
 * for that variant; other cases may name a variant of their own (the two bodies one door takes).
 */
const MATRIX: { [Id in OperationId]: MatrixCase | MatrixCase[] } = {
  "GET /api/v1/claims": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/claims" }),
    allowed: () => 200,
    check: (w, _t, actor, body) => {
      const { items } = JSON.parse(body) as { items: { submitter: { id: string } }[] };
      const own = actor === "submitter" || actor === "submitter2" ? w.userIds[actor] : null;
      return own && items.some((c) => c.submitter.id !== own) ? ["the queue lists another submitter's claims"] : [];
    },
  },
  "POST /api/v1/claims": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/claims", data: { kind: "report", title: unique("Matrix submission "), summary: "Submitted by the permission matrix.", language: "en" } }),
    allowed: () => 201,
  },
  // A closed state: let through scope and permission, refused by the state guard (422); nothing is taken.
  "POST /api/v1/claims/take-next": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/claims/take-next", data: { state: "retracted" } }),
    allowed: () => 422,
  },
  // The action's permission is checked for the request whole (403); then each item answers for itself
  // inside a 200: a claim one may not see 404, a visible one the stale version's 409. A malformed id is a 400 first.
  "POST /api/v1/claims/bulk": (["assign", "accept", "reject", "duplicate"] as const).map((action) => ({
    variant: action,
    targets: claimTargets,
    request: (_w: World, t: Target) => ({ url: "/api/v1/claims/bulk", data: { action, items: [{ id: t.params.claimId, version: STALE }], ...BULK_BODY[action] } }),
    allowed: () => 200,
    expect: (actor: ActorKey, t: Target) => (t.special === "malformed" ? 400 : can(ROLE_OF[actor], PERMISSION_OF_BULK[action]) ? 200 : 403),
    check: (_w: World, t: Target, actor: ActorKey, body: string) => {
      const { results } = JSON.parse(body) as { results: { id: string; status: number }[] };
      const wanted = visible(actor, t) ? 409 : 404;
      return results.length === 1 && results[0].id === t.params.claimId && results[0].status === wanted ? [] : [`the item answered ${JSON.stringify(results)}, not ${wanted}`];
    },
  })),
  "GET /api/v1/views": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/views" }),
    allowed: () => 200,
    check: (_w, _t, actor, body) => {
      const { items } = JSON.parse(body) as { items: { shared: boolean; mine: boolean }[] };
      return items.some((v) => !v.shared && !v.mine) ? [`${actor} sees another person's personal view`] : [];
    },
  },
  "POST /api/v1/views": (["personal", "shared"] as const).map((variant) => ({
    variant,
    order: "permission-first" as const,
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/views", data: { name: unique("Matrix view "), filters: { state: "triage", order: "waiting" }, shared: variant === "shared" } }),
    allowed: () => 201,
  })),
  "DELETE /api/v1/views/{viewId}": {
    order: "permission-first",
    targets: viewTargets,
    request: (_w, t) => ({ url: `/api/v1/views/${t.params.viewId}` }),
    allowed: () => 204,
    expect: (actor, t) => viewDeleteStatus(actor, t, 204),
    fresh: freshView,
  },
  "GET /api/v1/claims/{claimId}": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${t.params.claimId}` }),
    allowed: () => 200,
    check: (_w, t, _a, body) => ((JSON.parse(body) as { id: string }).id === t.params.claimId ? [] : ["answered with another claim"]),
  },
  "POST /api/v1/claims/{claimId}/transitions": TRANSITION_ACTIONS.map((action) => ({
    variant: action,
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${t.params.claimId}/transitions`, data: { action, version: STALE, ...TRANSITION_BODY[action] } }),
    allowed: () => 409,
  })),
  "PATCH /api/v1/claims/{claimId}": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}`, data: { title: "Edited by the permission matrix", version: STALE } }),
    allowed: () => 409,
  },
  "PUT /api/v1/claims/{claimId}/grade": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/grade`, data: { grade: "probable", rationale: "Permission matrix.", version: STALE } }),
    allowed: () => 409,
  },
  "PUT /api/v1/claims/{claimId}/assignee": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/assignee`, data: { assigneeId: null, version: STALE } }),
    allowed: () => 409,
  },
  // Watching follows the claim's scope only (404 for another's), and answers the same however often it is sent.
  "PUT /api/v1/claims/{claimId}/watch": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/watch` }),
    allowed: () => 200,
  },
  "DELETE /api/v1/claims/{claimId}/watch": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/watch` }),
    allowed: () => 200,
  },
  "GET /api/v1/claims/{claimId}/evidence": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/evidence` }),
    allowed: () => 200,
  },
  "POST /api/v1/claims/{claimId}/evidence": [
    {
      variant: "file upload",
      targets: claimTargets,
      request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/evidence`, multipart: { file: textFile() } }),
      allowed: openOrPublished(201),
      settle: settleAddedEvidence,
    },
    {
      variant: "page capture",
      targets: claimTargets,
      // A loopback address: refused after scope, permission and state (422), so nothing is fetched.
      request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/evidence`, data: { url: "http://127.0.0.1:9/matrix" } }),
      allowed: () => 422,
    },
  ],
  "GET /api/v1/claims/{claimId}/figures": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/figures` }),
    allowed: () => 200,
  },
  "POST /api/v1/claims/{claimId}/figures": {
    targets: claimTargets,
    request: (w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/figures`, data: { measure: "killed", value: 3, scopePlace: unique("Matrix place "), asOf: "2025-03-11", sourceId: w.sources.main } }),
    allowed: openOrPublished(201),
  },
  "GET /api/v1/claims/{claimId}/comments": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/comments` }),
    allowed: () => 200,
    check: (_w, t, _a, body) => {
      const { items } = JSON.parse(body) as { items: { claimId: string }[] };
      return items.some((c) => c.claimId !== claimIdOf(t)) ? ["another claim's comments in the thread"] : [];
    },
  },
  "POST /api/v1/claims/{claimId}/comments": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/comments`, data: { body: unique("Matrix comment ") } }),
    allowed: () => 201,
  },
  "GET /api/v1/claims/{claimId}/mentionable": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/mentionable` }),
    allowed: () => 200,
    // Another submitter never sees the claim, so is never offered for it.
    check: (w, t, _a, body) => {
      const { items } = JSON.parse(body) as { items: { id: string }[] };
      const stranger = t.owner === "submitter" ? w.userIds.submitter2 : w.userIds.submitter;
      return items.some((p) => p.id === stranger) ? ["a submitter who cannot see the claim is offered for a mention"] : [];
    },
  },
  "PATCH /api/v1/comments/{commentId}": {
    targets: commentTargets,
    // Only the author gets past their authorship, to the stale version (409); nothing is written.
    request: (_w, t) => ({ url: `/api/v1/comments/${t.params.commentId}`, data: { body: "Edited by the permission matrix.", version: STALE } }),
    allowed: (t, actor) => (actor === t.owner ? 409 : 403),
  },
  "DELETE /api/v1/comments/{commentId}": {
    targets: commentTargets,
    // The author or an editor gets past to the stale version (409); nothing is deleted.
    request: (_w, t) => ({ url: `/api/v1/comments/${t.params.commentId}`, data: { reason: "Permission matrix.", version: STALE } }),
    allowed: (t, actor) => (actor === t.owner || ROLE_OF[actor] === "editor" ? 409 : 403),
  },
  // Time-coded notes: the reviewing team's alone (submitters and admins 403 once they see the claim).
  "GET /api/v1/evidence/{evidenceId}/notes": {
    targets: timedTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/notes` }),
    allowed: () => 200,
    check: (_w, t, _a, body) => {
      const { items } = JSON.parse(body) as { items: { evidenceId: string }[] };
      if (!items.length) return ["the recording's note is not listed"];
      return items.some((n) => n.evidenceId !== t.params.evidenceId) ? ["another item's notes in the list"] : [];
    },
  },
  "POST /api/v1/evidence/{evidenceId}/notes": {
    targets: timedTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/notes`, data: { startMs: 100, body: unique("Matrix note ") } }),
    allowed: openOrPublished(201),
  },
  "PATCH /api/v1/evidence-notes/{noteId}": {
    targets: noteTargets,
    // Only the author gets past their authorship, to the stale version (409); nothing is written.
    request: (_w, t) => ({ url: `/api/v1/evidence-notes/${t.params.noteId}`, data: { body: "Edited by the permission matrix.", version: STALE } }),
    allowed: (_t, actor) => (actor === "reviewer" ? 409 : 403),
  },
  "DELETE /api/v1/evidence-notes/{noteId}": {
    targets: noteTargets,
    // The author or an editor gets past to the stale version (409); nothing is deleted.
    request: (_w, t) => ({ url: `/api/v1/evidence-notes/${t.params.noteId}`, data: { version: STALE } }),
    allowed: (_t, actor) => (actor === "reviewer" || ROLE_OF[actor] === "editor" ? 409 : 403),
  },
  // An editor gets past scope and permission to the stale version (409); nothing is written.
  "PUT /api/v1/evidence/{evidenceId}/disclosure": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/disclosure`, data: { disclosure: "withheld", reason: "Permission matrix.", version: STALE } }),
    allowed: () => 409,
  },
  // Only an admin is given the packet: the item's key, hash and commitment (each one recorded).
  "POST /api/v1/evidence/{evidenceId}/disclosure-packet": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/disclosure-packet`, data: { reason: "Permission matrix." } }),
    allowed: () => 200,
    check: (_w, t, _actor, body) => {
      const packet = JSON.parse(body) as { format?: string; evidence?: { id?: string }; commitment?: { key?: string } };
      return packet.format === "corroborate-disclosure" && packet.evidence?.id === t.params.evidenceId && /^[0-9a-f]{64}$/.test(packet.commitment?.key ?? "") ? [] : ["not the item's disclosure packet"];
    },
  },
  // The world's items are images: let through scope and permission, refused as not a video (422); nothing is saved.
  "POST /api/v1/evidence/{evidenceId}/frames": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/frames`, data: { atMs: 0 } }),
    allowed: () => 422,
  },
  "GET /api/v1/claims/{claimId}/assessments": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/assessments` }),
    allowed: () => 200,
  },
  "POST /api/v1/claims/{claimId}/assessments": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/assessments`, data: { evidenceId: t.claim?.item.id ?? RANDOM_ID, stance: "context", credibility: 3, note: unique("Matrix ") } }),
    allowed: openOrPublished(201),
  },
  "GET /api/v1/claims/{claimId}/origins": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/origins` }),
    allowed: () => 200,
  },
  "GET /api/v1/claims/{claimId}/persons": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/persons` }),
    allowed: () => 200,
  },
  "POST /api/v1/claims/{claimId}/persons": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/persons`, data: { role: "witness", names: [personName()] } }),
    allowed: openOrPublished(201),
  },
  "PATCH /api/v1/claims/{claimId}/persons/{linkId}": {
    targets: linkTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${t.params.claimId}/persons/${t.params.linkId}`, data: { isPublic: true, basis: "already_public", version: STALE } }),
    allowed: () => 409,
  },
  "DELETE /api/v1/claims/{claimId}/persons/{linkId}": {
    targets: linkTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${t.params.claimId}/persons/${t.params.linkId}` }),
    allowed: openOrPublished(204),
    fresh: freshLink,
  },
  "POST /api/v1/claims/{claimId}/persons/import/preview": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/persons/import/preview`, data: { role: "victim", text: `${personName()}\n${personName()}` } }),
    allowed: openOrPublished(200),
  },
  "POST /api/v1/claims/{claimId}/persons/import": {
    targets: claimTargets,
    request: (_w, t) => ({ url: `/api/v1/claims/${claimIdOf(t)}/persons/import`, data: { role: "victim", text: personName(), groups: [{ rows: [1], personId: null }] } }),
    allowed: openOrPublished(201),
  },
  "GET /api/v1/evidence/{evidenceId}": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}` }),
    allowed: () => 200,
  },
  "PATCH /api/v1/evidence/{evidenceId}": [
    {
      variant: "sensitivity review",
      targets: evidenceTargets,
      request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}`, data: { isGraphic: true, hasPersonalData: true, version: STALE } }),
      allowed: () => 409,
    },
    {
      variant: "where it came from",
      targets: evidenceTargets,
      request: (w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}`, data: { publishedBySourceId: w.sources.other, isFirstHand: true, version: STALE } }),
      allowed: openOrPublished(409),
    },
  ],
  // Both check scope, then permission, then the version sent (a stale one: 409, nothing written).
  "POST /api/v1/evidence/{evidenceId}/retry": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/retry`, data: { version: STALE } }),
    allowed: () => 409,
  },
  "POST /api/v1/evidence/{evidenceId}/withdraw": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/withdraw`, data: { reason: "Withdrawn by the permission matrix.", version: STALE } }),
    allowed: () => 409,
  },
  "GET /api/v1/evidence/{evidenceId}/content": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/content` }),
    allowed: () => 200,
  },
  "GET /api/v1/evidence/{evidenceId}/copies/{copy}": {
    // The world's items are pictures, which get no working copy: past scope and permission, 404.
    // The copies themselves are served in lib/evidence/working-copies.test.ts.
    targets: (w) => [
      ...evidenceTargets(w).map((t): Target => ({ ...t, kind: "evidence", params: { ...t.params, copy: "web" }, reads: [], missingAfterScope: t.owner !== "nobody" })),
      { ...evidenceTargets(w)[0], special: "a copy we never make", params: { evidenceId: w.claims.mine.item.id, copy: "original" }, reads: [], missingAfterScope: true },
    ],
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/copies/${t.params.copy}`, headers: { Range: "bytes=0-99" } }),
    allowed: () => 206,
  },
  "GET /api/v1/evidence/{evidenceId}/custody": {
    targets: evidenceTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/custody` }),
    allowed: () => 200,
  },
  "GET /api/v1/evidence/{evidenceId}/derivatives/{derivativeId}": {
    // Working copies (thumbnails, keyframes) follow the item's scope only: no permission of their own.
    targets: derivativeTargets,
    request: (_w, t) => ({ url: `/api/v1/evidence/${t.params.evidenceId}/derivatives/${t.params.derivativeId}` }),
    allowed: () => 200,
  },
  "POST /api/v1/uploads": {
    targets: claimTargets,
    request: (_w, t) => ({
      url: "/api/v1/uploads",
      headers: { "Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": `claimId ${b64(claimIdOf(t))},filename ${b64("matrix.txt")}` },
    }),
    allowed: openOrPublished(201),
    // End the upload it created, so the folder of unfinished uploads is as it was.
    settle: async (w, response, actor) => {
      const location = response.headers()["location"];
      if (!location) return;
      const ended = await w.api.delete(new URL(location, w.base).pathname, { headers: { ...authHeader(w, actor), "Tus-Resumable": "1.0.0" } });
      if (ended.status() !== 204) throw new Error(`ending the matrix's upload: ${ended.status()}`);
    },
  },
  "OPTIONS /api/v1/uploads": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/uploads", headers: { "Tus-Resumable": "1.0.0" } }),
    allowed: () => 204,
  },
  "HEAD /api/v1/uploads/{uploadId}": {
    targets: uploadTargets,
    request: (_w, t) => ({ url: `/api/v1/uploads/${t.params.uploadId}`, headers: { "Tus-Resumable": "1.0.0" } }),
    allowed: () => 200,
  },
  "GET /api/v1/uploads/{uploadId}": {
    targets: uploadTargets,
    request: (_w, t) => ({ url: `/api/v1/uploads/${t.params.uploadId}`, headers: { "Tus-Resumable": "1.0.0" } }),
    // tus serves no bytes of an unfinished upload, not even to whoever started it.
    allowed: () => 404,
  },
  "PATCH /api/v1/uploads/{uploadId}": {
    targets: uploadTargets,
    // At an offset the upload is not at: let through, tus answers 409 and stores nothing.
    request: (_w, t) => ({
      url: `/api/v1/uploads/${t.params.uploadId}`,
      headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": "7", "Content-Type": "application/offset+octet-stream" },
      data: Buffer.from("x"),
    }),
    allowed: () => 409,
  },
  "DELETE /api/v1/uploads/{uploadId}": {
    targets: uploadTargets,
    request: (_w, t) => ({ url: `/api/v1/uploads/${t.params.uploadId}`, headers: { "Tus-Resumable": "1.0.0" } }),
    allowed: () => 204,
    fresh: freshUpload,
  },
  "GET /api/v1/sources": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/sources" }),
    allowed: () => 200,
  },
  "POST /api/v1/sources": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/sources", data: { name: unique("Matrix account "), kind: "account", reliability: "F" } }),
    allowed: () => 201,
  },
  "GET /api/v1/sources/{sourceId}": {
    order: "permission-first",
    targets: sourceTargets,
    request: (_w, t) => ({ url: `/api/v1/sources/${t.params.sourceId}` }),
    allowed: () => 200,
  },
  "PATCH /api/v1/sources/{sourceId}": {
    order: "permission-first",
    targets: sourceTargets,
    request: (_w, t) => ({ url: `/api/v1/sources/${t.params.sourceId}`, data: { reliability: "A", reliabilityRationale: "Permission matrix.", version: STALE } }),
    allowed: () => 409,
  },
  "POST /api/v1/sources/{sourceId}/citations": {
    order: "permission-first",
    targets: sourceTargets,
    request: (w, t) => ({ url: `/api/v1/sources/${t.params.sourceId}/citations`, data: { citesSourceId: w.sources.other } }),
    allowed: () => 201,
  },
  "GET /api/v1/incidents": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/incidents?type=killing" }),
    allowed: () => 200,
  },
  "POST /api/v1/incidents": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({
      url: "/api/v1/incidents",
      data: { title: unique("Matrix incident "), language: "en", type: "arrest", placeName: "Jableh", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-07", datePrecision: "day" },
    }),
    allowed: () => 201,
  },
  "GET /api/v1/incidents/{incidentId}": {
    order: "permission-first",
    targets: incidentTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}` }),
    allowed: () => 200,
  },
  "PATCH /api/v1/incidents/{incidentId}": {
    order: "permission-first",
    targets: incidentTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}`, data: { title: "Changed by the matrix", version: STALE } }),
    allowed: () => 409,
  },
  "POST /api/v1/incidents/{incidentId}/claims": {
    order: "permission-first",
    targets: incidentTargets,
    request: (w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/claims`, data: { claimId: w.claims.published.id } }),
    allowed: () => 201,
    fresh: freshIncident,
  },
  "DELETE /api/v1/incidents/{incidentId}/claims": {
    order: "permission-first",
    targets: incidentTargets,
    request: (w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/claims`, data: { claimId: w.claims.mine.id } }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  "POST /api/v1/incidents/{incidentId}/casualties": {
    order: "permission-first",
    targets: incidentTargets,
    request: (w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/casualties`, data: { personId: w.claims.published.person.id, status: "civilian" } }),
    allowed: () => 201,
    fresh: freshIncident,
  },
  "PATCH /api/v1/incidents/{incidentId}/casualties/{recordId}": {
    order: "permission-first",
    targets: casualtyTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/casualties/${t.params.recordId}`, data: { cause: "burned", version: STALE } }),
    allowed: () => 409,
  },
  "DELETE /api/v1/incidents/{incidentId}/casualties/{recordId}": {
    order: "permission-first",
    targets: casualtyTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/casualties/${t.params.recordId}` }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  "POST /api/v1/incidents/{incidentId}/attributions": {
    order: "permission-first",
    targets: incidentTargets,
    request: (w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/attributions`, data: { perpetrator: "Matrix group", grade: "contested", rationale: "Matrix.", sourceIds: [w.sources.other] } }),
    allowed: () => 201,
  },
  "DELETE /api/v1/incidents/{incidentId}/attributions/{attributionId}": {
    order: "permission-first",
    targets: attributionTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/attributions/${t.params.attributionId}` }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  "POST /api/v1/incidents/{incidentId}/publish": {
    order: "permission-first",
    targets: incidentTargets,
    request: (_w, t) => ({ url: `/api/v1/incidents/${t.params.incidentId}/publish`, data: { version: STALE } }),
    allowed: () => 409,
  },
  "GET /api/v1/figures": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/figures" }),
    allowed: () => 200,
  },
  "GET /api/v1/figures/series": {
    targets: workspaceTargets,
    request: (w) => ({ url: withQuery("/api/v1/figures/series", { measure: "killed", scope: w.claims.mine.figure.scopePlace }) }),
    allowed: () => 200,
  },
  "POST /api/v1/persons/match": {
    order: "permission-first",
    targets: workspaceTargets,
    request: (w) => ({ url: "/api/v1/persons/match", data: { name: w.claims.theirs.person.name } }),
    allowed: () => 200,
  },
  "POST /api/v1/persons/reconcile": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/persons/reconcile", data: { names: [{ id: "a", name: "Zuhair Qabbani" }, { id: "b", name: "زهير قباني" }] } }),
    allowed: () => 200,
  },
  "GET /api/v1/persons/{personId}": {
    targets: personTargets,
    request: (_w, t) => ({ url: `/api/v1/persons/${t.params.personId}` }),
    allowed: () => 200,
  },
  "PATCH /api/v1/persons/{personId}": {
    targets: personTargets,
    request: (_w, t) => ({ url: `/api/v1/persons/${t.params.personId}`, data: { note: "Permission matrix.", version: STALE } }),
    allowed: () => 409,
  },
  "POST /api/v1/persons/{personId}/names": {
    targets: personTargets,
    request: (_w, t) => ({ url: `/api/v1/persons/${t.params.personId}/names`, data: { name: unique("Matrix form ") } }),
    allowed: () => 201,
  },
  "POST /api/v1/persons/{personId}/merge": {
    targets: personTargets,
    // Into a person that does not exist: let through, refused as a bad intoId (400); nothing merges.
    request: (_w, t) => ({ url: `/api/v1/persons/${t.params.personId}/merge`, data: { intoId: RANDOM_ID } }),
    allowed: () => 400,
  },
  "POST /api/v1/persons/{personId}/split": {
    targets: personTargets,
    // None of them was merged: let through, refused by the guard (422).
    request: (_w, t) => ({ url: `/api/v1/persons/${t.params.personId}/split` }),
    allowed: () => 422,
  },
  "GET /api/v1/audit": {
    targets: (w) => {
      const entity = (kind: Target["kind"], owner: Target["owner"], entityValue: string, extra: Partial<Target> = {}): Target => ({
        kind,
        owner,
        params: {},
        query: { entity: entityValue },
        reads: [],
        ...extra,
      });
      const { mine, theirs, published } = w.claims;
      return [
        { kind: "audit", owner: "everyone", special: "the whole log", params: {}, reads: [] },
        ...[mine, theirs, published].flatMap((c) => [
          entity("claim", c.owner, `claim:${c.id}`, { published: c.published, special: "its events" }),
          entity("evidence", c.owner, `evidence:${c.item.id}`, { published: c.published, special: "its events" }),
          entity("person", c.owner, `person:${c.person.id}`, { published: c.published, special: "its events" }),
        ]),
        entity("claim", "nobody", `claim:${RANDOM_ID}`, { special: "nonexistent" }),
        entity("evidence", "nobody", `evidence:${RANDOM_ID}`, { special: "nonexistent" }),
        entity("person", "nobody", `person:${RANDOM_ID}`, { special: "nonexistent" }),
        entity("source", "everyone", `source:${w.sources.main}`, { special: "its events" }),
        entity("workspace", "everyone", `user:${w.userIds.submitter2}`, { special: "a user's events" }),
        entity("claim", "nobody", `claim:${MALFORMED_ID}`, { special: "malformed" }),
      ];
    },
    request: (_w, t) => ({ url: withQuery("/api/v1/audit", t.query) }),
    allowed: () => 200,
    // The whole log and a source's or user's events need audit.read; anyone may read the events of a
    // claim, item or person they can see. A malformed filter is a 400 once signed in.
    expect: (actor, t) => {
      const role = ROLE_OF[actor];
      if (t.special === "malformed") return 400;
      if (can(role, "audit.read")) return 200;
      if (t.kind === "claim" || t.kind === "evidence" || t.kind === "person") return visible(actor, t) ? 200 : 404;
      return 403;
    },
    check: (_w, t, _a, body) => {
      const id = t.query?.entity?.split(":")[1];
      const { items } = JSON.parse(body) as { items: { entity: { id: string } }[] };
      return id && items.some((e) => e.entity.id !== id) ? ["events of another entity in a filtered answer"] : [];
    },
  },
  // What others changed (issue 20): the queue's changes of the claims one can see, or one claim's (404 out of scope).
  "GET /api/v1/changes": {
    targets: (w) => [
      { ...workspace, special: "the queue's changes", query: { since: "0" } },
      ...claimTargets(w).map((t): Target => ({ ...t, special: t.special ?? "its changes", params: {}, query: { since: "0", claimId: t.params.claimId } })),
    ],
    request: (_w, t) => ({ url: withQuery("/api/v1/changes", t.query) }),
    allowed: () => 200,
    check: (w, t, actor, body) => {
      const { changes } = JSON.parse(body) as { changes: { claimId: string }[] };
      const problems: string[] = [];
      if (t.query?.claimId && changes.some((c) => c.claimId !== t.query!.claimId)) problems.push("changes of another claim in one claim's answer");
      const unseen = allClaims(w).filter((c) => !visible(actor, claimTarget(c))).map((c) => c.id);
      if (changes.some((c) => unseen.includes(c.claimId))) problems.push("changes of a claim the actor cannot see");
      return problems;
    },
  },
  "GET /api/v1/audit/verify": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/audit/verify" }),
    allowed: () => 200,
  },
  // Public and service routes: anyone, credentials ignored (the health check tests one sent to it)
  "GET /api/v1/public/entries": everyoneReads("/api/v1/public/entries"),
  "GET /api/v1/public/feed.atom": everyoneReads("/api/v1/public/feed.atom"),
  "GET /api/v1/public/entries.csv": everyoneReads("/api/v1/public/entries.csv"),
  "GET /api/v1/public/export.zip": everyoneReads("/api/v1/public/export.zip"),
  "GET /api/v1/openapi.json": everyoneReads("/api/v1/openapi.json"),
  "GET /api/v1/public/incidents": everyoneReads("/api/v1/public/incidents"),
  "GET /api/v1/public/incidents/{slug}": {
    targets: (w) => [
      { kind: "incident", owner: "everyone", published: true, params: { slug: w.publicIncident.slug }, reads: [] },
      // An incident that exists but was never published is not there for the public.
      { kind: "incident", owner: "everyone", special: "nonexistent (unpublished)", params: { slug: w.incident.id }, reads: [] },
    ],
    request: (_w, t) => ({ url: `/api/v1/public/incidents/${t.params.slug}` }),
    allowed: () => 200,
  },
  "GET /api/v1/public/incidents/{slug}/victims.csv": {
    targets: (w) => [
      { kind: "incident", owner: "everyone", published: true, params: { slug: w.publicIncident.slug }, reads: [] },
      { kind: "incident", owner: "everyone", special: "nonexistent", params: { slug: "no-such-incident-matrix" }, reads: [] },
    ],
    request: (_w, t) => ({ url: `/api/v1/public/incidents/${t.params.slug}/victims.csv` }),
    allowed: () => 200,
  },
  "GET /api/v1/public/entries/{slug}": {
    targets: (w) => [
      { kind: "entry", owner: "everyone", published: true, params: { slug: w.claims.published.slug! }, reads: [] },
      { kind: "entry", owner: "everyone", special: "nonexistent", params: { slug: "no-such-entry-matrix" }, reads: [] },
    ],
    request: (_w, t) => ({ url: `/api/v1/public/entries/${t.params.slug}` }),
    allowed: () => 200,
  },
  "GET /api/v1/public/entries/{slug}/versions/{version}": {
    targets: (w) => [
      { kind: "entry", owner: "everyone", published: true, params: { slug: w.claims.published.slug!, version: "1" }, reads: [] },
      { kind: "entry", owner: "everyone", special: "nonexistent version", params: { slug: w.claims.published.slug!, version: "999" }, reads: [] },
      { kind: "entry", owner: "everyone", special: "nonexistent", params: { slug: "no-such-entry-matrix", version: "1" }, reads: [] },
    ],
    request: (_w, t) => ({ url: `/api/v1/public/entries/${t.params.slug}/versions/${t.params.version}` }),
    allowed: () => 200,
  },
  // Time-stamps: the public list and tokens (a seal's; an item's is not there for the public), an admin's every token.
  "GET /api/v1/public/time-stamps": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/public/time-stamps?limit=100" }),
    allowed: () => 200,
    check: (w, _t, _actor, body) => {
      const { items } = JSON.parse(body) as { items: { id: string; subject: string }[] };
      const problems: string[] = [];
      if (!items.some((s) => s.id === w.stamps.seal)) problems.push("the seal's stamp is not listed");
      if (items.some((s) => s.id === w.stamps.evidence || s.subject === "evidence")) problems.push("an evidence item's stamp is listed to the public");
      return problems;
    },
  },
  "GET /api/v1/public/time-stamps/{stampId}/token": {
    targets: (w) => stampTargets(w, { publicDoor: true }),
    request: (_w, t) => ({ url: `/api/v1/public/time-stamps/${t.params.stampId}/token` }),
    allowed: () => 200,
  },
  "GET /api/v1/time-stamps": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/time-stamps?limit=100" }),
    allowed: () => 200,
  },
  "GET /api/v1/time-stamps/{stampId}/token": {
    order: "permission-first",
    targets: (w) => stampTargets(w),
    request: (_w, t) => ({ url: `/api/v1/time-stamps/${t.params.stampId}/token` }),
    allowed: () => 200,
  },
  "GET /api/v1/users": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/users?q=perms" }),
    allowed: () => 200,
  },
  "POST /api/v1/users": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/users", data: { email: `${unique("matrix-")}@perms.test`.toLowerCase(), name: "Matrix person", role: "submitter", password: "a long enough password" } }),
    allowed: () => 201,
  },
  "GET /api/v1/users/{userId}": {
    order: "permission-first",
    targets: userTargets,
    request: (_w, t) => ({ url: `/api/v1/users/${t.params.userId}` }),
    allowed: () => 200,
  },
  "PATCH /api/v1/users/{userId}": {
    order: "permission-first",
    targets: userTargets,
    // The role they have: let through, nothing changes (nor is audited), and the world stays as it was.
    request: (_w, t) => ({ url: `/api/v1/users/${t.params.userId}`, data: { role: "submitter" } }),
    allowed: () => 200,
  },
  "POST /api/v1/invitations": {
    order: "permission-first",
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/invitations", data: { email: `${unique("invited-")}@perms.test`.toLowerCase(), role: "reviewer" } }),
    allowed: () => 201,
  },
  "DELETE /api/v1/tokens/{tokenId}": {
    targets: tokenTargets,
    // Revoking a revoked token answers it as it is: every cell let through is a 200.
    request: (_w, t) => ({ url: `/api/v1/tokens/${t.params.tokenId}` }),
    allowed: () => 200,
  },
  "DELETE /api/v1/users/{userId}/second-factors": {
    order: "permission-first",
    targets: userTargets,
    // They have none: let through, nothing removed.
    request: (_w, t) => ({ url: `/api/v1/users/${t.params.userId}/second-factors` }),
    allowed: () => 200,
  },
  // One's own notifications and their preferences: every signed-in actor, nobody else's rows.
  "GET /api/v1/notifications": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/notifications" }),
    allowed: () => 200,
    check: (w, _t, actor, body) => {
      const { items } = JSON.parse(body) as { items: { claim: { id: string } | null }[] };
      if (ROLE_OF[actor] !== "submitter") return [];
      const others = new Set(allClaims(w).filter((c) => c.owner !== actor).map((c) => c.id));
      return items.some((n) => n.claim && others.has(n.claim.id)) ? ["a submitter's inbox names another's claim"] : [];
    },
  },
  "POST /api/v1/notifications/read": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/notifications/read", data: { all: true } }),
    allowed: () => 200,
  },
  "GET /api/v1/notifications/preferences": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/notifications/preferences" }),
    allowed: () => 200,
  },
  "PUT /api/v1/notifications/preferences": {
    targets: workspaceTargets,
    // Nothing named, nothing changed: let through, the world stays as it was.
    request: () => ({ url: "/api/v1/notifications/preferences", data: {} }),
    allowed: () => 200,
  },
  "GET /api/v1/health": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/health" }),
    allowed: () => 200,
  },
  // The probes read no credentials: a forged token changes nothing.
  "GET /api/v1/health/live": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/health/live" }),
    allowed: () => 200,
    check: (_w, _t, _actor, body) => (JSON.parse(body).ok === true ? [] : [`live answered ${body}`]),
  },
  "GET /api/v1/health/ready": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/health/ready" }),
    allowed: () => 200,
    check: (_w, _t, _actor, body) => (JSON.parse(body).ready === true ? [] : [`ready answered ${body}`]),
  },
  // Only the server's METRICS_TOKEN opens it: no person's token, whatever their role.
  "GET /api/v1/metrics": {
    targets: workspaceTargets,
    request: () => ({ url: "/api/v1/metrics" }),
    allowed: () => 401,
  },
};

function fromTable(id: OperationId, c: MatrixCase): ApiOp {
  const { access, variants } = operation(id);
  if (variants && !(c.variant && c.variant in variants)) throw new Error(`the matrix's case of ${id} must name one of its variants (${Object.keys(variants).join(", ")})`);
  return { ...c, method: methodOf(id), path: pathOf(id), access: access === "public" ? "public" : "signed-in", permission: permissionOf(id, variants ? c.variant : undefined) };
}

function casesOf(id: OperationId): MatrixCase[] {
  const entry = MATRIX[id];
  if (!entry) throw new Error(`${id} is in the operation table but not in the permission matrix (e2e/security/support/matrix.ts)`);
  const cases = [entry].flat();
  const variants = Object.keys(operation(id).variants ?? {});
  const untried = variants.filter((v) => !cases.some((c) => c.variant === v));
  if (untried.length) throw new Error(`${id}: no case of the matrix for the variants ${untried.join(", ")}`);
  return cases;
}

/** Unknown paths under /api/v1: the JSON 404, whoever asks (the dispatcher finds no operation of the table). */
const UNROUTED: ApiOp[] = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method) => ({
  method,
  path: "/api/v1/{unknown}",
  access: "unrouted",
  permission: null,
  targets: workspaceTargets,
  request: () => ({ url: "/api/v1/claims-admin/export", ...(method === "GET" || method === "DELETE" ? {} : { data: {} }) }),
  allowed: () => 404,
}));

export const API_OPS: ApiOp[] = [...OPERATION_IDS.flatMap((id) => casesOf(id).map((c) => fromTable(id, c))), ...UNROUTED];

/** The public routes answer everyone alike; a nonexistent entry (or what the public may not see) is a 404 and a forged token on the health check a 401. */
function expectedPublic(op: Pick<ApiOp, "path">, actor: ActorKey, t: Target): number {
  if (t.special?.startsWith("nonexistent") || t.missingAfterScope) return 404;
  if (op.path === "/api/v1/health" && actor === "forged") return 401;
  if (op.path === "/api/v1/metrics") return 401;
  return 200;
}

export function apiOpTitle(op: ApiOp): string {
  return `${op.method} ${op.path}${op.variant ? ` (${op.variant})` : ""}`;
}
