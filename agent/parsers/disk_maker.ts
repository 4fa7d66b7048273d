/**
 * The maker of a disk, from the start of its model string, for tools that report the model but
 * not the maker (macOS system_profiler, Windows CIM's "(Standard disk drives)").
 *
 * @module
 */

const MAKERS: [RegExp, string][] = [
  [/^APPLE\b/i, "Apple"],
  [/^Samsung\b/i, "Samsung"],
  [/^(WDC|WD)\b/i, "Western Digital"],
  [/^ST\d/i, "Seagate"],
  [/^TOSHIBA\b/i, "Toshiba"],
  [/^(Crucial|CT\d)/i, "Crucial"],
  [/^KINGSTON\b/i, "Kingston"],
  [/^SanDisk\b/i, "SanDisk"],
  [/^INTEL\b/i, "Intel"],
  [/^(SK ?hynix|HFS)/i, "SK hynix"],
  [/^Micron\b/i, "Micron"],
];

/** The maker named by the start of `model`, or undefined. */
export function diskMaker(model: string | undefined): string | undefined {
  return model ? MAKERS.find(([re]) => re.test(model))?.[1] : undefined;
}
