import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { claimInReview, publishedClaim, uniqueWord } from "./support/api";
import { acceptedClaimApi } from "./support/public";
import { bearer, listEvidence } from "./support/evidence-api";
import { expect, PEOPLE, type Person, signIn, test, tokenOf } from "./support/fixtures";
import { cleanMedia, mediaDir, sha256 } from "./support/media";

/**
 * The workspace on a phone (issue 26): a 390 × 844 touch screen, as a researcher in Jableh or a
 * reviewer on the bus holds it. Every page fits without sideways scrolling and passes axe; the
 * header's menu opens and closes by touch and by keyboard; a claim with a 20 MB video goes in while
 * the network is cut, and arrives once; a draft stays on the device through a reload and a cut,
 * and is gone at sign-out.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

test.afterAll(() => cleanMedia());

async function phone(browser: Browser, baseURL: string, person: Person | null, locale = "en-GB"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, baseURL, locale });
  if (person) await signIn(context.request, PEOPLE[person].email);
  return { context, page: await context.newPage() };
}

/** The page fits the screen's width: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // What sticks out, to name it when this fails.
    wide: Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(el).position !== "fixed" && !el.closest("[class*=overflow-x-auto]"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ").slice(0, 3).join(".")}`),
  }));
  expect(scrollWidth, `${what}: sideways scrolling (${wide.join(", ")})`).toBeLessThanOrEqual(innerWidth);
}

async function expectAccessible(page: Page, what: string) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
}

/** A control a thumb can hit: at least 44 × 44 CSS pixels. */
async function expectThumbSized(page: Page, selector: string, what: string) {
  const boxes = await page.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })));
  expect(boxes.length, `${what}: found`).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.height, `${what}: height`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${what}: width`).toBeGreaterThanOrEqual(44);
  }
}

test("every page fits a phone: no sideways scrolling, axe passes, in English and in Arabic", async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("phone");
  const entry = await publishedClaim(request, { title: `Shelling of the port, seen from the hill above it ${word}` });
  const claim = await claimInReview(request, { title: `Names of the dead of al-Qusour, from the neighbours ${word}` });
  const pages = ["/claims", `/claims/${claim.id}`, "/claims/new", "/persons", "/sources", "/settings", "/incidents", "/inbox", "/figures"];
  for (const locale of ["en-GB", "ar"]) {
    const { context, page } = await phone(browser, baseURL!, "editor", locale);
    for (const address of pages) {
      await page.goto(address);
      await expect(page.locator("main")).toBeVisible();
      await expectNoSidewaysScroll(page, `${locale} ${address}`);
      await expectAccessible(page, `${locale} ${address}`);
    }
    await context.close();
  }
  const { context, page } = await phone(browser, baseURL!, null);
  for (const address of ["/", "/ar", `/entries/${entry.publicSlug}`, `/ar/entries/${entry.publicSlug}`, "/events", "/methodology", "/login"]) {
    await page.goto(address);
    await expectNoSidewaysScroll(page, address);
    await expectAccessible(page, address);
  }
  await context.close();
});

test("the queue on a phone: cards with title, kind, state, grade and wait; tabs that scroll; filters in a sheet; take next and the bulk bar under the thumb", async ({ browser, baseURL, request }) => {
  const word = uniqueWord("bus");
  await claimInReview(request, { kind: "video", title: `Checkpoint video from the coast road ${word}` });
  const { context, page } = await phone(browser, baseURL!, "editor");
  await page.goto("/claims?state=all");
  // Cards, not rows of a six-column table: each inside the screen, its title above the rest.
  const first = page.getByTestId("claim-row").first();
  await expect(first).toBeVisible();
  const box = (await first.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // The table's header row is there for a screen reader only.
  expect((await page.getByTestId("queue-table").locator("thead").boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
  // The tabs keep one line and scroll within themselves.
  const tabs = page.getByTestId("state-tabs");
  expect(await tabs.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === "auto")).toBe(true);
  await expectThumbSized(page, "[data-testid=state-tabs] a", "a state tab");
  await expectThumbSized(page, "[data-testid=claim-row] label:has([data-testid=row-select])", "a card's selection box");
  await expectThumbSized(page, "[data-testid=menu-button], [data-testid=filters-button], [data-testid=take-next]", "the menu, the filters, take next");

  // Take next sits in the bar at the bottom of the screen.
  const takeNext = (await page.getByTestId("take-next").boundingBox())!;
  expect(takeNext.y + takeNext.height).toBeGreaterThan(844 - 80);

  // The filters wait in a sheet: closed, the search is not on the page; open, it is, and it filters.
  await expect(page.getByRole("searchbox")).toBeHidden();
  await page.getByTestId("filters-button").tap();
  await expect(page.getByTestId("filters-button")).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("searchbox").fill(word);
  await page.getByRole("button", { name: "Filter", exact: true }).tap();
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByTestId("claim-row")).toHaveCount(1);
  await expect(page.getByTestId("filters-button")).toHaveText("Filters (1)");
  const card = page.getByTestId("claim-row").filter({ hasText: word });
  await expect(card).toContainText("Checkpoint video from the coast road");
  await expect(card).toContainText("Video");
  await expect(card).toContainText("Review");
  await expect(card.getByTestId("claim-waited")).toBeVisible();
  await expect(card.getByTestId("claim-assignee")).toBeHidden();

  // Selecting a card brings the bulk bar up from the bottom.
  await page.getByTestId("row-select").first().tap();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toBeVisible();
  const barBox = (await bar.boundingBox())!;
  expect(Math.round(barBox.y + barBox.height), `the bulk bar's bottom (${JSON.stringify(barBox)})`).toBeGreaterThanOrEqual(844 - 2);
  await expectNoSidewaysScroll(page, "the queue with the bulk bar");
  await context.close();
});

test("the menu opens and closes by touch and by keyboard; open, the focus stays in it", async ({ browser, baseURL }) => {
  const { context, page } = await phone(browser, baseURL!, "reviewer");
  await page.goto("/claims");
  const button = page.getByTestId("menu-button");
  const queueLink = page.getByRole("link", { name: "Sources" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(queueLink).toBeHidden();

  // Touch: open, a tap outside closes.
  await button.tap();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(queueLink).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("button", { name: "العربية" })).toBeVisible();
  await page.getByRole("heading", { name: "Review queue" }).tap();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(queueLink).toBeHidden();

  // Keyboard: Enter opens and the focus goes in; Tab goes round inside; Escape closes, back on the button.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("link", { name: "Review queue" })).toBeFocused();
  const inside = await page.getByTestId("menu-panel").locator("a[href], button, select").count();
  for (let i = 0; i < inside + 2; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("[data-testid=menu-panel], [data-testid=menu-button]"))), `Tab ${i + 1} stays in the menu`).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("[data-testid=menu-panel], [data-testid=menu-button]")))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toBeFocused();

  // A link followed from the menu closes it behind the person.
  await button.tap();
  await queueLink.tap();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expectAccessible(page, "sources, menu closed");
  await context.close();
});

test("a claim's page on a phone: its sections in order, and its actions in a sheet from the bottom bar", async ({ browser, baseURL, request }) => {
  const claim = await claimInReview(request, { title: `A claim read on a phone ${uniqueWord("sheet")}` });
  const { context, page } = await phone(browser, baseURL!, "editor");
  await page.goto(`/claims/${claim.id}`);
  const order = await page.locator("#statement, #evidence-heading, #origins-heading, #persons-heading, #figures-heading, #timeline-heading").evaluateAll((els) => els.map((el) => el.id));
  expect(order).toEqual(["statement", "evidence-heading", "origins-heading", "persons-heading", "figures-heading", "timeline-heading"]);
  await expect(page.getByRole("navigation", { name: "On this page" }).getByRole("link")).toHaveCount(await page.getByRole("navigation", { name: "On this page" }).getByRole("link").count());
  const actions = page.getByTestId("actions-button");
  const box = (await actions.boundingBox())!;
  expect(box.y + box.height).toBeGreaterThan(844 - 70);
  await expect(page.getByRole("button", { name: "Publish" })).toBeHidden();
  await actions.tap();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the claim's actions open");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Publish" })).toBeHidden();
  await expect(actions).toBeFocused();
  // Its own Close button gives the focus back as Escape does.
  await actions.tap();
  await page.getByTestId("claim-actions").getByRole("button", { name: "Close" }).tap();
  await expect(page.getByRole("button", { name: "Publish" })).toBeHidden();
  await expect(actions).toBeFocused();
  await context.close();
});

test("a claim's page on a phone sends its closed forms only once opened, and fetches the upload client only once the drop zone is on the screen", async ({ browser, baseURL, request }) => {
  const claim = await acceptedClaimApi(request, { title: `A claim opened on a phone ${uniqueWord("lazy")}` });
  const { context, page } = await phone(browser, baseURL!, "reviewer");

  // The server's page: the closed forms' summaries, none of the forms behind them.
  const html = await (await context.request.get(`/claims/${claim.id}`)).text();
  expect(html).toContain("Edit the claim");
  expect(html).toContain("Create an incident from this claim");
  expect(html).not.toContain('data-testid="edit-claim-form"');
  expect(html).not.toContain('data-testid="create-incident-form"');

  // tus-js-client is the only script that names `parallelUploadBoundaries`.
  const uploadClient: string[] = [];
  page.on("response", async (response) => {
    if (!new URL(response.url()).pathname.endsWith(".js")) return;
    if ((await response.text().catch(() => "")).includes("parallelUploadBoundaries")) uploadClient.push(response.url());
  });
  await page.goto(`/claims/${claim.id}`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(2_500); // past the 2 s an idle callback may be put off
  expect(uploadClient, "the upload client, fetched while the drop zone was not on the screen").toEqual([]);
  await page.getByTestId("dropzone").scrollIntoViewIfNeeded();
  await expect.poll(() => uploadClient.length, { message: "the upload client, once the drop zone is seen" }).toBe(1);

  // Opened, the form is made; closed and opened again, it keeps what was typed.
  const edit = page.getByTestId("edit-claim");
  await edit.getByText("Edit the claim").tap();
  const title = edit.getByTestId("edit-claim-form").getByLabel("Title");
  await expect(title).toHaveValue(claim.title);
  await title.fill(`${claim.title} (being put right)`);
  await edit.getByText("Edit the claim").tap();
  await expect(title).toBeHidden();
  await edit.getByText("Edit the claim").tap();
  await expect(title).toHaveValue(`${claim.title} (being put right)`);
  const incident = page.getByTestId("claim-incidents");
  await incident.getByText("Create an incident from this claim").tap();
  await expect(incident.getByTestId("create-incident-form")).toBeVisible();
  await context.close();
});

/** A real video of at least 20 MB: ffmpeg at a constant 24 Mbit/s for 7 seconds. */
function twentyMegabyteVideo(name: string): Buffer {
  const file = path.join(mediaDir(), name);
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "7", "-pix_fmt", "yuv420p",
    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "24M", "-minrate", "24M", "-maxrate", "24M", "-bufsize", "2M", "-x264-params", "nal-hrd=cbr", "-y", file,
  ]);
  const bytes = fs.readFileSync(file);
  expect(bytes.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
  return bytes;
}

test("a claim with a 20 MB video from the phone's camera while the network drops twice, and the answer to the claim lost once: one claim, one file, its SHA-256", async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const video = twentyMegabyteVideo("jableh-street.mp4");
  const title = `Video of the street in Jableh, filmed on a phone ${uniqueWord("camera")}`;
  const { context, page } = await phone(browser, baseURL!, "submitter");
  await page.goto("/claims/new");
  await page.getByLabel("Kind").selectOption("video");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Filmed from a balcony; the caller said it was the morning of 7 March.");
  // The camera's own button on a touch screen (an input that asks for the camera), with the video it took.
  await expect(page.getByTestId("camera-button")).toBeVisible();
  await expect(page.getByTestId("camera-input")).toHaveAttribute("capture", "environment");
  await expect(page.getByTestId("camera-input")).toHaveAttribute("accept", "image/*,video/*");
  await page.getByTestId("camera-input").setInputFiles({ name: "jableh-street.mp4", mimeType: "video/mp4", buffer: video });
  const item = page.getByTestId("upload-item").filter({ hasText: "jableh-street.mp4" });
  await expect(item).toContainText("Sent with the claim");

  // No network as it is sent: it waits, says so, and goes when the network is back.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Submit claim" }).tap();
  await expect(page.getByTestId("waiting-for-network")).toContainText("No connection");
  // The first sending then reaches the server, which makes the claim, but its answer is lost on the way back.
  let lost = 0;
  await page.route("**/claims/new", async (route) => {
    if (route.request().method() === "POST" && lost === 0) {
      lost++;
      await route.fetch();
      await route.abort("connectionreset");
    } else await route.continue();
  });
  // The chunks are held a moment each, so that the network can be cut while they go.
  await page.route("**/api/v1/uploads/**", async (route) => {
    if (route.request().method() === "PATCH") await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue().catch(() => {});
  });
  await context.setOffline(false);
  // Sent again by itself (the lost answer looked like a lost connection), and answered with the same claim.
  await expect(page.getByTestId("form-success")).toBeVisible({ timeout: 30_000 });
  expect(lost).toBe(1);

  for (const cut of [1, 2]) {
    await expect.poll(async () => Number(await item.getByRole("progressbar").getAttribute("value")), { message: `progress before cut ${cut}`, timeout: 60_000 }).toBeGreaterThan(cut === 1 ? 0 : 40);
    await context.setOffline(true);
    await expect(item).toHaveAttribute("data-state", "offline", { timeout: 30_000 });
    await expect(item).toContainText("Waiting for the network");
    await page.waitForTimeout(1_000);
    await context.setOffline(false);
  }
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}\?submitted=1$/, { timeout: 120_000 });
  const claimId = /\/claims\/([0-9a-f-]{36})/.exec(page.url())![1];

  const found = await request.get(`/api/v1/claims?q=${encodeURIComponent(title)}`, { headers: bearer(tokenOf("submitter")) });
  const claims = ((await found.json()) as { items: { id: string; title: string }[] }).items.filter((c) => c.title === title);
  expect(claims.map((c) => c.id), "one claim, though it was sent twice").toEqual([claimId]);
  const items = await listEvidence(request, tokenOf("submitter"), claimId);
  expect(items.map((i) => ({ name: i.originalFilename, sha256: i.sha256, size: i.size })), "one file, whole").toEqual([{ name: "jableh-street.mp4", sha256: sha256(video), size: video.length }]);
  await context.close();
});

async function deviceKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("corroborate.draft.") || key.startsWith("tus::")));
}

test("a claim being written stays on the device through a reload and a lost connection, and is gone at sign-out", async ({ browser, baseURL }) => {
  const title = `Names from the families of Baniyas ${uniqueWord("draft")}`;
  const { context, page } = await phone(browser, baseURL!, "submitter");
  await page.goto("/claims/new");
  await page.getByLabel("Kind").selectOption("person");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Told by a neighbour on the phone; spellings as she gave them.");
  await page.getByTestId("file-input").setInputFiles({ name: "family-list.txt", mimeType: "text/plain", buffer: Buffer.from("Yusuf\nMariam\n") });
  await expect.poll(() => deviceKeys(page)).toHaveLength(1);

  // A reload: the browser asks first (a file is chosen and not sent); then the words come back, and
  // the file is named, to be chosen again (a browser cannot keep it).
  const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => void dialog.accept().then(() => resolve(dialog.type()))));
  await page.reload();
  expect(await asked).toBe("beforeunload");
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Kind")).toHaveValue("person");
  await expect(page.getByTestId("draft-files")).toContainText("family-list.txt");

  // The connection goes: sending waits; the tab is closed; a new one, online again, has it all.
  await page.getByLabel("Summary").fill("Told by a neighbour on the phone; spellings as she gave them. Two more names to come.");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Submit claim" }).tap();
  await expect(page.getByTestId("waiting-for-network")).toBeVisible();
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto("/claims/new");
  await expect(again.getByLabel("Summary")).toHaveValue(/Two more names to come\.$/);
  await expect(again.getByLabel("Title")).toHaveValue(title);

  // Signing out (from the menu) leaves nothing on the device, and a tab still open on the form
  // keeps nothing more as it is typed in.
  const other = await context.newPage();
  await other.goto("/claims/new");
  await expect(other.getByLabel("Title")).toHaveValue(title);
  await again.getByTestId("menu-button").tap();
  await again.getByRole("button", { name: "Sign out" }).tap();
  // Out, on the public home (not the sign-in page, which forgets too): the sign-out itself forgot.
  await expect(again).toHaveURL(/\/$/);
  expect(await deviceKeys(again)).toEqual([]);
  await other.getByLabel("Summary").fill("Typed in another tab after signing out.");
  await other.waitForTimeout(800);
  expect(await deviceKeys(other)).toEqual([]);
  await other.close();
  await signIn(context.request, PEOPLE.submitter.email);
  await again.goto("/claims/new");
  await expect(again.getByLabel("Title")).toHaveValue("");
  await expect(again.getByTestId("draft-restored")).toHaveCount(0);
  await context.close();
});

test("with device drafts turned off, nothing of a claim being written is kept on the device, and what was is forgotten", async ({ browser, baseURL }) => {
  const { context, page } = await phone(browser, baseURL!, "reviewer");
  await page.goto("/claims/new");
  await page.getByLabel("Title").fill(`Kept until the setting changes ${uniqueWord("kept")}`);
  await expect.poll(() => deviceKeys(page)).toHaveLength(1);
  await page.goto("/settings");
  const box = page.getByLabel("Keep claims being written on this device");
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByTestId("preferences-form").getByRole("button", { name: "Save" }).tap();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.getByLabel("Keep claims being written on this device")).not.toBeChecked();
  // Forgotten as the setting is saved, not when the form is next opened.
  await expect.poll(() => deviceKeys(page)).toEqual([]);
  try {
    await page.goto("/claims/new");
    await expect(page.getByLabel("Title")).toHaveValue("");
    await expect.poll(() => deviceKeys(page)).toEqual([]);
    await page.getByLabel("Title").fill("Typed on a phone that may be taken");
    await page.waitForTimeout(800);
    expect(await deviceKeys(page)).toEqual([]);
    await page.reload();
    await expect(page.getByLabel("Title")).toHaveValue("");
  } finally {
    await page.goto("/settings");
    await page.getByLabel("Keep claims being written on this device").check();
    await page.getByTestId("preferences-form").getByRole("button", { name: "Save" }).tap();
    await expect(page).toHaveURL(/saved=1/);
  }
  await context.close();
});

test("installable: the manifest in each language, with its icons, linked from the workspace and the public site", async ({ request, browser, baseURL }) => {
  for (const locale of ["en", "ar"] as const) {
    const response = await request.get(locale === "en" ? "/manifest.webmanifest" : `/${locale}/manifest.webmanifest`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/manifest+json");
    const manifest = (await response.json()) as { name: string; lang: string; dir: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(manifest).toMatchObject({ name: "Corroborate", lang: locale, dir: locale === "ar" ? "rtl" : "ltr", start_url: "/claims", display: "standalone", theme_color: "#115e59" });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons) {
      const png = await request.get(icon.src);
      expect(png.status(), icon.src).toBe(200);
      expect(png.headers()["content-type"]).toBe("image/png");
      const bytes = await png.body();
      // The PNG's own width and height (its IHDR) are what the manifest says.
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  }
  expect((await request.get("/fr/manifest.webmanifest")).status()).toBe(404);
  expect((await request.post("/manifest.webmanifest")).status()).toBe(405);
  const { context, page } = await phone(browser, baseURL!, "reviewer", "ar");
  await page.goto("/claims");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/ar/manifest.webmanifest");
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#115e59");
  await page.goto("/ar/methodology");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/ar/manifest.webmanifest");
  await context.close();
});

test("on a slow 3G connection the public site reads and the sign-in page signs in", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const entry = await publishedClaim(request, { title: `Read on a slow connection ${uniqueWord("slow")}` });
  const { context, page } = await phone(browser, baseURL!, null);
  // Chrome's "Slow 3G": 400 ms of latency, 400 kbit/s each way.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 });
  for (const address of ["/", `/entries/${entry.publicSlug}`, `/ar/entries/${entry.publicSlug}`]) {
    await page.goto(address);
    await expect(page.locator("main h1, main h2").first()).toBeVisible();
    await expectNoSidewaysScroll(page, `${address} on slow 3G`);
  }
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(PEOPLE.submitter.email);
  await page.getByLabel("Password").fill("corroborate-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).tap();
  await expect(page).toHaveURL(/\/(claims|my-submissions)/, { timeout: 60_000 });
  await expect(page.getByTestId("menu-button")).toBeVisible({ timeout: 30_000 });
  await context.close();
});
