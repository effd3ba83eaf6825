import { bearer, submitClaimApi, uniqueWord } from "./support/api";
import { expect, PEOPLE, signIn, test } from "./support/fixtures";

test("queue screenshots", async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("shot");
  for (const n of [1, 2, 3]) await submitClaimApi(request, { title: `Advert copied from a channel ${n} ${word}`, placeName: "Latakia" });
  await request.post("/api/v1/views", { headers: bearer("reviewer"), data: { name: "Spam sweep", filters: { state: "triage", order: "waiting" } } });
  await request.post("/api/v1/views", { headers: bearer("editor"), data: { name: "Latakia videos", filters: { state: "corroboration", kind: "video" }, shared: true } });
  for (const locale of ["en", "ar"]) {
    const context = await browser.newContext({ baseURL, viewport: { width: 1360, height: 900 } });
    await context.addCookies([{ name: "corroborate-locale", value: locale, url: baseURL! }]);
    await signIn(context.request, PEOPLE.reviewer.email);
    const page = await context.newPage();
    await page.goto("/claims?state=triage&order=waiting");
    await page.screenshot({ path: `/tmp/qshots/${locale}-1-queue.png` });
    await page.goto(`/claims?state=triage&q=${word}`);
    await page.getByTestId("row-select").first().check();
    await page.getByTestId("row-select").nth(1).check();
    await page.keyboard.press("j");
    await page.getByTestId("bulk-action").selectOption("reject");
    await page.screenshot({ path: `/tmp/qshots/${locale}-2-selected.png` });
    await page.getByTestId("save-view").locator("summary").click();
    await page.screenshot({ path: `/tmp/qshots/${locale}-3-save-view.png` });
    await page.getByTestId("save-view").locator("summary").click();
    await page.locator("body").press("?");
    await page.screenshot({ path: `/tmp/qshots/${locale}-4-keys.png` });
    await page.keyboard.press("Escape");
    await page.getByTestId("row-select").first().check();
    await page.getByTestId("bulk-action").selectOption("assign");
    await page.getByTestId("bulk-apply").click();
    await expect(page.getByTestId("bulk-outcome")).toBeVisible();
    await page.screenshot({ path: `/tmp/qshots/${locale}-5-done.png` });
    await context.close();
  }
});
