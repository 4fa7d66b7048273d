/**
 * `/proc/meminfo`: `Key:   value kB` lines.
 *
 * @module
 */

/** Values in kB (as the kernel writes them; unit-less lines such as HugePages_Total as is). */
export function parseMeminfo(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = line.match(/^([A-Za-z0-9_()]+):\s*(\d+)/);
    if (match) values[match[1]!] = Number(match[2]);
  }
  return values;
}

/** MEMORY and SWAP in MB, truncated as the OCS agent's `sprintf("%i", kB / 1024)`. */
export function memoryAndSwapMb(
  values: Record<string, number>,
): { memory?: number; swap?: number } {
  const mb = (kb: number | undefined) => (kb === undefined ? undefined : Math.trunc(kb / 1024));
  return { memory: mb(values.MemTotal), swap: mb(values.SwapTotal) };
}
