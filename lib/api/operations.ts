import type { Permission } from "@/lib/auth/permissions";
import { LOCALES } from "@/lib/i18n/locales";
import { IMPORT_MAX_BYTES } from "@/lib/persons/import/schemas";
import { RECONCILE_MAX_BYTES } from "@/lib/persons/schemas";
import { TRANSITION_ACTIONS, TRANSITIONS } from "@/lib/workflow/machine";
import { errorResponses, ok } from "./openapi-parts";

/**
 * The HTTP API's operations, each written once: its method and path (the key, in OpenAPI form),
 * who may call it, what it reads and what it answers. The API's one route file serves exactly
 * these (`apiDispatch`, ./route-handlers.ts, matching paths with ./match-path.ts), the OpenAPI
 * document is generated from it (./openapi.ts), and the permission matrix
 * (`e2e/security/support/matrix.ts`) reads its operations and permissions from it.
 *
 * This file is pure data: the matrix runs in Playwright, which cannot load server-only modules.
 * Each operation's input schemas and the one lib/ function it calls are in ./handlers.ts, under
 * the same key; a mapped type makes a missing or unknown one a type error.
 */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call an operation: anyone ("public": credentials are not read), any signed-in actor
 * ("signed-in": what they may see is decided by scope, in lib/), or actors whose role has the
 * permission (`lib/auth/permissions.ts`; lib/ checks it, the table says which one it is).
 */
export type Access = "public" | "signed-in" | Permission;

export type Operation = {
  access: Access;
  /** When the body decides which permission applies (a transition's action), each variant's. */
  variants?: Readonly<Record<string, Permission>>;
  /** The operation reads a JSON body (its schema is the handler's), up to `maxBytes` (256 KiB otherwise). */
  body?: { maxBytes?: number; orMultipart?: object; /** The request may carry no body at all (the OpenAPI document says it is not required). */ optional?: true };
  /** Served, but not described in the OpenAPI document: the document itself, and tus's own methods. */
  undocumented?: true;
  /** Served without opening the database first (./route-handlers.ts): the probes and metrics, which must answer while it cannot. */
  withoutDatabase?: true;
  summary?: string;
  description?: string;
  /** The answers: the success (the status the handler's result is sent with) and the errors. */
  responses?: Record<number, object>;
};

/**
 * A published entry's translations (issue 18), as the public entry and each version answer them:
 * the title and summary in the interface languages other than the entry's own (`language`).
 */
const PUBLIC_TRANSLATIONS = {
  type: "object",
  description:
    "The entry's title and summary in the other interface languages, by language code; empty when there are none. `outdated` is true when the original's title or summary changed after the translation was made. Versions published before translations existed lack it.",
  propertyNames: { enum: [...LOCALES] },
  additionalProperties: {
    type: "object",
    required: ["title", "summary", "outdated"],
    properties: { title: { type: "string" }, summary: { type: "string" }, outdated: { type: "boolean" } },
    additionalProperties: false,
  },
} as const;

/** The fields of a public entry this document describes (the rest are the snapshot's, as published). */
const publicEntry = (extra: object = {}) => ({
  type: "object",
  required: ["slug", "url", "version", "title", "summary", "language", "translations"],
  properties: {
    slug: { type: "string" },
    url: { type: "string" },
    version: { type: "integer" },
    title: { type: "string", description: "In the entry's own language" },
    summary: { type: "string", description: "In the entry's own language" },
    language: { type: "string", description: "The language the entry is written in, e.g. `ar`, `en`, `ar-SY`" },
    translations: PUBLIC_TRANSLATIONS,
    ...extra,
  },
});

const transitionPermissions = Object.fromEntries(TRANSITION_ACTIONS.map((action) => [action, TRANSITIONS[action].permission])) as Record<
  (typeof TRANSITION_ACTIONS)[number],
  Permission
>;

export const OPERATIONS = {
  "GET /api/v1/claims": {
    access: "signed-in",
    summary: "The review queue, oldest first, with counts per state",
    description:
      "`q` matches claims holding every word of it (as prefixes) in their title, summary or place, " +
      "Arabic spellings and transliteration marks folded. Pages are keyset cursors (`nextCursor`). " +
      "`counts` are exact for the whole queue (optionally one kind); under other filters each stops at 1,000, " +
      "and `countsCapped` lists the states whose count reached that cap (read it as \"1,000 or more\").",
    responses: { 200: ok("`{items, nextCursor, counts, countsCapped}`"), ...errorResponses(400, 401) },
  },
  "POST /api/v1/claims": {
    access: "claims.submit",
    body: {},
    summary: "Submit a claim (enters triage)",
    responses: { 201: ok("The claim"), ...errorResponses(400, 401, 403, 413, 415) },
  },
  "POST /api/v1/claims/take-next": {
    access: "claims.assign",
    body: { optional: true },
    summary: "Take the claim that has waited longest, unassigned, in a state (`{state?, kind?}`; triage unless named)",
    description:
      "Assigns to the caller the unassigned claim that entered the state (an open one: triage, corroboration or review) longest ago, optionally of one kind, and answers it. " +
      "Concurrent callers never get the same claim: each locks a different row (`FOR UPDATE SKIP LOCKED`). " +
      "Nothing left to take: 404 with guard `none_left`. A closed state: 422 (guard `state`). Audited as `claim.assigned` with `via: take_next`.",
    responses: { 200: ok("The claim, now assigned to the caller"), ...errorResponses(400, 401, 403, 404, 415, 422) },
  },
  "POST /api/v1/claims/bulk": {
    access: "signed-in",
    variants: { assign: "claims.assign", accept: "claims.accept", reject: "claims.reject", duplicate: "claims.duplicate" },
    body: {},
    summary: "One action on many claims: assign, accept, reject with one reason, or mark duplicates of one claim",
    description:
      "`{action, items: [{id, version}], reason?, targetId?, assigneeId?}` with at most 50 items (a larger selection is sent in chunks). `reject` needs `reason`, `duplicate` needs `targetId`, `assign` needs `assigneeId` (null unassigns). " +
      "A role that may not do the action is refused whole (403). Otherwise each item goes through the same checks as alone, in order — visible (404), permitted (403), `version` current (409), guard (422, e.g. `state`, `takeover`) — in its own transaction with its own audit event (`via: bulk`); one refused item leaves the others done. " +
      "Answers `{results: [{id, status, code?, guard?, message?, version?}]}` in the order sent: `status` 200 with the new `version`, or the item's refusal.",
    responses: { 200: ok("`{results}`, one per item"), ...errorResponses(400, 401, 403, 413, 415) },
  },
  "GET /api/v1/views": {
    access: "views.save",
    summary: "The queue's saved views: one's own, then those shared with the team",
    responses: { 200: ok("`{items: [{id, name, filters, shared, owner, mine, canDelete}]}`"), ...errorResponses(401, 403) },
  },
  "POST /api/v1/views": {
    access: "signed-in",
    // `shared: true` shares it with the team, which needs more than keeping one's own.
    variants: { personal: "views.save", shared: "views.share" },
    body: {},
    summary: "Save the queue's filters as a view (`{name, filters: {state?, kind?, q?, assignee?, order?}, shared?}`)",
    description: "Personal unless `shared: true` (reviewers and editors share; 403 otherwise). At most 30 views each (422, guard `limit`). Audited as `saved_view.created`.",
    responses: { 201: ok("The view"), ...errorResponses(400, 401, 403, 415, 422) },
  },
  "DELETE /api/v1/views/{viewId}": {
    access: "views.save",
    summary: "Delete a view: one's own, or (an editor) a shared one",
    description: "Another person's personal view is not found (404); another's shared view is refused (403) unless the caller moderates views (editors). Audited as `saved_view.deleted`.",
    responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
  },
  "GET /api/v1/claims/{claimId}": {
    access: "signed-in",
    summary: "One claim with its evidence, assessments, persons, figures and origins",
    responses: { 200: ok("The claim"), ...errorResponses(401, 404) },
  },
  "PATCH /api/v1/claims/{claimId}": {
    access: "claims.edit",
    body: {},
    summary: "Edit a claim's own fields before publication (null clears an optional one)",
    description:
      "The submitter while the claim is in triage; reviewers and editors until it is published (403 otherwise). Checks in order: visible (404), permitted (403), the body (400), `version` current (409), not yet published (422, guard `state`: after publication only a correction changes it). The claim as it would become is checked whole, as a submission is. Audited with each field's before and after.",
    responses: { 200: ok("The claim"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "POST /api/v1/claims/{claimId}/transitions": {
    access: "signed-in",
    variants: transitionPermissions,
    body: {},
    summary: "Move a claim through the workflow",
    description:
      "Checks in order: visible (404), permitted (403), `version` current (409), guard (422). `reject` and `retract` need `reason`; `duplicate` needs `targetId`; `send_to_review` takes `grade` and `rationale` or uses the claim's; `publish` follows the four-eyes rule. A correction is drafted, then published by another editor: `correct` (on a published claim) needs `reason` (published as the correction note) and takes `changes` (any public field, `grade` with `gradeRationale`; persons, figures and evidence change through their own operations), and drafts it — the public entry is unchanged, and a second `correct` replaces the draft; `publish_correction` publishes the draft as a new public version (guard `four_eyes` for the editor who drafted it, `changes` when nothing public changes); `discard_correction` drops it (optional `reason`). `changes.translations` translates the public title and summary, by interface language (`{ar: {title, summary}}`; null removes one, a language not named keeps its translation): a translation into the entry's own language is refused (400 naming `changes.translations.<language>`), and one kept while the original's title or summary changes is published as outdated.",
    responses: { 200: ok("The claim after the transition"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "PUT /api/v1/claims/{claimId}/grade": {
    access: "claims.grade",
    body: {},
    summary: "Set the grade and its rationale (in corroboration)",
    responses: { 200: ok("The claim"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "PUT /api/v1/claims/{claimId}/assignee": {
    access: "claims.assign",
    body: {},
    summary: "Assign an open claim to a reviewer or editor (`assigneeId: null` unassigns); replacing or releasing someone else's assignment needs `takeOver: true`, else 409",
    responses: { 200: ok("The claim"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "PUT /api/v1/claims/{claimId}/watch": {
    access: "signed-in",
    summary: "Watch a claim one can see: be told when it changes state or is commented on",
    description: "One watches what one submits, is assigned or comments on without asking. Watching a watched claim changes nothing. Answers `{claimId, watching: true}`.",
    responses: { 200: ok("`{claimId, watching}`"), ...errorResponses(401, 404) },
  },
  "DELETE /api/v1/claims/{claimId}/watch": {
    access: "signed-in",
    summary: "Stop watching a claim",
    description: "Answers `{claimId, watching: false}`, also when one did not watch it.",
    responses: { 200: ok("`{claimId, watching}`"), ...errorResponses(401, 404) },
  },
  "GET /api/v1/claims/{claimId}/evidence": {
    access: "signed-in",
    summary: "The claim's evidence, oldest first",
    responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) },
  },
  "POST /api/v1/claims/{claimId}/evidence": {
    access: "evidence.add",
    body: {
      // A file comes as multipart, streamed to storage by the handler; the JSON body asks for a page capture.
      orMultipart: {
        type: "object",
        required: ["file"],
        properties: {
          publishedBySourceId: { type: "string", format: "uuid", description: "before the file part" },
          obtainedViaSourceId: { type: "string", format: "uuid", description: "before the file part" },
          isFirstHand: { type: "string", enum: ["true", "false"], description: "before the file part" },
          file: { type: "string", format: "binary" },
        },
      },
    },
    summary: "Attach evidence: a file (multipart field `file`, streamed) or a page capture (JSON `{url}`)",
    description:
      "The media type is sniffed from the bytes; video, images, audio, PDF, plain text, HTML, WARC and WACZ are accepted (415 otherwise); the size limit is EVIDENCE_MAX_BYTES (413). The same bytes are stored once. Thumbnails, keyframes, metadata and perceptual hashes follow as jobs: see `processing`. A page capture answers at once with `processing.capture: pending`; loopback, private, link-local and metadata addresses are refused (422, guard `address`).",
    responses: { 201: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "GET /api/v1/evidence/{evidenceId}": {
    access: "signed-in",
    summary: "One evidence item: hashes, sniffed type, metadata, `processing`, derived stills, `workingCopies` (playable copies), `duplicateOf`, `similar`",
    responses: { 200: ok("The evidence item"), ...errorResponses(401, 404) },
  },
  "PATCH /api/v1/evidence/{evidenceId}": {
    access: "signed-in",
    // The body's fields say which: `isGraphic`/`hasPersonalData` review sensitivity, the others say where it came from.
    variants: { "sensitivity review": "evidence.mark_sensitivity", "where it came from": "evidence.set_sources" },
    body: {},
    summary: "Review the item's sensitivity (graphic, personal data), or say where it came from (publisher, relay, first-hand)",
    responses: { 200: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "POST /api/v1/evidence/{evidenceId}/retry": {
    access: "evidence.add",
    body: { optional: true },
    summary: "Try a failed page capture again (no body, or `{}`, or `{version}`)",
    description:
      "Only an item whose capture failed (`status: failed`, its reason in `captureError`) is retried: its job is queued afresh and the item reads `capturing` again. " +
      "A capture still running answers 409; an uploaded, captured or withdrawn item 422 (guard `capture_status`). Audited as `evidence.capture_retried`.",
    responses: { 200: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "POST /api/v1/evidence/{evidenceId}/withdraw": {
    access: "evidence.withdraw",
    body: {},
    summary: "Withdraw an item from its claim (`{reason, version}`): it stays in the custody trail and leaves the claim's counts",
    description:
      "A withdrawn item keeps its bytes and custody trail, readable by staff, but no longer counts towards origins, the grade suggestion, the publication guards or the public entry. " +
      "Reviewers and editors withdraw any item of an open or published claim (the public entry changes only with a correction); a submitter only an item they added, while the claim is in triage (403 otherwise). " +
      "409 on a stale version; 422 when the claim is not open or the item is withdrawn already. Audited as `evidence.withdrawn` with the reason.",
    responses: { 200: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "GET /api/v1/evidence/{evidenceId}/content": {
    access: "evidence.read_content",
    summary: "The preserved original, as an attachment (every download is recorded); one byte range with `Range`",
    description:
      "`Range: bytes=a-b`, `bytes=a-` or `bytes=-n` answers 206 with `Content-Range`; a range starting past the end 416 with `Content-Range: bytes */size`; several ranges, or an `If-Range` that is neither the `ETag` (`\"<sha256>\"`) nor the exact date, the whole file. " +
      "Without `Range` the read is a download (`evidence.downloaded`, each time); with one, a view (`evidence.viewed`, copy `original`, at most once per person and item every 30 minutes).",
    responses: {
      200: { description: "The bytes (206 with one range of them)", content: { "application/octet-stream": {} } },
      416: { description: "The range starts past the end" },
      ...errorResponses(401, 403, 404),
    },
  },
  "GET /api/v1/evidence/{evidenceId}/custody": {
    access: "signed-in",
    summary: "Chain-of-custody report: the item and every event since, with audit hashes",
    responses: { 200: ok("The report"), ...errorResponses(401, 404) },
  },
  // Working copies (thumbnails, keyframes) follow the item's scope only: no permission of their own.
  "GET /api/v1/evidence/{evidenceId}/derivatives/{derivativeId}": {
    access: "signed-in",
    undocumented: true,
    summary: "A derived file of the item (a thumbnail or keyframe), as JPEG",
  },
  "GET /api/v1/evidence/{evidenceId}/copies/{copy}": {
    access: "evidence.read_content",
    summary: "A working copy made from the original (`web`: H.264/AAC MP4 or AAC audio; `low`: about 360p, at most 400 kbit/s), inline, with byte ranges",
    description:
      "The item's `workingCopies` list those made so far (404 for one not made yet). The same people as the original; the answer is our own re-encoded file, served inline with its media type, `ETag` `\"<sha256>\"` and ranges as the original's door. " +
      "Reads are views in the custody trail (`evidence.viewed` with the copy's name and hash, at most once per person, item and copy every 30 minutes); a HEAD records nothing.",
    responses: {
      200: { description: "The copy (206 with one range of it)", content: { "video/mp4": {}, "audio/mp4": {} } },
      416: { description: "The range starts past the end" },
      ...errorResponses(401, 403, 404),
    },
  },
  "POST /api/v1/uploads": {
    access: "evidence.add",
    summary: "Resumable upload (tus 1.0.0): create with metadata `claimId` and `filename`, then PATCH chunks; HEAD tells the offset to resume from",
    description: "When the last chunk arrives the file becomes evidence; that answer carries an `Evidence-Id` header.",
    responses: { 201: { description: "Upload created; `Location` names it" }, ...errorResponses(401, 403, 404, 413) },
  },
  // The rest of the tus protocol, answered by the same handler; only whoever started an upload may reach it.
  "OPTIONS /api/v1/uploads": { access: "signed-in", undocumented: true, summary: "tus: the protocol's version and extensions" },
  "HEAD /api/v1/uploads/{uploadId}": { access: "signed-in", undocumented: true, summary: "tus: the offset to resume from" },
  "GET /api/v1/uploads/{uploadId}": { access: "signed-in", undocumented: true, summary: "tus: no bytes of an upload are served (404)" },
  "PATCH /api/v1/uploads/{uploadId}": { access: "signed-in", undocumented: true, summary: "tus: the next chunk, at the upload's offset" },
  "DELETE /api/v1/uploads/{uploadId}": { access: "signed-in", undocumented: true, summary: "tus: end an unfinished upload" },
  "GET /api/v1/sources": {
    access: "sources.read",
    summary: "The source registry by name",
    responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400, 401, 403) },
  },
  "POST /api/v1/sources": {
    access: "sources.create",
    body: {},
    summary: "Add a source (organisation, outlet, account, channel or person) with its Admiralty reliability A–F",
    responses: { 201: ok("The source"), ...errorResponses(400, 401, 403) },
  },
  "GET /api/v1/sources/{sourceId}": {
    access: "sources.read",
    summary: "One source with what it cites and who cites it",
    responses: { 200: ok("The source"), ...errorResponses(401, 403, 404) },
  },
  "PATCH /api/v1/sources/{sourceId}": {
    access: "sources.update",
    body: {},
    summary: "Change a source (a new rating is kept with its rationale in the source's audit history)",
    responses: { 200: ok("The source"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "POST /api/v1/sources/{sourceId}/citations": {
    access: "sources.update",
    body: {},
    summary: "Record that this source relays another (an outlet quoting a monitor)",
    responses: { 201: ok("The source"), ...errorResponses(400, 401, 403, 404) },
  },
  "GET /api/v1/incidents": {
    access: "incidents.read",
    summary: "Incidents for the list, the map and the timeline: `type`, `grade` (with a claim of that grade), `from`/`to` (overlapping), `q`, `bbox` (west,south,east,north), `order` newest|oldest",
    responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400, 401, 403) },
  },
  "POST /api/v1/incidents": {
    access: "incidents.write",
    body: {},
    summary: "Create an incident: `title`, `language`, `type`, `placeName`, `placePrecision`, `startDate`, `endDate`, `datePrecision`; optionally `summary`, `latitude`/`longitude`, `startTime` (exact precision), `parentId`, `translations` ({ar: title})",
    responses: { 201: ok("The incident"), ...errorResponses(400, 401, 403) },
  },
  "GET /api/v1/incidents/{incidentId}": {
    access: "incidents.read",
    summary: "One incident with its claims (by state, with evidence counts), victims, persons, figures, attributions, tally and published versions",
    responses: { 200: ok("The incident"), ...errorResponses(401, 403, 404) },
  },
  "PATCH /api/v1/incidents/{incidentId}": {
    access: "incidents.write",
    body: {},
    summary: "Change an incident's fields (null clears an optional one) on the `version` read",
    description: "A stale `version` is 409. A `parentId` that would make a loop, or nest deeper than eight levels, is 400.",
    responses: { 200: ok("The incident"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "POST /api/v1/incidents/{incidentId}/claims": {
    access: "incidents.write",
    body: {},
    summary: "Link a claim to the incident: `{claimId}`",
    responses: { 201: ok("The incident"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "DELETE /api/v1/incidents/{incidentId}/claims": {
    access: "incidents.write",
    body: {},
    summary: "Unlink a claim from the incident: `{claimId}`",
    responses: { 200: ok("The incident"), ...errorResponses(400, 401, 403, 404) },
  },
  "POST /api/v1/incidents/{incidentId}/casualties": {
    access: "incidents.write",
    body: {},
    summary: "Record a victim: `personId`, and what is known — `dateOfDeath`, `placeOfDeath`, `cause`, `status`, `age` or `ageBand`, `sex`, `sourceIds`, `note`",
    description: "A person is recorded once per incident (409 again). An age gives its band; an age and a band that disagree are 400.",
    responses: { 201: ok("The incident"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "PATCH /api/v1/incidents/{incidentId}/casualties/{recordId}": {
    access: "incidents.write",
    body: {},
    summary: "Change a victim's record on the `version` read",
    responses: { 200: ok("The incident"), ...errorResponses(400, 401, 403, 404, 409) },
  },
  "DELETE /api/v1/incidents/{incidentId}/casualties/{recordId}": {
    access: "incidents.write",
    summary: "Remove a victim's record (the audit log keeps what it held)",
    responses: { 200: ok("The incident"), ...errorResponses(401, 403, 404) },
  },
  "POST /api/v1/incidents/{incidentId}/attributions": {
    access: "incidents.write",
    body: {},
    summary: "Say who is said to have done it: `{perpetrator, grade, rationale, sourceIds}` (at least one source)",
    responses: { 201: ok("The incident"), ...errorResponses(400, 401, 403, 404) },
  },
  "DELETE /api/v1/incidents/{incidentId}/attributions/{attributionId}": {
    access: "incidents.write",
    summary: "Withdraw an attribution (the audit log keeps what it said)",
    responses: { 200: ok("The incident"), ...errorResponses(401, 403, 404) },
  },
  "POST /api/v1/incidents/{incidentId}/publish": {
    access: "incidents.publish",
    body: {},
    summary: "Publish the incident's public page as a new version: `{version}`",
    description:
      "The four-eyes rule: an editor other than the last person to change the incident or what hangs from it (422, guard `four_eyes`). It needs a published claim (422, guard `nothing_published`) and something public to change since its last version (422, guard `unchanged`). The page shows only what is already public: its published claims, their figures, victims whose names are publishable, attributions with unprotected sources.",
    responses: { 200: ok("The incident"), ...errorResponses(400, 401, 403, 404, 409, 422) },
  },
  "GET /api/v1/claims/{claimId}/figures": {
    access: "signed-in",
    summary: "The claim's figures, oldest as-of date first",
    responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) },
  },
  "POST /api/v1/claims/{claimId}/figures": {
    access: "figures.record",
    body: {},
    summary: "Record a figure a source reported: `value` (with `atLeast: true` for \"at least N\"), or `valueMin` and `valueMax`; measure; scope (place, period); as-of date",
    description:
      "The claim must be open (422, guard `state`); `sourceId` must name a source (400). The scope's place is normalised (case, spaces, diacritics, punctuation) into `scope.key`, which groups figures into series.",
    responses: { 201: ok("The figure"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "GET /api/v1/claims/{claimId}/comments": {
    access: "signed-in",
    summary: "The claim's discussion, oldest first: its comments and its items' (`evidenceId` for one item's thread)",
    description:
      "Comments are internal: never public. A deleted comment keeps its place with `deleted: {by, at, reason}` and an empty `body` (its text stays in the audit log). `mentions` are the people its text names with @. Pages are keyset cursors (`nextCursor`).",
    responses: { 200: ok("`{items: [{id, claimId, evidenceId, author, body, mentions, version, createdAt, editedAt, deleted}], nextCursor}`"), ...errorResponses(400, 401, 404) },
  },
  "POST /api/v1/claims/{claimId}/comments": {
    access: "comments.write",
    body: {},
    summary: "Comment on the claim, or on one of its items (`evidenceId`): `{body, evidenceId?}`",
    description:
      "Plain text, links and mentions: `@` followed by the name of someone `GET …/mentionable` offers (reviewers, editors and the claim's submitter). A name of anyone else mentions nobody. Audited as `comment.created` with the ids mentioned.",
    responses: { 201: ok("The comment"), ...errorResponses(400, 401, 403, 404, 413, 415) },
  },
  "GET /api/v1/claims/{claimId}/mentionable": {
    access: "comments.write",
    summary: "Who may be mentioned in a comment on the claim (`q` narrows by name): at most 10, by name",
    description: "The active reviewers and editors and the claim's own submitter, never the caller; another submitter (who cannot see the claim) and admins are never offered.",
    responses: { 200: ok("`{items: [{id, name, role}]}`"), ...errorResponses(400, 401, 403, 404) },
  },
  "PATCH /api/v1/comments/{commentId}": {
    access: "comments.write",
    body: {},
    summary: "Rewrite your own comment: `{body, version}`",
    description: "Only its author (403); a deleted comment is 422 (guard `deleted`); a stale `version` is 409. The earlier text stays in the audit log (`comment.edited`).",
    responses: { 200: ok("The comment"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
  },
  "DELETE /api/v1/comments/{commentId}": {
    access: "comments.write",
    body: {},
    summary: "Delete a comment with a reason: `{reason, version?}` — your own, or any as an editor",
    description: "The thread keeps its place, saying who deleted it and why; the text stays only in the audit log (`comment.deleted`). Deleting it twice is 422 (guard `deleted`).",
    responses: { 200: ok("The comment, deleted"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
  },
  "GET /api/v1/evidence/{evidenceId}/notes": {
    access: "evidence.notes.read",
    summary: "A video or audio item's time-coded notes, by their moment: `{items}`",
    description:
      "Notes are internal to the reviewing team (reviewers and editors): never public, and their text is left out of the audit events a submitter reads. A note marks a moment (`endMs` null) or a span, in milliseconds from the item's start. Deleted notes are left out (their text stays in the audit log). `mayEdit` and `mayDelete` say what the caller may do with each. An item that is not video or audio has none.",
    responses: { 200: ok("`{items: [{id, evidenceId, startMs, endMs, body, author, createdAt, editedAt, version, mayEdit, mayDelete}]}`"), ...errorResponses(401, 403, 404) },
  },
  "POST /api/v1/evidence/{evidenceId}/notes": {
    access: "evidence.notes.write",
    body: {},
    summary: "Mark a moment or a span of a video or audio item with a note: `{startMs, endMs?, body}`",
    description:
      "Times are whole milliseconds, 0 ≤ `startMs` ≤ `endMs`, within the item's length when its metadata gives it (400 on the field past the end); `body` is 1–2000 characters, trimmed. An item that is not video or audio is 422 (guard `media`); a withdrawn item 422 (guard `evidence_status`); a claim that takes no material (rejected, duplicate, retracted) 422 (guard `state`). Audited as `evidence.note_added`.",
    responses: { 201: ok("The note"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "PATCH /api/v1/evidence-notes/{noteId}": {
    access: "evidence.notes.write",
    body: {},
    summary: "Rewrite or move your own note: `{body?, startMs?, endMs?, version}` (`endMs: null` makes a span a moment)",
    description: "Only its author (403); a deleted note is 422 (guard `deleted`); a stale `version` is 409. The earlier values stay in the audit log (`evidence.note_edited`).",
    responses: { 200: ok("The note"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
  },
  "DELETE /api/v1/evidence-notes/{noteId}": {
    access: "evidence.notes.write",
    body: {},
    summary: "Delete a note: `{version}` — your own, or any as an editor",
    description: "Its text stays only in the audit log (`evidence.note_deleted`). Deleting it twice is 422 (guard `deleted`); a stale `version` is 409.",
    responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
  },
  "PUT /api/v1/evidence/{evidenceId}/disclosure": {
    access: "evidence.set_disclosure",
    body: {},
    summary: "Choose how published entries name an item: `{disclosure: hash|commitment|withheld|rule, reason, version}`",
    description:
      "By the rule, an item that a protected source published or relayed, or one marked as showing personal data, is named by its commitment (HMAC-SHA-256 of its bytes under a secret key of its own) and any other by its SHA-256. An editor may choose otherwise for one item, in either direction, or withhold its fingerprint entirely; `rule` gives the choice back. `reason` is 1–500 characters. Audited as `evidence.disclosure_set`. What is published already does not change: the next version follows (the publish preview shows each item's fingerprint). A stale `version` is 409. The item's `publicFingerprint` says how it would be named now and why.",
    responses: { 200: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
  },
  "POST /api/v1/evidence/{evidenceId}/disclosure-packet": {
    access: "evidence.disclose",
    body: {},
    summary: "Give out an item's commitment key in a disclosure packet, for a court or an investigator: `{reason}`",
    description:
      "Answers the packet: `{format: \"corroborate-disclosure\", formatVersion: 1, evidence: {id, kind, mediaType, size, sha256}, commitment: {algorithm: \"HMAC-SHA-256\", key, value}, entries: [{slug, version, url}], events, disclosure: {seq, at, reason}}` — `events` are the public audit events that published and sealed those versions, in full. `npm run verify -- --packet packet.json --file <the file> <dataset.zip | entry.json>` checks it. Each disclosure is an audit event (`evidence.disclosed`: the reason and the entries, never the key). An item without bytes or whose commitment is still being computed is 422 (guard `commitment`).",
    responses: { 200: ok("The disclosure packet"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "POST /api/v1/evidence/{evidenceId}/frames": {
    access: "evidence.grab_frame",
    body: {},
    summary: "Save a video's frame at a moment as a new image item of the same claim: `{atMs}`",
    description:
      "The exact frame shown at `atMs` (whole milliseconds), decoded from the original as a lossless PNG by ffmpeg, becomes an item of its own (`intake: frame`, `derivedFrom: {evidenceId, atMs}`) with its own SHA-256 and the usual derivations (thumbnail, pHash: it is near-duplicate matched like any image). Its `evidence.added` names the video, the video's SHA-256 and the moment; the video's `evidence.frame_grabbed` names the new item and the ffmpeg command. " +
      "A moment past the video's end is 400 (`atMs`); not a video 422 (guard `media`); a withdrawn video 422 (guard `evidence_status`); a claim that takes no material 422 (guard `state`); no ffmpeg on the server 503.",
    responses: { 201: ok("The new evidence item"), ...errorResponses(400, 401, 403, 404, 413, 415, 422, 503) },
  },
  "GET /api/v1/figures": {
    access: "signed-in",
    summary: "The series you can see: measure and scope, with figure and source counts, newest report first",
    responses: { 200: ok("`{items: [{measure, key, place, periodFrom, periodTo, figures, sources, latestAsOf}]}`"), ...errorResponses(401) },
  },
  "GET /api/v1/figures/series": {
    access: "signed-in",
    summary:
      "One series (`scope` is a key `place|from|to` or a bare place): per source over time, the current range across sources, the latest report, and the people named in the matching role",
    responses: { 200: ok("`{measure, scope, series: [{source, points}], current, latest, named, figures}`"), ...errorResponses(400, 401) },
  },
  "GET /api/v1/claims/{claimId}/assessments": {
    access: "signed-in",
    summary: "The claim's assessments",
    responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) },
  },
  "POST /api/v1/claims/{claimId}/assessments": {
    access: "claims.assess",
    body: {},
    summary: "Assess one item against the claim: stance and credibility 1–6 (Admiralty information scale); re-assessing replaces your own",
    responses: { 201: ok("The assessment"), ...errorResponses(400, 401, 403, 404, 422) },
  },
  "GET /api/v1/claims/{claimId}/origins": {
    access: "signed-in",
    summary: "The claim's evidence collapsed into independent origins, with the suggested grade",
    responses: {
      200: ok("`{origins: [{id, sourceIds, evidenceIds, stance, firstHand, reasons}], supporting, contradicting, suggestedGrade, because, limitedBy, items}` — `limitedBy`: `source_reliability` or `credibility` when an Admiralty axis holds the suggestion back, else null"),
      ...errorResponses(401, 404),
    },
  },
  "GET /api/v1/claims/{claimId}/persons": {
    access: "signed-in",
    summary: "The persons named in a claim, as their canonical persons, with role and visibility",
    responses: { 200: ok("`{items: [{linkId, role, isPublic, basis, basisNote, approvedBy, approvedAt, version, person}]}` — `basis` (`already_public`, `family_consent`, `other`) and who approved the name when, for a public name"), ...errorResponses(401, 404) },
  },
  "POST /api/v1/claims/{claimId}/persons": {
    access: "persons.add",
    body: {},
    summary: "Name a person in a claim: link an existing one (`personId`) or create one from its name forms (`names`)",
    description: "Every person is named privately, whatever the role: the name is published only once an editor or reviewer marks it publishable (`PATCH …/persons/{linkId}`).",
    responses: { 201: ok("The claim's link to the person"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "PATCH /api/v1/claims/{claimId}/persons/{linkId}": {
    access: "persons.publish",
    body: {},
    summary: "Mark a person's name publishable with a basis, or make it private again (editors and reviewers)",
    description:
      "`{isPublic, basis?, basisNote?, version}`. Making a name public needs `basis`: `already_public`, `family_consent` or `other` (then `basisNote`, the stated basis, is required; at most 500 characters); a 400 names the missing field. Making it private takes no basis and clears the one it had. Audited (`claim.person_visibility_changed`, with the basis).",
    responses: { 200: ok("The link"), ...errorResponses(400, 401, 403, 404, 409, 415) },
  },
  "DELETE /api/v1/claims/{claimId}/persons/{linkId}": {
    access: "persons.add",
    summary: "Take a person out of the claim (the person and their names stay)",
    responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404, 422) },
  },
  "POST /api/v1/claims/{claimId}/persons/import/preview": {
    access: "persons.add",
    body: { maxBytes: IMPORT_MAX_BYTES },
    summary: "What importing a list would do, writing nothing",
    description:
      "`text` is a CSV with a header row (name columns such as name, name_ar, name_en, الاسم; optional age, sex, date, place) or one person a line (forms separated by | or /). Answers `{rows, errors, groups: [{members: [{row, names, score, reasons}], candidates: [{person, score, reasons}], proposedPersonId}]}`: rows taken as one person, and the stored persons each group may be.",
    responses: { 200: ok("The preview"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "POST /api/v1/claims/{claimId}/persons/import": {
    access: "persons.add",
    body: { maxBytes: IMPORT_MAX_BYTES },
    summary: "Import a list as decided on its preview, in one transaction",
    description:
      "`groups` partitions the list's rows: each group is one person, `personId` the stored person it was confirmed to be, or null for a new one; `rejected` the proposals turned down.",
    responses: { 201: ok("`{rows, created, matched, newNameForms, newLinks}`"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  },
  "POST /api/v1/persons/match": {
    access: "persons.add",
    body: {},
    summary: "The stored persons a name may be, best first, with scores and reasons",
    description: "Searches every person for reviewers and editors, and the persons of their own claims for submitters (`searchedAll` says which).",
    responses: { 200: ok("`{candidates: [{person, score, reasons, matchedName, queryName}], searchedAll}`"), ...errorResponses(400, 401, 403, 415) },
  },
  "POST /api/v1/persons/reconcile": {
    access: "persons.reconcile",
    body: { maxBytes: RECONCILE_MAX_BYTES },
    summary: "Cluster the given names among themselves; reads and writes nothing stored",
    description: "Every id appears in exactly one cluster; ids must be unique. Up to 20,000 names.",
    responses: { 200: ok("`{clusters: [[id, ...], ...]}`"), ...errorResponses(400, 401, 403, 413, 415) },
  },
  "GET /api/v1/persons/{personId}": {
    access: "signed-in",
    summary: "One person with every name form and the claims naming it; a merged id answers with the person it joined",
    responses: { 200: ok("The person"), ...errorResponses(401, 404) },
  },
  "PATCH /api/v1/persons/{personId}": {
    access: "persons.update",
    body: {},
    summary: "Correct a person's details (sex, age, date, place, note)",
    responses: { 200: ok("The person"), ...errorResponses(400, 401, 403, 404, 409, 415) },
  },
  "POST /api/v1/persons/{personId}/names": {
    access: "persons.add",
    body: {},
    summary: "Add a form of the person's name",
    responses: { 201: ok("The person"), ...errorResponses(400, 401, 403, 404, 409, 415) },
  },
  "POST /api/v1/persons/{personId}/merge": {
    access: "persons.merge",
    body: {},
    summary: "Merge this person into another (`intoId`); reversible with split",
    responses: { 200: ok("The person merged into"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
  },
  "POST /api/v1/persons/{personId}/split": {
    access: "persons.merge",
    summary: "Undo a merge: the person stands on its own again",
    responses: { 200: ok("The person"), ...errorResponses(401, 403, 404, 409, 422) },
  },
  // audit.read for the whole log, a source's or a user's events; the events of a claim, item or person
  // one can see need no more than seeing it (lib/audit/list-events.ts).
  "GET /api/v1/audit": {
    access: "audit.read",
    summary:
      "Audit events, filtered by who acted (`actor`), event type (`type`), entity (`entity=claim:<id>`) and time (`from`, `to`, inclusive); newest first over the whole log, oldest first for one entity, or as `order` says. `prevCursor` (as `cursor`) pages back",
    responses: { 200: ok("`{items, nextCursor, prevCursor}`"), ...errorResponses(400, 401, 403, 404) },
  },
  "GET /api/v1/audit/verify": {
    access: "audit.verify",
    summary: "Walk the audit chain and report the first broken link",
    responses: {
      200: ok("`{ok, events, head, firstBroken}`", {
        type: "object",
        properties: {
          ok: { type: "boolean" },
          events: { type: "integer" },
          head: { type: "string" },
          firstBroken: { type: ["integer", "null"] },
        },
      }),
      ...errorResponses(401, 403),
    },
  },
  // Live changes (issue 20): a page open on a claim or the queue asks every few seconds what others changed.
  "GET /api/v1/changes": {
    access: "signed-in",
    summary: "What others changed since `since`: one claim's events (`claimId`) or the queue's (every claim the caller can see)",
    description:
      "For a page that stays open: it sends the `next` of its last answer as `since` and shows a notice when `changes` is not empty. " +
      "Without `since`, only `next` (the audit log's head). Each change names its claim, what happened (`change`: a workflow action such as `accept`, or `submitted`, `assigned`, `graded`, `edited`, `commented`, `changed`), who did it (`actorName`, null for the system) and when. " +
      "Never the caller's own acts; a claim the caller cannot see is 404 (and, without `claimId`, left out). At most 20 changes from at most 2,000 audit events after `since` per answer: ask again from `next`.",
    responses: { 200: ok("`{changes: [{seq, claimId, change, actorName, at}], next}`"), ...errorResponses(400, 401, 404) },
  },
  "GET /api/v1/public/entries": {
    access: "public",
    summary: "Published entries, newest change first (no authentication)",
    responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400) },
  },
  "GET /api/v1/public/entries/{slug}": {
    access: "public",
    summary: "One published entry with its version history (no authentication)",
    description: "The newest version's fields, with `translations` (the title and summary in the other interface languages), `firstPublishedAt` and `history` (every version's snapshot, oldest first).",
    responses: { 200: ok("The entry", publicEntry({ history: { type: "array", items: { type: "object" } } })), ...errorResponses(404) },
  },
  "GET /api/v1/public/entries/{slug}/versions/{version}": {
    access: "public",
    summary: "One version of a published entry, as it was published, with what it changed (no authentication)",
    description:
      "The version's snapshot exactly; `changes` lists what it changed against the version before (a value's `before` and `after`, or a list's `added` and `removed`); `current` is the entry's newest version and whether the entry is retracted. 404 for a version the entry does not have.",
    responses: { 200: ok("The version", publicEntry({ changes: { type: "array", items: { type: "object" } } })), ...errorResponses(404) },
  },
  "GET /api/v1/public/feed.atom": {
    access: "public",
    summary: "Atom 1.0 feed of publications, corrections and retractions, one entry per version, newest 100 (no authentication)",
    responses: { 200: { description: "The feed", content: { "application/atom+xml": { schema: { type: "string" } } } } },
  },
  "GET /api/v1/public/incidents": {
    access: "public",
    summary: "Published incidents, newest first by start date (`type`, `cursor`, `limit`); each as its newest version says",
    responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400) },
  },
  "GET /api/v1/public/incidents/{slug}": {
    access: "public",
    summary: "One published incident: what is established and how well, its published claims, figures, tally, named victims, attributions, and its versions",
    responses: { 200: ok("The incident"), ...errorResponses(404) },
  },
  "GET /api/v1/public/incidents/{slug}/victims.csv": {
    access: "public",
    summary: "One published incident's named victims as CSV (RFC 4180, UTF-8 with BOM)",
    description: "Columns: incident_slug, names, date_of_death, place_of_death, cause, status, age, age_band, sex, sources, recorded_under. Victims whose names may not be published are never listed.",
    responses: { 200: { description: "The CSV, as an attachment", content: { "text/csv": { schema: { type: "string" } } } }, ...errorResponses(404) },
  },
  "GET /api/v1/public/entries.csv": {
    access: "public",
    summary: "The latest version of every published entry as CSV (RFC 4180, UTF-8 with BOM; no authentication)",
    description:
      `Columns: slug, url, title, kind, grade, place, latitude, longitude, incident_from, incident_to, version, change, retracted, published_at, evidence_items, independent_origins, then each interface language's title and summary (${LOCALES.map((l) => `title_${l}, summary_${l}`).join(", ")}): the original's in its own language's columns, a translation's in the others (outdated or not; the JSON says which), empty when there is none. Text starting with = + - @ tab or CR is prefixed with an apostrophe. Takes the public list's filters.`,
    responses: { 200: { description: "The CSV, as an attachment", content: { "text/csv": { schema: { type: "string" } } } }, ...errorResponses(400) },
  },
  "GET /api/v1/public/export.zip": {
    access: "public",
    summary: "The public dataset: entries with history, evidence manifest, published pages' hashes, the publishing audit events, time-stamps, a verifier and a README (no authentication)",
    description:
      "entries.json (each entry with its translations and history), evidence-manifest.csv, pages.csv (every published page's SHA-256 and the seal event that recorded it), audit-events.json (the chain head, and every publish/correct/retract event and every seal with all hashed fields, so each hash can be recomputed), time-stamps.json with time-stamps/*.tsr and tsa-certs.pem (when the site has a time-stamping authority), verify.mjs (a dependency-free Node.js script that checks all of it: `node verify.mjs export.zip [page.html …]`) and README.txt (what each file is, and how to check it by hand).",
    responses: { 200: { description: "The ZIP, as an attachment", content: { "application/zip": { schema: { type: "string", format: "binary" } } } } },
  },
  // Time from outside (RFC 3161, issue 22): tokens of a time-stamping authority over the chain's head and each seal.
  "GET /api/v1/public/time-stamps": {
    access: "public",
    summary: "Time-stamps of an outside authority (RFC 3161) over the audit chain's head and each published version's seal, newest first (no authentication)",
    description:
      "`subject` is `chain` (the hash of the chain's newest event at that moment, `seq` its number) or `event` (an `entry.sealed` event's hash: the seal records the SHA-256 of the version's pages and snapshot, so each published page is stamped through it). `imprint` is the SHA-256 stamped, `genTime` the authority's time, `tsa` its address, `token` where the token is downloaded. Evidence items are stamped too, but not listed: the time would say when an item was received. Empty when the site has no TSA_URL. Pages are keyset cursors (`nextCursor`).",
    responses: { 200: ok("`{items: [{id, subject, seq, imprint, genTime, tsa, token}], nextCursor}`"), ...errorResponses(400) },
  },
  "GET /api/v1/public/time-stamps/{stampId}/token": {
    access: "public",
    summary: "One public time-stamp's token as a time-stamp reply (`.tsr`; no authentication)",
    description: "A TimeStampResp (RFC 3161 §2.4.2, DER) with status granted around the token as the authority signed it: `openssl ts -verify -digest <imprint> -in file.tsr -CAfile <authority's CA>` checks it. 404 for an evidence item's stamp or an unknown id.",
    responses: { 200: { description: "The token, as an attachment", content: { "application/timestamp-reply": { schema: { type: "string", format: "binary" } } } }, ...errorResponses(404) },
  },
  "GET /api/v1/time-stamps": {
    access: "time_stamps.read",
    summary: "Every time-stamp, evidence items' too, newest first (admins only)",
    description: "As the public list, with `evidenceId` (an item's stamp) and `serial` (the token's serial number); `token` is the admins' download. Pages are keyset cursors (`nextCursor`).",
    responses: { 200: ok("`{items: [{id, subject, seq, imprint, genTime, tsa, token, evidenceId, serial}], nextCursor}`"), ...errorResponses(400, 401, 403) },
  },
  "GET /api/v1/time-stamps/{stampId}/token": {
    access: "time_stamps.read",
    summary: "Any time-stamp's token, an evidence item's too, as a time-stamp reply (`.tsr`; admins only)",
    responses: { 200: { description: "The token, as an attachment", content: { "application/timestamp-reply": { schema: { type: "string", format: "binary" } } } }, ...errorResponses(401, 403, 404) },
  },
  "GET /api/v1/users": {
    access: "users.manage",
    summary: "The people of the workspace by e-mail (admins only)",
    description:
      "`q` searches names and e-mail addresses; `status` is `invited` (not yet joined), `active` or `deactivated`. Each person has `hasSecondFactor`. Pages are keyset cursors (`nextCursor`).",
    responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400, 401, 403) },
  },
  "POST /api/v1/users": {
    access: "users.manage",
    body: {},
    summary: "Create a person with a password (admins only); to let them choose their own, invite them instead",
    responses: { 201: ok("The person"), ...errorResponses(400, 401, 403, 409, 415) },
  },
  "GET /api/v1/users/{userId}": {
    access: "users.manage",
    summary: "One person: status, second factor, pending invitation, API tokens and live sessions (admins only)",
    description: "Their audit trail is `GET /api/v1/audit?entity=user:{userId}`.",
    responses: { 200: ok("The person"), ...errorResponses(401, 403, 404) },
  },
  "PATCH /api/v1/users/{userId}": {
    access: "users.manage",
    body: {},
    summary: "Change a person's `role`, `active` or `name` (admins only)",
    description:
      "A role change or a deactivation ends every session of theirs at once; a deactivation also revokes their API tokens and any pending link, so their next request is refused. The person is told by mail. An admin cannot deactivate themselves or change their own role (422, guard `self`). Audited as `user.updated`.",
    responses: { 200: ok("The person"), ...errorResponses(400, 401, 403, 404, 415, 422) },
  },
  "POST /api/v1/invitations": {
    access: "users.manage",
    body: {},
    summary: "Invite an e-mail address with a role (admins only): a one-time link, valid 72 hours, is mailed to it",
    description:
      "The person exists at once, not yet joined. Inviting a pending address again sends a new link (the old one stops working) with the role given now (`reissued: true`); an address that has joined is 409. The answer never carries the link: it goes by mail (PUBLIC_URL's address), or waits in the outbox when SMTP_URL is not set. Audited as `user.invited`.",
    responses: { 201: ok("`{userId, email, role, expiresAt, reissued}`"), ...errorResponses(400, 401, 403, 409, 415) },
  },
  "DELETE /api/v1/tokens/{tokenId}": {
    access: "tokens.own",
    summary: "Revoke an API token: one's own, or anyone's for an admin (another's is 404)",
    description: "Revoking a revoked token changes nothing. Audited as `token.revoked`.",
    responses: { 200: ok("The token (never its secret)"), ...errorResponses(401, 403, 404) },
  },
  "DELETE /api/v1/users/{userId}/second-factors": {
    access: "users.manage",
    summary: "Remove every second factor of a person: TOTP, passkeys, recovery codes (admins only)",
    description:
      "For a lost phone or key: their sessions end at once, and they enrol again at their next sign-in where the policy asks it. Audited as `user.factor_removed` (factor `all`, by admin); the person is told by mail. `removed` is 0 when they had none (nothing is changed).",
    responses: { 200: ok("`{userId, removed, sessionsEnded}`"), ...errorResponses(401, 403, 404) },
  },
  "GET /api/v1/notifications": {
    access: "signed-in",
    summary: "One's own notifications: unread first (`order=unread`, the default) or newest first (`order=newest`)",
    description:
      "Each has its `kind` (mentioned, assigned, submitted_changed, watched_changed, sent_to_review, reminder), the claim (`null` when one may no longer see it), who acted, and codes in `data` (a transition's `action`, `from`, `to`; a reminder's `days`). `unread` counts one's unread notifications up to 100. Pages are keyset cursors (`nextCursor`).",
    responses: { 200: ok("`{items, nextCursor, unread}`"), ...errorResponses(400, 401) },
  },
  "POST /api/v1/notifications/read": {
    access: "signed-in",
    body: {},
    summary: "Mark one's own notifications read: `{ids}` (up to 100; another's id changes nothing) or `{all: true}`",
    responses: { 200: ok("`{marked, unread}`"), ...errorResponses(400, 401, 403, 415) },
  },
  "GET /api/v1/notifications/preferences": {
    access: "signed-in",
    summary: "How each kind of notification reaches one: `off`, `app`, `email` (at once) or `digest` (daily)",
    responses: { 200: ok("`{mentioned, assigned, submitted_changed, watched_changed, sent_to_review, reminder}`"), ...errorResponses(401) },
  },
  "PUT /api/v1/notifications/preferences": {
    access: "signed-in",
    body: {},
    summary: "Choose how kinds of notification reach one; a kind not named keeps its delivery",
    description: "Audited as `user.preferences_changed` (`notifications.<kind>`, before and after). E-mails name no claim, person, place or source unless an admin allows claim titles in them.",
    responses: { 200: ok("Every kind's delivery"), ...errorResponses(400, 401, 403, 415) },
  },
  "GET /api/v1/health": {
    access: "public",
    summary: "Liveness, with a database round trip",
    description: "Needs no token; a token sent is checked like any call's (401 when it is not valid).",
    responses: { 200: ok("`{ok: true}`"), ...errorResponses(401) },
  },
  "GET /api/v1/health/live": {
    access: "public",
    withoutDatabase: true,
    summary: "Liveness: the process answers (a restart is due when it does not); touches nothing",
    responses: { 200: ok("`{ok: true}`") },
  },
  "GET /api/v1/health/ready": {
    access: "public",
    withoutDatabase: true,
    summary: "Readiness: whether this server should be sent requests",
    description:
      "200 `{ready: true}` when start-up is done and the database answers (within 3 s) on this code's schema; else 503 `{ready: false, reason}`, `reason` one of `starting`, `shutting_down` (after SIGTERM, while requests in flight finish), `database` (also while another server holds the migration lock), `schema` (a newer release migrated the database: replace this server).",
    responses: { 200: ok("`{ready: true}`"), 503: ok("`{ready: false, reason}`") },
  },
  "GET /api/v1/metrics": {
    access: "public",
    withoutDatabase: true,
    summary: "Prometheus metrics, for the bearer of the server's METRICS_TOKEN",
    description:
      "Prometheus text format: requests by method, route and status, latencies by route, requests in flight, jobs due, waiting to retry and running, the oldest due job's wait, the audit chain's length, the PostgreSQL pool, and the process's own (CPU, memory, event loop). `Authorization: Bearer <METRICS_TOKEN>` — not an API token. 404 when the server has no METRICS_TOKEN.",
    responses: { 200: ok("Prometheus text"), ...errorResponses(401, 404) },
  },
  "GET /api/v1/openapi.json": { access: "public", undocumented: true, summary: "This document" },
} as const satisfies Record<`${HttpMethod} /api/v1/${string}`, Operation>;

export type OperationId = keyof typeof OPERATIONS;

export const OPERATION_IDS = Object.keys(OPERATIONS) as OperationId[];

export function operation(id: OperationId): Operation {
  return OPERATIONS[id];
}

export function methodOf(id: OperationId): HttpMethod {
  return id.slice(0, id.indexOf(" ")) as HttpMethod;
}

/** The OpenAPI path template, `/api/v1/claims/{claimId}`. */
export function pathOf(id: OperationId): string {
  return id.slice(id.indexOf(" ") + 1);
}

/** The permission an operation needs (of one variant, when the body decides), or null when it needs none. */
export function permissionOf(id: OperationId, variant?: string): Permission | null {
  const { access, variants } = operation(id);
  if (variants) {
    if (!variant || !(variant in variants)) throw new Error(`${id} needs one of its variants (${Object.keys(variants).join(", ")}), not ${variant}`);
    return variants[variant];
  }
  return access === "public" || access === "signed-in" ? null : access;
}

/** The status a successful answer has: the one 2xx the operation lists (200 when it lists none). */
export function successStatus(id: OperationId): number {
  return Number(Object.keys(operation(id).responses ?? {}).find((status) => status.startsWith("2")) ?? 200);
}
