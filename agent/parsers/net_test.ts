import assert from "node:assert/strict";
import {
  compressIpv6,
  defaultGateway4,
  defaultGateway6,
  expandIpv6,
  ipv4Mask,
  ipv4Subnet,
  ipv6Mask,
  ipv6Subnet,
  parseFibTrieLocal,
  parseIfInet6,
  parseIpJson,
  parseRoute,
  sameIpv4Network,
} from "./net.ts";

const IP_JSON = JSON.stringify([
  {
    ifindex: 1,
    ifname: "lo",
    flags: ["LOOPBACK", "UP"],
    mtu: 65536,
    link_type: "loopback",
    address: "00:00:00:00:00:00",
    addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host" }],
  },
  {
    ifindex: 4,
    ifname: "eth0",
    flags: ["BROADCAST", "UP"],
    mtu: 1400,
    link_type: "ether",
    address: "02:fc:00:00:00:01",
    addr_info: [
      { family: "inet", local: "192.0.2.2", prefixlen: 24, scope: "global" },
      { family: "inet6", local: "fd00::2", prefixlen: 64, scope: "global" },
      { family: "inet6", local: "fe80::fc:ff:fe00:1", prefixlen: 64, scope: "link" },
      { family: "bogus", local: "x", prefixlen: 1 },
    ],
  },
  { nope: true },
]);

Deno.test("ip -j addr: interfaces and their addresses", () => {
  const ifs = parseIpJson(IP_JSON);
  assert.deepEqual(ifs.map((i) => i.name), ["lo", "eth0"]);
  assert.equal(ifs[1]!.mac, "02:fc:00:00:00:01");
  assert.equal(ifs[1]!.mtu, 1400);
  assert.deepEqual(ifs[1]!.addresses.map((a) => `${a.address}/${a.prefixLength}`), [
    "192.0.2.2/24",
    "fd00::2/64",
    "fe80::fc:ff:fe00:1/64",
  ]);
});

Deno.test("/proc/net: if_inet6, fib_trie, route, ipv6_route", () => {
  const v6 = parseIfInet6(`00000000000000000000000000000001 01 80 10 80       lo
fd000000000000000000000000000002 04 40 00 82     eth0
fe8000000000000000fc00fffe000001 04 40 20 80     eth0
`);
  assert.deepEqual(
    v6.map((x) => [x.name, x.address.address, x.address.prefixLength, x.address.scope]),
    [
      ["lo", "::1", 128, "host"],
      ["eth0", "fd00::2", 64, "global"],
      ["eth0", "fe80::fc:ff:fe00:1", 64, "link"],
    ],
  );
  const local = parseFibTrieLocal(`Main:
  +-- 0.0.0.0/0 3 0 5
     +-- 127.0.0.0/8 2 0 2
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
     +-- 192.0.2.0/24 2 0 2
           |-- 192.0.2.0
              /24 link UNICAST
           |-- 192.0.2.2
              /32 host LOCAL
        |-- 192.0.2.255
           /32 link BROADCAST
Local:
           |-- 192.0.2.2
              /32 host LOCAL
`);
  assert.deepEqual(local, ["127.0.0.1", "192.0.2.2"]);
  const routes = parseRoute(
    `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
`,
  );
  assert.equal(routes.length, 3);
  assert.deepEqual(routes[2]!.destination, "192.0.2.0");
  assert.deepEqual(routes[2]!.mask, "255.255.255.0");
  assert.deepEqual(defaultGateway4(routes), { gateway: "192.0.2.1", iface: "eth0" });
  const gw6 = defaultGateway6(
    `fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
`,
  );
  assert.deepEqual(gw6, { gateway: "fd00::1", iface: "eth0" });
});

Deno.test("address arithmetic: masks, subnets, compression", () => {
  assert.equal(ipv4Mask(24), "255.255.255.0");
  assert.equal(ipv4Mask(0), "0.0.0.0");
  assert.equal(ipv4Mask(32), "255.255.255.255");
  assert.equal(ipv4Subnet("192.0.2.77", 26), "192.0.2.64");
  assert.ok(sameIpv4Network("192.0.2.2", "192.0.2.1", 24));
  assert.ok(!sameIpv4Network("192.0.2.2", "192.0.3.1", 24));
  assert.equal(ipv6Mask(64), "ffff:ffff:ffff:ffff::");
  assert.equal(ipv6Mask(0), "::");
  assert.equal(ipv6Subnet("fe80::fc:ff:fe00:1", 64), "fe80::");
  assert.equal(ipv6Subnet("2001:db8:1:2:3:4:5:6", 48), "2001:db8:1::");
  assert.deepEqual(expandIpv6("::ffff:192.0.2.1"), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201]);
  assert.equal(compressIpv6([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1]), "2001:db8:0:1::1");
  assert.equal(compressIpv6([0, 0, 0, 0, 0, 0, 0, 0]), "::");
});

Deno.test("net parsers: truncated and garbage input", () => {
  assert.deepEqual(parseIpJson(""), []);
  assert.deepEqual(parseIpJson(IP_JSON.slice(0, 100)), []);
  assert.deepEqual(parseIpJson('{"ifname":"x"}'), []);
  assert.deepEqual(parseIfInet6("garbage\nfe80 01 40"), []);
  assert.deepEqual(parseFibTrieLocal("\u0000|-- x\n/32 host LOCAL"), []);
  assert.deepEqual(parseRoute("Iface\nxx yy"), []);
  assert.equal(defaultGateway4([]), undefined);
  assert.equal(defaultGateway6("0000 00"), undefined);
  assert.equal(expandIpv6("1:2:3"), null);
  assert.equal(expandIpv6("1::2::3"), null);
  assert.equal(expandIpv6("zz::1"), null);
  assert.equal(ipv6Subnet("bad", 64), undefined);
});
