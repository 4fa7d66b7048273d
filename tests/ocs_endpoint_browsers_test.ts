/**
 * A web page cannot plant inventories through a visitor's browser: real Chromium on another
 * loopback origin posts to `/ocsinventory` the ways a page can without CORS (forms of the three
 * simple content types, `fetch(…, {mode: "no-cors"})`), and nothing is stored; the three real
 * agents (Debian's `ocsinventory-agent` and `fusioninventory-agent`, the GLPI agent in
 * ../shared/peers, which switches to its native protocol) still get through.
 *
 * The browser announces an agent's User-Agent, so the refusals here come from what only browsers
 * send, not from the user-agent rules.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./_helpers/browser.ts";
import { startTestServer } from "./_helpers/server.ts";

const GLPI_AGENT_DIR = fileURLToPath(new URL("../../shared/peers/glpi-agent/", import.meta.url));
const AGENT_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const RUN_TIMEOUT_MS = 120_000;

function inventoryXml(deviceId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><REQUEST><CONTENT><HARDWARE><NAME>planted</NAME>` +
    `</HARDWARE></CONTENT><DEVICEID>${deviceId}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
}

function storedDeviceIds(databasePath: string): string[] {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    return (db.prepare("select deviceid from devices order by id").all() as {
      deviceid: string;
    }[]).map((r) => r.deviceid);
  } finally {
    db.close();
  }
}

async function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  const output = await new Deno.Command(cmd, {
    args,
    ...(cwd ? { cwd } : {}),
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
  }).output().catch((error) => {
    throw new Error(`${cmd} could not run (tools/setup.sh installs it): ${error.message}`);
  });
  const decoder = new TextDecoder();
  return `$ ${cmd} ${args.join(" ")} → exit ${output.code}\n` + decoder.decode(output.stdout) +
    decoder.decode(output.stderr);
}

/** The attacker's page: forms and a no-cors fetch aimed at the inventory server. */
function attackerPage(target: string): string {
  const xml = inventoryXml("browser-form-plain-2026-12-08-00-00-00");
  // A text/plain form sends `name=value`: the name ends just before the `=` of `version=`.
  const [name, value] = [xml.slice(0, xml.indexOf("=")), xml.slice(xml.indexOf("=") + 1)];
  const attr = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  const form = (id: string, enctype: string, field: string, content: string) =>
    `<form id="${id}" method="post" enctype="${enctype}" action="${target}" target="sink-${id}">` +
    `<input type="hidden" name="${attr(field)}" value="${attr(content)}"></form>` +
    `<iframe name="sink-${id}"></iframe>`;
  return `<!doctype html><html><body>
${form("plain", "text/plain", name, value)}
${form("urlencoded", "application/x-www-form-urlencoded", "xml", xml)}
${form("multipart", "multipart/form-data", "xml", xml)}
</body></html>`;
}

Deno.test("a page on another origin cannot store a device through a browser; real agents can", async (t) => {
  const server = await startTestServer();
  const target = `${server.url}/ocsinventory`;
  // Another origin on the loopback: another host name and port.
  const attacker = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(attackerPage(target), { headers: { "content-type": "text/html" } }),
  );
  const attackerUrl = `http://localhost:${attacker.addr.port}/`;
  const browser = await launchBrowser();
  const refusals = () => server.log.lines.filter((l) => / refused .*status=403/.test(l)).length;
  // Every request to /ocsinventory leaves a line: refused, failed, or the query it carried.
  const seen = () => server.log.lines.filter((l) => / (refused|failed|inventory) /.test(l)).length;
  try {
    await t.step("forms and a no-cors fetch from Chromium are refused with 403", async () => {
      const context = await browser.newContext({ userAgent: AGENT_UA });
      const page = await context.newPage();
      await page.goto(attackerUrl);
      for (const id of ["plain", "urlencoded", "multipart"]) {
        const before = seen();
        // No navigation to wait for: an accepted POST's binary answer would be a download.
        await page.evaluate(
          (form) => (document.getElementById(form) as HTMLFormElement).submit(),
          id,
        );
        await waitFor(() => seen() > before, `the ${id} form's POST reached the server`);
      }
      const statuses = await page.evaluate(async ({ url, a, b }) => {
        // The page cannot read a no-cors answer; what counts is what the server stored.
        const sent = [
          fetch(url, { method: "POST", mode: "no-cors", body: a }),
          // A Blob without a type goes out with no Content-Type at all.
          fetch(url, { method: "POST", mode: "no-cors", body: new Blob([b]) }),
        ];
        return (await Promise.all(sent)).map((r) => r.type);
      }, {
        url: target,
        a: inventoryXml("browser-fetch-text-2026-12-08-00-00-00"),
        b: inventoryXml("browser-fetch-blob-2026-12-08-00-00-00"),
      });
      assert.deepEqual(statuses, ["opaque", "opaque"]);
      await waitFor(() => seen() >= 5, "both fetches reached the server");
      await context.close();
      await server.server.ctx.writes.drain();
      assert.deepEqual(storedDeviceIds(server.config.databasePath), [], "devices planted");
      assert.equal(refusals(), 5, "each of the five refused with 403");
      const lines = server.log.lines.filter((l) => / refused .*status=403/.test(l)).join("\n");
      // Chromium sends Origin with every one of them (bad_input_test.ts covers each header alone).
      assert.match(lines, /Origin header/);
    });

    await t.step(
      "ocsinventory-agent, fusioninventory-agent and the GLPI agent get through",
      async () => {
        const tmp = await Deno.makeTempDir({ prefix: "inventory-agents-" });
        try {
          const ocs = await run("ocsinventory-agent", [
            "--nolocal",
            `--server=${target}`,
            `--basevardir=${tmp}/ocs`,
          ]);
          const fusion = await run("fusioninventory-agent", [
            `--server=${target}`,
            "--force",
            "--no-task=deploy,esx,collect,netdiscovery,netinventory,wakeonlan",
            "--logger=stderr",
          ]);
          await Deno.mkdir(`${tmp}/glpi`);
          const glpi = await run("perl", [
            "-Ilib",
            "bin/glpi-agent",
            `--server=${target}`,
            "--force",
            "--no-task=deploy,esx,collect,netdiscovery,netinventory,wakeonlan,remoteinventory",
            `--vardir=${tmp}/glpi`,
            "--logger=stderr",
          ], GLPI_AGENT_DIR);
          await server.server.ctx.writes.drain();
          const diagnosis = [ocs, fusion, glpi, server.log.lines.join("\n")].join("\n---\n");
          const lines = server.log.lines;
          assert.equal(refusals(), 5, `no agent was refused:\n${diagnosis}`);
          assert.doesNotMatch(lines.join("\n"), / refused .*status=400/, diagnosis);
          // Each: PROLOG then its inventory (the GLPI agent switches to its native protocol at
          // the PROLOG reply), three devices stored.
          const inventories = lines.filter((l) => / INFO {2}inventory /.test(l));
          assert.equal(inventories.length, 3, `three inventories stored:\n${diagnosis}`);
          assert.equal(storedDeviceIds(server.config.databasePath).length, 3, diagnosis);
          const prologs = lines.filter((l) => / INFO {2}prolog /.test(l));
          assert.equal(prologs.length, 3, `three PROLOGs answered:\n${diagnosis}`);
        } finally {
          await Deno.remove(tmp, { recursive: true }).catch(() => {});
        }
      },
    );
  } finally {
    await browser.close();
    await attacker.shutdown();
    await server.stop();
  }
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
