import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import sharp from "sharp";
import { bearer, claimInReview, getClaimApi, publishedClaim, submitClaimApi, textFile, uniqueWord } from "./support/api";
import { expect, type Person, signedInContext, test } from "./support/fixtures";
import { DOCUMENT_CSS_SOURCE } from "@/lib/public-pages/styles";
import { MAP_TILE_ORIGIN, parseContentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * Security headers on every kind of answer (issue 8): a Content-Security-Policy whose scripts need
 * this request's nonce on pages React renders per request; on the public site's documents (issue
 * 22) a policy that runs no script at all and admits their one stylesheet by its hash; a fixed
 * policy on the API; no framing, no sniffing, a referrer policy, and HSTS only when the request
 * came over HTTPS. In the browser, no page of the app trips its own policy.
 */

type Policy = Map<string, string[]>;

function policyOf(response: APIResponse): Policy {
  const values = response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(values, `one policy on ${response.url()}`).toHaveLength(1);
  const policy: Policy = new Map();
  for (const part of values[0].value.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

/** The sources scripts may come from (script-src, or default-src in its absence). */
const scriptSources = (policy: Policy) => policy.get("script-src") ?? policy.get("default-src") ?? [];
const nonceOf = (policy: Policy) => scriptSources(policy).find((s) => s.startsWith("'nonce-"))?.slice(7, -1);

/** The attributes of every script tag that would run (JSON-LD and other data blocks excluded). */
function runnableScripts(html: string): Record<string, string>[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => Object.fromEntries([...m[1].matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? ""])))
    .filter((attributes) => !attributes.type || /^(module|text\/javascript)$/.test(attributes.type));
}

/** Headers every HTML answer carries, whatever its script policy. */
function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["content-type"], what).toContain("text/html");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["strict-transport-security"], `${what}: no HSTS over plain HTTP`).toBeUndefined();
  const policy = policyOf(response);
  expect(policy.get("frame-ancestors"), what).toEqual(["'none'"]);
  // object-src falls back to default-src; base-uri, form-action and frame-ancestors do not.
  expect(policy.get("object-src") ?? policy.get("default-src"), what).toEqual(["'none'"]);
  expect(policy.get("base-uri"), what).toEqual(["'none'"]);
  expect(policy.get("form-action"), what).toEqual(["'self'"]);
  expect(scriptSources(policy), what).not.toContain("'unsafe-eval'");
  for (const sources of policy.values()) expect(sources.filter((s) => s === "*" || s.endsWith(":")), what).toEqual([]);
  return policy;
}

/** A page rendered for this request: scripts only with this request's nonce, never inline or eval. */
async function expectNoncePolicy(response: APIResponse, what: string) {
  const policy = expectCommonHeaders(response, what);
  expect(scriptSources(policy), what).not.toContain("'unsafe-inline'");
  expect(scriptSources(policy), what).toContain("'strict-dynamic'");
  const nonce = nonceOf(policy);
  expect(nonce, `${what}: a nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const scripts = runnableScripts(await response.text());
  expect(scripts.length, `${what}: scripts`).toBeGreaterThan(3);
  for (const script of scripts) expect(script.nonce, `${what}: ${JSON.stringify(script)}`).toBe(nonce);
  return nonce!;
}

/**
 * A public document (lib/public-pages): no script may run, not even inline; its one stylesheet by
 * its hash; pictures from here and the map's tiles; its manifest from here; and the document has no script element but
 * JSON-LD data. The policy is the document's own, not the page policy next.config.ts gives files.
 */
async function expectDocumentPolicy(response: APIResponse, what: string) {
  const policy = expectCommonHeaders(response, what);
  expect(policy.get("default-src"), what).toEqual(["'none'"]);
  expect(policy.has("script-src"), what).toBe(false);
  expect(policy.get("style-src"), what).toEqual([DOCUMENT_CSS_SOURCE]);
  expect(policy.get("img-src"), what).toEqual(["'self'", MAP_TILE_ORIGIN]);
  expect(policy.get("manifest-src"), what).toEqual(["'self'"]);
  expect(runnableScripts(await response.text()), what).toEqual([]);
  return policy;
}

async function get(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const response = await request.get(path, { headers, maxRedirects: 0 });
  expect(response.status(), path).toBeLessThan(500);
  return response;
}

/** The pages each role sees, on a claim in review with an item (and its own entry page). */
async function workspacePages(request: APIRequestContext) {
  const claim = await claimInReview(request, { title: `Headers ${uniqueWord("hdr")}` });
  const full = (await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer("reviewer") })).json()) as { evidence: { id: string }[] };
  const evidenceId = full.evidence[0].id;
  const pages: Record<Exclude<Person, "editor2">, string[]> = {
    submitter: ["/claims/new", "/my-submissions", `/claims/${claim.id}`, "/settings"],
    reviewer: ["/claims", `/claims/${claim.id}`, `/evidence/${evidenceId}`, `/evidence/${evidenceId}/custody`, "/sources", "/persons", "/figures"],
    editor: [`/claims/${claim.id}`, `/claims/${claim.id}/preview`],
    admin: ["/admin/audit", "/claims"],
  };
  return { claim, evidenceId, pages };
}

test("every HTML page carries a strict policy; pages rendered per request require their own nonce on every script", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const entry = await publishedClaim(request, { title: `Sealed entry ${uniqueWord("hdr")}` });

  // Signed out: sign-in, rendered by React per request.
  for (const path of ["/login", "/login?callbackUrl=%2Fclaims"]) {
    await expectNoncePolicy(await get(request, path), path);
  }
  // The public site's documents, in each language, and the 404s (an address naming no page, one
  // under a language, one under an entry's address): no script, their own policy.
  for (const path of ["/", "/ar", "/?q=x&kind=video", "/methodology", "/ar/methodology", `/no-such-page-${uniqueWord()}`, "/ar/no-such-page", "/entries/no-such-entry"]) {
    await expectDocumentPolicy(await get(request, path), path);
  }
  // A signed-out visit to the workspace is redirected, under the same policy.
  const redirect = await get(request, "/claims");
  expect(redirect.status()).toBe(307);
  expect(nonceOf(policyOf(redirect))).toBeTruthy();

  // Signed in, as each role.
  const { pages } = await workspacePages(request);
  for (const [person, paths] of Object.entries(pages) as [Person, string[]][]) {
    const context = await signedInContext(browser, baseURL!, person);
    try {
      for (const path of paths) {
        const response = await get(context.request, path);
        expect(response.status(), `${person} ${path}`).toBe(200);
        await expectNoncePolicy(response, `${person} ${path}`);
      }
    } finally {
      await context.close();
    }
  }

  // An entry's page is the document sealed at its publication, the same bytes for every reader:
  // its own policy reaches the reader (next.config.ts's page policy for files does not replace
  // it), in each language, at the entry's address and the version's, and with a 304.
  for (const path of [`/entries/${entry.publicSlug}`, `/ar/entries/${entry.publicSlug}`, `/entries/${entry.publicSlug}/v/1`, `/ar/entries/${entry.publicSlug}/v/1`]) {
    const response = await get(request, path);
    expect(response.status(), path).toBe(200);
    await expectDocumentPolicy(response, path);
    const again = await get(request, path, { "if-none-match": response.headers().etag });
    expect(again.status(), path).toBe(304);
    expect(parseContentSecurityPolicy(again.headers()["content-security-policy"] ?? "").get("default-src"), `${path} (304)`).toEqual(["'none'"]);
  }

  // Auth.js's error page is the sign-in page (pages.error): it says what went wrong under the sign-in page's own policy.
  const authError = await get(request, "/api/auth/error?error=AccessDenied");
  expect(authError.status()).toBe(302);
  expect(new URL(authError.headers().location ?? "", baseURL).pathname + new URL(authError.headers().location ?? "", baseURL).search).toBe("/login?error=AccessDenied");
  await expectNoncePolicy(await get(request, "/login?error=AccessDenied"), "sign-in after an Auth.js error");
});

test("API answers may load and run nothing, and are sandboxed if opened as a document", async ({ request }) => {
  const claim = await submitClaimApi(request);
  for (const [path, headers] of [
    ["/api/v1/health", {}],
    ["/api/v1/public/entries", {}],
    ["/api/v1/public/feed.atom", {}],
    [`/api/v1/claims/${claim.id}`, bearer("reviewer")],
    ["/api/v1/no-such-route", {}],
  ] as const) {
    const response = await get(request, path, headers);
    const policy = policyOf(response);
    expect(policy.get("default-src"), path).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(policy.has("sandbox"), path).toBe(true);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
  }
});

test("each page load gets a nonce of its own", async ({ browser, baseURL, request }) => {
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) seen.add(await expectNoncePolicy(await get(request, "/login"), "/login"));
  for (let i = 0; i < 2; i++) seen.add(await expectNoncePolicy(await get(request, "/login/forgot"), "/login/forgot"));
  const context = await signedInContext(browser, baseURL!, "reviewer");
  try {
    for (let i = 0; i < 2; i++) seen.add(await expectNoncePolicy(await get(context.request, "/claims"), "/claims"));
  } finally {
    await context.close();
  }
  expect(seen.size).toBe(7);
});

test("over HTTPS (as the TLS proxy says) every answer asks browsers to keep to HTTPS for a year or more", async ({ request }) => {
  const entry = await publishedClaim(request, { title: `HSTS entry ${uniqueWord("hsts")}` });
  for (const path of ["/", "/login", "/claims", `/entries/${entry.publicSlug}`, "/api/v1/health", "/api/v1/public/entries", `/no-such-page-${uniqueWord()}`]) {
    const over = (proto: string) => get(request, path, { "X-Forwarded-Proto": proto });
    const hsts = (await over("https")).headers()["strict-transport-security"];
    expect(hsts, path).toBeDefined();
    const maxAge = Number(/(?:^|;\s*)max-age=(\d+)/i.exec(hsts)?.[1]);
    expect(maxAge, path).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
    expect(hsts, path).toMatch(/(?:^|;\s*)includeSubDomains(?:;|$)/);
    expect((await over("http")).headers()["strict-transport-security"], `${path} over http`).toBeUndefined();
  }
});

/**
 * Collects every CSP violation the page reports: the DOM event (an init script runs before the
 * page's own, outside its policy) and Chromium's console message.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
    document.addEventListener("securitypolicyviolation", (e) => found.push(`${location.pathname}: ${e.effectiveDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

/** Open a public document: it answers, runs no script, and its one stylesheet applies under its policy. */
async function visitDocument(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  await expect(page.locator("header.top .wrap"), `${path}: its stylesheet applies`).toHaveCSS("display", "flex");
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.type !== "application/ld+json").length), path).toBe(0);
}

/** Open a page, and wait until React has taken it over: its scripts, inline data included, ran. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$"))), { message: `${path} hydrated` })
    .toBe(true);
}

test("no page trips its own policy in the browser: public pages, the map, sign-in, and each role's workspace", async ({ browser, baseURL, page, request }) => {
  test.setTimeout(180_000);
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#e7e5e4" } }).png().toBuffer();
  const tiles: string[] = [];
  const tileReferers = new Set<string | undefined>();
  const entry = await publishedClaim(request, {
    title: `Mapped entry ${uniqueWord("map")}`,
    latitude: 35.18,
    longitude: 35.95,
    placePrecision: "locality",
    placeName: "Baniyas",
  });

  // Signed out: the public site, the entry's map with its tiles, and signing in through the form.
  const violations = await watchViolations(page);
  await page.route(/^https:\/\/tile\.openstreetmap\.org\//, (route) => {
    tiles.push(route.request().url());
    tileReferers.add(route.request().headers()["referer"]);
    return route.fulfill({ status: 200, contentType: "image/png", body: tile });
  });
  // The public documents: no script to run, their stylesheet applied (the header is laid out).
  for (const path of ["/", "/ar", "/methodology", "/no-such-page"]) {
    await visitDocument(page, path);
    expect(await violations(), path).toEqual([]);
  }
  await visitDocument(page, `/entries/${entry.publicSlug}`);
  // The map is a picture of the four tiles around the place, loaded as the reader reaches it.
  await page.getByTestId("entry-map").scrollIntoViewIfNeeded();
  await expect.poll(() => tiles.length, { message: "map tiles were requested" }).toBe(4);
  const tile0 = page.getByTestId("entry-map").locator("img").first();
  await expect(tile0).toBeVisible();
  await expect.poll(() => tile0.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  // OSM's tile policy wants a Referer: the site's origin, never the entry's path.
  expect([...tileReferers]).toEqual([`${new URL(baseURL!).origin}/`]);
  expect(await violations()).toEqual([]);
  // From the entry to sign-in is a full page load (the workspace starts under a nonce policy).
  await page.getByRole("link", { name: "Workspace sign-in" }).click();
  await page.waitForURL(/\/login$/);
  await expect.poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$")))).toBe(true);
  await page.getByLabel("E-mail").fill("reviewer@demo.test");
  await page.getByLabel("Password").fill("corroborate-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/claims$/);
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  expect(await violations()).toEqual([]);

  // Each role's pages; the reviewer also uploads a file (resumable upload from the browser).
  const { claim, pages } = await workspacePages(request);
  for (const [person, paths] of Object.entries(pages) as [Person, string[]][]) {
    const context = await signedInContext(browser, baseURL!, person);
    try {
      const rolePage = await context.newPage();
      const roleViolations = await watchViolations(rolePage);
      for (const path of paths) {
        await visit(rolePage, path);
        expect(await roleViolations(), `${person} ${path}`).toEqual([]);
      }
      if (person === "reviewer") {
        await visit(rolePage, `/claims/${claim.id}`);
        const file = textFile(`${uniqueWord("csp")}.txt`);
        await rolePage.getByTestId("file-input").setInputFiles([file]);
        await expect(rolePage.getByTestId("upload-item").filter({ hasText: file.name })).toContainText("Preserved", { timeout: 30_000 });
        expect(await roleViolations(), "upload").toEqual([]);
      }
    } finally {
      await context.close();
    }
  }
  expect((await getClaimApi(request, claim.id)).state).toBe("review");
});
