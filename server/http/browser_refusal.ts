/**
 * The agent endpoint refuses what only browsers send. Agents are not browsers: they send no
 * `Origin`, no `Sec-Fetch-*`, and a compressed or XML body (`application/x-compress`,
 * `application/x-compress-zlib`, `application/xml`…), never a form. A web page a visitor opens
 * can make the browser POST across origins only as a "simple" request (form content types, or
 * `fetch(…, {mode: "no-cors"})`), which always carries `Origin` in today's browsers and
 * `Sec-Fetch-Site` in Chromium and Firefox: refusing those leaves a page no way to plant an
 * inventory through a visitor's browser.
 *
 * @module
 */

/** Media types an HTML form (or a no-cors fetch) can send without a CORS preflight. */
const FORM_TYPES = new Set([
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
]);

/** Why `request` looks like a browser's, or null for an agent's. */
export function browserRequestReason(request: Request): string | null {
  const headers = request.headers;
  if (headers.has("origin")) return "an Origin header (a browser)";
  const site = headers.get("sec-fetch-site");
  if (site !== null && site.trim().toLowerCase() !== "none") {
    return `Sec-Fetch-Site: ${site.slice(0, 40)} (a browser)`;
  }
  const type = headers.get("content-type");
  const media = (type ?? "").split(";")[0]!.trim().toLowerCase();
  if (FORM_TYPES.has(media)) return `a form content type (${media})`;
  return null;
}

/** The 403 for a browser's request. */
export function browserRefusal(reason: string): Response {
  return new Response(`Refused: ${reason}; agents post here, browsers may not\n`, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
