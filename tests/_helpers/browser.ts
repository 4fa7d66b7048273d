/**
 * A real headless Chromium (Debian's `chromium`, installed by tools/setup.sh) driven through
 * playwright-core, pages with JavaScript off signing in through the console's form, and
 * screenshots saved as test artifacts in `.test-artifacts/screenshots/`.
 *
 * @module
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

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

/** A page in a fresh browser context with JavaScript off, as the console must work without it. */
export async function pageWithoutScripts(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ ...options, javaScriptEnabled: false });
  return await context.newPage();
}

/** Fills and submits the console's sign-in form; the caller waits for where it leads. */
export async function submitSignIn(
  page: Page,
  url: string,
  login: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the form and waits for the dashboard (no password change pending). */
export async function signIn(page: Page, url: string, login: string, password: string) {
  await submitSignIn(page, url, login, password);
  await page.waitForURL(`${url}/`);
}
