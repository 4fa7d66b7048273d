import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { formatUptime, hardware, parseResolvConf } from "./hardware.ts";
import { detectVmSystem } from "./vm_detect.ts";
import { utmpRecord } from "../../parsers/test_helpers.ts";

const BASE = {
  "/proc/sys/kernel/hostname": "web01\n",
  "/proc/sys/kernel/arch": "x86_64\n",
  "/proc/sys/kernel/version": "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n",
  "/etc/os-release":
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n',
  "/etc/debian_version": "12.5\n",
  "/etc/hosts": "127.0.0.1 localhost\n192.0.2.10 web01.example.org web01\n",
  "/etc/resolv.conf": "search corp.example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n",
  "/proc/meminfo": "MemTotal:        8049140 kB\nSwapTotal:       2097148 kB\n",
  "/proc/uptime": "273906.55 500000.00\n",
  "/proc/net/route":
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
    "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n",
  "/sys/class/dmi/id/product_uuid": "4c4c4544-0042-3510-8051-b3c04f4e4b32\n",
  "/sys/class/dmi/id/sys_vendor": "Dell Inc.\n",
  "/proc/cpuinfo": "processor\t: 0\nflags\t\t: fpu lm\n",
};

const IP_JSON = JSON.stringify([
  { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }] },
  { ifname: "eth0", addr_info: [{ family: "inet", local: "192.0.2.10", prefixlen: 24 }] },
  { ifname: "eth1", addr_info: [{ family: "inet", local: "198.51.100.7", prefixlen: 24 }] },
]);

Deno.test("hardware: identity, OS, memory, addresses, logins", async () => {
  const wtmp = new Uint8Array([
    ...utmpRecord(7, "alice", "pts/0", 1_700_000_000),
    ...utmpRecord(2, "reboot", "~", 1_700_000_100),
  ]);
  const probe = recordedProbe({
    files: {
      ...BASE,
      "/run/utmp": utmpRecord(7, "bob", "pts/1", 1_700_000_200),
      "/var/log/wtmp": wtmp,
    },
    commands: { "ip -j addr": IP_JSON },
    stats: { "/": { birthtimeMs: Date.UTC(2023, 4, 20, 12) } },
  });
  const h = await hardware.collect(probe) as Record<string, string>;
  assert.equal(h.NAME, "web01");
  assert.equal(h.WORKGROUP, "example.org");
  assert.equal(h.OSNAME, "Debian GNU/Linux 12.5");
  assert.equal(h.OSVERSION, "12.5");
  assert.equal(h.OSCOMMENTS, "Debian GNU/Linux 12 (bookworm)");
  assert.equal(h.MEMORY, "7860");
  assert.equal(h.SWAP, "2047");
  assert.equal(h.IPADDR, "192.0.2.10/198.51.100.7");
  assert.equal(h.DNS, "192.0.2.53/2001:db8::53");
  assert.equal(h.DEFAULTGATEWAY, "192.0.2.1");
  assert.equal(h.UUID, "4c4c4544-0042-3510-8051-b3c04f4e4b32");
  assert.equal(h.ARCH, "x86_64");
  assert.equal(h.DESCRIPTION, "x86_64/00-00-03 04:05:06");
  assert.equal(h.VMSYSTEM, "Physical");
  assert.equal(h.USERID, "bob");
  assert.equal(h.LASTLOGGEDUSER, "alice");
  assert.match(h.DATELASTLOGGEDUSER!, /^(Tue|Wed) Nov 1[45] \d\d:\d\d$/);
  assert.equal(h.INSTALLDATE, "2023-05-20");
});

Deno.test("hardware: no os-release, no domain, no ip command", async () => {
  const probe = recordedProbe({
    files: {
      "/proc/sys/kernel/hostname": "box.lan.example\n",
      "/proc/sys/kernel/osrelease": "6.6.0\n",
    },
  });
  const h = await hardware.collect(probe) as Record<string, string>;
  assert.equal(h.NAME, "box");
  assert.equal(h.WORKGROUP, "lan.example");
  assert.equal(h.OSNAME, "Linux");
  assert.equal(h.OSVERSION, "6.6.0");
  assert.equal(h.OSCOMMENTS, "Unknown Linux distribution");
  assert.equal(h.IPADDR, undefined);
});

Deno.test("resolv.conf: nameservers and search domains as the agent joins them", () => {
  assert.deepEqual(
    parseResolvConf("nameserver 1.1.1.1\n# x\nsearch a.example b.example\ndomain c\n"),
    {
      nameservers: ["1.1.1.1"],
      domain: "a.example b.example/c",
    },
  );
  assert.deepEqual(parseResolvConf(""), { nameservers: [], domain: undefined });
});

Deno.test("uptime in the agent's words", () => {
  assert.equal(formatUptime(0), "00-00-00 00:00:00");
  assert.equal(formatUptime(3 * 86400 + 4 * 3600 + 5 * 60 + 6.9), "00-00-03 04:05:06");
  assert.equal(formatUptime(40 * 86400), "00-01-09 00:00:00");
});

Deno.test("vmsystem: containers, hypervisors by DMI, CPU flag and clock source", async () => {
  const detect = (files: Record<string, string>, stats = {}) =>
    detectVmSystem(recordedProbe({ files, stats }));
  assert.equal(await detect({}), "Physical");
  assert.equal(await detect({ "/proc/1/environ": "PATH=/bin\0container=lxc\0" }), "lxc");
  assert.equal(await detect({ "/proc/1/cgroup": "0::/system.slice/docker-abc.scope\n" }), "Docker");
  assert.equal(
    await detect({ "/sys/class/dmi/id/product_name": "VMware Virtual Platform" }),
    "VMware",
  );
  assert.equal(
    await detect({
      "/sys/class/dmi/id/sys_vendor": "QEMU",
      "/sys/class/dmi/id/product_name": "Standard PC",
    }),
    "QEMU",
  );
  assert.equal(await detect({ "/sys/class/dmi/id/product_name": "VirtualBox" }), "VirtualBox");
  const kvmGuest = {
    "/proc/cpuinfo": "processor : 0\nflags : fpu hypervisor lm\n",
    "/sys/devices/system/clocksource/clocksource0/available_clocksource": "tsc kvm-clock\n",
  };
  assert.equal(await detect(kvmGuest), "KVM");
  // A leftover /.dockerenv on a VM's ext4 root is not a container.
  const leftover = {
    ...kvmGuest,
    "/.dockerenv": "",
    "/proc/self/mountinfo": "27 1 254:0 / / rw - ext4 /dev/vda rw\n",
  };
  assert.equal(await detect(leftover), "KVM");
  const docker = {
    "/.dockerenv": "",
    "/proc/self/mountinfo": "600 500 0:50 / / rw - overlay overlay rw\n",
  };
  assert.equal(await detect(docker), "Docker");
});
