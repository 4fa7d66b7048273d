import assert from "node:assert/strict";
import { parseCpuInfo, speedFromModelName, summarizeCpuInfo } from "./cpuinfo.ts";
import { recordingText } from "./test_helpers.ts";

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

const summaryOf = (recording: string) =>
  summarizeCpuInfo(parseCpuInfo(recordingText(`cpuinfo/${recording}`)));

Deno.test("cpuinfo: ARM before 3.8 names the CPU in its header, never the board", () => {
  const thecus = summaryOf("linux-armel-1");
  assert.equal(thecus.family, "arm");
  assert.equal(thecus.model, "XScale-80219 rev 0 (v5l)");
  assert.equal(thecus.manufacturer, "Intel"); // implementer 0x69
  assert.deepEqual([thecus.sockets, thecus.coresPerSocket, thecus.logical], [1, 1, 1]);
  const sheeva = summaryOf("linux-armel-2");
  assert.equal(sheeva.model, "Feroceon 88FR131 rev 1 (v5l)");
  assert.equal(sheeva.manufacturer, "Marvell");
  // A new kernel: per-processor `model name`; `Hardware : BCM2835` stays the board.
  const pi = summaryOf("linux-raspberry-pi-3-model-b");
  assert.equal(pi.model, "ARMv7 Processor rev 4 (v7l)");
  assert.deepEqual([pi.sockets, pi.coresPerSocket, pi.logical], [1, 4, 4]);
});

Deno.test("cpuinfo: PowerPC, SPARC, Alpha, IA64 and MIPS name their CPU and count it", () => {
  const cases: [string, string, string, number, number | undefined, boolean][] = [
    ["linux-ppc-1", "powerpc", "604r", 1, undefined, false], // `clock : ???`
    ["linux-ppc-2", "powerpc", "POWER4+ (gq)", 2, 1452, false],
    ["linux-sparc-1", "sparc", "TI UltraSparc IIIi (Jalapeno)", 2, 1002, true],
    ["linux-alpha-1", "alpha", "EV68CB", 3, 1250, true],
    ["linux-ia64-1", "ia64", "Itanium 2", 2, 1600, true],
    ["linux-mips-1", "mips", "R4400SC V5.0 FPU V0.0", 1, undefined, false],
  ];
  for (const [recording, family, model, sockets, mhz, is64] of cases) {
    const summary = summaryOf(recording);
    assert.deepEqual(
      [summary.family, summary.model, summary.sockets, summary.coresPerSocket, summary.mhz],
      [family, model, sockets, 1, mhz],
      recording,
    );
    assert.equal(summary.is64, is64, recording);
  }
  assert.equal(summaryOf("linux-alpha-1").serial, "JA30502089");
  assert.equal(summaryOf("linux-ia64-1").manufacturer, "Intel");
});

Deno.test("cpuinfo: without `physical id` an x86 VM's vCPUs are sockets until sysfs says", () => {
  const vm = summaryOf("rhel-6.2-vmware-2vcpus");
  assert.equal(vm.family, "x86");
  assert.deepEqual([vm.sockets, vm.coresPerSocket, vm.threadsPerCore], [2, 1, 1]);
  // With `physical id`, cpuinfo itself is the truth: two sockets of 4 cores × 2 threads.
  const rhel = summaryOf("rhel-5.6");
  assert.deepEqual([rhel.sockets, rhel.coresPerSocket, rhel.threadsPerCore], [2, 4, 2]);
});

Deno.test("cpuinfo: s390x names the machine type and counts its CPUs", () => {
  const s390 = `vendor_id       : IBM/S390
# processors    : 2
bogomips per cpu: 3241.00
features	: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx sie
processor 0: version = FF,  identification = 0B2B28,  machine = 8561
processor 1: version = FF,  identification = 0B2B28,  machine = 8561
`;
  const summary = summarizeCpuInfo(parseCpuInfo(s390));
  assert.equal(summary.family, "s390");
  assert.equal(summary.manufacturer, "IBM");
  assert.equal(summary.model, "IBM/S390 8561");
  assert.equal(summary.logical, 2);
  assert.equal(summary.sockets, 2);
});

Deno.test("cpuinfo: RISC-V names the core from `uarch` and counts a SoC as one socket", () => {
  const hart = (n: number) =>
    `processor\t: ${n}\nhart\t\t: ${n + 1}\nisa\t\t: rv64imafdc_zicsr_zifencei_zba_zbb\n` +
    `mmu\t\t: sv39\nuarch\t\t: sifive,u74-mc\n`;
  const summary = summarizeCpuInfo(parseCpuInfo([0, 1, 2, 3].map(hart).join("\n")));
  assert.equal(summary.family, "riscv");
  assert.equal(summary.model, "sifive,u74-mc");
  assert.deepEqual([summary.sockets, summary.coresPerSocket, summary.logical], [1, 4, 4]);
});
