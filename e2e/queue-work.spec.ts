import type { APIRequestContext, Page } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi, uniqueWord } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";
import { keysReady } from "./support/keys";

/**
 * Issue 20, the queue worked as a team: rows selected with the keyboard and the mouse, a bulk
 * reject with one reason (one claim changed by someone else meanwhile is refused and said so),
 * j/k/Enter/x/t and `?`, none of which fires while typing, and "take next".
 */

type AuditItem = { type: string; data: { via?: string; reason?: string; action?: string } };

async function auditOf(request: APIRequestContext, claimId: string): Promise<AuditItem[]> {
  const response = await request.get(`/api/v1/audit?entity=claim:${claimId}`, { headers: bearer("reviewer") });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: AuditItem[] }).items;
}

const rows = (page: Page) => page.getByTestId("claim-row");
const rowOf = (page: Page, title: string) => rows(page).filter({ hasText: title });

test("select with x and the mouse, bulk-reject with one reason; a claim changed meanwhile is refused by name", async ({ as, request }) => {
  const word = uniqueWord("sweep");
  const spam = [];
  for (const n of [1, 2, 3]) spam.push(await submitClaimApi(request, { title: `Spam ${n} ${word}`, summary: `A copied advertisement (${word}).` }));
  const keep = await submitClaimApi(request, { title: `Worth a look ${word}`, summary: `A real report (${word}).` });

  const page = await as("reviewer");
  await page.goto(`/claims?state=triage&q=${word}`);
  await expect(rows(page)).toHaveCount(4);

  // Keys move a row cursor and select: x on the first row, j, x on the second.
  await page.locator("body").press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  const selectedTitles = async () => rows(page).filter({ has: page.locator("input[type=checkbox]:checked") }).locator("a").allInnerTexts();
  await expect(page.getByTestId("selected-count")).toHaveText("2 claims selected");
  const firstTwo = await selectedTitles();
  expect(firstTwo).toHaveLength(2);

  // A text field keeps its letters: typing j and x in the search moves and selects nothing.
  await page.getByLabel("Search titles, summaries, places").click();
  await page.keyboard.type("xj");
  await expect(page.getByLabel("Search titles, summaries, places")).toHaveValue(`${word}xj`);
  await expect(page.getByTestId("selected-count")).toHaveText("2 claims selected");
  await page.getByLabel("Search titles, summaries, places").fill(word);

  // The selection made exactly the spam: unselect whatever is not spam, select the spam with the mouse.
  for (const title of firstTwo.filter((t) => !t.startsWith("Spam"))) await rowOf(page, title).getByTestId("row-select").uncheck();
  for (const claim of spam) await rowOf(page, claim.title).getByTestId("row-select").check();
  await expect(page.getByTestId("selected-count")).toHaveText("3 claims selected");

  // Meanwhile the editor edits one of them: the reviewer's selection holds its earlier version.
  const changed = spam[1];
  const edit = await request.patch(`/api/v1/claims/${changed.id}`, { headers: bearer("editor"), data: { title: `${changed.title} (edited)`, version: changed.version } });
  expect(edit.status()).toBe(200);

  const bar = page.getByTestId("bulk-bar");
  await bar.getByTestId("bulk-action").selectOption("reject");
  await bar.getByTestId("bulk-reason").fill("Spam: a copied advertisement.");
  await bar.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("bulk-done")).toHaveText("2 claims changed.");
  const refusals = page.getByTestId("bulk-refusals");
  await expect(refusals).toContainText("1 claim was not changed:");
  await expect(refusals).toContainText(changed.title);
  await expect(refusals).toContainText("has changed since you loaded it");

  // The queue reads again: the two rejected are gone from triage, the edited one and the keeper stay.
  await expect(rows(page)).toHaveCount(2);
  await expect(rowOf(page, keep.title)).toHaveCount(1);
  for (const claim of [spam[0], spam[2]]) {
    const after = await getClaimApi(request, claim.id);
    expect(after.state).toBe("rejected");
    expect(after.stateReason).toBe("Spam: a copied advertisement.");
    const transitions = (await auditOf(request, claim.id)).filter((e) => e.type === "claim.transitioned");
    expect(transitions.map((e) => [e.data.action, e.data.via, e.data.reason])).toEqual([["reject", "bulk", "Spam: a copied advertisement."]]);
  }
  expect((await getClaimApi(request, changed.id)).state).toBe("triage");
});

test("? lists the keys; Enter opens the row under the cursor; t takes the claim waiting longest", async ({ as, request }) => {
  const word = uniqueWord("keys");
  const first = await submitClaimApi(request, { title: `First ${word}` });
  const second = await submitClaimApi(request, { title: `Second ${word}` });

  const page = await as("reviewer");
  await page.goto(`/claims?state=triage&q=${word}`);
  await expect(rows(page)).toHaveCount(2);

  await page.locator("body").press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const label of ["Next claim", "Previous claim", "Open the claim", "Select or unselect the claim", "Take the next claim"]) await expect(help).toContainText(label);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // j to the second row, k back, j again: Enter opens the second.
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toHaveAttribute("data-cursor", "true");
  const titleOnSecondRow = await rows(page).nth(1).locator("a").innerText();
  await page.keyboard.press("Enter");
  const opened = titleOnSecondRow === first.title ? first : second;
  await page.waitForURL(`**/claims/${opened.id}`);

  // Take next from triage: the unassigned claim that has waited there longest, whoever's it is.
  let expected: string | null = null;
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/v1/claims?state=triage&order=waiting&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: bearer("reviewer") });
    const body = (await response.json()) as { items: { id: string; assignee: unknown }[]; nextCursor: string | null };
    expected = body.items.find((c) => c.assignee === null)?.id ?? null;
    cursor = body.nextCursor;
  } while (!expected && cursor);
  expect(expected).not.toBeNull();

  await page.goto("/claims?state=triage&order=waiting");
  await expect(page.getByTestId("take-next")).toBeVisible();
  await keysReady(page);
  await page.locator("body").press("t");
  await page.waitForURL(`**/claims/${expected}?done=assign`);
  await expect(page.getByTestId("form-success")).toHaveText("Assigned to you.");
  const taken = (await getClaimApi(request, expected!)) as unknown as { assignee: { name: string } | null };
  expect(taken.assignee?.name).toBe(PEOPLE.reviewer.name);
  const assignedEvents = (await auditOf(request, expected!)).filter((e) => e.type === "claim.assigned");
  expect(assignedEvents[0].data.via).toBe("take_next");
});

test("select all matching past the page, and assign them all in chunks", async ({ as, request }) => {
  const word = uniqueWord("many");
  const claims = [];
  for (let n = 1; n <= 27; n++) claims.push(await submitClaimApi(request, { title: `Batch ${n} ${word}` }));

  const page = await as("reviewer");
  await page.goto(`/claims?state=triage&q=${word}`);
  await expect(rows(page)).toHaveCount(25);
  await page.getByLabel("Select every claim on this page").check();
  await expect(page.getByTestId("selected-count")).toHaveText("25 claims selected");
  await page.getByTestId("select-all-offer").getByRole("button", { name: "Select all 27 matching" }).click();
  await expect(page.getByTestId("selected-count")).toHaveText("All 27 matching claims are selected");

  const bar = page.getByTestId("bulk-bar");
  await bar.getByTestId("bulk-action").selectOption("assign");
  await expect(bar.getByLabel("Assign to")).toHaveValue(/[0-9a-f-]{36}/);
  await bar.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("bulk-done")).toHaveText("27 claims changed.");
  await expect(page.getByTestId("bulk-refusals")).toHaveCount(0);
  await expect(page.getByTestId("claim-assignee").filter({ hasText: PEOPLE.reviewer.name })).toHaveCount(25);

  for (const claim of [claims[0], claims[26]]) {
    const after = (await getClaimApi(request, claim.id)) as unknown as { assignee: { name: string } | null };
    expect(after.assignee?.name).toBe(PEOPLE.reviewer.name);
    const assigned = (await auditOf(request, claim.id)).filter((e) => e.type === "claim.assigned");
    expect(assigned.map((e) => e.data.via)).toEqual(["bulk"]);
  }
});
