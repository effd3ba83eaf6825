import { bearer, getClaimApi, submitClaimApi, transitionApi, uniqueWord } from "./support/api";
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
  await page.getByLabel("Language").fill("en");
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

test("the send-to-review form, refused as stale, keeps the grade and rationale chosen", async ({ as, request }) => {
  const claim = await transitionApi(request, "reviewer", await submitClaimApi(request, { title: `Kept choices ${uniqueWord("form")}` }), { action: "accept" });
  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  const form = page.getByTestId("transition-send_to_review");
  await form.getByLabel("Grade", { exact: true }).selectOption("probable");
  await form.getByLabel("Rationale for the grade").fill("Two independent origins, one first-hand.");
  // Someone else changes the claim meanwhile: the form's version is stale.
  const graded = await request.put(`/api/v1/claims/${claim.id}/grade`, { headers: bearer("reviewer"), data: { grade: "single_source", rationale: "Set elsewhere.", version: claim.version } });
  expect(graded.status(), await graded.text()).toBe(200);
  await form.getByRole("button").click();

  await expect(form.getByRole("alert")).toBeVisible();
  await expect(form.getByLabel("Grade", { exact: true })).toHaveValue("probable");
  await expect(form.getByLabel("Rationale for the grade")).toHaveValue("Two independent origins, one first-hand.");
  expect((await getClaimApi(request, claim.id)).state, "nothing was sent to review").toBe("corroboration");
});
