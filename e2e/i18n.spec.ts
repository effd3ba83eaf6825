import { bearer, claimInReview, publishedClaim, uniqueWord } from "./support/api";
import { ClaimPage } from "./support/pages";
import { expect, PEOPLE, test } from "./support/fixtures";

/**
 * The two languages at the doors (issue 18): the API answers `message` in the request's
 * Accept-Language with the same `code` and English field names; pages are drawn in the chosen
 * language, right to left in Arabic; public pages have one address per language.
 */

test("the API answers an Arabic message with the same code, and field errors in Arabic", async ({ request }) => {
  const refusedIn = async (language: string) => (await request.get("/api/v1/claims", { headers: { "accept-language": language } })).json();
  const [arabic, english] = await Promise.all([refusedIn("ar-SY,ar;q=0.9"), refusedIn("en-GB")]);
  expect(arabic.error.code).toBe("UNAUTHORIZED");
  expect(english.error.code).toBe("UNAUTHORIZED");
  expect(english.error.message).toContain("Send an API token");
  expect(arabic.error.message).toMatch(/\p{Script=Arabic}/u);
  expect(arabic.error.message).toContain("Bearer <token>");

  const bad = await request.post("/api/v1/claims", {
    headers: { ...bearer("submitter"), "accept-language": "ar" },
    data: { kind: "report", title: "", summary: "x", language: "ar" },
  });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.error.code).toBe("BAD_REQUEST");
  expect(body.error.message).toMatch(/\p{Script=Arabic}/u);
  expect(Object.keys(body.error.fieldErrors)).toContain("title");
  expect(body.error.fieldErrors.title.join(" ")).toMatch(/\p{Script=Arabic}/u);
  // A public read's bad query too (a number that is not one).
  const list = (await (await request.get("/api/v1/public/entries?limit=abc", { headers: { "accept-language": "ar" } })).json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
  expect(list.error.code).toBe("BAD_REQUEST");
  expect(list.error.fieldErrors.limit[0]).toMatch(/\p{Script=Arabic}/u);
});

test("a public page has an address per language: Arabic right to left, the default language at today's address", async ({ browser, baseURL, request }) => {
  const arabic = await request.get("/ar/methodology");
  expect(arabic.status()).toBe(200);
  const arabicHtml = await arabic.text();
  expect(arabicHtml).toMatch(/<html lang="ar" dir="rtl">/);
  // Each language's address is named (hreflang), the default language's as x-default.
  expect(arabicHtml).toMatch(/<link rel="alternate" hreflang="en" href="[^"]*\/methodology"/i);
  expect(arabicHtml).toMatch(/<link rel="alternate" hreflang="ar" href="[^"]*\/ar\/methodology"/i);
  expect(arabicHtml).toMatch(/<link rel="alternate" hreflang="x-default" href="[^"]*\/methodology"/i);
  const english = await request.get("/methodology", { headers: { "accept-language": "en" } });
  expect(await english.text()).toMatch(/<html lang="en" dir="ltr">/);
  const prefixed = await request.get("/en/methodology", { maxRedirects: 0 });
  expect(prefixed.status()).toBe(308);
  expect(prefixed.headers().location).toMatch(/\/methodology$/);
  // A browser that asks for Arabic is sent to the Arabic home; the switch's choice then holds.
  const home = await request.get("/", { headers: { "accept-language": "ar" }, maxRedirects: 0 });
  expect(home.status()).toBe(307);
  expect(home.headers().location).toMatch(/\/ar$/);

  // A reader whose browser asks for Arabic arrives at the Arabic home, and moves between the
  // languages by the header's links (plain links, each named in its own language): following one
  // to the default language's address is a choice, not an arrival to send on.
  const reader = await browser.newContext({ baseURL, locale: "ar-SY" });
  try {
    const page = await reader.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/ar$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await page.getByRole("link", { name: "English", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("link", { name: "How we work" }).first().click();
    await expect(page).toHaveURL(/\/methodology$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("link", { name: "العربية", exact: true }).click();
    await expect(page).toHaveURL(/\/ar\/methodology$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    // Arriving again (an address typed, a bookmark) sends the reader to the language they ask for.
    await page.goto("/methodology");
    await expect(page).toHaveURL(/\/ar\/methodology$/);
  } finally {
    await reader.close();
  }
});

test("the sign-in page and the workspace speak the language chosen before signing in", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.locator("input[name=email]").fill(PEOPLE.reviewer.email);
  await page.locator("input[name=password]").fill("corroborate-demo");
  await page.locator("input[name=password]").press("Enter");
  await expect(page).toHaveURL(/\/claims/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("link", { name: "قائمة المراجعة" })).toBeVisible();
});

test("a claim's history says what changed in Arabic words: the state, the kind, the grade and the flags, not their codes", async ({ as, baseURL, request }) => {
  const claim = await claimInReview(request, { title: `تاريخ ${uniqueWord("h")}`, kind: "video", language: "ar" });
  const reviewer = await as("reviewer");
  await reviewer.context().addCookies([{ name: "corroborate-locale", value: "ar", url: baseURL! }]);
  await reviewer.goto(`/claims/${claim.id}`);
  const timeline = reviewer.getByTestId("audit-timeline");
  // The submission: every field from nothing, its kind and state in words.
  const submitted = timeline.locator('li[data-type="claim.submitted"]');
  await submitted.locator("summary").click();
  await expect(submitted.locator("dd").filter({ hasText: "فيديو" })).toHaveCount(1);
  await expect(submitted.locator("dd").filter({ hasText: "الفرز" })).toHaveCount(1);
  await expect(submitted.locator("dd").filter({ hasText: /\bvideo\b|\btriage\b/ })).toHaveCount(0);
  // The sensitivity review: flags as yes and no.
  const marked = timeline.locator('li[data-type="evidence.sensitivity_marked"]').first();
  await marked.locator("summary").click();
  await expect(marked.locator("dd").first()).toContainText("لا");
  await expect(marked.locator("dd").filter({ hasText: /true|false/ })).toHaveCount(0);
});

test("an address with nothing at it says so in every language", async ({ request }) => {
  // An entry's address in a language we do not have too: the site's page, not Next's bare one.
  for (const address of ["/nonsense-address", "/xx/entries/some-entry", "/fr/methodology"]) {
    const missing = await request.get(address);
    expect(missing.status(), address).toBe(404);
    const html = await missing.text();
    expect(html, address).toContain("Not found");
    expect(html, address).toContain("غير موجود");
    expect(html, address).toMatch(/<html lang="en" dir="ltr"/);
  }
});

test("an editor translates a published entry, another publishes it; Arabic readers read it, English keeps the original", async ({ as, page, request }) => {
  const title = `Families cross into Akkar ${uniqueWord("tr")}`;
  const published = await publishedClaim(request, { title, language: "en" });
  const arabicTitle = `عائلات تعبر إلى عكار ${uniqueWord("ar")}`;

  // Before: the Arabic page says there is no translation yet, and shows the original.
  await page.goto(`/ar/entries/${published.publicSlug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(title);
  await expect(page.getByTestId("translation-note")).toContainText("لا توجد له ترجمة");

  const editor = await as("editor");
  const asEditor = new ClaimPage(editor);
  await asEditor.goto(published.id);
  const form = asEditor.form("correct");
  await form.getByLabel("Title in Arabic").fill(arabicTitle);
  await form.getByLabel("Summary in Arabic").fill("ملخص المدخل بالعربية.");
  await asEditor.transition("correct", { reason: "Added the Arabic wording." });
  await expect(editor.getByTestId("correction-fields")).toContainText(arabicTitle);

  const editor2 = await as("editor2");
  const asEditor2 = new ClaimPage(editor2);
  await asEditor2.goto(published.id);
  await asEditor2.transition("publish_correction");

  await page.goto(`/ar/entries/${published.publicSlug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(arabicTitle);
  await expect(page.getByTestId("entry-title")).toHaveAttribute("lang", "ar");
  await expect(page.getByTestId("translation-note")).toContainText("مترجَم عن");
  await expect(page.getByTestId("original-text")).toContainText(title);
  await page.goto(`/entries/${published.publicSlug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(title);
  await expect(page.getByTestId("translation-note")).toHaveCount(0);
});
