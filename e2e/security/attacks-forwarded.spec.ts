import http from "node:http";
import { expect, test } from "../support/server";
import { DEMO_PASSWORD, PEOPLE } from "../support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../support/server";

/**
 * Issue 14, finding 5: the per-address sign-in limit believed X-Forwarded-For from anyone. A client
 * rotating the header met no limit, and one naming a victim's address could lock the victim out.
 * Each test starts a real server (the launcher every start uses) and signs in through Auth.js's
 * endpoint from chosen local addresses: Linux answers on all of 127.0.0.0/8, so 127.0.0.2 is a
 * client that is not the proxy at 127.0.0.1.
 */

const MAX_FAILURES_PER_ADDRESS = 20; // lib/auth/authenticate.ts
const VICTIM = "192.0.2.44";

type Answer = { status: number; body: string };

/** One HTTP exchange from `localAddress`, with the headers given and nothing else. */
function exchange(base: string, path: string, { localAddress, headers = {}, body }: { localAddress: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Answer & { cookies: string[] }>((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method: body === undefined ? "GET" : "POST", localAddress, headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, cookies: response.headers["set-cookie"] ?? [] }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Signs in through Auth.js's credentials endpoint, as a client at `localAddress` sending `forwardedFor`. */
async function signInAttempt(base: string, email: string, password: string, localAddress: string, forwardedFor?: string): Promise<Answer & { signedIn: boolean }> {
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await exchange(base, "/api/auth/csrf", { localAddress, headers: extra });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.cookies.map((c) => c.split(";")[0]).join("; ");
  const answer = await exchange(base, "/api/auth/callback/credentials", {
    localAddress,
    headers: { ...extra, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/claims" }).toString(),
  });
  return { ...answer, signedIn: answer.cookies.some((c) => /authjs\.session-token=[^;]+/.test(c)) };
}

function expectLimited(answer: Answer, label: string) {
  expect(answer.status, label).toBe(429);
  expect(JSON.parse(answer.body).error, label).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/) });
}

function expectRefusedNotLimited(answer: Answer & { signedIn: boolean }, label: string) {
  expect(answer.status, label).toBe(302);
  expect(answer.signedIn, label).toBe(false);
}

test.describe("the per-address sign-in limit", () => {
  let server: TestServer | undefined;
  let dataDir: string | undefined;
  test.afterEach(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
    server = undefined;
    dataDir = undefined;
  });

  test("with no TRUSTED_PROXIES, rotating X-Forwarded-For values do not escape it", async () => {
    test.setTimeout(180_000);
    dataDir = newDataDir();
    server = await startServer(dataDir, { TRUSTED_PROXIES: "" });
    // A new e-mail each time, so the per-account limit (5) never answers: only the address can.
    const answers: Answer[] = [];
    for (let i = 1; i <= 30; i++) {
      answers.push(await signInAttempt(server.base, `nobody-${i}@example.test`, "wrong-password", "127.0.0.2", `203.0.113.${i}`));
    }
    answers.slice(0, MAX_FAILURES_PER_ADDRESS).forEach((a, i) => expectRefusedNotLimited({ ...a, signedIn: false }, `attempt ${i + 1}`));
    answers.slice(MAX_FAILURES_PER_ADDRESS).forEach((a, i) => expectLimited(a, `attempt ${MAX_FAILURES_PER_ADDRESS + i + 1}`));
    // The limit is the socket's address's: another local address, sending no header, is not held.
    const other = await signInAttempt(server.base, PEOPLE.reviewer.email, DEMO_PASSWORD, "127.0.0.3");
    expect(other.signedIn).toBe(true);
  });

  test("a client naming a victim's address in X-Forwarded-For cannot lock the victim out", async () => {
    test.setTimeout(180_000);
    dataDir = newDataDir();
    // A proxy on 127.0.0.1 forwards the victim; the attacker reaches the server directly from 127.0.0.2.
    server = await startServer(dataDir, { TRUSTED_PROXIES: "127.0.0.1" });
    for (let i = 1; i <= MAX_FAILURES_PER_ADDRESS + 5; i++) {
      await signInAttempt(server.base, `nobody-${i}@example.test`, "wrong-password", "127.0.0.2", VICTIM);
    }
    // The attacker is held, under its own address, whatever it claims to be.
    expectLimited(await signInAttempt(server.base, "nobody-last@example.test", "wrong-password", "127.0.0.2", VICTIM), "the attacker");
    expectLimited(await signInAttempt(server.base, "nobody-last@example.test", "wrong-password", "127.0.0.2", "198.51.100.9"), "the attacker, another claim");
    // The victim, through the proxy, still gets an ordinary refusal for a wrong password, and signs in.
    expectRefusedNotLimited(await signInAttempt(server.base, PEOPLE.editor.email, "wrong-password", "127.0.0.1", VICTIM), "the victim's typo");
    expect((await signInAttempt(server.base, PEOPLE.reviewer.email, DEMO_PASSWORD, "127.0.0.1", VICTIM)).signedIn).toBe(true);
  });
});
