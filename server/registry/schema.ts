/**
 * Table types of the registry area, joined into `Database` by `server/db/schema.ts`.
 *
 * @module
 */

/** The registry tables. */
// deno-lint-ignore no-empty-interface
export interface RegistryTables {}
