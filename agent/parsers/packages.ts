/**
 * Package lists other than dpkg: rpm (with our own query format), snap and flatpak.
 *
 * @module
 */

/** A package from any of these managers; sizes in bytes, install time in epoch seconds. */
export interface OtherPackage {
  name: string;
  version: string;
  architecture?: string;
  installTime?: number;
  sizeBytes?: number;
  publisher?: string;
  summary?: string;
  url?: string;
}

/** The `rpm -qa --queryformat` argument {@link parseRpmQuery} reads: one line per package. */
export const RPM_QUERY_FORMAT =
  "%{NAME}\\t%{ARCH}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\t%{SIZE}\\t%{VENDOR}\\t%{SUMMARY}\\t%{URL}\\n";

/** Parses rpm output in {@link RPM_QUERY_FORMAT}; rpm prints `(none)` for missing values. */
export function parseRpmQuery(text: string): OtherPackage[] {
  const value = (v: string | undefined) => (v && v !== "(none)" ? v : undefined);
  const packages: OtherPackage[] = [];
  for (const line of text.split("\n")) {
    const f = line.split("\t");
    if (f.length < 8 || !f[0] || !f[2]) continue;
    const time = Number(f[3]);
    const size = Number(f[4]);
    packages.push({
      name: f[0],
      version: f[2],
      architecture: value(f[1]),
      installTime: Number.isFinite(time) && time > 0 ? time : undefined,
      sizeBytes: Number.isFinite(size) ? size : undefined,
      publisher: value(f[5]),
      summary: value(f[6]),
      url: value(f[7]),
    });
  }
  return packages;
}

/** Parses `snap list` (`Name Version Rev Tracking Publisher Notes`, header first). */
export function parseSnapList(text: string): OtherPackage[] {
  const lines = text.split("\n");
  if (!/^Name\s+Version/.test(lines[0] ?? "")) return [];
  const packages: OtherPackage[] = [];
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    // Verified publishers carry a mark (✓, ✪, **).
    packages.push({
      name: f[0]!,
      version: f[1]!,
      publisher: f[4]!.replace(/[✓✪*]+$/u, "") || undefined,
    });
  }
  return packages;
}

/** The `flatpak list --columns=` argument {@link parseFlatpakList} reads (tab-separated). */
export const FLATPAK_COLUMNS = "application,version,arch,origin,name";

/** Parses `flatpak list --columns=application,version,arch,origin,name`. */
export function parseFlatpakList(text: string): OtherPackage[] {
  const packages: OtherPackage[] = [];
  for (const line of text.split("\n")) {
    const f = line.split("\t");
    if (f.length < 5 || !f[0] || !/\./.test(f[0])) continue;
    packages.push({
      name: f[0],
      version: f[1] || "",
      architecture: f[2] || undefined,
      publisher: f[3] || undefined,
      summary: f[4] || undefined,
    });
  }
  return packages;
}
