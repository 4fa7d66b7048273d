/**
 * OCS replies (server → agent): writing them as the OCS server does, and reading them as agents
 * do. Shared by our server and our agent.
 *
 * @module
 */

import { OcsProtocolError } from "./errors.ts";
import { accountInfoEntries } from "./request.ts";
import { simpleValue } from "./simple.ts";
import type { SimpleObject, SimpleValue } from "./types.ts";
import { escapeXml, SERVER_XML_DECLARATION, writeElement } from "./xml_writer.ts";
import type { XmlElement } from "./xml_reader.ts";

/** One PARAM of a prolog OPTION: attributes, plus optional text content. */
export interface OptionParam {
  attributes: Record<string, string>;
  text?: string;
}

/** An OPTION block of the prolog reply (DOWNLOAD, REGISTRY, IPDISCOVER…). */
export interface PrologOption {
  name: string;
  params: OptionParam[];
}

/** The prolog reply. */
export interface PrologReply {
  response: "SEND" | "STOP" | "OTHER";
  /** Hours until the agent's next contact. */
  prologFreq: number;
  inventoryOnStartup: boolean;
  options: PrologOption[];
}

/** The inventory reply: account info to write back when it differs from what the agent sent. */
export interface InventoryReply {
  accountUpdate: Record<string, string> | null;
}

/**
 * The DOWNLOAD option OCS servers always send, switched off: older Unix agents abort their
 * download module when it is missing (UnixAgent PR #253).
 */
export const DOWNLOAD_OFF_OPTION: PrologOption = {
  name: "DOWNLOAD",
  params: [{
    attributes: {
      TYPE: "CONF",
      ON: "0",
      CYCLE_LATENCY: "60",
      FRAG_LATENCY: "10",
      PERIOD_LATENCY: "1",
      PERIOD_LENGTH: "10",
      TIMEOUT: "30",
      EXECUTION_TIMEOUT: "120",
    },
  }],
};

/** Writes a prolog reply the way the OCS server does (single-quoted declaration, REPLY root). */
export function writePrologReply(reply: PrologReply): string {
  let options = "";
  for (const option of reply.options) {
    options += "  <OPTION>\n    <NAME>" + escapeXml(option.name) + "</NAME>\n";
    for (const param of option.params) {
      const attributes = Object.entries(param.attributes)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join("");
      options += param.text === undefined
        ? `    <PARAM${attributes} />\n`
        : `    <PARAM${attributes}>${escapeXml(param.text)}</PARAM>\n`;
    }
    options += "  </OPTION>\n";
  }
  return SERVER_XML_DECLARATION + "<REPLY>\n" +
    `  <RESPONSE>${reply.response}</RESPONSE>\n` +
    `  <PROLOG_FREQ>${reply.prologFreq}</PROLOG_FREQ>\n` +
    `  <INVENTORY_ON_STARTUP>${reply.inventoryOnStartup ? 1 : 0}</INVENTORY_ON_STARTUP>\n` +
    options + "</REPLY>\n";
}

/** Writes an inventory reply: ACCOUNT_UPDATE with the server's account info, or NO_ACCOUNT_UPDATE. */
export function writeInventoryReply(reply: InventoryReply): string {
  if (reply.accountUpdate === null) {
    return SERVER_XML_DECLARATION + "<REPLY>\n  <RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE>\n</REPLY>\n";
  }
  return SERVER_XML_DECLARATION + "<REPLY>\n  <RESPONSE>ACCOUNT_UPDATE</RESPONSE>\n" +
    writeElement("ACCOUNTINFO", accountInfoEntries(reply.accountUpdate), "  ") + "</REPLY>\n";
}

/** Reads a prolog reply (agent side). @throws {OcsProtocolError} when it is not a REPLY */
export function readPrologReply(root: XmlElement): PrologReply {
  const value = replyValue(root);
  const response = String(value.RESPONSE ?? "").toUpperCase();
  const options: PrologOption[] = [];
  for (const option of listOf(value.OPTION)) {
    if (typeof option !== "object" || Array.isArray(option)) continue;
    const params = listOf(option.PARAM).map((p): OptionParam => {
      if (typeof p === "string") return { attributes: {}, text: p };
      const { content, ...rest } = p as SimpleObject;
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(rest)) if (typeof v === "string") attributes[k] = v;
      return typeof content === "string" ? { attributes, text: content } : { attributes };
    });
    options.push({ name: String(option.NAME ?? ""), params });
  }
  const freq = Number(value.PROLOG_FREQ);
  return {
    response: response === "SEND" ? "SEND" : response === "STOP" ? "STOP" : "OTHER",
    prologFreq: Number.isFinite(freq) && freq > 0 ? freq : 10,
    inventoryOnStartup: value.INVENTORY_ON_STARTUP === "1",
    options,
  };
}

/** Reads an inventory reply (agent side). @throws {OcsProtocolError} when it is not a REPLY */
export function readInventoryReply(root: XmlElement): InventoryReply {
  const value = replyValue(root);
  if (String(value.RESPONSE ?? "").toUpperCase() !== "ACCOUNT_UPDATE") {
    return { accountUpdate: null };
  }
  const info: Record<string, string> = {};
  for (const entry of listOf(value.ACCOUNTINFO)) {
    if (typeof entry !== "object" || Array.isArray(entry)) continue;
    if (typeof entry.KEYNAME === "string") {
      info[entry.KEYNAME] = typeof entry.KEYVALUE === "string" ? entry.KEYVALUE : "";
    }
  }
  return { accountUpdate: info };
}

function replyValue(root: XmlElement): SimpleObject {
  if (root.name !== "REPLY") {
    throw new OcsProtocolError(`Root element is "${root.name}", expected "REPLY"`);
  }
  const value = simpleValue(root);
  if (value === undefined || typeof value === "string" || Array.isArray(value)) {
    throw new OcsProtocolError("Empty REPLY");
  }
  return value;
}

function listOf(value: SimpleValue | undefined): SimpleValue[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
