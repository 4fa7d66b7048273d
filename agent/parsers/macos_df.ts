/**
 * `df -kP` (POSIX format, 1024-byte blocks): one filesystem a line, six columns. The
 * filesystem and the mount point may contain spaces (`map auto_home`, `/Volumes/My Disk`), so
 * the numeric columns anchor the parse.
 *
 * @module
 */

import { ToolOutputError } from "./entries.ts";

/** One mounted filesystem. Sizes in KiB. */
export interface DfEntry {
  filesystem: string;
  totalKb: number;
  usedKb: number;
  availableKb: number;
  mountPoint: string;
}

const ROW = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(?:\d+%|-)\s+(\/.*)$/;

/**
 * Parses `df -kP`.
 *
 * @throws {ToolOutputError} when the header is missing (not df output)
 */
export function parseDf(text: string): DfEntry[] {
  const lines = text.split("\n").filter((l) => l.trim());
  if (lines.length === 0) return [];
  if (!/^Filesystem\s/.test(lines[0]!)) throw new ToolOutputError("df: no header line");
  return lines.slice(1).flatMap((line) => {
    const m = line.match(ROW);
    if (!m) return [];
    return [{
      filesystem: m[1]!,
      totalKb: Number(m[2]),
      usedKb: Number(m[3]),
      availableKb: Number(m[4]),
      mountPoint: m[5]!,
    }];
  });
}
