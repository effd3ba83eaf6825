import fs from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, test as base, expect } from "@playwright/test";

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

/** A browser context signed in as `person` through Auth.js's own endpoints (no UI clicks). */
export async function signedInContext(browser: Browser, baseURL: string, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { email: PEOPLE[person].email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/claims" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${person}`).toBeLessThan(400);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token")), `session cookie for ${person}`).toBe(true);
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
