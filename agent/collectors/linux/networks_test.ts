import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { formatSpeed, networks } from "./networks.ts";

const SYS = {
  "/sys/class/net/lo/type": "772\n",
  "/sys/class/net/bonding_masters": "\n",
  "/sys/class/net/lo/address": "00:00:00:00:00:00\n",
  "/sys/class/net/eth0/type": "1\n",
  "/sys/class/net/eth0/address": "52:54:00:12:34:56\n",
  "/sys/class/net/eth0/mtu": "1500\n",
  "/sys/class/net/eth0/carrier": "1\n",
  "/sys/class/net/eth0/speed": "1000\n",
  "/sys/class/net/eth0/duplex": "full\n",
  "/sys/class/net/eth0/device/uevent":
    "DRIVER=e1000e\nPCI_CLASS=20000\nPCI_SLOT_NAME=0000:00:1f.6\n",
  "/sys/class/net/wlan0/type": "1\n",
  "/sys/class/net/wlan0/address": "a0:b1:c2:d3:e4:f5\n",
  "/sys/class/net/wlan0/mtu": "1500\n",
  "/sys/class/net/wlan0/operstate": "down\n",
  "/sys/class/net/wlan0/wireless/x": "",
  "/sys/class/net/docker0/type": "1\n",
  "/sys/class/net/docker0/address": "02:42:ac:11:00:01\n",
  "/sys/class/net/docker0/bridge/x": "",
  "/sys/devices/virtual/net/docker0/x": "",
  "/proc/net/route":
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
    "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
    "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n" +
    "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n",
  "/proc/net/ipv6_route":
    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 20010db8000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n",
};

const IP_JSON = JSON.stringify([
  { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }] },
  {
    ifname: "eth0",
    addr_info: [
      { family: "inet", local: "192.0.2.10", prefixlen: 24 },
      { family: "inet6", local: "2001:db8::10", prefixlen: 64 },
      { family: "inet6", local: "fe80::5054:ff:fe12:3456", prefixlen: 64 },
    ],
  },
  { ifname: "docker0", addr_info: [{ family: "inet", local: "172.17.0.1", prefixlen: 16 }] },
  { ifname: "wlan0", addr_info: [] },
]);

Deno.test("networks: one entry per address, loopback skipped, kinds and flags", async () => {
  const probe = recordedProbe({ files: SYS, commands: { "ip -j addr": IP_JSON } });
  const entries = await networks.collect(probe) as Record<string, string>[];
  assert.deepEqual(entries.map((e) => `${e.DESCRIPTION} ${e.IPADDRESS ?? "-"}`), [
    "docker0 172.17.0.1",
    "eth0 192.0.2.10",
    "eth0 2001:db8::10",
    "eth0 fe80::5054:ff:fe12:3456",
    "wlan0 -",
  ]);
  const [docker, v4, v6, , wifi] = entries;
  assert.deepEqual(v4, {
    DESCRIPTION: "eth0",
    TYPE: "ethernet",
    MACADDR: "52:54:00:12:34:56",
    MTU: "1500",
    STATUS: "Up",
    SPEED: "1 Gbps",
    DUPLEX: "Full",
    DRIVER: "e1000e",
    PCISLOT: "0000:00:1f.6",
    VIRTUALDEV: "0",
    IPADDRESS: "192.0.2.10",
    IPMASK: "255.255.255.0",
    IPSUBNET: "192.0.2.0",
    IPGATEWAY: "192.0.2.1",
  });
  assert.equal(v6!.IPMASK, "ffff:ffff:ffff:ffff::");
  assert.equal(v6!.IPSUBNET, "2001:db8::");
  assert.equal(v6!.IPGATEWAY, "2001:db8::1");
  assert.equal(docker!.TYPE, "bridge");
  assert.equal(docker!.VIRTUALDEV, "1");
  assert.equal(docker!.STATUS, "Down");
  assert.equal(docker!.IPGATEWAY, undefined, "the default gateway is not on docker0's network");
  assert.equal(wifi!.TYPE, "Wifi");
});

Deno.test("networks: without `ip`, addresses from /proc (fib_trie, if_inet6)", async () => {
  const probe = recordedProbe({
    files: {
      ...SYS,
      "/proc/net/fib_trie":
        "Local:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 192.0.2.10\n        /32 host LOCAL\n" +
        "     |-- 172.17.0.1\n        /32 host LOCAL\n     |-- 127.0.0.1\n        /32 host LOCAL\n",
      "/proc/net/if_inet6": "20010db8000000000000000000000010 02 40 00 80     eth0\n",
    },
    commands: { "ip -j addr": null },
  });
  const entries = await networks.collect(probe) as Record<string, string>[];
  assert.deepEqual(entries.map((e) => `${e.DESCRIPTION} ${e.IPADDRESS ?? "-"}/${e.IPMASK ?? ""}`), [
    "docker0 172.17.0.1/255.255.0.0",
    "eth0 192.0.2.10/255.255.255.0",
    "eth0 2001:db8::10/ffff:ffff:ffff:ffff::",
    "wlan0 -/",
  ]);
});

Deno.test("networks: speeds as the agent words them, unknown left out", () => {
  assert.equal(formatSpeed("100"), "100 Mbps");
  assert.equal(formatSpeed("2500"), "2.5 Gbps");
  assert.equal(formatSpeed("-1"), undefined);
  assert.equal(formatSpeed("65535"), undefined);
  assert.equal(formatSpeed(undefined), undefined);
});
