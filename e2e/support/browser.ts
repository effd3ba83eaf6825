import fs from "node:fs";
import { chromium } from "@playwright/test";

/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH, Debian's /usr/bin/chromium, or a browser
 * Playwright installed itself. Tests never download one.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  return undefined;
}

export function hasPlaywrightChromium(): boolean {
  try {
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const NO_BROWSER_MESSAGE = `No Chromium found for the end-to-end tests.
Install one, then run npm test again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  elsewhere:      set CHROMIUM_PATH=/path/to/chrome, or run: npx playwright install chromium`;
