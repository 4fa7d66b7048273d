/**
 * `/etc/os-release` (and `/usr/lib/os-release`): shell-like `KEY=value` lines, values optionally
 * quoted with `"` or `'`, backslash escapes inside double quotes (os-release(5)).
 *
 * @module
 */

/** Parses os-release text into its keys; comments, blank and malformed lines are skipped. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = line.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (!match) continue;
    fields[match[1]!] = unquote(match[2]!);
  }
  return fields;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\([\\"$`])/g, "$1") : inner;
  }
  // An unterminated quote (truncated file): keep what there is.
  if (quote === '"' || quote === "'") return value.slice(1);
  // Unquoted: stop at whitespace (anything after is not part of the value in shell syntax).
  return value.split(/\s/)[0]!;
}
