/**
 * Rules in the database: the shipped defaults seeded once, listing per collection, saving with
 * validation, reordering, and JSON export/import.
 *
 * @module
 */

import type { Kysely, Selectable } from "kysely";
import type { Database } from "../db/schema.ts";
import type { CollectionName, Rule } from "../../rules/types.ts";
import { defaultRules, newRuleRanking, validateRule } from "../../rules/mod.ts";
import type { RulesTable } from "./schema.ts";

const SEEDED_KEY = "rules_seeded";

/** The collections in evaluation order. */
export const COLLECTIONS: readonly CollectionName[] = ["entity", "import", "location", "software"];

function toRule(row: Selectable<RulesTable>): Rule {
  return {
    id: row.id,
    uuid: row.uuid,
    collection: row.collection as CollectionName,
    name: row.name,
    description: row.description,
    ranking: row.ranking,
    active: row.active === 1,
    match: row.match === "OR" ? "OR" : "AND",
    criteria: JSON.parse(row.criteria),
    actions: JSON.parse(row.actions),
  };
}

/**
 * Seeds the shipped rules on first use only: an admin who deletes them does not get them back on
 * the next start.
 */
export async function seedDefaultRules(db: Kysely<Database>, now: Date): Promise<boolean> {
  const seeded = await db.selectFrom("registry_settings").select("key")
    .where("key", "=", SEEDED_KEY).executeTakeFirst();
  if (seeded) return false;
  // No transaction of its own (callers may be inside one): inserting by uuid is idempotent, so
  // an interrupted seeding completes on the next call.
  for (const rule of defaultRules()) {
    const exists = await db.selectFrom("rules").select("id").where("uuid", "=", rule.uuid)
      .executeTakeFirst();
    if (!exists) await insertRule(db, rule, now);
  }
  await db.insertInto("registry_settings").values({ key: SEEDED_KEY, value: "true" })
    .onConflict((oc) => oc.doNothing()).execute();
  return true;
}

/** A rule as its `rules` row stores it (all but the id and uuid). */
function ruleRow(rule: Rule, now: Date) {
  return {
    collection: rule.collection,
    name: rule.name,
    description: rule.description,
    ranking: rule.ranking,
    active: rule.active ? 1 : 0,
    match: rule.match,
    criteria: JSON.stringify(rule.criteria),
    actions: JSON.stringify(rule.actions),
    updated_at: now.toISOString(),
  };
}

async function insertRule(db: Kysely<Database>, rule: Rule, now: Date): Promise<number> {
  const row = await db.insertInto("rules").values({ uuid: rule.uuid, ...ruleRow(rule, now) })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Every rule (of one collection), by ranking. */
export async function listRules(
  db: Kysely<Database>,
  collection?: CollectionName,
): Promise<Rule[]> {
  let q = db.selectFrom("rules").selectAll().orderBy("collection").orderBy("ranking")
    .orderBy("id");
  if (collection) q = q.where("collection", "=", collection);
  return (await q.execute()).map(toRule);
}

/** One rule by id or uuid. */
export async function getRule(db: Kysely<Database>, ref: string): Promise<Rule | undefined> {
  const q = db.selectFrom("rules").selectAll();
  const row =
    await (/^\d+$/.test(ref) ? q.where("id", "=", Number(ref)) : q.where("uuid", "=", ref))
      .executeTakeFirst();
  return row && toRule(row);
}

/**
 * Creates or replaces (same uuid) a rule after validating it; returns it with its id. A rule
 * without a ranking goes last in its collection.
 */
export async function saveRule(db: Kysely<Database>, input: unknown, now: Date): Promise<Rule> {
  const rule = validateRule(input);
  const existing = await db.selectFrom("rules").select("id").where("uuid", "=", rule.uuid)
    .executeTakeFirst();
  if (existing) {
    await db.updateTable("rules").set(ruleRow(rule, now)).where("id", "=", existing.id).execute();
    return { ...rule, id: existing.id };
  }
  return { ...rule, id: await insertRule(db, rule, now) };
}

/**
 * Gives a new rule of `collection` its place: before the collection's first catch-all (which
 * moves down, with the rules after it), else last. Returns the ranking; call in a transaction.
 */
export async function placeNewRule(
  db: Kysely<Database>,
  collection: CollectionName,
): Promise<number> {
  const { ranking, shift } = newRuleRanking(await listRules(db, collection));
  // From the bottom up, so no two rules share a ranking on the way.
  for (const r of [...shift].reverse()) {
    await db.updateTable("rules").set({ ranking: r.ranking }).where("id", "=", r.id).execute();
  }
  return ranking;
}

/** Deletes a rule; false when it did not exist. */
export async function deleteRule(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom("rules").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets the order of a collection: `ids` first to last (rankings 1, 2, 3…). */
export async function reorderRules(db: Kysely<Database>, ids: number[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await db.updateTable("rules").set({ ranking: i + 1 }).where("id", "=", id).execute();
  }
}

/**
 * Imports validated rules: each replaces the rule with the same uuid or is added. `replace`
 * first deletes the collections present in the import. Run it in one transaction (the write
 * queue's), so an import applies whole or not at all.
 */
export async function importRules(
  db: Kysely<Database>,
  rules: Rule[],
  now: Date,
  mode: "merge" | "replace" = "merge",
): Promise<{ added: number; replaced: number }> {
  let added = 0, replaced = 0;
  if (mode === "replace") {
    const collections = [...new Set(rules.map((r) => r.collection))];
    if (collections.length) {
      await db.deleteFrom("rules").where("collection", "in", collections).execute();
    }
  }
  for (const rule of rules) {
    const exists = await db.selectFrom("rules").select("id").where("uuid", "=", rule.uuid)
      .executeTakeFirst();
    await saveRule(db, rule, now);
    if (exists) replaced++;
    else added++;
  }
  return { added, replaced };
}
