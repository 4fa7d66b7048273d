/**
 * The agent's state directory, laid out like the OCS Unix agent's (`ocs-protocol.md` §6.1) so an
 * administrator finds the same files: one subdirectory per server (the URL with `/` → `_`,
 * `__LOCAL__` for runs without a server) holding
 *
 * | file | content |
 * | --- | --- |
 * | `ocsinv.conf` | `<CONF><DEVICEID>…</DEVICEID><PROLOG_FREQ>…</PROLOG_FREQ></CONF>` |
 * | `ocsinv.adm` | `<ADM><ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>…</KEYVALUE></ACCOUNTINFO>…</ADM>` |
 * | `last_state` | `<LAST_STATE><HARDWARE>hash</HARDWARE>…</LAST_STATE>`, one hash per section |
 *
 * Every write goes to a temporary file renamed over the old one, so a crash or a full disk
 * never leaves a half-written DEVICEID (which would make the server see a new machine).
 *
 * @module
 */

import { dirname, join } from "node:path";
import {
  accountInfoEntries,
  AGENT_XML_DECLARATION,
  makeDeviceId,
  parseXml,
  type SimpleValue,
  simpleValue,
  writeElement,
  type XmlElement,
} from "../protocol/mod.ts";

/** The state subdirectory name for runs without a server (`--local`, `--stdout`). */
export const LOCAL_DIR_NAME = "__LOCAL__";

/** Hours between contacts before a server has told us (the OCS server's shipped default). */
export const DEFAULT_PROLOG_FREQ = 24;

/**
 * The state directory for `server` under `root`: the OCS agent's naming (`/` → `_`); on Windows
 * `:` too, which its file names cannot hold.
 */
export function stateDirFor(root: string, server: string | null, os = Deno.build.os): string {
  if (server === null) return join(root, LOCAL_DIR_NAME);
  const name = server.replaceAll("/", "_");
  return join(root, os === "windows" ? name.replaceAll(":", "_") : name);
}

/**
 * The default state root: `/var/lib/inventory-agent` for root, else `~/.inventory-agent`
 * (the OCS agent's `/var/lib/ocsinventory-agent` and `~/.ocsinventory/var`, renamed so the two
 * agents never share a DEVICEID by accident).
 */
export function defaultStateRoot(): string {
  if (Deno.build.os === "windows") {
    return join(Deno.env.get("ProgramData") ?? "C:\\ProgramData", "inventory-agent");
  }
  if (Deno.uid() === 0) return "/var/lib/inventory-agent";
  return join(Deno.env.get("HOME") ?? ".", ".inventory-agent");
}

/** Everything the agent keeps between runs for one server. */
export interface AgentState {
  dir: string;
  deviceId: string;
  /** Hours between contacts, as the server last said. */
  prologFreq: number;
  /** ACCOUNTINFO as KEYNAME → KEYVALUE (TAG and admin fields). */
  accountInfo: Record<string, string>;
  /** Section → hash of what the server last accepted; null when never (or unreadable). */
  lastState: Record<string, string> | null;
  /** True when the DEVICEID was just made (first run, or the hostname changed). */
  newDeviceId: boolean;
  /** Files that existed but could not be read; they are treated as absent. */
  warnings: string[];
}

/**
 * Loads (or starts) the state in `dir` for a machine called `hostname`. A DEVICEID that does
 * not belong to this hostname is replaced, as the OCS agent does: a renamed machine is a new
 * device. Nothing is written here; see {@link saveConfig}.
 */
export function loadState(dir: string, hostname: string, now: Date = new Date()): AgentState {
  const warnings: string[] = [];
  const read = (name: string): XmlElement | null => {
    let text: string;
    try {
      text = Deno.readTextFileSync(join(dir, name));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) warnings.push(`${name}: ${errorText(error)}`);
      return null;
    }
    try {
      return parseXml(text);
    } catch (error) {
      warnings.push(`${name}: ${errorText(error)}`);
      return null;
    }
  };
  const conf = fields(read("ocsinv.conf"));
  const host = hostname.split(".")[0] || "unknown";
  const stored = typeof conf.DEVICEID === "string" ? conf.DEVICEID : "";
  const newDeviceId = !deviceIdBelongsTo(stored, host);
  const freq = Number(conf.PROLOG_FREQ);
  const lastState = readLastState(read("last_state"));
  return {
    dir,
    deviceId: newDeviceId ? makeDeviceId(host, now) : stored,
    prologFreq: Number.isFinite(freq) && freq > 0 ? freq : DEFAULT_PROLOG_FREQ,
    accountInfo: readAccountInfo(read("ocsinv.adm")),
    // A new DEVICEID is a new device for the server: every section must go.
    lastState: newDeviceId ? null : lastState,
    newDeviceId,
    warnings,
  };
}

/** Writes `ocsinv.conf` (DEVICEID and PROLOG_FREQ). */
export function saveConfig(state: Pick<AgentState, "dir" | "deviceId" | "prologFreq">): void {
  writeAtomic(
    join(state.dir, "ocsinv.conf"),
    writeElement("CONF", { DEVICEID: state.deviceId, PROLOG_FREQ: String(state.prologFreq) }),
  );
}

/** Writes `ocsinv.adm` (ACCOUNTINFO), replacing what was there, as ACCOUNT_UPDATE does. */
export function saveAccountInfo(dir: string, info: Record<string, string>): void {
  const entries = accountInfoEntries(info);
  writeAtomic(
    join(dir, "ocsinv.adm"),
    AGENT_XML_DECLARATION +
      (entries.length === 0 ? "<ADM>\n</ADM>\n" : writeElement("ADM", { ACCOUNTINFO: entries })),
  );
}

/** Writes `last_state` (section → hash). Call only once the server accepted the inventory. */
export function saveLastState(dir: string, hashes: Record<string, string>): void {
  writeAtomic(join(dir, "last_state"), writeElement("LAST_STATE", { ...hashes }));
}

/**
 * Writes `text` to `path` through a temporary file in the same directory and a rename, so
 * readers see the old file or the new one, never a part. Creates the directory.
 */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  Deno.mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    if (typeof text === "string") Deno.writeTextFileSync(temp, text);
    else Deno.writeFileSync(temp, text);
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch { /* never created */ }
    throw error;
  }
}

/** True when `deviceId` is `<host>-YYYY-MM-DD-HH-MM-SS` for this `host`. */
function deviceIdBelongsTo(deviceId: string, host: string): boolean {
  return deviceId.startsWith(host + "-") &&
    /^-\d{4}(-\d{2}){5}$/.test(deviceId.slice(host.length));
}

function fields(root: XmlElement | null): Record<string, SimpleValue> {
  const value = root && simpleValue(root);
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function readAccountInfo(root: XmlElement | null): Record<string, string> {
  const info: Record<string, string> = {};
  const entries = fields(root).ACCOUNTINFO;
  for (const entry of Array.isArray(entries) ? entries : entries ? [entries] : []) {
    if (typeof entry !== "object" || Array.isArray(entry)) continue;
    if (typeof entry.KEYNAME === "string") {
      info[entry.KEYNAME] = typeof entry.KEYVALUE === "string" ? entry.KEYVALUE : "";
    }
  }
  return info;
}

function readLastState(root: XmlElement | null): Record<string, string> | null {
  if (!root) return null;
  const hashes: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields(root))) {
    if (typeof value === "string") hashes[name] = value;
  }
  return hashes;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
