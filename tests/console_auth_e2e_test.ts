/**
 * End to end in a real headless Chromium with JavaScript turned off: `inventory serve` (a child
 * process) writes the first admin's one-time password to a 0600 file (never to its output); the
 * admin signs in with it (which deletes the file), is made to change it,
 * adds a technician limited to one entity, creates and revokes an API token, signs out; the
 * technician signs in, changes their password, and is refused the admin pages. Every page is
 * screenshotted into .test-artifacts/screenshots/.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { pageWithoutScripts, screenshot, submitSignIn } from "./_helpers/browser.ts";
import { addEntity } from "./_helpers/context.ts";
import { withServedConsole } from "./_helpers/served_console.ts";

// (A password may not contain its login.)
const ADMIN_PASSWORD = "correct horse battery staple";
const TECH_PASSWORD = "blue whale sings softly";

async function changePassword(page: Page, current: string, fresh: string) {
  await page.getByLabel(/One-time password|Current password/).fill(current);
  await page.getByLabel("New password", { exact: true }).fill(fresh);
  await page.getByLabel("New password again").fill(fresh);
  await page.getByRole("button", { name: "Change password" }).click();
}

Deno.test("console: first start, forced password change, users, tokens, a limited technician", async (t) => {
  await withServedConsole("console-e2e", async ({ url, server, ctx, browser, dataDir }) => {
    // The registry's entities, as the registry pages will create them.
    await addEntity(ctx, 2, 1, "Europe");
    await addEntity(ctx, 3, 1, "Asia");
    const file = (await server.waitForOutput(/one-time password is in (\S+)/))[1]!;
    const oneTimePassword = (await Deno.readTextFile(file)).trim();

    const admin = await pageWithoutScripts(browser);
    let techPassword = "";

    await t.step("the one-time password is in a 0600 file of the data dir, never printed", () => {
      assert.equal(file, join(dataDir, "first-admin-password.txt"));
      assert.equal(Deno.statSync(file).mode! & 0o777, 0o600);
      assert.match(oneTimePassword, /^[\w-]{20}$/);
      assert.equal(server.stdout().includes(oneTimePassword), false);
      assert.equal(server.log().includes(oneTimePassword), false);
      assert.match(server.log(), /first-admin-password\.txt/, "the log names the file");
    });

    await t.step("anonymous: sent to the sign-in page", async () => {
      await admin.goto(`${url}/users`);
      assert.equal(new URL(admin.url()).pathname, "/login");
      assert.equal(new URL(admin.url()).searchParams.get("next"), "/users");
      await screenshot(admin, "01-login");
    });

    await t.step("a wrong password is refused with a message", async () => {
      await submitSignIn(admin, url, "admin", "not the password");
      await admin.getByRole("alert").filter({ hasText: "Wrong login or password." }).waitFor();
      await screenshot(admin, "02-login-refused");
    });

    await t.step("the one-time password forces a password change", async () => {
      await submitSignIn(admin, url, "admin", oneTimePassword);
      await admin.waitForURL(`${url}/password`);
      assert.throws(() => Deno.statSync(file), Deno.errors.NotFound, "deleted at first sign-in");
      assert.equal(await admin.getByRole("navigation", { name: "Main" }).count(), 0);
      await screenshot(admin, "03-password-forced");
      // (Too short is stopped by the browser itself: the field has minlength.)
      await changePassword(admin, oneTimePassword, "admin-password-1");
      await admin.getByRole("alert").filter({ hasText: "must not contain the login" }).waitFor();
      await changePassword(admin, oneTimePassword, ADMIN_PASSWORD);
      await admin.waitForURL(`${url}/?notice=password-changed`);
      await admin.getByRole("status").filter({ hasText: "Your password is changed." }).waitFor();
      await admin.getByRole("heading", { name: "Dashboard" }).waitFor();
      await screenshot(admin, "04-dashboard-admin");
      // Keyboard users: the first Tab reaches the skip link.
      await admin.keyboard.press("Tab");
      assert.equal(await admin.locator(":focus").textContent(), "Skip to content");
    });

    await t.step("the session cookie: HttpOnly, SameSite=Lax, not Secure over HTTP", async () => {
      const [cookie] = (await admin.context().cookies()).filter((c) => c.name === "inv_session");
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      assert.equal(cookie.secure, false);
      assert.equal(cookie.path, "/");
    });

    await t.step("the admin adds a technician limited to Europe", async () => {
      await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })
        .click();
      await screenshot(admin, "05-users");
      const form = admin.getByRole("region", { name: "Add a user" });
      await form.getByLabel("Login").fill("tech");
      await form.getByLabel("Name").fill("Technician Europe");
      await form.getByLabel("Profile").selectOption("technician");
      await form.getByLabel("Entity").selectOption({ label: "Root entity > Europe" });
      await form.getByRole("button", { name: "Add user" }).click();
      techPassword = (await admin.getByTestId("one-time-password").textContent()) ?? "";
      assert.match(techPassword, /^[\w-]{20}$/);
      const row = admin.locator("tr[data-login=tech]");
      assert.match(
        await row.textContent() ?? "",
        /technician\s*Root entity > Europe \+ sub-entities/,
      );
      await screenshot(admin, "06-user-added");
    });

    await t.step("the admin creates an API token, uses it, revokes it", async () => {
      await admin.locator("summary").click();
      await admin.getByRole("link", { name: "API tokens" }).click();
      await admin.getByLabel("Name").fill("e2e script");
      await admin.getByRole("button", { name: "Create token" }).click();
      const token = (await admin.getByTestId("new-token").textContent()) ?? "";
      await screenshot(admin, "07-token-created");
      const bearer = { headers: { authorization: `Bearer ${token}` } };
      const ok = await fetch(`${url}/api/v1/devices`, bearer);
      assert.equal(ok.status, 200);
      await ok.body?.cancel();
      await admin.goto(`${url}/tokens`);
      assert.equal(await admin.getByTestId("new-token").count(), 0, "shown once");
      await admin.getByRole("button", { name: "Revoke" }).click();
      await admin.getByRole("status").filter({ hasText: "Token revoked." }).waitFor();
      const refused = await fetch(`${url}/api/v1/devices`, bearer);
      assert.equal(refused.status, 401);
      await refused.body?.cancel();
      await screenshot(admin, "08-token-revoked");
    });

    await t.step("sign-out is a form post; the old cookie no longer works", async () => {
      const [cookie] = (await admin.context().cookies()).filter((c) => c.name === "inv_session");
      await admin.locator("summary").click();
      await screenshot(admin, "09-user-menu");
      await admin.getByRole("button", { name: "Sign out" }).click();
      await admin.getByRole("status").filter({ hasText: "You are signed out." }).waitFor();
      await screenshot(admin, "10-signed-out");
      const replay = await fetch(`${url}/`, {
        headers: { cookie: `inv_session=${cookie!.value}` },
        redirect: "manual",
      });
      await replay.body?.cancel();
      assert.equal(replay.status, 303);
    });

    await t.step("the technician signs in, changes the password, sees no admin pages", async () => {
      const tech = await pageWithoutScripts(browser);
      await submitSignIn(tech, url, "tech", techPassword);
      await tech.waitForURL(`${url}/password`);
      await changePassword(tech, techPassword, TECH_PASSWORD);
      await tech.getByRole("heading", { name: "Dashboard" }).waitFor();
      const nav = tech.getByRole("navigation", { name: "Main" });
      assert.equal(await nav.getByText("Users").count(), 0);
      assert.equal(await nav.getByText("Settings").count(), 0);
      assert.equal(await nav.getByText("Computers").count(), 1);
      await screenshot(tech, "11-dashboard-technician");
      for (const path of ["/users"]) {
        const response = await tech.goto(`${url}${path}`);
        assert.equal(response?.status(), 403, path);
        await tech.getByRole("heading", { name: "Not allowed" }).waitFor();
      }
      await screenshot(tech, "12-technician-refused");
      await tech.setViewportSize({ width: 375, height: 740 });
      await tech.goto(`${url}/tokens`);
      await screenshot(tech, "13-tokens-mobile");
      await tech.context().close();
    });
  });
});
