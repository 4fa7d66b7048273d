/**
 * Table types of the tasks area, joined into `Database` by `server/db/schema.ts`.
 *
 * @module
 */

/** The tasks tables. */
// deno-lint-ignore no-empty-interface
export interface TaskTables {}
