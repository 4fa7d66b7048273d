/**
 * A storage error while writing an inventory answers 500 and leaves nothing of it behind, while
 * the inventories written in the same group commit are kept.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { encodeBody } from "../protocol/mod.ts";
import { defaultConfig } from "../server/config.ts";
import { createApp } from "../server/http/app.ts";
import { createLogger } from "../server/log.ts";
import { closeContext, openContext } from "../server/serve.ts";

const xml = Deno.readTextFileSync(
  new URL("../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url),
);

Deno.test("a failing write answers 500 and stores nothing partial; its batch-mates are kept", async () => {
  const log = createLogger({ keep: 100, write: () => {} });
  const ctx = await openContext(defaultConfig(Deno.makeTempDirSync()), { log });
  const app = createApp(ctx);
  try {
    // The payload is the last thing written for an inventory: failing it proves the device row,
    // sections and search keys written before it are rolled back too.
    await sql`create trigger fail_payload before insert on device_payloads
      when (select deviceid from devices where id = new.device_id) like 'doomed%'
      begin select raise(abort, 'simulated disk failure'); end`.execute(ctx.db);
    const post = (deviceid: string) =>
      app.fetch(
        new Request("http://inventory/ocsinventory", {
          method: "POST",
          headers: { "user-agent": "OCS-NG_unified_unix_agent_v2.10.0" },
          body: encodeBody(xml.replace(/<DEVICEID>[^<]*</, `<DEVICEID>${deviceid}<`), "zlib"),
        }),
        { ip: "127.0.0.1" },
      );
    const [ok1, doomed, ok2] = await Promise.all([
      post("fine1-2026-11-21-00-00-00"),
      post("doomed-2026-11-21-00-00-00"),
      post("fine2-2026-11-21-00-00-00"),
    ]);
    assert.equal(ok1.status, 200);
    assert.equal(ok2.status, 200);
    assert.equal(doomed.status, 500);
    assert.match(await doomed.text(), /nothing was saved/);
    await ok1.body?.cancel();
    await ok2.body?.cancel();

    const devices = await ctx.db.selectFrom("devices").select("deviceid").orderBy("deviceid")
      .execute();
    assert.deepEqual(devices.map((d) => d.deviceid), [
      "fine1-2026-11-21-00-00-00",
      "fine2-2026-11-21-00-00-00",
    ]);
    const sections = await ctx.db.selectFrom("device_sections").select("device_id").distinct()
      .execute();
    assert.equal(sections.length, 2, "no sections of the failed inventory");
    const indexed = await sql<{ n: number }>`select count(*) as n from device_search`.execute(
      ctx.db,
    );
    assert.equal(indexed.rows[0]!.n, 2, "no search keys of the failed inventory");
    assert.ok(
      log.lines.some((l) =>
        /ERROR failed .*deviceid=doomed-2026-11-21-00-00-00 .*simulated disk failure/.test(l)
      ),
    );
  } finally {
    await closeContext(ctx);
  }
});
