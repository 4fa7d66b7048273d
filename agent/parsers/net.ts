/**
 * Network facts: interface addresses from `ip -j addr` (or, without `ip`, from
 * `/proc/net/if_inet6` and `/proc/net/fib_trie`), routes from `/proc/net/route` and
 * `/proc/net/ipv6_route`, and the address arithmetic OCS wants (masks, subnets).
 *
 * @module
 */

/** One address of an interface. */
export interface IfAddress {
  family: 4 | 6;
  address: string;
  prefixLength: number;
  /** `global`, `link`, `host`… */
  scope?: string;
}

/** One interface as `ip -j addr` describes it. */
export interface IpInterface {
  name: string;
  mac?: string;
  linkType?: string;
  mtu?: number;
  flags: string[];
  addresses: IfAddress[];
}

/** Parses `ip -j addr` output; anything that is not the expected JSON gives []. */
export function parseIpJson(text: string): IpInterface[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: IpInterface[] = [];
  for (const item of data) {
    if (typeof item !== "object" || item === null || typeof item.ifname !== "string") continue;
    const addresses: IfAddress[] = [];
    for (const a of Array.isArray(item.addr_info) ? item.addr_info : []) {
      if (typeof a?.local !== "string" || typeof a.prefixlen !== "number") continue;
      if (a.family !== "inet" && a.family !== "inet6") continue;
      addresses.push({
        family: a.family === "inet" ? 4 : 6,
        address: a.local,
        prefixLength: a.prefixlen,
        scope: typeof a.scope === "string" ? a.scope : undefined,
      });
    }
    out.push({
      name: item.ifname,
      mac: typeof item.address === "string" ? item.address : undefined,
      linkType: typeof item.link_type === "string" ? item.link_type : undefined,
      mtu: typeof item.mtu === "number" ? item.mtu : undefined,
      flags: Array.isArray(item.flags)
        ? item.flags.filter((f: unknown) => typeof f === "string")
        : [],
      addresses,
    });
  }
  return out;
}

/** `/proc/net/if_inet6`: `address ifindex prefixlen scope flags name`, all hex. */
export function parseIfInet6(text: string): { name: string; address: IfAddress }[] {
  const out: { name: string; address: IfAddress }[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^[0-9a-f]{32}$/i.test(f[0]!)) continue;
    const scope = Number.parseInt(f[3]!, 16);
    out.push({
      name: f[5]!,
      address: {
        family: 6,
        address: compressIpv6(f[0]!.match(/.{4}/g)!.map((g) => Number.parseInt(g, 16))),
        prefixLength: Number.parseInt(f[2]!, 16),
        scope: scope === 0 ? "global" : scope === 0x20 ? "link" : scope === 0x10 ? "host" : "site",
      },
    });
  }
  return out;
}

/** The local IPv4 addresses the kernel routes to itself (`/32 host LOCAL` in fib_trie). */
export function parseFibTrieLocal(text: string): string[] {
  const found = new Set<string>();
  let leaf = "";
  for (const line of text.split("\n")) {
    const l = line.trim();
    if (l.startsWith("|-- ")) leaf = l.slice(4);
    else if (l === "/32 host LOCAL" && isIpv4(leaf)) found.add(leaf);
  }
  return [...found];
}

/** One `/proc/net/route` line. Addresses are dotted quads. */
export interface Route4 {
  iface: string;
  destination: string;
  gateway: string;
  mask: string;
  flags: number;
  metric: number;
}

/** `/proc/net/route`: little-endian hex addresses. */
export function parseRoute(text: string): Route4[] {
  const routes: Route4[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || !/^[0-9A-F]{8}$/i.test(f[1]!) || !/^[0-9A-F]{8}$/i.test(f[7]!)) continue;
    routes.push({
      iface: f[0]!,
      destination: hexLeToIpv4(f[1]!),
      gateway: hexLeToIpv4(f[2]!),
      flags: Number.parseInt(f[3]!, 16),
      metric: Number.parseInt(f[6]!, 10),
      mask: hexLeToIpv4(f[7]!),
    });
  }
  return routes;
}

/** The IPv4 default gateway (lowest metric), or undefined. */
export function defaultGateway4(routes: Route4[]): { gateway: string; iface: string } | undefined {
  const defaults = routes
    .filter((r) => r.destination === "0.0.0.0" && r.mask === "0.0.0.0" && r.flags & 0x2)
    .sort((a, b) => a.metric - b.metric);
  const best = defaults[0];
  return best ? { gateway: best.gateway, iface: best.iface } : undefined;
}

/** The IPv6 default gateway from `/proc/net/ipv6_route`, or undefined. */
export function defaultGateway6(text: string): { gateway: string; iface: string } | undefined {
  let best: { gateway: string; iface: string; metric: number } | undefined;
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^0{32}$/.test(f[0]!) || f[1] !== "00") continue;
    if (!/^[0-9a-f]{32}$/i.test(f[4]!) || /^0{32}$/.test(f[4]!)) continue;
    const metric = Number.parseInt(f[5]!, 16);
    if (!best || metric < best.metric) {
      const groups = f[4]!.match(/.{4}/g)!.map((g) => Number.parseInt(g, 16));
      best = { gateway: compressIpv6(groups), iface: f[9]!, metric };
    }
  }
  return best && { gateway: best.gateway, iface: best.iface };
}

function hexLeToIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].join(".");
}

/** Whether text is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function ipv4ToInt(address: string): number {
  return address.split(".").reduce((n, p) => (n << 8) | Number(p), 0) >>> 0;
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join(".");
}

/** `24` → `255.255.255.0`. */
export function ipv4Mask(prefixLength: number): string {
  const bits = Math.max(0, Math.min(32, prefixLength));
  return intToIpv4(bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
}

/** The network address of an IPv4 address and prefix. */
export function ipv4Subnet(address: string, prefixLength: number): string {
  return intToIpv4((ipv4ToInt(address) & ipv4ToInt(ipv4Mask(prefixLength))) >>> 0);
}

/** Whether two IPv4 addresses share the network of a prefix. */
export function sameIpv4Network(a: string, b: string, prefixLength: number): boolean {
  return isIpv4(a) && isIpv4(b) && ipv4Subnet(a, prefixLength) === ipv4Subnet(b, prefixLength);
}

/** Expands an IPv6 address to its eight 16-bit groups; null when malformed. */
export function expandIpv6(address: string): number[] | null {
  const text = address.split("%")[0]!.toLowerCase();
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const last = (halves.length === 2 ? tail : head).at(-1);
  if (last && isIpv4(last)) {
    const n = ipv4ToInt(last);
    (halves.length === 2 ? tail : head).splice(
      -1,
      1,
      (n >>> 16).toString(16),
      (n & 0xffff).toString(16),
    );
  }
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run (≥2) of zero groups as ::. */
export function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** `64` → `ffff:ffff:ffff:ffff::`. */
export function ipv6Mask(prefixLength: number): string {
  const bits = Math.max(0, Math.min(128, prefixLength));
  const groups = Array.from({ length: 8 }, (_, i) => {
    const n = Math.max(0, Math.min(16, bits - i * 16));
    return n === 0 ? 0 : (0xffff << (16 - n)) & 0xffff;
  });
  return compressIpv6(groups);
}

/** The network address of an IPv6 address and prefix; undefined for a malformed address. */
export function ipv6Subnet(address: string, prefixLength: number): string | undefined {
  const groups = expandIpv6(address);
  const mask = expandIpv6(ipv6Mask(prefixLength));
  if (!groups || !mask) return undefined;
  return compressIpv6(groups.map((g, i) => g & mask[i]!));
}
