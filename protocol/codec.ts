/**
 * The OCS body framing: agents send zlib (RFC 1950), some gzip, some plain `<?xml` text (GLPI
 * agents in their native protocol: JSON, framed the same ways), and expect the reply in the same
 * encoding. Decompression is capped so a small body cannot inflate
 * into gigabytes.
 *
 * @module
 */

import { deflateSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { OcsProtocolError } from "./errors.ts";

/** How a body was framed on the wire; the reply uses the same. */
export type BodyEncoding = "zlib" | "gzip" | "plain";

/** Limits applied while decoding one body. */
export interface DecodeLimits {
  /** Largest accepted body as received, in bytes. @default 16 MiB */
  maxBodyBytes: number;
  /** Largest accepted body once inflated, in bytes; inflation stops there. @default 128 MiB */
  maxInflatedBytes: number;
}

/** The limits a server uses unless configured otherwise. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxInflatedBytes: 128 * 1024 * 1024,
};

/** A decoded body: the XML bytes and how they were framed. */
export interface DecodedBody {
  encoding: BodyEncoding;
  xml: Uint8Array<ArrayBuffer>;
}

/** Tells how a body is framed by its first bytes, as the OCS server does (zlib, gzip, `<?xml`). */
export function detectEncoding(body: Uint8Array): BodyEncoding | null {
  const b0 = body[0], b1 = body[1];
  if (b0 === undefined || b1 === undefined) return null;
  // zlib: CM=8 in the low nibble, and the 16-bit header is a multiple of 31 (RFC 1950 §2.2).
  if ((b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0) return "zlib";
  if (b0 === 0x1f && b1 === 0x8b) return "gzip";
  if (startsWithXmlDeclaration(body) || isJsonObject(body)) return "plain";
  return null;
}

/**
 * Decodes a request body into XML bytes.
 *
 * @throws {OcsProtocolError} 413 when a limit is passed, 400 when the body is neither zlib, gzip
 * nor plain XML, or does not inflate
 */
export function decodeBody(
  body: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedBody {
  if (body.byteLength > limits.maxBodyBytes) {
    throw new OcsProtocolError(
      `Body of ${body.byteLength} bytes is over the ${limits.maxBodyBytes}-byte limit`,
      413,
    );
  }
  if (body.byteLength === 0) throw new OcsProtocolError("Empty body");
  const encoding = detectEncoding(body);
  if (encoding === null) {
    throw new OcsProtocolError("Body is neither zlib, gzip nor XML starting with '<?xml'");
  }
  if (encoding === "plain") {
    if (body.byteLength > limits.maxInflatedBytes) {
      throw new OcsProtocolError(`XML is over the ${limits.maxInflatedBytes}-byte limit`, 413);
    }
    return { encoding, xml: body as Uint8Array<ArrayBuffer> };
  }
  try {
    const options = { maxOutputLength: limits.maxInflatedBytes };
    const inflated = encoding === "zlib" ? inflateSync(body, options) : gunzipSync(body, options);
    return {
      encoding,
      xml: new Uint8Array(inflated.buffer as ArrayBuffer, inflated.byteOffset, inflated.length),
    };
  } catch (error) {
    if (isOutputTooLarge(error)) {
      throw new OcsProtocolError(
        `Body inflates past the ${limits.maxInflatedBytes}-byte limit`,
        413,
        { cause: error },
      );
    }
    throw new OcsProtocolError(`Body does not decompress as ${encoding}`, 400, { cause: error });
  }
}

/** Frames XML text for the wire in the given encoding. */
export function encodeBody(
  xml: string | Uint8Array,
  encoding: BodyEncoding,
): Uint8Array<ArrayBuffer> {
  const bytes = typeof xml === "string" ? new TextEncoder().encode(xml) : xml;
  if (encoding === "plain") return bytes as Uint8Array<ArrayBuffer>;
  const out = encoding === "zlib" ? deflateSync(bytes) : gzipSync(bytes);
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length);
}

/**
 * The `Content-Type` of a reply framed in `encoding`, named as the agent that sent
 * `requestContentType` reads it. GLPI agents inflate a reply only when its type names the
 * compression (`application/x-compress-zlib|gzip`) and read plain text by its type; FusionInventory
 * sniffs the bytes; OCS agents inflate whatever comes and the OCS server always says
 * `application/x-compressed`, so that stays their answer.
 */
export function replyContentType(
  encoding: BodyEncoding,
  requestContentType: string | null,
  format: "xml" | "json" = "xml",
): string {
  if (encoding === "gzip") return "application/x-compress-gzip";
  if (encoding === "plain") return format === "json" ? "application/json" : "application/xml";
  const type = (requestContentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/x-compress-zlib" || format === "json"
    ? "application/x-compress-zlib"
    : "application/x-compressed";
}

function startsWithXmlDeclaration(body: Uint8Array): boolean {
  // The OCS server accepts plain XML only when it starts exactly with `<?xml` (any case).
  const head = String.fromCharCode(...body.subarray(0, 5)).toLowerCase();
  return head === "<?xml";
}

/** A GLPI agent's native message: a JSON object, sent plain as `application/json`. */
function isJsonObject(body: Uint8Array): boolean {
  for (const byte of body.subarray(0, 64)) {
    if (byte === 0x7b) return true; // "{"
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false;
  }
  return false;
}

/** Whether decoded bytes hold a JSON message (the GLPI native protocol) rather than XML. */
export function isJsonMessage(bytes: Uint8Array): boolean {
  return isJsonObject(bytes);
}

function isOutputTooLarge(error: unknown): boolean {
  if (error instanceof RangeError) return true;
  const code = (error as { code?: string })?.code;
  return code === "ERR_BUFFER_TOO_LARGE" || code === "ERR_OUT_OF_RANGE";
}
