/**
 * Several devices feeding one computer (registry/precedence.ts): each link records whether an
 * admin chose its device as the computer's primary one, and which parts of the computer its
 * device supplied at the last synchronisation (shown on the computer page).
 *
 * Existing links: no choice made; `supplies` stays empty until the next synchronisation of the
 * computer says otherwise (a computer with one device gets every part from it).
 */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("computer_links")
    .addColumn("is_primary", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("computer_links")
    .addColumn("supplies", "text", (c) => c.notNull().defaultTo("")).execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("computer_links").dropColumn("supplies").execute();
  await db.schema.alterTable("computer_links").dropColumn("is_primary").execute();
}
