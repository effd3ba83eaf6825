import type { Browser, BrowserContext, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { builtActions, readActionAnswer, sendAction } from "./security/support/actions";
import { DEMO_PASSWORD, expect, PEOPLE, type Person, test } from "./support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

/**
 * Second factors (issue 19): the two-factor policy an admin sets, enrolment of a person who must
 * have one, codes from an authenticator app (computed here from the secret the page shows), a
 * recovery code that works once, passkeys through Chromium's virtual authenticator, and guessing
 * limited. On a server of its own, so the policy and the lockout touch no other test. The site is
 * addressed as `localhost` (a WebAuthn relying party is a domain, never an IP address).
 */

let server: TestServer;
let dataDir: string;
let base: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = newDataDir();
  server = await startServer(dataDir);
  base = server.base.replace("127.0.0.1", "localhost");
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeDataDir(dataDir);
});

/** The code an authenticator app shows, `steps` periods from now. */
function codeOf(secret: string, steps = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + steps * 30_000 });
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base });
  return { context, page: await context.newPage() };
}

/** The sign-in form with the demo password; resolves once the browser has left /login (or stayed, refused). */
async function signIn(page: Page, person: Person, callbackUrl = "/claims") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(PEOPLE[person].email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/settings") && !url.pathname.startsWith("/claims"));
  expect((await page.context().cookies()).some((c) => c.name.endsWith("authjs.session-token"))).toBe(false);
}

/** A code at the second-factor page; resolves once the action has answered (and, when `refused`, the form has settled). */
async function giveCode(page: Page, code: string, { refused = false } = {}) {
  await page.getByLabel("Code", { exact: true }).fill(code);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login/verify");
  await page.getByRole("button", { name: "Verify" }).click();
  await answered;
  if (refused) await expect(page.getByRole("button", { name: "Verify" })).toBeEnabled();
}

/** Sets up the app on the page shown (enrolment or the security page): answers the secret and the recovery codes shown once. */
async function setUpApp(page: Page) {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  expect(await page.getByTestId("totp-qr").locator("path").getAttribute("d")).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // A wrong code keeps the app off.
  await page.getByLabel("Code from the app").fill(String((Number(codeOf(secret)) + 1) % 1_000_000).padStart(6, "0"));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("form-error")).toContainText("That code is not right");
  await expect(page.getByRole("button", { name: "Turn on" })).toBeEnabled();
  await page.getByLabel("Code from the app").fill(codeOf(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("totp-done").getByTestId("form-success")).toHaveText("The authenticator app is on.");
  const codes = await page.getByTestId("recovery-code").allInnerTexts();
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

/** What a session cookie gets from a page, the API and a server action. */
async function reach(context: BrowserContext) {
  const page = await context.request.get("/claims", { maxRedirects: 0 });
  const api = await context.request.get("/api/v1/claims");
  const action = builtActions().find((a) => a.file === "app/(workspace)/settings/actions.ts" && a.name === "savePreferencesAction")!;
  const answer = await sendAction(context.request, action, { bound: [], fields: { revealGraphicMedia: "on" } }, {}, { Origin: base });
  const posted = readActionAnswer(answer.status(), answer.headers(), await answer.text());
  return { page: `${page.status()} ${page.headers().location ?? ""}`, api: api.status(), action: posted.status };
}

const enrolled: { secret: string; codes: string[] } = { secret: "", codes: [] };

test("the policy: an editor who must enrol, signed in with the password alone, gets nothing but enrolment until they do", async ({ browser }) => {
  const admin = await newPage(browser);
  const editor = await newPage(browser);
  try {
    await signIn(admin.page, "admin");
    await admin.page.getByRole("link", { name: "Security" }).click();
    await expect(admin.page.getByRole("heading", { name: "Two-factor policy" })).toBeVisible();
    await admin.page.getByLabel("editor must use a second factor").check();
    await admin.page.getByRole("button", { name: "Save policy" }).click();
    await expect(admin.page.getByTestId("form-success")).toHaveText("Two-factor policy saved.");
    // Nobody else may read or change it.
    await signIn(editor.page, "editor", "/admin/security");
    await expect(editor.page).toHaveURL(/\/enrol\?callbackUrl=%2Fadmin%2Fsecurity$/);

    await expect(editor.page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();
    expect(await reach(editor.context)).toEqual({ page: "307 /enrol?callbackUrl=%2Fclaims", api: 401, action: 401 });
    await editor.page.goto("/settings");
    await expect(editor.page).toHaveURL(/\/enrol\?callbackUrl=%2Fsettings$/);
    // The second-factor page is not a way round: this session owes none, it must enrol.
    await editor.page.goto("/login/verify");
    await expect(editor.page).toHaveURL(/\/enrol\?/);

    Object.assign(enrolled, await setUpApp(editor.page));
    await editor.page.getByTestId("enrol-continue").click();
    await expect(editor.page).toHaveURL(/\/claims$/);
    expect(await reach(editor.context)).toEqual({ page: "200 ", api: 200, action: 200 });
    // The admin's policy page, for an editor, is the 404 page.
    const policy = await editor.context.request.get("/admin/security");
    expect(policy.status()).toBe(404);
  } finally {
    await admin.page.goto("/admin/security");
    await admin.page.getByLabel("editor must use a second factor").uncheck();
    await admin.page.getByRole("button", { name: "Save policy" }).click();
    await expect(admin.page.getByTestId("form-success")).toBeVisible();
    await admin.context.close();
    await editor.context.close();
  }
});

test("signing in owes the second factor: wrong and reused codes refused, a recovery code works once, the app's next code opens", async ({ browser }) => {
  expect(enrolled.secret, "enrolled by the test before").not.toBe("");
  const [first, second, third] = [await newPage(browser), await newPage(browser), await newPage(browser)];
  try {
    await signIn(first.page, "editor");
    await expect(first.page).toHaveURL(/\/login\/verify\?callbackUrl=%2Fclaims$/);
    await expect(first.page.getByRole("heading", { name: "One more step" })).toBeVisible();
    expect(await reach(first.context)).toEqual({ page: "307 /login/verify?callbackUrl=%2Fclaims", api: 401, action: 401 });

    await giveCode(first.page, "000000" === codeOf(enrolled.secret, 1) ? "111111" : "000000", { refused: true });
    await expect(first.page.getByTestId("form-error")).toContainText("That code is not right");
    await giveCode(first.page, enrolled.codes[0]);
    await expect(first.page).toHaveURL(/\/claims$/);
    await expect(first.page.getByRole("heading", { name: "Review queue" })).toBeVisible();

    // The recovery code is spent; the app's code of the next step opens the session.
    await signIn(second.page, "editor");
    await expect(second.page).toHaveURL(/\/login\/verify/);
    await giveCode(second.page, enrolled.codes[0], { refused: true });
    await expect(second.page.getByTestId("form-error")).toContainText("That code is not right");
    await expect(second.page).toHaveURL(/\/login\/verify/);
    const code = codeOf(enrolled.secret, 1);
    await giveCode(second.page, code);
    await expect(second.page).toHaveURL(/\/claims$/);
    expect(await reach(second.context)).toEqual({ page: "200 ", api: 200, action: 200 });

    // The same code, seconds later in another browser, is refused: its step was used.
    await signIn(third.page, "editor");
    await giveCode(third.page, code);
    await expect(third.page.getByTestId("form-error")).toContainText("That code has already been used.");
    await expect(third.page).toHaveURL(/\/login\/verify/);

    await second.page.goto("/settings/security");
    await expect(second.page.getByTestId("recovery-left")).toHaveText("9 unused codes left.");
  } finally {
    for (const { context } of [first, second, third]) await context.close();
  }
});

test("a passkey from Chromium's virtual authenticator: added on the security page, then the second factor of a sign-in", async ({ browser }) => {
  const { context, page } = await newPage(browser);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await signIn(page, "reviewer");
    await expect(page).toHaveURL(/\/claims$/);
    await page.goto("/settings/security");
    await page.getByLabel("Name").fill("Work laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect(page.getByTestId("form-success")).toHaveText("The passkey was added.");
    await expect(page.getByTestId("recovery-code")).toHaveCount(10);
    await expect(page.getByTestId("passkey-name")).toHaveText(["Work laptop"]);

    await signOut(page);
    await signIn(page, "reviewer");
    await expect(page).toHaveURL(/\/login\/verify/);
    await page.getByRole("button", { name: "Use a passkey or security key" }).click();
    await expect(page).toHaveURL(/\/claims$/);
    await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
    await page.goto("/settings/security");
    await expect(page.getByTestId("passkey-list")).toContainText("last used");

    // Removed, it is gone, and with it the last factor: the recovery codes go too.
    await page.getByTestId("passkey-remove").getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Yes, go ahead" }).click();
    await expect(page.getByTestId("passkey-list")).toHaveCount(0);
    await expect(page.getByText("No passkey yet.")).toBeVisible();
    await expect(page.getByTestId("recovery-left")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("guessing codes is limited: after five wrong codes even the right one must wait", async ({ browser }) => {
  const { context, page } = await newPage(browser);
  try {
    await signIn(page, "editor2");
    await page.goto("/settings/security");
    const { secret } = await setUpApp(page);
    await expect(page.getByTestId("totp-status")).toContainText("On since");
    await signOut(page);

    await signIn(page, "editor2");
    await expect(page).toHaveURL(/\/login\/verify/);
    const wrong = codeOf(secret, 1) === "000000" ? "111111" : "000000";
    // The wrong code at enrolment counted too: four more reach the limit of five.
    for (let i = 0; i < 4; i++) {
      await giveCode(page, wrong, { refused: true });
      await expect(page.getByTestId("form-error")).toContainText("That code is not right");
    }
    await giveCode(page, codeOf(secret, 1));
    await expect(page.getByTestId("form-error")).toHaveText(/^Too many wrong codes\. Try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/login\/verify/);
    expect((await reach(context)).api).toBe(401);
  } finally {
    await context.close();
  }
});
