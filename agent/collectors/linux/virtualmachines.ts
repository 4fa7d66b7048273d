/**
 * VIRTUALMACHINES hosted here: Docker containers (one `docker ps`, only when the daemon socket
 * exists), libvirt/QEMU domains (their XML definitions, running when libvirt's run-time copy
 * exists) and LXC containers (their config directories, running when their cgroup exists).
 * SUBSYSTEM/VMTYPE values are the OCS agent's.
 *
 * @module
 */

import type { SimpleObject } from "../../../protocol/mod.ts";
import type { Collector, Probe } from "../types.ts";
import { entry } from "./common.ts";

/** VIRTUALMACHINES; an empty list when none of these engines is present. */
export const virtualMachines: Collector = {
  section: "VIRTUALMACHINES",
  async collect(probe) {
    const found = await Promise.all([docker(probe), libvirt(probe), lxc(probe)]);
    return found.flat();
  },
};

async function docker(probe: Probe): Promise<SimpleObject[]> {
  const sockets = await Promise.all(
    ["/run/docker.sock", "/var/run/docker.sock"].map((p) => probe.stat(p)),
  );
  if (!sockets.some(Boolean)) return [];
  const output = await probe.run("docker", ["ps", "-a", "--no-trunc", "--format", "{{json .}}"]);
  const out: SimpleObject[] = [];
  for (const line of (output ?? "").split("\n")) {
    let c: Record<string, unknown>;
    try {
      c = JSON.parse(line);
    } catch {
      continue;
    }
    out.push(entry({
      NAME: typeof c.Names === "string" ? c.Names : undefined,
      STATUS: typeof c.State === "string" ? c.State : undefined,
      VMID: typeof c.ID === "string" ? c.ID : undefined,
      SUBSYSTEM: "Docker Container",
      VMTYPE: "Docker",
    }));
  }
  return out;
}

async function libvirt(probe: Probe): Promise<SimpleObject[]> {
  const dir = "/etc/libvirt/qemu";
  const files = (await probe.list(dir)).filter((n) => n.endsWith(".xml"));
  return await Promise.all(files.map(async (file) => {
    const [xml, running] = await Promise.all([
      probe.readText(`${dir}/${file}`),
      probe.stat(`/run/libvirt/qemu/${file}`),
    ]);
    const tag = (name: string) =>
      xml?.match(new RegExp(`<${name}[^>]*>([^<]*)</${name}>`))?.[1]?.trim();
    const memory = xml?.match(/<memory(?:\s+unit=['"](\w+)['"])?[^>]*>(\d+)<\/memory>/);
    return entry({
      NAME: tag("name") ?? file.slice(0, -4),
      UUID: tag("uuid"),
      MEMORY: memory ? toMb(Number(memory[2]), memory[1] ?? "KiB") : undefined,
      VCPU: tag("vcpu"),
      STATUS: running ? "running" : "shut off",
      SUBSYSTEM: "Libvirt",
      VMTYPE: xml?.match(/<domain[^>]*\stype=['"](\w+)['"]/)?.[1],
    });
  }));
}

function toMb(value: number, unit: string): number {
  const factor: Record<string, number> = {
    b: 1 / 1024 ** 2,
    bytes: 1 / 1024 ** 2,
    KiB: 1 / 1024,
    k: 1 / 1024,
    MiB: 1,
    M: 1,
    GiB: 1024,
    G: 1024,
  };
  return Math.round(value * (factor[unit] ?? 1 / 1024));
}

async function lxc(probe: Probe): Promise<SimpleObject[]> {
  const dir = "/var/lib/lxc";
  const names = await probe.list(dir);
  const all = await Promise.all(names.map(async (name) => {
    const [config, payload, legacy] = await Promise.all([
      probe.readText(`${dir}/${name}/config`),
      probe.stat(`/sys/fs/cgroup/lxc.payload.${name}`),
      probe.stat(`/sys/fs/cgroup/lxc/${name}`),
    ]);
    if (config === null) return null;
    const memory = config.match(/^lxc\.cgroup2?\.memory\.(?:max|limit_in_bytes)\s*=\s*(\d+)/m)?.[1];
    return entry({
      NAME: name,
      STATUS: payload || legacy ? "running" : "stopped",
      MEMORY: memory ? Math.round(Number(memory) / 1024 ** 2) : undefined,
      SUBSYSTEM: "LXC Container",
      VMTYPE: "LXC",
    });
  }));
  return all.filter((x) => x !== null);
}
