/**
 * The lexical pieces of the strict XML reader (`xml_reader.ts`): names, spaces, attributes,
 * entities and markup declarations. Kept apart so the reader itself is only the element loop.
 *
 * @module
 */

import { OcsSyntaxError } from "./errors.ts";

const ENTITY_RE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g;
const BARE_AMP_RE = /&(?!#x[0-9A-Fa-f]+;|#[0-9]+;|[A-Za-z]+;)/;
const PREDEFINED: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** End of an XML name starting at `start` (ASCII names, plus any non-ASCII letter). */
export function nameEnd(source: string, start: number): number {
  let i = start;
  const length = source.length;
  while (i < length) {
    const c = source.charCodeAt(i);
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ||
      c === 0x3a || c >= 0xb7 ||
      (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e));
    if (!ok) break;
    i++;
  }
  return i;
}

/** Whether `c` may continue a name (see {@link nameEnd}). NaN (end of input) may not. */
export function isNameChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a ||
    c >= 0xb7 || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** First position at or after `start` that is not XML white space. */
export function skipSpace(source: string, start: number): number {
  let i = start;
  for (;;) {
    const c = source.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Whitespace between tags is layout, not data: skipping it saves most text work. */
export function isBlank(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/** A start tag read: where it ends, its attributes (null: none) and whether it is `<A/>`. */
export interface StartTag {
  end: number;
  attributes: Record<string, string> | null;
  selfClosing: boolean;
}

/**
 * Reads the attributes and the end of the start tag of `name`, whose name ends at `pos`.
 * `into` is filled and returned (one object reused across tags: no allocation per element).
 */
export function readStartTagRest(
  source: string,
  name: string,
  pos: number,
  into: StartTag,
): StartTag {
  into.attributes = null;
  for (;;) {
    const spaced = skipSpace(source, pos);
    const c = source.charCodeAt(spaced);
    if (c === 0x3e /* > */) {
      into.end = spaced + 1;
      into.selfClosing = false;
      return into;
    }
    if (c === 0x2f /* / */) {
      if (source.charCodeAt(spaced + 1) !== 0x3e) {
        throw new OcsSyntaxError("Expected '>'", spaced + 1);
      }
      into.end = spaced + 2;
      into.selfClosing = true;
      return into;
    }
    if (spaced === pos) throw new OcsSyntaxError(`Malformed tag "${name}"`, pos);
    pos = readAttribute(source, spaced, name, into.attributes ??= {});
  }
}

function readAttribute(
  source: string,
  start: number,
  elementName: string,
  attributes: Record<string, string>,
): number {
  const end = nameEnd(source, start);
  if (end === start) throw new OcsSyntaxError(`Malformed tag "${elementName}"`, start);
  const name = source.slice(start, end);
  let pos = skipSpace(source, end);
  if (source.charCodeAt(pos) !== 0x3d /* = */) {
    throw new OcsSyntaxError(`Attribute "${name}" has no value`, pos);
  }
  pos = skipSpace(source, pos + 1);
  const quote = source[pos];
  if (quote !== '"' && quote !== "'") {
    throw new OcsSyntaxError(`Attribute "${name}" value is not quoted`, pos);
  }
  const close = source.indexOf(quote, pos + 1);
  if (close === -1) throw new OcsSyntaxError(`Unterminated attribute "${name}"`, pos);
  const raw = source.slice(pos + 1, close);
  if (raw.includes("<")) throw new OcsSyntaxError(`'<' in attribute "${name}"`, pos);
  if (Object.hasOwn(attributes, name)) {
    throw new OcsSyntaxError(`Duplicate attribute "${name}"`, start);
  }
  attributes[name] = raw.includes("&") ? decodeEntities(raw, pos + 1) : raw;
  return close + 1;
}

/** A comment or CDATA section at `lt`: its end, and the CDATA text (null for a comment). */
export function readMarkupDeclaration(
  source: string,
  lt: number,
): { end: number; cdata: string | null } {
  if (source.startsWith("<!--", lt)) {
    const end = source.indexOf("-->", lt + 4);
    if (end === -1) throw new OcsSyntaxError("Unterminated comment", lt);
    return { end: end + 3, cdata: null };
  }
  if (source.startsWith("<![CDATA[", lt)) {
    const end = source.indexOf("]]>", lt + 9);
    if (end === -1) throw new OcsSyntaxError("Unterminated CDATA section", lt);
    return { end: end + 3, cdata: source.slice(lt + 9, end) };
  }
  // DOCTYPE, ENTITY, ELEMENT, ATTLIST…: refused outright, so no entity can ever expand.
  throw new OcsSyntaxError("DOCTYPE and entity declarations are not accepted", lt);
}

/** The text between `start` and `end`, entities decoded. */
export function decodeText(source: string, start: number, end: number): string {
  const raw = source.slice(start, end);
  return raw.includes("&") ? decodeEntities(raw, start) : raw;
}

function decodeEntities(raw: string, offset: number): string {
  const bare = BARE_AMP_RE.exec(raw);
  if (bare) throw new OcsSyntaxError("Bare '&' in text", offset + bare.index);
  return raw.replace(ENTITY_RE, (_match, ref: string, at: number) => {
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const code = ref.charCodeAt(1) === 0x78
        ? parseInt(ref.slice(2), 16)
        : parseInt(ref.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
        throw new OcsSyntaxError(`Invalid character reference "&${ref};"`, offset + at);
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw new OcsSyntaxError(`Unknown entity "&${ref};"`, offset + at);
    return value;
  });
}
