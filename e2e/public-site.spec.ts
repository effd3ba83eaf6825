import AxeBuilder from "@axe-core/playwright";
import { claimInReview, publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { addPersonApi, createSourceApi, markNamePublishableApi, recordFigureApi } from "./support/public";

/**
 * The public site (issue 6) as a signed-out reader uses it: an entry with everything a reader
 * needs to judge it, the list's filters, the editor's preview, and no accessibility violations.
 */

test("a reader opens an entry: grade in words, place, figures, persons, evidence, history and ClaimReview", async ({ page, request }) => {
  const word = uniqueWord("read");
  const monitor = await createSourceApi(request, { name: `Monitor ${word}`, kind: "organisation", reliability: "B" });
  let claim = await claimInReview(request, { kind: "casualty_count", title: `Toll in the village ${word}`, latitude: 35.18, longitude: 35.95, placePrecision: "locality", placeName: "Baniyas" });
  await markNamePublishableApi(request, claim.id, await addPersonApi(request, claim.id, { role: "victim", names: [`نزار حسن ${word}`, `Nizar Hassan ${word}`], age: 52 }));
  await addPersonApi(request, claim.id, { role: "witness", names: [`Private Witness ${word}`] });
  await recordFigureApi(request, claim.id, { measure: "killed", value: 14, scopePlace: `Village ${word}`, asOf: "2025-03-08", sourceId: monitor.id });
  claim = await transitionApi(request, "editor2", claim, { action: "publish" });
  claim = await transitionApi(request, "editor2", claim, { action: "correct", reason: `Place made more precise (${word}).`, changes: { placeName: "Baniyas city" } });
  claim = await transitionApi(request, "editor", claim, { action: "publish_correction" });
  const slug = claim.publicSlug!;

  await page.goto(`/entries/${slug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(`Toll in the village ${word}`);
  await expect(page.getByTestId("entry-grade")).toHaveText("Probable");
  await expect(page.getByText("At least two independent origins support it.")).toBeVisible();
  await expect(page.getByTestId("entry-map")).toContainText("35.18, 35.95 (locality)");
  await expect(page.getByTestId("entry-figures")).toContainText(`Monitor ${word}`);
  await expect(page.getByTestId("entry-figures").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("entry-persons")).toContainText(`Nizar Hassan ${word}`);
  await expect(page.getByTestId("entry-persons")).not.toContainText("Private Witness");
  await page.getByText("SHA-256 of each preserved item").click();
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
  expect(review.url).toMatch(new RegExp(`/entries/${slug}$`));
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
  await expect(editor.getByTestId("entry-title")).toHaveText(`Previewed claim ${word}`);
  const previewPersons = await editor.getByTestId("entry-persons").innerText();

  const published = await transitionApi(request, "editor2", claim, { action: "publish" });
  await page.goto(`/entries/${published.publicSlug}`);
  expect(await page.getByTestId("entry-persons").innerText()).toBe(previewPersons);
});

test("public pages have no accessibility violations (axe, WCAG 2.1 A and AA)", async ({ page, request }) => {
  const retracted = await publishedClaim(request, { title: `Retracted entry ${uniqueWord("a11y")}` });
  await transitionApi(request, "editor2", retracted, { action: "retract", reason: "The footage was shown to be from 2016." });
  await page.goto("/");
  const demo = await page.getByTestId("public-entry").filter({ hasText: "1,383 civilians" }).getByRole("link").getAttribute("href");
  for (const path of ["/", "/?grade=confirmed&q=nothing-matches", demo!, `/entries/${retracted.publicSlug}`, "/methodology"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
  }
});
