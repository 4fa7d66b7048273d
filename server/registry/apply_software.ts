/**
 * Synchronising a computer's installed software: each reported entry passes the software
 * dictionary (rename, re-version, ignore, category), is found or added in the global catalogue,
 * and the computer's installations are brought to the result. An upgrade (same software, other
 * version) is recorded as one "updated" history entry, not a removal plus an addition.
 *
 * @module
 */

import { decideSoftware, evaluate } from "../../rules/mod.ts";
import type { SoftwareFact } from "./facts.ts";
import type { HistoryBatch } from "./history.ts";
import { prepared } from "./prepared.ts";
import type { RunContext } from "./run_context.ts";

/** Installations per multi-row INSERT (4 parameters each, far below SQLite's limit). */
const INSERT_CHUNK = 100;

interface Wanted {
  versionId: number;
  softwareId: number;
  label: string;
  version: string;
  installDate: string;
  arch: string;
}

/** The dictionary's verdict per distinct (name, publisher, version), cached for the run. */
const dictionaryCache = new WeakMap<RunContext, Map<string, SoftwareFact | null>>();

function throughDictionary(run: RunContext, fact: SoftwareFact): SoftwareFact | null {
  if (!run.hasSoftwareRules) return fact;
  let cache = dictionaryCache.get(run);
  if (!cache) dictionaryCache.set(run, cache = new Map());
  const key = `${fact.name}\u0000${fact.publisher}\u0000${fact.version}\u0000${fact.category}`;
  if (cache.has(key)) {
    const hit = cache.get(key)!;
    return hit && { ...hit, installDate: fact.installDate, arch: fact.arch };
  }
  const result = evaluate(run.rules.software, {
    name: fact.name,
    publisher: fact.publisher,
    version: fact.version,
    category: fact.category,
    comment: fact.comment,
  }, run.env);
  const verdict = decideSoftware(result);
  const out = verdict.kind === "ignore" ? null : verdict.kind === "rename"
    ? {
      ...fact,
      name: verdict.changes.name ?? fact.name,
      version: verdict.changes.version ?? fact.version,
      publisher: verdict.changes.publisher ?? fact.publisher,
      category: verdict.changes.category ?? fact.category,
    }
    : fact;
  cache.set(key, out);
  return out;
}

/** Counts of what changed. */
export interface SoftwareChanges {
  added: number;
  removed: number;
  updated: number;
  ignored: number;
}

/** Brings computer `computerId`'s installations to `facts`. */
export function applySoftware(
  run: RunContext,
  computerId: number,
  facts: SoftwareFact[],
  history: HistoryBatch,
  options: { quiet?: boolean; fresh?: boolean } = {},
): SoftwareChanges {
  const { raw, catalogue } = run;
  const changes: SoftwareChanges = { added: 0, removed: 0, updated: 0, ignored: 0 };
  const wanted = new Map<number, Wanted>();
  for (const reported of facts) {
    const fact = throughDictionary(run, reported);
    if (!fact) {
      changes.ignored++;
      continue;
    }
    const softwareId = catalogue.softwareId(fact.name, fact.publisher, fact.category);
    const versionId = catalogue.versionId(softwareId, fact.version);
    wanted.set(versionId, {
      versionId,
      softwareId,
      label: fact.name,
      version: fact.version,
      installDate: fact.installDate,
      arch: fact.arch,
    });
  }

  // A computer created in this transaction has nothing installed yet.
  const existing = options.fresh
    ? []
    : prepared(raw, "installs.of", () =>
      run.db.selectFrom("software_installs")
        .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
        .innerJoin("software", "software.id", "software_versions.software_id")
        .select([
          "software_installs.version_id",
          "software_versions.software_id",
          "software_versions.version",
          "software.name",
        ])
        .where("software_installs.computer_id", "=", 0)).all(computerId) as {
        version_id: number;
        software_id: number;
        version: string;
        name: string;
      }[];

  // Multi-row inserts: one statement call per 100 installations instead of one per row.
  const insertRows = (rows: Wanted[]) => {
    const statement = prepared(
      raw,
      `installs.insert.${rows.length}`,
      () =>
        run.db.insertInto("software_installs").values(
          rows.map(() => ({ computer_id: 0, version_id: 0, install_date: "", arch: "" })),
        ),
    );
    const params: (string | number)[] = [];
    for (const w of rows) params.push(computerId, w.versionId, w.installDate, w.arch);
    statement.run(...params);
  };
  const remove = prepared(
    raw,
    "installs.delete",
    () =>
      run.db.deleteFrom("software_installs").where("computer_id", "=", 0)
        .where("version_id", "=", 0),
  );

  const removedBySoftware = new Map<number, { version: string; name: string }>();
  for (const row of existing) {
    if (wanted.delete(row.version_id)) continue;
    remove.run(computerId, row.version_id);
    removedBySoftware.set(row.software_id, { version: row.version, name: row.name });
  }
  const toInsert = [...wanted.values()];
  for (let i = 0; i < toInsert.length; i += INSERT_CHUNK) {
    const chunk = toInsert.slice(i, i + INSERT_CHUNK);
    // Full chunks share one cached statement; the remainder goes row by row so that varying
    // list lengths across a fleet do not fill the statement cache.
    if (chunk.length === INSERT_CHUNK) insertRows(chunk);
    else for (const w of chunk) insertRows([w]);
  }
  for (const w of toInsert) {
    const before = removedBySoftware.get(w.softwareId);
    if (before) {
      removedBySoftware.delete(w.softwareId);
      changes.updated++;
      if (!options.quiet) {
        history.add({
          kind: "software_updated",
          field: w.label,
          oldValue: before.version,
          newValue: w.version,
        });
      }
    } else {
      changes.added++;
      if (!options.quiet) {
        history.add({ kind: "software_added", field: w.label, newValue: w.version });
      }
    }
  }
  for (const gone of removedBySoftware.values()) {
    changes.removed++;
    if (!options.quiet) {
      history.add({ kind: "software_removed", field: gone.name, oldValue: gone.version });
    }
  }
  return changes;
}
