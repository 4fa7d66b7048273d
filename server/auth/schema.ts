/**
 * Table types of the auth area, joined into `Database` by `server/db/schema.ts`.
 *
 * @module
 */

/** The auth tables. */
// deno-lint-ignore no-empty-interface
export interface AuthTables {}
