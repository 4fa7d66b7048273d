/**
 * One agent run, in the OCS Unix agent's order (`ocs-protocol.md` §6.1): load the state →
 * maybe a new DEVICEID → PROLOG (skipped with `force`) → if SEND: collect, CHECKSUM,
 * ACCOUNTINFO, POST the INVENTORY → once the server accepted it, save `last_state` and apply its
 * ACCOUNT_UPDATE. A failed run saves nothing but the DEVICEID, so what changed is sent again.
 *
 * Runs without a server (`local`, `stdout`) write or return the document instead; like the
 * OCS agent they ignore `last_state` and set every CHECKSUM bit.
 *
 * The machine, the clock and the network are injected ({@link RunDeps}) so tests drive it all.
 *
 * @module
 */

import { join } from "node:path";
import {
  accountInfoEntries,
  encodeBody,
  type InventoryContent,
  readInventoryReply,
  readPrologReply,
  writeInventoryRequest,
  writePrologRequest,
  type XmlElement,
} from "../protocol/mod.ts";
import type { CollectResult, SectionReport } from "./collect.ts";
import { ALL_CHECKSUM_BITS, computeChecksum } from "./checksum.ts";
import {
  type AgentState,
  loadState,
  saveAccountInfo,
  saveConfig,
  saveLastState,
  stateDirFor,
  writeAtomic,
} from "./state.ts";
import { type Transport, TransportError, type TransportOptions } from "./transport.ts";

/** What one run does. */
export interface RunOptions {
  /** The endpoint URL; null for a run without a server (then `local` or `stdout`). */
  server: string | null;
  stateRoot: string;
  /** Overrides the TAG of `ocsinv.adm`, as `--tag` does for the OCS agent. */
  tag?: string;
  /** Skip the PROLOG and send every section (`--force`). */
  force?: boolean;
  noSoftware?: boolean;
  /** Write the inventory to this file or directory (`--local`). */
  local?: string;
  /** In a `local` directory, write plain `.xml` instead of zlib `.ocs`. */
  xml?: boolean;
  /** Return the XML (the caller prints it) instead of sending it. */
  stdout?: boolean;
  /** Credentials and TLS; the URL is `server`. */
  transport?: Omit<TransportOptions, "url">;
}

/** The outside world of a run. */
export interface RunDeps {
  collect(options: { noSoftware: boolean }): Promise<CollectResult>;
  openTransport(options: TransportOptions): Transport;
  hostname(): string;
  now(): Date;
  /** Progress and warnings (the CLI prints them with --debug, and logs them). */
  log(message: string): void;
}

/** What a run did. */
export interface RunResult {
  deviceId: string;
  newDeviceId: boolean;
  server: string | null;
  /** The server's prolog answer; "skipped" with `force`, null without a server. */
  prolog: "SEND" | "STOP" | "OTHER" | "skipped" | null;
  /** Hours until the next contact (the server's, else the stored one). */
  prologFreq: number;
  /** True once the server accepted the inventory. */
  sent: boolean;
  checksum?: number;
  /** Sections whose CHECKSUM bit was set. */
  changed?: string[];
  /** The TAG and fields the server pushed back (ACCOUNT_UPDATE), now in `ocsinv.adm`. */
  accountUpdate?: Record<string, string>;
  /** The file written by a `local` run. */
  file?: string;
  /** The XML, for `stdout`. */
  xml?: string;
  /** Bytes of the inventory XML. */
  bytes?: number;
  sections?: string[];
  report?: SectionReport[];
}

/**
 * Runs once.
 *
 * @throws {TransportError} when the server cannot be reached or refuses; nothing but the
 * DEVICEID is saved then
 */
export async function runOnce(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const withServer = options.server !== null && !options.local && !options.stdout;
  const state = loadState(
    stateDirFor(options.stateRoot, withServer ? options.server : null),
    deps.hostname(),
    deps.now(),
  );
  for (const warning of state.warnings) deps.log(`state: ${warning} (ignored)`);
  // Keep a new DEVICEID at once: a run that fails later must not make yet another device.
  if (state.newDeviceId) saveConfig(state);
  const result: RunResult = {
    deviceId: state.deviceId,
    newDeviceId: state.newDeviceId,
    server: withServer ? options.server : null,
    prolog: null,
    prologFreq: state.prologFreq,
    sent: false,
  };
  if (!withServer) return await runWithoutServer(options, deps, state, result);

  const transport = deps.openTransport({ ...options.transport, url: options.server! });
  try {
    if (options.force) {
      result.prolog = "skipped";
    } else {
      const root = await transport.send(writePrologRequest(state.deviceId));
      const prolog = readReplyAs(readPrologReply, root, "prolog");
      result.prolog = prolog.response;
      result.prologFreq = prolog.prologFreq;
      if (prolog.prologFreq !== state.prologFreq) {
        saveConfig({ ...state, prologFreq: prolog.prologFreq });
      }
      deps.log(`prolog: ${prolog.response}, next contact in ${prolog.prologFreq} h`);
      if (prolog.response !== "SEND") return result;
    }
    const inventory = await prepareInventory(options, deps, state, state.lastState);
    const reply = readReplyAs(readInventoryReply, await transport.send(inventory.xml), "inventory");
    // Accepted: only now does the server's copy match what we hashed.
    saveLastState(state.dir, inventory.hashes);
    const sentInfo = accountInfoOf(state, options);
    if (reply.accountUpdate) {
      saveAccountInfo(state.dir, reply.accountUpdate);
      result.accountUpdate = reply.accountUpdate;
    } else if (!sameInfo(sentInfo, state.accountInfo)) {
      saveAccountInfo(state.dir, sentInfo);
    }
    return { ...result, ...inventory.summary, sent: true };
  } finally {
    transport.close();
  }
}

async function runWithoutServer(
  options: RunOptions,
  deps: RunDeps,
  state: AgentState,
  result: RunResult,
): Promise<RunResult> {
  const inventory = await prepareInventory(options, deps, state, null);
  const out: RunResult = { ...result, ...inventory.summary };
  if (options.stdout) out.xml = inventory.xml;
  if (options.local) {
    const target = localTarget(options.local, state.deviceId, options.xml ?? false);
    writeAtomic(
      target.path,
      target.plain ? inventory.xml : encodeBody(inventory.xml, "zlib"),
    );
    out.file = target.path;
  }
  return out;
}

/** Collects, adds ACCOUNTINFO and the CHECKSUM, and writes the request document. */
async function prepareInventory(
  options: RunOptions,
  deps: RunDeps,
  state: AgentState,
  lastState: Record<string, string> | null,
) {
  const collected = await deps.collect({ noSoftware: options.noSoftware ?? false });
  const content: InventoryContent = collected.content;
  const { checksum, hashes, changed } = computeChecksum(content, lastState, {
    force: options.force ?? false,
  });
  if (content.HARDWARE) content.HARDWARE.CHECKSUM = String(checksum);
  const info = accountInfoOf(state, options);
  if (Object.keys(info).length > 0) content.ACCOUNTINFO = accountInfoEntries(info);
  const xml = writeInventoryRequest(state.deviceId, content);
  const bits = checksum === ALL_CHECKSUM_BITS ? "every section" : changed.join(" ");
  deps.log(`inventory: CHECKSUM ${checksum} (${bits}), ${xml.length} bytes`);
  return {
    xml,
    hashes,
    summary: {
      checksum,
      changed,
      bytes: xml.length,
      sections: Object.keys(content).sort(),
      report: collected.report,
    },
  };
}

/** ACCOUNTINFO to send: `ocsinv.adm`, with the TAG replaced by `--tag`/`tag=` when given. */
function accountInfoOf(state: AgentState, options: RunOptions): Record<string, string> {
  return options.tag === undefined
    ? { ...state.accountInfo }
    : { ...state.accountInfo, TAG: options.tag };
}

/** Reads a reply; a document that is not a REPLY is the server's fault, like a bad body. */
function readReplyAs<T>(read: (root: XmlElement) => T, root: XmlElement, what: string): T {
  try {
    return read(root);
  } catch (error) {
    throw new TransportError(
      "bad-reply",
      `The ${what} reply is not an OCS reply: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function sameInfo(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Where a `local` run writes: into a directory as `<DEVICEID>.ocs` (zlib, as the Windows agent
 * and our `import` take it) or `.xml` with `xml`; or to a file named `*.ocs` / `*.xml`, framed
 * by its extension. A path that does not exist and has neither extension is a directory.
 */
export function localTarget(
  local: string,
  deviceId: string,
  xml: boolean,
): { path: string; plain: boolean } {
  let isDir = false;
  try {
    isDir = Deno.statSync(local).isDirectory;
  } catch {
    isDir = !/\.(ocs|xml)$/i.test(local);
  }
  if (isDir) return { path: join(local, `${deviceId}.${xml ? "xml" : "ocs"}`), plain: xml };
  return { path: local, plain: xml || /\.xml$/i.test(local) };
}
