/**
 * Everything one synchronisation run needs, loaded once: settings, compiled rules, the trees,
 * the rule environment and the software catalogue cache. Rebuilt per run so a rule or setting
 * change applies to the next run without a restart.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { Kysely } from "kysely";
import { compileCollection } from "../../rules/mod.ts";
import type { CollectionName, RuleEnv } from "../../rules/types.ts";
import type { Database } from "../db/schema.ts";
import { type Identity, identityFilters } from "./normalize.ts";
import { listRules, seedDefaultRules } from "./rule_store.ts";
import { registryRuleEnv } from "./rule_env.ts";
import { loadSettings, type RegistrySettings } from "./settings.ts";
import type { PreparedDevice } from "./section_reader.ts";
import { SoftwareCatalogue } from "./software_catalogue.ts";
import { loadTreeIndex } from "./tree.ts";

/** A compiled collection, as the rule engine returns it. */
export type CompiledRules = Record<CollectionName, ReturnType<typeof compileCollection>>;

/** One run's state. `db` and `raw` are the same SQLite connection. */
export interface RunContext {
  db: Kysely<Database>;
  raw: DatabaseSync;
  now: Date;
  settings: RegistrySettings;
  identity: Identity;
  rules: CompiledRules;
  env: RuleEnv;
  catalogue: SoftwareCatalogue;
  /** False when no active software rule exists: the dictionary is then skipped entirely. */
  hasSoftwareRules: boolean;
  /** Who acts, for history: "" for the synchronisation itself. */
  actor: string;
  /** New devices read ahead by a batch's section reader, by device id (see section_reader.ts). */
  prepared?: ReadonlyMap<number, PreparedDevice>;
}

/** Loads a run context. */
export async function openRun(
  db: Kysely<Database>,
  raw: DatabaseSync,
  now: Date,
  actor = "",
): Promise<RunContext> {
  await seedDefaultRules(db, now);
  const settings = await loadSettings(db);
  const all = await listRules(db);
  const compile = (c: CollectionName) =>
    compileCollection(all.filter((r) => r.collection === c), c);
  const tree = await loadTreeIndex(db);
  const identity = identityFilters(settings);
  return {
    db,
    raw,
    now,
    settings,
    identity,
    rules: {
      entity: compile("entity"),
      import: compile("import"),
      location: compile("location"),
      software: compile("software"),
    },
    env: registryRuleEnv(raw, tree, identity),
    catalogue: SoftwareCatalogue.for(raw),
    hasSoftwareRules: all.some((r) => r.collection === "software" && r.active),
    actor,
  };
}
