import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

test("the public site lists the demo's published entry", async ({ page }) => {
  // Other specs publish entries too (newest first), enough to push the demo's past the first page:
  // the list's own search finds it.
  await page.goto(`/?q=${encodeURIComponent("civilians coastal")}`);
  await expect(page.getByTestId("public-entry").filter({ hasText: "1,383 civilians killed" })).toHaveCount(1);
});

test("a reviewer signed in through the API sees the queue", async ({ as }) => {
  const page = await as("reviewer");
  await page.goto("/claims");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Rami (reviewer)");
});

test("no database code rides into the browser: the client bundles hold no drizzle", async () => {
  // Forms once took their option lists from db/schema/enums, which builds drizzle's pgEnums: five
  // client chunks carried drizzle's column builders. They now read lib/vocabulary.ts.
  const chunks = path.join(".next", "static", "chunks");
  const files = fs.readdirSync(chunks, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  const withDrizzle = files.filter((f) => /drizzle:|PgEnumColumn|drizzle-orm/.test(fs.readFileSync(path.join(chunks, f), "utf8")));
  expect(withDrizzle).toEqual([]);
});
