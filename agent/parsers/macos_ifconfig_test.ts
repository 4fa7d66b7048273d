import assert from "node:assert/strict";
import { parseIfconfig } from "./macos_ifconfig.ts";

Deno.test("macos ifconfig: interfaces, addresses, link state", () => {
  const list = parseIfconfig(
    Deno.readTextFileSync(
      new URL("../../tests/fixtures/agent/macos/ifconfig.txt", import.meta.url),
    ),
  );
  assert.deepEqual(list.map((i) => i.name), [
    "lo0",
    "gif0",
    "stf0",
    "anpi0",
    "en0",
    "en7",
    "bridge0",
    "awdl0",
    "utun0",
    "utun3",
  ]);
  const en0 = list.find((i) => i.name === "en0")!;
  assert.equal(en0.mac, "a4:83:e7:12:34:56");
  assert.equal(en0.mtu, 1500);
  assert.equal(en0.status, "active");
  assert.deepEqual(en0.ipv4, [{ address: "192.168.1.23", prefixLength: 24 }]);
  assert.deepEqual(en0.ipv6.map((a) => a.address), [
    "fe80::1c2b:3d4e:5f60:7a8b",
    "2001:db8:1:2:1c2b:3d4e:5f60:7a8b",
  ]);
  const utun3 = list.find((i) => i.name === "utun3")!;
  assert.deepEqual(utun3.ipv4, [{ address: "10.8.0.6", prefixLength: 32 }]);
  assert.equal(list.find((i) => i.name === "bridge0")!.ipv4.length, 0, "member lines ignored");
});

Deno.test("macos ifconfig: media speed; garbage gives nothing", () => {
  const [en] = parseIfconfig(
    "en5: flags=8863<UP,RUNNING> mtu 9000\n\tmedia: autoselect (10Gbase-T <full-duplex>)\n" +
      "\tstatus: active\n",
  );
  assert.equal(en!.speedMbps, 10000);
  const [en6] = parseIfconfig(
    "en6: flags=8863<UP> mtu 1500\n\tmedia: autoselect (1000baseT <full-duplex>)\n",
  );
  assert.equal(en6!.speedMbps, 1000);
  assert.deepEqual(parseIfconfig("\u0000garbage\n\tinet 1.2.3.4\n"), []);
});
