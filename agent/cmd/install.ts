/**
 * `inventory agent install` and `uninstall`: the CLI side of `agent/install.ts`. Files are
 * written under `--root` (default `/`); registering them with the OS (systemctl, launchctl,
 * schtasks) is printed, not run, so the command is the same on every platform and in tests.
 *
 * @module
 */

import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, EXIT, type OptionDoc, print } from "../../cli/command.ts";
import { type AgentFlags, type AgentSettings, ConfigError, resolveSettings } from "../config.ts";
import { detectInit, install, uninstall } from "../install.ts";
import type { InitSystem, InstallPlatform } from "../install_files.ts";

/** Options only `install`/`uninstall` use. */
export const INSTALL_OPTIONS: OptionDoc[] = [
  { flag: "root", type: "string", value: "DIR", help: "install/uninstall: under DIR instead of /" },
  {
    flag: "init",
    type: "string",
    value: "systemd|cron",
    help: "install on Linux: scheduler (default: systemd when running)",
  },
  {
    flag: "platform",
    type: "string",
    value: "linux|darwin|windows",
    help: "install: target OS (default this one)",
  },
  {
    flag: "exec",
    type: "string",
    value: "PATH",
    help: "install: the inventory program to schedule (default: this one)",
  },
];

type Values = Record<string, unknown>;
/** Runs the agent with `values` (flags, plus `config` pointing at a file). */
type Runner = (values: Values) => Promise<number>;

/** `inventory agent install`; with `--now` runs the agent once with the written config. */
export async function runInstall(values: Values, runAgent: Runner): Promise<number> {
  if (typeof values.server !== "string") {
    throw new CliError("install needs --server URL", EXIT.usage);
  }
  const root = typeof values.root === "string" ? values.root : "/";
  if (!isDirectory(root)) throw new CliError(`--root ${root} is not a directory`, EXIT.usage);
  const platform = pickPlatform(values.platform);
  const init = platform === "linux" ? pickInit(values.init, root) : undefined;
  // Checked like a run's settings, so a bad value fails now, not at 3 a.m.
  let settings: AgentSettings;
  try {
    settings = resolveSettings({}, values as AgentFlags);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.config);
    throw error;
  }
  const config: Record<string, string> = { server: settings.server! };
  for (const key of ["tag", "user", "password", "realm", "ca", "ssl"] as const) {
    const value = values[key];
    if (typeof value === "string") config[key] = value;
  }
  let plan;
  try {
    plan = install(root, {
      platform,
      ...(init ? { init } : {}),
      config,
      command: typeof values.exec === "string" ? [values.exec] : selfCommand(),
    });
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new CliError(
        `${(error as Error).message}: run as root, or use --root DIR`,
        EXIT.failure,
      );
    }
    throw error;
  }
  if (values.json) {
    print(JSON.stringify({ files: plan.files.map((f) => f.path), enable: plan.enable }, null, 2));
  } else {
    print(`Installed under ${root}:\n${plan.files.map((f) => `  ${f.path}`).join("\n")}`);
    if (plan.enable.length > 0) {
      print(`To activate, run:\n${plan.enable.map((c) => `  ${c}`).join("\n")}`);
    }
  }
  if (!values.now) return EXIT.ok;
  const written = plan.files.find((f) => f.path.endsWith("/agent.cfg"))!.path;
  return await runAgent({ ...values, config: join(root, written) });
}

/** `inventory agent uninstall`: removes what the manifest under `--root` lists. */
export function runUninstall(values: Values): Promise<number> {
  const root = typeof values.root === "string" ? values.root : "/";
  const result = uninstall(root);
  if (!result) {
    throw new CliError(`Nothing installed under ${root} (no install manifest)`, EXIT.failure);
  }
  if (values.json) {
    print(JSON.stringify({ removed: result.removed, disable: result.disable }, null, 2));
  } else {
    if (result.disable.length > 0) {
      print(`First stop the schedule:\n${result.disable.map((c) => `  ${c}`).join("\n")}`);
    }
    print(`Removed under ${root}:\n${result.removed.map((p) => `  ${p}`).join("\n")}`);
  }
  return Promise.resolve(EXIT.ok);
}

/** How to start this same program: the compiled binary, or deno running this entry point. */
function selfCommand(): string[] {
  const exec = Deno.execPath();
  if (!/^deno(\.exe)?$/i.test(basename(exec))) return [exec];
  return [exec, "run", "--allow-all", fileURLToPath(Deno.mainModule)];
}

function pickPlatform(value: unknown): InstallPlatform {
  const platform = value ?? Deno.build.os;
  if (platform === "linux" || platform === "darwin" || platform === "windows") return platform;
  throw new CliError(`--platform must be linux, darwin or windows, not "${platform}"`, EXIT.usage);
}

function pickInit(value: unknown, root: string): InitSystem {
  if (value === undefined) return detectInit(root);
  if (value === "systemd" || value === "cron") return value;
  throw new CliError(`--init must be systemd or cron, not "${value}"`, EXIT.usage);
}

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}
