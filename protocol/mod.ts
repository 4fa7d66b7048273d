/**
 * The OCS Inventory NG wire protocol, shared by the server and the agent. Pure: no I/O, no
 * server or agent imports.
 *
 * | need | use |
 * | --- | --- |
 * | bytes of a POST body → typed request | {@link decodeRequest} |
 * | reply for the wire | {@link writePrologReply}, {@link writeInventoryReply}, {@link encodeBody} |
 * | agent side | {@link writePrologRequest}, {@link writeInventoryRequest}, {@link decodeReply} |
 *
 * @module
 */

import { decodeXmlText } from "./charset.ts";
import {
  type BodyEncoding,
  decodeBody,
  type DecodeLimits,
  DEFAULT_DECODE_LIMITS,
} from "./codec.ts";
import { type OcsRequest, readRequest } from "./request.ts";
import { parseXml, type XmlElement } from "./xml_reader.ts";

export * from "./charset.ts";
export * from "./codec.ts";
export * from "./deviceid.ts";
export * from "./errors.ts";
export * from "./glpi/inventory.ts";
export * from "./glpi/messages.ts";
export * from "./reply.ts";
export * from "./request.ts";
export * from "./sections.ts";
export * from "./simple.ts";
export * from "./split.ts";
export type * from "./types.ts";
export * from "./xml_reader.ts";
export * from "./xml_writer.ts";

/** A decoded request with what the server needs to answer it in kind. */
export interface DecodedRequest {
  request: OcsRequest;
  encoding: BodyEncoding;
  /** The XML bytes after decompression (kept as the device's last raw payload). */
  xml: Uint8Array;
}

/**
 * Decodes a POST body all the way: framing, charset, strict XML, OCS request.
 *
 * @throws {OcsProtocolError} for framing, size or protocol errors
 * @throws {OcsSyntaxError} for XML that is not well-formed or declares a DOCTYPE
 */
export function decodeRequest(
  body: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedRequest {
  const { encoding, xml } = decodeBody(body, limits);
  // Depth 2: the request's own fields stay elements, each section is read as its value.
  const request = readRequest(parseXml(decodeXmlText(xml), 2));
  return { request, encoding, xml };
}

/** Decodes a reply body (agent side) into its root element. */
export function decodeReply(body: Uint8Array): XmlElement {
  const { xml } = decodeBody(body, DEFAULT_DECODE_LIMITS);
  return parseXml(decodeXmlText(xml));
}
