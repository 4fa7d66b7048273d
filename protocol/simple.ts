/**
 * Reads an element tree the way the OCS server's XML::Simple does, so that every agent's quirks
 * mean what they mean there: attributes and child elements are the same thing, an empty element
 * is the same as an absent one, a repeated element is an array, and the sections the reference
 * marks "multi" are arrays even with one entry.
 *
 * @module
 */

import { sectionSpec } from "./sections.ts";
import type { InventoryContent, SimpleObject, SimpleValue } from "./types.ts";
import type { ValueElement, XmlElement } from "./xml_reader.ts";

/**
 * The value of one element: its text when it has neither attributes nor children, else an
 * object of attributes and children (repeated children become arrays, mixed text goes under
 * `content`). Returns undefined for an empty element.
 */
export function simpleValue(element: XmlElement): SimpleValue | undefined {
  if (element.children === null) {
    // Read as a value by the reader already (parseXml's valueDepth).
    if ("value" in element) return (element as ValueElement).value;
    if (element.attributes === null) return element.text === "" ? undefined : element.text;
  }
  let object: SimpleObject | null = null;
  if (element.attributes !== null) {
    for (const key in element.attributes) {
      const value = element.attributes[key]!;
      if (value !== "") (object ??= {})[key] = value;
    }
  }
  if (element.children !== null) {
    for (const child of element.children) {
      const value = simpleValue(child);
      if (value !== undefined) addValue(object ??= {}, child.name, value);
    }
  }
  return closeValue(true, object, element.text);
}

/**
 * The value of an element once its attributes and children are in `object` (null: none kept):
 * its text when it is not `structured` (has neither attributes nor children), else the object
 * with mixed text under `content`; undefined when that leaves nothing.
 */
export function closeValue(
  structured: boolean,
  object: SimpleObject | null,
  text: string,
): SimpleValue | undefined {
  if (!structured) return text === "" ? undefined : text;
  if (text !== "" && text.trim() !== "") addValue(object ??= {}, "content", text);
  return object ?? undefined;
}

/** Reads a CONTENT element into sections: multi and unknown sections as arrays. */
export function readContent(content: XmlElement): InventoryContent {
  const sections: Record<string, SimpleValue> = {};
  for (const child of content.children ?? []) {
    const value = simpleValue(child);
    if (value === undefined) continue;
    const spec = sectionSpec(child.name);
    if (spec && !spec.multi) {
      // A single section sent twice is an agent bug; the first one wins, as it is the one
      // a reader of the document meets first.
      if (!Object.hasOwn(sections, child.name)) sections[child.name] = value;
      continue;
    }
    const list = sections[child.name];
    if (Array.isArray(list)) list.push(value);
    else sections[child.name] = [value];
  }
  return sections as InventoryContent;
}

/** The text of a direct child element or attribute, trimmed; undefined when absent or empty. */
export function textOf(element: XmlElement, name: string): string | undefined {
  const attribute = element.attributes?.[name];
  if (attribute !== undefined && attribute.trim() !== "") return attribute.trim();
  for (const child of element.children ?? []) {
    if (child.name === name) {
      const text = child.text.trim();
      if (text !== "") return text;
    }
  }
  return undefined;
}

/** Adds a child's value under `key`: a second one makes an array, later ones are appended. */
export function addValue(object: SimpleObject, key: string, value: SimpleValue): void {
  // An element's value is never an array, so an array here can only be a repetition. Own keys
  // only: a field named "constructor" or "toString" must not meet Object.prototype's.
  // Most keys are new: one plain read finds that, the own-key check only runs on a hit.
  let existing = object[key];
  if (existing !== undefined && !Object.hasOwn(object, key)) existing = undefined;
  if (existing === undefined) object[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else object[key] = [existing, value];
}
