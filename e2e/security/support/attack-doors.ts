import { methodOf, operation, type OPERATIONS, type OperationId, pathOf } from "@/lib/api/operations";
import type { Person } from "../../support/fixtures";
import type { Answer, AttackServer } from "./attack-harness";
import { makeVideo, makeWav } from "../../support/media";
import { addPerson, call, claimBody, type ClaimDto, getClaim, type Json, submitClaim, transition, unique, uploadFile, uploadText, type World } from "./attack-world";

/**
 * Every API door that takes a JSON body, with a valid body to start from. The attacks then change
 * one field at a time (the fields come from the OpenAPI document, which is generated from the zod
 * schemas) or the whole body. `attacks-json.spec.ts` checks this list against the operation table
 * and the OpenAPI document, so a new door cannot be left out.
 */

export type Attempt = {
  url: string;
  body: Json;
  /** After an accepted attempt: put the world back (a claim sent to review is sent back). */
  after?: (answer: Answer) => Promise<void>;
  /** Who sends this attempt, when not the door's usual person (a correction is an editor's). */
  as?: Person;
};

export type JsonDoor = {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path. */
  path: string;
  /** When one path takes two bodies (PATCH evidence: sensitivity or provenance), which `oneOf`. */
  variant?: number;
  label?: string;
  as: Person;
  /** A valid body (and URL) for an attempt on `field` (null: the body as a whole). */
  prepare: (server: AttackServer, world: World, field: string | null) => Promise<Attempt>;
  /**
   * When `prepare` gives different bodies for different fields, which body a field belongs to
   * (fields of one body are attacked together, and one prepared body serves the refused attempts
   * on all of them). Without it, `prepare` gives the same body whatever the field.
   */
  bodyFor?: (field: string) => string;
  /** The accepted status. */
  ok: number;
  /** Whether an accepted body is echoed in the answer (so a stored value can be compared). */
  echo: boolean;
  /** Whether an accepted attempt writes (appends to the audit log). */
  writes: boolean;
  /** The body limit of the door (the operation table's, or readJson's default). */
  maxBytes: number;
  /**
   * Fields whose free text is not stored as given: an id looked up, a list parsed into rows, a
   * label the client names its own items by (echoed, never stored), a secret (a password: taken
   * as sent or refused, never echoed), a structured string such as an e-mail address (`pattern`).
   */
  kinds?: Record<string, "id" | "list" | "label" | "secret" | "pattern">;
  /** Fields an accepted answer does not carry back (read elsewhere, e.g. on the page). */
  noEcho?: string[];
  /** A preview answers 200 and lists the problems of the text instead of refusing it. */
  reportsProblems?: boolean;
  /** The door also takes multipart (a file): a multipart body is read, not refused as a type. */
  takesMultipart?: boolean;
};

/** readJson's limit (lib/api/respond.ts), for a door whose table entry sets none. */
export const DEFAULT_MAX = 256 * 1024;

/** The operations of the table that read a JSON body. */
type JsonBodyOperation = { [Id in OperationId]: (typeof OPERATIONS)[Id] extends { body: object } ? Id : never }[OperationId];

/** What the attacks need of a door that the table does not say. */
type DoorCase = Omit<JsonDoor, "method" | "path" | "maxBytes">;

export function doorId(door: JsonDoor): string {
  return `${door.method} ${door.path}${door.label ? ` (${door.label})` : ""}`;
}

const claimVersion = async (server: AttackServer, id: string, person: Person = "reviewer") => (await getClaim(server, id, person)).version;

async function freshTriage(server: AttackServer): Promise<ClaimDto> {
  return submitClaim(server);
}

/**
 * A recording (which takes time-coded notes) and a video (which frames are saved from) on the open
 * claim, made once a server on the first attempt that needs them: the other doors' worlds go without.
 */
const timedItems = new WeakMap<World, { recording?: Promise<string>; video?: Promise<string> }>();
function recordingOf(server: AttackServer, world: World): Promise<string> {
  const items = timedItems.get(world) ?? {};
  timedItems.set(world, items);
  items.recording ??= uploadFile(server, "reviewer", world.open.id, { name: `${unique("recording")}.wav`, mimeType: "audio/wav", buffer: makeWav(3) }).then((item) => item.id);
  return items.recording;
}
/** An item of the open claim that disclosure packets are asked for, made on the first attempt that needs it. */
const disclosedItems = new WeakMap<World, Promise<string>>();
function disclosedItemOf(server: AttackServer, world: World): Promise<string> {
  const made = disclosedItems.get(world) ?? uploadText(server, "reviewer", world.open.id).then((item) => item.id);
  disclosedItems.set(world, made);
  return made;
}
function videoOf(server: AttackServer, world: World): Promise<string> {
  const items = timedItems.get(world) ?? {};
  timedItems.set(world, items);
  items.video ??= uploadFile(server, "reviewer", world.open.id, { name: `${unique("clip")}.mp4`, mimeType: "video/mp4", buffer: makeVideo(`${unique("attack-clip")}.mp4`, { seconds: 2, size: "320x240" }) }).then((item) => item.id);
  return items.video;
}

async function freshNote(server: AttackServer, world: World): Promise<{ id: string; version: number }> {
  const recording = await recordingOf(server, world);
  return call<{ id: string; version: number }>(server, "reviewer", "POST", `/api/v1/evidence/${recording}/notes`, { startMs: 100, endMs: 900, body: unique("The sign reads") }, 201);
}

type IncidentAnswer = { id: string; version: number; casualties: { id: string; version: number }[] };

/** A new incident of the reviewer's for one attempt (an edit, a link, a victim of its own). */
async function freshIncident(server: AttackServer, extra: Json = {}): Promise<IncidentAnswer> {
  return call<IncidentAnswer>(
    server,
    "reviewer",
    "POST",
    "/api/v1/incidents",
    { title: unique("Attack incident"), language: "en", type: "killing", placeName: "Baniyas", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-08", datePrecision: "day", ...extra },
    201,
  );
}

/** An incident that new incidents are nested under, made on the first attempt that needs it. */
const parentIncidents = new WeakMap<World, Promise<string>>();
function parentIncidentOf(server: AttackServer, world: World): Promise<string> {
  const made = parentIncidents.get(world) ?? freshIncident(server).then((i) => i.id);
  parentIncidents.set(world, made);
  return made;
}

/**
 * Every field of an incident, as a create or an edit sends them: its title in English with an
 * Arabic translation, or (for an attempt on the English translation, which an English title
 * refuses by name) in Arabic with an English one.
 */
const incidentBody = (parentId: string, field: string | null): Json => {
  const arabic = field === "translations.en";
  return {
    title: arabic ? unique("القتل في حي القصور") : unique("Killings in al-Qusour"),
    language: arabic ? "ar" : "en",
    translations: arabic ? { en: unique("Killings in al-Qusour") } : { ar: unique("مجزرة القصور") },
    type: "killing",
    summary: unique("Houses entered one by one."),
    placeName: unique("al-Qusour, Baniyas"),
    placePrecision: "vicinity",
    latitude: 35.18,
    longitude: 35.94,
    startDate: "2025-03-07",
    endDate: "2025-03-08",
    startTime: "14:30",
    datePrecision: "exact",
    parentId,
  };
};
/** The attempts on the English translation go in a body of their own (an Arabic title). */
const incidentBodyFor = (field: string) => (field === "translations.en" ? "arabic title" : "english title");

/** Every field of a victim's record but the person. */
const casualtyBody = (world: World): Json => ({
  dateOfDeath: "2025-03-07",
  placeOfDeath: unique("al-Qusour"),
  cause: "shot",
  status: "civilian",
  age: 34,
  sex: "male",
  sourceIds: [world.sourceA],
  note: unique("Named by his brother."),
});

/**
 * One entry per operation of the table that reads a JSON body (lib/api/operations.ts), under its
 * id: a missing one is a type error, and `attacks-json.spec.ts` checks the list against the table
 * and the OpenAPI document. The body limit is the table's.
 */
const DOOR_CASES: { [Id in JsonBodyOperation]: DoorCase | DoorCase[] } = {
  "POST /api/v1/claims": {
    as: "submitter",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async () => ({ url: "/api/v1/claims", body: claimBody({ placeName: "Sanubir", firstSeenSourceName: "A monitor", firstSeenUrl: "https://example.org/report" }) }),
  },
  // A fresh claim of a kind the body names each time, so there is always one to take.
  "POST /api/v1/claims/take-next": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server) => {
      await submitClaim(server, "submitter", { kind: "statement" });
      return { url: "/api/v1/claims/take-next", body: { state: "triage", kind: "statement" } };
    },
  },
  // Each attempt rejects a fresh claim with the attacked reason. An item's id is looked up (a nil
  // UUID is a claim nobody can see: that item's 404 inside the 200), so it is attacked as an id.
  "POST /api/v1/claims/bulk": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: true,
    kinds: { "items.0.id": "id" },
    prepare: async (server) => {
      const claim = await freshTriage(server);
      return { url: "/api/v1/claims/bulk", body: { action: "reject", items: [{ id: claim.id, version: claim.version }], reason: "Spam, out of scope." } };
    },
  },
  // Each accepted view is deleted again, so the reviewer stays under the number of views one keeps.
  "POST /api/v1/views": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (server) => ({
      url: "/api/v1/views",
      body: { name: unique("A view"), filters: { state: "triage", kind: "report", q: "Sanubir", order: "waiting" }, shared: false },
      after: async (answer) => {
        const view = JSON.parse(answer.text) as { id: string };
        await call(server, "reviewer", "DELETE", `/api/v1/views/${view.id}`, undefined, 204);
      },
    }),
  },
  "PATCH /api/v1/claims/{claimId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => ({
      url: `/api/v1/claims/${world.open.id}`,
      body: {
        kind: "report",
        title: unique("Edited title"),
        summary: unique("An edited summary"),
        language: "en",
        incidentDateFrom: "2025-03-07",
        incidentDateTo: "2025-03-08",
        placeName: "Sanubir",
        latitude: 35.2,
        longitude: 35.9,
        placePrecision: "locality",
        firstSeenSourceName: "A monitor",
        firstSeenUrl: "https://example.org/report",
        version: await claimVersion(server, world.open.id),
      },
    }),
  },
  "POST /api/v1/claims/{claimId}/transitions": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    kinds: { targetId: "id" },
    bodyFor: (field) =>
      field === "rationale" || field === "grade"
        ? "send_to_review"
        : field.startsWith("changes.translations.")
          ? "translate"
          : field.startsWith("changes")
            ? "correct"
            : field === "targetId"
              ? "duplicate"
              : "reject",
    prepare: async (server, world, field) => {
      if (field === "rationale" || field === "grade") {
        // Sent to review with the attacked rationale, then sent back by an editor for the next attempt.
        const version = await claimVersion(server, world.cycling.id);
        return {
          url: `/api/v1/claims/${world.cycling.id}/transitions`,
          body: { action: "send_to_review", grade: "probable", rationale: "Two independent origins.", version },
          after: async (answer) => {
            const claim = JSON.parse(answer.text) as ClaimDto;
            await transition(server, "editor", claim, { action: "send_back", reason: "Once more." });
          },
        };
      }
      if (field?.startsWith("changes.translations.")) {
        // A translation is given whole (title and summary), so the attacked field replaces one of them.
        const version = await claimVersion(server, world.published.id);
        const whole = () => ({ title: unique("Translated title"), summary: unique("Translated summary") });
        return {
          url: `/api/v1/claims/${world.published.id}/transitions`,
          body: { action: "correct", reason: "A translation.", changes: { translations: { ar: whole(), en: whole() } }, version },
          as: "editor",
        };
      }
      if (field?.startsWith("changes")) {
        // A correction keeps the claim published: one claim takes every attempt.
        const version = await claimVersion(server, world.published.id);
        return {
          url: `/api/v1/claims/${world.published.id}/transitions`,
          body: { action: "correct", reason: "A correction note.", changes: { title: unique("Corrected title") }, version },
          as: "editor",
        };
      }
      if (field === "targetId") {
        const claim = await freshTriage(server);
        return { url: `/api/v1/claims/${claim.id}/transitions`, body: { action: "duplicate", targetId: world.hidden.id, version: claim.version } };
      }
      const claim = await freshTriage(server);
      return { url: `/api/v1/claims/${claim.id}/transitions`, body: { action: "reject", reason: "Out of scope.", version: claim.version } };
    },
  },
  "PUT /api/v1/claims/{claimId}/grade": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => ({
      url: `/api/v1/claims/${world.open.id}/grade`,
      body: { grade: "probable", rationale: unique("Rationale"), version: await claimVersion(server, world.open.id) },
    }),
  },
  "PUT /api/v1/claims/{claimId}/assignee": {
    as: "editor",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      // Alternate between assigning the reviewer and nobody, so every accepted attempt changes something;
      // releasing the reviewer's claim is a takeover, said so (takeOver: true) so it is accepted.
      const claim = await call<{ version: number; assignee: { id: string } | null }>(server, "editor", "GET", `/api/v1/claims/${world.open.id}`);
      const users = await call<{ submitter: { id: string } }>(server, "editor", "GET", `/api/v1/claims/${world.hidden.id}`);
      return { url: `/api/v1/claims/${world.open.id}/assignee`, body: { assigneeId: claim.assignee ? null : users.submitter.id, version: claim.version, takeOver: true } };
    },
  },
  "POST /api/v1/claims/{claimId}/evidence": {
    label: "page capture",
    as: "reviewer",
    takesMultipart: true,
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (_server, world) => ({ url: `/api/v1/claims/${world.open.id}/evidence`, body: { url: `https://example.org/${unique("page")}` } }),
  },
  "PATCH /api/v1/evidence/{evidenceId}": [
    {
      variant: 0,
      label: "sensitivity",
      as: "reviewer",
      ok: 200,
      echo: false,
      writes: true,
      prepare: async (server, world) => {
        const item = await call<{ version: number; isGraphic: boolean }>(server, "reviewer", "GET", `/api/v1/evidence/${world.evidenceId}`);
        return { url: `/api/v1/evidence/${world.evidenceId}`, body: { isGraphic: !item.isGraphic, hasPersonalData: false, version: item.version } };
      },
    },
    {
      variant: 1,
      label: "provenance",
      as: "reviewer",
      ok: 200,
      echo: false,
      writes: true,
      prepare: async (server, world) => {
        const item = await call<{ version: number; isFirstHand: boolean }>(server, "reviewer", "GET", `/api/v1/evidence/${world.evidenceId}`);
        return {
          url: `/api/v1/evidence/${world.evidenceId}`,
          body: { publishedBySourceId: world.sourceA, obtainedViaSourceId: world.sourceB, isFirstHand: !item.isFirstHand, version: item.version },
        };
      },
    },
  ],
  // Retrying is for a failed capture; the world's item is an upload, so a valid body is refused (422) after
  // every check of the body: the attacks reach the one field, and nothing is written.
  "POST /api/v1/evidence/{evidenceId}/retry": {
    as: "reviewer",
    ok: 422,
    echo: false,
    writes: false,
    prepare: async (server, world) => {
      const item = await call<{ version: number }>(server, "reviewer", "GET", `/api/v1/evidence/${world.evidenceId}`);
      return { url: `/api/v1/evidence/${world.evidenceId}/retry`, body: { version: item.version } };
    },
  },
  // Each attempt chooses how the public names an item of its own, at the version it was added with.
  "PUT /api/v1/evidence/{evidenceId}/disclosure": {
    as: "editor",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const item = await uploadText(server, "reviewer", world.open.id);
      return { url: `/api/v1/evidence/${item.id}/disclosure`, body: { disclosure: "commitment", reason: unique("The family asked us not to"), version: item.version } };
    },
  },
  // A packet may be asked for again (each one is recorded): one item serves every attempt.
  "POST /api/v1/evidence/{evidenceId}/disclosure-packet": {
    as: "admin",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => ({ url: `/api/v1/evidence/${await disclosedItemOf(server, world)}/disclosure-packet`, body: { reason: unique("Asked for by the investigating judge") } }),
  },
  // A withdrawn item is withdrawn once: each attempt withdraws an item of its own.
  "POST /api/v1/evidence/{evidenceId}/withdraw": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const item = await uploadText(server, "reviewer", world.open.id);
      return { url: `/api/v1/evidence/${item.id}/withdraw`, body: { reason: unique("Attached to the wrong claim"), version: item.version } };
    },
  },
  "POST /api/v1/sources": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (_server, world) => ({
      url: "/api/v1/sources",
      body: {
        name: unique("Outlet"),
        kind: "outlet",
        url: "https://example.org/outlet",
        handles: ["@outlet"],
        reliability: "C",
        reliabilityRationale: "Usually right.",
        affiliatedWithId: world.sourceA,
        protected: false,
      },
    }),
  },
  "PATCH /api/v1/sources/{sourceId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const source = await call<{ version: number }>(server, "reviewer", "GET", `/api/v1/sources/${world.sourceB}`);
      return {
        url: `/api/v1/sources/${world.sourceB}`,
        body: {
          name: unique("Renamed"),
          kind: "outlet",
          url: "https://example.org/renamed",
          handles: ["@renamed"],
          reliability: "B",
          reliabilityRationale: unique("Rated again"),
          affiliatedWithId: world.sourceA,
          protected: false,
          version: source.version,
        },
      };
    },
  },
  "POST /api/v1/sources/{sourceId}/citations": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    prepare: async (server) => {
      // A fresh pair each time, so every accepted attempt records a new citation.
      const [a, b] = [await call<{ id: string }>(server, "reviewer", "POST", "/api/v1/sources", { name: unique("Citing"), kind: "outlet", reliability: "C" }, 201), await call<{ id: string }>(server, "reviewer", "POST", "/api/v1/sources", { name: unique("Cited"), kind: "organisation", reliability: "B" }, 201)];
      return { url: `/api/v1/sources/${a.id}/citations`, body: { citesSourceId: b.id } };
    },
  },
  "POST /api/v1/incidents": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    kinds: { parentId: "id" },
    bodyFor: incidentBodyFor,
    prepare: async (server, world, field) => ({ url: "/api/v1/incidents", body: incidentBody(await parentIncidentOf(server, world), field) }),
  },
  "PATCH /api/v1/incidents/{incidentId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    kinds: { parentId: "id" },
    bodyFor: incidentBodyFor,
    prepare: async (server, world, field) => {
      const incident = await freshIncident(server);
      return { url: `/api/v1/incidents/${incident.id}`, body: { ...incidentBody(await parentIncidentOf(server, world), field), version: incident.version } };
    },
  },
  "POST /api/v1/incidents/{incidentId}/claims": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    kinds: { claimId: "id" },
    prepare: async (server, world) => ({ url: `/api/v1/incidents/${(await freshIncident(server)).id}/claims`, body: { claimId: world.open.id } }),
  },
  "DELETE /api/v1/incidents/{incidentId}/claims": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: true,
    kinds: { claimId: "id" },
    prepare: async (server, world) => {
      const incident = await freshIncident(server);
      await call(server, "reviewer", "POST", `/api/v1/incidents/${incident.id}/claims`, { claimId: world.open.id }, 201);
      return { url: `/api/v1/incidents/${incident.id}/claims`, body: { claimId: world.open.id } };
    },
  },
  "POST /api/v1/incidents/{incidentId}/casualties": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    kinds: { personId: "id" },
    prepare: async (server, world) => ({ url: `/api/v1/incidents/${(await freshIncident(server)).id}/casualties`, body: { personId: world.personId, ...casualtyBody(world) } }),
  },
  "PATCH /api/v1/incidents/{incidentId}/casualties/{recordId}": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      const incident = await freshIncident(server);
      const recorded = await call<IncidentAnswer>(server, "reviewer", "POST", `/api/v1/incidents/${incident.id}/casualties`, { personId: world.personId }, 201);
      const record = recorded.casualties[0];
      return { url: `/api/v1/incidents/${incident.id}/casualties/${record.id}`, body: { ...casualtyBody(world), version: record.version } };
    },
  },
  "POST /api/v1/incidents/{incidentId}/attributions": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    prepare: async (server, world) => ({
      url: `/api/v1/incidents/${await parentIncidentOf(server, world)}/attributions`,
      body: { perpetrator: unique("Armed group"), grade: "probable", rationale: unique("Two videos show the same men."), sourceIds: [world.sourceA] },
    }),
  },
  // Each attempt publishes an incident of its own (made by the reviewer, published by the editor: four eyes).
  "POST /api/v1/incidents/{incidentId}/publish": {
    as: "editor",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      const incident = await freshIncident(server);
      const linked = await call<IncidentAnswer>(server, "reviewer", "POST", `/api/v1/incidents/${incident.id}/claims`, { claimId: world.published.id }, 201);
      return { url: `/api/v1/incidents/${incident.id}/publish`, body: { version: linked.version } };
    },
  },
  "POST /api/v1/claims/{claimId}/figures": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/figures`,
      body: { measure: "killed", value: 12, scopePlace: "Sanubir", scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10", asOf: "2025-03-12", sourceId: world.sourceA, note: "As reported." },
    }),
  },
  "POST /api/v1/claims/{claimId}/comments": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    kinds: { evidenceId: "id" },
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/comments`,
      body: { body: unique("Where was this filmed?"), evidenceId: world.evidenceId },
    }),
  },
  // Each attempt rewrites a comment of its own, at the version it was written with.
  "PATCH /api/v1/comments/{commentId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const comment = await call<{ id: string; version: number }>(server, "reviewer", "POST", `/api/v1/claims/${world.open.id}/comments`, { body: unique("First thoughts") }, 201);
      return { url: `/api/v1/comments/${comment.id}`, body: { body: unique("Second thoughts"), version: comment.version } };
    },
  },
  // A comment is deleted once: each attempt deletes one of its own.
  "DELETE /api/v1/comments/{commentId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const comment = await call<{ id: string; version: number }>(server, "reviewer", "POST", `/api/v1/claims/${world.open.id}/comments`, { body: unique("Posted by mistake") }, 201);
      return { url: `/api/v1/comments/${comment.id}`, body: { reason: unique("Posted on the wrong claim"), version: comment.version } };
    },
  },
  // Notes and frames on the open claim's recording and video, made on the first attempt.
  "POST /api/v1/evidence/{evidenceId}/notes": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (server, world) => ({
      url: `/api/v1/evidence/${await recordingOf(server, world)}/notes`,
      body: { startMs: 1200, endMs: 2500, body: unique("The sign on the wall reads") },
    }),
  },
  // Each attempt rewrites a note of its own, at the version it was written with.
  "PATCH /api/v1/evidence-notes/{noteId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const note = await freshNote(server, world);
      return { url: `/api/v1/evidence-notes/${note.id}`, body: { body: unique("On second look, it reads"), startMs: 200, endMs: 1800, version: note.version } };
    },
  },
  // A note is deleted once: each attempt deletes one of its own.
  "DELETE /api/v1/evidence-notes/{noteId}": {
    as: "reviewer",
    ok: 204,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      const note = await freshNote(server, world);
      return { url: `/api/v1/evidence-notes/${note.id}`, body: { version: note.version } };
    },
  },
  "POST /api/v1/evidence/{evidenceId}/frames": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    prepare: async (server, world) => ({ url: `/api/v1/evidence/${await videoOf(server, world)}/frames`, body: { atMs: 1000 } }),
  },
  "POST /api/v1/claims/{claimId}/assessments": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/assessments`,
      body: { evidenceId: world.evidenceId, stance: "supports", credibility: 2, note: unique("Assessed") },
    }),
  },
  "POST /api/v1/claims/{claimId}/persons": {
    as: "reviewer",
    ok: 201,
    echo: true,
    // The link's answer leaves the internal note out (persons/dto.ts); the person's page shows it.
    noEcho: ["note"],
    writes: true,
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/persons`,
      body: { role: "witness", names: [unique("Witness")], sex: "female", age: 40, incidentDate: "2025-03-07", placeName: "Sanubir", note: "Seen there." },
    }),
  },
  "PATCH /api/v1/claims/{claimId}/persons/{linkId}": {
    as: "editor",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      // Always a name marked publishable on a stated basis: every text field (the note) is taken.
      const list = await call<{ items: { linkId: string; isPublic: boolean; version: number }[] }>(server, "editor", "GET", `/api/v1/claims/${world.open.id}/persons`);
      const link = list.items.find((l) => l.linkId === world.linkId)!;
      return { url: `/api/v1/claims/${world.open.id}/persons/${world.linkId}`, body: { isPublic: true, basis: "other", basisNote: unique("Stated basis "), version: link.version } };
    },
  },
  "POST /api/v1/claims/{claimId}/persons/import/preview": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: false,
    kinds: { text: "list" },
    reportsProblems: true,
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/persons/import/preview`,
      body: { role: "victim", text: `${unique("Listed")} | ${unique("Listed")}` },
    }),
  },
  "POST /api/v1/claims/{claimId}/persons/import": {
    as: "reviewer",
    ok: 201,
    echo: false,
    writes: true,
    kinds: { text: "list" },
    prepare: async (_server, world) => ({
      url: `/api/v1/claims/${world.open.id}/persons/import`,
      body: { role: "victim", text: unique("Imported"), groups: [{ rows: [1], personId: null, rejected: [] }] },
    }),
  },
  "POST /api/v1/persons/match": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: false,
    prepare: async () => ({ url: "/api/v1/persons/match", body: { name: "Mohammad Haidar", limit: 5 } }),
  },
  "POST /api/v1/persons/reconcile": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: false,
    kinds: { "names.0.id": "label" },
    prepare: async () => ({ url: "/api/v1/persons/reconcile", body: { names: [{ id: "r1", name: "Mohammad Haidar" }, { id: "r2", name: "محمد حيدر" }] } }),
  },
  "PATCH /api/v1/persons/{personId}": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server, world) => {
      const person = await call<{ version: number; age: number | null }>(server, "reviewer", "GET", `/api/v1/persons/${world.personId}`);
      return {
        url: `/api/v1/persons/${world.personId}`,
        body: { sex: "male", age: person.age === 30 ? 31 : 30, incidentDate: "2025-03-07", placeName: unique("Place"), note: unique("Note"), version: person.version },
      };
    },
  },
  "POST /api/v1/persons/{personId}/names": {
    as: "reviewer",
    ok: 201,
    echo: true,
    writes: true,
    prepare: async (_server, world) => ({ url: `/api/v1/persons/${world.personId}/names`, body: { name: unique("Another form") } }),
  },
  "POST /api/v1/persons/{personId}/merge": {
    as: "reviewer",
    ok: 200,
    echo: false,
    writes: true,
    prepare: async (server, world) => {
      // Two fresh persons each time: a merge cannot be repeated.
      const a = await addPerson(server, world.open.id);
      const b = await addPerson(server, world.open.id);
      return { url: `/api/v1/persons/${a.person.id}/merge`, body: { intoId: b.person.id, reason: "The same man, two spellings." } };
    },
  },
  "POST /api/v1/notifications/read": {
    as: "reviewer",
    ok: 200,
    echo: false,
    // Marking read is one's own bookkeeping, not the claims' story: nothing is audited.
    writes: false,
    kinds: { "ids.0": "id" },
    prepare: async () => ({ url: "/api/v1/notifications/read", body: { ids: [crypto.randomUUID()] } }),
  },
  "PUT /api/v1/notifications/preferences": {
    as: "reviewer",
    ok: 200,
    echo: true,
    writes: true,
    prepare: async (server) => {
      // Each accepted attempt changes every kind (in the app ↔ at once by e-mail), so each is audited.
      const now = await call<Record<string, string>>(server, "reviewer", "GET", "/api/v1/notifications/preferences");
      const next = now.mentioned === "app" ? "email" : "app";
      return { url: "/api/v1/notifications/preferences", body: { mentioned: next, assigned: next, submitted_changed: next, watched_changed: next, sent_to_review: next, reminder: next } };
    },
  },
  "POST /api/v1/users": {
    as: "admin",
    ok: 201,
    echo: true,
    // The password is never answered, any text of its length is one (`secret`); an address is a structured string.
    noEcho: ["password", "email"],
    kinds: { password: "secret", email: "pattern" },
    writes: true,
    prepare: async () => ({ url: "/api/v1/users", body: { email: `${unique("attack-user")}@attacks.test`.toLowerCase(), name: unique("Created"), role: "submitter", password: "a long enough password" } }),
  },
  "PATCH /api/v1/users/{userId}": {
    as: "admin",
    ok: 200,
    echo: true,
    // The answer says `isActive`.
    noEcho: ["active"],
    writes: true,
    prepare: async (server) => {
      // A fresh person each time, so no attempt changes anyone the other attacks use.
      const user = await call<{ id: string }>(server, "admin", "POST", "/api/v1/users", { email: `${unique("attack-patch")}@attacks.test`.toLowerCase(), name: unique("Before"), role: "submitter", password: "a long enough password" }, 201);
      return { url: `/api/v1/users/${user.id}`, body: { role: "reviewer", active: true, name: unique("Renamed") } };
    },
  },
  "POST /api/v1/invitations": {
    as: "admin",
    ok: 201,
    // The answer names the person and the link's expiry; the link goes by mail.
    echo: false,
    kinds: { email: "pattern" },
    writes: true,
    prepare: async () => ({ url: "/api/v1/invitations", body: { email: `${unique("attack-invite")}@attacks.test`.toLowerCase(), role: "reviewer", name: unique("Invited") } }),
  },
};

export const JSON_DOORS: JsonDoor[] = (Object.keys(DOOR_CASES) as JsonBodyOperation[]).flatMap((id) =>
  [DOOR_CASES[id]].flat().map((c) => ({
    ...c,
    method: methodOf(id) as JsonDoor["method"],
    path: pathOf(id),
    maxBytes: (operation(id).body as { maxBytes?: number }).maxBytes ?? DEFAULT_MAX,
  })),
);
