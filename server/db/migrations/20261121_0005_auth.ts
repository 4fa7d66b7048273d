/** Placeholder: filled by its area. */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(_db: Kysely<any>): Promise<void> {}

// deno-lint-ignore no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {}
