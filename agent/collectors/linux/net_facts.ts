/**
 * Interface addresses and default gateways, computed once per probe for NETWORKS and HARDWARE.
 * Addresses come from one `ip -j addr` (exact); without `ip`, IPv6 from `/proc/net/if_inet6` and
 * IPv4 from the kernel's local routes (`/proc/net/fib_trie`) matched to interfaces through the
 * connected routes of `/proc/net/route`.
 *
 * @module
 */

import {
  defaultGateway4,
  defaultGateway6,
  type IfAddress,
  ipv4Subnet,
  isIpv4,
  parseFibTrieLocal,
  parseIfInet6,
  parseIpJson,
  parseRoute,
} from "../../parsers/net.ts";
import { perProbe } from "./common.ts";

/** Addresses per interface name, and the default gateways. */
export interface NetFacts {
  addresses: Map<string, IfAddress[]>;
  gateway4?: { gateway: string; iface: string };
  gateway6?: { gateway: string; iface: string };
}

/** Reads the machine's addresses and gateways (one command at most). */
export const netFacts = perProbe(async (probe): Promise<NetFacts> => {
  const [ipJson, routeText, route6Text] = await Promise.all([
    probe.run("ip", ["-j", "addr"], { timeoutMs: 3000 }),
    probe.readText("/proc/net/route"),
    probe.readText("/proc/net/ipv6_route"),
  ]);
  const routes = parseRoute(routeText ?? "");
  const addresses = new Map<string, IfAddress[]>();
  const add = (name: string, address: IfAddress) => {
    const list = addresses.get(name);
    if (list) list.push(address);
    else addresses.set(name, [address]);
  };
  const interfaces = ipJson ? parseIpJson(ipJson) : [];
  if (interfaces.length > 0) {
    for (const i of interfaces) for (const a of i.addresses) add(i.name, a);
  } else {
    const [inet6, trie] = await Promise.all([
      probe.readText("/proc/net/if_inet6"),
      probe.readText("/proc/net/fib_trie"),
    ]);
    for (const local of parseFibTrieLocal(trie ?? "")) {
      const route = connectedRoute(routes, local);
      if (route) add(route.iface, { family: 4, address: local, prefixLength: route.prefix });
      else if (local.startsWith("127.")) add("lo", { family: 4, address: local, prefixLength: 8 });
    }
    for (const { name, address } of parseIfInet6(inet6 ?? "")) add(name, address);
  }
  return {
    addresses,
    gateway4: defaultGateway4(routes),
    gateway6: defaultGateway6(route6Text ?? ""),
  };
});

/** The most specific non-gateway route containing an address. */
function connectedRoute(routes: ReturnType<typeof parseRoute>, address: string) {
  let best: { iface: string; prefix: number } | undefined;
  for (const r of routes) {
    if (r.flags & 0x2 || !isIpv4(r.mask)) continue;
    const prefix = r.mask.split(".").reduce((n, p) => n + popcount(Number(p)), 0);
    if (prefix === 0 || ipv4Subnet(address, prefix) !== r.destination) continue;
    if (!best || prefix > best.prefix) best = { iface: r.iface, prefix };
  }
  return best;
}

function popcount(n: number): number {
  let count = 0;
  for (let x = n; x; x >>= 1) count += x & 1;
  return count;
}
