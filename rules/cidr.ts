/**
 * IPv4 and IPv6 addresses and CIDR blocks for the `in_cidr` / `not_in_cidr` operators.
 * Addresses are held as bigints so both families share one containment test.
 *
 * @module
 */

import { RulePatternError } from "./errors.ts";

/** One parsed address. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is read as the IPv4 address. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A parsed CIDR block; `network` is aligned to the prefix (`10.1.2.3/8` is `10.0.0.0/8`). */
export interface Cidr {
  readonly text: string;
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
  readonly bits: number;
}

const WIDTH = { 4: 32, 6: 128 } as const;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const MAPPED_PREFIX = 0xffffn << 32n;

function parseIpv4(text: string): bigint | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function groupsOf(text: string): string[] {
  return text === "" ? [] : text.split(":");
}

function parseIpv6(input: string): bigint | null {
  // A zone (`fe80::1%eth0`) does not change the address.
  const zone = input.indexOf("%");
  let text = zone >= 0 ? input.slice(0, zone) : input;
  let tail: bigint | null = null;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === null) return null;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  let value = 0n;
  for (const group of groups) {
    if (!HEX_GROUP.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== null) value = (value & ~0xffffffffn) | tail;
  return value;
}

/** Parses an address as written, without reading IPv4-mapped IPv6 as IPv4. */
function parseIpAsWritten(text: string): IpAddress | null {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4 !== null) return { version: 4, value: v4 };
  if (!trimmed.includes(":")) return null;
  const v6 = parseIpv6(trimmed);
  return v6 === null ? null : { version: 6, value: v6 };
}

/** Parses an IPv4 or IPv6 address; null when `text` is neither. */
export function parseIp(text: string): IpAddress | null {
  const ip = parseIpAsWritten(text);
  if (ip?.version === 6 && ip.value >> 32n === 0xffffn) {
    return { version: 4, value: ip.value & 0xffffffffn };
  }
  return ip;
}

/** Parses `a.b.c.d/n` or `x:y::z/n`; throws {@linkcode RulePatternError} saying what is wrong. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const quoted = JSON.stringify(text);
  if (slash < 0) {
    throw new RulePatternError(`CIDR ${quoted} needs a prefix length, like 10.0.0.0/8`);
  }
  const address = parseIpAsWritten(text.slice(0, slash));
  if (!address) {
    throw new RulePatternError(`CIDR ${quoted} does not start with an IPv4 or IPv6 address`);
  }
  const width = WIDTH[address.version];
  const prefix = text.slice(slash + 1).trim();
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= width)) {
    throw new RulePatternError(
      `CIDR ${quoted} has prefix length ${JSON.stringify(prefix)}; expected 0 to ${width}`,
    );
  }
  const all = (1n << BigInt(width)) - 1n;
  const mask = (all << BigInt(width - bits)) & all;
  return { text, version: address.version, network: address.value & mask, mask, bits };
}

/**
 * Whether `value` (an address, or a network written `address/n`) lies inside `cidr`.
 * Null when `value` is not an address. An IPv4 value is compared with an IPv6 block as `::ffff:a.b.c.d`.
 */
export function cidrContains(cidr: Cidr, value: string): boolean | null {
  const slash = value.indexOf("/");
  const ip = parseIp(slash >= 0 ? value.slice(0, slash) : value);
  if (!ip) return null;
  if (slash >= 0) {
    const bits = Number(value.slice(slash + 1));
    if (!Number.isInteger(bits) || bits < 0 || bits > WIDTH[ip.version]) return null;
    // A network is inside the block only when it is no wider than the block.
    if (ip.version === cidr.version && bits < cidr.bits) return false;
  }
  let address = ip.value;
  if (ip.version !== cidr.version) {
    if (ip.version === 6) return false;
    address = MAPPED_PREFIX | address;
  }
  return (address & cidr.mask) === cidr.network;
}
