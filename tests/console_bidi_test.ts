/**
 * Issue 11: bidirectional-text controls sent by an agent (a right-to-left override in a host,
 * software or user name) never reach a console page, wherever the name is shown; the stored
 * value is kept as sent.
 *
 * @module
 */

import assert from "node:assert/strict";
import { syncBatch } from "../server/registry/batch.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

const CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

Deno.test("agent-sent bidi controls are stripped from every console page that shows them", async () => {
  await withPipeline(async ({ ctx, send, detail }) => {
    const deviceid = "bidi-2026-11-21-00-00-00";
    // Shown as "evil-exe.png" (and "1.0" reversed) by a browser if left in.
    const name = "evil-\u202egnp.exe";
    const software = "Photo \u2067viewer\u2069 \u200f\u202dPro";
    const outcome = await send(machineXml({
      deviceid,
      name,
      serial: "SER-BIDI",
      uuid: "UUID-BIDI",
      macs: ["00:aa:bb:cc:0b:01"],
      software: [{ name: software, version: "1.0\u202e" }],
    }));
    assert.ok(outcome.summary, "stored");
    assert.deepEqual((await syncBatch(ctx)).errors, []);
    const stored = await detail(deviceid);
    assert.equal(stored.name, name, "the stored value is kept as sent");
    const link = await ctx.db.selectFrom("computer_links").select("computer_id")
      .where("deviceid", "=", deviceid).executeTakeFirstOrThrow();
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const pages = [
      "/",
      "/computers",
      `/computers?search=${encodeURIComponent(name)}`,
      `/computers/${link.computer_id}`,
      `/computers/${link.computer_id}?tab=software`,
      "/devices",
      "/software",
      `/software?search=Photo`,
    ];
    for (const path of pages) {
      const { status, html } = await admin.page(path);
      assert.equal(status, 200, `${path}: ${html.slice(0, 200)}`);
      assert.doesNotMatch(html, CONTROLS, `${path} carries a bidi control`);
    }
    const { html } = await admin.page(`/computers/${link.computer_id}`);
    assert.match(html, /evil-gnp\.exe/, "the name is shown, without its controls");
    const list = await admin.page("/software?search=Photo");
    assert.match(list.html, /Photo viewer Pro/);
  });
});
