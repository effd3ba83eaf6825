import type { Page } from "@playwright/test";
import { submitClaimApi, uniqueWord } from "./support/api";
import { DEMO_PASSWORD, expect, PEOPLE, test } from "./support/fixtures";

/**
 * Signing in and out through the UI. Failed sign-ins count against the caller's address as well as
 * the account; the tests that fail on purpose come from addresses of their own (as clients behind
 * a proxy would), so they never use up the shared local address's allowance.
 */

const GENERIC = "The e-mail or password is not right.";
let addressCounter = 0;
const ownAddress = () => `198.51.100.${(Date.now() + ++addressCounter) % 250 + 1}`;

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

/** A sign-in that is refused: waits until the form has settled (React resets it), so the next fill sticks. */
async function failSignIn(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
}

async function hasSession(page: Page) {
  return (await page.context().cookies()).some((c) => c.name.endsWith("authjs.session-token"));
}

test("a reviewer signs in at /login and lands on the queue", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to the workspace" })).toBeVisible();
  await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/claims$/);
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText(PEOPLE.reviewer.name);
  expect(await hasSession(page)).toBe(true);
  // Signed in, /login sends you on.
  await page.goto("/login");
  await expect(page).toHaveURL(/\/claims$/);
});

test("a wrong password and an unknown e-mail get the same message", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ownAddress() } });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await failSignIn(page, PEOPLE.editor.email, "not-the-password");
    await expect(page.getByTestId("form-error")).toHaveText(GENERIC);
    await expect(page).toHaveURL(/\/login/);
    expect(await hasSession(page)).toBe(false);
    // The e-mail is kept, the password is not.
    await expect(page.getByLabel("E-mail")).toHaveValue(PEOPLE.editor.email);

    await page.goto("/login");
    await failSignIn(page, `nobody-${uniqueWord()}@example.test`, "whatever-password");
    await expect(page.getByTestId("form-error")).toHaveText(GENERIC);
    expect(await hasSession(page)).toBe(false);

    await page.goto("/claims");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fclaims$/);
  } finally {
    await context.close();
  }
});

test("a signed-out visit to a claim goes to /login and back to the claim after signing in", async ({ page, request }) => {
  const claim = await submitClaimApi(request, { title: `Deep link claim ${uniqueWord()}` });
  await page.goto(`/claims/${claim.id}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(`/claims/${claim.id}`)}$`));
  await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  await expect(page.getByTestId("claim-title")).toHaveText(claim.title);
});

test("a callbackUrl to another site is not followed", async ({ page, baseURL }) => {
  const offsite: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!)) offsite.push(r.url());
  });
  await page.route((url) => url.hostname === "evil.example", (route) => route.abort());

  await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/x")}`);
  await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== "/login");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(offsite).toEqual([]);

  // A protocol-relative address is not followed either.
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("//evil.example/x")}`);
  await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/claims$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(offsite).toEqual([]);
});

/**
 * Issue 14, finding 4: every way we know of writing a callbackUrl that leaves the site, as it would
 * sit in a crafted link's query (already percent-encoded where a link would be). Signing in, and
 * visiting /login signed in, must land on this site, and a newline must not make either a 500.
 */
const REDIRECT_BYPASSES: [string, string][] = [
  ["tab", encodeURIComponent("/\t/evil.example")],
  ["newline", encodeURIComponent("/\n/evil.example")],
  ["raw %09", "/%09/evil.example"],
  ["raw %0A", "/%0A/evil.example"],
  ["raw %0D", "/%0D/evil.example"],
  ["raw %0D%0A header", "/claims%0D%0ASet-Cookie:%20x=1"],
  ["double-encoded %0A", encodeURIComponent("/%0A/evil.example")],
  ["double-encoded %0D", encodeURIComponent("/%0D/evil.example")],
  ["double-encoded %09", encodeURIComponent("/%09/evil.example")],
  ["backslash", encodeURIComponent("/\\evil.example")],
  ["backslash first", encodeURIComponent("\\/evil.example")],
  ["encoded backslash", encodeURIComponent("/%5Cevil.example")],
  ["encoded slash", encodeURIComponent("/%2F/evil.example")],
  ["encoded slashes", encodeURIComponent("%2F%2Fevil.example")],
  ["raw encoded slashes", "%2F%2Fevil.example"],
  ["at", encodeURIComponent("/@evil.example")],
  ["userinfo", encodeURIComponent("https://127.0.0.1@evil.example/")],
  ["javascript", encodeURIComponent("javascript:alert(1)")],
  ["mixed-case javascript", encodeURIComponent("JaVaScRiPt:alert(1)")],
  ["data", encodeURIComponent("data:text/html,<script>alert(1)</script>")],
  ["protocol-relative", encodeURIComponent("//evil.example")],
  ["three slashes", encodeURIComponent("///evil.example")],
  ["scheme without slashes", encodeURIComponent("https:evil.example")],
  ["fullwidth slashes", encodeURIComponent("／／evil.example")],
  ["fullwidth host", encodeURIComponent("https://ｅｖｉｌ.example/")],
  ["dot segment", encodeURIComponent("/.//evil.example")],
  ["very long", encodeURIComponent(`/${"a".repeat(5000)}`)],
];

test("no callbackUrl leads off the site, and none makes sign-in fail", async ({ browser, baseURL }) => {
  test.setTimeout(420_000); // 27 sign-ins; 3.9 min on a loaded 2-core machine
  const origin = new URL(baseURL!).origin;
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const offsite: string[] = [];
    const failures: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== origin) offsite.push(r.url());
    });
    page.on("response", (r) => {
      if (r.status() >= 500) failures.push(`${r.status()} ${r.url().slice(0, 200)}`);
    });
    await page.route((url) => url.origin !== origin, (route) => route.abort());
    for (const [label, query] of REDIRECT_BYPASSES) {
      await context.clearCookies();
      await page.goto(`/login?callbackUrl=${query}`);
      await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname !== "/login", { timeout: 10_000 }).catch(() => {});
      const landed = new URL(page.url());
      expect(landed.origin, `${label}: signed in`).toBe(origin);
      expect(landed.pathname, `${label}: signed in`).toMatch(/^\/(?!\/)/);
      expect(landed.pathname, `${label}: signed in`).not.toBe("/login");
      expect(await hasSession(page), `${label}: signed in`).toBe(true);
      // Signed in, /login sends you on at once: through the same check.
      const answer = await page.goto(`/login?callbackUrl=${query}`);
      expect(answer?.status() ?? 0, `${label}: /login signed in`).toBeLessThan(500);
      expect(new URL(page.url()).origin, `${label}: /login signed in`).toBe(origin);
      expect(new URL(page.url()).pathname, `${label}: /login signed in`).not.toBe("/login");
    }
    expect(offsite).toEqual([]);
    expect(failures).toEqual([]);
    // The ones refused outright land on the queue.
    for (const query of [encodeURIComponent("/\t/evil.example"), "/%0A/evil.example", encodeURIComponent("https:evil.example"), encodeURIComponent("/.//evil.example")]) {
      await context.clearCookies();
      await page.goto(`/login?callbackUrl=${query}`);
      await signIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
      await expect(page, query).toHaveURL(new RegExp(`^${origin}/claims$`));
    }
  } finally {
    await context.close();
  }
});

test("failed sign-ins are limited per account: the 6th is refused, and the API answers 429", async ({ browser, baseURL, request }) => {
  const email = `ratelimit-${Date.now()}@example.test`;
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ownAddress() } });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    const error = page.getByTestId("form-error");
    for (let attempt = 1; attempt <= 4; attempt++) {
      await failSignIn(page, email, `wrong-password-${attempt}`);
      await expect(error, `attempt ${attempt}`).toHaveText(GENERIC);
    }
    // The 5th failure uses up the allowance (it may already say so).
    await failSignIn(page, email, "wrong-password-5");
    await expect(error).toHaveText(/^(The e-mail or password is not right\.|Too many failed sign-ins\. Try again in \d+ minutes?\.)$/);

    await failSignIn(page, email, "wrong-password-6");
    await expect(error).toHaveText(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);
    const minutes = Number(/in (\d+) minute/.exec(await error.innerText())![1]);
    expect(minutes).toBeGreaterThanOrEqual(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await hasSession(page)).toBe(false);
  } finally {
    await context.close();
  }

  // The limit is the account's: from another address too, the sign-in endpoint refuses it.
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password: "yet-another-try", csrfToken: csrf.csrfToken, callbackUrl: "/claims" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const body = await response.json();
  expect(body.error.code).toBe("RATE_LIMITED");
  expect(body.error.message).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);

  // Other accounts are not affected.
  const other = await browser.newContext({ baseURL });
  try {
    const page = await other.newPage();
    await page.goto("/login");
    await signIn(page, PEOPLE.editor2.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/claims$/);
  } finally {
    await other.close();
  }
});

test("signing out returns to the public site and closes the workspace", async ({ as }) => {
  const page = await as("reviewer");
  await page.goto("/claims");
  await expect(page.getByTestId("signed-in-as")).toContainText(PEOPLE.reviewer.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Verified entries" })).toBeVisible();
  expect(await hasSession(page)).toBe(false);
  await page.goto("/claims");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fclaims$/);
  await expect(page.getByRole("heading", { name: "Sign in to the workspace" })).toBeVisible();
});
