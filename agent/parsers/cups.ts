/**
 * CUPS printers: `/etc/cups/printers.conf` (root-readable), or `lpstat -v` when it is not.
 *
 * @module
 */

/** One print queue. */
export interface CupsPrinter {
  name: string;
  /** The queue's description (`Info`). */
  description?: string;
  /** The device URI (`ipp://…`, `usb://…`). */
  uri?: string;
  /** The driver (`MakeModel`). */
  makeModel?: string;
  shared?: boolean;
}

/** Parses printers.conf `<Printer name>` / `<DefaultPrinter name>` blocks. */
export function parsePrintersConf(text: string): CupsPrinter[] {
  const printers: CupsPrinter[] = [];
  let current: CupsPrinter | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const open = line.match(/^<(?:Default)?Printer\s+(.+)>$/);
    if (open) {
      current = { name: open[1]!.trim() };
      continue;
    }
    if (/^<\/(?:Default)?Printer>$/.test(line)) {
      if (current) printers.push(current);
      current = null;
      continue;
    }
    if (!current) continue;
    const space = line.indexOf(" ");
    if (space === -1) continue;
    const key = line.slice(0, space);
    const value = line.slice(space + 1).trim();
    if (key === "Info") current.description = value || undefined;
    else if (key === "DeviceURI") current.uri = value;
    else if (key === "MakeModel") current.makeModel = value;
    else if (key === "Shared") current.shared = /^(yes|on|true)$/i.test(value);
  }
  return printers;
}

/** Parses `LC_ALL=C lpstat -v`: `device for NAME: URI` lines. */
export function parseLpstatDevices(text: string): CupsPrinter[] {
  const printers: CupsPrinter[] = [];
  for (const line of text.split("\n")) {
    const match = line.match(/^device for ([^:\s]+):\s*(\S.*)$/);
    if (match) printers.push({ name: match[1]!, uri: match[2]!.trim() });
  }
  return printers;
}
