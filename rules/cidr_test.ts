import assert from "node:assert/strict";
import { cidrContains, parseCidr, parseIp } from "./cidr.ts";
import { RulePatternError } from "./errors.ts";

Deno.test("parseIp() reads IPv4, IPv6 (compressed, zoned, dotted tail) and maps ::ffff:a.b.c.d to IPv4", () => {
  assert.deepEqual(parseIp("10.1.2.3"), { version: 4, value: 0x0a010203n });
  assert.deepEqual(parseIp("::1"), { version: 6, value: 1n });
  assert.deepEqual(parseIp("2001:db8::"), { version: 6, value: 0x20010db8n << 96n });
  assert.deepEqual(parseIp("fe80::1%eth0"), { version: 6, value: (0xfe80n << 112n) | 1n });
  assert.deepEqual(parseIp("64:ff9b::10.0.0.1"), {
    version: 6,
    value: (0x64n << 112n) | (0xff9bn << 96n) | 0x0a000001n,
  });
  assert.deepEqual(parseIp("::ffff:192.168.0.1"), { version: 4, value: 0xc0a80001n });
  assert.deepEqual(parseIp("1:2:3:4:5:6:7:8"), {
    version: 6,
    value: 0x00010002000300040005000600070008n,
  });
});

Deno.test("parseIp() returns null for anything that is not an address", () => {
  for (
    const text of [
      "",
      "10.0.0",
      "10.0.0.256",
      "10.0.0.1.2",
      "host.example",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "12345::",
      "::g",
      "::1.2.3.999",
    ]
  ) {
    assert.equal(parseIp(text), null, text);
  }
});

Deno.test("parseCidr() aligns the network to the prefix, for IPv4 and IPv6", () => {
  const v4 = parseCidr("10.1.2.3/8");
  assert.equal(v4.version, 4);
  assert.equal(v4.network, 0x0a000000n);
  assert.equal(v4.bits, 8);
  const v6 = parseCidr("2001:db8:1::5/48");
  assert.equal(v6.version, 6);
  assert.equal(v6.network, (0x20010db8n << 96n) | (1n << 80n));
  assert.equal(parseCidr("0.0.0.0/0").mask, 0n);
  assert.equal(parseCidr("::ffff:0:0/96").version, 6, "a mapped block stays an IPv6 block");
});

Deno.test("parseCidr() refuses a missing or out-of-range prefix and a bad address", () => {
  const cases: [string, RegExp][] = [
    ["10.0.0.0", /needs a prefix length/],
    ["10.0.0/8", /does not start with an IPv4 or IPv6 address/],
    ["nowhere/8", /does not start with/],
    ["10.0.0.0/33", /prefix length "33"; expected 0 to 32/],
    ["10.0.0.0/", /prefix length ""; expected 0 to 32/],
    ["10.0.0.0/-1", /prefix length "-1"/],
    ["::/129", /expected 0 to 128/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseCidr(text),
      (e: unknown) => e instanceof RulePatternError && message.test(e.message),
      text,
    );
  }
});

Deno.test("cidrContains() tests addresses and narrower networks, across families when mapped", () => {
  const lan = parseCidr("192.168.1.0/24");
  assert.equal(cidrContains(lan, "192.168.1.77"), true);
  assert.equal(cidrContains(lan, "192.168.2.1"), false);
  assert.equal(cidrContains(lan, "::ffff:192.168.1.9"), true);
  assert.equal(cidrContains(lan, "192.168.1.128/25"), true);
  assert.equal(cidrContains(lan, "192.168.0.0/16"), false, "a wider network is not inside");
  assert.equal(cidrContains(lan, "2001:db8::1"), false);
  assert.equal(cidrContains(lan, "not an ip"), null);
  assert.equal(cidrContains(lan, "192.168.1.0/40"), null);
  const v6 = parseCidr("2001:db8::/32");
  assert.equal(cidrContains(v6, "2001:db8:ffff::1"), true);
  assert.equal(cidrContains(v6, "2001:db9::1"), false);
  assert.equal(cidrContains(v6, "10.0.0.1"), false);
  assert.equal(cidrContains(parseCidr("::ffff:0:0/96"), "10.0.0.1"), true);
  assert.equal(cidrContains(parseCidr("0.0.0.0/0"), "8.8.8.8"), true);
});
