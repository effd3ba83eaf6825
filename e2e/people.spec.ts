import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, PEOPLE, signIn } from "./support/fixtures";
import { freePort, newDataDir, removeDataDir, startServer, test, type TestServer } from "./support/server";
import { startSmtp, type TestSmtp } from "./support/smtp";

/**
 * People management (issue 19) against a server of the test's own whose mail goes through a real
 * SMTP server on loopback (SMTP_URL, with PUBLIC_URL its own address): an admin invites from the
 * browser, the invitation arrives by mail, the link is followed, a password chosen, and the new
 * person signs in with the role they were invited with. Deactivation refuses a signed-in browser
 * and an API token of that person on their very next request.
 */

test.describe.configure({ mode: "serial", timeout: 180_000 });

let server: TestServer;
let smtp: TestSmtp;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtp();
  const port = await freePort();
  server = await startServer(newDataDir(), { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url, MAIL_FROM: "Corroborate <no-reply@people.test>" });
});

test.afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  await smtp?.close();
});

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto(`${server.base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/claims$/);
}

test("an admin invites a reviewer from the browser; the mail's link sets a password; they sign in as a reviewer", async ({ browser }) => {
  const email = `invited-${Date.now()}@people.test`;
  const admin = await browser.newContext({ baseURL: server.base });
  await signIn(admin.request, PEOPLE.admin.email);
  const page = await admin.newPage();
  await page.goto("/claims");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const form = page.getByTestId("invite-form");
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByTestId("form-success")).toContainText(`Invitation sent to ${email}`);

  const mail = await smtp.waitForMail(email, /./);
  expect(mail.subject).toBe("You are invited to Corroborate");
  expect(mail.text).toContain("as reviewer");
  const link = new RegExp(`${server.base.replace(/[.]/g, "\\.")}/invite/[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();

  // The list shows them invited, not yet joined.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("people-table").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("person-status")).toHaveText("Invited");

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await invitePage.goto(link!);
  await expect(invitePage.getByRole("heading", { name: "Join Corroborate" })).toBeVisible();
  await expect(invitePage.getByText(email)).toBeVisible();
  await invitePage.getByLabel("Your name").fill("Nadia Invited");
  await invitePage.getByLabel("Password", { exact: true }).fill("a brand new password");
  await invitePage.getByLabel("Password again").fill("a brand new password");
  await invitePage.getByRole("button", { name: "Join" }).click();
  await expect(invitePage.getByTestId("invitation-accepted")).toContainText("You have joined");

  // The link works once.
  await invitePage.goto(link!);
  await expect(invitePage.getByTestId("invitation-dead")).toContainText("This invitation link does not work");

  await signInThroughForm(invitePage, email, "a brand new password");
  await expect(invitePage.getByTestId("signed-in-as")).toContainText("Nadia Invited");
  await expect(invitePage.getByTestId("signed-in-as")).toContainText("reviewer");
  await expect(invitePage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "People" })).toHaveCount(0);

  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("person-status")).toHaveText("Active");
  await page.getByRole("link", { name: "Nadia Invited" }).click();
  await page.getByTestId("audit-trail-link").click();
  await expect(page).toHaveURL(/\/admin\/audit\?entity=user(:|%3A)[0-9a-f-]{36}$/);
  await expect(page.getByTestId("chain-verification")).toBeVisible();
  await admin.close();
  await invitee.close();
});

test("deactivation: the person's signed-in browser and their API token are refused on their very next request", async ({ browser }) => {
  const person = PEOPLE.editor;
  const token = server.tokens[person.email];
  const claims = () => fetch(`${server.base}/api/v1/claims`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await claims()).status).toBe(200);

  const theirs = await browser.newContext({ baseURL: server.base });
  await signIn(theirs.request, person.email);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/claims");
  await expect(theirPage.getByTestId("signed-in-as")).toContainText(person.name);

  const admin = await browser.newContext({ baseURL: server.base });
  await signIn(admin.request, PEOPLE.admin.email);
  const page = await admin.newPage();
  await page.goto(`/admin/users?q=${encodeURIComponent(person.email)}`);
  await page.getByRole("link", { name: person.name }).click();
  await expect(page.getByTestId("person-sessions").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("person-tokens")).toContainText("e2e");
  const deactivate = page.getByTestId("deactivate-form");
  await deactivate.getByText("Deactivate", { exact: true }).click();
  await expect(deactivate.getByRole("alertdialog")).toContainText(`Deactivate ${person.name}?`);
  await deactivate.getByRole("button", { name: "Yes, go ahead" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Deactivated");

  // The very next request of each: the token is refused, the browser is sent to sign in.
  expect((await claims()).status).toBe(401);
  await theirPage.goto("/claims");
  await expect(theirPage).toHaveURL(/\/login\?callbackUrl=/);
  // Signing in again is refused too.
  const again = await fetch(`${server.base}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
  expect(again.status).toBe(401);

  const mail = await smtp.waitForMail(person.email, /./);
  expect(mail.subject).toBe("Your Corroborate account was deactivated");

  await page.reload();
  await expect(page.getByTestId("person-status")).toHaveText("Deactivated");
  await expect(page.getByText("No live sessions.")).toBeVisible();
  await expect(page.getByTestId("person-tokens")).toContainText("revoked");
  await page.getByTestId("reactivate-form").getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Reactivated");
  // Reactivated: a fresh sign-in works; the revoked token stays revoked.
  const back = await browser.newContext({ baseURL: server.base });
  await signIn(back.request, person.email, DEMO_PASSWORD);
  expect((await claims()).status).toBe(401);
  await theirs.close();
  await admin.close();
  await back.close();
});
