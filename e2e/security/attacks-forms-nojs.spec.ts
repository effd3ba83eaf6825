import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { descendants, expect, test } from "../support/server";
import { PEOPLE, signIn } from "../support/fixtures";
import { type AttackServer, expectServerSound, startAttackServer } from "./support/attack-harness";
import { makeWorld, type World } from "./support/attack-world";

/**
 * A form refused after a post without JavaScript (a browser with scripts off, or a page not yet
 * hydrated) must be answered, with the form and its message, and leave the server idle.
 *
 * React's `useActionState` with a server action bound inside a Client Component
 * (`action.bind(null, id)` on every render) never finishes rendering the answer to such a post:
 * each render binds anew, suspends on the new binding and retries, for ever, holding a core
 * (vercel/next.js#57867). Any signed-in person could stall the server with one refused post a
 * core. So actions are bound in the Server Component that renders the form, never in the client;
 * `lib/test/layers.test.ts` keeps it so for every form, and this spec posts a refused form
 * on each kind of page the way a browser without JavaScript does.
 */

test.describe.configure({ mode: "serial", timeout: 180_000 });

let server: AttackServer;
let world: World;
let context: BrowserContext;

test.beforeAll(async ({ playwright, browser }) => {
  test.setTimeout(180_000);
  server = await startAttackServer(playwright);
  world = await makeWorld(server);
  context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false });
  await signIn(context.request, PEOPLE.reviewer.email);
});

test.afterAll(async () => {
  await context?.close().catch(() => {});
  await server?.close();
});

test.afterEach(async () => {
  await expectServerSound(server);
});

/** CPU seconds the server's processes (the web server and its children) have used so far. */
function serverCpuSeconds(): number {
  let ticks = 0;
  for (const pid of [server.pgid, ...descendants(server.pgid)]) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** Rewrites one field of the multipart post on its way out, as a hand-edited form would send it. */
async function corruptOnTheWay(page: Page, field: string, value: string) {
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const body = request.postDataBuffer()?.toString("latin1") ?? "";
    const rewritten = body.replace(new RegExp(`(name="${field}"\\r\\n\\r\\n)[^\\r]*`), `$1${value}`);
    expect(rewritten, `the post carries a ${field} field`).not.toBe(body);
    return route.continue({ postData: Buffer.from(rewritten, "latin1") });
  });
}

type Case = {
  what: string;
  url: (w: World) => string;
  form: string;
  /** The button pressed, when the form has more than one (else its first). */
  button?: string;
  /** What a person types before sending, if the form needs it to be sent at all. */
  fill?: (page: Page) => Promise<void>;
  corrupt?: { field: string; value: string };
};

const CASES: Case[] = [
  {
    what: "the grade form of a claim, with a version that is not a number",
    url: (w) => `/claims/${w.open.id}`,
    form: '[data-testid="grade-form"]',
    button: 'button[value="save"]',
    fill: async (page) => {
      await page.locator('[data-testid="grade-form"] select[name="grade"]').selectOption("probable");
    },
    corrupt: { field: "version", value: "abc" },
  },
  {
    what: "the grade form's send to review, with a version that is not a number",
    url: (w) => `/claims/${w.open.id}`,
    form: '[data-testid="grade-form"]',
    button: 'button[value="send_to_review"]',
    fill: async (page) => {
      const form = page.locator('[data-testid="grade-form"]');
      await form.locator('select[name="grade"]').selectOption("probable");
      await form.locator('textarea[name="rationale"]').fill("Refused on purpose by the no-JavaScript test.");
    },
    corrupt: { field: "version", value: "abc" },
  },
  {
    what: "the figure form of a claim, sent empty",
    url: (w) => `/claims/${w.open.id}`,
    form: '[data-testid="figure-form"]',
  },
  {
    what: "the sensitivity form of an evidence item, with a version that is not a number",
    url: (w) => `/evidence/${w.evidenceId}`,
    form: '[data-testid="sensitivity-form"]',
    corrupt: { field: "version", value: "abc" },
  },
  {
    what: "the rating form of a source, with a version that is not a number",
    url: (w) => `/sources/${w.sourceA}`,
    form: '[data-testid="rate-source-form"]',
    corrupt: { field: "version", value: "abc" },
  },
  {
    what: "the details form of a person, with a version that is not a number",
    url: (w) => `/persons/${w.personId}`,
    form: 'form[aria-label="Details"]',
    corrupt: { field: "version", value: "abc" },
  },
];

for (const c of CASES) {
  test(`${c.what}: answered with its message, and the server is idle afterwards`, async () => {
    const page = await context.newPage();
    try {
      await page.goto(c.url(world));
      const form = page.locator(c.form);
      await expect(form).toBeVisible();
      await c.fill?.(page);
      if (c.corrupt) await corruptOnTheWay(page, c.corrupt.field, c.corrupt.value);

      const answered = page.waitForResponse((r) => r.request().method() === "POST", { timeout: 20_000 });
      await form.locator(c.button ?? 'button[type="submit"]').first().click({ noWaitAfter: true });
      const response = await answered;
      expect(response.status(), "the refused post is answered, not a server error").toBeLessThan(500);
      await page.waitForLoadState("domcontentloaded");
      await expect(page.locator(c.form).getByRole("alert").first(), "the form shows why it was refused").toBeVisible();

      // A stuck render would go on burning a core with no request in flight.
      const before = serverCpuSeconds();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const used = serverCpuSeconds() - before;
      expect(used, `CPU seconds the server used in the 2 s after answering (${used.toFixed(2)})`).toBeLessThan(0.6);
    } finally {
      await page.close();
    }
  });
}
