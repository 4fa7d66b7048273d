/**
 * Where to go after signing in: `next` is parsed as a URL against a placeholder origin and kept
 * only when it stays on that origin. Control characters and backslashes refuse it outright:
 * browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` and
 * `/\evil.example` lead off-site, and a newline in a Location header is a server error.
 *
 * @module
 */

const PLACEHOLDER = "http://inventory.invalid";

/** `next` when it is a path on this site, else "/"; the result is a normalised path. */
export function safeNext(next: string | null | undefined): string {
  // deno-lint-ignore no-control-regex
  if (!next || !next.startsWith("/") || /[\x00-\x1f\x7f-\x9f\\]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER || next.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}
