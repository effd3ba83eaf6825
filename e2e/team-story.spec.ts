import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { uniqueWord } from "./support/api";
import { DEMO_PASSWORD, expect, PEOPLE, signIn, test } from "./support/fixtures";
import { keysReady } from "./support/keys";
import { ClaimPage } from "./support/pages";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";
import { startSmtp, type TestSmtp } from "./support/smtp";

/**
 * Issue 20's "done when", as one story on a server of its own (its queue and inboxes are the
 * story's alone; its mail goes to a real SMTP server on loopback). Two reviewers, Rami and Hana,
 * and an editor, Elena, work a queue of 200 new claims in the browser: each takes the next claim
 * (never the same one), Rami asks Hana to take his over with a mention, she is told, reads the
 * thread and takes it over; she bulk-rejects the spam with one reason, accepts the claim with its
 * key and sends it to review; Elena is told, in her inbox and by a mail that names no claim; and
 * the audit log tells each step, by whom and how, and verifies.
 */

const PUBLIC_URL = "http://corroborate.test";
const CLAIMS = 200;
const SPAM = 12;
const HANA = { name: "Hana (reviewer)", email: "hana@team.test", password: "a long enough passphrase" };

let smtp: TestSmtp;
let server: TestServer;
let dataDir: string;

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  smtp = await startSmtp();
  dataDir = newDataDir();
  server = await startServer(dataDir, { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: "Corroborate <no-reply@corroborate.test>" });
});
test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeDataDir(dataDir);
  await smtp?.close();
});

const tokenOf = (email: string) => ({ Authorization: `Bearer ${server.tokens[email]}` });

async function api<T>(request: APIRequestContext, method: "GET" | "POST" | "PUT" | "PATCH", path: string, email: string, data?: unknown, status = 200): Promise<T> {
  const response = await request.fetch(`${server.base}${path}`, { method, headers: tokenOf(email), ...(data === undefined ? {} : { data }) });
  const text = await response.text();
  expect(response.status(), `${method} ${path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

async function pageOf(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.base });
  await signIn(context.request, email, password);
  return context.newPage();
}

type Claim = { id: string; title: string; version: number; state: string; assignee: { id: string; name: string } | null; stateReason: string | null };
type AuditItem = { seq: number; type: string; actor: { name: string } | null; data: { via?: string; action?: string; reason?: string; mentions?: string[]; takenOverFrom?: { name: string } } };

test("two reviewers and an editor work a queue of 200 claims: take, discuss, bulk-reject, hand over with a mention, tell the editor; the audit log tells it all", async ({ browser, request }) => {
  const admin = PEOPLE.admin.email;
  const rami = PEOPLE.reviewer.email;
  const elena = PEOPLE.editor.email;
  const submitter = PEOPLE.submitter.email;
  const word = uniqueWord("surge");

  // A second reviewer joins the team, and Elena wants to hear by mail when something waits for her.
  const hana = await api<{ id: string }>(request, "POST", "/api/v1/users", admin, { ...HANA, role: "reviewer" }, 201);
  await api(request, "PUT", "/api/v1/notifications/preferences", elena, { sent_to_review: "email" });

  // The surge: 200 claims in triage, twelve of them spam.
  const submitted: Claim[] = [];
  for (let start = 0; start < CLAIMS; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, CLAIMS - start) }, (_, i) => {
        const n = start + i;
        const spam = n % 16 === 1 && n < 16 * SPAM; // scattered through the surge
        const title = spam ? `Cheap phones ${word} offer ${n}` : `Shelling reported in Baniyas, report ${n} ${word}`;
        return api<Claim>(request, "POST", "/api/v1/claims", submitter, { kind: "report", title, summary: `Claim ${n} of the surge (${word}).`, language: "en", placeName: `Street ${word}` }, 201);
      }),
    );
    submitted.push(...batch);
  }
  const spam = submitted.filter((c) => c.title.startsWith("Cheap phones"));
  expect(spam).toHaveLength(SPAM);

  const ramiPage = await pageOf(browser, rami);
  const hanaPage = await pageOf(browser, HANA.email, HANA.password);
  const elenaPage = await pageOf(browser, elena);

  // --- Take: each reviewer takes the next claim, Rami with `t`, Hana with the button; never the same one.
  await ramiPage.goto("/claims?state=triage&order=waiting");
  await expect(ramiPage.getByTestId("take-next")).toBeVisible();
  await keysReady(ramiPage);
  await ramiPage.locator("body").press("t");
  await expect(ramiPage).toHaveURL(/\/claims\/[0-9a-f-]{36}/);
  const ramisId = /\/claims\/([0-9a-f-]{36})/.exec(ramiPage.url())![1];
  await hanaPage.goto("/claims?state=triage&order=waiting");
  await hanaPage.getByTestId("take-next").click();
  await expect(hanaPage).toHaveURL(/\/claims\/[0-9a-f-]{36}/);
  const hanasFirstId = /\/claims\/([0-9a-f-]{36})/.exec(hanaPage.url())![1];
  expect(hanasFirstId).not.toBe(ramisId);
  expect((await api<Claim>(request, "GET", `/api/v1/claims/${ramisId}`, rami)).assignee?.name).toBe(PEOPLE.reviewer.name);
  expect((await api<Claim>(request, "GET", `/api/v1/claims/${hanasFirstId}`, rami)).assignee?.name).toBe(HANA.name);

  // --- Discuss and hand over: Rami asks Hana, by a mention chosen from the @ list, to take his claim over.
  const ask = `Could you take this one over? The sign at 0:41 needs someone who reads the dialect (${word}).`;
  const box = ramiPage.getByTestId("comment-form").getByLabel("Your comment");
  await keysReady(ramiPage);
  await ramiPage.locator("body").press("c");
  await expect(box).toBeFocused();
  await ramiPage.keyboard.type("@Ha");
  await expect(ramiPage.getByRole("listbox", { name: "People who can see this claim" }).getByRole("option")).toHaveText([/Hana \(reviewer\)/]);
  await ramiPage.keyboard.press("Enter");
  await ramiPage.keyboard.type(ask);
  await ramiPage.getByTestId("comments").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(ramiPage.getByTestId("comments").getByTestId("form-success")).toHaveText("Comment added.");
  await expect(ramiPage.getByTestId("comments").getByTestId("comment")).toContainText(ask);

  // Hana is told: her header counts it, her inbox names who and what, and leads to the claim.
  await hanaPage.goto("/claims");
  await expect(hanaPage.getByTestId("unread-count")).toBeVisible();
  await hanaPage.getByTestId("inbox-link").click();
  await expect(hanaPage).toHaveURL(/\/inbox/);
  const mention = hanaPage.getByTestId("notification").filter({ hasText: `${PEOPLE.reviewer.name} mentioned you in a comment` });
  await expect(mention).toHaveCount(1);
  await expect(mention).toHaveAttribute("data-unread", "true");
  await mention.getByTestId("notification-claim").click();
  await expect(hanaPage).toHaveURL(new RegExp(`/claims/${ramisId}`));
  await expect(hanaPage.getByTestId("comments").getByTestId("comment")).toContainText(ask);

  // She takes it over (it is Rami's: the page asks first).
  await hanaPage.getByTestId("assign-form").getByRole("button", { name: "Assign to me" }).click();
  const takeover = hanaPage.getByRole("alertdialog");
  await expect(takeover).toContainText(PEOPLE.reviewer.name);
  await takeover.getByRole("button", { name: "Take over" }).click();
  await expect(hanaPage.getByTestId("assign-form")).toContainText(`Assigned to ${HANA.name}`);

  // Rami's page, still open, learns of it within seconds.
  await expect(ramiPage.getByTestId("live-changes")).toContainText(HANA.name, { timeout: 15_000 });

  // --- Bulk-reject the spam with one reason, all matching at once.
  await hanaPage.goto(`/claims?state=triage&q=${encodeURIComponent(`Cheap ${word}`)}`);
  await expect(hanaPage.getByTestId("claim-row")).toHaveCount(SPAM);
  await hanaPage.getByTestId("claim-row").first().getByTestId("row-select").check();
  const offer = hanaPage.getByTestId("select-all-offer");
  if (await offer.isVisible()) await offer.getByRole("button").click();
  for (const row of await hanaPage.getByTestId("row-select").all()) if (!(await row.isChecked())) await row.check();
  await expect(hanaPage.getByTestId("selected-count")).toHaveText(`${SPAM} claims selected`);
  const reason = `Spam: an advertisement posted in the surge (${word}).`;
  const bar = hanaPage.getByTestId("bulk-bar");
  await bar.getByTestId("bulk-action").selectOption("reject");
  await bar.getByTestId("bulk-reason").fill(reason);
  await bar.getByTestId("bulk-apply").click();
  await expect(hanaPage.getByTestId("bulk-done")).toHaveText(`${SPAM} claims changed.`);
  await expect(hanaPage.getByTestId("claim-row")).toHaveCount(0);

  // --- Work the handed-over claim: accept with `a`; Rami adds an assessed item; Hana grades and sends it to review.
  const hanas = new ClaimPage(hanaPage);
  await hanas.goto(ramisId);
  await keysReady(hanaPage);
  await hanaPage.locator("body").press("a");
  await hanas.expectState("corroboration");
  const item = await request.fetch(`${server.base}/api/v1/claims/${ramisId}/evidence`, {
    method: "POST",
    headers: tokenOf(rami),
    multipart: { file: { name: `notes-${word}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Field notes on the sign (${word}).\n`) } },
  });
  expect(item.status(), await item.text()).toBe(201);
  let evidence = (await item.json()) as { id: string; version: number; processing: Record<string, string> };
  await expect.poll(async () => Object.values((evidence = await api(request, "GET", `/api/v1/evidence/${evidence.id}`, rami)).processing).includes("pending"), { timeout: 60_000 }).toBe(false);
  await api(request, "PATCH", `/api/v1/evidence/${evidence.id}`, rami, { isGraphic: false, hasPersonalData: false, version: evidence.version });
  await api(request, "POST", `/api/v1/claims/${ramisId}/assessments`, rami, { evidenceId: evidence.id, stance: "supports", credibility: 2 }, 201);
  await hanas.goto(ramisId);
  await hanas.transition("send_to_review", { grade: "probable", rationale: `Two independent origins (${word}).` });
  await hanas.expectState("review");

  // --- Elena is told: her inbox names the claim; her mail names nothing but the count and the inbox.
  const ramisTitle = (await api<Claim>(request, "GET", `/api/v1/claims/${ramisId}`, elena)).title;
  await elenaPage.goto("/inbox");
  // (The demo's own history sent claims to review before the story began: hers is the one of this claim.)
  const waiting = elenaPage.locator('[data-testid="notification"][data-kind="sent_to_review"]').filter({ hasText: ramisTitle });
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toHaveAttribute("data-unread", "true");
  await expect(waiting).toContainText(HANA.name);
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(elena)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  for (const message of smtp.received.filter((m) => m.to.includes(elena))) {
    const raw = `${message.subject}\n${message.text}`;
    expect(raw).toContain(`${PUBLIC_URL}/inbox`);
    for (const secret of [word, ramisTitle, "Baniyas", HANA.name, PEOPLE.reviewer.name]) expect(raw, `mail to Elena names "${secret}"`).not.toContain(secret);
  }

  // --- The audit log tells the whole story, and verifies.
  const story = (await api<{ items: AuditItem[] }>(request, "GET", `/api/v1/audit?entity=claim:${ramisId}&limit=100`, elena)).items;
  const told = story.map((e) => [e.type, e.actor?.name ?? null, e.data.action ?? e.data.via ?? null]);
  expect(told).toEqual([
    ["claim.submitted", PEOPLE.submitter.name, null],
    ["claim.assigned", PEOPLE.reviewer.name, "take_next"],
    ["comment.created", PEOPLE.reviewer.name, null],
    ["claim.assigned", HANA.name, null],
    ["claim.transitioned", HANA.name, "accept"],
    ["claim.assessed", PEOPLE.reviewer.name, null],
    ["claim.transitioned", HANA.name, "send_to_review"],
  ]);
  expect(story[2].data.mentions).toEqual([hana.id]);
  expect(story[3].data.takenOverFrom?.name).toBe(PEOPLE.reviewer.name);
  for (const claim of spam) {
    const events = (await api<{ items: AuditItem[] }>(request, "GET", `/api/v1/audit?entity=claim:${claim.id}`, elena)).items.filter((e) => e.type === "claim.transitioned");
    expect(events.map((e) => [e.actor?.name, e.data.action, e.data.via, e.data.reason])).toEqual([[HANA.name, "reject", "bulk", reason]]);
  }
  const verified = await api<{ ok: boolean }>(request, "GET", "/api/v1/audit/verify", admin);
  expect(verified.ok).toBe(true);
  // The claim's page says the same in words, to anyone on the team.
  await elenaPage.goto(`/claims/${ramisId}`);
  await expect(elenaPage.getByTestId("audit-timeline")).toContainText("Took it with “Take next”");
});
