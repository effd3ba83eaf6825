import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { bearer, publishedClaim, claimInReview, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { untranslatedText } from "./support/untranslated";

/**
 * Every main page in Arabic (issue 18): `lang="ar" dir="rtl"`, no accessibility violation, no
 * English word that is not data, and a screenshot kept as the run's artefact
 * (test-results/arabic/<page>.png) for people to look at.
 */

const SHOTS = path.join("test-results", "arabic");

async function checkArabicPage(page: Page, name: string, address: string) {
  const response = await page.goto(address);
  expect(response?.status(), `${name}: ${address}`).toBeLessThan(400);
  await expect(page.locator("html"), name).toHaveAttribute("lang", "ar");
  await expect(page.locator("html"), name).toHaveAttribute("dir", "rtl");
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect.soft(await untranslatedText(page), `${name}: English that is not data`).toEqual([]);
  // A sandboxed frame (the editors' preview of a page to be sealed) runs no script, so axe cannot
  // run inside it and would wait for it until the test's end; its document is the public entry
  // page's, checked above as "entry".
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe[sandbox]").analyze();
  expect.soft(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), name).toEqual([]);
}

test("every main page reads in Arabic, right to left, with nothing left in English", async ({ browser, baseURL, request, as }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("ar");
  const entry = await publishedClaim(request, { title: `مدخل ${word}`, language: "ar" });
  const claim = await claimInReview(request, { title: `ادعاء ${word}`, language: "ar" });
  const full = (await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer("reviewer") })).json()) as { evidence: { id: string }[] };

  // The public site and sign-in, signed out, at their Arabic addresses / with the switch's cookie.
  const reader = await browser.newContext({ baseURL, locale: "ar-SY" });
  await reader.addCookies([{ name: "corroborate-locale", value: "ar", url: baseURL! }]);
  const readerPage = await reader.newPage();
  await checkArabicPage(readerPage, "public-home", "/ar");
  await checkArabicPage(readerPage, "entry", `/ar/entries/${entry.publicSlug}`);
  await checkArabicPage(readerPage, "methodology", "/ar/methodology");
  // Incidents (issue 24): the list, the demo's published incident, the codebook.
  const incidents = (await (await request.get("/api/v1/public/incidents")).json()) as { items: { slug: string }[] };
  await checkArabicPage(readerPage, "public-incidents", "/ar/events");
  await checkArabicPage(readerPage, "public-incident", `/ar/events/${incidents.items[0].slug}`);
  await checkArabicPage(readerPage, "codebook", "/ar/events/codebook");
  await checkArabicPage(readerPage, "sign-in", "/login");
  await checkArabicPage(readerPage, "invitation-not-working", `/invite/${"A".repeat(43)}`);
  await checkArabicPage(readerPage, "forgot-password", "/login/forgot");
  await checkArabicPage(readerPage, "reset-link-dead", `/reset-password/${"A".repeat(43)}`);
  await reader.close();

  // The workspace, as an editor whose browser asks for Arabic.
  const editor = await as("editor");
  await editor.context().addCookies([{ name: "corroborate-locale", value: "ar", url: baseURL! }]);
  const pages: [string, string][] = [
    ["queue", "/claims?state=all"],
    ["claim", `/claims/${claim.id}`],
    ["evidence", `/evidence/${full.evidence[0].id}`],
    ["custody", `/evidence/${full.evidence[0].id}/custody`],
    ["preview", `/claims/${claim.id}/preview`],
    ["new-claim", "/claims/new"],
    ["import-wizard", `/claims/${claim.id}/persons/import`],
    ["persons", "/persons"],
    ["sources", "/sources"],
    ["incidents", "/incidents"],
    ["incidents-map", "/incidents?view=map"],
    ["figures", "/figures"],
    ["settings", "/settings"],
    ["inbox", "/inbox"],
  ];
  for (const [name, address] of pages) await checkArabicPage(editor, name, address);
  // Pages reached through a list: the first person and the first source the demo holds.
  for (const [name, list, prefix] of [["person", "/persons", "/persons/"], ["source", "/sources", "/sources/"], ["incident", "/incidents", "/incidents/"]] as const) {
    await editor.goto(list);
    const href = await editor.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
    await checkArabicPage(editor, name, href!);
  }

  const submitter = await as("submitter");
  await submitter.context().addCookies([{ name: "corroborate-locale", value: "ar", url: baseURL! }]);
  await checkArabicPage(submitter, "my-submissions", "/my-submissions");

  const admin = await as("admin");
  await admin.context().addCookies([{ name: "corroborate-locale", value: "ar", url: baseURL! }]);
  await checkArabicPage(admin, "audit", "/admin/audit");
  await checkArabicPage(admin, "people", "/admin/users");
  await admin.goto("/admin/users?q=reviewer");
  await checkArabicPage(admin, "person", (await admin.locator('main a[href^="/admin/users/"]').first().getAttribute("href"))!);
  await checkArabicPage(admin, "outbox", "/admin/outbox");
  await checkArabicPage(admin, "notification-settings", "/admin/notifications");
  await checkArabicPage(admin, "time-stamps", "/admin/time-stamps");
});
