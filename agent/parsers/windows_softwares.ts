/**
 * Windows SOFTWARES: the Uninstall registry keys of both registry views (native and
 * WOW6432Node) of HKLM and of the loaded user hives, with the fields of the OCS Windows agent:
 * GUID the key name, BITSWIDTH from the view, INSTALLDATE `YYYY/MM/DD`, LANGUAGE the language
 * name, SOURCE 1 (registry).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { type CimReport, instances, real } from "./windows_cim.ts";

/** `20240105` → `2024/01/05`; undefined for anything else (the server would use today). */
export function uninstallDate(value: unknown): string | undefined {
  const match = text(value)?.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return y > 1980 && m >= 1 && m <= 12 && d >= 1 && d <= 31
    ? `${match[1]}/${match[2]}/${match[3]}`
    : undefined;
}

/** The executable of a `DisplayIcon` value (`"C:\…\app.exe",0` → `app.exe`). */
export function iconFile(value: unknown): string | undefined {
  const path = text(value)?.replace(/,\s*-?\d+$/, "").replace(/^"|"$/g, "");
  const name = path?.split("\\").at(-1);
  return name && /\.(exe|dll|ico)$/i.test(name) ? name : undefined;
}

/** SOFTWARES; an entry listed twice (same key, name, version and view) is sent once. */
export function windowsSoftwares(report: CimReport): SimpleObject[] {
  const seen = new Set<string>();
  return instances(report, "Uninstall").flatMap((u) => {
    const name = text(u.DisplayName);
    if (!name) return [];
    const key = JSON.stringify([u.Key, name, u.DisplayVersion, u.Bits, u.Hive]);
    if (seen.has(key)) return [];
    seen.add(key);
    const kb = num(u.EstimatedSize);
    return [entry({
      NAME: name,
      VERSION: text(u.DisplayVersion),
      PUBLISHER: real(u.Publisher),
      FOLDER: real(u.InstallLocation)?.replace(/^"|"$/g, ""),
      COMMENTS: real(u.Comments),
      FILENAME: iconFile(u.DisplayIcon),
      FILESIZE: kb && kb > 0 ? kb * 1024 : undefined,
      GUID: text(u.Key),
      LANGUAGE: real(u.Language),
      INSTALLDATE: uninstallDate(u.InstallDate),
      BITSWIDTH: num(u.Bits),
      SOURCE: 1,
    })];
  });
}
