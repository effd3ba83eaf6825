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
