import assert from "node:assert/strict";
import { ALL_AGENT_CHECKSUM_BITS, type InventoryContent } from "../protocol/mod.ts";
import { ALL_CHECKSUM_BITS, computeChecksum, sectionHash, stableJson } from "./checksum.ts";

const CONTENT: InventoryContent = {
  HARDWARE: { NAME: "vm", MEMORY: "2048" },
  BIOS: { SMANUFACTURER: "QEMU" },
  CPUS: [{ TYPE: "Xeon", SPEED: "2800" }],
  DRIVES: [{ TYPE: "/", FREE: "1000" }],
  SOFTWARES: [{ NAME: "bash" }],
  LOCAL_USERS: [{ LOGIN: "root" }],
};

Deno.test("checksum: every bit without a last state, and with --force", () => {
  // The Unix agent's 1572863, plus SIM and USBDEVICES.
  assert.equal(ALL_CHECKSUM_BITS, ALL_AGENT_CHECKSUM_BITS | 524288 | 2097152);
  assert.equal(ALL_CHECKSUM_BITS, 4194303);
  const first = computeChecksum(CONTENT, null);
  assert.equal(first.checksum, ALL_CHECKSUM_BITS);
  // Hashes only for the sections that carry a bit and are present.
  assert.deepEqual(Object.keys(first.hashes).sort(), [
    "BIOS",
    "CPUS",
    "DRIVES",
    "HARDWARE",
    "SOFTWARES",
  ]);
  assert.equal(computeChecksum(CONTENT, first.hashes, { force: true }).checksum, ALL_CHECKSUM_BITS);
});

Deno.test("checksum: unchanged sections are clear; HARDWARE is always set", () => {
  const { hashes } = computeChecksum(CONTENT, null);
  const same = computeChecksum(structuredClone(CONTENT), hashes);
  assert.equal(same.checksum, 1);
  assert.deepEqual(same.changed, ["HARDWARE"]);

  const next = structuredClone(CONTENT);
  next.DRIVES = [{ TYPE: "/", FREE: "999" }];
  delete next.BIOS;
  next.VIDEOS = [{ NAME: "virtio" }];
  const diff = computeChecksum(next, hashes);
  assert.equal(diff.checksum, 1 | 2 | 512 | 32768); // HARDWARE, BIOS gone, DRIVES, VIDEOS new
  assert.equal(diff.hashes.BIOS, undefined);
});

Deno.test("checksum: key order and HARDWARE/CHECKSUM do not count as changes", () => {
  const { hashes } = computeChecksum(CONTENT, null);
  const reordered: InventoryContent = structuredClone(CONTENT);
  reordered.HARDWARE = { MEMORY: "2048", NAME: "vm", CHECKSUM: "4194303", DNS: "" };
  const result = computeChecksum(reordered, hashes);
  assert.equal(result.checksum, 1);
  assert.equal(result.hashes.HARDWARE, hashes.HARDWARE);
});

Deno.test("checksum: a CPU's current clock or a battery's charge alone is no change", () => {
  const with_ = (mhz: string, charge: string): InventoryContent => {
    const content = structuredClone(CONTENT);
    content.CPUS = [{ TYPE: "Xeon", SPEED: "2800", CURRENT_SPEED: mhz }];
    content.BATTERIES = [{ NAME: "BAT0", ESTIMATEDCHARGEREMAINING: charge, STATUS: "Charging" }];
    return content;
  };
  const { hashes } = computeChecksum(with_("2800", "50"), null);
  assert.equal(computeChecksum(with_("1200", "90"), hashes).checksum, 1);
  const cpu = with_("1200", "90");
  cpu.CPUS![0]!.SPEED = "3000";
  assert.equal(computeChecksum(cpu, hashes).checksum, 1 | 262144);
});

Deno.test("checksum: stable serialisation and MD5 base64 hashes", () => {
  assert.equal(
    stableJson({ b: "1", a: ["x", { d: "2", c: "3" }] }),
    '{"a":["x",{"c":"3","d":"2"}],"b":"1"}',
  );
  assert.match(sectionHash({ A: "1" }), /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(sectionHash([{ A: "1" }, { A: "2" }]), sectionHash([{ A: "2" }, { A: "1" }]));
});
