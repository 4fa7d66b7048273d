/**
 * VMSYSTEM: whether this system is a container, a virtual machine (and whose), or physical —
 * from files only: PID 1's environment and cgroups, container marker files, DMI identity, Xen
 * and the hypervisor CPU flag with the clock sources it offers.
 *
 * The OCS agent answers `Physical` whenever `dmidecode` cannot read `/dev/mem` (containers,
 * microVMs); here a guest is recognised from the kernel's own view.
 *
 * @module
 */

import type { Probe } from "../types.ts";
import { readTrim } from "./common.ts";

const CONTAINER_NAMES: Record<string, string> = {
  docker: "Docker",
  lxc: "lxc",
  "lxc-libvirt": "lxc",
  podman: "Podman",
  "systemd-nspawn": "systemd-nspawn",
  oci: "Container",
  wsl: "WSL",
};

// DMI identity strings of hypervisors, in the OCS agent's words where it has some.
const DMI_VENDORS: [RegExp, string][] = [
  [/VMware/i, "VMware"],
  [/VirtualBox|innotek/i, "VirtualBox"],
  [/Microsoft Corporation.*Virtual|Hyper-V/i, "Hyper-V"],
  [/^Xen|HVM domU/i, "Xen"],
  [/Parallels/i, "Parallels"],
  [/QEMU/i, "QEMU"],
  [/KVM|Google Compute Engine|Amazon EC2|OpenStack|RHEV|oVirt|Proxmox/i, "KVM"],
  [/Bochs/i, "Bochs"],
  [/BHYVE/i, "bhyve"],
];

/** `Physical`, a container kind (`Docker`, `lxc`, `Podman`…) or a hypervisor (`KVM`, `VMware`…). */
export async function detectVmSystem(probe: Probe): Promise<string> {
  const [environ, cgroup, containerEnv, dockerEnv, mountinfo] = await Promise.all([
    probe.readText("/proc/1/environ"),
    probe.readText("/proc/1/cgroup"),
    probe.stat("/run/.containerenv"),
    probe.stat("/.dockerenv"),
    probe.readText("/proc/self/mountinfo"),
  ]);
  const container = environ?.split("\0").find((v) => v.startsWith("container="))?.slice(10);
  if (container) return CONTAINER_NAMES[container] ?? container;
  if (containerEnv) return "Podman";
  if (cgroup && /\/(docker|kubepods|containerd)[/-]/.test(cgroup)) return "Docker";
  if (cgroup && /\/lxc[./]|lxc\.payload/.test(cgroup)) return "lxc";
  // /.dockerenv alone can be a leftover in an image booted as a VM: trust it with an overlay root.
  if (dockerEnv && mountinfo && / \/ [^\n]* - overlay /.test(mountinfo)) return "Docker";

  const [vendor, product, biosVendor, xen, hypervisorType, cpuinfo, clocks] = await Promise.all([
    readTrim(probe, "/sys/class/dmi/id/sys_vendor"),
    readTrim(probe, "/sys/class/dmi/id/product_name"),
    readTrim(probe, "/sys/class/dmi/id/bios_vendor"),
    probe.stat("/proc/xen"),
    readTrim(probe, "/sys/hypervisor/type"),
    probe.readText("/proc/cpuinfo"),
    readTrim(probe, "/sys/devices/system/clocksource/clocksource0/available_clocksource"),
  ]);
  const identity = [vendor, product, biosVendor].filter(Boolean).join(" ");
  for (const [re, name] of DMI_VENDORS) if (re.test(identity)) return name;
  if (hypervisorType === "xen" || xen?.isDirectory) {
    const caps = await probe.readText("/proc/xen/capabilities");
    if (!caps?.includes("control_d")) return "Xen";
  }
  if (cpuinfo && /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo)) {
    if (clocks?.includes("kvm-clock")) return "KVM";
    if (clocks?.includes("hyperv_clocksource")) return "Hyper-V";
    if (clocks?.includes("xen")) return "Xen";
    return "Virtual Machine";
  }
  return "Physical";
}
