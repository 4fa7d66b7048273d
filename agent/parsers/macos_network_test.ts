import assert from "node:assert/strict";
import { parseIfconfig } from "./macos_ifconfig.ts";
import { macNetFacts, macNetworks } from "./macos_network.ts";
import { parseSystemProfiler } from "./macos_profiler.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));
const report = parseSystemProfiler(fixture("system_profiler.json"));
const interfaces = parseIfconfig(fixture("ifconfig.txt"));

Deno.test("macos NETWORKS: services and routable interfaces, one entry per address", () => {
  const entries = macNetworks(interfaces, report);
  assert.deepEqual(entries.map((e) => `${e.DESCRIPTION} ${e.IPADDRESS ?? "-"}`), [
    "en0 192.168.1.23",
    "en0 fe80::1c2b:3d4e:5f60:7a8b",
    "en0 2001:db8:1:2:1c2b:3d4e:5f60:7a8b",
    "en7 -",
    "bridge0 -",
    "utun3 10.8.0.6",
  ]);
  assert.deepEqual(entries[0], {
    DESCRIPTION: "en0",
    TYPE: "Wifi",
    MACADDR: "a4:83:e7:12:34:56",
    MTU: "1500",
    STATUS: "Up",
    IPDHCP: "192.168.1.1",
    VIRTUALDEV: "0",
    IPADDRESS: "192.168.1.23",
    IPMASK: "255.255.255.0",
    IPSUBNET: "192.168.1.0",
    IPGATEWAY: "192.168.1.1",
  });
  assert.equal(entries[2]!.IPMASK, "ffff:ffff:ffff:ffff::");
  assert.equal(entries[2]!.IPSUBNET, "2001:db8:1:2::");
  assert.deepEqual(entries[3], {
    DESCRIPTION: "en7",
    TYPE: "ethernet",
    MACADDR: "5e:47:1f:70:6a:80",
    MTU: "1500",
    STATUS: "Down",
    VIRTUALDEV: "0",
  });
  assert.equal(entries[5]!.VIRTUALDEV, "1");
  assert.equal(entries[5]!.STATUS, "Up", "no status line: from the UP/RUNNING flags");
});

Deno.test("macos NETWORKS without system_profiler: routable interfaces only", () => {
  const entries = macNetworks(interfaces, null);
  assert.deepEqual([...new Set(entries.map((e) => e.DESCRIPTION))], ["en0", "utun3"]);
  assert.equal(entries[0]!.TYPE, undefined);
});

Deno.test("macos network facts: IPv4 list, DNS and router of the first service that has them", () => {
  assert.deepEqual(macNetFacts(interfaces, report), {
    ipv4: ["192.168.1.23", "10.8.0.6"],
    dns: ["192.168.1.1", "2001:db8:1::1"],
    gateway: "192.168.1.1",
  });
  assert.deepEqual(macNetFacts([], null), { ipv4: [], dns: [], gateway: undefined });
});
