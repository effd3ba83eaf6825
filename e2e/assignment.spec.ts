import type { Page } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi } from "./support/api";
import { expect, PEOPLE, signIn, test } from "./support/fixtures";
import { ClaimPage } from "./support/pages";

/**
 * Issue 17, point 8: "Assign to me" on a claim someone else has does not take it from them
 * unnoticed. The form asks "Take over from …?" first, and the API refuses without takeOver.
 */

type Assigned = { version: number; assignee: { id: string; name: string } | null };

async function assignToMe(page: Page) {
  const form = page.getByTestId("assign-form");
  await form.getByRole("button", { name: "Assign to me" }).click();
  return form;
}

test("the reviewer takes over the editor's claim after saying so; the API refuses without takeOver", async ({ as, request }) => {
  const claim = await submitClaimApi(request);

  // The editor assigns the claim to themself through the page.
  const editor = await as("editor");
  const editorClaim = new ClaimPage(editor);
  await editorClaim.goto(claim.id);
  await assignToMe(editor);
  await expect(editorClaim.success).toHaveText("Assigned to you.");
  await expect(editor.getByTestId("assign-form")).toContainText(`Assigned to ${PEOPLE.editor.name}`);

  // Over the API, another's claim is not taken without takeOver: a 409 naming them, nothing changed.
  const before = (await getClaimApi(request, claim.id)) as unknown as Assigned;
  expect(before.assignee?.name).toBe(PEOPLE.editor.name);
  const refused = await request.put(`/api/v1/claims/${claim.id}/assignee`, { headers: bearer("reviewer"), data: { assigneeId: null, version: before.version } });
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toEqual({
    error: { code: "CONFLICT", message: `${PEOPLE.editor.name} has this claim. Send takeOver: true to take it over.`, guard: "takeover" },
  });
  expect(((await getClaimApi(request, claim.id)) as unknown as Assigned).version).toBe(before.version);

  // The reviewer asks for it, is asked first, and can leave it with the editor.
  const reviewer = await as("reviewer");
  const reviewerClaim = new ClaimPage(reviewer);
  await reviewerClaim.goto(claim.id);
  let form = await assignToMe(reviewer);
  const question = form.getByRole("alertdialog");
  await expect(question).toContainText(`Take over from ${PEOPLE.editor.name}?`);
  await form.getByRole("link", { name: `Keep ${PEOPLE.editor.name}` }).click();
  await expect(question).toBeHidden();
  await expect(form).toContainText(`Assigned to ${PEOPLE.editor.name}`);
  expect(((await getClaimApi(request, claim.id)) as unknown as Assigned).assignee?.name).toBe(PEOPLE.editor.name);

  // Asked again, the reviewer takes it over.
  form = await assignToMe(reviewer);
  await expect(question).toContainText(`Take over from ${PEOPLE.editor.name}?`);
  await question.getByRole("button", { name: "Take over" }).click();
  await expect(reviewerClaim.success).toHaveText("Assigned to you.");
  await expect(reviewer.getByTestId("assign-form")).toContainText(`Assigned to ${PEOPLE.reviewer.name}`);
  await expect(reviewer.getByRole("region", { name: "Audit timeline" })).toContainText(`Taken over from ${PEOPLE.editor.name}`);
  const after = (await getClaimApi(request, claim.id)) as unknown as Assigned;
  expect(after.assignee?.name).toBe(PEOPLE.reviewer.name);
  expect(after.version).toBe(before.version + 1);
});

test("without JavaScript, the question comes back as the page's answer and Take over works", async ({ browser, baseURL, request }) => {
  const claim = await submitClaimApi(request);
  const version = ((await getClaimApi(request, claim.id)) as unknown as Assigned).version;

  // The editor takes it first, through the page without JavaScript.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    await signIn(context.request, PEOPLE.editor.email);
    const editorPage = await context.newPage();
    await editorPage.goto(`/claims/${claim.id}`);
    await editorPage.getByTestId("assign-form").getByRole("button", { name: "Assign to me" }).click();
    await expect(editorPage.getByTestId("assign-form")).toContainText(`Assigned to ${PEOPLE.editor.name}`);
  } finally {
    await context.close();
  }
  expect(((await getClaimApi(request, claim.id)) as unknown as Assigned).version).toBe(version + 1);

  const reviewerContext = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    await signIn(reviewerContext.request, PEOPLE.reviewer.email);
    const page = await reviewerContext.newPage();
    await page.goto(`/claims/${claim.id}`);
    await assignToMe(page);
    const question = page.getByTestId("assign-form").getByRole("alertdialog");
    await expect(question).toContainText(`Take over from ${PEOPLE.editor.name}?`);
    await expect(question.getByRole("link", { name: `Keep ${PEOPLE.editor.name}` })).toHaveAttribute("href", `/claims/${claim.id}`);
    await question.getByRole("button", { name: "Take over" }).click();
    await expect(page.getByTestId("assign-form")).toContainText(`Assigned to ${PEOPLE.reviewer.name}`);
  } finally {
    await reviewerContext.close();
  }
  expect(((await getClaimApi(request, claim.id)) as unknown as Assigned).assignee?.name).toBe(PEOPLE.reviewer.name);
});
