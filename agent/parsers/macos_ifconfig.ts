/**
 * BSD `ifconfig -a` as macOS prints it: an unindented `name: flags=…<UP,…> mtu N` line per
 * interface, then indented `ether`, `inet`, `inet6`, `media:` and `status:` lines.
 *
 * @module
 */

/** One address; IPv4 masks are converted to a prefix length. */
export interface IfconfigAddress {
  address: string;
  prefixLength: number;
}

/** One interface. */
export interface IfconfigInterface {
  name: string;
  flags: string[];
  mtu?: number;
  mac?: string;
  /** `active` / `inactive`; absent for interfaces without a link state (lo0, utun). */
  status?: string;
  /** Link speed from the media line (`1000baseT` → 1000), in Mb/s. */
  speedMbps?: number;
  ipv4: IfconfigAddress[];
  ipv6: IfconfigAddress[];
}

/** Parses `ifconfig -a`. Lines it does not know are skipped. */
export function parseIfconfig(text: string): IfconfigInterface[] {
  const out: IfconfigInterface[] = [];
  let current: IfconfigInterface | undefined;
  for (const line of text.split("\n")) {
    const head = line.match(/^([\w.-]+): flags=[0-9a-f]+<([^>]*)>(?:.*\bmtu (\d+))?/i);
    if (head) {
      current = {
        name: head[1]!,
        flags: head[2]!.split(",").filter(Boolean),
        mtu: head[3] ? Number(head[3]) : undefined,
        ipv4: [],
        ipv6: [],
      };
      out.push(current);
      continue;
    }
    if (!current || !/^\s/.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    const [kind, value] = fields;
    if (kind === "ether" && value) current.mac = value.toLowerCase();
    else if (kind === "inet" && value) {
      const mask = fields[fields.indexOf("netmask") + 1];
      current.ipv4.push({ address: value, prefixLength: hexMaskLength(mask) });
    } else if (kind === "inet6" && value) {
      const prefix = Number(fields[fields.indexOf("prefixlen") + 1]);
      current.ipv6.push({
        address: value.split("%")[0]!,
        prefixLength: Number.isFinite(prefix) ? prefix : 64,
      });
    } else if (kind === "status:" && value) current.status = value;
    else if (kind === "media:") {
      const speed = line.match(/\((\d+)(G?)base/);
      if (speed) current.speedMbps = Number(speed[1]) * (speed[2] ? 1000 : 1);
    }
  }
  return out;
}

/** `0xffffff00` → 24. */
function hexMaskLength(mask: string | undefined): number {
  const n = mask && /^0x[0-9a-f]{8}$/i.test(mask) ? Number.parseInt(mask.slice(2), 16) : 0;
  let bits = 0;
  for (let b = 31; b >= 0 && (n >>> b) & 1; b--) bits++;
  return bits;
}
