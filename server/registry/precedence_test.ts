import assert from "node:assert/strict";
import { agentFamily, type FeedingDevice, precedence, suppliers } from "./precedence.ts";

const device = (deviceId: number, overrides: Partial<FeedingDevice> = {}): FeedingDevice => ({
  deviceId,
  lastDate: "2026-11-20 08:00:00",
  userAgent: "OCS-NG_unified_unix_agent_v2.10.0",
  linkedAt: `2026-11-0${deviceId}T00:00:00Z`,
  isPrimary: false,
  sections: new Set(["HARDWARE", "BIOS", "CPUS", "SOFTWARES"]),
  ...overrides,
});
const ids = (devices: FeedingDevice[]) => precedence(devices).map((d) => d.deviceId);
const FUSION = "FusionInventory-Agent_v2.6-3";

Deno.test("agentFamily(): the User-Agent without its version", () => {
  assert.equal(agentFamily("FusionInventory-Agent_v2.6-3"), "fusioninventory-agent");
  assert.equal(agentFamily("GLPI-Agent_v1.12"), "glpi-agent");
  assert.equal(agentFamily("OCS-NG_unified_unix_agent_v2.10.0"), "ocs-ng_unified_unix_agent");
});

Deno.test("precedence(): chosen first, then in use by link date, then out of use newest first", () => {
  // Two families: the earliest linked leads.
  assert.deepEqual(ids([device(2, { userAgent: FUSION }), device(1)]), [1, 2]);
  // Same family: the later one replaced the earlier (a reinstall).
  assert.deepEqual(ids([device(1), device(2)]), [2, 1]);
  // 31 days behind the newest: out of use.
  assert.deepEqual(
    ids([device(1, { lastDate: "2026-10-19 08:00:00" }), device(2, { userAgent: FUSION })]),
    [2, 1],
  );
  // 29 days behind (a weekly agent next to a daily one): still in use, still first.
  assert.deepEqual(
    ids([device(1, { lastDate: "2026-10-23 08:00:00" }), device(2, { userAgent: FUSION })]),
    [1, 2],
  );
  // The admin's choice wins over everything.
  assert.deepEqual(ids([device(1), device(2, { userAgent: FUSION, isPrimary: true })]), [2, 1]);
});

Deno.test("suppliers(): the first supplies the fields; a part the first lacks comes from the next", () => {
  const first = device(1);
  const second = device(2, { userAgent: FUSION, sections: new Set(["HARDWARE", "MONITORS"]) });
  const by = suppliers(precedence([first, second]));
  assert.equal(by.get("fields"), 1);
  assert.equal(by.get("software"), 1);
  assert.equal(by.get("peripherals"), 2);
  assert.equal(by.get("vms"), 1, "reported by none: the primary's (empty)");
});
