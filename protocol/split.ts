/**
 * Cuts an INVENTORY document into its CONTENT sections as raw text, without parsing them. A
 * re-inventory usually changes two sections of twenty; hashing each section's raw text lets the
 * server parse only those (the rest are byte-identical to what it validated before).
 *
 * The cut is deliberately naive (a section ends at the first matching end tag). It never decides
 * validity: the caller parses the skeleton and every slice it keeps with the strict reader, and
 * falls back to parsing the whole document when anything here does not line up.
 *
 * @module
 */

/** One section element as raw text, in document order. */
export interface RawSlice {
  name: string;
  text: string;
  /** Offsets of the slice in the document (end exclusive). */
  start: number;
  end: number;
}

/** A document cut at its CONTENT children. */
export interface SplitDocument {
  /** The whole document the slices point into. */
  text: string;
  /** The document with every CONTENT child removed (whitespace kept). */
  skeleton: string;
  slices: RawSlice[];
}

const OPEN = "<CONTENT>";
const CLOSE = "</CONTENT>";

/** Cuts `text` at its CONTENT children; null when the document does not have the usual shape. */
export function splitContent(text: string): SplitDocument | null {
  const open = text.indexOf(OPEN);
  if (open === -1) return null;
  let pos = open + OPEN.length;
  const slices: RawSlice[] = [];
  // A section's entries come one after the other: their name and end tag are found once.
  let name = "";
  let close = "";
  for (;;) {
    pos = skipSpace(text, pos);
    if (text.startsWith(CLOSE, pos)) break;
    if (text.charCodeAt(pos) !== 0x3c /* < */) return null; // text, or end of input
    const next = text.charCodeAt(pos + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */ || next === 0x2f /* / */) return null;
    if (!(text.startsWith(name, pos + 1) && endsName(text.charCodeAt(pos + 1 + name.length)))) {
      name = elementName(text, pos);
      close = `</${name}>`;
    }
    const end = elementEnd(text, pos, name, close);
    if (end === -1) return null;
    slices.push({ name, text: text.slice(pos, end), start: pos, end });
    pos = end;
  }
  if (text.indexOf(OPEN, pos) !== -1) return null; // a second CONTENT: let the parser judge
  return { text, skeleton: text.slice(0, open + OPEN.length) + text.slice(pos), slices };
}

function elementName(text: string, lt: number): string {
  let i = lt + 1;
  while (!endsName(text.charCodeAt(i))) i++;
  return text.slice(lt + 1, i);
}

/** Whether `c` ends a tag name here: `>`, `/`, white space or the end of the text. */
function endsName(c: number): boolean {
  return Number.isNaN(c) || c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a ||
    c === 0x0d;
}

/** End (exclusive) of the element `name` starting at `lt` (`close` is its end tag), or -1. */
function elementEnd(text: string, lt: number, name: string, close: string): number {
  if (name === "") return -1;
  const gt = text.indexOf(">", lt);
  if (gt === -1) return -1;
  if (text.charCodeAt(gt - 1) === 0x2f /* / */) return gt + 1; // <NAME … />
  const at = text.indexOf(close, gt + 1);
  return at === -1 ? -1 : at + close.length;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}
