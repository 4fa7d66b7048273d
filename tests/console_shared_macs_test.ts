/**
 * The settings page lists the MACs several computers report (a dock seen on laptops whose
 * serials differ) and moves one to the generic MACs in one click; only an admin may.
 */

import assert from "node:assert/strict";
import { loadSettings } from "../server/registry/settings.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { withApi } from "./_helpers/api.ts";
import { formFields, signedIn } from "./_helpers/console.ts";

const DOCK = "00:e0:4c:68:00:42";

Deno.test("settings: shared MACs listed with their computers, moved to generic MACs in one click", async () => {
  await withApi(async ({ ctx, addMachines }) => {
    const laptops = [1, 2].map((n) => ({
      deviceid: `dock-laptop-${n}-2026-01-01-00-00-00`,
      name: `dock-laptop-${n}`,
      serial: `DOCK-LAPTOP-${n}`,
      uuid: `DOCK-LAPTOP-UUID-${n}`,
      macs: [`02:00:00:00:42:0${n}`, DOCK],
    }));
    for (const laptop of laptops) await addMachines([laptop]);
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const html = await (await admin.get("/settings")).text();
    assert.match(html, /<h2 id="shared-macs-title">Shared MAC addresses<\/h2>/);
    assert.match(html, new RegExp(`data-mac="${DOCK}"`));
    const row = html.slice(html.indexOf(`data-mac="${DOCK}"`));
    assert.match(row, /<a href="\/computers\/\d+">dock-laptop-1<\/a>.*dock-laptop-2<\/a>/s);

    const form = formFields(html, "/settings/shared-macs/generic");
    const moved = await admin.post("/settings/shared-macs/generic", form);
    assert.equal(moved.status, 303, await moved.text());
    assert.equal(moved.headers.get("location"), "/settings?notice=generic-mac");
    assert.ok((await loadSettings(ctx.db)).genericMacs.includes(DOCK));
    const after = await (await admin.get("/settings?notice=generic-mac")).text();
    assert.match(after, /moved to the generic MACs/);
    assert.doesNotMatch(after, /shared-macs-title/, "nothing shared any more");

    const bad = await admin.post(
      "/settings/shared-macs/generic",
      [...form].map(([k, v]) => [k, k === "mac" ? "not-a-mac" : v] as [string, string]),
    );
    assert.equal(bad.status, 400);

    const tech = signedIn(ctx, await createTestUser(ctx, "tech", "technician"));
    const refused = await tech.post("/settings/shared-macs/generic", form);
    assert.equal(refused.status, 403);
  });
});
