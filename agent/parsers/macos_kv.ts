/**
 * The small key/value outputs of macOS tools: `sysctl <names>`, `sw_vers`, `ioreg -rd1 -c
 * IOPlatformExpertDevice`, and `who`.
 *
 * @module
 */

/**
 * `sysctl name…` (without `-n`): `name: value` lines, so values are found by name whatever the
 * order. A line that does not start a new name continues the previous value.
 */
export function parseSysctl(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split("\n")) {
    const match = line.match(/^([a-z][\w.]*):\s?(.*)$/);
    if (match) {
      last = match[1]!;
      values[last] = match[2]!.trim();
    } else if (last && line.trim()) {
      values[last] = `${values[last]}\n${line.trim()}`;
    }
  }
  return values;
}

/** `vm.swapusage` (`total = 2048.00M  used = …`): the total in MB. */
export function swapTotalMb(value: string | undefined): number | undefined {
  const match = value?.match(/total\s*=\s*(\d+(?:[.,]\d+)?)([KMG])/i);
  if (!match) return undefined;
  const n = Number(match[1]!.replace(",", "."));
  const unit = match[2]!.toUpperCase();
  return Math.trunc(unit === "G" ? n * 1024 : unit === "K" ? n / 1024 : n);
}

/** `kern.boottime` (`{ sec = 1717052400, usec = 0 } Thu May 30 …`): epoch seconds. */
export function bootTimeSeconds(value: string | undefined): number | undefined {
  const match = value?.match(/sec\s*=\s*(\d+)/);
  return match ? Number(match[1]) : undefined;
}

/** `sw_vers`: `ProductName:\tmacOS` lines. */
export function parseSwVers(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = line.match(/^\s*(\w+):\s*(.*?)\s*$/);
    if (match && match[2]) values[match[1]!] = match[2];
  }
  return values;
}

/**
 * `ioreg -rd1 -c IOPlatformExpertDevice`: the `"key" = value` properties of the platform
 * device, as text. `<"MacBookPro18,2">` and `"C02…"` give the string; data blobs (`<0200…>`)
 * give their printable ASCII when they hold text, else are left out.
 */
export function parseIoreg(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = line.match(/^\s*"([^"]+)"\s*=\s*(.+?)\s*$/);
    if (!match) continue;
    const value = ioregValue(match[2]!);
    if (value !== undefined) values[match[1]!] = value;
  }
  return values;
}

function ioregValue(raw: string): string | undefined {
  let match = raw.match(/^"(.*)"$/);
  if (match) return match[1];
  match = raw.match(/^<"(.*?)"(?:,.*)?>$/); // <"a","b">: the first string
  if (match) return match[1];
  match = raw.match(/^<([0-9a-f]*)>$/i);
  if (match) {
    const bytes = match[1]!.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
    const trimmed = bytes.slice(0, bytes.indexOf(0) === -1 ? undefined : bytes.indexOf(0));
    const printable = trimmed.length > 0 && trimmed.every((b) => b >= 0x20 && b < 0x7f);
    return printable ? String.fromCharCode(...trimmed) : undefined;
  }
  if (/^(-?\d+|Yes|No)$/.test(raw)) return raw;
  return undefined;
}

/** `who`: the distinct logged-in users, console sessions first. */
export function parseWho(text: string): string[] {
  const rows = text.split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 2 && fields[0]);
  rows.sort((a, b) => Number(b[1] === "console") - Number(a[1] === "console"));
  return [...new Set(rows.map((fields) => fields[0]!))];
}
