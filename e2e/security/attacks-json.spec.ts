import { OPERATION_IDS, operation } from "@/lib/api/operations";
import { expect, test } from "../support/server";
import {
  bigString,
  MALFORMED_JSON,
  MARKUP,
  nestedArrays,
  nestedObjects,
  NON_OBJECT_BODIES,
  SQL,
  type TextPayload,
  UNICODE,
  UNSTORABLE,
  URLS_REFUSED,
  URLS_STORED,
  WRONG_FOR_ARRAY,
  WRONG_FOR_BOOLEAN,
  WRONG_FOR_NUMBER,
  WRONG_FOR_STRING,
} from "./support/attack-corpus";
import { type Attempt, DEFAULT_MAX, doorId, JSON_DOORS, type JsonDoor } from "./support/attack-doors";
import {
  type Answer,
  type AttackServer,
  expectNoServerError,
  expectNothingWritten,
  expectRefusal,
  expectServerSound,
  jsonInner,
  rawRequest,
  settleRefused,
  type Snapshot,
  snapshot,
  startAttackServer,
  withValue,
} from "./support/attack-harness";
import * as check from "../support/check";
import { fetchAnswer, requestsSent } from "../support/http";
import type { Person } from "../support/fixtures";
import { makeWorld, type World } from "./support/attack-world";

/**
 * The attack corpus through every JSON door of the API (issue 8). Each door × payload family is
 * one test; inside it every field the OpenAPI document lists for the door (generated from the
 * zod schemas) gets every payload of the family. The rules, for every attempt:
 *
 * - never a 5xx, never a hang (each request has a deadline);
 * - a refusal is a 4xx in the design's error shape, with a message, naming the field when one
 *   field is at fault, and leaking no stack, SQL or path;
 * - a refused request changes nothing: same audit head, no temp file, no blob;
 * - text that is valid (markup, SQL, exotic Unicode within the limits) is stored as given and
 *   answered back verbatim (attacks-render.spec.ts checks that pages show it as text).
 */

test.describe.configure({ timeout: 180_000 });

type FieldKind = "text" | "texts" | "url" | "uuid" | "uuids" | "id" | "list" | "label" | "secret" | "enum" | "date" | "pattern" | "integer" | "integers" | "number" | "boolean" | "object" | "objects" | "unknown";
type Field = { path: string; kind: FieldKind; required: boolean; nullable: boolean; maxLength?: number; minLength?: number; maxItems?: number; minimum?: number; maximum?: number };
type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
};
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

// ---------------------------------------------------------------------------------------------
// The fields of a door, read from its OpenAPI schema.

function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (schema.anyOf) {
    const variants = schema.anyOf.filter((s) => s.type !== "null");
    return { schema: variants[0] ?? {}, nullable: variants.length < schema.anyOf.length };
  }
  return { schema, nullable: false };
}

function kindOf(schema: JsonSchema): FieldKind {
  if (schema.enum) return "enum";
  switch (schema.type) {
    case "string":
      if (schema.format === "uuid") return "uuid";
      if (schema.format === "uri") return "url";
      if (schema.format === "date" || schema.pattern?.startsWith("^\\d{4}")) return "date";
      if (schema.pattern) return "pattern";
      return "text";
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return "object";
    case "array": {
      const item = kindOf(unwrap(schema.items ?? {}).schema);
      return item === "text" ? "texts" : item === "uuid" ? "uuids" : item === "integer" ? "integers" : item === "object" ? "objects" : "unknown";
    }
    default:
      return "unknown";
  }
}

function fieldsOf(schema: JsonSchema, door: JsonDoor, prefix = ""): Field[] {
  const out: Field[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const { schema: s, nullable } = unwrap(raw);
    const fieldPath = `${prefix}${name}`;
    let kind = kindOf(s);
    const override = door.kinds?.[fieldPath];
    if (override) kind = override;
    const items = s.items ? unwrap(s.items).schema : undefined;
    out.push({
      path: fieldPath,
      kind,
      required: schema.required?.includes(name) ?? false,
      nullable,
      maxLength: s.maxLength ?? items?.maxLength,
      minLength: s.minLength ?? items?.minLength,
      maxItems: s.maxItems,
      minimum: s.minimum ?? items?.minimum,
      maximum: s.maximum ?? items?.maximum,
    });
    if (kind === "object") out.push(...fieldsOf(s, door, `${fieldPath}.`));
    if (kind === "objects" && items) out.push(...fieldsOf(items, door, `${fieldPath}.0.`));
  }
  return out;
}

function schemaOf(openapi: OpenApi, door: JsonDoor): JsonSchema {
  const op = openapi.paths[door.path]?.[door.method.toLowerCase()];
  const schema = op?.requestBody?.content["application/json"]?.schema;
  if (!schema) throw new Error(`${doorId(door)}: no JSON request body in the OpenAPI document`);
  return door.variant !== undefined ? schema.oneOf![door.variant] : schema;
}

/** Where a text payload goes: the field itself, or the first item of a list of texts. */
const textPath = (field: Field) => (field.kind === "texts" ? `${field.path}.0` : field.path);
const isText = (field: Field) => field.kind === "text" || field.kind === "texts" || field.kind === "label";

// ---------------------------------------------------------------------------------------------
// Sending.

/** Values JSON.stringify cannot write (1e400, a literal key like __proto__) go in as raw JSON text. */
const RAW = (json: string) => `\u0001RAW:${json}\u0001`;
function serialize(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0001RAW:((?:[^\\]|\\.)*?)\\u0001"/g, (_, json: string) => JSON.parse(`"${json}"`));
}

function send(server: AttackServer, door: JsonDoor, url: string, body: string | Buffer, headers: Record<string, string> = { "Content-Type": "application/json" }, as: Person = door.as): Promise<Answer> {
  return fetchAnswer(server.http, url, { method: door.method, headers: { ...server.auth(as), ...headers }, body });
}

type Ctx = { server: AttackServer; world: World; openapi: OpenApi };

/**
 * The last valid body prepared, and how many requests this process had sent the server when it
 * was last known to stand: just after it was prepared, or after an attempt since was refused and
 * shown to have written nothing (`nothingWritten`). While that count is the current one, nothing
 * but refused attempts and audit reads reached the server since, so the objects the body aims at
 * (a fresh claim, incident, comment at its version) are as the prepare left them, and the next
 * attempt on a field of the same body (`bodyOf`) takes it rather than making new objects: a third of the
 * spec's requests were prepares and the audit reads they forced. Any other request (an accepted
 * attempt, its `after`, another door's prepare) leaves the count behind, and the next attempt
 * prepares afresh.
 */
let prepared: { door: JsonDoor; body: string | null; attempt: Attempt; sent: number } | undefined;

/**
 * Which body `door.prepare` gives for `field`: one for every field of a door unless it says
 * otherwise (`bodyFor`); the body as a whole (null) apart.
 */
const bodyOf = (door: JsonDoor, field: string | null) => (field === null ? null : (door.bodyFor?.(field) ?? ""));

/** `door.prepare` for `field`, or the same body prepared last (for this field or another) while nothing has been written since. */
async function prepareOnce(ctx: Ctx, door: JsonDoor, field: string | null): Promise<Attempt> {
  const sent = requestsSent(ctx.server.base);
  const body = bodyOf(door, field);
  if (prepared && prepared.door === door && prepared.body === body && prepared.sent === sent) return prepared.attempt;
  // Preparing writes: the refused attempts before it are settled first, so its events are not taken for theirs.
  await settleRefused(ctx.server);
  const attempt = await door.prepare(ctx.server, ctx.world, field);
  prepared = { door, body, attempt, sent: requestsSent(ctx.server.base) };
  return attempt;
}

/**
 * `expectNothingWritten` for an attempt sent at `sentAt`, and then, when the prepared body still
 * stood as the attempt began (`sentBefore` is its count), it stands still: only the refused attempt
 * and audit reads were sent since. (Should the attempt have written after all, the read that
 * settles it fails the test, naming it.)
 */
async function nothingWritten(ctx: Ctx, before: Snapshot, sentBefore: number, sentAt: number, what: string) {
  await expectNothingWritten(ctx.server, before, what, sentAt);
  if (prepared?.sent === sentBefore) prepared.sent = requestsSent(ctx.server.base);
}

/** One attempt that must be refused: a 4xx in the error shape (naming `field` when given), nothing written. */
async function refused(ctx: Ctx, door: JsonDoor, what: string, attempt: { url: string; body: string | Buffer; headers?: Record<string, string>; as?: Person }, expected: { statuses?: number[]; field?: string } = {}) {
  const sentBefore = requestsSent(ctx.server.base);
  const before = await snapshot(ctx.server, { reuse: true });
  const sentAt = Date.now();
  const answer = await send(ctx.server, door, attempt.url, attempt.body, attempt.headers, attempt.as);
  expectRefusal(answer, `${doorId(door)} ${what}`, expected);
  await nothingWritten(ctx, before, sentBefore, sentAt, `${doorId(door)} ${what}`);
  return answer;
}

/**
 * One attempt that must be accepted: `value` in each of `fields` (one body), stored and, where the
 * door echoes, answered back as given, once for every echoed field.
 */
async function stored(ctx: Ctx, door: JsonDoor, what: string, fields: string[], value: string) {
  await settleRefused(ctx.server);
  const attempt = await prepareOnce(ctx, door, fields[0]);
  const before = await snapshot(ctx.server, { reuse: true });
  const body = fields.reduce((b, field) => withValue(b, field, value), attempt.body);
  const answer = await send(ctx.server, door, attempt.url, serialize(body), undefined, attempt.as);
  check.equal(answer.status, door.ok, `${doorId(door)} ${what}: ${answer.text.slice(0, 300)}`);
  const echoed = door.echo ? fields.filter((field) => !door.noEcho?.includes(field)).length : 0;
  const verbatim = jsonInner(value.trim());
  if (echoed && verbatim) {
    check.atLeast(answer.text.split(verbatim).length - 1, echoed, `${doorId(door)} ${what}: stored and answered verbatim, once per field`);
  }
  if (door.writes) check.above((await snapshot(ctx.server)).events, before.events, `${doorId(door)} ${what}: recorded in the audit log`);
  await attempt.after?.(answer);
}

/** Accepted or refused, but never a 5xx; refused means nothing written. */
async function either(ctx: Ctx, door: JsonDoor, what: string, attempt: { url: string; body: string; after?: (a: Answer) => Promise<void>; as?: Person }, field?: string) {
  // It may be accepted, and write.
  await settleRefused(ctx.server);
  const sentBefore = requestsSent(ctx.server.base);
  const before = await snapshot(ctx.server, { reuse: true });
  const sentAt = Date.now();
  const answer = await send(ctx.server, door, attempt.url, attempt.body, undefined, attempt.as);
  expectNoServerError(answer, `${doorId(door)} ${what}`);
  if (answer.status >= 400) {
    expectRefusal(answer, `${doorId(door)} ${what}`, { field });
    await nothingWritten(ctx, before, sentBefore, sentAt, `${doorId(door)} ${what}`);
  } else await attempt.after?.(answer);
  return answer;
}

/** A payload in a text field: refused naming it, or for a list door's text, reported as a problem of the list. */
async function refusedValue(ctx: Ctx, door: JsonDoor, field: Field, what: string, value: unknown, statuses = [400]) {
  const attempt = await prepareOnce(ctx, door, field.path);
  const body = serialize(withValue(attempt.body, field.kind === "texts" || field.kind === "uuids" ? `${field.path}.0` : field.path, value));
  if (door.reportsProblems && field.kind === "list") {
    const answer = await either(ctx, door, what, { url: attempt.url, as: attempt.as, body }, field.path);
    if (answer.status === 200) check.above((JSON.parse(answer.text) as { errors: unknown[] }).errors.length, 0, `${doorId(door)} ${what}: the preview lists the problem`);
    return;
  }
  await refused(ctx, door, what, { url: attempt.url, as: attempt.as, body }, { statuses, field: field.kind === "id" ? undefined : field.path });
}

// ---------------------------------------------------------------------------------------------

let ctx: Ctx;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  const server = await startAttackServer(playwright);
  const world = await makeWorld(server);
  const openapi = (await (await server.api.get("/api/v1/openapi.json")).json()) as OpenApi;
  ctx = { server, world, openapi };
});

test.afterAll(async () => {
  await ctx?.server.close();
});

test.afterEach(async () => {
  await expectServerSound(ctx.server);
});

test.describe("attack corpus: the doors", () => {
  test("every operation that reads a JSON body is attacked, and every JSON body in the OpenAPI document", async () => {
    // The API serves the operation table, whose kit hands a handler its JSON body only where the
    // table says the operation reads one (lib/api/route-handlers.ts).
    const fromTable = new Set(OPERATION_IDS.filter((id) => operation(id).body));
    const attacked = new Set(JSON_DOORS.map((d) => `${d.method} ${d.path}`));
    expect([...fromTable].sort(), "operations reading JSON (lib/api/operations.ts) vs the attacked doors").toEqual([...attacked].sort());

    const fromOpenApi = new Set<string>();
    for (const [p, ops] of Object.entries(ctx.openapi.paths)) {
      for (const [method, op] of Object.entries(ops)) if (op.requestBody?.content["application/json"]) fromOpenApi.add(`${method.toUpperCase()} ${p}`);
    }
    expect([...fromOpenApi].sort(), "JSON bodies in the OpenAPI document vs the attacked doors").toEqual([...attacked].sort());

    // Every field of every door has a known kind, so each family reaches it.
    for (const door of JSON_DOORS) {
      const fields = fieldsOf(schemaOf(ctx.openapi, door), door);
      expect(fields.length, doorId(door)).toBeGreaterThan(0);
      for (const field of fields) expect(field.kind, `${doorId(door)} ${field.path}`).not.toBe("unknown");
    }
  });
});

for (const door of JSON_DOORS) {
  const id = doorId(door);
  const fields = () => fieldsOf(schemaOf(ctx.openapi, door), door);

  test.describe(`attack corpus: ${id}`, () => {
    for (const [family, payloads] of [
      ["script and markup", MARKUP],
      ["SQL metacharacters", SQL],
      ["Unicode edge cases", UNICODE],
    ] as [string, TextPayload[]][]) {
      test(`${family}: stored as text, never interpreted`, async () => {
        let tried = 0;
        // Each payload goes into every text field of a body at once (one request, not one a
        // field); a refusal names the field, and the echo must carry it back once per field.
        const bodies = new Map<string, Field[]>();
        for (const field of fields().filter(isText)) {
          const key = door.bodyFor?.(field.path) ?? "";
          bodies.set(key, [...(bodies.get(key) ?? []), field]);
        }
        for (const group of bodies.values()) {
          for (const p of payloads) {
            const taking = group.filter((field) => !(field.maxLength && p.value.trim().length > field.maxLength));
            if (!taking.length) continue;
            await stored(ctx, door, `${taking.map((f) => f.path).join(", ")} ← ${family}: ${p.id}`, taking.map(textPath), p.value);
            tried += taking.length;
          }
        }
        for (const field of fields()) {
          if (isText(field)) continue;
          if (field.kind === "list" || field.kind === "secret") {
            // A pasted list (or a password: any text, taken as sent or refused, never echoed): each line a person, forms split at | and /. Never a 5xx; stored or listed as a problem.
            for (const p of payloads) {
              const attempt = await prepareOnce(ctx, door, field.path);
              await either(ctx, door, `${field.path} ← ${family}: ${p.id}`, { url: attempt.url, as: attempt.as, body: serialize(withValue(attempt.body, field.path, p.value)) }, field.path);
              tried++;
            }
          } else if (field.kind === "id") {
            // Free text where an id belongs: looked up, not found, refused.
            for (const p of payloads) {
              if (field.maxLength && p.value.length > field.maxLength) continue;
              await refusedValue(ctx, door, field, `${field.path} ← ${family}: ${p.id}`, p.value, [400, 404, 422]);
              tried++;
            }
          } else if (field.kind === "url" && family === "script and markup") {
            for (const p of URLS_STORED) {
              await stored(ctx, door, `${field.path} ← URL: ${p.id}`, [field.path], p.value);
              tried++;
            }
            for (const p of URLS_REFUSED) {
              await refusedValue(ctx, door, field, `${field.path} ← URL: ${p.id}`, p.value);
              tried++;
            }
          } else if (["enum", "uuid", "date", "pattern", "url"].includes(field.kind)) {
            // Structured strings: the payload is not one of their values.
            for (const p of payloads.slice(0, 3)) {
              await refusedValue(ctx, door, field, `${field.path} ← ${family}: ${p.id}`, p.value);
              tried++;
            }
          }
        }
        test.info().annotations.push({ type: "attempts", description: String(tried) });
      });
    }

    test("unstorable text (NUL, lone surrogates, control characters): 400 naming the field", async () => {
      let tried = 0;
      for (const field of fields()) {
        if (!isText(field) && !["url", "id", "list", "secret", "enum", "uuid", "date", "pattern"].includes(field.kind)) continue;
        for (const p of UNSTORABLE) {
          if (field.kind === "label" || field.kind === "secret") {
            // The client's own name for an item, echoed and never stored: taken as sent or refused.
            const attempt = await prepareOnce(ctx, door, field.path);
            await either(ctx, door, `${field.path} ← ${p.id}`, { url: attempt.url, as: attempt.as, body: serialize(withValue(attempt.body, field.path, p.value)) }, field.path);
          } else await refusedValue(ctx, door, field, `${field.path} ← ${p.id}`, p.value, field.kind === "id" ? [400, 404, 422] : [400]);
          tried++;
        }
      }
      test.info().annotations.push({ type: "attempts", description: String(tried) });
    });

    test("oversized values: 100 KB strings, one character over, too many items: 400 naming the field", async () => {
      let tried = 0;
      for (const field of fields()) {
        const kind = field.kind;
        if ((isText(field) || kind === "url" || kind === "id" || kind === "secret") && field.maxLength) {
          await refusedValue(ctx, door, field, `${field.path} ← 100 KB`, bigString(100 * 1024));
          await refusedValue(ctx, door, field, `${field.path} ← ${field.maxLength + 1} characters`, "x".repeat(field.maxLength + 1));
          tried += 2;
          if (isText(field)) {
            // The limit itself is accepted (Arabic, two bytes a letter: the limit counts characters).
            await stored(ctx, door, `${field.path} ← exactly ${field.maxLength} characters`, [textPath(field)], "ش".repeat(field.maxLength));
            tried++;
          }
        }
        if (kind === "list") {
          // The list's own limit is megabytes: 100 KB is a long list, never a 5xx.
          const attempt = await prepareOnce(ctx, door, field.path);
          await either(ctx, door, `${field.path} ← 100 KB`, { url: attempt.url, as: attempt.as, body: serialize(withValue(attempt.body, field.path, bigString(100 * 1024))) }, field.path);
          tried++;
        }
        if (["enum", "uuid", "date", "pattern"].includes(kind)) {
          await refusedValue(ctx, door, field, `${field.path} ← 100 KB`, bigString(100 * 1024));
          tried++;
        }
        if (field.maxItems && ["texts", "uuids", "integers", "objects"].includes(kind)) {
          const attempt = await prepareOnce(ctx, door, field.path);
          const current = (attempt.body[field.path.split(".")[0]] as unknown[] | undefined) ?? [];
          const item = kind === "texts" ? "A name" : kind === "uuids" ? ctx.world.personId : kind === "integers" ? 1 : current[0] ?? {};
          const many = Array.from({ length: field.maxItems + 1 }, (_, i) => (kind === "texts" ? `${item} ${i}` : item));
          await refused(ctx, door, `${field.path} ← ${field.maxItems + 1} items`, { url: attempt.url, as: attempt.as, body: serialize(withValue(attempt.body, field.path, many)) }, { statuses: [400], field: field.path });
          tried++;
        }
      }
      test.info().annotations.push({ type: "attempts", description: String(tried) });
    });

    test("JSON type confusion: wrong types per field, null, non-object bodies, overflowing numbers: 400", async () => {
      let tried = 0;
      for (const field of fields()) {
        const wrong =
          field.kind === "boolean"
            ? WRONG_FOR_BOOLEAN
            : ["integer", "number"].includes(field.kind)
              ? [
                  ...WRONG_FOR_NUMBER.filter((w) => !(w.id === "negative" && (field.minimum ?? 0) < 0) && !(w.id === "fraction" && field.kind === "number") && !(w.id === "beyond 2^53" && field.kind === "number" && field.maximum === undefined)),
                  { id: "1e400 (Infinity)", value: RAW("1e400") },
                  ...(field.maximum !== undefined ? [{ id: "one over the maximum", value: field.maximum + 1 }] : []),
                  ...(field.minimum !== undefined && field.minimum > 0 ? [{ id: "below the minimum", value: field.minimum - 1 }] : []),
                ]
              : ["texts", "uuids", "integers", "objects"].includes(field.kind)
                ? WRONG_FOR_ARRAY.filter((w) => !(w.id === "array of numbers" && field.kind === "integers"))
                : field.kind === "object"
                  ? [{ id: "string", value: "x" }, { id: "array", value: [{}] }, { id: "number", value: 1 }]
                  : [
                      ...WRONG_FOR_STRING,
                      ...(field.kind === "enum" ? [{ id: "wrong case", value: "VIDEO" }, { id: "padded", value: " x " }] : []),
                      ...(field.kind === "date" ? [{ id: "30 February", value: "2025-02-30" }, { id: "year 0", value: "0000-01-01" }, { id: "five-digit year", value: "20250-01-01" }, { id: "datetime", value: "2025-03-06T00:00:00Z" }] : []),
                      ...(field.kind === "uuid" ? [{ id: "nil UUID", value: "00000000-0000-0000-0000-000000000000" }, { id: "SQL", value: "' or 1=1 --" }] : []),
                    ];
        for (const w of wrong) {
          // A nil UUID is a well-formed id of nothing: refused as not found or as a bad field.
          const statuses = w.id === "nil UUID" ? [400, 404, 422] : [400];
          const attempt = await prepareOnce(ctx, door, field.path);
          const target = ["texts", "uuids", "integers"].includes(field.kind) && !["string", "object with indices", "number", "array of arrays", "array of numbers"].includes(w.id) ? `${field.path}.0` : field.path;
          const body = serialize(withValue(attempt.body, target, w.value));
          await refused(ctx, door, `${field.path} ← ${w.id}`, { url: attempt.url, as: attempt.as, body }, { statuses, field: w.id === "nil UUID" ? undefined : field.path });
          tried++;
        }
        // null: "not given" for an optional field (accepted or refused), refused for a required one.
        const attempt = await prepareOnce(ctx, door, field.path);
        const body = serialize(withValue(attempt.body, field.path, null));
        if (field.required && !field.nullable) await refused(ctx, door, `${field.path} ← null`, { url: attempt.url, as: attempt.as, body }, { statuses: [400], field: field.path });
        else await either(ctx, door, `${field.path} ← null`, { url: attempt.url, as: attempt.as, body, after: attempt.after }, field.path);
        tried++;
      }
      const attempt = await prepareOnce(ctx, door, null);
      for (const b of NON_OBJECT_BODIES) {
        await refused(ctx, door, `body ← ${b.id}`, { url: attempt.url, as: attempt.as, body: b.raw }, { statuses: [400] });
        tried++;
      }
      test.info().annotations.push({ type: "attempts", description: String(tried) });
    });

    test("prototype keys (__proto__, constructor, prototype): refused or ignored, never obeyed", async () => {
      const schema = schemaOf(ctx.openapi, door);
      const strict = schema.additionalProperties === false;
      const poison = '{"role":"admin","isAdmin":true,"state":"published","protected":true,"isPublic":true,"version":1}';
      let tried = 0;
      for (const key of ["__proto__", "constructor", "prototype"]) {
        const attempt = await prepareOnce(ctx, door, null);
        const body = `${serialize(attempt.body).slice(0, -1)},"${key}":${key === "constructor" ? `{"prototype":${poison}}` : poison}}`;
        if (strict) await refused(ctx, door, `body.${key}`, { url: attempt.url, as: attempt.as, body }, { statuses: [400], field: key });
        else {
          const answer = await either(ctx, door, `body.${key}`, { url: attempt.url, as: attempt.as, body, after: attempt.after });
          if (answer.status < 300) check.noMatch(answer.text, /"state":"published"|"role":"admin"|"isAdmin"/, "the poisoned state is not taken");
        }
        tried++;
      }
      // Nested: inside every object field, and inside the first item of every list of objects.
      for (const field of fields().filter((f) => f.kind === "object" || f.kind === "objects")) {
        const attempt = await prepareOnce(ctx, door, field.path);
        const target = field.kind === "objects" ? `${field.path}.0` : field.path;
        const body = serialize(withValue(attempt.body, target, RAW(`{"__proto__":${poison}}`)));
        await refused(ctx, door, `${target}.__proto__`, { url: attempt.url, as: attempt.as, body }, { statuses: [400], field: field.path });
        tried++;
      }
      // Nothing leaked onto Object.prototype on the server: the submitter is still only a submitter.
      // Through Node's fetch like the attempts: the request context's socket, idle since the spec's
      // world was made, once met the server closing it (ECONNRESET).
      await settleRefused(ctx.server);
      const audit = await fetchAnswer(ctx.server.http, "/api/v1/audit", { headers: ctx.server.auth("submitter") });
      expect(audit.status, "a submitter still may not read the audit log").toBe(403);
      const hidden = await fetchAnswer(ctx.server.http, `/api/v1/claims/${ctx.world.hidden.id}`, { headers: ctx.server.auth("submitter") });
      expect(hidden.status, "a submitter still does not see another's claim").toBe(404);
      test.info().annotations.push({ type: "attempts", description: String(tried) });
    });

    test("deep nesting (10,000 levels) in a field, under an extra key and as the body: 400", async () => {
      const schema = schemaOf(ctx.openapi, door);
      const strict = schema.additionalProperties === false;
      let tried = 0;
      for (const field of fields().filter((f) => !f.path.includes("."))) {
        const attempt = await prepareOnce(ctx, door, field.path);
        const body = serialize(withValue(attempt.body, field.path, RAW(nestedArrays(10_000))));
        await refused(ctx, door, `${field.path} ← 10,000 nested arrays`, { url: attempt.url, as: attempt.as, body }, { statuses: [400], field: field.path });
        tried++;
      }
      const attempt = await prepareOnce(ctx, door, null);
      const extra = `${serialize(attempt.body).slice(0, -1)},"deep":${nestedObjects(10_000)}}`;
      if (strict) await refused(ctx, door, "deep ← 10,000 nested objects", { url: attempt.url, as: attempt.as, body: extra }, { statuses: [400], field: "deep" });
      else await either(ctx, door, "deep ← 10,000 nested objects", { url: attempt.url, as: attempt.as, body: extra, after: attempt.after });
      for (const [what, raw] of [
        ["body ← 10,000 nested arrays", nestedArrays(10_000)],
        ["body ← 10,000 nested objects", nestedObjects(10_000)],
        ["body ← 100,000 nested arrays", nestedArrays(100_000)],
      ]) {
        await refused(ctx, door, what, { url: attempt.url, as: attempt.as, body: raw }, { statuses: [400] });
      }
      tried += 4;
      test.info().annotations.push({ type: "attempts", description: String(tried) });
    });

    test(`huge bodies (over ${door.maxBytes / 1024} KB): 413 with or without Content-Length, before reading it all`, async () => {
      const attempt = await prepareOnce(ctx, door, null);
      const text = fields().find((f) => isText(f) || f.kind === "list");
      const big = serialize(withValue(attempt.body, text ? textPath(text) : "padding", bigString(door.maxBytes + 1024)));
      expect(Buffer.byteLength(big)).toBeGreaterThan(door.maxBytes);
      await refused(ctx, door, "over the limit, with Content-Length", { url: attempt.url, as: attempt.as, body: big }, { statuses: [413] });

      // Chunked: no length declared, the limit is counted as the bytes arrive. The body stops just
      // past the limit and waits (so the server has read all that was sent when it answers and
      // closes: unread bytes would turn the close into a reset that can swallow the answer).
      let before = await snapshot(ctx.server, { reuse: true });
      const bytes = Buffer.from(big).subarray(0, door.maxBytes + 1024);
      const chunks = Array.from({ length: Math.ceil(bytes.length / (64 * 1024)) }, (_, i) => bytes.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
      let sentAt = Date.now();
      let answer = await rawRequest(ctx.server.base, { method: door.method, path: attempt.url, headers: { ...ctx.server.auth(door.as), "Content-Type": "application/json", "Transfer-Encoding": "chunked" }, chunks, endAfter: chunks.length });
      expectRefusal(answer, `${id} chunked over the limit`, { statuses: [413] });
      await expectNothingWritten(ctx.server, before, `${id} chunked over the limit`, sentAt);

      // A declared 100 MB body of which nothing ever arrives: answered at once, without waiting for it.
      before = await snapshot(ctx.server, { reuse: true });
      sentAt = Date.now();
      answer = await rawRequest(ctx.server.base, {
        method: door.method,
        path: attempt.url,
        headers: { ...ctx.server.auth(door.as), "Content-Type": "application/json", "Content-Length": 100 * 1024 * 1024 },
        chunks: [],
        endAfter: 0,
        timeout: 10_000,
      });
      expectRefusal(answer, `${id} declared 100 MB`, { statuses: [413] });
      await expectNothingWritten(ctx.server, before, `${id} declared 100 MB`, sentAt);
      test.info().annotations.push({ type: "attempts", description: "3" });
    });

    test("wrong content types: 415", async () => {
      const attempt = await prepareOnce(ctx, door, null);
      const json = serialize(attempt.body);
      const cases: [string, Record<string, string>, string][] = [
        ["text/plain", { "Content-Type": "text/plain" }, json],
        ["form-urlencoded", { "Content-Type": "application/x-www-form-urlencoded" }, "title=x&summary=y"],
        ["multipart", { "Content-Type": "multipart/form-data; boundary=XyZ" }, '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--XyZ--\r\n'],
        ["XML", { "Content-Type": "application/xml" }, "<claim><title>x</title></claim>"],
        ["JavaScript", { "Content-Type": "application/javascript" }, json],
        ["text/json", { "Content-Type": "text/json" }, json],
      ];
      for (const [what, headers, body] of cases) {
        // The evidence door reads multipart (a file): there a multipart body without a file is a 400 naming it.
        const expected = what === "multipart" && door.takesMultipart ? { statuses: [400], field: "file" } : { statuses: [415] };
        await refused(ctx, door, `Content-Type ${what}`, { url: attempt.url, as: attempt.as, body, headers }, expected);
      }
      // No Content-Type at all.
      const before = await snapshot(ctx.server, { reuse: true });
      const sentAt = Date.now();
      const answer = await rawRequest(ctx.server.base, { method: door.method, path: attempt.url, headers: { ...ctx.server.auth(door.as), "Content-Length": Buffer.byteLength(json) }, chunks: [json] });
      expectRefusal(answer, `${id} no Content-Type`, { statuses: [415] });
      await expectNothingWritten(ctx.server, before, `${id} no Content-Type`, sentAt);
      test.info().annotations.push({ type: "attempts", description: String(cases.length + 1) });
    });

    test("malformed JSON: 400; invalid UTF-8 and duplicate keys never a 5xx", async () => {
      const attempt = await prepareOnce(ctx, door, null);
      for (const m of MALFORMED_JSON) await refused(ctx, door, `body ← ${m.id}`, { url: attempt.url, as: attempt.as, body: m.raw }, { statuses: [400] });
      const text = fields().find(isText);
      if (text) {
        // Bytes that are not UTF-8 inside a string: read as U+FFFD, stored or refused, never a 5xx.
        const fresh = await prepareOnce(ctx, door, text.path);
        const json = serialize(withValue(fresh.body, textPath(text), "\u0002MARK\u0002"));
        const raw = Buffer.concat(json.split('\\u0002MARK\\u0002').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0x62, 0xff, 0xfe, 0xc3, 0x28, 0x61]), Buffer.from(part)])));
        // It may be accepted, and write.
        await settleRefused(ctx.server);
        const sentBefore = requestsSent(ctx.server.base);
        const before = await snapshot(ctx.server, { reuse: true });
        const sentAt = Date.now();
        const answer = await send(ctx.server, door, fresh.url, raw, undefined, fresh.as);
        expectNoServerError(answer, `${id} invalid UTF-8 in ${text.path}`);
        if (answer.status >= 400) await nothingWritten(ctx, before, sentBefore, sentAt, `${id} invalid UTF-8`);
        else await fresh.after?.(answer);
        // The same key twice: the last wins (JSON.parse), as any client library would read it.
        const twice = await prepareOnce(ctx, door, text.path);
        const dup = `${serialize(twice.body).slice(0, -1)},"${text.path.split(".")[0]}":${JSON.stringify(text.kind === "texts" ? ["Twice"] : "Twice")}}`;
        await either(ctx, door, `duplicate key ${text.path}`, { url: twice.url, as: twice.as, body: dup, after: twice.after });
      }
      test.info().annotations.push({ type: "attempts", description: String(MALFORMED_JSON.length + (text ? 2 : 0)) });
    });
  });
}
