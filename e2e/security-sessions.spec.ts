import type { APIRequestContext, Browser, Page, Request } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi, uniqueWord } from "./support/api";
import { DEMO_PASSWORD, expect, PEOPLE, signedInContext, test } from "./support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

/**
 * Sessions and sign-in (issue 8): what the session cookie is allowed to do over HTTP and behind an
 * HTTPS proxy, that server actions refuse posts from another origin, and that the sign-in form
 * itself stops guessing.
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
