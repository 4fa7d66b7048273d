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
import type { PreparedSoftware } from "./section_reader.ts";
import { type InstallRow, registryStatements } from "./statements.ts";
import type { RunContext } from "./run_context.ts";

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
  const { catalogue } = run;
  const changes: SoftwareChanges = { added: 0, removed: 0, updated: 0, ignored: 0 };
  const wanted = new Map<number, Wanted>();
  for (const reported of facts) {
    const fact = throughDictionary(run, reported);
    if (!fact) {
      changes.ignored++;
      continue;
    }
    const { softwareId, versionId } = catalogue.idsOf(
      fact.name,
      fact.publisher,
      fact.version,
      fact.category,
    );
    wanted.set(versionId, {
      versionId,
      softwareId,
      label: fact.name,
      version: fact.version,
      installDate: fact.installDate,
      arch: fact.arch,
    });
  }

  const statements = registryStatements(run.db);
  // A computer created in this transaction has nothing installed yet.
  const existing = options.fresh ? [] : statements.installsOf(computerId);

  const removedBySoftware = new Map<number, { version: string; name: string }>();
  for (const row of existing) {
    if (wanted.delete(row.version_id)) continue;
    statements.deleteInstall(computerId, row.version_id);
    removedBySoftware.set(row.software_id, { version: row.version, name: row.name });
  }
  const toInsert = [...wanted.values()];
  statements.insertInstalls(computerId, toInsert);
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

/**
 * Installs the software a section reader prepared (`section_reader.ts`) on a computer created in
 * this transaction: nothing to diff, no history, no dictionary (it is only prepared when no
 * software rule is active). Entries the catalogue lacked when read are resolved here.
 */
export function applyPreparedSoftware(
  run: RunContext,
  computerId: number,
  prepared: PreparedSoftware,
): SoftwareChanges {
  const { entries, texts } = prepared;
  for (const entry of prepared.unresolved) {
    entries[3 * entry.index] = run.catalogue.idsOf(
      entry.name,
      entry.publisher,
      entry.version,
      entry.category,
    ).versionId;
  }
  // One installation per version; the last report of a version wins, as in applySoftware.
  const last = new Map<number, number>();
  for (let i = 0; i < entries.length; i += 3) last.set(entries[i]!, i);
  const rows: InstallRow[] = [];
  for (const [versionId, i] of last) {
    rows.push({ versionId, installDate: texts[entries[i + 1]!]!, arch: texts[entries[i + 2]!]! });
  }
  registryStatements(run.db).insertInstalls(computerId, rows);
  return { added: rows.length, removed: 0, updated: 0, ignored: 0 };
}
