/**
 * Two real agents on one machine: the Debian `ocsinventory-agent` and `fusioninventory-agent`
 * inventory this host alternately, ten reports in all, each stored through the real ingestion
 * and synchronised with the shipped rules. One computer, fed by both devices, and no history
 * entry after the first two reports: the first device supplies the computer's fields and parts
 * (registry/precedence.ts), the other only what the first does not report, and volatile values
 * (free space) are stored without history.
 *
 * Both agents are required (tools/setup.sh installs them); the test fails without them.
 */

import assert from "node:assert/strict";
import { importInventoryFile } from "../server/ingest/import_file.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { getComputer } from "../server/registry/queries.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

const OCS_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const FUSION_UA = "FusionInventory-Agent_v2.6-3";
/** A run takes 1–3 s on a quiet machine, ten times that on a busy one. */
const AGENT_TIMEOUT_MS = 180_000;

async function runAgent(command: string, args: string[]): Promise<void> {
  const child = new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), AGENT_TIMEOUT_MS);
  try {
    const out = await child.output();
    assert.equal(out.code, 0, `${command}: ${new TextDecoder().decode(out.stderr)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one agent in local mode into `dir` (emptied first); the inventory file it wrote. */
async function inventory(
  agent: "ocs" | "fusion",
  dir: string,
  varDir: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  for (const entry of Deno.readDirSync(dir)) await Deno.remove(`${dir}/${entry.name}`);
  if (agent === "ocs") {
    await runAgent("ocsinventory-agent", [`--local=${dir}`, `--basevardir=${varDir}`]);
  } else {
    await runAgent("fusioninventory-agent", [
      "--local",
      dir,
      "--no-category=process,environment,user,local_user,local_group",
    ]);
  }
  const files = [...Deno.readDirSync(dir)].filter((f) => f.name.endsWith(".ocs"));
  assert.equal(files.length, 1, `${agent}: one inventory file`);
  return { name: files[0]!.name, bytes: await Deno.readFile(`${dir}/${files[0]!.name}`) };
}

Deno.test({
  name:
    "real OCS and FusionInventory agents on one host, ten alternate reports: one computer, no history after the first two",
  sanitizeResources: false,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "inventory-two-agents-" });
    try {
      await Deno.mkdir(`${tmp}/ocs`);
      await Deno.mkdir(`${tmp}/fusion`);
      await Deno.mkdir(`${tmp}/ocs-var`);
      await withPipeline(async ({ ctx }) => {
        const historyCount = async () =>
          Number(
            (await ctx.db.selectFrom("history").select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()).n,
          );
        let afterTwo = 0;
        for (let i = 0; i < 10; i++) {
          const agent = i % 2 === 0 ? "ocs" : "fusion";
          const file = await inventory(agent, `${tmp}/${agent}`, `${tmp}/ocs-var`);
          const stored = await importInventoryFile(ctx, file.name, file.bytes, {
            userAgent: agent === "ocs" ? OCS_UA : FUSION_UA,
            ipSource: "192.0.2.10",
          });
          assert.ok(stored.ok, stored.message);
          const result = await syncBatch(ctx);
          assert.deepEqual(result.errors, [], `report ${i + 1}`);
          if (i === 1) afterTwo = await historyCount();
        }
        const computers = await ctx.db.selectFrom("computers").select("id").execute();
        assert.equal(computers.length, 1, "one computer for the one machine");
        const detail = (await getComputer(ctx.db, computers[0]!.id))!;
        assert.equal(detail.links.length, 2, "fed by both devices");

        const later = await ctx.db.selectFrom("history")
          .select(["kind", "field", "old_value", "new_value"])
          .orderBy("id").offset(afterTwo).limit(50).execute();
        assert.deepEqual(later, [], "no history entry after the first two reports");

        // The OCS agent's device came first: it supplies the fields and every part it reports.
        const supplies = await ctx.db.selectFrom("computer_links")
          .innerJoin("devices", "devices.id", "computer_links.device_id")
          .select(["devices.user_agent", "computer_links.supplies"]).execute();
        const ocs = supplies.find((s) => s.user_agent === OCS_UA)!;
        assert.match(ocs.supplies, /^fields,components,software,ports,volumes/);
        assert.equal(detail.computer.os_version.length > 0, true);
      });
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
