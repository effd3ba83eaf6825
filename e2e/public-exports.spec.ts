import { createHash } from "node:crypto";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import canonicalize from "canonicalize";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { parseAtom } from "@/lib/test/xml";
import { auditVerify, bearer, publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * The machine-readable public outputs — Atom feed, entries CSV, dataset ZIP — read as an outsider
 * reads them: no token, no cookie. The stage is set through the API as the editors would.
 */

type AuditFile = {
  head: { seq: number; hash: string; events: number };
  events: (Record<string, unknown> & { seq: number; hash: string; prevHash: string; withheld?: true; entry: { slug: string; version: number } | null })[];
};

let anonymous: APIRequestContext;
const word = uniqueWord("export");
const titles = {
  published: `مقتل مدنيين في <المختارية> & "الرميلة" ${word}`,
  corrected: `=HYPERLINK("https://evil.example/") ${word}`,
  retracted: `Video shows shelling of Jableh ${word}`,
};
/** The corrected (English) entry's Arabic translation, published with its correction. */
const translation = { title: `@مقتل مدنيين في بانياس ${word}`, summary: `أحصى المرصد القتلى في بانياس (${word}).` };
const notes = { correction: `The count was revised & the place <fixed> ${word}.`, retraction: `Footage from 2016, Aleppo ${word}.` };
const slugs = { published: "", corrected: "", retracted: "" };

test.beforeAll(async ({ request, baseURL }) => {
  anonymous = await playwrightRequest.newContext({ baseURL });
  slugs.published = (await publishedClaim(request, { title: titles.published, language: "ar" })).publicSlug;
  const toCorrect = await publishedClaim(request, { title: titles.corrected });
  slugs.corrected = toCorrect.publicSlug;
  const drafted = await transitionApi(request, "editor", toCorrect, { action: "correct", reason: notes.correction, changes: { placeName: "Baniyas", translations: { ar: translation } } });
  await transitionApi(request, "editor2", drafted, { action: "publish_correction" });
  const toRetract = await publishedClaim(request, { title: titles.retracted });
  slugs.retracted = toRetract.publicSlug;
  await transitionApi(request, "editor", toRetract, { action: "retract", reason: notes.retraction });
});

test.afterAll(async () => {
  await anonymous.dispose();
});

test("the Atom feed lists the publication, the correction and the retraction with their notes", async ({ baseURL }) => {
  const response = await anonymous.get("/api/v1/public/feed.atom");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const { feed, entries } = parseAtom(await response.text());
  expect(feed.title).toMatchObject({ "#text": "Corroborate — verified entries" });
  const ours = entries.filter((e) => e.title.includes(word));
  expect(ours.map((e) => e.title)).toEqual([
    `Retracted: ${titles.retracted}`,
    titles.retracted,
    `Correction: ${titles.corrected}`,
    titles.corrected,
    titles.published,
  ]);
  expect(ours[0].summary).toContain(`Retraction note: ${notes.retraction}`);
  expect(ours[2].summary).toContain(`Correction note: ${notes.correction}`);
  expect(ours[4].link[0]["@_href"]).toBe(`${baseURL}/entries/${slugs.published}`);
  expect(ours[4].category.map((c) => c["@_term"])).toContain("probable");
  expect(feed.updated).toBe(entries[0].updated);
});

test("the CSV has one row per entry with its latest version, spreadsheet-safe", async ({ baseURL }) => {
  const response = await anonymous.get("/api/v1/public/entries.csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="corroborate-entries.csv"');
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(body.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0]).slice(0, 4)).toEqual(["slug", "url", "title", "kind"]);
  // The columns it had, in their order, then each interface language's title and summary.
  expect(Object.keys(rows[0]).slice(-6)).toEqual(["evidence_items", "independent_origins", "title_ar", "summary_ar", "title_en", "summary_en"]);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  // Written in Arabic, untranslated: its Arabic columns are the original's, the English ones empty.
  expect(bySlug.get(slugs.published)).toMatchObject({ title: titles.published, url: `${baseURL}/entries/${slugs.published}`, version: "1", retracted: "false", title_ar: titles.published, title_en: "", summary_en: "" });
  // Written in English, with the Arabic translation its correction published (guarded against formulas too).
  expect(bySlug.get(slugs.corrected)).toMatchObject({ title: `'${titles.corrected}`, version: "2", change: "correction", place: "Baniyas", title_en: `'${titles.corrected}`, title_ar: `'${translation.title}`, summary_ar: translation.summary });
  expect(bySlug.get(slugs.retracted)).toMatchObject({ version: "2", change: "retraction", retracted: "true" });
});

test("the dataset ZIP holds its files (no time-stamps without a TSA), and an audit hash recomputes by the README's recipe", async ({ request }) => {
  const response = await anonymous.get("/api/v1/public/export.zip");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.zip"$/);
  const files = unzipSync(new Uint8Array(await response.body()));
  expect(Object.keys(files).sort()).toEqual(["README.txt", "audit-events.json", "entries.json", "evidence-manifest.csv", "incident-victims.csv", "incidents.csv", "pages.csv", "verify.mjs"]);
  const text = (name: string) => new TextDecoder().decode(files[name]);

  const entries = JSON.parse(text("entries.json")) as { slug: string; translations: object; history: { change: string; changeNote: string | null }[] }[];
  // Both languages: the corrected entry carries its Arabic translation.
  expect(entries.find((e) => e.slug === slugs.corrected)?.translations).toEqual({ ar: { ...translation, outdated: false } });
  expect(entries.find((e) => e.slug === slugs.published)?.translations).toEqual({});
  expect(entries.find((e) => e.slug === slugs.retracted)?.history.map((h) => [h.change, h.changeNote])).toEqual([
    ["publication", null],
    ["retraction", notes.retraction],
  ]);
  expect(text("evidence-manifest.csv").startsWith("slug,version,sha256,kind,size,commitment\r\n")).toBe(true);

  const audit = JSON.parse(text("audit-events.json")) as AuditFile;
  const published = audit.events.find((e) => e.entry?.slug === slugs.published && e.entry.version === 1);
  expect(published, "the publication's audit event").toBeTruthy();
  expect(published!.withheld).toBeUndefined();
  const { seq, occurredAt, actorId, type, entityType, entityId, data, prevHash } = published!;
  const body = canonicalize({ seq, occurredAt, actorId, type, entityType, entityId, data, prevHash })!;
  expect(createHash("sha256").update(`${prevHash as string}${body}`, "utf8").digest("hex")).toBe(published!.hash);
  expect(text("README.txt")).toContain(audit.head.hash);

  // The head is the chain's own: the admin reads event #head.seq from the full log and finds the same hash.
  expect((await auditVerify(request)).ok).toBe(true);
  const cursor = Buffer.from(JSON.stringify(audit.head.seq - 1)).toString("base64url");
  const log = await request.get(`/api/v1/audit?order=asc&limit=1&cursor=${cursor}`, { headers: bearer("admin") });
  expect(log.status()).toBe(200);
  const [headEvent] = ((await log.json()) as { items: { seq: number; hash: string }[] }).items;
  expect(headEvent).toMatchObject({ seq: audit.head.seq, hash: audit.head.hash });
});
