/**
 * OCS requests (agent → server): reading them from XML and writing them for the wire.
 *
 * @module
 */

import { isValidDeviceId } from "./deviceid.ts";
import { OcsProtocolError } from "./errors.ts";
import { readContent, simpleValue, textOf } from "./simple.ts";
import type { AccountInfoEntry, InventoryContent, SimpleObject } from "./types.ts";
import { AGENT_XML_DECLARATION, writeElement, writeElementInto } from "./xml_writer.ts";
import type { XmlElement } from "./xml_reader.ts";

/** PROLOG: "should I send an inventory?" */
export interface PrologRequest {
  query: "PROLOG";
  deviceId: string;
  /** GLPI agents send a TOKEN in the prolog. */
  token?: string;
}

/** INVENTORY: the full inventory, every section kept. */
export interface InventoryRequest {
  query: "INVENTORY";
  deviceId: string;
  content: InventoryContent;
  /** HARDWARE/CHECKSUM as sent, or null when absent (then every section counts as changed). */
  checksum: number | null;
  /** ACCOUNTINFO as KEYNAME → KEYVALUE (TAG and admin fields). */
  accountInfo: Record<string, string>;
  /** A previous DEVICEID of the same machine, to merge (CONTENT/OLD_DEVICEID). */
  oldDeviceId?: string;
}

/** DOWNLOAD: the result of a package deployment. */
export interface DownloadResultRequest {
  query: "DOWNLOAD";
  deviceId: string;
  packageId: string;
  result: string;
}

/** NOTIFY: an IP change between inventories (Windows `/NOTIFY`). */
export interface NotifyRequest {
  query: "NOTIFY";
  deviceId: string;
  type: string;
  hardware: SimpleObject;
  interfaces: SimpleObject[];
}

/** UPDATE: a deprecated agent-update check; needs no DEVICEID. */
export interface UpdateRequest {
  query: "UPDATE";
  deviceId?: string;
  platform: string;
  agentVersion?: string;
}

/** Any request an OCS server answers. */
export type OcsRequest =
  | PrologRequest
  | InventoryRequest
  | DownloadResultRequest
  | NotifyRequest
  | UpdateRequest;

/** The QUERY values a server answers. */
export const QUERIES = ["PROLOG", "INVENTORY", "DOWNLOAD", "NOTIFY", "UPDATE"] as const;

/**
 * Reads a parsed REQUEST document.
 *
 * @throws {OcsProtocolError} (400) for a wrong root, a missing or unknown QUERY, a missing or
 * malformed DEVICEID
 */
export function readRequest(root: XmlElement): OcsRequest {
  if (root.name !== "REQUEST") {
    throw new OcsProtocolError(`Root element is "${root.name}", expected "REQUEST"`);
  }
  const query = textOf(root, "QUERY")?.toUpperCase();
  if (!query) throw new OcsProtocolError("No QUERY in request");
  const content = root.children?.find((c) => c.name === "CONTENT");
  const deviceId = textOf(root, "DEVICEID") ?? (content && textOf(content, "DEVICEID"));

  if (query === "UPDATE") {
    const platform = textOf(root, "PLATFORM");
    if (!platform || !/^(WINDOWS|MAC|LINUX)$/i.test(platform)) {
      throw new OcsProtocolError(`UPDATE has an invalid PLATFORM "${platform ?? ""}"`);
    }
    const agentVersion = textOf(root, "AGENT");
    return { query, platform: platform.toUpperCase(), deviceId, agentVersion };
  }
  if (!(QUERIES as readonly string[]).includes(query)) {
    throw new OcsProtocolError(`Unknown QUERY "${query}"`);
  }
  if (!deviceId) throw new OcsProtocolError("No DEVICEID in request");
  if (!isValidDeviceId(deviceId)) {
    throw new OcsProtocolError(`Invalid DEVICEID "${deviceId.slice(0, 80)}"`);
  }

  switch (query) {
    case "PROLOG": {
      const token = textOf(root, "TOKEN");
      return token ? { query, deviceId, token } : { query, deviceId };
    }
    case "INVENTORY":
      return readInventory(deviceId, content);
    case "DOWNLOAD": {
      const packageId = textOf(root, "ID");
      const result = textOf(root, "ERR");
      if (!packageId || !result) throw new OcsProtocolError("DOWNLOAD result needs ID and ERR");
      return { query, deviceId, packageId, result };
    }
    default: {
      const value = simpleValue(root) as SimpleObject;
      const ifaces = value.IFACE;
      return {
        query: "NOTIFY",
        deviceId,
        type: textOf(root, "TYPE") ?? "IP",
        hardware: isObject(value.HARDWARE) ? value.HARDWARE : {},
        interfaces: (Array.isArray(ifaces) ? ifaces : ifaces ? [ifaces] : []).filter(isObject),
      };
    }
  }
}

function readInventory(deviceId: string, content: XmlElement | undefined): InventoryRequest {
  if (!content) throw new OcsProtocolError("INVENTORY has no CONTENT");
  const sections = readContent(content);
  const rawChecksum = sections.HARDWARE?.CHECKSUM;
  const checksum = rawChecksum !== undefined && /^\d+$/.test(rawChecksum)
    ? Number(rawChecksum)
    : null;
  const accountInfo: Record<string, string> = {};
  for (const entry of sections.ACCOUNTINFO ?? []) {
    const key = entry.KEYNAME;
    if (typeof key === "string") {
      accountInfo[key] = typeof entry.KEYVALUE === "string" ? entry.KEYVALUE : "";
    }
  }
  const request: InventoryRequest = {
    query: "INVENTORY",
    deviceId,
    content: sections,
    checksum,
    accountInfo,
  };
  const old = oldDeviceIdOf(sections);
  if (old && old !== deviceId && isValidDeviceId(old)) request.oldDeviceId = old;
  return request;
}

/** CONTENT/OLD_DEVICEID, or where the Windows agent misplaces it: DOWNLOAD/HISTORY/OLD_DEVICEID. */
function oldDeviceIdOf(content: InventoryContent): string | undefined {
  if (typeof content.OLD_DEVICEID === "string") return content.OLD_DEVICEID.trim();
  const history = content.DOWNLOAD?.HISTORY;
  if (isObject(history) && typeof history.OLD_DEVICEID === "string") {
    return history.OLD_DEVICEID.trim();
  }
  return undefined;
}

function isObject(value: unknown): value is SimpleObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Writes a PROLOG request as the Unix agent does. */
export function writePrologRequest(deviceId: string, token?: string): string {
  return AGENT_XML_DECLARATION + "<REQUEST>\n" + writeElement("DEVICEID", deviceId, "  ") +
    writeElement("QUERY", "PROLOG", "  ") + (token ? writeElement("TOKEN", token, "  ") : "") +
    "</REQUEST>\n";
}

/** Writes an INVENTORY request: sections in alphabetical order, as the Unix agent does. */
export function writeInventoryRequest(deviceId: string, content: InventoryContent): string {
  const parts = [AGENT_XML_DECLARATION, "<REQUEST>\n  <CONTENT>\n"];
  for (const name of Object.keys(content).sort()) {
    writeElementInto(parts, name, content[name], "    ");
  }
  parts.push("  </CONTENT>\n");
  writeElementInto(parts, "DEVICEID", deviceId, "  ");
  writeElementInto(parts, "QUERY", "INVENTORY", "  ");
  parts.push("</REQUEST>\n");
  return parts.join("");
}

/** Account info as the ACCOUNTINFO entries agents send and servers reply with. */
export function accountInfoEntries(info: Record<string, string>): AccountInfoEntry[] {
  return Object.entries(info).map(([KEYNAME, KEYVALUE]) => ({ KEYNAME, KEYVALUE }));
}
