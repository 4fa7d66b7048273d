/**
 * Windows NETWORKS and the HARDWARE network facts: Win32_NetworkAdapter (the adapters of the
 * Network Connections folder) joined with Win32_NetworkAdapterConfiguration (addresses, by
 * `Index`) and MSFT_NetAdapter (interface type and MTU, by `InterfaceIndex`; Windows 8+).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, linkSpeed, num, text } from "./entries.ts";
import { expandIpv6, ipv4Subnet, ipv6Mask, ipv6Subnet, isIpv4, sameIpv4Network } from "./net.ts";
import { type CimObject, type CimReport, instances, real, scalars } from "./windows_cim.ts";

/** What HARDWARE takes from the network: IPADDR, DNS, DEFAULTGATEWAY. */
export interface WindowsNetFacts {
  ipv4: string[];
  dns: string[];
  gateway?: string;
}

/** IANA ifType names (MSFT_NetAdapter.InterfaceType) for TYPEMIB, as the Windows agent sends. */
const IF_TYPES: Record<number, string> = {
  6: "ethernetCsmacd",
  23: "ppp",
  24: "softwareLoopback",
  53: "propVirtual",
  71: "ieee80211",
  131: "tunnel",
  144: "ieee1394",
  243: "wwanPP",
  244: "wwanPP2",
};

const ipEnabled = (report: CimReport) =>
  instances(report, "NetworkAdapterConfiguration").filter((c) => c.IPEnabled === true);

const ipv4Of = (c: CimObject) => scalars(c.IPAddress).map(String).filter(isIpv4);

/** IPADDR (every IPv4 address), DNS and the gateway of the first adapter that has one. */
export function windowsNetFacts(report: CimReport): WindowsNetFacts {
  const configs = ipEnabled(report);
  const routed = configs.find((c) => scalars(c.DefaultIPGateway).length > 0);
  const dnsFrom = [routed, ...configs].find((c) => c && scalars(c.DNSServerSearchOrder).length);
  return {
    ipv4: configs.flatMap(ipv4Of).filter((a) => !a.startsWith("127.")),
    dns: dnsFrom ? scalars(dnsFrom.DNSServerSearchOrder).map(String) : [],
    gateway: routed ? scalars(routed.DefaultIPGateway).map(String).find(isIpv4) : undefined,
  };
}

/** A list property keeping positions (IPSubnet[i] belongs to IPAddress[i]); junk as "". */
function positional(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.map((v) => (typeof v === "string" ? v.trim() : ""));
}

/** `255.255.255.0` → 24; undefined for a malformed mask. */
function maskLength(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  const bits = mask.split(".").map((p) => Number(p).toString(2).padStart(8, "0")).join("");
  return /^1*0*$/.test(bits) ? bits.indexOf("0") === -1 ? 32 : bits.indexOf("0") : undefined;
}

/** Adapter speed in bit/s → Mb/s; Windows reports 2^63-1 (or nothing) when it does not know. */
function speedMbps(value: unknown): number | undefined {
  const bps = num(value);
  return bps && bps > 0 && bps < 1e13 ? bps / 1e6 : undefined;
}

function adapterType(adapter: CimObject, net: CimObject): string | undefined {
  const names = `${text(adapter.Name) ?? ""} ${text(adapter.NetConnectionID) ?? ""}`;
  if (num(net.InterfaceType) === 71 || num(adapter.AdapterTypeId) === 9) return "Wifi";
  if (/wi-?fi|wireless|wlan|802\.11/i.test(names)) return "Wifi";
  const type = real(adapter.AdapterType);
  return type && /^Ethernet/i.test(type) ? "Ethernet" : type;
}

/** NETWORKS: one entry per address (IPv4 and IPv6), or one without address. */
export function windowsNetworks(report: CimReport): SimpleObject[] {
  const configs = new Map(
    instances(report, "NetworkAdapterConfiguration").map((c) => [num(c.Index), c]),
  );
  const netAdapters = new Map(
    instances(report, "NetAdapter").map((n) => [num(n.InterfaceIndex), n]),
  );
  return instances(report, "NetworkAdapter").flatMap((adapter) => {
    const config = configs.get(num(adapter.Index)) ?? {};
    const net = netAdapters.get(num(adapter.InterfaceIndex)) ?? {};
    const type = adapterType(adapter, net);
    const virtual = net.Virtual === true || adapter.PhysicalAdapter === false;
    const gateways = scalars(config.DefaultIPGateway).map(String);
    const base = {
      DESCRIPTION: real(adapter.Name) ?? real(config.Description),
      TYPE: type,
      TYPEMIB: IF_TYPES[num(net.InterfaceType) ?? -1] ??
        (type === "Ethernet" ? "ethernetCsmacd" : type === "Wifi" ? "ieee80211" : undefined),
      SPEED: linkSpeed(speedMbps(adapter.Speed)),
      MACADDR: real(adapter.MACAddress) ?? real(config.MACAddress),
      STATUS: num(adapter.NetConnectionStatus) === 2 ? "Up" : "Down",
      MTU: num(net.MtuSize) ?? num(config.MTU),
      IPDHCP: config.DHCPEnabled === true ? real(config.DHCPServer) : undefined,
      VIRTUALDEV: virtual ? "1" : "0",
    };
    const addresses = positional(config.IPAddress);
    const subnets = positional(config.IPSubnet);
    const entries = addresses.flatMap((address, i) => {
      const subnet = subnets[i] ?? "";
      if (!address) return [];
      if (isIpv4(address)) {
        const length = maskLength(subnet);
        const gateway = gateways.find((g) =>
          isIpv4(g) && (length === undefined || sameIpv4Network(address, g, length))
        );
        return [entry({
          ...base,
          IPADDRESS: address,
          IPMASK: subnet || undefined,
          IPSUBNET: length !== undefined ? ipv4Subnet(address, length) : undefined,
          IPGATEWAY: gateway,
        })];
      }
      if (!expandIpv6(address)) return [];
      // For IPv6 addresses Windows puts the prefix length in IPSubnet.
      const prefix = /^\d+$/.test(subnet) ? Number(subnet) : 64;
      return [entry({
        ...base,
        IPADDRESS: address,
        IPMASK: ipv6Mask(prefix),
        IPSUBNET: ipv6Subnet(address, prefix),
        IPGATEWAY: gateways.find((g) => g.includes(":")),
      })];
    });
    return entries.length > 0 ? entries : [entry(base)];
  });
}
