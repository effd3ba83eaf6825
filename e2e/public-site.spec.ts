import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { type ApiClaim, claimInReview, publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { addPersonApi, createSourceApi, markNamePublishableApi, recordFigureApi } from "./support/public";

/**
 * The public site (issue 6) as a signed-out reader uses it: an entry with everything a reader
 * needs to judge it, the list's filters, the editor's preview, and no accessibility violations.
 * Its pages are documents without script (issue 22): all of it reads with JavaScript off, and no
 * page loads or runs a script.
 */

/** An entry with a map, a figure, a named person and a correction: every part of an entry's page. */
async function fullEntry(request: APIRequestContext, word: string): Promise<ApiClaim & { publicSlug: string }> {
  const monitor = await createSourceApi(request, { name: `Monitor ${word}`, kind: "organisation", reliability: "B" });
  let claim = await claimInReview(request, { kind: "casualty_count", title: `Toll in the village ${word}`, latitude: 35.18, longitude: 35.95, placePrecision: "locality", placeName: "Baniyas" });
  await markNamePublishableApi(request, claim.id, await addPersonApi(request, claim.id, { role: "victim", names: [`نزار حسن ${word}`, `Nizar Hassan ${word}`], age: 52 }));
  await addPersonApi(request, claim.id, { role: "witness", names: [`Private Witness ${word}`] });
  await recordFigureApi(request, claim.id, { measure: "killed", value: 14, scopePlace: `Village ${word}`, asOf: "2025-03-08", sourceId: monitor.id });
  claim = await transitionApi(request, "editor2", claim, { action: "publish" });
  claim = await transitionApi(request, "editor2", claim, { action: "correct", reason: `Place made more precise (${word}).`, changes: { placeName: "Baniyas city" } });
  claim = await transitionApi(request, "editor", claim, { action: "publish_correction" });
  return claim as ApiClaim & { publicSlug: string };
}

test("a reader opens an entry: grade in words, place, figures, persons, evidence, history and ClaimReview", async ({ page, request }) => {
  const word = uniqueWord("read");
  const slug = (await fullEntry(request, word)).publicSlug;

  await page.goto(`/entries/${slug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(`Toll in the village ${word}`);
  await expect(page.getByTestId("entry-grade")).toHaveText("Probable");
  await expect(page.getByText("At least two independent origins support it.")).toBeVisible();
  await expect(page.getByTestId("entry-map")).toContainText("35.18, 35.95 (locality)");
  await expect(page.getByTestId("entry-figures")).toContainText(`Monitor ${word}`);
  await expect(page.getByTestId("entry-figures").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("entry-persons")).toContainText(`Nizar Hassan ${word}`);
  await expect(page.getByTestId("entry-persons")).not.toContainText("Private Witness");
  await expect(page.getByRole("heading", { name: "Fingerprint of each preserved item" })).toBeVisible();
  await expect(page.getByTestId("entry-hashes").getByRole("listitem").first()).toHaveText(/^[0-9a-f]{64} \(text\)$/);
  await expect(page.getByTestId("entry-history")).toContainText(`Place made more precise (${word}).`);
  await expect(page.getByTestId("entry-history").getByRole("listitem")).toHaveCount(2);

  const review = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(review).toMatchObject({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    claimReviewed: `Toll in the village ${word}`,
    author: { "@type": "Organization", name: "Corroborate" },
    itemReviewed: { "@type": "Claim", spatialCoverage: { name: "Baniyas city" } },
    reviewRating: { "@type": "Rating", ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: "Probable" },
  });
  // The review is of this version's page: the address that shows these bytes for good.
  expect(review.url).toMatch(new RegExp(`/entries/${slug}/v/2$`));
  expect(Date.parse(review.datePublished)).toBeLessThanOrEqual(Date.parse(review.dateModified));
  expect(review.reviewRating.ratingExplanation).toContain("5 confirmed");

  await page.getByRole("link", { name: "How we grade" }).click();
  await expect(page).toHaveURL(/\/methodology#grades$/);
  await expect(page.getByRole("heading", { name: "Our grades" })).toBeVisible();
});

test("the public list filters by words, kind, grade, place and date", async ({ page, request }) => {
  const word = uniqueWord("filt");
  await publishedClaim(request, { kind: "video", title: `Video from Jableh ${word}`, placeName: "Jableh", incidentDateFrom: "2025-03-07" });
  await publishedClaim(request, { kind: "report", title: `Report from Tartus ${word}`, placeName: "Tartus", incidentDateFrom: "2025-03-10" });
  // Read once the list has settled: the form's GET is a navigation, and a read straight after the
  // click can still see the page before it.
  const titles = () => page.getByTestId("public-entry").getByRole("heading").allInnerTexts();
  const expectTitles = (expected: string[]) => expect.poll(async () => (await titles()).sort()).toEqual([...expected].sort());

  await page.goto("/");
  await page.getByLabel("Search").fill(word);
  await page.getByRole("button", { name: "Show entries" }).click();
  await expectTitles([`Report from Tartus ${word}`, `Video from Jableh ${word}`]);
  await page.getByLabel("Kind").selectOption("video");
  await page.getByRole("button", { name: "Show entries" }).click();
  await expectTitles([`Video from Jableh ${word}`]);
  await page.goto(`/?q=${word}&place=tartus`);
  await expectTitles([`Report from Tartus ${word}`]);
  await page.goto(`/?q=${word}&from=2025-03-09`);
  await expectTitles([`Report from Tartus ${word}`]);
  await page.goto(`/?q=${word}&grade=confirmed`);
  await expect(page.getByText("No published entry matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/?from=not-a-date");
  await expect(page.getByTestId("form-error")).toContainText("These filters cannot be used");
  await expect(page.getByLabel("From")).toHaveValue("");

  // The pages are links that keep the filters: past the first entry of this search, the second
  // page shows the other one, and leads back to the first page of the same search.
  const { nextCursor } = (await (await request.get(`/api/v1/public/entries?q=${word}&limit=1`)).json()) as { nextCursor: string };
  await page.goto(`/?q=${word}&cursor=${encodeURIComponent(nextCursor)}`);
  await expect(page.getByTestId("public-entry")).toHaveCount(1);
  await expect(page.getByTestId("pager")).toContainText("End of list");
  await page.getByTestId("pager").getByRole("link", { name: "First page" }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?q=${word}$`));
  await expectTitles([`Report from Tartus ${word}`, `Video from Jableh ${word}`]);
});

test("an editor previews, field by field, exactly what publishing will make public", async ({ as, page, request }) => {
  const word = uniqueWord("prev");
  const claim = await claimInReview(request, { title: `Previewed claim ${word}` });
  await markNamePublishableApi(request, claim.id, await addPersonApi(request, claim.id, { role: "victim", names: [`Public Victim ${word}`] }), "family_consent");
  await addPersonApi(request, claim.id, { role: "witness", names: [`Hidden Witness ${word}`] });
  await addPersonApi(request, claim.id, { role: "victim", names: [`Unapproved Victim ${word}`] });
  const editor = await as("editor");
  await editor.goto(`/claims/${claim.id}`);
  await editor.getByRole("link", { name: "Preview the public entry" }).click();
  await expect(editor.getByTestId("preview-banner")).toContainText("not public yet");
  const fields = editor.getByTestId("snapshot-fields");
  await expect(fields).toContainText(`Previewed claim ${word}`);
  await expect(fields).toContainText(`Public Victim ${word} (victim)`);
  await expect(fields).not.toContainText(`Hidden Witness ${word}`);
  await expect(fields).not.toContainText(`Unapproved Victim ${word}`);
  await expect(editor.getByTestId("stays-private")).toContainText("2 private persons");
  // Who will be named, listed before anything is published; the rest counted.
  await expect(editor.getByTestId("named-person")).toHaveText([`Public Victim ${word} (Victim (killed))`]);
  await expect(editor.getByTestId("named-private-count")).toContainText("2 persons named in the claim stay private");
  // The page itself, rendered by the code that seals it, in a frame that runs nothing.
  const frame = editor.getByTestId("preview-document");
  await expect(frame).toHaveAttribute("sandbox", "");
  const document = editor.frameLocator('[data-testid="preview-document"]');
  await expect(document.getByTestId("entry-title")).toHaveText(`Previewed claim ${word}`);
  await expect(document.getByTestId("entry-persons")).not.toContainText("Hidden Witness");
  // Its one stylesheet applies (the workspace's policy admits it by its hash): the header is laid out.
  await expect(document.locator("header.top .wrap")).toHaveCSS("display", "flex");
  await expect(document.getByTestId("page-seal")).toHaveCount(0);
  const previewPersons = await document.getByTestId("entry-persons").innerText();
  const previewEvidence = await document.getByTestId("entry-evidence").innerText();

  const published = await transitionApi(request, "editor2", claim, { action: "publish" });
  await page.goto(`/entries/${published.publicSlug}`);
  expect(await page.getByTestId("entry-persons").innerText()).toBe(previewPersons);
  expect(await page.getByTestId("entry-evidence").innerText()).toBe(previewEvidence);
});

test("public pages have no accessibility violations (axe, WCAG 2.1 A and AA)", async ({ page, request }) => {
  const retracted = await publishedClaim(request, { title: `Retracted entry ${uniqueWord("a11y")}` });
  await transitionApi(request, "editor2", retracted, { action: "retract", reason: "The footage was shown to be from 2016." });
  await page.goto("/");
  const demo = await page.getByTestId("public-entry").filter({ hasText: "1,383 civilians" }).getByRole("link").getAttribute("href");
  for (const path of [
    "/",
    "/?grade=confirmed&q=nothing-matches",
    "/?from=not-a-date",
    demo!,
    `/ar${demo!}`,
    `${demo!}/v/1`,
    `/entries/${retracted.publicSlug}`,
    "/methodology",
    "/ar/methodology",
    "/ar/no-such-page",
    "/no-such-page",
  ]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
  }
});

test("with JavaScript off, an entry, its figures, its evidence hashes and its history read in both languages, and the list filters", async ({ browser, baseURL, request }) => {
  const word = uniqueWord("nojs");
  const claim = await fullEntry(request, word);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    for (const [prefix, words] of [
      ["", { figures: "Reported figures", hashes: "Fingerprint of each preserved item", history: "Version history", version1: "Version 1", killed: "Killed" }],
      ["/ar", { figures: "الأرقام المُبلَّغ عنها", hashes: "بصمة كل مادة محفوظة", history: "سجل النسخ", version1: "النسخة 1", killed: "قتلى" }],
    ] as const) {
      await page.goto(`${prefix}/entries/${claim.publicSlug}`);
      expect(await page.evaluate(() => document.scripts.length), "the page's only script element is ClaimReview's data").toBe(1);
      await expect(page.getByTestId("entry-title")).toHaveText(`Toll in the village ${word}`);
      await expect(page.getByTestId("entry-title")).toBeVisible();
      await expect(page.getByRole("heading", { name: words.figures })).toBeVisible();
      const figures = page.getByTestId("entry-figures");
      await expect(figures).toContainText(words.killed);
      await expect(figures.getByRole("row")).toHaveCount(2);
      await expect(figures.getByRole("row").nth(1)).toContainText(`Monitor ${word}`);
      await expect(figures.getByRole("row").nth(1)).toBeVisible();
      await expect(page.getByTestId("entry-persons")).toContainText(`Nizar Hassan ${word}`);
      await expect(page.getByRole("heading", { name: words.hashes })).toBeVisible();
      const hashes = page.getByTestId("entry-hashes").getByRole("listitem");
      await expect(hashes).toHaveCount(1);
      await expect(hashes.first()).toBeVisible();
      await expect(hashes.first().locator("bdi")).toHaveText(/^[0-9a-f]{64}$/);
      await expect(page.getByRole("heading", { name: words.history })).toBeVisible();
      const history = page.getByTestId("entry-history").getByRole("listitem");
      await expect(history).toHaveCount(2);
      await expect(history.first()).toContainText(`Place made more precise (${word}).`);
      await expect(page.getByTestId("page-seal")).toBeVisible();
      // The history's links are plain links: version 1 at its own address, as it was.
      await history.nth(1).getByRole("link", { name: words.version1 }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/entries/${claim.publicSlug}/v/1$`));
      await expect(page.getByTestId("entry-map")).toContainText("35.18, 35.95");
      await expect(page.getByTestId("entry-history").getByRole("listitem")).toHaveCount(1);
    }
    // The list's filters are a plain form: sent without a script, answered with the list.
    await page.goto("/");
    await page.getByLabel("Search").fill(word);
    await page.getByRole("button", { name: "Show entries" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${word}`));
    await expect(page.getByTestId("public-entry")).toHaveText([new RegExp(`Toll in the village ${word}`)]);
  } finally {
    await context.close();
  }
});

test("no public page loads or runs a script: the home, the methodology, an entry, a version and the 404, in both languages", async ({ page, request }) => {
  const claim = await publishedClaim(request, { title: `Scriptless ${uniqueWord("nojs")}`, latitude: 35.18, longitude: 35.95, placePrecision: "locality" });
  const paths = ["/", "/?q=nothing", "/methodology", `/entries/${claim.publicSlug}`, `/entries/${claim.publicSlug}/v/1`, "/no-such-page", `/entries/no-such-entry`];
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.route(/^https:\/\/tile\.openstreetmap\.org\//, (route) => route.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
  const arabic = (p: string) => (p === "/" ? "/ar" : p.startsWith("/?") ? `/ar${p.slice(1)}` : `/ar${p}`);
  for (const path of [...paths, ...paths.map(arabic)]) {
    // The bytes as sent: no script element but JSON-LD data, no script to load, nothing to preload.
    const html = await (await request.get(path)).text();
    const elements = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(elements.filter((tag) => tag !== '<script type="application/ld+json">'), path).toEqual([]);
    expect(html, path).not.toMatch(/<link\b[^>]*\b(modulepreload|as="script")/i);
    expect(html, path).not.toMatch(/\son[a-z]+=/i);
    // And in a browser with scripts on: none is fetched, and none is in the document.
    await page.goto(path);
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.type)), path).toEqual(elements.length ? ["application/ld+json"] : []);
  }
  expect(scripts).toEqual([]);
});
