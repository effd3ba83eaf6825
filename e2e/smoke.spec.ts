import { expect, test } from "./support/fixtures";

test("the public site lists the demo's published entry", async ({ page }) => {
  await page.goto("/");
  // Other specs publish entries too (newest first), so look for the demo's among them.
  await expect(page.getByTestId("public-entry").filter({ hasText: "1,383 civilians killed" })).toHaveCount(1);
});

test("a reviewer signed in through the API sees the queue", async ({ as }) => {
  const page = await as("reviewer");
  await page.goto("/claims");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Rami (reviewer)");
});
