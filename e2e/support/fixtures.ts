import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, type Page, expect } from "@playwright/test";
import { test as base } from "./server";

export const DEMO_PASSWORD = "corroborate-demo";

export const PEOPLE = {
  submitter: { email: "submitter@demo.test", name: "Samira (researcher)" },
  reviewer: { email: "reviewer@demo.test", name: "Rami (reviewer)" },
  editor: { email: "editor@demo.test", name: "Elena (editor)" },
  editor2: { email: "editor2@demo.test", name: "Omar (editor)" },
  admin: { email: "admin@demo.test", name: "Alex (admin)" },
} as const;
export type Person = keyof typeof PEOPLE;

/** API tokens made for the demo users when the test server was prepared (e2e/support/serve.ts). */
export function apiTokens(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, "e2e-tokens.json"), "utf8"));
}

export function tokenOf(person: Person): string {
  return apiTokens()[PEOPLE[person].email];
}

/**
 * Sign `request` in through Auth.js's own endpoints (no UI clicks): its cookie jar (a browser
 * context's, or an API context's of its own) then holds the session.
 */
export async function signIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/claims" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${email}`).toBeLessThan(400);
  const cookies = (await request.storageState()).cookies;
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token")), `session cookie for ${email}`).toBe(true);
}

/** A browser context signed in as `person`. */
export async function signedInContext(browser: Browser, baseURL: string, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await signIn(context.request, PEOPLE[person].email);
  return context;
}

type Fixtures = { as: (person: Person) => Promise<Page> };

/** `as("reviewer")` gives a page in a context of that person's own, closed after the test. */
export const test = base.extend<Fixtures>({
  as: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (person) => {
      const context = await signedInContext(browser, baseURL!, person);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
