/**
 * `inventory agent install` / `uninstall`: writes the planned files (`install_files.ts`) under a
 * root directory (`/` normally, a temporary directory in tests) and a manifest listing them and
 * the directories it had to create, so `uninstall` removes exactly that and nothing else.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { dirname, join } from "node:path";
import {
  type InitSystem,
  type InstallPlan,
  type InstallPlatform,
  type InstallSettings,
  planInstall,
} from "./install_files.ts";
import { writeAtomic } from "./state.ts";

/** The manifest kept beside the config. */
export interface InstallManifest {
  platform: InstallPlatform;
  init?: InitSystem;
  /** Target paths written (the manifest itself excluded). */
  files: string[];
  /** Target directories created, deepest last. */
  dirs: string[];
  /** Commands to run before removing (disable the timer…). */
  disable: string[];
}

/** Where each platform keeps the manifest (uninstall looks in each). */
const MANIFEST_PATHS = [
  "/etc/inventory-agent/install-manifest.json",
  "/ProgramData/inventory-agent/install-manifest.json",
];

/** Linux: systemd when it runs (`/run/systemd/system` exists, as `sd_booted()` checks), else cron. */
export function detectInit(root: string): InitSystem {
  try {
    return Deno.statSync(join(root, "run/systemd/system")).isDirectory ? "systemd" : "cron";
  } catch {
    return "cron";
  }
}

/**
 * Writes the files of `settings` under `root` and the manifest. Re-installing over a previous
 * install keeps its list, so uninstall still removes everything.
 *
 * @returns the plan (its `enable` commands are for the caller to print)
 */
export function install(root: string, settings: InstallSettings): InstallPlan {
  const plan = planInstall(settings);
  const previous = readManifest(root);
  const dirs = previous?.dirs ?? [];
  for (const file of plan.files) {
    createDirs(root, dirname(file.path), dirs);
    const target = join(root, file.path);
    const bytes = file.utf16
      ? new Uint8Array(Buffer.from("\ufeff" + file.content, "utf16le"))
      : new TextEncoder().encode(file.content);
    writeAtomic(target, bytes);
    if (Deno.build.os !== "windows") Deno.chmodSync(target, file.mode ?? 0o644);
  }
  const manifest: InstallManifest = {
    platform: plan.platform,
    ...(plan.init ? { init: plan.init } : {}),
    files: [...new Set([...(previous?.files ?? []), ...plan.files.map((f) => f.path)])],
    dirs,
    disable: plan.disable,
  };
  createDirs(root, dirname(plan.manifestPath), dirs);
  writeAtomic(join(root, plan.manifestPath), JSON.stringify(manifest, null, 2) + "\n");
  return plan;
}

/**
 * Removes what the manifest lists: the files, the manifest, then the directories install
 * created, when empty. Files already gone are skipped.
 *
 * @returns the manifest (its `disable` commands are for the caller to print), or null when
 * nothing is installed under `root`
 */
export function uninstall(root: string): (InstallManifest & { removed: string[] }) | null {
  const manifestPath = MANIFEST_PATHS.find((p) => exists(join(root, p)));
  const manifest = readManifest(root);
  if (!manifest || !manifestPath) return null;
  const removed: string[] = [];
  for (const path of [...manifest.files, manifestPath]) {
    try {
      Deno.removeSync(join(root, path));
      removed.push(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  for (const dir of [...manifest.dirs].reverse()) {
    try {
      Deno.removeSync(join(root, dir)); // fails when not empty: someone else's files stay
      removed.push(dir + "/");
    } catch { /* not empty or gone */ }
  }
  return { ...manifest, removed };
}

/** The manifest under `root`, or null. */
export function readManifest(root: string): InstallManifest | null {
  for (const path of MANIFEST_PATHS) {
    try {
      return JSON.parse(Deno.readTextFileSync(join(root, path))) as InstallManifest;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw new Error(`Cannot read the install manifest ${path}: ${(error as Error).message}`);
    }
  }
  return null;
}

/** Creates `dir` (a target path) under `root`, noting each directory it had to create. */
function createDirs(root: string, dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = dir; d !== "/" && d !== "." && !exists(join(root, d)); d = dirname(d)) {
    missing.unshift(d);
  }
  for (const d of missing) {
    Deno.mkdirSync(join(root, d));
    if (!created.includes(d)) created.push(d);
  }
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
