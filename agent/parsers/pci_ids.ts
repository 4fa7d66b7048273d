/**
 * Name look-ups in `pci.ids` / `usb.ids` (the databases behind `lspci` and `lsusb`), done lazily:
 * the 1.3 MB text is searched for the few ids a machine has instead of being parsed whole.
 *
 * Format: `vvvv  Vendor` lines, `\tdddd  Device` under them, `\t\t…` subsystems; classes at the
 * end as `C cc  Class`, `\tss  Subclass`, `\t\tpp  Programming interface`.
 *
 * @module
 */

/** A lazily searched ids database. All ids are hex strings, any case. */
export class IdsDatabase {
  readonly #text: string;
  readonly #cache = new Map<string, { start: number; end: number; name: string } | null>();

  constructor(text: string) {
    // Kept as read: prepending the "\n" that lets the first line be found as "\n<id>  " would
    // copy the whole 1.3 MB; #find treats the start of the text as following a newline instead.
    this.#text = text;
  }

  /** The vendor's name, e.g. `8086` → `Intel Corporation`. */
  vendor(vendorId: string): string | undefined {
    return this.#entry(`\n${hex(vendorId, 4)}  `)?.name || undefined;
  }

  /** The device's name under its vendor. */
  device(vendorId: string, deviceId: string): string | undefined {
    const vendor = this.#entry(`\n${hex(vendorId, 4)}  `);
    return vendor ? this.#child(vendor, `\n\t${hex(deviceId, 4)}  `) : undefined;
  }

  /** A class name, e.g. `06` → `Bridge`. */
  className(classId: string): string | undefined {
    return this.#entry(`\nC ${hex(classId, 2)}  `)?.name || undefined;
  }

  /** A subclass name, e.g. `06`,`00` → `Host bridge`. */
  subclassName(classId: string, subclassId: string): string | undefined {
    const entry = this.#entry(`\nC ${hex(classId, 2)}  `);
    return entry ? this.#child(entry, `\n\t${hex(subclassId, 2)}  `) : undefined;
  }

  /** Finds a top-level line and the extent of the block of indented lines under it. */
  #entry(key: string) {
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const text = this.#text;
    const at = this.#find(key);
    let found = null;
    if (at !== null) {
      const lineEnd = lineEndAt(text, at + 1);
      // The block runs while lines are indented, comments or blank: it ends at the first newline
      // followed by anything else. A regex finds it natively; a JS loop over the thousands of
      // lines of a big vendor (Intel) gets hot enough for V8 to start its optimizing compiler,
      // which cost the agent's run 2 MB of peak memory.
      BLOCK_END.lastIndex = lineEnd;
      const end = BLOCK_END.exec(text)?.index ?? text.length;
      found = { start: lineEnd, end, name: text.slice(at + key.length, lineEnd).trim() };
    }
    this.#cache.set(key, found);
    return found;
  }

  /**
   * Where `key` ("\n…") is: the index of its newline, -1 when it opens the text (the newline
   * then sits just before index 0), null when absent.
   */
  #find(key: string): number | null {
    const text = this.#text;
    if (text.startsWith(key.slice(1))) return -1;
    const at = text.indexOf(key);
    return at === -1 ? null : at;
  }

  #child(block: { start: number; end: number }, key: string): string | undefined {
    const text = this.#text;
    const at = text.indexOf(key, block.start);
    if (at === -1 || at >= block.end) return undefined;
    return text.slice(at + key.length, lineEndAt(text, at + 1)).trim() || undefined;
  }
}

/** A newline that does not start an indented, comment or blank line. */
const BLOCK_END = /\n(?![\t#\n])/g;

function lineEndAt(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

/** Normalises `0x8086`, `8086`, `8086\n` to lower-case fixed-width hex. */
function hex(id: string, width: number): string {
  return id.trim().replace(/^0x/i, "").toLowerCase().padStart(width, "0");
}
