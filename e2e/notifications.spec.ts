import type { APIRequestContext } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi, uniqueWord } from "./support/api";
import { expect, PEOPLE, signIn, test } from "./support/fixtures";
import { ClaimPage } from "./support/pages";

/**
 * Issue 20's notifications in the browser: a reviewer of their own (so nobody else's work reaches
 * their inbox) watches a claim, is given it and sees it accepted; the header counts what is
 * unread, the inbox lists it unread first, and marking read empties the count. The one who acted
 * is told nothing of their own acts.
 */

type Inbox = { items: { kind: string; claim: { id: string; title: string } | null; actor: { name: string } | null; readAt: string | null }[]; unread: number };

async function inboxOf(request: APIRequestContext, headers: Record<string, string>): Promise<Inbox> {
  const response = await request.get("/api/v1/notifications?order=newest&limit=100", { headers });
  expect(response.status()).toBe(200);
  return (await response.json()) as Inbox;
}

test("a watcher and assignee is told, counts them in the header, reads them in the inbox and marks them read", async ({ browser, baseURL, request }) => {
  const email = `${uniqueWord("nadia")}@notify.test`.toLowerCase();
  const password = "a long enough password";
  const created = await request.post("/api/v1/users", { headers: bearer("admin"), data: { email, name: "Nadia (reviewer)", role: "reviewer", password } });
  expect(created.status()).toBe(201);
  const nadia = (await created.json()) as { id: string };
  const context = await browser.newContext({ baseURL });
  await signIn(context.request, email, password);
  const page = await context.newPage();

  const title = uniqueWord("Claim to watch");
  const claim = await submitClaimApi(request, { title });

  // Nadia watches the claim; nothing is unread yet.
  const claimPage = new ClaimPage(page);
  await claimPage.goto(claim.id);
  await expect(page.getByTestId("inbox-link")).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await page.getByTestId("watch-button").click();
  await expect(page.getByTestId("watch-form")).toContainText("You now watch this claim.");
  await expect(page.getByTestId("watch-button")).toHaveText("Stop watching");

  // Rami gives it to her, then accepts it.
  let current = await getClaimApi(request, claim.id);
  const assigned = await request.put(`/api/v1/claims/${claim.id}/assignee`, { headers: bearer("reviewer"), data: { assigneeId: nadia.id, version: current.version } });
  expect(assigned.status()).toBe(200);
  current = await getClaimApi(request, claim.id);
  const accepted = await request.post(`/api/v1/claims/${claim.id}/transitions`, { headers: bearer("reviewer"), data: { action: "accept", version: current.version } });
  expect(accepted.status()).toBe(200);

  // The header counts both (made after the commit: within moments).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("unread-count")).toHaveText("2", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: "Inbox 2 unread notifications" })).toBeVisible();

  await page.getByTestId("inbox-link").click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  const items = page.getByTestId("notification");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("data-kind", "watched_changed");
  await expect(items.nth(0)).toContainText(`A claim you watch changed · ${PEOPLE.reviewer.name} moved it from Triage to Corroboration`);
  await expect(items.nth(1)).toHaveAttribute("data-kind", "assigned");
  await expect(items.nth(1)).toContainText(`${PEOPLE.reviewer.name} gave you this claim`);
  for (const i of [0, 1]) await expect(items.nth(i).getByTestId("notification-claim")).toHaveText(title);
  await expect(page.getByTestId("inbox-unread")).toHaveText("2 unread");

  // One read: unread first puts it last; the header counts one.
  await items.nth(0).getByTestId("mark-read").click();
  await expect(page.getByTestId("unread-count")).toHaveText("1");
  await expect(items.nth(1)).toHaveAttribute("data-unread", "false");
  await expect(items.nth(1)).toHaveAttribute("data-kind", "watched_changed");
  await expect(items.nth(0)).toHaveAttribute("data-unread", "true");

  // All read: no count in the header, nothing unread, the list kept.
  await page.getByTestId("mark-all-read").click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await expect(page.getByTestId("inbox-unread")).toHaveText("Nothing unread");
  await expect(page.locator('[data-testid="notification"][data-unread="true"]')).toHaveCount(0);
  await expect(items).toHaveCount(2);

  // The link leads to the claim.
  await items.nth(0).getByTestId("notification-claim").click();
  await expect(claimPage.title).toHaveText(title);

  // Rami acted: he is told nothing of it. The submitter is told her claim moved.
  const rami = await inboxOf(request, bearer("reviewer"));
  expect(rami.items.filter((n) => n.claim?.id === claim.id)).toEqual([]);
  await expect.poll(async () => (await inboxOf(request, bearer("submitter"))).items.filter((n) => n.claim?.id === claim.id).map((n) => n.kind)).toEqual(["submitted_changed"]);
  await context.close();
});

test("the inbox is empty for someone told of nothing, and its orders and preferences answer", async ({ browser, baseURL, request }) => {
  const email = `${uniqueWord("quiet")}@notify.test`.toLowerCase();
  const password = "a long enough password";
  expect((await request.post("/api/v1/users", { headers: bearer("admin"), data: { email, name: "Quiet (submitter)", role: "submitter", password } })).status()).toBe(201);
  const context = await browser.newContext({ baseURL });
  await signIn(context.request, email, password);
  const page = await context.newPage();
  await page.goto("/inbox?order=newest");
  await expect(page.getByText("Nothing here yet")).toBeVisible();
  await expect(page.getByTestId("mark-all-read")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Newest first" })).toHaveAttribute("aria-current", "page");

  // Preferences: the settings page's form saves a choice, which the API reads back.
  await page.goto("/settings");
  const form = page.getByTestId("notification-preferences-form");
  await form.getByLabel("A claim you submitted changed").selectOption("email");
  await form.getByRole("button", { name: "Save notifications" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("Notification settings saved.");
  const read = await context.request.get("/api/v1/notifications/preferences");
  expect(await read.json()).toMatchObject({ submitted_changed: "email", mentioned: "email", watched_changed: "app", reminder: "digest" });
  await context.close();
});

test("an admin sets the reminder's days and titles in mail; anyone else finds no such page", async ({ as }) => {
  const admin = await as("admin");
  await admin.goto("/admin/notifications");
  const form = admin.getByTestId("notification-settings-form");
  await form.getByLabel("Remind after (days)").fill("5");
  await form.getByLabel("Claim titles in e-mail").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("Notification settings saved.");
  await admin.reload();
  await expect(form.getByLabel("Remind after (days)")).toHaveValue("5");
  await expect(form.getByLabel("Claim titles in e-mail")).toBeChecked();
  // Audited, then put back as the other tests expect it.
  await admin.goto("/admin/audit?type=settings.notifications_changed");
  await expect(admin.getByRole("main")).toContainText("Notification settings changed");
  await admin.goto("/admin/notifications");
  await form.getByLabel("Remind after (days)").fill("3");
  await form.getByLabel("Claim titles in e-mail").uncheck();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("Notification settings saved.");

  const reviewer = await as("reviewer");
  expect((await reviewer.goto("/admin/notifications"))?.status()).toBe(404);
});
