import type { APIRequestContext, Page } from "@playwright/test";
import { bearer, listEvidence, openClaim } from "./support/evidence-api";
import { expect, test, tokenOf } from "./support/fixtures";
import { cleanMedia, makeImage, makeVideo, sha256 } from "./support/media";
import { startPageServer } from "./support/page-server";

/** Evidence as a reviewer works with it in the browser. */

const SANUBIR = "Video said to show a mass grave in Sanubir";

async function sanubirClaimId(request: APIRequestContext): Promise<string> {
  const response = await request.get(`/api/v1/claims?q=${encodeURIComponent("mass grave in Sanubir")}`, { headers: bearer(tokenOf("reviewer")) });
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; title: string; state: string }[] };
  const claim = items.find((c) => c.title.startsWith(SANUBIR));
  expect(claim, JSON.stringify(items)).toBeTruthy();
  expect(claim!.state).toBe("corroboration");
  return claim!.id;
}

function evidenceItem(page: Page, name: string) {
  return page.getByTestId("evidence-item").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test.afterAll(() => cleanMedia());

test("a reviewer uploads files to a claim, inspects one, marks it graphic, and the blur follows the setting", async ({ as, request }) => {
  test.setTimeout(120_000);
  const claimId = await sanubirClaimId(request);
  const video = makeVideo("sanubir-clip.mp4", { seconds: 3, size: "480x270" });
  const image = await makeImage(777);
  const page = await as("reviewer");
  await page.goto(`/claims/${claimId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SANUBIR);
  await expect(page.getByRole("heading", { name: "Evidence" })).toBeVisible();

  await page.getByTestId("file-input").setInputFiles([
    { name: "sanubir-clip.mp4", mimeType: "video/mp4", buffer: video },
    { name: "grave-site.jpg", mimeType: "image/jpeg", buffer: image },
  ]);
  const uploads = page.getByTestId("upload-item");
  await expect(uploads).toHaveCount(2);
  for (const name of ["sanubir-clip.mp4", "grave-site.jpg"]) {
    const item = uploads.filter({ hasText: name });
    await expect(item.getByRole("progressbar", { name: `Upload of ${name}` })).toBeVisible();
    await expect(item).toContainText("Preserved", { timeout: 30_000 });
    await expect(item.getByRole("progressbar")).toHaveAttribute("value", "100");
  }
  await expect(page.getByTestId("upload-error")).toHaveCount(0);

  // The list shows both, with their hashes, and refreshes itself until processing is done.
  const videoItem = evidenceItem(page, "sanubir-clip.mp4");
  const imageItem = evidenceItem(page, "grave-site.jpg");
  await expect(videoItem).toContainText(`sha256 ${sha256(video)}`, { timeout: 15_000 });
  await expect(imageItem).toContainText(`sha256 ${sha256(image)}`);
  await expect(videoItem).toContainText("video/mp4");
  await expect(imageItem).toContainText("image/jpeg");
  for (const step of ["metadata", "thumbnail", "keyframes"]) {
    await expect(videoItem.getByTestId(`processing-${step}`)).toHaveText(`${step}: done`, { timeout: 60_000 });
  }
  for (const step of ["metadata", "thumbnail", "phash"]) {
    await expect(imageItem.getByTestId(`processing-${step}`)).toHaveText(`${step}: done`, { timeout: 60_000 });
  }
  await expect(page.getByText("Processing… this page updates by itself.")).toHaveCount(0);
  await expect(imageItem.getByTestId("media-revealed")).toBeVisible(); // not graphic yet: shown
  const items = await listEvidence(request, tokenOf("reviewer"), claimId);
  const imageEvidence = items.find((e) => e.sha256 === sha256(image));
  expect(imageEvidence?.intake).toBe("resumable");
  expect(items.find((e) => e.sha256 === sha256(video))?.originalFilename).toBe("sanubir-clip.mp4");

  // The image's own page: integrity, metadata and custody trail.
  await imageItem.getByRole("link", { name: "grave-site.jpg" }).click();
  await expect(page).toHaveURL(new RegExp(`/evidence/${imageEvidence!.id}$`));
  await expect(page.getByTestId("evidence-title")).toHaveText("grave-site.jpg");
  await expect(page.getByTestId("evidence-sha256")).toHaveText(sha256(image));
  await expect(page.getByText("Media type (from the bytes)").locator("..")).toContainText("image/jpeg");
  await expect(page.getByText(`(${image.length} bytes)`)).toBeVisible();
  const metadata = page.locator("section").filter({ has: page.getByRole("heading", { name: "Metadata" }) });
  await expect(metadata).toContainText("width");
  await expect(metadata).toContainText("640");
  await expect(metadata.getByTestId("metadata-note")).toContainText("stripped");
  const trail = page.getByTestId("audit-timeline");
  await expect(trail).toContainText("Added by resumable upload");
  await expect(trail).toContainText("thumbnail");
  await expect(page.getByTestId("download-original")).toHaveAttribute("href", `/api/v1/evidence/${imageEvidence!.id}/content`);

  // Marked graphic: blurred on the claim page until "Show".
  const form = page.getByTestId("sensitivity-form");
  await form.getByLabel("Graphic (violence, bodies, injuries)").check();
  await form.getByRole("button", { name: "Save sensitivity review" }).click();
  await expect(page.getByText("Sensitivity review saved.")).toBeVisible();
  await expect(page.getByText(/Reviewed by Rami \(reviewer\)/)).toBeVisible();
  await expect(page.getByTestId("media-blurred")).toBeVisible(); // its own thumbnail too

  await page.goto(`/claims/${claimId}`);
  await expect(imageItem).toContainText("graphic");
  await expect(imageItem.getByTestId("media-blurred")).toBeVisible();
  await expect(imageItem.getByTestId("media-revealed")).toHaveCount(0);
  await expect(videoItem.getByTestId("media-revealed")).toBeVisible(); // not marked: not blurred
  await imageItem.getByRole("button", { name: /Show/ }).click();
  await expect(imageItem.getByTestId("media-revealed")).toBeVisible();
  await expect(imageItem.getByTestId("media-blurred")).toHaveCount(0);
  await page.reload();
  await expect(imageItem.getByTestId("media-blurred")).toBeVisible(); // a click reveals once, not for good

  // The printable custody report.
  await page.goto(`/evidence/${imageEvidence!.id}/custody`);
  await expect(page.getByRole("heading", { name: "Chain of custody" })).toBeVisible();
  await expect(page.getByTestId("custody-sha256")).toHaveText(sha256(image));
  await expect(page.getByTestId("custody-events")).toContainText("evidence.added");
  await expect(page.getByTestId("custody-events")).toContainText("evidence.sensitivity_marked");

  // The reviewer's own setting: graphic media shown without blur.
  const reveal = page.getByLabel("Show graphic media without blur");
  try {
    await page.goto("/settings");
    await expect(reveal).not.toBeChecked();
    await reveal.check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect(reveal).toBeChecked();
    await page.goto(`/claims/${claimId}`);
    await expect(imageItem.getByTestId("media-revealed")).toBeVisible();
    await expect(imageItem.getByTestId("media-blurred")).toHaveCount(0);
    // Only for this reviewer: an editor still sees it blurred.
    const editor = await as("editor");
    await editor.goto(`/claims/${claimId}`);
    await expect(evidenceItem(editor, "grave-site.jpg").getByTestId("media-blurred")).toBeVisible();
  } finally {
    // Leave the shared demo reviewer as found.
    await page.goto("/settings");
    if (await reveal.isChecked()) {
      await reveal.uncheck();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText("Settings saved.")).toBeVisible();
    }
  }
});

test("a drop of many files goes up three at a time, the rest shown waiting, and every one is preserved", async ({ as, request }) => {
  test.setTimeout(120_000);
  const claimId = await sanubirClaimId(request);
  const files = await Promise.all(Array.from({ length: 8 }, (_, i) => makeImage(9100 + i)));
  const page = await as("reviewer");
  await page.goto(`/claims/${claimId}`);
  // Requests to the upload door in flight at once: the server takes 4 bodies a person at most.
  let inFlight = 0;
  let most = 0;
  const settle = (url: string) => {
    if (url.includes("/api/v1/uploads")) inFlight -= 1;
  };
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/uploads")) most = Math.max(most, ++inFlight);
  });
  // Settled when its answer's headers arrive: the page's next upload may start before the
  // answer's body is read (Playwright's "requestfinished"), which would count one too many.
  page.on("response", (r) => settle(r.url()));
  page.on("requestfailed", (r) => settle(r.url()));

  await page.getByTestId("file-input").setInputFiles(files.map((buffer, i) => ({ name: `batch-${i}.jpg`, mimeType: "image/jpeg", buffer })));
  const uploads = page.getByTestId("upload-item");
  await expect(uploads).toHaveCount(8);
  for (let i = 0; i < 8; i++) await expect(uploads.filter({ hasText: `batch-${i}.jpg` })).toContainText("Preserved", { timeout: 30_000 });
  await expect(page.getByTestId("upload-error")).toHaveCount(0);
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(3);
  const stored = new Set((await listEvidence(request, tokenOf("reviewer"), claimId)).map((e) => e.sha256));
  for (const buffer of files) expect(stored.has(sha256(buffer))).toBe(true);
});

test("the capture form queues a page capture that the claim page then shows preserved", async ({ as, request }) => {
  const claimId = await sanubirClaimId(request);
  const site = await startPageServer("Coastal monitor update", "Names of the victims as reported.");
  try {
    const page = await as("reviewer");
    await page.goto(`/claims/${claimId}`);
    const form = page.getByTestId("capture-form");
    await form.getByLabel("Or capture a web page").fill(site.url);
    await form.getByRole("button", { name: "Capture" }).click();
    await expect(form).toContainText("Capture queued");
    await expect(form.getByLabel("Or capture a web page")).toHaveValue("");

    const captured = evidenceItem(page, site.url);
    await expect(captured).toBeVisible();
    await expect(captured.getByTestId("processing-capture")).toHaveText("capture: done", { timeout: 30_000 });
    await expect(captured).toContainText("application/warc");
    await expect(captured).toContainText(/sha256 [0-9a-f]{64}/);
    expect(site.requests).toContain("/report.html");

    await captured.getByRole("link", { name: site.url }).click();
    await expect(page.getByTestId("evidence-sha256")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByText("Captured from")).toBeVisible();
    await expect(page.getByTestId("audit-timeline")).toContainText("Page captured and preserved (WARC)");
    await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Metadata" }) })).toContainText("Coastal monitor update");
  } finally {
    await site.close();
  }
});

test("a failed capture says why, is retried, and a withdrawn item says so and leaves the counts (issue 17)", async ({ as, request }) => {
  test.setTimeout(120_000);
  const claimId = await openClaim(request, tokenOf("reviewer"), `E2E capture lifecycle ${Date.now()}`);
  const site = await startPageServer("Lifecycle page", "A page that first refuses.", { refusing: true });
  try {
    const page = await as("reviewer");
    await page.goto(`/claims/${claimId}`);
    const form = page.getByTestId("capture-form");
    await form.getByLabel("Or capture a web page").fill(site.url);
    await form.getByRole("button", { name: "Capture" }).click();
    await expect(form).toContainText("Capture queued");

    // Failed: the reason, plainly, and no "Capturing…" beside it.
    const item = evidenceItem(page, site.url);
    const status = item.getByTestId("evidence-status");
    await expect(status).toHaveText(/^Capture failed: The address leads into a private network, so it was not fetched\./, { timeout: 30_000 });
    await expect(item).not.toContainText("Capturing");
    await expect(item.getByTestId("processing-capture")).toHaveCount(0);
    await expect(item.getByTestId("sensitivity-pending")).toHaveCount(0);
    await expect(page.getByTestId("evidence-count")).toHaveText("0 items · 1 capture failed");

    // Retried once the page answers: held, with its hash.
    site.mend();
    await item.getByRole("button", { name: "Retry capture" }).click();
    await expect(page.getByTestId("form-success").filter({ hasText: "Capture queued again." })).toBeVisible();
    await expect(item.getByTestId("processing-capture")).toHaveText("capture: done", { timeout: 30_000 });
    await expect(item).toContainText(/sha256 [0-9a-f]{64}/);
    await expect(item.getByTestId("evidence-status")).toHaveCount(0);
    await expect(page.getByTestId("evidence-count")).toHaveText("1 item");

    // Withdrawn: asks why and to confirm; the reason it was sent with stays after a refusal.
    const withdraw = item.getByTestId("withdraw-evidence");
    await withdraw.getByText("Withdraw…").click();
    const reason = withdraw.getByLabel("Why is it withdrawn?");
    await reason.fill("Captured for the wrong claim.");
    await withdraw.getByRole("button", { name: "Withdraw this item" }).click();
    // Not confirmed: the browser holds the form back.
    await expect(item).toHaveAttribute("data-status", "held");
    await withdraw.getByRole("checkbox").check();
    await withdraw.getByRole("button", { name: "Withdraw this item" }).click();
    await expect(page.getByTestId("form-success").filter({ hasText: "Item withdrawn: it no longer counts towards the claim." })).toBeVisible();
    await expect(item).toHaveAttribute("data-status", "withdrawn");
    await expect(item.getByTestId("evidence-status")).toHaveText("Withdrawn: Captured for the wrong claim. · does not count towards the claim");
    await expect(page.getByTestId("evidence-count")).toHaveText("0 items · 1 withdrawn");
    await expect(item.getByTestId("withdraw-evidence")).toHaveCount(0);

    const timeline = page.getByTestId("audit-timeline");
    await expect(timeline).toContainText("Capture failed: The address leads into a private network");
    await expect(timeline).toContainText("Capture retried");
    await expect(timeline).toContainText("Withdrawn: Captured for the wrong claim.");

    // The item's page says the same, with who withdrew it; the bytes stay readable by staff.
    await item.getByRole("link", { name: site.url }).click();
    await expect(page.getByTestId("evidence-status")).toContainText("Withdrawn: Captured for the wrong claim.");
    await expect(page.getByTestId("withdrawn-by")).toContainText("Withdrawn by");
    await expect(page.getByTestId("download-original")).toBeVisible();
    const origins = await request.get(`/api/v1/claims/${claimId}/origins`, { headers: bearer(tokenOf("reviewer")) });
    expect(((await origins.json()) as { items: number }).items).toBe(0);
  } finally {
    await site.close();
  }
});
