import type { Page } from "@playwright/test";
import { uniqueWord } from "./support/api";
import { bearer, listEvidence } from "./support/evidence-api";
import { expect, test, tokenOf } from "./support/fixtures";
import { cleanMedia, makeVideo, sha256 } from "./support/media";
import { startPageServer } from "./support/page-server";

/** A researcher sends a claim and its evidence (a video, a web page) from the one form (issue 21). */

test.afterAll(() => cleanMedia());

async function fillClaim(page: Page, title: string) {
  await page.goto("/claims/new");
  await page.getByLabel("Kind").selectOption("video");
  await page.getByLabel("Language").selectOption("ar");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("A bystander's video of the shelling, and the monitor's report on it.");
}

async function claimsTitled(title: string, request: Parameters<typeof listEvidence>[0]) {
  const response = await request.get(`/api/v1/claims?q=${encodeURIComponent(title)}`, { headers: bearer(tokenOf("submitter")) });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { id: string; title: string }[] }).items.filter((c) => c.title === title);
}

test("a submitter sends a claim with a video and a page to capture: progress on the form, then the claim with both items", async ({ as, request }) => {
  test.setTimeout(120_000);
  const video = makeVideo("shelling-north-side.mp4", { seconds: 2, size: "320x180" });
  const site = await startPageServer("Monitor report: the market", "Shells fell on the market at noon.");
  try {
    const page = await as("submitter");
    const title = `Shelling of the market ${uniqueWord("submit")}`;
    await fillClaim(page, title);
    // Each chunk held back a moment, so the progress can be seen before the page moves on.
    await page.route("**/api/v1/uploads/**", async (route) => {
      if (route.request().method() === "PATCH") await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.getByTestId("file-input").setInputFiles({ name: "shelling-north-side.mp4", mimeType: "video/mp4", buffer: video });
    const item = page.getByTestId("upload-item").filter({ hasText: "shelling-north-side.mp4" });
    await expect(item).toContainText("Sent with the claim");
    await expect(item.getByRole("progressbar", { name: "Upload of shelling-north-side.mp4" })).toHaveAttribute("value", "0");
    await page.getByLabel("Web pages to capture").fill(`${site.url}\n\n`);
    await page.getByRole("button", { name: "Submit claim" }).click();

    // The claim is made; the form stays, says so, and shows the file going up.
    await expect(page.getByTestId("form-success")).toContainText("Your claim was saved");
    await expect(page.getByTestId("form-success")).toContainText("One page was queued for capture.");
    await expect(page.getByTestId("send-progress")).toHaveText("Files preserved: 0 of 1.");
    await expect(item).toContainText(/\d+% of \d+ KB/);
    await expect(page.getByLabel("Title")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Submit claim" })).toBeHidden();

    // Then the claim's page, with the video and the capture.
    await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}\?submitted=1$/, { timeout: 30_000 });
    const claimId = /\/claims\/([0-9a-f-]{36})/.exec(page.url())![1];
    await expect(page.getByTestId("claim-title")).toHaveText(title);
    const items = page.getByTestId("evidence-item");
    const videoItem = items.filter({ has: page.getByRole("link", { name: "shelling-north-side.mp4", exact: true }) });
    await expect(videoItem).toContainText(`sha256 ${sha256(video)}`);
    const captured = items.filter({ has: page.getByRole("link", { name: site.url, exact: true }) });
    await expect(captured.getByTestId("processing-capture")).toHaveText("capture: done", { timeout: 30_000 });
    expect(site.requests).toContain("/report.html");

    const stored = await listEvidence(request, tokenOf("submitter"), claimId);
    expect(stored.map((e) => ({ intake: e.intake, sha256: e.intake === "capture" ? "" : e.sha256, name: e.originalFilename, url: e.sourceUrl })).sort((a, b) => a.intake.localeCompare(b.intake))).toEqual([
      { intake: "capture", sha256: "", name: null, url: site.url },
      { intake: "resumable", sha256: sha256(video), name: "shelling-north-side.mp4", url: null },
    ]);
    expect(await claimsTitled(title, request)).toHaveLength(1);
  } finally {
    await site.close();
  }
});

test("an invalid address keeps the form, its file and its words, and makes nothing", async ({ as, request }) => {
  const page = await as("submitter");
  const title = `Never made ${uniqueWord("submit")}`;
  await fillClaim(page, title);
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/uploads")) uploads.push(`${r.method()} ${r.url()}`);
  });
  await page.getByTestId("file-input").setInputFiles({ name: "kept.txt", mimeType: "text/plain", buffer: Buffer.from("A witness statement.\n") });
  const urls = page.getByLabel("Web pages to capture");
  await urls.fill("https://example.org/report\nnot an address");
  await page.getByRole("button", { name: "Submit claim" }).click();

  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(urls).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#captureUrls-error")).toContainText("Line 2:");
  await expect(urls).toHaveValue("https://example.org/report\nnot an address");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Kind")).toHaveValue("video");
  await expect(page.getByTestId("upload-item").filter({ hasText: "kept.txt" })).toContainText("Sent with the claim");
  await expect(page).toHaveURL(/\/claims\/new$/);
  expect(uploads).toEqual([]);
  expect(await claimsTitled(title, request)).toEqual([]);
});

test("a file the server refuses says so, is tried again, and only then does the form go on to the claim", async ({ as, request }) => {
  test.setTimeout(90_000);
  const page = await as("submitter");
  const title = `Retried file ${uniqueWord("submit")}`;
  await fillClaim(page, title);
  const text = Buffer.from(`Field notes ${title}.\n`);
  let refused = 0;
  await page.route("**/api/v1/uploads", async (route) => {
    if (route.request().method() !== "POST" || refused > 0) return route.continue();
    refused += 1;
    await route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: { code: "FORBIDDEN", message: "Refused once by the test." } }) });
  });
  await page.getByTestId("file-input").setInputFiles({ name: "field-notes.txt", mimeType: "text/plain", buffer: text });
  await page.getByRole("button", { name: "Submit claim" }).click();

  const item = page.getByTestId("upload-item").filter({ hasText: "field-notes.txt" });
  await expect(item.getByTestId("upload-error")).toHaveText("Refused once by the test.");
  await expect(page.getByTestId("send-failed")).toContainText("One file could not be sent.");
  await expect(page.getByTestId("send-failed").getByRole("link", { name: "Go on to the claim" })).toHaveAttribute("href", /\/claims\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page).toHaveURL(/\/claims\/new$/);
  const [claim] = await claimsTitled(title, request);
  expect(await listEvidence(request, tokenOf("submitter"), claim.id)).toEqual([]);

  await item.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}\\?submitted=1$`), { timeout: 30_000 });
  const stored = await listEvidence(request, tokenOf("submitter"), claim.id);
  expect(stored.map((e) => e.sha256)).toEqual([sha256(text)]);
  expect(refused).toBe(1);
});
