/**
 * Writes OCS XML: the REQUEST documents agents send and the REPLY documents servers send.
 * Objects are written as child elements (XML::Simple reads attributes and children alike).
 *
 * @module
 */

import type { WritableValue } from "./types.ts";

const ESCAPE_RE = /[&<>"']/g;
const NEEDS_ESCAPE_RE = /[&<>"']/;
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for use in element content or a quoted attribute. */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE_RE.test(text) ? text.replace(ESCAPE_RE, (c) => ESCAPES[c]!) : text;
}

/** Writes `<name>value</name>`; arrays repeat the element, objects nest, empty values vanish. */
export function writeElement(name: string, value: WritableValue, indent = ""): string {
  const parts: string[] = [];
  writeElementInto(parts, name, value, indent);
  return parts.join("");
}

/** {@link writeElement} appending its pieces to `parts`, for a caller that joins them once. */
export function writeElementInto(
  parts: string[],
  name: string,
  value: WritableValue,
  indent = "",
): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const v of value) writeElementInto(parts, name, v, indent);
  } else if (typeof value === "string") {
    if (value !== "") parts.push(`${indent}<${name}>${escapeXml(value)}</${name}>\n`);
  } else {
    const inner = indent + "  ";
    parts.push(`${indent}<${name}>\n`);
    for (const key of Object.keys(value).sort()) writeElementInto(parts, key, value[key], inner);
    parts.push(`${indent}</${name}>\n`);
  }
}

/** The XML declaration agents put first (double quotes; the server's replies use single). */
export const AGENT_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** The XML declaration OCS servers put on replies. */
export const SERVER_XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n";
