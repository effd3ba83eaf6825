import { z } from "zod";
import { ZAuditQuery } from "@/lib/audit/list-events";
import { ZAssignClaim, ZClaimQuery, ZGradeClaim, ZSubmitClaim } from "@/lib/claims/schemas";
import { ZPublicEntriesQuery } from "@/lib/publishing/public-entries";
import { ZAssessment } from "@/lib/assessments/assess-evidence";
import { ZCaptureRequest, ZMarkSensitivity } from "@/lib/evidence/schemas";
import { ZEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { ZFigureSeriesQuery, ZRecordFigure } from "@/lib/figures/schemas";
import { ZAddCitation, ZCreateSource, ZSourceQuery, ZUpdateSource } from "@/lib/sources/schemas";
import { ZTransition } from "@/lib/workflow/schemas";
import { ZCommitImport, ZPreviewImport } from "@/lib/persons/import/schemas";
import { ZAddClaimPerson, ZAddPersonName, ZMatchPersons, ZMergePerson, ZReconcile, ZSetPersonVisibility, ZUpdatePerson } from "@/lib/persons/schemas";

/**
 * The OpenAPI document, generated from the same zod schemas that validate requests, so the
 * contract cannot drift from the code.
 */
function schemaOf(schema: z.ZodType, io: "input" | "output" = "input") {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodObject) {
  const json = schemaOf(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(json.properties).map(([name, s]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const pathId = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

const errorResponses = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: ERROR_TEXT[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; `fieldErrors` names the fields",
  401: "No valid API token",
  403: "Your role may not do this (`FORBIDDEN`), or a write with the session cookie came from another site's page (`CROSS_ORIGIN`)",
  404: "Not found, or not visible to you",
  409: "The claim changed since the version you sent",
  413: "Body too large",
  415: "Wrong content type",
  422: "A workflow guard failed; `guard` names it",
};

const ok = (description: string, schema: object = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: schemaOf(schema) } },
});

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Corroborate API",
      version: "1.0.0",
      description:
        "Claims, the review workflow, the audit log and published entries. Authenticate with a personal API token: `Authorization: Bearer <token>` (create one with `npm run admin -- create-token --email E`). Lists are cursor-paginated: pass `nextCursor` back as `cursor`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                guard: { type: "string" },
              },
            },
          },
        },
        SubmitClaim: schemaOf(ZSubmitClaim),
        Transition: schemaOf(ZTransition),
        GradeClaim: schemaOf(ZGradeClaim),
      },
    },
    paths: {
      "/api/v1/claims": {
        get: {
          summary: "The review queue, oldest first, with counts per state",
          description:
            "`q` matches claims holding every word of it (as prefixes) in their title, summary or place, " +
            "Arabic spellings and transliteration marks folded. Pages are keyset cursors (`nextCursor`). " +
            "`counts` are exact for the whole queue (optionally one kind); under other filters each stops at 1,000, " +
            "and `countsCapped` lists the states whose count reached that cap (read it as \"1,000 or more\").",
          parameters: queryParameters(ZClaimQuery),
          responses: { 200: ok("`{items, nextCursor, counts, countsCapped}`"), ...errorResponses(400, 401) },
        },
        post: {
          summary: "Submit a claim (enters triage)",
          requestBody: jsonBody(ZSubmitClaim),
          responses: { 201: ok("The claim"), ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      "/api/v1/claims/{claimId}": {
        get: {
          summary: "One claim with its evidence, assessments, persons, figures and origins",
          parameters: [pathId("claimId")],
          responses: { 200: ok("The claim"), ...errorResponses(401, 404) },
        },
      },
      "/api/v1/claims/{claimId}/transitions": {
        post: {
          summary: "Move a claim through the workflow",
          description:
            "Checks in order: visible (404), permitted (403), `version` current (409), guard (422). `reject` and `retract` need `reason`; `duplicate` needs `targetId`; `send_to_review` takes `grade` and `rationale` or uses the claim's; `correct` needs `reason` (the public correction note) and `changes`; `publish` follows the four-eyes rule.",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZTransition),
          responses: { 200: ok("The claim after the transition"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      "/api/v1/claims/{claimId}/grade": {
        put: {
          summary: "Set the grade and its rationale (in corroboration)",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZGradeClaim),
          responses: { 200: ok("The claim"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      "/api/v1/claims/{claimId}/assignee": {
        put: {
          summary: "Assign an open claim to a reviewer or editor (`assigneeId: null` unassigns)",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZAssignClaim),
          responses: { 200: ok("The claim"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      "/api/v1/claims/{claimId}/evidence": {
        get: {
          summary: "The claim's evidence, oldest first",
          parameters: [pathId("claimId")],
          responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) },
        },
        post: {
          summary: "Attach evidence: a file (multipart field `file`, streamed) or a page capture (JSON `{url}`)",
          description:
            "The media type is sniffed from the bytes; video, images, audio, PDF, plain text, HTML, WARC and WACZ are accepted (415 otherwise); the size limit is EVIDENCE_MAX_BYTES (413). The same bytes are stored once. Thumbnails, keyframes, metadata and perceptual hashes follow as jobs: see `processing`. A page capture answers at once with `processing.capture: pending`; loopback, private, link-local and metadata addresses are refused (422, guard `address`).",
          parameters: [pathId("claimId")],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
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
              "application/json": { schema: schemaOf(ZCaptureRequest) },
            },
          },
          responses: { 201: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      "/api/v1/evidence/{evidenceId}": {
        get: {
          summary: "One evidence item: hashes, sniffed type, metadata, `processing`, derived files, `duplicateOf`, `similar`",
          parameters: [pathId("evidenceId")],
          responses: { 200: ok("The evidence item"), ...errorResponses(401, 404) },
        },
        patch: {
          summary: "Review the item's sensitivity (graphic, personal data), or say where it came from (publisher, relay, first-hand)",
          parameters: [pathId("evidenceId")],
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [schemaOf(ZMarkSensitivity), schemaOf(ZEvidenceSources)] } } } },
          responses: { 200: ok("The evidence item"), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      "/api/v1/evidence/{evidenceId}/content": {
        get: {
          summary: "The preserved original, as an attachment (every download is recorded)",
          parameters: [pathId("evidenceId")],
          responses: { 200: { description: "The bytes", content: { "application/octet-stream": {} } }, ...errorResponses(401, 403, 404) },
        },
      },
      "/api/v1/evidence/{evidenceId}/custody": {
        get: {
          summary: "Chain-of-custody report: the item and every event since, with audit hashes",
          parameters: [pathId("evidenceId")],
          responses: { 200: ok("The report"), ...errorResponses(401, 404) },
        },
      },
      "/api/v1/uploads": {
        post: {
          summary: "Resumable upload (tus 1.0.0): create with metadata `claimId` and `filename`, then PATCH chunks; HEAD tells the offset to resume from",
          description: "When the last chunk arrives the file becomes evidence; that answer carries an `Evidence-Id` header.",
          responses: { 201: { description: "Upload created; `Location` names it" }, ...errorResponses(401, 403, 404, 413) },
        },
      },
      "/api/v1/sources": {
        get: {
          summary: "The source registry by name",
          parameters: queryParameters(ZSourceQuery),
          responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400, 401, 403) },
        },
        post: {
          summary: "Add a source (organisation, outlet, account, channel or person) with its Admiralty reliability A–F",
          requestBody: jsonBody(ZCreateSource),
          responses: { 201: ok("The source"), ...errorResponses(400, 401, 403) },
        },
      },
      "/api/v1/sources/{sourceId}": {
        get: { summary: "One source with what it cites and who cites it", parameters: [pathId("sourceId")], responses: { 200: ok("The source"), ...errorResponses(401, 403, 404) } },
        patch: {
          summary: "Change a source (a new rating is kept with its rationale in the source's audit history)",
          parameters: [pathId("sourceId")],
          requestBody: jsonBody(ZUpdateSource),
          responses: { 200: ok("The source"), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      "/api/v1/sources/{sourceId}/citations": {
        post: {
          summary: "Record that this source relays another (an outlet quoting a monitor)",
          parameters: [pathId("sourceId")],
          requestBody: jsonBody(ZAddCitation),
          responses: { 201: ok("The source"), ...errorResponses(400, 401, 403, 404) },
        },
      },
      "/api/v1/claims/{claimId}/figures": {
        get: { summary: "The claim's figures, oldest as-of date first", parameters: [pathId("claimId")], responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) } },
        post: {
          summary: "Record a figure a source reported: `value`, or `valueMin` and `valueMax`; measure; scope (place, period); as-of date",
          description: "The claim must be open (422, guard `state`); `sourceId` must name a source (400). The scope's place is normalised (case, spaces, diacritics, punctuation) into `scope.key`, which groups figures into series.",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZRecordFigure),
          responses: { 201: ok("The figure"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      "/api/v1/figures": {
        get: { summary: "The series you can see: measure and scope, with figure and source counts, newest report first", responses: { 200: ok("`{items: [{measure, key, place, periodFrom, periodTo, figures, sources, latestAsOf}]}`"), ...errorResponses(401) } },
      },
      "/api/v1/figures/series": {
        get: {
          summary: "One series (`scope` is a key `place|from|to` or a bare place): per source over time, the current range across sources, the latest report, and the people named in the matching role",
          parameters: queryParameters(ZFigureSeriesQuery),
          responses: { 200: ok("`{measure, scope, series: [{source, points}], current, latest, named, figures}`"), ...errorResponses(400, 401) },
        },
      },
      "/api/v1/claims/{claimId}/assessments": {
        get: { summary: "The claim's assessments", parameters: [pathId("claimId")], responses: { 200: ok("`{items}`"), ...errorResponses(401, 404) } },
        post: {
          summary: "Assess one item against the claim: stance and credibility 1–6 (Admiralty information scale); re-assessing replaces your own",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZAssessment),
          responses: { 201: ok("The assessment"), ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      "/api/v1/claims/{claimId}/origins": {
        get: {
          summary: "The claim's evidence collapsed into independent origins, with the suggested grade",
          parameters: [pathId("claimId")],
          responses: {
            200: ok("`{origins: [{id, sourceIds, evidenceIds, stance, firstHand, reasons}], supporting, contradicting, suggestedGrade, because, items}`"),
            ...errorResponses(401, 404),
          },
        },
      },
      "/api/v1/claims/{claimId}/persons": {
        get: {
          summary: "The persons named in a claim, as their canonical persons, with role and visibility",
          parameters: [pathId("claimId")],
          responses: { 200: ok("`{items: [{linkId, role, isPublic, version, person}]}`"), ...errorResponses(401, 404) },
        },
        post: {
          summary: "Name a person in a claim: link an existing one (`personId`) or create one from its name forms (`names`)",
          description: "Victims are public by default; witnesses, the injured, the missing and perpetrators are private until an editor publishes them.",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZAddClaimPerson),
          responses: { 201: ok("The claim's link to the person"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      "/api/v1/claims/{claimId}/persons/{linkId}": {
        patch: {
          summary: "Publish a person named in a claim, or keep them private (editors)",
          parameters: [pathId("claimId"), pathId("linkId")],
          requestBody: jsonBody(ZSetPersonVisibility),
          responses: { 200: ok("The link"), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
        delete: {
          summary: "Take a person out of the claim (the person and their names stay)",
          parameters: [pathId("claimId"), pathId("linkId")],
          responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404, 422) },
        },
      },
      "/api/v1/claims/{claimId}/persons/import/preview": {
        post: {
          summary: "What importing a list would do, writing nothing",
          description:
            "`text` is a CSV with a header row (name columns such as name, name_ar, name_en, الاسم; optional age, sex, date, place) or one person a line (forms separated by | or /). Answers `{rows, errors, groups: [{members: [{row, names, score, reasons}], candidates: [{person, score, reasons}], proposedPersonId}]}`: rows taken as one person, and the stored persons each group may be.",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZPreviewImport),
          responses: { 200: ok("The preview"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      "/api/v1/claims/{claimId}/persons/import": {
        post: {
          summary: "Import a list as decided on its preview, in one transaction",
          description: "`groups` partitions the list's rows: each group is one person, `personId` the stored person it was confirmed to be, or null for a new one; `rejected` the proposals turned down.",
          parameters: [pathId("claimId")],
          requestBody: jsonBody(ZCommitImport),
          responses: { 201: ok("`{rows, created, matched, newNameForms, newLinks}`"), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      "/api/v1/persons/match": {
        post: {
          summary: "The stored persons a name may be, best first, with scores and reasons",
          description: "Searches every person for reviewers and editors, and the persons of their own claims for submitters (`searchedAll` says which).",
          requestBody: jsonBody(ZMatchPersons),
          responses: { 200: ok("`{candidates: [{person, score, reasons, matchedName, queryName}], searchedAll}`"), ...errorResponses(400, 401, 403, 415) },
        },
      },
      "/api/v1/persons/reconcile": {
        post: {
          summary: "Cluster the given names among themselves; reads and writes nothing stored",
          description: "Every id appears in exactly one cluster; ids must be unique. Up to 20,000 names.",
          requestBody: jsonBody(ZReconcile),
          responses: { 200: ok("`{clusters: [[id, ...], ...]}`"), ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      "/api/v1/persons/{personId}": {
        get: {
          summary: "One person with every name form and the claims naming it; a merged id answers with the person it joined",
          parameters: [pathId("personId")],
          responses: { 200: ok("The person"), ...errorResponses(401, 404) },
        },
        patch: {
          summary: "Correct a person's details (sex, age, date, place, note)",
          parameters: [pathId("personId")],
          requestBody: jsonBody(ZUpdatePerson),
          responses: { 200: ok("The person"), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      "/api/v1/persons/{personId}/names": {
        post: {
          summary: "Add a form of the person's name",
          parameters: [pathId("personId")],
          requestBody: jsonBody(ZAddPersonName),
          responses: { 201: ok("The person"), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      "/api/v1/persons/{personId}/merge": {
        post: {
          summary: "Merge this person into another (`intoId`); reversible with split",
          parameters: [pathId("personId")],
          requestBody: jsonBody(ZMergePerson),
          responses: { 200: ok("The person merged into"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      "/api/v1/persons/{personId}/split": {
        post: {
          summary: "Undo a merge: the person stands on its own again",
          parameters: [pathId("personId")],
          responses: { 200: ok("The person"), ...errorResponses(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/audit": {
        get: {
          summary: "Audit events, oldest first; all of them, or one entity's (`entity=claim:<id>`)",
          parameters: queryParameters(ZAuditQuery),
          responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400, 401, 403, 404) },
        },
      },
      "/api/v1/audit/verify": {
        get: {
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
      },
      "/api/v1/public/entries": {
        get: {
          summary: "Published entries, newest change first (no authentication)",
          security: [],
          parameters: queryParameters(ZPublicEntriesQuery),
          responses: { 200: ok("`{items, nextCursor}`"), ...errorResponses(400) },
        },
      },
      "/api/v1/public/entries/{slug}": {
        get: {
          summary: "One published entry with its version history (no authentication)",
          security: [],
          parameters: [pathId("slug")],
          responses: { 200: ok("The entry"), ...errorResponses(404) },
        },
      },
      "/api/v1/public/feed.atom": {
        get: {
          summary: "Atom 1.0 feed of publications, corrections and retractions, one entry per version, newest 100 (no authentication)",
          security: [],
          responses: { 200: { description: "The feed", content: { "application/atom+xml": { schema: { type: "string" } } } } },
        },
      },
      "/api/v1/public/entries.csv": {
        get: {
          summary: "The latest version of every published entry as CSV (RFC 4180, UTF-8 with BOM; no authentication)",
          description:
            "Columns: slug, url, title, kind, grade, place, latitude, longitude, incident_from, incident_to, version, change, retracted, published_at, evidence_items, independent_origins. Text starting with = + - @ tab or CR is prefixed with an apostrophe. Takes the public list's filters.",
          security: [],
          parameters: queryParameters(ZPublicEntriesQuery).filter((p) => p.name !== "cursor" && p.name !== "limit"),
          responses: { 200: { description: "The CSV, as an attachment", content: { "text/csv": { schema: { type: "string" } } } }, ...errorResponses(400) },
        },
      },
      "/api/v1/public/export.zip": {
        get: {
          summary: "The public dataset: entries with history, evidence manifest, the publishing audit events and a README (no authentication)",
          description:
            "entries.json, evidence-manifest.csv, audit-events.json (the chain head, and every publish/correct/retract event with all hashed fields, so each hash can be recomputed) and README.txt (the recipe).",
          security: [],
          responses: { 200: { description: "The ZIP, as an attachment", content: { "application/zip": { schema: { type: "string", format: "binary" } } } } },
        },
      },
      "/api/v1/health": {
        get: {
          summary: "Liveness, with a database round trip",
          description: "Needs no token; a token sent is checked like any call's (401 when it is not valid).",
          security: [],
          responses: { 200: ok("`{ok: true}`"), ...errorResponses(401) },
        },
      },
    },
  };
}
