import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "../support/server";
import { signedInContext } from "../support/fixtures";
import { bigString, FILENAMES, MARKUP, UNSTORABLE, URLS_STORED } from "./support/attack-corpus";
import { type AttackServer, ERROR_PAGE, expectServerSound, snapshot, startAttackServer } from "./support/attack-harness";
import { call, type ClaimDto, makeWorld, submitClaim, transition, unique, uploadText, type World } from "./support/attack-world";

/**
 * Accepted payloads render as text (issue 8). The attack corpus's markup — script tags, event
 * handlers, javascript: links, iframes, a JSON-LD break-out — is stored in every text field a
 * claim, its evidence, sources, persons and figures have, published, corrected, and then every
 * page that shows it is opened in the browser: nothing runs (no marker set, no dialog), no element
 * of the payload exists, the raw markup is nowhere in the HTML, and the text itself is on the page.
 * Then the server-action forms are attacked through the browser, as a person would.
 */

test.describe.configure({ timeout: 180_000 });

let server: AttackServer;
let world: World;
let marked: { claim: ClaimDto; rejected: ClaimDto; evidenceId: string; sourceId: string; personId: string; slug: string; scopeKey: string; title: string };
const contexts: BrowserContext[] = [];

const payload = (i: number) => MARKUP[i].value;
/** Every markup payload that is markup (holds a "<"): never in a page's HTML as written. */
const RAW = MARKUP.map((p) => p.value).filter((v) => v.includes("<"));
const FORMULA_TITLE = `=HYPERLINK("https://evil.example","open") ${MARKUP[0].value}`;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  server = await startAttackServer(playwright);
  world = await makeWorld(server);

  // One claim carrying markup in every field a person types.
  const title = `${payload(0)} ${unique("render")}`;
  let claim = await submitClaim(server, "submitter", {
    title,
    summary: MARKUP.map((p) => p.value).join("\n"),
    placeName: payload(1),
    firstSeenSourceName: payload(2),
    firstSeenUrl: URLS_STORED[0].value,
  });
  claim = await transition(server, "reviewer", claim, { action: "accept" });
  const source = await call<{ id: string }>(server, "reviewer", "POST", "/api/v1/sources", {
    name: `${payload(4)} ${unique("src")}`,
    kind: "outlet",
    url: URLS_STORED[0].value,
    handles: [payload(2)],
    reliability: "C",
    reliabilityRationale: payload(5),
  }, 201);
  const markupName = FILENAMES.find((f) => f.id === "markup")!.value;
  const uploaded = await server.api.post(`/api/v1/claims/${claim.id}/evidence`, {
    headers: server.auth("reviewer"),
    multipart: { file: { name: markupName, mimeType: "text/plain", buffer: Buffer.from(`${unique("marked")}\n`) } },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  let item = (await uploaded.json()) as { id: string; version: number };
  item = await call(server, "reviewer", "PATCH", `/api/v1/evidence/${item.id}`, { publishedBySourceId: source.id, version: item.version });
  item = await call(server, "reviewer", "PATCH", `/api/v1/evidence/${item.id}`, { isGraphic: false, hasPersonalData: false, version: item.version });
  await call(server, "reviewer", "POST", `/api/v1/claims/${claim.id}/assessments`, { evidenceId: item.id, stance: "supports", credibility: 2, note: payload(3) }, 201);
  const figure = await call<{ scope: { key: string } }>(server, "reviewer", "POST", `/api/v1/claims/${claim.id}/figures`, {
    measure: "killed",
    value: 7,
    scopePlace: payload(6),
    asOf: "2025-03-12",
    sourceId: source.id,
    note: payload(7),
  }, 201);
  const link = await call<{ linkId: string; version: number; person: { id: string } }>(server, "reviewer", "POST", `/api/v1/claims/${claim.id}/persons`, {
    role: "victim",
    names: [payload(0), `محمد ${payload(2)}`],
    placeName: payload(1),
    note: payload(8),
  }, 201);
  // Marked publishable, so the public entry renders the marked-up names too (names are private until then).
  await call(server, "reviewer", "PATCH", `/api/v1/claims/${claim.id}/persons/${link.linkId}`, { isPublic: true, basis: "already_public", version: link.version });
  claim = await transition(server, "reviewer", await (async () => (await call<ClaimDto>(server, "reviewer", "GET", `/api/v1/claims/${claim.id}`)))(), {
    action: "send_to_review",
    grade: "probable",
    rationale: payload(9),
  });
  claim = await transition(server, "editor2", claim, { action: "publish" });
  // A correction with a formula for a title and a markup note: both public.
  claim = await transition(server, "editor", claim, { action: "correct", reason: payload(10), changes: { title: FORMULA_TITLE, placeName: payload(1) } });
  claim = await transition(server, "editor2", claim, { action: "publish_correction" });
  const rejected = await transition(server, "reviewer", await submitClaim(server, "submitter", { title: `Rejected ${unique("r")}` }), { action: "reject", reason: payload(11) });
  marked = {
    claim,
    rejected,
    evidenceId: item.id,
    sourceId: source.id,
    personId: link.person.id,
    slug: claim.publicSlug!,
    scopeKey: figure.scope.key,
    title,
  };
  expect(marked.slug).toBeTruthy();
});

test.afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await server?.close();
});

test.afterEach(async () => {
  await expectServerSound(server);
});

async function contextFor(browser: Browser, person: "reviewer" | "submitter" | "editor" | null): Promise<BrowserContext> {
  const context = person ? await signedInContext(browser, server.base, person) : await browser.newContext({ baseURL: server.base });
  contexts.push(context);
  return context;
}

/** Open `path` and check that the markup it shows stayed text. */
async function expectInert(page: Page, path: string, visible: string[]) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status(), `${path}: status`).toBeLessThan(400);
  const html = (await response?.text()) ?? "";
  expect(html, `${path}: the error page`).not.toMatch(ERROR_PAGE);
  // Give error handlers, focus handlers and meta refreshes a moment to fire, were they there.
  await page.waitForTimeout(300);
  expect(page.url(), `${path}: no redirect by an injected meta refresh`).toContain(path.split("?")[0]);
  const found = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown };
    const handlers = [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    return {
      pwned: w.__pwned ?? null,
      handlers,
      iframes: document.querySelectorAll("iframe").length,
      fakeImages: document.querySelectorAll('img[src="x"]').length,
      jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
      metaRefresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
      injectedStyles: [...document.querySelectorAll("style")].filter((s) => s.textContent?.includes("display:none")).length,
      injectedBold: [...document.querySelectorAll("b")].filter((b) => b.textContent === "bold").length,
      scriptsWithMarker: [...document.querySelectorAll("script")].filter((s) => !s.src && s.type !== "application/ld+json" && /__pwned/.test(s.textContent ?? "") && !/^\s*(self\.__next_f|\(self\.__next_f)/.test(s.textContent ?? "")).length,
    };
  });
  expect(found.pwned, `${path}: a payload ran`).toBeNull();
  expect(dialogs, `${path}: dialogs`).toEqual([]);
  expect(found.handlers, `${path}: inline event handlers`).toEqual([]);
  expect(found.iframes, `${path}: iframes`).toBe(0);
  expect(found.fakeImages, `${path}: <img src=x>`).toBe(0);
  expect(found.jsLinks, `${path}: javascript: links`).toBe(0);
  expect(found.metaRefresh, `${path}: meta refresh`).toBe(0);
  expect(found.injectedStyles, `${path}: injected style`).toBe(0);
  expect(found.injectedBold, `${path}: injected <b>`).toBe(0);
  expect(found.scriptsWithMarker, `${path}: a script element of the payload`).toBe(0);
  for (const raw of RAW) expect(html.includes(raw), `${path}: raw markup in the HTML: ${raw.slice(0, 60)}`).toBe(false);
  for (const text of visible) await expect(page.locator("body"), `${path}: shows the payload as text`).toContainText(text);
}

test.describe("attack corpus: stored markup renders as text", () => {
  test("the workspace: claim, queue, evidence, custody, sources, persons, figures, audit log", async ({ browser }) => {
    const page = await (await contextFor(browser, "reviewer")).newPage();
    const pages: [string, string[]][] = [
      [`/claims/${marked.claim.id}`, [payload(2), payload(3), payload(9)]],
      [`/claims/${marked.rejected.id}`, [payload(11)]],
      ["/claims", [FORMULA_TITLE]],
      [`/claims?q=${encodeURIComponent("HYPERLINK")}`, [FORMULA_TITLE]],
      [`/claims?q=${encodeURIComponent(payload(0))}`, []],
      [`/evidence/${marked.evidenceId}`, [payload(4).slice(0, 30)]],
      [`/evidence/${marked.evidenceId}/custody`, []],
      ["/sources", [payload(4).slice(0, 30)]],
      [`/sources/${marked.sourceId}`, [payload(5)]],
      ["/persons", [payload(0)]],
      [`/persons?q=${encodeURIComponent(payload(0))}`, []],
      [`/persons/${marked.personId}`, [payload(0), payload(8)]],
      ["/figures", []],
      [`/figures?measure=killed&scope=${encodeURIComponent(marked.scopeKey)}`, []],
      ["/admin/audit", []],
      [`/claims/${marked.claim.id}/persons/import`, []],
    ];
    for (const [path, visible] of pages) await expectInert(page, path, visible);
  });

  test("the submitter's own list", async ({ browser }) => {
    const page = await (await contextFor(browser, "submitter")).newPage();
    await expectInert(page, "/my-submissions", [FORMULA_TITLE]);
    await expectInert(page, `/claims/${marked.claim.id}`, [payload(2)]);
  });

  test("the public site: list, search, entry page with its JSON-LD, feed and CSV", async ({ browser }) => {
    const page = await (await contextFor(browser, null)).newPage();
    await expectInert(page, "/", [FORMULA_TITLE]);
    await expectInert(page, `/?q=${encodeURIComponent("HYPERLINK")}&place=${encodeURIComponent(payload(1))}`, []);
    await expectInert(page, `/entries/${marked.slug}`, [FORMULA_TITLE, payload(10)]);
    // Each language's page and each version's are documents of their own, sealed with the payload in them.
    await expectInert(page, `/ar/entries/${marked.slug}`, [payload(10)]);
    await expectInert(page, `/entries/${marked.slug}/v/1`, [payload(10)]);
    // The entry's JSON-LD holds the title with "<" escaped: it cannot close its script element.
    const html = await (await page.request.get(`/entries/${marked.slug}`)).text();
    const ld = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(html)?.[1];
    expect(ld, "the entry page has JSON-LD").toBeTruthy();
    expect(ld).not.toContain("<");
    expect(JSON.stringify(JSON.parse(ld!))).toContain("HYPERLINK");

    const feed = await page.request.get("/api/v1/public/feed.atom");
    const xml = await feed.text();
    for (const raw of RAW) expect(xml.includes(raw), `feed: raw markup ${raw.slice(0, 40)}`).toBe(false);
    expect(xml, "the feed carries the title as escaped text").toContain("&lt;script&gt;window.__pwned=");
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");

    const csv = await (await page.request.get("/api/v1/public/entries.csv")).text();
    const row = csv.split("\r\n").find((line) => line.includes("HYPERLINK"));
    expect(row, "the corrected entry is in the CSV").toBeTruthy();
    // A formula stays text in a spreadsheet: the cell starts with an apostrophe.
    expect(row).toMatch(/,"'=HYPERLINK\(""https:\/\/evil\.example"",""open""\) /);
    expect(row).not.toMatch(/,"?=HYPERLINK/);
  });

  test("the editors' preview shows the document to be sealed in a frame that runs nothing", async ({ browser }) => {
    const page = await (await contextFor(browser, "editor")).newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto(`/claims/${marked.claim.id}/preview`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    const html = (await response?.text()) ?? "";
    for (const raw of RAW) expect(html.includes(raw), `preview: raw markup in the HTML: ${raw.slice(0, 60)}`).toBe(false);
    const frame = page.getByTestId("preview-document");
    await expect(frame).toHaveAttribute("sandbox", "");
    await page.waitForTimeout(300);
    const document = page.frameLocator('[data-testid="preview-document"]');
    await expect(document.locator("body")).toContainText(payload(10));
    const inside = await document.locator("body").evaluate((body) => ({
      handlers: [...body.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      iframes: body.querySelectorAll("iframe").length,
      fakeImages: body.querySelectorAll('img[src="x"]').length,
      scripts: [...body.ownerDocument.querySelectorAll("script")].filter((s) => s.type !== "application/ld+json").length,
      pwned: (body.ownerDocument.defaultView as unknown as { __pwned?: unknown } | null)?.__pwned ?? null,
    }));
    expect(inside).toEqual({ handlers: [], iframes: 0, fakeImages: 0, scripts: 0, pwned: null });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
  });
});

test.describe("attack corpus: server-action forms in the browser", () => {
  async function newClaimForm(page: Page) {
    await page.goto("/claims/new");
    await expect(page.locator("#title")).toBeVisible();
    await page.locator("#kind").selectOption("report");
    await page.locator("#language").selectOption("en");
  }

  /**
   * Set a field's value directly: what a script (or a person with the inspector) can do past
   * maxLength, or past a select's options (a forged option is added, then chosen).
   */
  async function setValue(page: Page, selector: string, value: string) {
    await page.locator(selector).evaluate((el, v) => {
      if (el instanceof HTMLSelectElement) el.add(new Option(v, v));
      (el as HTMLInputElement | HTMLSelectElement).value = v;
    }, value);
  }

  test("the claim form: markup is submitted and shown as text", async ({ browser }) => {
    const page = await (await contextFor(browser, "submitter")).newPage();
    await newClaimForm(page);
    const title = `${payload(0)} ${unique("form")}`;
    await page.locator("#title").fill(title);
    await page.locator("#summary").fill(MARKUP.map((p) => p.value).join("\n"));
    await page.locator("#placeName").fill(payload(1));
    await page.locator("#firstSeenSourceName").fill(payload(2));
    await page.locator("#firstSeenUrl").fill(URLS_STORED[0].value);
    await page.getByRole("button", { name: /submit/i }).click();
    await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}\?submitted=1/);
    await expectInert(page, new URL(page.url()).pathname, [title, payload(1), payload(2)]);
  });

  test("the claim form: NUL, control characters, 100 KB and javascript: URLs are refused on the form, nothing stored", async ({ browser }) => {
    const page = await (await contextFor(browser, "submitter")).newPage();
    const cases: [string, string, string][] = [
      ...UNSTORABLE.filter((p) => !p.id.includes("surrogate")).map((p) => [`title ← ${p.id}`, "#title", p.value] as [string, string, string]),
      ["summary ← NUL", "#summary", "a\u0000b"],
      ["title ← 100 KB", "#title", bigString(100 * 1024)],
      ["summary ← 100 KB", "#summary", bigString(100 * 1024)],
      ["placeName ← 100 KB", "#placeName", bigString(100 * 1024)],
      ["firstSeenUrl ← javascript:", "#firstSeenUrl", "javascript:alert(document.domain)"],
      ["firstSeenUrl ← data:", "#firstSeenUrl", "data:text/html,<script>alert(1)</script>"],
      ["latitude ← markup", "#latitude", payload(1)],
      ["language ← markup", "#language", payload(0)],
    ];
    for (const [what, selector, value] of cases) {
      await newClaimForm(page);
      await page.locator("#title").fill(`A valid title ${unique("t")}`);
      await page.locator("#summary").fill("A valid summary.");
      if (selector === "#latitude") {
        await page.locator("#longitude").fill("36.1");
        await page.locator("#placePrecision").selectOption("locality");
      }
      await setValue(page, selector, value);
      const before = await snapshot(server);
      await page.getByRole("button", { name: /submit/i }).click();
      const field = selector.slice(1);
      await expect(page.locator(`#${field}-error`), `${what}: the field's error is shown`).toBeVisible();
      await expect(page, `${what}: still on the form`).toHaveURL(/\/claims\/new$/);
      await expect(page.getByText("Something went wrong"), `${what}: no server error`).toHaveCount(0);
      const after = await snapshot(server);
      expect(after.events, `${what}: nothing stored`).toBe(before.events);
    }
  });

  test("a reject reason and a new source: markup is stored as text, NUL is refused on the form", async ({ browser }) => {
    const page = await (await contextFor(browser, "reviewer")).newPage();
    // Reject with NUL: refused on the form; then with markup: done, and shown as text.
    const claim = await submitClaim(server, "submitter", { title: `To reject ${unique("rj")}` });
    await page.goto(`/claims/${claim.id}`);
    const form = page.getByTestId("transition-reject");
    await expect(form).toBeVisible();
    await form.locator('textarea[name="reason"]').evaluate((el) => {
      (el as HTMLTextAreaElement).value = "out\u0000of scope";
    });
    let before = await snapshot(server);
    await form.getByRole("button", { name: "Reject", exact: true }).click();
    await expect(page.locator("#reject-reason-error"), "the reason's error is shown").toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    expect((await snapshot(server)).events, "reject with NUL: nothing stored").toBe(before.events);
    await form.locator('textarea[name="reason"]').fill(payload(1));
    await form.getByRole("button", { name: "Reject", exact: true }).click();
    await expect(page).toHaveURL(/[?&]done=reject/);
    await expectInert(page, `/claims/${claim.id}`, [payload(1)]);

    await page.goto("/sources");
    const create = page.getByTestId("create-source-form");
    await create.locator("#source-name").evaluate((el) => {
      (el as HTMLInputElement).value = "bad\u0000name";
    });
    before = await snapshot(server);
    await create.getByRole("button", { name: "Add source" }).click();
    await expect(create.locator("#source-name-error"), "the name's error is shown").toBeVisible();
    // Every form marks a refused field alike (components/ui/form.tsx, formFields): invalid, and described by its error.
    await expect(create.locator("#source-name")).toHaveAttribute("aria-invalid", "true");
    await expect(create.locator("#source-name")).toHaveAttribute("aria-describedby", "source-name-error");
    await expect(create.locator("#source-url")).not.toHaveAttribute("aria-invalid", "true");
    expect((await snapshot(server)).events, "source with NUL: nothing stored").toBe(before.events);
    const name = `${payload(2)} ${unique("form-src")}`;
    await create.locator("#source-name").fill(name);
    await create.locator("#source-rationale").fill(payload(5));
    await create.getByRole("button", { name: "Add source" }).click();
    await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}/);
    await expectInert(page, new URL(page.url()).pathname, [name, payload(5)]);
  });

  test("an upload with a markup filename, through the page", async ({ browser }) => {
    const page = await (await contextFor(browser, "reviewer")).newPage();
    const item = await uploadText(server, "reviewer", world.open.id, FILENAMES.find((f) => f.id === "markup")!.value);
    await expectInert(page, `/evidence/${item.id}`, ["window.__pwned='filename'"]);
    await expectInert(page, `/claims/${world.open.id}`, []);
  });
});
