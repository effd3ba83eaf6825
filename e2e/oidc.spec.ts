import http from "node:http";
import path from "node:path";
import { type Browser, type BrowserContext, request } from "@playwright/test";
import Provider from "oidc-provider";
import { connectPglite } from "@/db/connect";
import { users } from "@/db/schema";
import { DEMO_PASSWORD, PEOPLE } from "./support/fixtures";
import { useSeededFolder } from "./support/seeded-folder";
import { actionKey, builtActions, readActionAnswer, sendAction } from "./security/support/actions";
import { expect, freePort, newDataDir, removeDataDir, startServer, test, type TestServer } from "./support/server";

/**
 * Organisation sign-in over OpenID Connect, against a real identity provider (`oidc-provider`) on
 * loopback, with the app started with OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. The
 * provider's development login takes any name and password: the name is the account, whose
 * claims the table below gives, a role claim among them (which Corroborate must ignore).
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });

const CLIENT_ID = "corroborate-test";
const CLIENT_SECRET = "a-client-secret-for-the-test-only";
const PROVIDER_NAME = "Example Org";

const INVITED = { email: "invited-reviewer@org.test", name: "Invited reviewer" };
const CREATED = { email: "created-editor@org.test", name: "Created editor" };

/** The provider's accounts: the login typed at the provider → its claims (`sub` is the login). */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  // The provider says admin; Corroborate invited this address as a reviewer.
  "invited-reviewer": { email: INVITED.email.toUpperCase(), email_verified: true, role: "admin", roles: ["admin"], groups: ["admins"] },
  "created-editor": { email: CREATED.email, email_verified: true, role: "admin" },
  // A real account at the provider whose address no admin here invited.
  stranger: { email: "stranger@org.test", email_verified: true, role: "admin" },
  // A second account at the provider that claims the invited person's address after they bound theirs.
  impostor: { email: INVITED.email, email_verified: true, role: "admin" },
  // The demo admin's address, at the provider but unverified.
  unverified: { email: PEOPLE.admin.email, email_verified: false },
};

/** The identity provider on 127.0.0.1:port, whose one client redirects to the app at `appBase`. */
async function startIdentityProvider(port: number, appBase: string) {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appBase}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    // The role claims travel with the e-mail, so they do reach the app: it must not use them.
    claims: { openid: ["sub"], email: ["email", "email_verified", "role", "roles", "groups"] },
    findAccount: async (_ctx: unknown, id: string) => (ACCOUNTS[id] ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["a-cookie-key-for-the-test-only"] },
  });
  const authorizations: string[] = [];
  const handle = provider.callback();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/auth?")) authorizations.push(req.url);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { authorizations, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** People as an admin left them: one invited (not yet joined, no password), one created (joined, no password). */
async function addPeople(dataDir: string) {
  useSeededFolder(dataDir);
  const database = connectPglite(path.join(dataDir, "pglite"));
  try {
    await database.db.insert(users).values([
      { email: INVITED.email, name: INVITED.name, role: "reviewer", joinedAt: null },
      { email: CREATED.email, name: CREATED.name, role: "editor", joinedAt: new Date() },
    ]);
  } finally {
    await database.close();
  }
}

/** Through the sign-in page's organisation button, then the provider's login and consent, as `login`. */
async function signInAtProvider(context: BrowserContext, appBase: string, login: string) {
  const page = await context.newPage();
  await page.goto(`${appBase}/login?callbackUrl=%2Fclaims`);
  await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.port === new URL(appBase).port);
  return page;
}

async function hasSession(context: BrowserContext) {
  return (await context.cookies()).some((c) => c.name.endsWith("authjs.session-token") && c.value);
}

async function auditOf(server: TestServer, userId: string) {
  const response = await fetch(`${server.base}/api/v1/audit?entity=user:${userId}`, { headers: { authorization: `Bearer ${server.tokens[PEOPLE.admin.email]}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { type: string; data: Record<string, unknown> }[] }).items;
}

async function withContext<T>(browser: Browser, run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

test.describe("with organisation sign-in and passwords both on", () => {
  let server: TestServer;
  let provider: Awaited<ReturnType<typeof startIdentityProvider>>;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = newDataDir();
    await addPeople(dataDir);
    const providerPort = await freePort();
    server = await startServer(dataDir, {
      OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: PROVIDER_NAME,
    });
    provider = await startIdentityProvider(providerPort, server.base);
  });
  test.afterAll(async () => {
    await provider?.close();
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  test("the sign-in page offers the password form and the organisation's button, in English and Arabic", async ({ browser }, testInfo) => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.base}/login`);
      await expect(page.getByLabel("Password")).toBeVisible();
      await expect(page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath("login-en.png"), fullPage: true });
    });
    const context = await browser.newContext({ locale: "ar" });
    try {
      await context.addCookies([{ name: "corroborate-locale", value: "ar", url: server.base }]);
      const page = await context.newPage();
      await page.goto(`${server.base}/login`);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(page.getByRole("button", { name: `تسجيل الدخول عبر ${PROVIDER_NAME}` })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath("login-ar.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test("an invited e-mail signs in with the role Corroborate gave it, not the provider's role claim, and joins", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await signInAtProvider(context, server.base, "invited-reviewer");
      await expect(page).toHaveURL(`${server.base}/claims`);
      await expect(page.getByTestId("signed-in-as")).toHaveText(`${INVITED.name} · reviewer`);
      // The provider said admin: the session is a reviewer's, who submits claims (an admin does not).
      const session = (await (await page.request.get(`${server.base}/api/auth/session`)).json()) as { user: { role: string; email: string } };
      expect(session.user).toMatchObject({ role: "reviewer", email: INVITED.email });
      await expect(page.getByRole("navigation").getByRole("link", { name: "Submit a claim" })).toBeVisible();
    });
    // PKCE (S256) and state went with the authorization request.
    const asked = new URL(provider.authorizations.at(-1)!, "http://provider");
    expect(asked.searchParams.get("code_challenge_method")).toBe("S256");
    expect(asked.searchParams.get("code_challenge")).toBeTruthy();
    expect(asked.searchParams.get("state")).toBeTruthy();
    expect(asked.searchParams.get("client_id")).toBe(CLIENT_ID);
  });

  test("a person an admin created (joined, no password) signs in with their role", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await signInAtProvider(context, server.base, "created-editor");
      await expect(page).toHaveURL(`${server.base}/claims`);
      await expect(page.getByTestId("signed-in-as")).toHaveText(`${CREATED.name} · editor`);
    });
  });

  test("an unknown e-mail is refused with a clear message, and no session", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await signInAtProvider(context, server.base, "stranger");
      await expect(page).toHaveURL(/\/login\?error=not_invited$/);
      await expect(page.getByTestId("form-error")).toHaveText(
        "Your organisation's sign-in worked, but no active account in this workspace has that e-mail address. People join only when an admin invites them: ask an admin.",
      );
      expect(await hasSession(context)).toBe(false);
      expect((await page.goto(`${server.base}/claims`))?.url()).toContain("/login");
    });
  });

  test("an unverified e-mail matches no one, even an existing admin's", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await signInAtProvider(context, server.base, "unverified");
      await expect(page).toHaveURL(/\/login\?error=unverified$/);
      await expect(page.getByTestId("form-error")).toContainText("did not confirm your e-mail address");
      expect(await hasSession(context)).toBe(false);
    });
  });

  test("another identity at the provider with the bound person's e-mail is refused (identity_mismatch)", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await signInAtProvider(context, server.base, "impostor");
      await expect(page).toHaveURL(/\/login\?error=identity_mismatch$/);
      await expect(page.getByTestId("form-error")).toHaveText("This account is linked to a different identity at your organisation. Ask an admin of this workspace.");
      expect(await hasSession(context)).toBe(false);
    });
  });

  test("a forged return from the provider (no state cookie, a made-up code) opens nothing and says the sign-in did not work", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.base}/api/auth/callback/oidc?code=forged&state=forged`);
      await expect(page).toHaveURL(/\/login\?error=/);
      await expect(page.getByTestId("form-error")).toHaveText("Signing in through your organisation did not work. Try again.");
      expect(await hasSession(context)).toBe(false);
    });
  });

  test("the audit trail: joined through the organisation, signed in by oidc, the impostor refused; no claim from the provider kept", async () => {
    const joined = await fetch(`${server.base}/api/v1/audit?type=user.joined&limit=100`, { headers: { authorization: `Bearer ${server.tokens[PEOPLE.admin.email]}` } });
    expect(joined.status).toBe(200);
    const joinedEvents = ((await joined.json()) as { items: { entity: { type: string; id: string }; data: Record<string, unknown> }[] }).items;
    expect(joinedEvents).toHaveLength(1);
    expect(joinedEvents[0].data).toEqual({ method: "oidc" });
    const userId = joinedEvents[0].entity.id;
    const trail = await auditOf(server, userId);
    expect(trail.map((e) => e.type)).toEqual(["user.joined", "auth.sign_in_succeeded", "auth.sign_in_failed"]);
    expect(trail[1].data).toMatchObject({ method: "oidc" });
    expect(trail[2].data).toEqual({ reason: "identity_mismatch" });
    expect(JSON.stringify(trail)).not.toMatch(/admins|"role"/);
  });
});

test.describe("with PASSWORD_SIGN_IN=off", () => {
  let server: TestServer;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = newDataDir();
    const providerPort = await freePort();
    server = await startServer(dataDir, {
      OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: PROVIDER_NAME,
      PASSWORD_SIGN_IN: "off",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  test("the page has no password form, only the organisation's button", async ({ browser }) => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.base}/login`);
      await expect(page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` })).toBeVisible();
      await expect(page.getByLabel("Password")).toHaveCount(0);
      await expect(page.getByLabel("E-mail")).toHaveCount(0);
    });
  });

  test("a right password is refused at Auth.js's endpoint: no session", async () => {
    const csrf = await fetch(`${server.base}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${server.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email: PEOPLE.reviewer.email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/claims" }),
    });
    expect(response.headers.getSetCookie().some((c) => /authjs\.session-token=[^;]/.test(c))).toBe(false);
    const claims = await fetch(`${server.base}/claims`, { redirect: "manual", headers: { cookie } });
    expect(claims.status).toBe(307);
    expect(claims.headers.get("location")).toContain("/login");
  });

  test("the sign-in form's action refuses a right password too, with its message, and starts no session", async () => {
    const action = builtActions().find((a) => actionKey(a.file, a.name) === "app/(auth)/login/actions.ts#signInAction");
    expect(action, "the sign-in action in the build").toBeTruthy();
    const context = await request.newContext({ baseURL: server.base });
    try {
      const response = await sendAction(context, action!, { bound: [], fields: { email: PEOPLE.reviewer.email, password: DEMO_PASSWORD, callbackUrl: "/claims" } }, {}, { Origin: server.base });
      const answer = readActionAnswer(response.status(), response.headers(), await response.text());
      expect(answer.result).toEqual({ error: "Sign-in with a password is turned off here. Use your organisation's sign-in.", email: PEOPLE.reviewer.email });
      expect((await context.storageState()).cookies.some((c) => c.name.endsWith("authjs.session-token") && c.value)).toBe(false);
    } finally {
      await context.dispose();
    }
  });
});
