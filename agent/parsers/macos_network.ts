/**
 * macOS NETWORKS: interfaces and addresses from `ifconfig -a`, completed by the network
 * services of SPNetworkDataType (which interface is Wi-Fi, the router, the DHCP server, DNS).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, linkSpeed, num, text } from "./entries.ts";
import type { IfconfigInterface } from "./macos_ifconfig.ts";
import {
  itemsOf,
  objectField,
  type ProfilerItem,
  type ProfilerReport,
  stringList,
} from "./macos_profiler.ts";
import { ipv4Mask, ipv4Subnet, ipv6Mask, ipv6Subnet, sameIpv4Network } from "./net.ts";

/** What HARDWARE takes from the network: IPADDR, DNS, DEFAULTGATEWAY. */
export interface MacNetFacts {
  ipv4: string[];
  dns: string[];
  gateway?: string;
}

/** The network services, in service order (the first is the primary one). */
function services(profiler: ProfilerReport | null): ProfilerItem[] {
  return [...itemsOf(profiler ?? {}, "SPNetworkDataType")].sort((a, b) =>
    (num(a.spnetwork_service_order) ?? 999) - (num(b.spnetwork_service_order) ?? 999)
  );
}

/** IPADDR, DNS and DEFAULTGATEWAY facts. */
export function macNetFacts(
  interfaces: IfconfigInterface[],
  profiler: ProfilerReport | null,
): MacNetFacts {
  const ordered = services(profiler);
  const ipv4 = interfaces
    .filter((i) => !i.flags.includes("LOOPBACK"))
    .flatMap((i) => i.ipv4.map((a) => a.address))
    .filter((a) => !a.startsWith("127."));
  const dns = ordered.map((s) => stringList(objectField(s, "dns").ServerAddresses))
    .find((list) => list.length > 0) ?? [];
  const gateway = ordered.map((s) => text(objectField(s, "IPv4").Router)).find(Boolean);
  return { ipv4, dns, gateway };
}

/** Whether an interface is worth reporting: a network service, or one with a routable address. */
function reported(i: IfconfigInterface, service: ProfilerItem | undefined): boolean {
  if (i.flags.includes("LOOPBACK")) return false;
  return service !== undefined || i.ipv4.length > 0 ||
    i.ipv6.some((a) => !a.address.toLowerCase().startsWith("fe80:"));
}

/** NETWORKS: one entry per address (IPv4 and IPv6), or one without address. */
export function macNetworks(
  interfaces: IfconfigInterface[],
  profiler: ProfilerReport | null,
): SimpleObject[] {
  const byName = new Map(services(profiler).map((s) => [text(s.interface), s]));
  return interfaces.flatMap((i) => {
    const service = byName.get(i.name);
    if (!reported(i, service)) return [];
    const hardware = text(service?.hardware) ?? text(service?.type);
    const router = text(objectField(service ?? {}, "IPv4").Router);
    const base = {
      DESCRIPTION: i.name,
      TYPE: hardware === "AirPort" || hardware === "Wi-Fi"
        ? "Wifi"
        : hardware === "Ethernet"
        ? "ethernet"
        : hardware,
      MACADDR: i.mac ?? text(objectField(service ?? {}, "Ethernet")["MAC Address"]),
      MTU: i.mtu,
      STATUS: i.status
        ? (i.status === "active" ? "Up" : "Down")
        : (i.flags.includes("UP") && i.flags.includes("RUNNING") ? "Up" : "Down"),
      SPEED: linkSpeed(i.speedMbps),
      IPDHCP: text(objectField(service ?? {}, "DHCP").dhcp_server_identifier),
      // Network services are hardware ports; anything else (utun, bridge) is virtual.
      VIRTUALDEV: service ? "0" : "1",
    };
    const v4 = i.ipv4.map((a) =>
      entry({
        ...base,
        IPADDRESS: a.address,
        IPMASK: ipv4Mask(a.prefixLength),
        IPSUBNET: ipv4Subnet(a.address, a.prefixLength),
        IPGATEWAY: router && sameIpv4Network(a.address, router, a.prefixLength)
          ? router
          : undefined,
      })
    );
    const v6 = i.ipv6.map((a) =>
      entry({
        ...base,
        IPADDRESS: a.address,
        IPMASK: ipv6Mask(a.prefixLength),
        IPSUBNET: ipv6Subnet(a.address, a.prefixLength),
      })
    );
    return v4.length + v6.length > 0 ? [...v4, ...v6] : [entry(base)];
  });
}
