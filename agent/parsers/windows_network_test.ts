import assert from "node:assert/strict";
import { parseCimReport } from "./windows_cim.ts";
import { windowsNetFacts, windowsNetworks } from "./windows_network.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));

Deno.test("windows NETWORKS: adapters joined with their configuration, one entry per address", () => {
  const entries = windowsNetworks(parseCimReport(fixture("cim-report.json")));
  assert.deepEqual(entries.map((e) => `${e.DESCRIPTION} | ${e.IPADDRESS ?? "-"}`), [
    "Intel(R) Ethernet Connection (16) I219-LM | -",
    "Intel(R) Wi-Fi 6E AX211 160MHz | 10.20.30.41",
    "Intel(R) Wi-Fi 6E AX211 160MHz | fe80::4c1d:9a2b:3c4d:5e6f",
    "Intel(R) Wi-Fi 6E AX211 160MHz | 2001:db8:20:30::41",
    "Hyper-V Virtual Ethernet Adapter | 172.29.112.1",
    "Hyper-V Virtual Ethernet Adapter | fe80::a1b2:c3d4:e5f6:1",
  ]);
  assert.deepEqual(entries[0], {
    DESCRIPTION: "Intel(R) Ethernet Connection (16) I219-LM",
    TYPE: "Ethernet",
    TYPEMIB: "ethernetCsmacd",
    MACADDR: "C4:5A:B1:00:11:22",
    STATUS: "Down",
    MTU: "1500",
    VIRTUALDEV: "0",
  });
  assert.deepEqual(entries[1], {
    DESCRIPTION: "Intel(R) Wi-Fi 6E AX211 160MHz",
    TYPE: "Wifi",
    TYPEMIB: "ieee80211",
    SPEED: "867 Mbps",
    MACADDR: "A0:B3:39:44:55:66",
    STATUS: "Up",
    MTU: "1500",
    IPDHCP: "10.20.0.10",
    VIRTUALDEV: "0",
    IPADDRESS: "10.20.30.41",
    IPMASK: "255.255.254.0",
    IPSUBNET: "10.20.30.0",
    IPGATEWAY: "10.20.30.1",
  });
  assert.equal(entries[3]!.IPMASK, "ffff:ffff:ffff:ffff::");
  assert.equal(entries[3]!.IPSUBNET, "2001:db8:20:30::");
  assert.equal(entries[3]!.IPGATEWAY, "fe80::1");
  assert.equal(entries[4]!.VIRTUALDEV, "1");
  assert.equal(entries[4]!.SPEED, "10 Gbps");
  assert.equal(entries[4]!.IPGATEWAY, undefined);
});

Deno.test("windows NETWORKS: bare values (PowerShell 7, one address), no MSFT_NetAdapter", () => {
  const report = parseCimReport(fixture("cim-report-pwsh7-desktop.json"));
  assert.deepEqual(windowsNetworks(report), [{
    DESCRIPTION: "Red Hat VirtIO Ethernet Adapter",
    TYPE: "Ethernet",
    TYPEMIB: "ethernetCsmacd",
    SPEED: "10 Gbps",
    MACADDR: "52:54:00:AB:CD:EF",
    STATUS: "Up",
    VIRTUALDEV: "0",
    IPADDRESS: "192.0.2.77",
    IPMASK: "255.255.255.0",
    IPSUBNET: "192.0.2.0",
    IPGATEWAY: "192.0.2.1",
  }]);
  assert.deepEqual(windowsNetFacts(report), {
    ipv4: ["192.0.2.77"],
    dns: ["192.0.2.1"],
    gateway: "192.0.2.1",
  });
});

Deno.test("windows NETWORKS: junk addresses skipped", () => {
  const entries = windowsNetworks({
    NetworkAdapter: [{ Index: 1, Name: "x", NetConnectionStatus: 2 }],
    NetworkAdapterConfiguration: [{
      Index: 1,
      IPEnabled: true,
      IPAddress: ["not-an-ip", "10.0.0.5", 7],
      IPSubnet: ["", "255.0.255.0"],
    }],
  });
  assert.deepEqual(entries.map((e) => [e.IPADDRESS, e.IPMASK, e.IPSUBNET]), [
    ["10.0.0.5", "255.0.255.0", undefined],
  ]);
});
