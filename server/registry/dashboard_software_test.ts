import assert from "node:assert/strict";
import { syncBatch } from "./batch.ts";
import { softwareCharts } from "./dashboard_software.ts";
import { listSoftware } from "./software_queries.ts";
import { trashComputers } from "./trash.ts";
import { twoEntities } from "../../tests/_helpers/api.ts";
import { type Machine, machineXml } from "../../tests/_helpers/fleet.ts";
import { withPipeline } from "../../tests/_helpers/roundtrip.ts";

const noPause = () => Promise.resolve();

function machine(n: number, tag: string, software: string[]): Machine {
  return {
    deviceid: `base-${n}-2026-01-01-00-00-00`,
    name: `base-${n}`,
    serial: `BASE-SER-${n}`,
    uuid: `BASE-UUID-${n}`,
    macs: [`00:aa:bb:ee:00:${n.toString(16).padStart(2, "0")}`],
    tag,
    software: software.map((name) => ({ name, version: "1.0" })),
  };
}

/**
 * Linux (the fixture's OS), 10 computers: every one has libc and bash, 9 have coreutils (90%:
 * base), 8 have firefox (80%: not base). Windows, 4 computers: each has winbase, 3 have
 * firefox (75%), 2 have 7zip. A lone other OS has its own "lonely" package (one computer has no base).
 */
Deno.test("software outside the base OS leaves out what 90% of one OS's computers have", async () => {
  await withPipeline(async ({ ctx, send }) => {
    await twoEntities(ctx);
    for (let n = 1; n <= 10; n++) {
      const sw = ["libc", "bash"];
      if (n <= 9) sw.push("coreutils");
      if (n <= 8) sw.push("firefox");
      await send(machineXml(machine(n, n % 2 ? "PARIS" : "LYON", sw)));
    }
    for (let n = 11; n <= 14; n++) {
      const sw = ["winbase"];
      if (n <= 13) sw.push("firefox");
      if (n <= 12) sw.push("7zip");
      await send(machineXml(machine(n, "PARIS", sw)));
    }
    await send(machineXml(machine(15, "PARIS", ["lonely", "libc"])));
    // A trashed computer counts nowhere (its packages would otherwise tip the shares).
    await send(machineXml(machine(16, "PARIS", ["7zip", "7zip-extra"])));
    assert.deepEqual((await syncBatch(ctx)).errors, []);
    const ids = new Map(
      (await ctx.db.selectFrom("computers").select(["id", "name"]).execute())
        .map((r) => [r.name, r.id]),
    );
    await ctx.writes.run(async (db) => {
      await db.updateTable("computers").set({ os_name: "Microsoft Windows 11 Pro" })
        .where("name", "in", ["base-11", "base-12", "base-13", "base-14"]).execute();
      await db.updateTable("computers").set({ os_name: "FreeBSD 14" })
        .where("name", "=", "base-15").execute();
      await trashComputers(db, [ids.get("base-16")!], ctx.now(), { source: "user", actor: "t" });
    });

    const charts = await softwareCharts(ctx.db, "all", { pause: noPause });
    const outside = charts.outsideBase.map((s) => [s.name, s.installs]);
    assert.deepEqual(outside, [["firefox", 11], ["7zip", 2], ["lonely", 1]]);
    // The plain top still has the base packages, first.
    assert.deepEqual(charts.top.slice(0, 3).map((s) => [s.name, s.installs]), [
      ["libc", 11],
      ["firefox", 11],
      ["bash", 10],
    ]);

    // Each bar's value is what the software's page (the catalogue's count) shows.
    for (const rank of charts.outsideBase) {
      const { software } = await listSoftware(ctx.db, {
        search: rank.name,
        scope: "all",
        limit: 10,
        offset: 0,
      });
      const entry = software.find((s) => s.id === rank.softwareId)!;
      assert.equal(entry.installations, rank.installs, rank.name);
    }

    // Scoped to one entity: Paris has Linux 1,3,5,7,9 (5: coreutils on all, firefox on 4 of 5
    // = 80%), the 4 Windows (firefox on 3) and the FreeBSD one.
    const paris = (await ctx.db.selectFrom("entities").select("id")
      .where("name", "=", "Paris").executeTakeFirstOrThrow()).id;
    const scoped = await softwareCharts(ctx.db, [paris], { pause: noPause });
    assert.deepEqual(scoped.outsideBase.map((s) => [s.name, s.installs]), [
      ["firefox", 7],
      ["7zip", 2],
      ["lonely", 1],
    ]);
    assert.deepEqual((await softwareCharts(ctx.db, [], { pause: noPause })).outsideBase, []);
  });
});
