/**
 * The console's languages and how a request picks one: the user's preference, else the
 * browser's `Accept-Language`, else English. Pure: no I/O, no server import.
 *
 * @module
 */

/** Every language the console speaks. */
export const LOCALES = ["en", "fr"] as const;

/** One console language. */
export type Locale = typeof LOCALES[number];

/** True when `value` names a console language. */
export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/**
 * The best console language for an `Accept-Language` header (`fr-CA,fr;q=0.9,en;q=0.8`):
 * the highest-weighted range whose primary subtag is one we speak; `*` and unknown ones skip.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header.split(",").map((part, order) => {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return { primary: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1, order };
  }).filter((r) => r.q > 0 && isLocale(r.primary));
  ranges.sort((a, b) => b.q - a.q || a.order - b.order);
  const best = ranges[0]?.primary;
  return isLocale(best) ? best : null;
}

/** True when `zone` is an IANA time zone this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone === "" || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The machine's time zone (the default for users who chose none). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
