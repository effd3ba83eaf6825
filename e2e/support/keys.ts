import { expect, type Page } from "@playwright/test";

/**
 * Waits until the page's keys answer (its scripts have hydrated): `?` opens the list of keys, which
 * is then closed. A key pressed before would be lost: the server's HTML shows the buttons first.
 */
export async function keysReady(page: Page) {
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.locator("body").press("?");
    await expect(help).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
}
