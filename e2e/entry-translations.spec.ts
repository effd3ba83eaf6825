import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { type ApiClaim, bearer, publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * Translations of a published entry (issue 18), through the API as editors and readers use it: a
 * translation drafted with the `correct` transition, published by another editor, read signed out
 * from the public entry, its versions and the CSV; refused into the entry's own language; marked
 * outdated when a later correction changes the original.
 */

type PublicEntry = {
  version: number;
  title: string;
  language: string;
  translations: Record<string, { title: string; summary: string; outdated: boolean }>;
  changes?: { field: string; added?: string[]; removed?: string[] }[];
};

let anonymous: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  anonymous = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await anonymous.dispose();
});

async function publicEntry(path: string): Promise<PublicEntry> {
  const response = await anonymous.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as PublicEntry;
}

/** The schema.org ClaimReview an entry page gives machines. */
async function claimReviewOf(path: string): Promise<{ url: string; claimReviewed: string; inLanguage: string; reviewRating: { alternateName: string; ratingExplanation: string } }> {
  const response = await anonymous.get(path);
  expect(response.status(), path).toBe(200);
  const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(await response.text());
  expect(json, `${path}: a ClaimReview`).not.toBeNull();
  return JSON.parse(json![1]);
}

async function csvRow(slug: string): Promise<Record<string, string>> {
  const response = await anonymous.get("/api/v1/public/entries.csv");
  expect(response.status()).toBe(200);
  const rows = parse((await response.body()).toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
  return rows.find((r) => r.slug === slug)!;
}

test("a translation is drafted, published by another editor as a new version, and read in the public API and the CSV", async ({ request }) => {
  const word = uniqueWord("tr");
  const original = { title: `Killings in a coastal village ${word}`, summary: `Residents were killed (${word}).` };
  const arabic = { title: `عمليات قتل في قرية ساحلية ${word}`, summary: `قُتل سكان القرية (${word}).` };
  const first = await publishedClaim(request, { ...original, language: "en" });
  const slug = first.publicSlug;
  let claim: ApiClaim = first;

  // Drafted by the editor: the public entry is unchanged.
  claim = await transitionApi(request, "editor", claim, { action: "correct", reason: `Arabic for readers on the coast ${word}.`, changes: { translations: { ar: arabic } } });
  expect(await publicEntry(`/api/v1/public/entries/${slug}`)).toMatchObject({ version: 1, translations: {} });
  expect((await csvRow(slug)).title_ar).toBe("");

  // The drafter may not publish it (four eyes); another editor does.
  const refused = await request.post(`/api/v1/claims/${claim.id}/transitions`, { headers: bearer("editor"), data: { action: "publish_correction", version: claim.version } });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { guard: string } }).error.guard).toBe("four_eyes");
  claim = await transitionApi(request, "editor2", claim, { action: "publish_correction" });

  const entry = await publicEntry(`/api/v1/public/entries/${slug}`);
  expect(entry).toMatchObject({ version: 2, title: original.title, language: "en", translations: { ar: { ...arabic, outdated: false } } });
  expect((await publicEntry(`/api/v1/public/entries/${slug}/versions/1`)).translations).toEqual({});
  const v2 = await publicEntry(`/api/v1/public/entries/${slug}/versions/2`);
  expect(v2.translations).toEqual({ ar: { ...arabic, outdated: false } });
  expect(v2.changes).toEqual([{ field: "translations", added: [`ar: ${arabic.title} — ${arabic.summary}`], removed: [] }]);
  // Both languages in the CSV: English from the original, Arabic from the translation.
  expect(await csvRow(slug)).toMatchObject({ title: original.title, title_en: original.title, summary_en: original.summary, title_ar: arabic.title, summary_ar: arabic.summary, version: "2" });
  // The ClaimReview speaks each page's language: the Arabic page quotes the translation.
  expect(await claimReviewOf(`/ar/entries/${slug}`)).toMatchObject({ claimReviewed: arabic.title, inLanguage: "ar", reviewRating: { alternateName: "مرجَّح" } });
  // The review is of the page's own version, at the address that shows these bytes for good.
  expect((await claimReviewOf(`/ar/entries/${slug}`)).url).toMatch(new RegExp(`/ar/entries/${slug}/v/2$`));
  expect((await claimReviewOf(`/ar/entries/${slug}`)).reviewRating.ratingExplanation).toContain("السلّم");
  expect(await claimReviewOf(`/entries/${slug}`)).toMatchObject({ claimReviewed: original.title, inLanguage: "en", reviewRating: { alternateName: "Probable" } });
  // So do its title and description, and the version history says the change in Arabic, each
  // written part isolated (an override typed into a title stops at its end).
  const arabicPage = await (await anonymous.get(`/ar/entries/${slug}`)).text();
  expect(arabicPage).toContain(`<title>${arabic.title}`);
  const v2Page = await (await anonymous.get(`/ar/entries/${slug}/v/2`)).text();
  expect(v2Page).toContain(`ar: \u2068${arabic.title}\u2069 — \u2068${arabic.summary}\u2069`);
  expect(v2Page).toContain("الترجمات");
  // A reader searching in Arabic finds it.
  const found = (await (await anonymous.get(`/api/v1/public/entries?q=${encodeURIComponent(`ساحلية ${word}`)}`)).json()) as { items: { slug: string }[] };
  expect(found.items.map((e) => e.slug)).toEqual([slug]);

  // Not into its own language: 400 naming the field, in the reader's language, nothing drafted.
  for (const [language, words] of [
    ["en", /own language/],
    ["ar", /\p{Script=Arabic}/u],
  ] as const) {
    const own = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
      headers: { ...bearer("editor"), "Accept-Language": language },
      data: { action: "correct", version: claim.version, reason: "English again.", changes: { translations: { en: { title: "Again", summary: "Again." } } } },
    });
    expect(own.status()).toBe(400);
    const body = (await own.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.fieldErrors)).toEqual(["changes.translations.en"]);
    expect(body.error.fieldErrors["changes.translations.en"][0]).toMatch(words);
  }
  const unchanged = await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer("editor") });
  expect(((await unchanged.json()) as { version: number; correction: unknown }).correction).toBeNull();

  // A later correction of the original's title: the translation is kept and said to be outdated.
  const retitled = `Killings in Baniyas ${word}`;
  claim = await transitionApi(request, "editor2", claim, { action: "correct", reason: `The place was Baniyas ${word}.`, changes: { title: retitled } });
  claim = await transitionApi(request, "editor", claim, { action: "publish_correction" });
  expect(await publicEntry(`/api/v1/public/entries/${slug}`)).toMatchObject({ version: 3, title: retitled, translations: { ar: { ...arabic, outdated: true } } });
  expect(await csvRow(slug)).toMatchObject({ title_en: retitled, title_ar: arabic.title });
  // An outdated translation is not given to machines: the Arabic page's review quotes the original.
  expect(await claimReviewOf(`/ar/entries/${slug}`)).toMatchObject({ claimReviewed: retitled, inLanguage: "en" });

  // Removed with null, published by another editor.
  claim = await transitionApi(request, "editor", claim, { action: "correct", reason: `The Arabic was outdated ${word}.`, changes: { translations: { ar: null } } });
  await transitionApi(request, "editor2", claim, { action: "publish_correction" });
  expect(await publicEntry(`/api/v1/public/entries/${slug}`)).toMatchObject({ version: 4, translations: {} });
  expect(await csvRow(slug)).toMatchObject({ title_en: retitled, title_ar: "", summary_ar: "" });
});
