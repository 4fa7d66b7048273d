/**
 * A real headless Chromium (Debian's `chromium`, installed by tools/setup.sh) driven through
 * playwright-core, and screenshots saved as test artifacts in `.test-artifacts/screenshots/`.
 *
 * @module
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where screenshots go (the CI keeps this folder). */
export const SCREENSHOT_DIR = new URL("../../.test-artifacts/screenshots/", import.meta.url)
  .pathname;

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium executable: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath(): string {
  const fromEnv = Deno.env.get("CHROMIUM_PATH");
  if (fromEnv) return fromEnv;
  for (const path of CANDIDATES) {
    try {
      Deno.statSync(path);
      return path;
    } catch {
      // Next candidate.
    }
  }
  throw new Error(
    `No Chromium at ${CANDIDATES.join(" or ")}: run tools/setup.sh (apt package "chromium")`,
  );
}

/** Launches headless Chromium; as root it needs --no-sandbox (no user namespaces). */
export async function launchBrowser(): Promise<Browser> {
  const root = Deno.uid() === 0;
  return await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: root ? ["--no-sandbox"] : [],
  });
}

/** Saves a full-page screenshot as `<name>.png`; resolves to its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
