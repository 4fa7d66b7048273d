/**
 * The collector interface: each collector produces one inventory section from the machine.
 * Collectors read through a {@link Probe} so tests can point them at a recorded file tree and
 * recorded command outputs instead of the live machine.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";

/** What a collector may use to look at the machine. Paths are absolute, as on the machine. */
export interface Probe {
  /** Reads a text file; null when it does not exist or cannot be read. */
  readText(path: string): Promise<string | null>;
  /** Reads a binary file (EDID, SMBIOS tables); null when absent or unreadable. */
  readBytes(path: string): Promise<Uint8Array | null>;
  /** Lists a directory's entry names; [] when absent. */
  list(path: string): Promise<string[]>;
  /** Follows a symlink; null when not a link. */
  readLink(path: string): Promise<string | null>;
  /** Runs a command with a timeout; null when missing, failed or timed out (the reason is logged). */
  run(command: string, args: string[], options?: { timeoutMs?: number }): Promise<string | null>;
  /** Metadata of a path (follows symlinks); null when it does not exist or cannot be read. */
  stat(path: string): Promise<FileInfo | null>;
  /** Filesystem size and free space of a mount point, in bytes; null when unknown. */
  statfs(path: string): Promise<{ total: number; free: number } | null>;
  /** Notes what failed and why, for `--debug`. */
  debug(message: string): void;
}

/** What {@link Probe.stat} tells about a path. Times are epoch milliseconds, null when unknown. */
export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number | null;
  /** Creation time; null when the filesystem or kernel does not report it. */
  birthtimeMs: number | null;
}

/** One section's entries: a single object, or an array for repeated sections. */
export type CollectedSection = SimpleObject | SimpleObject[];

/** A collector of one section. Throwing is allowed: the runner records it and goes on. */
export interface Collector {
  section: string;
  collect(probe: Probe): Promise<CollectedSection | null>;
}
