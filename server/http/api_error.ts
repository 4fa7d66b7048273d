/**
 * The API's error shape: JSON `{status, message, data}` with the same status on the response.
 *
 * @module
 */

/** A JSON error response; `headers` adds e.g. `WWW-Authenticate` or `Retry-After`. */
export function apiError(
  status: number,
  message: string,
  data: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json({ status, message, data }, { status, headers });
}
