/**
 * A strict, small, fast XML reader for OCS messages.
 *
 * Why our own: XML parsing is the ingestion hot path. Measured on the 312 KB real inventory
 * (`BENCHMARKS.md`), the npm parsers cost 8.5–50 ms per document, which caps one core at
 * 20–117 inventories/s; this reader does the same document in about 1.3 ms. It is strict where it
 * matters for safety and correctness: any DOCTYPE or entity declaration is refused (no XXE, no
 * entity expansion), only the five predefined entities and character references are accepted,
 * tags must balance, attributes must be quoted and unique.
 *
 * It reads an element tree, or — for the server's ingestion — a tree down to a given depth whose
 * deeper elements are read straight into their XML::Simple value (`simple.ts`): the ~7,000
 * fields of an inventory then never exist as elements, and no second pass walks them.
 *
 * @module
 */

import { OcsSyntaxError } from "./errors.ts";
import { addValue, closeValue } from "./simple.ts";
import type { SimpleObject, SimpleValue } from "./types.ts";
import {
  decodeText,
  isBlank,
  isNameChar,
  nameEnd,
  readMarkupDeclaration,
  readStartTagRest,
  skipSpace,
  type StartTag,
} from "./xml_lexer.ts";

/** One element: name, attributes, child elements and its own text (concatenated). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string> | null;
  children: XmlElement[] | null;
  text: string;
}

/**
 * An element read as its XML::Simple value (see {@link parseXml}'s `valueDepth`): no children,
 * but its value, its own text and raw attributes, and where it sits in the source.
 */
export interface ValueElement extends XmlElement {
  children: null;
  /** What `simpleValue()` gives for the element; undefined when it is empty. */
  value: SimpleValue | undefined;
  /** Offset of its `<` in the source. */
  start: number;
  /** Offset just after its end tag (or `/>`). */
  end: number;
}

/** Whether `element` was read as a value (its children are then in `value`, not `children`). */
export function isValueElement(element: XmlElement): element is ValueElement {
  return "value" in element;
}

/**
 * Parses one XML document and returns its root element. Elements at depth `valueDepth` and
 * deeper (the root is depth 0) are read straight into values: the ones at `valueDepth` become
 * {@link ValueElement}s, the deeper ones exist only inside their values. The checks are the same
 * at every depth.
 *
 * @throws {OcsSyntaxError} on any well-formedness error, DOCTYPE, or unknown entity
 * @example
 * ```ts
 * const root = parseXml("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>");
 * root.children?.[0]?.text; // "PROLOG"
 * ```
 */
export function parseXml(source: string, valueDepth = Infinity): XmlElement {
  return new XmlReader(source, valueDepth).read();
}

/** One open element. Frames are reused by depth: an inventory opens ~7,400 elements. */
class Frame {
  name = "";
  start = 0;
  text = "";
  attributes: Record<string, string> | null = null;
  /** The element, for depths kept as a tree. */
  element: XmlElement | null = null;
  /** The value under construction, for depths read as values (null until a field is added). */
  object: SimpleObject | null = null;
  /** Has attributes or child elements: its value is an object, not its text. */
  structured = false;
}

class XmlReader {
  readonly #source: string;
  readonly #valueDepth: number;
  readonly #frames: Frame[] = [];
  readonly #tag: StartTag = { end: 0, attributes: null, selfClosing: false };
  #depth = 0;
  #root: XmlElement | null = null;
  #sawRoot = false;

  constructor(source: string, valueDepth: number) {
    this.#source = source;
    this.#valueDepth = valueDepth;
  }

  read(): XmlElement {
    const source = this.#source;
    const length = source.length;
    let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (pos < length) {
      const lt = source.indexOf("<", pos);
      const textEnd = lt === -1 ? length : lt;
      if (textEnd > pos && !isBlank(source, pos, textEnd)) {
        if (this.#depth === 0) throw new OcsSyntaxError("Text outside the root element", pos);
        this.#frames[this.#depth - 1]!.text += decodeText(source, pos, textEnd);
      }
      if (lt === -1) break;
      const next = source.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) {
        pos = this.#endTag(lt);
      } else if (next === 0x21 /* ! */) {
        const { end, cdata } = readMarkupDeclaration(source, lt);
        if (cdata !== null) {
          if (this.#depth === 0) throw new OcsSyntaxError("CDATA outside the root element", lt);
          this.#frames[this.#depth - 1]!.text += cdata;
        }
        pos = end;
      } else if (next === 0x3f /* ? */) {
        const end = source.indexOf("?>", lt + 2);
        if (end === -1) throw new OcsSyntaxError("Unterminated processing instruction", lt);
        pos = end + 2;
      } else {
        pos = this.#startTag(lt);
      }
    }
    if (this.#depth > 0) {
      throw new OcsSyntaxError(`Unclosed element "${this.#frames[this.#depth - 1]!.name}"`, length);
    }
    if (!this.#root) throw new OcsSyntaxError("No root element", 0);
    return this.#root;
  }

  #startTag(lt: number): number {
    const source = this.#source;
    const nameStop = nameEnd(source, lt + 1);
    if (nameStop === lt + 1) throw new OcsSyntaxError("Invalid element name", lt + 1);
    const name = source.slice(lt + 1, nameStop);
    let end: number, attributes: Record<string, string> | null, selfClosing: boolean;
    if (source.charCodeAt(nameStop) === 0x3e /* > */) {
      // A bare `<NAME>`, as most OCS tags are: no attribute loop.
      end = nameStop + 1;
      attributes = null;
      selfClosing = false;
    } else {
      ({ end, attributes, selfClosing } = readStartTagRest(source, name, nameStop, this.#tag));
    }
    const depth = this.#depth;
    if (depth > this.#valueDepth && attributes === null && !selfClosing) {
      const leafEnd = this.#leaf(name, end);
      if (leafEnd !== -1) return leafEnd;
    }
    if (depth === 0) {
      if (this.#sawRoot) throw new OcsSyntaxError(`A second root element "${name}"`, lt);
      this.#sawRoot = true;
    }
    const frame = this.#frames[depth] ??= new Frame();
    frame.name = name;
    frame.start = lt;
    frame.text = "";
    frame.attributes = attributes;
    frame.object = null;
    if (depth < this.#valueDepth) {
      const element: XmlElement = { name, attributes, children: null, text: "" };
      frame.element = element;
      if (depth === 0) this.#root = element;
      else (this.#frames[depth - 1]!.element!.children ??= []).push(element);
    } else {
      frame.element = null;
      frame.structured = attributes !== null;
      if (attributes !== null) {
        for (const key in attributes) {
          const value = attributes[key]!;
          if (value !== "") (frame.object ??= {})[key] = value;
        }
      }
    }
    this.#depth = depth + 1;
    if (selfClosing) this.#close(end);
    return end;
  }

  /**
   * `<NAME>text</NAME>` inside a value, the shape of nearly every OCS field, read in one step:
   * its text straight into the parent's value, no frame. Returns where it ends, or -1 when the
   * element is anything else (children, comments, a spaced or wrong end tag…): then the general
   * path reads it, and reports any error.
   */
  #leaf(name: string, start: number): number {
    const source = this.#source;
    const lt = source.indexOf("<", start);
    if (lt === -1 || source.charCodeAt(lt + 1) !== 0x2f /* / */) return -1;
    const nameStop = lt + 2 + name.length;
    if (source.charCodeAt(nameStop) !== 0x3e /* > */ || !source.startsWith(name, lt + 2)) {
      return -1;
    }
    const parent = this.#frames[this.#depth - 1]!;
    parent.structured = true;
    if (lt > start && !isBlank(source, start, lt)) {
      addValue(parent.object ??= {}, name, decodeText(source, start, lt));
    }
    return nameStop + 1;
  }

  #endTag(lt: number): number {
    const source = this.#source;
    const depth = this.#depth;
    const open = depth > 0 ? this.#frames[depth - 1]!.name : null;
    const nameStop = lt + 2 + (open?.length ?? 0);
    if (
      open === null || !source.startsWith(open, lt + 2) || isNameChar(source.charCodeAt(nameStop))
    ) {
      const name = source.slice(lt + 2, nameEnd(source, lt + 2));
      throw new OcsSyntaxError(
        open !== null ? `End tag "${name}" does not match "${open}"` : `Stray end tag "${name}"`,
        lt,
      );
    }
    const gt = skipSpace(source, nameStop);
    if (source.charCodeAt(gt) !== 0x3e) throw new OcsSyntaxError("Expected '>'", gt);
    this.#close(gt + 1);
    return gt + 1;
  }

  /** Closes the innermost open element, which ends just before `end`. */
  #close(end: number): void {
    const depth = --this.#depth;
    const frame = this.#frames[depth]!;
    if (depth < this.#valueDepth) {
      frame.element!.text = frame.text;
      frame.element = null;
      return;
    }
    const value = closeValue(frame.structured, frame.object, frame.text);
    if (depth === this.#valueDepth) {
      const element: ValueElement = {
        name: frame.name,
        attributes: frame.attributes,
        children: null,
        text: frame.text,
        value,
        start: frame.start,
        end,
      };
      if (depth === 0) this.#root = element;
      else (this.#frames[depth - 1]!.element!.children ??= []).push(element);
    } else {
      const parent = this.#frames[depth - 1]!;
      parent.structured = true;
      if (value !== undefined) addValue(parent.object ??= {}, frame.name, value);
    }
    frame.object = null;
    frame.attributes = null;
  }
}
