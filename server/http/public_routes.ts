/**
 * The routes anyone may call without signing in. Every other route starts with a guard
 * (guards.ts); tests/auth_routes_test.ts walks the app's route list and fails for a route that
 * is neither listed here nor guarded.
 *
 * @module
 */

/** `METHOD path` as Hono lists it. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  // The OCS agent endpoint: its own optional Basic auth (agent_auth.ts).
  "POST /ocsinventory",
  "POST /ocsinventory/*",
  "GET /ocsinventory",
  "GET /ocsinventory/*",
  "PUT /ocsinventory",
  "PUT /ocsinventory/*",
  "DELETE /ocsinventory",
  "DELETE /ocsinventory/*",
  "PATCH /ocsinventory",
  "PATCH /ocsinventory/*",
  "GET /healthz",
  "GET /login",
  "POST /login",
  "GET /assets/console.css",
]);
