import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { bearer, getEvidence, openClaim, settled, uploadOk } from "./support/evidence-api";
import { expect, test, tokenOf } from "./support/fixtures";
import { cleanMedia, makeVideo } from "./support/media";
import { untranslatedText } from "./support/untranslated";

/**
 * Reviewing a video in the browser (issue 21): the player plays a working copy, steps frames,
 * follows `#t=`, jumps to notes, keeps a graphic item blurred and muted until asked, saves a frame
 * as a new item; over a throttled 400 kbit/s connection the page still answers and loads nothing
 * large before play. Screenshots of the page (English and Arabic, desktop and 390 px) are kept in
 * test-results/video-review/ for people to look at.
 */

const SHOTS = path.join("test-results", "video-review");
const CLIP = "checkpoint-clip.mp4";

type Item = Awaited<ReturnType<typeof getEvidence>> & { workingCopies?: { kind: string; url: string; sha256: string }[] };
let claimId: string;
let video: Item;

/** The video element's state, read in the page. */
const mediaState = (page: Page) =>
  page.getByTestId("player-media").evaluate((v: HTMLVideoElement) => ({ currentTime: v.currentTime, paused: v.paused, muted: v.muted, src: v.currentSrc, readyState: v.readyState }));
const currentTime = async (page: Page) => (await mediaState(page)).currentTime;

/** "Show" on a graphic item, pressed until the page's script answers it (a press before hydration does nothing). */
async function reveal(scope: Page | ReturnType<Page["getByTestId"]>, timeout = 15_000) {
  await expect(async () => {
    await scope.getByTestId("player-reveal").click({ timeout: 2_000 });
    await expect(scope.getByTestId("player")).toHaveAttribute("data-revealed", "true", { timeout: 1_000 });
  }).toPass({ timeout });
}

async function markGraphic(request: APIRequestContext, id: string) {
  const item = await getEvidence(request, tokenOf("reviewer"), id);
  const response = await request.patch(`/api/v1/evidence/${id}`, { headers: bearer(tokenOf("reviewer")), data: { isGraphic: true, hasPersonalData: false, version: item.version } });
  expect(response.status(), await response.text()).toBe(200);
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  claimId = await openClaim(request, tokenOf("reviewer"), `Checkpoint video for review ${Date.now()}`);
  // testsrc draws a running counter: each frame differs from the next.
  const bytes = makeVideo(CLIP, { seconds: 6, size: "640x360" });
  const added = await uploadOk(request, tokenOf("reviewer"), claimId, { name: CLIP, mimeType: "video/mp4", buffer: bytes });
  video = (await settled(request, tokenOf("reviewer"), added.id, 150_000)) as Item;
  expect(video.processing).toMatchObject({ web: "done", low: "done" });
  expect(video.workingCopies?.map((c) => c.kind).sort()).toEqual(["low", "web"]);
  await markGraphic(request, video.id);
});

test.afterAll(() => cleanMedia());

test("the player plays, steps frames, follows #t=, jumps to a note and saves a frame; a graphic item stays blurred and muted until asked", async ({ as }) => {
  test.setTimeout(120_000);
  const page = await as("reviewer");
  await page.goto(`/evidence/${video.id}`);
  const player = page.getByTestId("player");
  await expect(player).toHaveAttribute("data-copy", "web");

  // Graphic: blurred, muted, no controls, the id and hash in sight, until the person asks.
  await expect(player).toHaveAttribute("data-revealed", "false");
  await expect(page.getByTestId("player-original")).toContainText(video.id);
  await expect(page.getByTestId("player-original")).toContainText(video.sha256!);
  await page.waitForTimeout(500);
  expect(await mediaState(page)).toMatchObject({ muted: true, paused: true });
  await expect(page.getByTestId("player-media")).not.toHaveAttribute("controls", /.*/);
  await expect(page.getByTestId("player-media")).toHaveClass(/blur/);
  await reveal(page);
  await expect(page.getByTestId("player-media")).not.toHaveClass(/blur/);
  expect((await mediaState(page)).muted).toBe(false);

  // It plays: the working copy, not the original, and time advances.
  await page.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.6);
  expect((await mediaState(page)).src).toContain(`/api/v1/evidence/${video.id}/copies/web`);
  await page.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.pause());
  await expect(page).toHaveURL(/#t=\d/); // the pause wrote the moment

  // `#t=` seeks, from a changed fragment and from a fresh load.
  await page.evaluate(() => { window.location.hash = "#t=2"; });
  await expect.poll(() => currentTime(page)).toBeCloseTo(2, 1);
  await page.goto("about:blank");
  await page.goto(`/evidence/${video.id}#t=3.2`);
  await reveal(page);
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeCloseTo(3.2, 1);
  await expect(page.getByTestId("player-time")).toContainText("0:03.200");

  // A frame forward (button) and back (key): one frame at 25 frames a second.
  const before = await currentTime(page);
  await page.getByTestId("frame-forward").click();
  await expect.poll(() => currentTime(page)).toBeCloseTo(before + 0.04, 2);
  await page.locator("body").press(",");
  await expect.poll(() => currentTime(page)).toBeCloseTo(before, 2);
  await page.locator("body").press(".");
  await page.locator("body").press(".");
  await expect.poll(() => currentTime(page)).toBeCloseTo(before + 0.08, 2);
  await expect(page).toHaveURL(/#t=3\.28$/);

  // Speed.
  await page.getByTestId("player-speed").selectOption("0.5");
  expect(await page.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(0.5);

  // A keyframe of the strip moves the player to its moment (the generated clip has one, at its start).
  const keyframe = page.getByTestId("keyframe-button").last();
  const keyframeMs = Number(await keyframe.getAttribute("data-at-ms"));
  await keyframe.click();
  await expect.poll(() => currentTime(page)).toBeCloseTo(keyframeMs / 1000, 1);

  // A note on the moment at 4.0 s, then a jump back to it from elsewhere.
  await page.evaluate(() => { window.location.hash = "#t=4"; });
  await expect.poll(() => currentTime(page)).toBeCloseTo(4, 1);
  const addNote = page.getByTestId("add-note");
  await addNote.getByTestId("mark-moment").click();
  await expect(addNote.getByLabel("From (seconds)")).toHaveValue("4");
  const text = `The sign on the wall reads "Checkpoint 7" ${Date.now()}`;
  await addNote.getByLabel("Note", { exact: true }).fill(text);
  await addNote.getByRole("button", { name: "Add note" }).click();
  const note = page.getByTestId("note").filter({ hasText: text });
  await expect(note).toBeVisible();
  await expect(note.getByTestId("note-jump")).toContainText("0:04.000");
  await expect(addNote.getByLabel("Note", { exact: true })).toHaveValue(""); // emptied once written
  await page.evaluate(() => { window.location.hash = "#t=1"; });
  await expect.poll(() => currentTime(page)).toBeCloseTo(1, 1);
  await note.getByTestId("note-jump").focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => currentTime(page)).toBeCloseTo(4, 1);
  await expect(page).toHaveURL(/#t=4$/);

  // The copied link names the moment.
  await page.getByTestId("copy-moment-link").click();
  await expect(page.getByTestId("moment-link")).toContainText(`/evidence/${video.id}#t=4`);

  // Save the frame at 3.0 s: a new image item, from this video at that moment.
  await page.evaluate(() => { window.location.hash = "#t=3"; });
  await expect.poll(() => currentTime(page)).toBeCloseTo(3, 1);
  await page.getByTestId("frame-grab-submit").click();
  const link = page.getByTestId("frame-grab-link");
  await expect(link).toBeVisible({ timeout: 30_000 });
  await link.click();
  await expect(page.getByTestId("evidence-title")).toContainText("0:03.000");
  const frameId = page.url().split("/evidence/")[1];
  const frame = await getEvidence(page.request, tokenOf("reviewer"), frameId);
  expect(frame).toMatchObject({ intake: "frame", mediaType: "image/png", claimId });
  expect(frame.sha256).toMatch(/^[0-9a-f]{64}$/);
});

test("a throttled page (400 kbit/s) answers and loads nothing large before play; the low-bandwidth setting picks the small copy", async ({ as }) => {
  test.setTimeout(120_000);
  const page = await as("reviewer");
  // The setting, through its form.
  await page.goto("/settings");
  const form = page.getByTestId("preferences-form");
  await form.getByLabel("Low bandwidth").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.getByTestId("preferences-form").getByLabel("Low bandwidth")).toBeChecked();

  try {
    // A fresh browser, nothing cached: what a reviewer on a slow line downloads first.
    const cold = await as("reviewer");
    const cdp = await cold.context().newCDPSession(cold);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
    let bytes = 0;
    const copies: string[] = [];
    cdp.on("Network.loadingFinished", (event) => { bytes += event.encodedDataLength; });
    cdp.on("Network.requestWillBeSent", (event) => { if (event.request.url.includes("/copies/")) copies.push(event.request.url); });

    const started = Date.now();
    await cold.goto(`/evidence/${video.id}`, { waitUntil: "commit" });
    await expect(cold.getByTestId("evidence-title")).toHaveText(CLIP, { timeout: 20_000 });
    const headingMs = Date.now() - started;
    // The controls answer once the page's script has come: reveal, then a frame step moves the player.
    await reveal(cold, 45_000);
    const controlsMs = Date.now() - started;
    await expect(cold.getByTestId("player")).toHaveAttribute("data-copy", "low");
    await cold.waitForTimeout(1500);
    const beforePlay = bytes;
    expect(copies, "no working copy is asked for before play").toEqual([]);
    expect(await cold.getByTestId("player-media").getAttribute("preload")).toBe("none");
    console.log(`throttled evidence page: heading ${headingMs} ms, controls ${controlsMs} ms, ${beforePlay} bytes before play`);
    expect(headingMs).toBeLessThan(20_000);
    expect(controlsMs).toBeLessThan(45_000);
    // Pressing play asks for the small copy, in ranges.
    await cold.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.play());
    await expect.poll(() => copies.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(copies[0]).toContain(`/api/v1/evidence/${video.id}/copies/low`);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  } finally {
    await page.goto("/settings");
    await page.getByTestId("preferences-form").getByLabel("Low bandwidth").uncheck();
    await page.getByTestId("preferences-form").getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/saved=1/);
  }
});

test("the claim's list plays one item inline, only when asked", async ({ as }) => {
  const page = await as("reviewer");
  const copies: string[] = [];
  page.on("request", (request) => { if (request.url().includes("/copies/")) copies.push(request.url()); });
  await page.goto(`/claims/${claimId}`);
  const item = page.getByTestId("evidence-item").filter({ has: page.getByRole("link", { name: CLIP, exact: true }) });
  await expect(item.getByTestId("inline-play")).toBeVisible();
  await expect(page.getByTestId("inline-player")).toHaveCount(0);
  await expect(async () => {
    await item.getByTestId("inline-play").click({ timeout: 2_000 });
    await expect(item.getByTestId("player")).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(item.getByTestId("player-original")).toContainText(video.sha256!);
  await reveal(item);
  await item.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => item.getByTestId("player-media").evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.3);
  expect(copies.some((u) => u.includes(`/evidence/${video.id}/copies/`))).toBe(true);
  await item.getByRole("button", { name: "Close the player" }).click();
  await expect(page.getByTestId("inline-player")).toHaveCount(0);
});

test("the review reads in Arabic, right to left, without accessibility violations; screenshots at desktop and phone widths", async ({ as, baseURL }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [language, width] of [["en", 1280], ["en", 390], ["ar", 1280], ["ar", 390]] as const) {
    const page = await as("editor");
    await page.context().addCookies([{ name: "corroborate-locale", value: language, url: baseURL! }]);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/evidence/${video.id}#t=3`);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByTestId("notes-panel")).toBeVisible();
    await expect(page.getByTestId("player")).toHaveAttribute("data-copy", "web");
    await page.screenshot({ path: path.join(SHOTS, `evidence-${language}-${width}.png`), fullPage: true });
    if (width !== 1280) continue;
    if (language === "ar") {
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      expect.soft(await untranslatedText(page), "English that is not data").toEqual([]);
    }
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect.soft(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), language).toEqual([]);
    // Revealed, with its controls, too.
    await reveal(page);
    await page.screenshot({ path: path.join(SHOTS, `evidence-${language}-${width}-revealed.png`), fullPage: false });
    const revealed = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect.soft(revealed.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${language}, revealed`).toEqual([]);
  }
});
