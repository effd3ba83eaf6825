import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, PEOPLE, test } from "./support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";
import { startSmtp, type TestSmtp } from "./support/smtp";

/**
 * A person's own account with mail that really leaves (issue 19): the app on a server of its own,
 * sending through a real SMTP server on loopback (`SMTP_URL`); the links in mail name `PUBLIC_URL`.
 * Password reset end to end (request, receive, follow, reset; the old session and the old password
 * refused, the new one works; an unknown address gets the same page and no mail; a used or forged
 * link refused), then the settings' sessions and password change. Passwords change here, so the
 * server is this file's own.
 */

const PUBLIC_URL = "http://corroborate.test";
const NEW_PASSWORD = "a brand new long passphrase";

let smtp: TestSmtp;
let server: TestServer;
let dataDir: string;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  smtp = await startSmtp();
  dataDir = newDataDir();
  server = await startServer(dataDir, { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: "Corroborate <no-reply@corroborate.test>" });
});
test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeDataDir(dataDir);
  await smtp?.close();
});

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.base });
  return { context, page: await context.newPage() };
}

async function signInByForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signed in: on the person's start page (the queue, or a submitter's own submissions), not the sign-in form. */
async function expectSignedIn(page: Page) {
  await expect(page).toHaveURL(/\/(claims|my-submissions)$/);
}

async function requestReset(page: Page, email: string) {
  await page.goto("/login");
  await page.getByTestId("forgot-link").click();
  await expect(page).toHaveURL(/\/login\/forgot$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("If an active account has this address, a link is on its way. Check your inbox, and your spam folder.");
}

/** The reset link in a message: it must name PUBLIC_URL; the test follows its path on this server. */
function resetPathIn(text: string): string {
  const match = new RegExp(`${PUBLIC_URL}(/reset-password/[A-Za-z0-9_-]{43})\\b`).exec(text);
  expect(match, `a reset link on ${PUBLIC_URL} in:\n${text}`).not.toBeNull();
  return match![1];
}

let usedResetPath = "";

test("a forgotten password is reset from the e-mailed link: every session ends, the old password is refused, the new one works", async ({ browser }) => {
  const email = PEOPLE.submitter.email;
  const old = await newPage(browser);
  const fresh = await newPage(browser);
  try {
    await signInByForm(old.page, email, DEMO_PASSWORD);
    await expectSignedIn(old.page);

    const since = smtp.received.length;
    await requestReset(fresh.page, email);
    const mail = await smtp.waitForMail(email, /^Reset your Corroborate password$/, { since });
    expect(mail.text).toContain("for one hour");
    const path = resetPathIn(mail.text);

    await fresh.page.goto(path);
    await expect(fresh.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    // Typed two ways: refused, the link still works.
    await fresh.page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await fresh.page.getByLabel("New password, again").fill(`${NEW_PASSWORD}!`);
    await fresh.page.getByRole("button", { name: "Save the new password" }).click();
    await expect(fresh.page.getByText("The two passwords are not the same.")).toBeVisible();
    await expect(fresh.page.getByLabel("New password", { exact: true })).toHaveValue("");
    await fresh.page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await fresh.page.getByLabel("New password, again").fill(NEW_PASSWORD);
    await fresh.page.getByRole("button", { name: "Save the new password" }).click();
    await expect(fresh.page).toHaveURL(/\/login\?reset=1$/);
    await expect(fresh.page.getByTestId("form-success")).toHaveText("Your password was changed. Sign in with the new one.");
    usedResetPath = path;

    const told = await smtp.waitForMail(email, /^Your Corroborate password was changed$/, { since });
    expect(told.text).toContain("reset from an e-mailed link");

    // The session from before the reset opens nothing.
    await old.page.goto("/claims");
    await expect(old.page).toHaveURL(/\/login\?callbackUrl=/);

    await signInByForm(fresh.page, email, DEMO_PASSWORD);
    await expect(fresh.page.getByTestId("form-error")).toHaveText("The e-mail or password is not right.");
    await signInByForm(fresh.page, email, NEW_PASSWORD);
    await expectSignedIn(fresh.page);
  } finally {
    await old.context.close();
    await fresh.context.close();
  }
});

test("an unknown address gets the same answer and no mail; a used, a forged and a malformed link are refused", async ({ browser }) => {
  const { context, page } = await newPage(browser);
  try {
    const since = smtp.received.length;
    const unknown = `nobody-${Date.now()}@corroborate.test`;
    await requestReset(page, unknown);
    // A known address asked after it: once its mail is here, the unknown one's would have been too.
    await requestReset(page, PEOPLE.reviewer.email);
    await smtp.waitForMail(PEOPLE.reviewer.email, /^Reset your Corroborate password$/, { since });
    expect(smtp.received.slice(since).filter((m) => m.to.includes(unknown))).toEqual([]);

    expect(usedResetPath, "the first test's link").not.toBe("");
    for (const path of [usedResetPath, `/reset-password/${"A".repeat(43)}`, "/reset-password/not-a-token"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "This link no longer works" }), path).toBeVisible();
      await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
      await page.getByTestId("ask-again").click();
      await expect(page).toHaveURL(/\/login\/forgot$/);
    }
    // The sign-in with the first test's new password still works: nothing was reset again.
    await signInByForm(page, PEOPLE.submitter.email, NEW_PASSWORD);
    await expectSignedIn(page);
  } finally {
    await context.close();
  }
});

test("a link used up while its page was open is refused on sending, with a way to ask again", async ({ browser }) => {
  const { context, page } = await newPage(browser);
  try {
    const email = PEOPLE.reviewer.email;
    const since = smtp.received.length;
    await requestReset(page, email);
    const path = resetPathIn((await smtp.waitForMail(email, /^Reset your Corroborate password$/, { since })).text);
    await page.goto(path);
    // A newer link supersedes this one.
    const second = await newPage(browser);
    await requestReset(second.page, email);
    await second.context.close();
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password, again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByTestId("form-error")).toContainText("This reset link has expired or has already been used.");
    await page.getByTestId("form-links").getByRole("link", { name: "Ask for a new link" }).click();
    await expect(page).toHaveURL(/\/login\/forgot$/);
    // The reviewer's password is unchanged.
    await signInByForm(page, email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/claims$/);
  } finally {
    await context.close();
  }
});

test("settings: the sessions are listed with this one marked; ending another signs it out; a password change ends the others, with a mail", async ({ browser }) => {
  const email = PEOPLE.editor.email;
  const here = await newPage(browser);
  const other = await newPage(browser);
  const third = await newPage(browser);
  try {
    for (const { page } of [other, third, here]) {
      await signInByForm(page, email, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/claims$/);
    }
    await here.page.goto("/settings");
    const rows = here.page.getByTestId("session-row");
    await expect(rows).toHaveCount(3);
    const current = here.page.locator('[data-testid="session-row"][data-current="true"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText("This device");
    await expect(current).toContainText("Chrome on Linux");
    await expect(rows.first()).toHaveAttribute("data-current", "true");

    // End one of the others: that browser is signed out on its next request.
    await rows.nth(1).getByRole("button", { name: "End session" }).click();
    await expect(rows).toHaveCount(2);
    const signedOut = [other, third];
    const results = await Promise.all(signedOut.map(async ({ page }) => (await page.goto("/claims"), new URL(page.url()).pathname)));
    expect(results.filter((p) => p === "/login")).toHaveLength(1);
    const survivor = signedOut[results.indexOf("/claims")];

    // Password change: a wrong current password is refused and nothing is kept in the fields.
    const form = here.page.getByTestId("password-form");
    await form.getByLabel("Current password").fill("not the password");
    await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel("New password, again").fill(NEW_PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("The current password is not right.")).toBeVisible();
    await expect(form.getByLabel("Current password")).toHaveValue("");
    const since = smtp.received.length;
    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel("New password, again").fill(NEW_PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByTestId("form-success")).toHaveText("Password changed. 1 other session was ended.");
    const mail = await smtp.waitForMail(email, /^Your Corroborate password was changed$/, { since });
    expect(mail.text).not.toContain(NEW_PASSWORD);

    await survivor.page.goto("/claims");
    await expect(survivor.page).toHaveURL(/\/login\?callbackUrl=/);
    await here.page.goto("/claims");
    await expect(here.page).toHaveURL(/\/claims$/);

    // Ending this one is signing out here.
    await here.page.goto("/settings");
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole("button", { name: "Sign out here" }).click();
    await expect(here.page).toHaveURL(/\/login/);
    await here.page.goto("/settings");
    await expect(here.page).toHaveURL(/\/login\?callbackUrl=/);
  } finally {
    for (const { context } of [here, other, third]) await context.close();
  }
});
