import { assessApi, bearer, getClaimApi, getEvidenceApi, settledEvidenceApi, submitClaimApi, textFile, transitionApi, uniqueWord, uploadEvidenceApi } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * A refused form comes back with every value it was sent, its choices too (issue 17, point 9).
 * React resets a form once its action answers, and a <select> then fell back to its first option
 * (facebook/react#32362): the kind, the precision, the grade under "Send to review" were gone
 * after every error, and each error cost another round.
 */

test("the claim form, refused for a missing title, keeps its kind, language, place and precision", async ({ as }) => {
  const page = await as("submitter");
  await page.goto("/claims/new");
  await page.getByLabel("Kind").selectOption("video");
  await page.getByLabel("Language").selectOption("en");
  await page.getByLabel("Summary").fill("A video of the shelling, filmed from the north side of the square.");
  await page.getByLabel("Place").fill("Jableh");
  await page.getByLabel("Precision").selectOption("locality");
  await page.getByRole("button", { name: "Submit claim" }).click();

  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Kind")).toHaveValue("video");
  await expect(page.getByLabel("Precision")).toHaveValue("locality");
  await expect(page.getByLabel("Language")).toHaveValue("en");
  await expect(page.getByLabel("Place")).toHaveValue("Jableh");
  await expect(page.getByLabel("Summary")).toHaveValue("A video of the shelling, filmed from the north side of the square.");
});

test("the claim has one grade selector; sending to review from it, refused as stale, keeps the grade and rationale chosen", async ({ as, request }) => {
  const claim = await transitionApi(request, "reviewer", await submitClaimApi(request, { title: `Kept choices ${uniqueWord("form")}` }), { action: "accept" });
  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  // One grade selector on the claim: the grade form saves the grade or sends the claim with it.
  await expect(page.locator('select[name="grade"]')).toHaveCount(1);
  await expect(page.getByTestId("transition-send_to_review")).toHaveCount(0);
  const form = page.getByTestId("grade-form");
  await form.getByLabel("Grade", { exact: true }).selectOption("probable");
  await form.getByLabel("Rationale for the grade").fill("Two independent origins, one first-hand.");
  // Someone else changes the claim meanwhile: the form's version is stale.
  const graded = await request.put(`/api/v1/claims/${claim.id}/grade`, { headers: bearer("reviewer"), data: { grade: "single_source", rationale: "Set elsewhere.", version: claim.version } });
  expect(graded.status(), await graded.text()).toBe(200);
  await form.getByRole("button", { name: "Send to review" }).click();

  await expect(form.getByRole("alert")).toBeVisible();
  await expect(form.getByLabel("Grade", { exact: true })).toHaveValue("probable");
  await expect(form.getByLabel("Rationale for the grade")).toHaveValue("Two independent origins, one first-hand.");
  expect((await getClaimApi(request, claim.id)).state, "nothing was sent to review").toBe("corroboration");
});

test("sending to review with an item not reviewed for sensitivity names it with a link; reviewed inline on the claim page, the claim goes", async ({ as, request }) => {
  const claim = await transitionApi(request, "reviewer", await submitClaimApi(request, { title: `Sensitivity first ${uniqueWord("form")}` }), { action: "accept" });
  const uploaded = await uploadEvidenceApi(request, "reviewer", claim.id, textFile("witness-statement.txt"));
  const item = await settledEvidenceApi(request, "reviewer", uploaded.id);
  await assessApi(request, "reviewer", claim.id, { evidenceId: item.id, stance: "supports", credibility: 2 });

  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  const pending = page.getByTestId("evidence-item").getByTestId("sensitivity-pending");
  await expect(pending).toContainText("Not yet reviewed for sensitivity");

  const form = page.getByTestId("grade-form");
  await form.getByLabel("Grade", { exact: true }).selectOption("probable");
  await form.getByLabel("Rationale for the grade").fill("One first-hand statement.");
  await form.getByRole("button", { name: "Send to review" }).click();
  const refusal = form.getByRole("alert");
  await expect(refusal).toContainText("1 evidence item has not been reviewed for sensitivity");
  await expect(refusal.getByRole("link", { name: "witness-statement.txt" })).toHaveAttribute("href", `/evidence/${item.id}`);

  await pending.getByLabel("Graphic (violence, bodies, injuries)").check();
  await pending.getByRole("button", { name: "Save sensitivity review" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Sensitivity review saved.");
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}\\?done=sensitivity$`));
  await expect(page.getByTestId("sensitivity-pending")).toHaveCount(0);
  const reviewed = await getEvidenceApi(request, "reviewer", item.id);
  expect(reviewed.isGraphic).toBe(true);
  expect(reviewed.sensitivityReviewed).toBeTruthy();

  const sendForm = page.getByTestId("grade-form");
  await sendForm.getByLabel("Grade", { exact: true }).selectOption("probable");
  await sendForm.getByLabel("Rationale for the grade").fill("One first-hand statement.");
  await sendForm.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Sent to review.");
  expect((await getClaimApi(request, claim.id)).state).toBe("review");
});

test("the submitter puts their claim right in triage through the edit form; the timeline says what changed", async ({ as, request }) => {
  const claim = await submitClaimApi(request, { title: `Shelling in Jablah ${uniqueWord("edit")}`, placeName: "Jablah" });
  const page = await as("submitter");
  await page.goto(`/claims/${claim.id}`);
  const section = page.getByTestId("edit-claim");
  await section.getByText("Edit the claim").click();
  const form = section.getByTestId("edit-claim-form");
  await expect(form.getByLabel("Title")).toHaveValue(claim.title);

  // Refused (no title): every other value stays as typed.
  await form.getByLabel("Title").fill("");
  await form.getByLabel("Place").fill("Jableh");
  await form.getByRole("button", { name: "Save the claim" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(form.getByLabel("Place")).toHaveValue("Jableh");
  await expect(form.getByLabel("Kind")).toHaveValue(claim.kind);

  const title = claim.title.replace("Jablah", "Jableh");
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Save the claim" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Claim saved.");
  await expect(page.getByTestId("claim-title")).toHaveText(title);
  await expect(page.getByText("Edited title, placeName")).toBeVisible();
  const stored = await getClaimApi(request, claim.id);
  expect(stored).toMatchObject({ title, version: claim.version + 1 });
  expect(stored.place.name).toBe("Jableh");

  // Once accepted, the submitter is no longer offered the form.
  await transitionApi(request, "reviewer", stored, { action: "accept" });
  await page.reload();
  await expect(page.getByTestId("edit-claim")).toHaveCount(0);
});

test("an item's assessment starts with nothing chosen, and is not sent until a stance and a credibility are", async ({ as, request }) => {
  const claim = await transitionApi(request, "reviewer", await submitClaimApi(request, { title: `Unbiased assessment ${uniqueWord("form")}` }), { action: "accept" });
  const item = await settledEvidenceApi(request, "reviewer", (await uploadEvidenceApi(request, "reviewer", claim.id)).id);
  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  const form = page.getByTestId("assess-form");
  await expect(form.locator('select[name="stance"]')).toHaveValue("");
  await expect(form.locator('select[name="credibility"]')).toHaveValue("");
  await form.getByRole("button", { name: "Assess", exact: true }).click();
  // The browser holds the form back: nothing was recorded.
  expect(await form.locator('select[name="stance"]').evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
  const listed = await request.get(`/api/v1/claims/${claim.id}/assessments`, { headers: bearer("reviewer") });
  expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);

  await form.locator('select[name="stance"]').selectOption("contradicts");
  await form.locator('select[name="credibility"]').selectOption("4");
  await form.getByRole("button", { name: "Assess", exact: true }).click();
  await expect(form).toContainText("Assessment saved.");
  const saved = await request.get(`/api/v1/claims/${claim.id}/assessments`, { headers: bearer("reviewer") });
  expect(((await saved.json()) as { items: { evidenceId: string; stance: string; credibility: number }[] }).items).toMatchObject([{ evidenceId: item.id, stance: "contradicts", credibility: 4 }]);
});

test("the claim form marks its required fields before anything is sent, and offers the original's language from a list", async ({ as }) => {
  const page = await as("submitter");
  // A list whose names the browser computed differently from the server (ICU data differ) made
  // React throw the page's HTML away on hydration, and a kind chosen before that was lost.
  const hydrationErrors: string[] = [];
  const isHydrationError = (text: string) => /hydrat|react\.dev\/errors\/(418|423|425)\b/i.test(text);
  page.on("console", (message) => {
    if (message.type() === "error" && isHydrationError(message.text())) hydrationErrors.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (isHydrationError(error.message)) hydrationErrors.push(error.message);
  });
  await page.goto("/claims/new");
  const form = page.getByTestId("claim-form");
  for (const name of ["kind", "title", "summary", "language"]) {
    await expect(form.locator(`#${name}`), `${name} is required`).toHaveAttribute("aria-required", "true");
  }
  const marked = form.locator("div.space-y-1").filter({ has: page.getByTestId("required-mark") }).locator("label");
  await expect(marked).toHaveText(["Kind", "Language", "Title", "Summary"]);
  await expect(form.locator("#placeName")).not.toHaveAttribute("aria-required", "true");

  // A list, Arabic first, each language by its name.
  const language = page.getByLabel("Language");
  await expect(language).toHaveValue("ar");
  await expect(language.locator("option").first()).toHaveText("Arabic (ar)");
  await expect(language.locator("option", { hasText: "Kurdish" }).first()).toBeAttached();

  const title = `Listed language ${uniqueWord("form")}`;
  await page.getByLabel("Kind").selectOption("report");
  await language.selectOption("tr");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("A report in Turkish.");
  await page.getByRole("button", { name: "Submit claim" }).click();
  await expect(page.getByTestId("claim-title")).toHaveText(title);
  await expect(page.getByRole("definition").filter({ hasText: "Turkish (tr)" })).toBeVisible();
  expect(hydrationErrors).toEqual([]);
});

test("an editor's queue opens on the claims that wait for them in review; every state is one link away", async ({ as, request }) => {
  const accepted = await transitionApi(request, "reviewer", await submitClaimApi(request, { title: `Not yet for the editor ${uniqueWord("queue")}` }), { action: "accept" });
  const page = await as("editor");
  await page.goto("/claims");
  await expect(page.getByTestId("tab-review")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("queue-opening")).toContainText("Showing what waits for you: the claims in review");
  await expect(page.getByRole("link", { name: accepted.title })).toHaveCount(0);
  for (const state of await page.getByTestId("claim-state").allTextContents()) expect(state).toBe("Review");

  await page.getByTestId("queue-opening").getByRole("link", { name: "Show every state" }).click();
  await expect(page).toHaveURL(/\/claims\?state=all$/);
  await expect(page.getByTestId("queue-opening")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "States" }).getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");

  // A reviewer's queue still opens on every state.
  const reviewer = await as("reviewer");
  await reviewer.goto("/claims");
  await expect(reviewer.getByTestId("queue-opening")).toHaveCount(0);
  await expect(reviewer.getByRole("navigation", { name: "States" }).getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
});
