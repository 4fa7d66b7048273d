/**
 * `/var/lib/dpkg/status`: the package database `dpkg-query` reads. Parsing it directly replaces
 * the OCS agent's `dpkg-query --show` (one file read instead of a process).
 *
 * @module
 */

/** One installed package, with the fields the inventory needs. */
export interface DpkgPackage {
  /** The name as `${binary:Package}` prints it: `libc6:amd64` for Multi-Arch: same packages. */
  name: string;
  package: string;
  version: string;
  architecture: string;
  /** `Installed-Size` in KiB (0 when absent). */
  installedSizeKib: number;
  homepage?: string;
  /** The synopsis (first line of `Description`). */
  summary?: string;
  multiArch?: string;
}

/**
 * Package states that count as installed: the third word of `Status` is `installed`, or the
 * package is installed with triggers still pending (dpkg's own "installed" for most purposes).
 * The want flag does not matter (`hold`, `deinstall` packages are still on disk), as for the OCS
 * agent, which keeps every status containing ` installed`.
 */
const INSTALLED_STATES = new Set(["installed", "triggers-pending", "triggers-awaited"]);

/**
 * Parses the status file and returns installed packages in file order. Stanzas without a
 * package name or version, or with another status, are skipped; garbage yields [].
 *
 * @param nativeArch dpkg's native architecture, to qualify foreign packages as dpkg does;
 *   by default the architecture of the `dpkg` package itself
 */
export function parseDpkgStatus(text: string, nativeArch?: string): DpkgPackage[] {
  const packages: DpkgPackage[] = [];
  let native = nativeArch;
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = stanzaFields(stanza);
    const name = fields.Package;
    const version = fields.Version;
    const state = fields.Status?.split(/\s+/)[2];
    if (!name || !version || !state || !INSTALLED_STATES.has(state)) continue;
    const architecture = fields.Architecture ?? "";
    if (name === "dpkg" && native === undefined) native = architecture;
    packages.push({
      name,
      package: name,
      version,
      architecture,
      installedSizeKib: Number.parseInt(fields["Installed-Size"] ?? "", 10) || 0,
      homepage: fields.Homepage || undefined,
      summary: fields.Description || undefined,
      multiArch: fields["Multi-Arch"] || undefined,
    });
  }
  for (const p of packages) p.name = binaryPackageName(p, native);
  return packages;
}

/**
 * `${binary:Package}`: the name, qualified with `:arch` when Multi-Arch is `same`, or when the
 * package is of a foreign architecture (neither native nor `all`).
 */
export function binaryPackageName(
  p: Pick<DpkgPackage, "package" | "architecture" | "multiArch">,
  nativeArch?: string,
): string {
  const arch = p.architecture;
  if (!arch) return p.package;
  if (p.multiArch === "same") return `${p.package}:${arch}`;
  if (arch !== "all" && nativeArch && arch !== nativeArch) return `${p.package}:${arch}`;
  return p.package;
}

/** Top-level `Key: value` fields of a stanza; continuation lines are dropped (we need none). */
function stanzaFields(stanza: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let start = 0;
  while (start < stanza.length) {
    let end = stanza.indexOf("\n", start);
    if (end === -1) end = stanza.length;
    const first = stanza.charCodeAt(start);
    // Continuation lines start with a space or tab.
    if (first !== 0x20 && first !== 0x09) {
      const colon = stanza.indexOf(":", start);
      if (colon !== -1 && colon < end) {
        fields[stanza.slice(start, colon)] = stanza.slice(colon + 1, end).trim();
      }
    }
    start = end + 1;
  }
  return fields;
}
