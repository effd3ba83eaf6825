import fs from "node:fs";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/connect";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/permissions";
import { assignClaim } from "@/lib/claims/assign-claim";
import { getClaimDetail } from "@/lib/claims/get-claim-detail";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { listClaims } from "@/lib/claims/list-claims";
import { submitClaim } from "@/lib/claims/submit-claim";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { tempDir } from "@/lib/evidence/storage/get-blob-store";
import { getFigureSeries } from "@/lib/figures/figure-series";
import { recordFigure } from "@/lib/figures/record-figure";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { addPersonName } from "@/lib/persons/add-person-name";
import { getPerson } from "@/lib/persons/get-person";
import { commitImport } from "@/lib/persons/import/commit-import";
import { previewImport } from "@/lib/persons/import/preview-import";
import { listPersons } from "@/lib/persons/list-persons";
import { matchPersons } from "@/lib/persons/match-persons";
import { mergePerson } from "@/lib/persons/merge-person";
import { reconcile } from "@/lib/persons/reconcile";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { updatePerson } from "@/lib/persons/update-person";
import { getPublicEntry, listPublicEntries } from "@/lib/publishing/public-entries";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { getSource } from "@/lib/sources/get-source";
import { listSources } from "@/lib/sources/list-sources";
import { updateSource } from "@/lib/sources/update-source";
import { rowCount } from "@/lib/test/counts";
import { openTestDatabase } from "@/lib/test/databases";
import { attachAssessedItem, makeActor, submitSample } from "@/lib/test/fixtures";
import { updatePreferences } from "@/lib/users/preferences";
import { chooseLanguage } from "@/lib/i18n/choose-language";
import { claimInState } from "@/lib/test/states";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import {
  badCursors,
  bigString,
  FILENAMES,
  MARKUP,
  nestedArrays,
  PROTOTYPE_KEYS,
  SQL,
  UNICODE,
  UNSTORABLE,
  URLS_REFUSED,
} from "@/e2e/security/support/attack-corpus";

/**
 * The attack corpus at the lib doors (issue 8), on PGlite: every operation the API routes and the
 * server actions call, given inputs fast-check builds from the corpus and from arbitrary values
 * (lone surrogates, NUL, wrong JSON types, prototype keys, deep nesting). Whatever the input, the
 * call either succeeds or fails with an AppError of a 4xx status — never a database error or a
 * TypeError, which the doors would answer with a 500 — and a failed call writes nothing: no row,
 * no audit event, no temp file. Forms send only strings, so each door is also fuzzed with string
 * values only. The end-to-end specs (e2e/security/attacks*.spec.ts) send the same corpus over HTTP.
 */

const RUNS = Number(process.env.ATTACK_RUNS ?? 60);

const corpusText = [...MARKUP, ...SQL, ...UNICODE, ...UNSTORABLE, ...URLS_REFUSED, ...FILENAMES].map((p) => p.value);

/** Strings from the corpus, arbitrary code units (lone surrogates and NUL included), long ones. */
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...corpusText, "", " ", "\t\n", "x".repeat(301), "ش".repeat(5001)) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(bigString(100 * 1024)) },
  { weight: 1, arbitrary: fc.constantFrom("1", "-1", "0", "1e400", "true", "null", "2025-02-30", "0000-01-01", "00000000-0000-0000-0000-000000000000") },
);

/** Any JSON a client could send in place of a field (deep nesting included). */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyText },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(2 ** 60), fc.constant(-0)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  // Deep enough to break a recursive reader, shallow enough for fast-check to print (HTTP sends 10,000).
  { weight: 1, arbitrary: fc.constant(JSON.parse(nestedArrays(1_000)) as unknown) },
  { weight: 1, arbitrary: fc.array(anyText, { maxLength: 25 }) },
);

const unknownKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, "toString", "hasOwnProperty", "valueOf", "then"), fc.string({ unit: "binary", maxLength: 20 }));

/** A copy of `base` with JSON.parse's semantics (a "__proto__" key is an own property, as a parsed body's is). */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Inputs for a door with this valid `base`: one field replaced, an unknown key added, or anything at all. */
function inputsFor(base: Record<string, unknown>) {
  const fields = Object.keys(base);
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...fields), anyJson).map(([field, value]) => withKey(base, field, value)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...fields), fc.constantFrom(...fields), anyText, anyText).map(([a, b, x, y]) => withKey(withKey(base, a, x), b, y)) },
    { weight: 1, arbitrary: fc.tuple(unknownKey, anyJson).map(([key, value]) => withKey(base, key, value)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** What a form sends: the same fields, every value a string. */
function formInputsFor(base: Record<string, unknown>) {
  const asText = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return fc.tuple(fc.subarray(Object.keys(base)), fc.array(anyText, { minLength: Object.keys(base).length, maxLength: Object.keys(base).length })).map(([fields, values]) => {
    const out = { ...asText };
    fields.forEach((f, i) => (out[f] = values[i]));
    return out;
  });
}

type State = { audit: number; claims: number; persons: number; names: number; links: number; figures: number; temp: string[] };

async function state(db: Db): Promise<State> {
  return {
    audit: await rowCount(db, "audit_events"),
    claims: await rowCount(db, "claims"),
    persons: await rowCount(db, "persons"),
    names: await rowCount(db, "person_names"),
    links: await rowCount(db, "claim_persons"),
    figures: await rowCount(db, "figures"),
    // This process's temp files (`<pid>-….part`): other test files share the folder and run beside this one.
    temp: fs.existsSync(tempDir()) ? fs.readdirSync(tempDir()).filter((name) => name.startsWith(`${process.pid}-`)).sort() : [],
  };
}

/** The property of every door: success, or an AppError with a 4xx status that wrote nothing. */
async function holds(db: Db, call: () => Promise<unknown> | unknown) {
  const before = await state(db);
  try {
    await call();
  } catch (error) {
    if (!isAppError(error)) throw new Error(`not an AppError (a 500 at the door): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.status).toBeLessThan(500);
    expect(await state(db), "a refused call writes nothing").toEqual(before);
    return "refused";
  }
  return "done";
}

describe("the attack corpus at the lib doors (PGlite)", () => {
  let database: Database;
  let db: Db;
  let submitter: Actor;
  let reviewer: Actor;
  let editor: Actor;
  let admin: Actor;
  const world = {} as { open: string; cycling: string; evidence: string; sourceA: string; sourceB: string; person: string; link: string };

  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    db = database.db;
    submitter = await makeActor(db, "submitter");
    reviewer = await makeActor(db, "reviewer");
    editor = await makeActor(db, "editor");
    admin = await makeActor(db, "admin");
    const open = await submitSample(db, submitter);
    await transitionClaim(db, reviewer, open.id, { action: "accept", version: open.version });
    world.open = open.id;
    world.evidence = (await attachAssessedItem(db, reviewer, open.id)).id;
    world.sourceA = (await createSource(db, reviewer, { name: "Monitor A", kind: "organisation", reliability: "B" })).id;
    world.sourceB = (await createSource(db, reviewer, { name: "Outlet B", kind: "outlet", reliability: "C" })).id;
    const link = await addClaimPerson(db, reviewer, open.id, { role: "victim", names: ["Mohammad Haidar"] });
    world.person = link.person.id;
    world.link = link.linkId;
  });
  afterAll(async () => {
    if (database) {
      const chain = await verifyAuditChainUnchecked(database.db);
      expect(chain.ok, "the audit chain verifies after every attack").toBe(true);
      await database.close();
    }
  });

  const version = {
    claim: async (id: string) => (await getClaimDetail(db, reviewer, id)).version,
    evidence: async () => (await getEvidence(db, reviewer, world.evidence)).version,
    source: async () => (await getSource(db, reviewer, world.sourceB)).version,
    person: async () => (await getPerson(db, reviewer, world.person)).version,
  };

  /** The version of a claim just published (`claimInState`), the same for every one: read once. */
  let published: Promise<number> | undefined;
  const publishedVersion = () => (published ??= claimInState(db, { submitter, reviewer, editor }, "published").then((claim) => claim.version));

  type Door = {
    name: string;
    base: () => Promise<Record<string, unknown>>;
    /** What an attempt needs made first (a fresh claim to reject, a person to merge), outside the measured call. */
    fresh?: () => Promise<string>;
    call: (input: Record<string, unknown>, fresh: string) => Promise<unknown> | unknown;
  };
  const doors: Door[] = [
    {
      name: "submitClaim",
      base: async () => ({ kind: "report", title: "A title", summary: "A summary.", language: "en", incidentDateFrom: "2025-03-06", incidentDateTo: "2025-03-07", placeName: "Sanubir", latitude: 35.1, longitude: 36.0, placePrecision: "locality", firstSeenSourceName: "A monitor", firstSeenUrl: "https://example.org/" }),
      call: (input) => submitClaim(db, submitter, input as never),
    },
    {
      name: "transitionClaim (reject)",
      base: async () => ({ action: "reject", reason: "Out of scope.", version: 1, targetId: "", grade: "", rationale: "" }),
      fresh: async () => (await submitSample(db, submitter)).id,
      call: (input, claimId) => transitionClaim(db, reviewer, claimId, input as never),
    },
    {
      name: "gradeClaim",
      base: async () => ({ grade: "probable", rationale: "Two origins.", version: await version.claim(world.open) }),
      call: (input) => gradeClaim(db, reviewer, world.open, input as never),
    },
    {
      name: "assignClaim",
      base: async () => ({ assigneeId: reviewer.id, version: await version.claim(world.open) }),
      call: (input) => assignClaim(db, editor, world.open, input as never),
    },
    { name: "requestPageCapture", base: async () => ({ url: "https://example.org/page" }), call: (input) => requestPageCapture(db, reviewer, world.open, input as never) },
    {
      name: "markSensitivity",
      base: async () => ({ isGraphic: false, hasPersonalData: true, version: await version.evidence() }),
      call: (input) => markSensitivity(db, reviewer, world.evidence, input as never),
    },
    {
      name: "setEvidenceSources",
      base: async () => ({ publishedBySourceId: world.sourceA, obtainedViaSourceId: world.sourceB, isFirstHand: true, version: await version.evidence() }),
      call: (input) => setEvidenceSources(db, reviewer, world.evidence, input as never),
    },
    {
      name: "createSource",
      base: async () => ({ name: "An outlet", kind: "outlet", url: "https://example.org/", handles: ["@outlet"], reliability: "C", reliabilityRationale: "Often right.", affiliatedWithId: world.sourceA, protected: false }),
      call: (input) => createSource(db, reviewer, input as never),
    },
    {
      name: "updateSource",
      base: async () => ({ name: "Outlet B", kind: "outlet", url: "https://example.org/b", handles: ["@b"], reliability: "C", reliabilityRationale: "Rated.", affiliatedWithId: null, protected: false, version: await version.source() }),
      call: (input) => updateSource(db, reviewer, world.sourceB, input as never),
    },
    { name: "addCitation", base: async () => ({ citesSourceId: world.sourceA }), call: (input) => addCitation(db, reviewer, world.sourceB, input as never) },
    {
      name: "recordFigure",
      base: async () => ({ measure: "killed", value: 12, valueMin: undefined, valueMax: undefined, scopePlace: "Sanubir", scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10", asOf: "2025-03-12", sourceId: world.sourceA, note: "As reported." }),
      call: (input) => recordFigure(db, reviewer, world.open, input as never),
    },
    {
      name: "assessEvidence",
      base: async () => ({ evidenceId: world.evidence, stance: "supports", credibility: 2, note: "Seen." }),
      call: (input) => assessEvidence(db, reviewer, world.open, input as never),
    },
    {
      name: "addClaimPerson",
      base: async () => ({ role: "witness", names: ["Ali Hassan"], sex: "male", age: 40, incidentDate: "2025-03-07", placeName: "Sanubir", note: "Seen there." }),
      call: (input) => addClaimPerson(db, reviewer, world.open, input as never),
    },
    {
      name: "setClaimPersonVisibility",
      base: async () => ({ isPublic: false, version: (await getClaimDetail(db, editor, world.open)).persons.find((p: { linkId: string }) => p.linkId === world.link)?.version ?? 1 }),
      call: (input) => setClaimPersonVisibility(db, editor, world.open, world.link, input as never),
    },
    { name: "previewImport", base: async () => ({ role: "victim", text: "name,age\nAli Hassan,40\n" }), call: (input) => previewImport(db, reviewer, world.open, input as never) },
    {
      name: "commitImport",
      base: async () => ({ role: "victim", text: "Omar Khalil | عمر خليل", groups: [{ rows: [1], personId: null, rejected: [] }] }),
      call: (input) => commitImport(db, reviewer, world.open, input as never),
    },
    { name: "matchPersons", base: async () => ({ name: "Mohammad Haidar", limit: 5 }), call: (input) => matchPersons(db, reviewer, input as never) },
    { name: "reconcile", base: async () => ({ names: [{ id: "a", name: "Mohammad Haidar" }, { id: "b", name: "محمد حيدر" }] }), call: (input) => reconcile(reviewer, input as never) },
    {
      name: "updatePerson",
      base: async () => ({ sex: "male", age: 30, incidentDate: "2025-03-07", placeName: "Sanubir", note: "A note.", version: await version.person() }),
      call: (input) => updatePerson(db, reviewer, world.person, input as never),
    },
    { name: "addPersonName", base: async () => ({ name: "Muhammad Haydar" }), call: (input) => addPersonName(db, reviewer, world.person, input as never) },
    {
      name: "mergePerson",
      base: async () => ({ intoId: world.person, reason: "The same man." }),
      fresh: async () => (await addClaimPerson(db, reviewer, world.open, { role: "victim", names: ["Someone Else"] })).person.id,
      call: (input, personId) => mergePerson(db, reviewer, personId, input as never),
    },
    { name: "updatePreferences", base: async () => ({ revealGraphicMedia: true, locale: "ar", digits: "arab" }), call: (input) => updatePreferences(db, reviewer, input as never) },
    {
      // The language switch: whatever it is sent, the way back stays on this site.
      name: "chooseLanguage",
      base: async () => ({ locale: "ar", returnTo: "/claims?state=review" }),
      call: async (input) => {
        const { redirectTo } = await chooseLanguage(db, reviewer, input, "http://localhost:3000");
        if (!/^\/(?![/\\])/.test(redirectTo) || new URL(redirectTo, "http://localhost:3000").origin !== "http://localhost:3000") throw new Error(`left the site: ${redirectTo}`);
      },
    },
    {
      // A published entry's translation, drafted as a correction by an editor. Each attempt is on a
      // claim published afresh, all at one version: read from the first, rather than publishing
      // another claim for its version alone at every attempt (half of this door's time).
      name: "transitionClaim (correct: translations)",
      base: async () => ({ action: "correct", version: await publishedVersion(), reason: "Translated.", changes: { translations: { ar: { title: "عنوان المدخل", summary: "ملخص المدخل." } } } }),
      fresh: async () => {
        const published = await claimInState(db, { submitter, reviewer, editor }, "published");
        expect(published.version, "a claim published afresh is at the version the attempts send").toBe(await publishedVersion());
        return published.id;
      },
      call: (input, claimId) => transitionClaim(db, editor, claimId, input as never),
    },
  ];

  for (const door of doors) {
    it(`${door.name}: JSON inputs from the corpus and arbitrary values are stored or refused with a 4xx, never a 500`, async () => {
      const base = await door.base();
      // The valid base itself is accepted: the attacks start from a door that works.
      expect(await holds(db, async () => door.call(base, (await door.fresh?.()) ?? ""))).toBe("done");
      await fc.assert(
        fc.asyncProperty(inputsFor(base), async (input) => {
          // Versions move with every accepted call: an untouched version is brought up to date.
          const body = input as Record<string, unknown>;
          if (body && typeof body === "object" && Object.hasOwn(body, "version") && body.version === base.version) body.version = (await door.base()).version;
          const fresh = (await door.fresh?.()) ?? "";
          await holds(db, () => door.call(body, fresh));
        }),
        { numRuns: RUNS },
      );
    });

    it(`${door.name}: string-only inputs (what a form sends) are stored or refused with a 4xx, never a 500`, async () => {
      const base = await door.base();
      await fc.assert(
        fc.asyncProperty(formInputsFor(base), async (input) => {
          if (input.version === String(base.version)) input.version = String((await door.base()).version);
          const fresh = (await door.fresh?.()) ?? "";
          await holds(db, () => door.call(input, fresh));
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });
  }

  it("addEvidenceFromStream: any filename and provenance is metadata, stored clean or refused, never a 500 or a temp file left", async () => {
    const filename = fc.oneof(fc.constantFrom(...FILENAMES.map((f) => f.value), `${"🕊".repeat(128)}.txt`, `${"a".repeat(254)}🕊.txt`), fc.string({ unit: "binary", maxLength: 400 }), fc.constant(null));
    const provenance = fc.record({ publishedBySourceId: anyJson, obtainedViaSourceId: anyJson, isFirstHand: anyJson }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(filename, provenance, fc.boolean(), async (name, origin, clean) => {
        const result = await holds(db, async () => {
          const item = await addEvidenceFromStream(db, reviewer, world.open, {
            stream: Readable.from([Buffer.from(`Notes ${Math.random()}\n`)]),
            filename: name,
            intake: "upload",
            provenance: (clean ? {} : origin) as never,
          });
          // Kept as metadata: bounded, no control character, no lone surrogate.
          if (item.originalFilename !== null) {
            expect(item.originalFilename.length).toBeLessThanOrEqual(255);
            expect(item.originalFilename).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
            expect(item.originalFilename.isWellFormed()).toBe(true);
          }
        });
        if (clean) expect(result).toBe("done");
      }),
      { numRuns: RUNS },
    );
  });

  it("queries and cursors: any parameters are answered or refused with a 4xx, never a 500", async () => {
    const cursor = fc.oneof(
      fc.constantFrom(...badCursors().map((c) => c.value)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? "null").toString("base64url")),
      fc.tuple(fc.oneof(anyText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), fc.oneof(fc.uuid(), anyText)).map((t) => Buffer.from(JSON.stringify(t)).toString("base64url")),
      fc.oneof(fc.double(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String)).map((n) => Buffer.from(String(n)).toString("base64url")),
    );
    const query = (keys: string[]) =>
      fc.dictionary(fc.oneof(fc.constantFrom(...keys), unknownKey), fc.oneof(anyText, cursor), { maxKeys: 4 }).map((q) => {
        // A URL's parameters: own properties, "__proto__" included (Object.fromEntries).
        return Object.fromEntries(Object.entries(q));
      });
    const readers: [string, string[], (q: Record<string, string>) => Promise<unknown>][] = [
      ["listClaims", ["state", "kind", "q", "assignee", "mine", "order", "cursor", "limit"], (q) => listClaims(db, reviewer, q as never)],
      ["listSources", ["q", "cursor", "limit"], (q) => listSources(db, reviewer, q as never)],
      ["listAuditEvents", ["actor", "type", "entity", "from", "to", "order", "cursor", "limit"], (q) => listAuditEvents(db, admin, q as never)],
      ["listPersons", ["cursor", "limit"], (q) => listPersons(db, reviewer, q as never)],
      ["getFigureSeries", ["measure", "scope"], (q) => getFigureSeries(db, reviewer, q as never)],
      ["listPublicEntries", ["kind", "grade", "place", "q", "from", "to", "cursor", "limit"], (q) => listPublicEntries(db, q)],
    ];
    for (const [name, keys, read] of readers) {
      await fc.assert(
        fc.asyncProperty(query(keys), async (q) => {
          try {
            await holds(db, () => read(q as Record<string, string>));
          } catch (error) {
            throw new Error(`${name}(${JSON.stringify(q).slice(0, 300)}): ${(error as Error).message}`);
          }
        }),
        { numRuns: RUNS },
      );
    }
  });

  it("ids from the path (any string) are not found, never a 500", async () => {
    const id = fc.oneof(anyText, fc.uuid(), fc.constantFrom("..", "../etc/passwd", "%00", "null", "undefined", world.open.toUpperCase()));
    await fc.assert(
      fc.asyncProperty(id, async (value) => {
        for (const read of [
          () => getClaimDetail(db, reviewer, value),
          () => getEvidence(db, reviewer, value),
          () => getSource(db, reviewer, value),
          () => getPerson(db, reviewer, value),
          () => getPublicEntry(db, value),
          () => listAuditEvents(db, submitter, { entity: `claim:${value}` }),
        ]) {
          await holds(db, read);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a refusal names an unknown field as sent, prototype keys included, as a plain object", async () => {
    for (const key of [...PROTOTYPE_KEYS, "toString", "hasOwnProperty"]) {
      const before = await state(db);
      const error = await submitClaim(db, submitter, withKey({ kind: "report", title: "t", summary: "s", language: "en" }, key, { role: "admin" }) as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, key).toBeInstanceOf(AppError);
      const fieldErrors = (error as AppError).details.fieldErrors!;
      expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(fieldErrors, key), key).toBe(true);
      expect(JSON.parse(JSON.stringify(fieldErrors))[key]).toEqual(["Unknown field."]);
      expect(await state(db)).toEqual(before);
    }
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
