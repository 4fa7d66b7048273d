/**
 * Turns XML bytes into text the way OCS agents need: honour a declared non-UTF-8 encoding, keep
 * stray invalid bytes (read as Windows-1252, what legacy Windows strings usually are) instead of
 * failing the whole inventory, and drop the control characters XML 1.0 forbids (the Unix agent
 * strips them too; some Windows builds do not).
 *
 * @module
 */

import { mayHoldForbiddenCharacters } from "./control_scan.ts";
import { OcsProtocolError } from "./errors.ts";

// deno-lint-ignore no-control-regex
const CONTROL_CHARS_RE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const ENCODING_RE = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i;
const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const utf8Replacing = new TextDecoder("utf-8", { ignoreBOM: false });
const cp1252 = new TextDecoder("windows-1252");

/**
 * Decodes an XML document's bytes to a string, replacing the declared encoding with UTF-8 in the
 * declaration's meaning (the returned text is plain JS text).
 *
 * @throws {OcsProtocolError} when the declared encoding is unknown
 */
export function decodeXmlText(bytes: Uint8Array): string {
  const declared = declaredEncoding(bytes);
  let text: string;
  if (declared === null || declared === "utf-8" || declared === "utf8") {
    // The replacing decoder is ~3× faster than the fatal one; a U+FFFD in its output means an
    // invalid byte (or a real U+FFFD), and only then is the document decoded byte by byte.
    text = utf8Replacing.decode(bytes);
    if (text.includes("\uFFFD")) {
      try {
        text = utf8Fatal.decode(bytes);
      } catch {
        text = decodeUtf8Lenient(bytes);
      }
    }
    // Most documents have no forbidden character: a fast scan of the bytes proves it.
    if (!mayHoldForbiddenCharacters(bytes)) return text;
  } else {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared);
    } catch (error) {
      throw new OcsProtocolError(`Unknown XML encoding "${declared}"`, 400, { cause: error });
    }
    text = decoder.decode(bytes);
  }
  CONTROL_CHARS_RE.lastIndex = 0;
  return CONTROL_CHARS_RE.test(text) ? text.replace(CONTROL_CHARS_RE, "") : text;
}

/** The encoding named in the XML declaration, lower-cased, or null if none is declared. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200)));
  const match = ENCODING_RE.exec(head.startsWith("\u00EF\u00BB\u00BF") ? head.slice(3) : head);
  return match ? match[1]!.toLowerCase() : null;
}

/** UTF-8 where the bytes are valid UTF-8, Windows-1252 for each byte that is not. */
function decodeUtf8Lenient(bytes: Uint8Array): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) parts.push(utf8Fatal.decode(bytes.subarray(runStart, i)));
    parts.push(cp1252.decode(bytes.subarray(i, i + 1)));
    i++;
    runStart = i;
  }
  if (i > runStart) parts.push(utf8Fatal.decode(bytes.subarray(runStart, i)));
  return parts.join("");
}

/** Length of the valid UTF-8 sequence at `i`, or 0 if the byte there does not start one. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const need = b0 >= 0xc2 && b0 <= 0xdf
    ? 1
    : b0 >= 0xe0 && b0 <= 0xef
    ? 2
    : b0 >= 0xf0 && b0 <= 0xf4
    ? 3
    : -1;
  if (need < 0 || i + need >= bytes.length) return 0;
  for (let k = 1; k <= need; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return 0;
  }
  const b1 = bytes[i + 1]!;
  // Reject overlong forms, surrogates and code points past U+10FFFF.
  if (b0 === 0xe0 && b1 < 0xa0) return 0;
  if (b0 === 0xed && b1 > 0x9f) return 0;
  if (b0 === 0xf0 && b1 < 0x90) return 0;
  if (b0 === 0xf4 && b1 > 0x8f) return 0;
  return need + 1;
}
