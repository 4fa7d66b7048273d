import assert from "node:assert/strict";
import { PNP_IDS } from "../agent/parsers/pnp_ids.ts";
import { pnpTable, renderPnpModule } from "./gen_pnp_ids.ts";

Deno.test("gen_pnp_ids: EDID-shaped ids only, names safe in a template literal, extras added", () => {
  const table = pnpTable(
    "AAA\tAvolites Ltd\ninu\tInovatec S.p.A.\nBAD\tName with `tick` and ${x}\\\nAOC\tAOC (file)\n\n",
  );
  assert.equal(table.get("AAA"), "Avolites Ltd");
  assert.equal(table.has("inu"), false);
  assert.equal(table.get("BAD"), "Name with tick and x}");
  // The file's own name wins over the built-in extra; missing extras are added.
  assert.equal(table.get("AOC"), "AOC (file)");
  assert.equal(table.get("BNQ"), "BenQ Corporation");
});

Deno.test("gen_pnp_ids: the committed table is the generator's own output", () => {
  const committed = Deno.readTextFileSync(
    new URL("../agent/parsers/pnp_ids.ts", import.meta.url),
  );
  const version = committed.match(/from Debian's hwdata (\S+)/)?.[1];
  assert.ok(version, "the header names the hwdata version");
  // Regenerating from the committed lines (as a pnp.ids file) gives the same module.
  const lines = PNP_IDS.split("\n").filter(Boolean).map((line) => line.replace(" ", "\t"));
  assert.equal(renderPnpModule(pnpTable(lines.join("\n")), version), committed);
});
