/**
 * Disk full, for real: `inventory serve` on a data directory that is a small tmpfs (mounted in a
 * private mount namespace, so it vanishes with the process whatever happens). Inventories are
 * posted until the disk is full: the agent endpoint then answers 503 with Retry-After (agents
 * retry a 503 sooner than a 500), the process stays up and keeps answering.
 *
 * @module
 */

import assert from "node:assert/strict";
import { encodeBody } from "../protocol/mod.ts";
import { readFixtureText } from "./_helpers/fixtures.ts";
import { spawnServe } from "./_helpers/serve_process.ts";
import { onTmpfs } from "./_helpers/tmpfs.ts";

const UA = "OCS-NG_unified_unix_agent_v2.10.0";

Deno.test("disk full on the agent endpoint: 503 with Retry-After, and the server stays up", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-full-" });
  const xml = readFixtureText("unixagent-2.10-debian12-full.xml");
  const server = await spawnServe(dataDir, ["--no-scheduler"], {}, {
    prefix: onTmpfs(dataDir, "size=6m"),
  });
  try {
    const post = (n: number) =>
      fetch(`${server.url}/ocsinventory`, {
        method: "POST",
        headers: { "user-agent": UA, "content-type": "application/x-compress" },
        body: encodeBody(
          xml.replace(/<DEVICEID>[^<]*</, `<DEVICEID>full-${n}-2026-11-21-00-00-00<`)
            .replace(/<NAME>[^<]*<\/NAME>/, `<NAME>host-${n}</NAME>`),
          "zlib",
        ),
      });
    let stored = 0;
    let refused: Response | undefined;
    for (let n = 0; n < 400 && !refused; n++) {
      const response = await post(n);
      if (response.status === 200) {
        stored++;
        await response.body?.cancel();
      } else refused = response;
    }
    assert.ok(refused, "6 MiB must fill up");
    assert.ok(stored > 0, "some inventories fit before the disk filled");
    assert.equal(refused.status, 503, await refused.clone().text());
    assert.equal(refused.headers.get("retry-after"), "300");
    assert.match(await refused.text(), /storage is full; nothing was saved/);
    assert.match(server.log(), /status=503 .*reason="storage full"/);

    // Still full, still 503 (not a crash, not a 500), and the rest of the server answers.
    const again = await post(1000);
    assert.equal(again.status, 503);
    await again.body?.cancel();
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
    const login = await fetch(`${server.url}/login`);
    assert.equal(login.status, 200);
    await login.body?.cancel();
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
