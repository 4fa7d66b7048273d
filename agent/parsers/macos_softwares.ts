/**
 * macOS SOFTWARES: the application bundles of SPApplicationsDataType (what Finder and the
 * OCS Unix agent's macOS backend list), with the publisher read from the code signature.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, formatDateTime, text } from "./entries.ts";
import { itemsOf, type ProfilerReport, stringList } from "./macos_profiler.ts";

/** `arch_kind` → ARCHITECTURE; all current kinds are 64-bit but the old `arch_i32`. */
const ARCHITECTURES: Record<string, string> = {
  arch_arm: "arm64",
  arch_arm_i64: "arm64 x86_64",
  arch_i64: "x86_64",
  arch_arm_i64_i32: "arm64 x86_64 i386",
  arch_i64_i32: "x86_64 i386",
  arch_i32: "i386",
  arch_ios: "arm64",
};

/**
 * The publisher a signature names: `Developer ID Application: Mozilla Corporation (43AQ936H96)`
 * → `Mozilla Corporation`; Apple's own applications (`obtained_from: apple`) → `Apple Inc.`.
 */
export function publisher(
  signedBy: string[],
  obtainedFrom: string | undefined,
): string | undefined {
  if (obtainedFrom === "apple") return "Apple Inc.";
  const match = signedBy[0]?.match(
    /^(?:Developer ID Application|Apple Development):\s*(.+?)(?:\s*\([A-Z0-9]{10}\))?$/,
  );
  return match?.[1];
}

/** SOFTWARES, one per application bundle; INSTALLDATE is the bundle's modification time. */
export function macSoftwares(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPApplicationsDataType").flatMap((app) => {
    const name = text(app._name);
    if (!name) return [];
    const path = text(app.path);
    const modified = Date.parse(text(app.lastModified) ?? "");
    const arch = text(app.arch_kind);
    return [entry({
      NAME: name,
      VERSION: text(app.version),
      PUBLISHER: publisher(stringList(app.signed_by), text(app.obtained_from)),
      FOLDER: path,
      FILENAME: path?.split("/").at(-1),
      COMMENTS: text(app.info),
      INSTALLDATE: Number.isFinite(modified) ? formatDateTime(modified) : undefined,
      ARCHITECTURE: arch ? ARCHITECTURES[arch] : undefined,
      BITSWIDTH: arch === undefined ? undefined : arch === "arch_i32" ? 32 : 64,
      FROM: "app",
    })];
  });
}
