import assert from "node:assert/strict";
import { parseLpstatDevices, parsePrintersConf } from "./cups.ts";

const CONF = `# Printer configuration file for CUPS v2.4.2
<DefaultPrinter Office_HP>
UUID urn:uuid:0d8f0c5e-0000-0000-0000-000000000000
Info HP LaserJet, 2nd floor
MakeModel HP LaserJet Pro M404-M405 Postscript (recommended)
DeviceURI ipp://192.0.2.50/ipp/print
State Idle
Shared No
</DefaultPrinter>
<Printer PDF>
DeviceURI cups-pdf:/
Shared Yes
</Printer>
`;

Deno.test("printers.conf: default and plain printers", () => {
  assert.deepEqual(parsePrintersConf(CONF), [
    {
      name: "Office_HP",
      description: "HP LaserJet, 2nd floor",
      makeModel: "HP LaserJet Pro M404-M405 Postscript (recommended)",
      uri: "ipp://192.0.2.50/ipp/print",
      shared: false,
    },
    { name: "PDF", uri: "cups-pdf:/", shared: true },
  ]);
});

Deno.test("lpstat -v: device lines", () => {
  assert.deepEqual(
    parseLpstatDevices("device for Office_HP: ipp://192.0.2.50/ipp/print\nother\n"),
    [
      { name: "Office_HP", uri: "ipp://192.0.2.50/ipp/print" },
    ],
  );
});

Deno.test("cups: truncated and garbage input", () => {
  assert.deepEqual(parsePrintersConf(""), []);
  // A block cut before its end tag is not reported (it may be half-written).
  assert.deepEqual(parsePrintersConf(CONF.slice(0, 200)), []);
  assert.deepEqual(parsePrintersConf("</Printer>\n<Printer>\nInfo x\n\u0000"), []);
  assert.deepEqual(parseLpstatDevices("device for : \n\u0001"), []);
});
