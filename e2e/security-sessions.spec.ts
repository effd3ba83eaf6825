import type { APIRequestContext, Browser, Page, Request } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi, uniqueWord } from "./support/api";
import { DEMO_PASSWORD, expect, PEOPLE, signedInContext, signIn, test } from "./support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

/**
 * Sessions and sign-in (issue 8): what the session cookie is allowed to do over HTTP and behind an
 * HTTPS proxy, that server actions refuse posts from another origin, and that the sign-in form
 * itself stops guessing. Sign-out ends the session on the server (issue 14): a copy of its cookie
 * opens nothing afterwards.
 */

type SetCookie = { name: string; value: string; attributes: Map<string, string> };

function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";").map((p) => p.trim());
  const eq = pair.indexOf("=");
  const attributes = new Map(rest.map((a) => [a.split("=")[0].toLowerCase(), a.split("=").slice(1).join("=")] as [string, string]));
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

/** Auth.js's own sign-in endpoint, driven as a plain HTTP client would. */
async function signInByEndpoint(base: string, email: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const csrfCookies = csrf.headers.getSetCookie().map(parseSetCookie);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.map((c) => `${c.name}=${c.value}`).join("; ") },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/claims" }),
  });
  expect(response.status, "signed in").toBe(302);
  return { csrfCookies, cookies: response.headers.getSetCookie().map(parseSetCookie) };
}

function sessionCookie(cookies: SetCookie[]): SetCookie {
  const session = cookies.filter((c) => c.name.endsWith("authjs.session-token") && c.value);
  expect(session, "one session cookie").toHaveLength(1);
  return session[0];
}

function expectCookieFlags(cookie: SetCookie, secure: boolean) {
  expect(cookie.attributes.has("httponly"), `${cookie.name} HttpOnly`).toBe(true);
  expect(cookie.attributes.get("samesite")?.toLowerCase(), `${cookie.name} SameSite`).toBe("lax");
  expect(cookie.attributes.get("path"), `${cookie.name} Path`).toBe("/");
  expect(cookie.attributes.has("secure"), `${cookie.name} Secure`).toBe(secure);
}

/** Sign in through the real form; returns once the sign-in action has answered. */
async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

/** Ask whether a session cookie opens the workspace (the queue, not a redirect to sign-in). */
async function opensWorkspace(base: string, cookie: SetCookie, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/claims`, { redirect: "manual", headers: { ...headers, cookie: `${cookie.name}=${cookie.value}` } });
  return response.status === 200 && (await response.text()).includes("Review queue");
}

test.describe("the session cookie", () => {
  test("over plain HTTP: HttpOnly, SameSite=Lax, Path=/, not Secure, no prefix", async ({ browser, baseURL }) => {
    const { csrfCookies, cookies } = await signInByEndpoint(baseURL!, PEOPLE.reviewer.email);
    for (const cookie of [...csrfCookies, ...cookies]) expectCookieFlags(cookie, false);
    const session = sessionCookie(cookies);
    expect(session.name).toBe("authjs.session-token");
    expect(await opensWorkspace(baseURL!, session)).toBe(true);

    // The same through the sign-in form.
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await submitSignIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
      await page.waitForURL(/\/claims$/);
      const stored = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
      expect(stored).toMatchObject({ name: "authjs.session-token", httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    } finally {
      await context.close();
    }
  });

  test("behind an HTTPS proxy (X-Forwarded-Proto: https): Secure, with the __Secure- and __Host- prefixes", async ({ browser, baseURL }) => {
    const https = { "X-Forwarded-Proto": "https" };
    const { csrfCookies, cookies } = await signInByEndpoint(baseURL!, PEOPLE.reviewer.email, https);
    for (const cookie of [...csrfCookies, ...cookies]) expectCookieFlags(cookie, true);
    expect(csrfCookies.map((c) => c.name)).toContain("__Host-authjs.csrf-token");
    const session = sessionCookie(cookies);
    expect(session.name).toBe("__Secure-authjs.session-token");
    expect(await opensWorkspace(baseURL!, session, https)).toBe(true);

    // Through the form: the browser is sent on to the HTTPS address, which only the proxy serves.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: https });
    try {
      const page = await context.newPage();
      await page.route((url) => url.protocol === "https:", (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "behind the proxy" }));
      await page.goto("/login");
      await submitSignIn(page, PEOPLE.reviewer.email, DEMO_PASSWORD);
      await page.waitForURL((url) => url.protocol === "https:" && url.pathname === "/claims");
      const stored = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
      expect(stored).toMatchObject({ name: "__Secure-authjs.session-token", httpOnly: true, sameSite: "Lax", path: "/", secure: true });
      expect(await opensWorkspace(baseURL!, { name: stored!.name, value: stored!.value, attributes: new Map() }, https)).toBe(true);
    } finally {
      await context.close();
    }
  });
});

test.describe("on a server whose PUBLIC_URL is https", () => {
  let server: TestServer;
  let dataDir: string;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = newDataDir();
    server = await startServer(dataDir, { PUBLIC_URL: "https://corroborate.test" });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  test("cookies are Secure even when the proxy does not say X-Forwarded-Proto", async () => {
    const { csrfCookies, cookies } = await signInByEndpoint(server.base, PEOPLE.reviewer.email);
    for (const cookie of [...csrfCookies, ...cookies]) expectCookieFlags(cookie, true);
    const session = sessionCookie(cookies);
    expect(session.name).toBe("__Secure-authjs.session-token");
    expect(await opensWorkspace(server.base, session)).toBe(true);
  });

  test("the sign-in form stops an account after 5 failures: then even the right password is refused", async ({ browser }) => {
    // A server of its own, so locking a demo account out does not touch the other tests.
    const email = PEOPLE.editor.email;
    const context = await browser.newContext({ baseURL: server.base });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      const error = page.getByTestId("form-error");
      for (let attempt = 1; attempt <= 5; attempt++) {
        await submitSignIn(page, email, `wrong-password-${attempt}`);
        await expect(error, `attempt ${attempt}`).toHaveText(
          attempt < 5 ? "The e-mail or password is not right." : /^(The e-mail or password is not right\.|Too many failed sign-ins\. Try again in \d+ minutes?\.)$/,
        );
        await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      }
      await submitSignIn(page, email, DEMO_PASSWORD);
      await expect(error).toHaveText(/^Too many failed sign-ins\. Try again in (14|15) minutes\.$/);
      await expect(page).toHaveURL(/\/login$/);
      expect((await context.cookies()).filter((c) => c.name.endsWith("authjs.session-token"))).toEqual([]);
    } finally {
      await context.close();
    }
    // Auth.js's endpoint refuses the right password too, from any address.
    const csrf = await fetch(`${server.base}/api/auth/csrf`);
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const refused = await fetch(`${server.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "X-Forwarded-For": "203.0.113.77" },
      body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/claims" }),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.getSetCookie().filter((c) => c.includes("session-token=") && !/session-token=;/.test(c))).toEqual([]);
  });
});

/**
 * A server action posted as the browser posts it, with the signed-in reviewer's cookies, replayed
 * with another Origin: a page on another site that makes the reviewer's browser post there.
 */
test.describe("server actions refuse posts from another origin", () => {
  async function auditCount(request: APIRequestContext, claimId: string) {
    const response = await request.get(`/api/v1/audit?entity=claim:${claimId}`, { headers: bearer("reviewer") });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: unknown[] }).items.length;
  }

  /** The accept form's post, captured on its way out and stopped there. */
  async function captureAcceptPost(browser: Browser, baseURL: string, claimId: string, javaScriptEnabled: boolean) {
    const signedIn = await signedInContext(browser, baseURL, "reviewer");
    const context = javaScriptEnabled ? signedIn : await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await signedIn.storageState() });
    const page = await context.newPage();
    let captured: Request | undefined;
    await page.route(
      (url) => url.pathname === `/claims/${claimId}`,
      (route) => {
        if (route.request().method() !== "POST") return route.continue();
        captured = route.request();
        return route.abort();
      },
    );
    await page.goto(`/claims/${claimId}`);
    if (javaScriptEnabled) await expect.poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$")))).toBe(true);
    await page.getByTestId("transition-accept").getByRole("button").click();
    await expect.poll(() => captured !== undefined).toBe(true);
    const headers = await captured!.allHeaders();
    const body = captured!.postDataBuffer()!;
    if (signedIn !== context) await signedIn.close();
    return { context, headers, body };
  }

  for (const javaScriptEnabled of [true, false]) {
    const kind = javaScriptEnabled ? "a fetch action (the page's script posts it)" : "a form post without JavaScript";
    test(`${kind}: refused from https://evil.example, nothing changed; accepted from our origin`, async ({ browser, baseURL, request }) => {
      const claim = await submitClaimApi(request, { title: `Cross-origin ${uniqueWord("csrf")}` });
      const { context, headers, body } = await captureAcceptPost(browser, baseURL!, claim.id, javaScriptEnabled);
      try {
        expect(Boolean(headers["next-action"]), "posted as a server action by the script").toBe(javaScriptEnabled);
        expect(body.toString("latin1")).toContain("$ACTION");
        const before = await auditCount(request, claim.id);
        const replay = (origin: string) => {
          const sent: Record<string, string> = { ...headers, origin };
          for (const name of ["cookie", "host", "content-length"]) delete sent[name];
          return context.request.post(`/claims/${claim.id}`, { headers: sent, data: body, maxRedirects: 0 });
        };

        const refused = await replay("https://evil.example");
        expect(refused.status(), "refused").toBeGreaterThanOrEqual(400);
        const after = await getClaimApi(request, claim.id);
        expect(after.state).toBe("triage");
        expect(after.version).toBe(claim.version);
        expect(await auditCount(request, claim.id), "no audit event").toBe(before);

        // The very same post from our own origin is a valid action: the refusal was the origin's.
        const accepted = await replay(new URL(baseURL!).origin);
        expect(accepted.status(), "accepted").toBeLessThan(400);
        expect((await getClaimApi(request, claim.id)).state).toBe("corroboration");
        expect(await auditCount(request, claim.id)).toBe(before + 1);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * A session cookie copied before sign-out (by malware, a shared machine, a proxy log) must open
 * nothing once its person has signed out, though the JWT inside is still signed and unexpired.
 */
test.describe("sign-out ends the session on the server, not only in the browser", () => {
  const cookieHeader = (cookie: { name: string; value: string }) => `${cookie.name}=${cookie.value}`;

  async function sourcesNamed(request: APIRequestContext, name: string) {
    const response = await request.get(`/api/v1/sources?q=${encodeURIComponent(name)}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: { name: string }[] }).items.filter((s) => s.name === name).map((s) => s.name);
  }

  test("a cookie copied before signing out through the UI is refused by the API and the workspace; the person's other session lives on", async ({ browser, baseURL }) => {
    const base = baseURL!;
    const origin = new URL(base).origin;
    const email = PEOPLE.reviewer.email;
    const elsewhere = await browser.newContext({ baseURL: base });
    const context = await browser.newContext({ baseURL: base });
    const replay = await browser.newContext({ baseURL: base });
    try {
      await signIn(elsewhere.request, email);
      const page = await context.newPage();
      await page.goto("/login");
      await submitSignIn(page, email, DEMO_PASSWORD);
      await page.waitForURL(/\/claims$/);
      const stored = (await context.cookies()).find((c) => c.name === "authjs.session-token");
      expect(stored, "session cookie").toBeDefined();
      const copied = { name: stored!.name, value: stored!.value };
      const listClaims = () => fetch(`${base}/api/v1/claims`, { headers: { cookie: cookieHeader(copied) } });
      const createSource = (name: string) =>
        fetch(`${base}/api/v1/sources`, {
          method: "POST",
          headers: { cookie: cookieHeader(copied), origin, "content-type": "application/json" },
          body: JSON.stringify({ name, kind: "outlet", reliability: "C" }),
        });

      // Before sign-out the copy is as good as the original.
      const before = await listClaims();
      expect(before.status).toBe(200);
      expect(((await before.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const beforeName = `Made with the copied cookie ${uniqueWord("source")}`;
      expect((await createSource(beforeName)).status).toBe(201);
      expect(await sourcesNamed(elsewhere.request, beforeName)).toEqual([beforeName]);

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/");
      expect((await context.cookies()).filter((c) => c.name.endsWith("authjs.session-token") && c.value)).toEqual([]);

      // The API: reading is refused, and so is writing, which leaves nothing behind.
      const after = await listClaims();
      expect(after.status).toBe(401);
      expect(((await after.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
      const afterName = `Made after sign-out ${uniqueWord("source")}`;
      const refused = await createSource(afterName);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
      expect(await sourcesNamed(elsewhere.request, afterName), "no source created").toEqual([]);

      // The workspace: a browser holding the copy is sent to sign in.
      await replay.addCookies([{ ...copied, url: base, httpOnly: true, sameSite: "Lax" }]);
      const replayPage = await replay.newPage();
      await replayPage.goto("/claims");
      await expect(replayPage).toHaveURL(/\/login\?callbackUrl=%2Fclaims$/);
      await expect(replayPage.getByRole("heading", { name: "Sign in to the workspace" })).toBeVisible();

      // Only the session that signed out ended: the same person's other one still reads and writes.
      const otherName = `Made in the other session ${uniqueWord("source")}`;
      const created = await elsewhere.request.post("/api/v1/sources", { data: { name: otherName, kind: "outlet", reliability: "C" } });
      expect(created.status()).toBe(201);
      expect(await sourcesNamed(elsewhere.request, otherName)).toEqual([otherName]);
      const otherPage = await elsewhere.newPage();
      await otherPage.goto("/claims");
      await expect(otherPage.getByTestId("signed-in-as")).toContainText(PEOPLE.reviewer.name);
    } finally {
      await Promise.all([elsewhere.close(), context.close(), replay.close()]);
    }
  });

  test("signing out at Auth.js's own endpoint (POST /api/auth/signout) ends the session too", async ({ baseURL }) => {
    const base = baseURL!;
    const { cookies } = await signInByEndpoint(base, PEOPLE.editor.email);
    const session = sessionCookie(cookies);
    expect(await opensWorkspace(base, session)).toBe(true);

    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: cookieHeader(session) } });
    const csrfCookie = csrf.headers.getSetCookie().map(parseSetCookie).find((c) => c.name.endsWith("authjs.csrf-token"))!;
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedOut = await fetch(`${base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookieHeader(session)}; ${cookieHeader(csrfCookie)}` },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
    });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.getSetCookie().some((c) => /^authjs\.session-token=;/.test(c)), "cookie cleared").toBe(true);

    expect(await opensWorkspace(base, session)).toBe(false);
    const claims = await fetch(`${base}/api/v1/claims`, { headers: { cookie: cookieHeader(session) } });
    expect(claims.status).toBe(401);
  });
});
