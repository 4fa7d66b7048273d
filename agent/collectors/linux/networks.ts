/**
 * NETWORKS: every interface of `/sys/class/net` but loopback, one entry per address (IPv4 and
 * IPv6), or one entry without address for an interface that has none.
 *
 * Differences from the OCS agent, on purpose: every IPv6 address is reported (the agent keeps
 * only the last one of each interface), IPv6 IPGATEWAY is the default route's gateway (the agent
 * puts the first route's prefix there), VIRTUALDEV is always set, TYPE does not depend on whether
 * the interface has an IPv4 address, DUPLEX and SPEED are left out when the kernel does not know
 * them (the agent sends `Half` and `-1 Mbps`).
 *
 * @module
 */

import { ipv4Mask, ipv4Subnet, ipv6Mask, ipv6Subnet, sameIpv4Network } from "../../parsers/net.ts";
import type { SimpleObject } from "../../../protocol/mod.ts";
import type { Collector, Probe } from "../types.ts";
import { entry, linkName, readTrim } from "./common.ts";
import { type NetFacts, netFacts } from "./net_facts.ts";

/** ARPHRD_* link types (`/sys/class/net/<if>/type`) worth naming. */
const LINK_TYPES: Record<string, string> = {
  "1": "ethernet",
  "32": "infiniband",
  "512": "ppp",
  "768": "tunnel",
  "769": "tunnel6",
  "776": "sit",
  "778": "gre",
  "772": "loopback",
  "65534": "none",
};

/** NETWORKS. */
export const networks: Collector = {
  section: "NETWORKS",
  async collect(probe) {
    const [names, facts] = await Promise.all([probe.list("/sys/class/net"), netFacts(probe)]);
    const perInterface = await Promise.all(
      names.map((name) => interfaceEntries(probe, name, facts)),
    );
    return perInterface.flat();
  },
};

async function interfaceEntries(
  probe: Probe,
  name: string,
  facts: NetFacts,
): Promise<SimpleObject[]> {
  const dir = `/sys/class/net/${name}`;
  const [
    type,
    mac,
    mtu,
    carrier,
    operstate,
    speed,
    duplex,
    uevent,
    wireless,
    bonding,
    bridge,
    vlan,
    virtual,
    slaves,
  ] = await Promise.all([
    readTrim(probe, `${dir}/type`),
    readTrim(probe, `${dir}/address`),
    readTrim(probe, `${dir}/mtu`),
    readTrim(probe, `${dir}/carrier`),
    readTrim(probe, `${dir}/operstate`),
    readTrim(probe, `${dir}/speed`),
    readTrim(probe, `${dir}/duplex`),
    probe.readText(`${dir}/device/uevent`),
    probe.stat(`${dir}/wireless`),
    probe.stat(`${dir}/bonding`),
    probe.stat(`${dir}/bridge`),
    probe.stat(`/proc/net/vlan/${name}`),
    probe.stat(`/sys/devices/virtual/net/${name}`),
    probe.readText(`${dir}/bonding/slaves`),
  ]);
  // Not an interface (`bonding_masters` is a file there), or loopback: not inventoried (as the
  // agent); a loopback's 00:00:… MAC would only confuse the server's deduplication.
  if (!type || type === "772" || name === "lo") return [];
  const ueventField = (key: string) => uevent?.match(new RegExp(`^${key}=(.*)$`, "m"))?.[1];
  const driver = ueventField("DRIVER") ?? (await linkName(probe, `${dir}/device/driver`));
  const kind = wireless
    ? "Wifi"
    : bonding
    ? "aggregate"
    : bridge
    ? "bridge"
    : vlan
    ? "vlan"
    : LINK_TYPES[type ?? ""] ?? (type ? `type ${type}` : undefined);
  const base = {
    DESCRIPTION: name,
    TYPE: kind,
    MACADDR: mac && mac !== "00:00:00:00:00:00" ? mac : undefined,
    MTU: mtu,
    STATUS: carrier === "1" || operstate === "up" ? "Up" : "Down",
    SPEED: formatSpeed(speed),
    DUPLEX: duplex === "full" ? "Full" : duplex === "half" ? "Half" : undefined,
    DRIVER: driver,
    PCISLOT: ueventField("PCI_SLOT_NAME"),
    VIRTUALDEV: virtual ? "1" : "0",
    SLAVE: slaves?.trim().split(/\s+/).join(","),
  };
  const addresses = facts.addresses.get(name) ?? [];
  if (addresses.length === 0) return [entry(base)];
  return addresses.map((a) => {
    if (a.family === 4) {
      const gateway = facts.gateway4?.gateway;
      return entry({
        ...base,
        IPADDRESS: a.address,
        IPMASK: ipv4Mask(a.prefixLength),
        IPSUBNET: ipv4Subnet(a.address, a.prefixLength),
        IPGATEWAY: gateway && sameIpv4Network(a.address, gateway, a.prefixLength)
          ? gateway
          : undefined,
      });
    }
    return entry({
      ...base,
      IPADDRESS: a.address,
      IPMASK: ipv6Mask(a.prefixLength),
      IPSUBNET: ipv6Subnet(a.address, a.prefixLength),
      IPGATEWAY: facts.gateway6?.iface === name ? facts.gateway6.gateway : undefined,
    });
  });
}

/** Mb/s from sysfs as the agent words it (`100 Mbps`, `1 Gbps`); undefined when unknown. */
export function formatSpeed(text: string | undefined): string | undefined {
  const mbps = Number(text);
  if (!Number.isFinite(mbps) || mbps <= 0 || mbps === 65535 || mbps === 4294967295) {
    return undefined;
  }
  return mbps >= 1000 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`;
}
