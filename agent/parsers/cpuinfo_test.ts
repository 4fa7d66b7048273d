import assert from "node:assert/strict";
import { parseCpuInfo, speedFromModelName, summarizeCpuInfo } from "./cpuinfo.ts";

const x86Block = (n: number, physical: number, core: number) =>
  `processor\t: ${n}
vendor_id\t: GenuineIntel
cpu family\t: 6
model name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz
cpu MHz\t\t: 2394.454
physical id\t: ${physical}
siblings\t: 4
core id\t\t: ${core}
cpu cores\t: 2
flags\t\t: fpu vme lm sse2
`;

// Two sockets × two cores × two threads.
const X86 = [0, 1, 2, 3, 4, 5, 6, 7]
  .map((n) => x86Block(n, n >> 2, (n >> 1) & 1))
  .join("\n");

const ARM = `processor\t: 0
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x0
CPU part\t: 0xd08
CPU revision\t: 3

processor\t: 1
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU implementer\t: 0x41
CPU architecture: 8
CPU part\t: 0xd08

Hardware\t: BCM2835
Revision\t: c03114
Serial\t\t: 10000000abcdef
Model\t\t: Raspberry Pi 4 Model B Rev 1.4
`;

Deno.test("cpuinfo: x86 topology, vendor, model and flags", () => {
  const summary = summarizeCpuInfo(parseCpuInfo(X86));
  assert.equal(summary.manufacturer, "Intel");
  assert.equal(summary.model, "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz");
  assert.equal(summary.mhz, 2394);
  assert.equal(summary.sockets, 2);
  assert.equal(summary.coresPerSocket, 2);
  assert.equal(summary.threadsPerCore, 2);
  assert.equal(summary.logical, 8);
  assert.ok(summary.flags.includes("lm"));
});

Deno.test("cpuinfo: ARM implementer/part names, trailer lines kept apart", () => {
  const info = parseCpuInfo(ARM);
  assert.equal(info.processors.length, 2);
  assert.equal(info.extra["Model"], "Raspberry Pi 4 Model B Rev 1.4");
  const summary = summarizeCpuInfo(info);
  assert.equal(summary.manufacturer, "ARM");
  assert.equal(summary.model, "Cortex-A72");
  assert.equal(summary.sockets, 1);
  assert.equal(summary.coresPerSocket, 2);
  assert.equal(summary.threadsPerCore, 1);
  assert.ok(summary.flags.includes("asimd"));
});

Deno.test("cpuinfo: speed from a model name", () => {
  assert.equal(speedFromModelName("Intel(R) Xeon(R) Processor @ 2.80GHz"), 2800);
  assert.equal(speedFromModelName("Pentium 233MHz"), 233);
  assert.equal(speedFromModelName("Intel(R) Xeon(R) Processor"), undefined);
  assert.equal(speedFromModelName(undefined), undefined);
});

Deno.test("cpuinfo: truncated and garbage input", () => {
  const empty = summarizeCpuInfo(parseCpuInfo(""));
  assert.equal(empty.logical, 0);
  assert.equal(empty.sockets, 0);
  const garbage = summarizeCpuInfo(parseCpuInfo("\u0000::::\nprocessor: x\nfoo"));
  assert.equal(garbage.logical, 0);
  const cut = summarizeCpuInfo(parseCpuInfo(X86.slice(0, 60)));
  assert.equal(cut.logical, 1);
  assert.equal(cut.manufacturer, "Intel");
});
