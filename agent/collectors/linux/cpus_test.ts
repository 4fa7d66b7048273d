import assert from "node:assert/strict";
import { dirname } from "node:path";
import { recordingText, sampleSmbiosTable } from "../../parsers/test_helpers.ts";
import { liveProbe, recordedProbe } from "../probe.ts";
import { cpus } from "./cpus.ts";

const block = (n: number, pkg: number, core: number) =>
  `processor\t: ${n}\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7763 64-Core Processor\n` +
  `cpu MHz\t\t: 2445.404\nphysical id\t: ${pkg}\nsiblings\t: 4\ncore id\t\t: ${core}\ncpu cores\t: 2\nflags\t\t: fpu lm\n`;

function cacheFiles(cpus: number, shared: (cpu: number) => string) {
  const files: Record<string, string> = {
    "/sys/devices/system/cpu/online": `0-${cpus - 1}\n`,
    "/sys/devices/system/cpu/cpu0/cache/index0/level": "1\n",
    "/sys/devices/system/cpu/cpu0/cache/index2/level": "2\n",
    "/sys/devices/system/cpu/cpu0/cache/index2/size": "512K\n",
  };
  for (let c = 0; c < cpus; c++) {
    files[`/sys/devices/system/cpu/cpu${c}/cache/index2/shared_cpu_list`] = shared(c);
  }
  return files;
}

Deno.test("cpus: one entry per socket with lscpu's counts and cache wording", async () => {
  const cpuinfo = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => block(n, n >> 2, (n >> 1) & 1)).join("\n");
  const probe = recordedProbe({
    files: {
      "/proc/cpuinfo": cpuinfo,
      "/proc/sys/kernel/arch": "x86_64\n",
      "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq": "3529000\n",
      // Two threads share each core's L2: 4 instances.
      ...cacheFiles(8, (c) => `${c & ~1}-${c | 1}\n`),
    },
  });
  const list = await cpus.collect(probe) as Record<string, string>[];
  assert.equal(list.length, 2);
  assert.deepEqual(list[0], {
    MANUFACTURER: "AMD",
    TYPE: "AMD EPYC 7763 64-Core Processor",
    SPEED: "3529",
    CURRENT_SPEED: "2445",
    CORES: "2",
    THREADS: "4",
    LOGICAL_CPUS: "4",
    NBSOCKET: "2",
    CPUARCH: "x86_64",
    DATA_WIDTH: "64",
    L2CACHESIZE: "2 MiB (4 instances)",
  });
});

Deno.test("cpus: ARM topology from sysfs; SMBIOS socket details when readable", async () => {
  const arm = [0, 1, 2, 3].map((n) =>
    `processor\t: ${n}\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n`
  ).join("\n");
  const topology: Record<string, string> = {};
  for (let c = 0; c < 4; c++) {
    topology[`/sys/devices/system/cpu/cpu${c}/topology/physical_package_id`] = "0\n";
    topology[`/sys/devices/system/cpu/cpu${c}/topology/core_id`] = `${c}\n`;
  }
  const probe = recordedProbe({
    files: {
      "/proc/cpuinfo": arm,
      "/proc/sys/kernel/arch": "aarch64\n",
      "/sys/devices/system/cpu/online": "0-3\n",
      ...topology,
      "/sys/firmware/dmi/tables/DMI": sampleSmbiosTable(),
    },
  });
  const [cpu] = await cpus.collect(probe) as Record<string, string>[];
  assert.equal(cpu!.MANUFACTURER, "ARM");
  assert.equal(cpu!.TYPE, "Cortex-A72");
  assert.equal(cpu!.CORES, "4");
  assert.equal(cpu!.THREADS, "4");
  assert.equal(cpu!.DATA_WIDTH, "64");
  // From the SMBIOS processor record.
  assert.equal(cpu!.SPEED, "4800");
  assert.equal(cpu!.SOCKET, "U3E1");
  assert.equal(cpu!.VOLTAGE, "1.2 V");
  assert.equal(cpu!.CPUSTATUS, "Enabled");
});

Deno.test("cpus: no cpuinfo, no section", async () => {
  assert.equal(await cpus.collect(recordedProbe({})), null);
});

/** sysfs topology files for CPUs given as [package, core] pairs. */
function topologyFiles(cpus: [number, number][]): Record<string, string> {
  const files: Record<string, string> = {
    "/sys/devices/system/cpu/online": `0-${cpus.length - 1}\n`,
  };
  cpus.forEach(([pkg, core], c) => {
    files[`/sys/devices/system/cpu/cpu${c}/topology/physical_package_id`] = `${pkg}\n`;
    files[`/sys/devices/system/cpu/cpu${c}/topology/core_id`] = `${core}\n`;
  });
  return files;
}

Deno.test("cpus: a VM without `physical id` lines is counted from sysfs", async () => {
  const cpuinfo = recordingText("cpuinfo/rhel-6.2-vmware-2vcpus");
  const counts = async (files: Record<string, string>) => {
    const list = await cpus.collect(
      recordedProbe({ files: { "/proc/cpuinfo": cpuinfo, ...files } }),
    );
    const first = (list as Record<string, string>[])[0]!;
    return [(list as unknown[]).length, first.NBSOCKET, first.CORES, first.THREADS];
  };
  // Two vCPUs as two 1-core sockets (VMware's default), or as one 2-core socket.
  assert.deepEqual(await counts(topologyFiles([[0, 0], [1, 0]])), [2, "2", "1", "1"]);
  assert.deepEqual(await counts(topologyFiles([[0, 0], [0, 1]])), [1, "1", "2", "2"]);
  // No sysfs (a container, a recording): one socket per vCPU, as cpuinfo cannot say more.
  assert.deepEqual(await counts({}), [2, "2", "1", "1"]);
  // No `online` list (kernels before 2.6.26): the cpuN directories count.
  const old = topologyFiles([[0, 0], [0, 1]]);
  delete old["/sys/devices/system/cpu/online"];
  assert.deepEqual(await counts(old), [1, "1", "2", "2"]);
});

Deno.test("cpus: the sysfs root is injectable (a tree on disk read through a rooted probe)", async () => {
  const root = await Deno.makeTempDir();
  try {
    const files = {
      "/proc/cpuinfo": recordingText("cpuinfo/rhel-6.2-vmware-2vcpus"),
      ...topologyFiles([[0, 0], [0, 1]]),
    };
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(dirname(root + path), { recursive: true });
      await Deno.writeTextFile(root + path, text);
    }
    const list = await cpus.collect(liveProbe({ root })) as Record<string, string>[];
    assert.equal(list.length, 1);
    assert.equal(list[0]!.CORES, "2");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("cpus: other architectures get a TYPE and at least one socket", async () => {
  const collect = async (recording: string) =>
    await cpus.collect(
      recordedProbe({ files: { "/proc/cpuinfo": recordingText(`cpuinfo/${recording}`) } }),
    ) as Record<string, string>[];
  const sparc = await collect("linux-sparc-1");
  assert.equal(sparc.length, 2);
  assert.equal(sparc[0]!.TYPE, "TI UltraSparc IIIi (Jalapeno)");
  assert.equal(sparc[0]!.NBSOCKET, "2");
  assert.equal(sparc[0]!.DATA_WIDTH, "64");
  const arm = await collect("linux-armel-2");
  assert.equal(arm[0]!.TYPE, "Feroceon 88FR131 rev 1 (v5l)");
  assert.equal(arm[0]!.NBSOCKET, "1");
  const alpha = await collect("linux-alpha-1");
  assert.equal(alpha[0]!.SERIALNUMBER, "JA30502089");
  assert.equal(alpha[0]!.SPEED, "1250");
});
