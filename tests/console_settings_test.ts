/**
 * The settings page through the real app with real sessions: registry options saved and loaded
 * back; a refused form answers 400 and keeps what was typed; agent settings apply to the next
 * PROLOG through the OCS route (PROLOG_FREQ) and a new agent password is required at once, and
 * is never shown back; a value pinned by a flag is read-only and cannot be changed; only the
 * "settings" right may post.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decodeReply, encodeBody, readPrologReply, writePrologRequest } from "../protocol/mod.ts";
import { resolveConfig } from "../server/config.ts";
import type { ServerContext } from "../server/context.ts";
import { createApp } from "../server/http/app.ts";
import { createLogger } from "../server/log.ts";
import { loadSettings } from "../server/registry/settings.ts";
import { agentSettings } from "../server/runtime_settings.ts";
import { closeContext, openContext } from "../server/serve.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { consoleRequest, formFields, signedIn } from "./_helpers/console.ts";
import { testClock, withContext } from "./_helpers/context.ts";

const UA = "OCS-NG_unified_unix_agent_v2.10.0";

function set(fields: [string, string][], name: string, value: string | null): [string, string][] {
  const rest = fields.filter(([n]) => n !== name);
  return value === null ? rest : [...rest, [name, value]];
}

/** A PROLOG through the OCS route; the parsed reply, or the response when refused. */
async function prolog(
  ctx: ServerContext,
  deviceId: string,
  authorization?: string,
): Promise<{ status: number; prologFreq?: number; response?: string; realm?: string }> {
  const response = await consoleRequest(createApp(ctx), "/ocsinventory", {
    method: "POST",
    headers: {
      "user-agent": UA,
      "content-type": "application/x-compress",
      ...(authorization ? { authorization } : {}),
    },
    body: encodeBody(writePrologRequest(deviceId), "zlib"),
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    return {
      status: response.status,
      realm: /realm="([^"]*)"/.exec(response.headers.get("www-authenticate") ?? "")?.[1],
    };
  }
  const reply = readPrologReply(decodeReply(new Uint8Array(await response.arrayBuffer())));
  return { status: 200, prologFreq: reply.prologFreq, response: reply.response };
}

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

Deno.test("registry settings: saved from the form, loaded back, refused input kept", async () => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const shown = await admin.get("/settings");
    assert.equal(shown.status, 200);
    const html = await shown.text();
    assert.match(html, /<h2 id="registry-title">Registry<\/h2>/);
    let fields = formFields(html, "/settings/registry");
    assert.ok(fields.length >= 19, `${fields.length} registry inputs`);

    fields = set(fields, "approval", "manual");
    fields = set(fields, "tagsExclude", "LAB, TEST\nQA");
    fields = set(fields, "importSoftware", null); // unchecked
    fields = set(fields, "staleDays", "30");
    fields = set(fields, "staleBehaviour", "state:Retired");
    const saved = await admin.post("/settings/registry", fields);
    assert.equal(saved.status, 303, await saved.text());
    assert.equal(saved.headers.get("location"), "/settings?notice=registry");
    const settings = await loadSettings(ctx.db);
    assert.equal(settings.approval, "manual");
    assert.deepEqual(settings.tagsExclude, ["LAB", "TEST", "QA"]);
    assert.equal(settings.importSoftware, false);
    assert.equal(settings.importComponents, true);
    assert.equal(settings.staleDays, 30);
    assert.equal(settings.staleBehaviour, "state:Retired");
    // Untouched deny-lists were not rewritten into the table.
    const stored = await ctx.db.selectFrom("registry_settings").select("key").execute();
    assert.ok(!stored.some((r) => r.key === "genericSerials"));

    // The page shows what is stored.
    const after = await (await admin.get("/settings?notice=registry")).text();
    assert.match(after, /Registry settings saved/);
    assert.match(after, /<option\s+value="manual"\s*selected>/);

    // A refused form: 400, a message beside the input, what was typed kept, nothing saved.
    let bad = formFields(after, "/settings/registry");
    bad = set(bad, "historyDays", "a week");
    bad = set(bad, "tagsInclude", "PARIS\nLYON");
    const refused = await admin.post("/settings/registry", bad);
    assert.equal(refused.status, 400);
    const refusedHtml = await refused.text();
    assert.match(refusedHtml, /Not saved: one input needs/);
    assert.match(refusedHtml, /id="set-historyDays-error">A whole number of days/);
    assert.match(
      refusedHtml,
      /aria-invalid="true"[^>]*value="a week"|value="a week"[^>]*aria-invalid/,
    );
    assert.match(refusedHtml, />PARIS\nLYON<\/textarea>/);
    assert.deepEqual((await loadSettings(ctx.db)).tagsInclude, []);
    assert.equal((await loadSettings(ctx.db)).historyDays, 0);
  });
});

Deno.test("agent settings apply to the next agent request; the password is never shown", async () => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const before = await prolog(ctx, "pc-one-2026-11-21-08-00-00");
    assert.deepEqual(before, { status: 200, prologFreq: 24, response: "SEND" });

    const html = await (await admin.get("/settings")).text();
    assert.match(html, /Agents need no credentials/);
    let fields = formFields(html, "/settings/agents");
    fields = set(fields, "prologFreq", "6");
    fields = set(fields, "user", "agents");
    fields = set(fields, "password", "s3cret-agent-pass");
    fields = set(fields, "realm", "Fleet");
    const saved = await admin.post("/settings/agents", fields);
    assert.equal(saved.status, 303, await saved.text());

    // Credentials are required at once, with the new realm in the challenge.
    assert.deepEqual(await prolog(ctx, "pc-one-2026-11-21-08-00-00"), {
      status: 401,
      realm: "Fleet",
    });
    assert.equal(
      (await prolog(ctx, "pc-one-2026-11-21-08-00-00", basic("agents", "wrong"))).status,
      401,
    );
    const after = await prolog(
      ctx,
      "pc-one-2026-11-21-08-00-00",
      basic("agents", "s3cret-agent-pass"),
    );
    assert.deepEqual(after, { status: 200, prologFreq: 6, response: "SEND" });

    // The page says authentication is on, and never contains the password.
    const shown = await (await admin.get("/settings")).text();
    assert.match(shown, /Agents must send the user and password below/);
    assert.ok(!shown.includes("s3cret-agent-pass"));
    assert.match(shown, /id="set-prologFreq"[^>]*value="6"|value="6"[^>]*id="set-prologFreq"/);
    assert.match(shown, /Saved from this page/);
    // Stored hashed, not as typed.
    const row = await ctx.db.selectFrom("registry_settings").select("value")
      .where("key", "=", "agent.credentials").executeTakeFirstOrThrow();
    assert.ok(!row.value.includes("s3cret-agent-pass"));

    // A new password replaces the old one for the very next request; an empty one keeps it.
    let next = formFields(shown, "/settings/agents");
    next = set(next, "password", "another-pass-2");
    assert.equal((await admin.post("/settings/agents", next)).status, 303);
    assert.equal(
      (await prolog(ctx, "pc-one-2026-11-21-08-00-00", basic("agents", "s3cret-agent-pass")))
        .status,
      401,
    );
    assert.equal(
      (await prolog(ctx, "pc-one-2026-11-21-08-00-00", basic("agents", "another-pass-2"))).status,
      200,
    );
    next = set(next, "password", "");
    next = set(next, "user", "inventory-agents");
    assert.equal((await admin.post("/settings/agents", next)).status, 303);
    assert.equal(
      (await prolog(ctx, "pc-one-2026-11-21-08-00-00", basic("inventory-agents", "another-pass-2")))
        .status,
      200,
    );

    // Refused: a bad PROLOG_FREQ and a password without a user, each beside its input; the
    // password typed is not put back in the page.
    let bad = formFields(await (await admin.get("/settings")).text(), "/settings/agents");
    bad = set(bad, "prologFreq", "0");
    bad = set(bad, "user", "");
    bad = set(bad, "password", "typed-but-refused");
    const refused = await admin.post("/settings/agents", bad);
    assert.equal(refused.status, 400);
    const refusedHtml = await refused.text();
    assert.match(refusedHtml, /id="set-prologFreq-error">PROLOG_FREQ is a whole number of hours/);
    assert.match(refusedHtml, /id="set-credentials-error">Type the user name/);
    assert.match(refusedHtml, /value="0"/);
    assert.ok(!refusedHtml.includes("typed-but-refused"));
    assert.equal(agentSettings(ctx).prologFreq, 6);

    // Emptying the user turns authentication off.
    let off = formFields(await (await admin.get("/settings")).text(), "/settings/agents");
    off = set(off, "user", "");
    assert.equal((await admin.post("/settings/agents", off)).status, 303);
    assert.equal((await prolog(ctx, "pc-one-2026-11-21-08-00-00")).status, 200);

    // Forgetting the page's values: back to the configuration.
    assert.equal((await admin.post("/settings/agents/reset", {})).status, 303);
    assert.equal(agentSettings(ctx).prologFreq, 24);
    assert.equal(agentSettings(ctx).realm, "inventory");
  });
});

Deno.test("a value pinned by a flag or variable is read-only and cannot be changed", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-settings-" });
  const clock = testClock();
  const config = resolveConfig({
    flags: { data: dataDir, config: "", "prolog-freq": "12" },
    env: { INVENTORY_AGENT_USER: "fleet", INVENTORY_AGENT_PASSWORD: "from-env" },
  });
  const ctx = await openContext(config, {
    decoder: "inline",
    log: createLogger({ write: () => {} }),
    now: clock.now,
  });
  try {
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const html = await (await admin.get("/settings")).text();
    assert.match(html, /id="set-prologFreq"[^>]*readonly|readonly[^>]*id="set-prologFreq"/);
    assert.match(html, /Set by --prolog-freq: read-only here/);
    assert.match(html, /Set by INVENTORY_AGENT_USER/);
    assert.ok(!html.includes("from-env"), "the configured password is not shown either");
    // FREQUENCY is not pinned: editable.
    assert.doesNotMatch(html, /id="set-frequency"[^>]*readonly/);

    // A crafted post cannot change pinned values; the unpinned one changes.
    let fields = formFields(html, "/settings/agents");
    fields = set(fields, "prologFreq", "2");
    fields = set(fields, "user", "");
    fields = set(fields, "frequency", "7");
    assert.equal((await admin.post("/settings/agents", fields)).status, 303);
    const live = agentSettings(ctx);
    assert.equal(live.prologFreq, 12);
    assert.equal(live.frequency, 7);
    assert.equal(live.credentials?.user, "fleet");
    assert.deepEqual(await prolog(ctx, "pc-two-2026-11-21-08-00-00"), {
      status: 401,
      realm: "inventory",
    });
    const ok = await prolog(ctx, "pc-two-2026-11-21-08-00-00", basic("fleet", "from-env"));
    assert.deepEqual(ok, { status: 200, prologFreq: 12, response: "SEND" });
  } finally {
    await closeContext(ctx);
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("settings need the settings right; a post without the CSRF token is refused", async () => {
  await withContext(async (ctx) => {
    const tech = signedIn(ctx, await createTestUser(ctx, "tech", "technician"));
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    assert.equal((await tech.get("/settings")).status, 403);
    assert.equal((await tech.post("/settings/agents", { prologFreq: "1" })).status, 403);
    const forged = await admin.post(
      "/settings/agents",
      { prologFreq: "1", frequency: "0", realm: "x" },
      { csrf: false },
    );
    assert.equal(forged.status, 403);
    assert.equal(agentSettings(ctx).prologFreq, 24);
  });
});
