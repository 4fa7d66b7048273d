/**
 * The statements a synchronisation runs per device, compiled once per connection through the
 * shared mechanism (`db/compiled.ts`): a new computer inserts ~800 software rows and reads its
 * sections, so neither may pay Kysely's query building or a `prepare()` per call.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { type CompiledStatement, compileStatement, perConnection } from "../db/compiled.ts";
import type { Database } from "../db/schema.ts";

/** Installations per multi-row INSERT (4 parameters each, far below SQLite's limit). */
export const INSERT_CHUNK = 100;

/** One installation to insert. */
export interface InstallRow {
  versionId: number;
  installDate: string;
  arch: string;
}

type SectionRow = { section: string; data: string };

/** The registry's hot statements, for the connection behind `db`. */
export const registryStatements = perConnection((db: Kysely<Database>, raw) => {
  const sectionsByNames = new Map<string, CompiledStatement<SectionRow>>();
  const insertBySize = new Map<number, CompiledStatement<never>>();
  const sectionHashes = compileStatement<{ section: string; hash: string }>(
    raw,
    (slot) =>
      db.selectFrom("device_sections").select(["section", "hash"])
        .where("device_id", "=", slot<number>("device")),
  );
  const installsOf = compileStatement<{
    version_id: number;
    software_id: number;
    version: string;
    name: string;
  }>(raw, (slot) =>
    db.selectFrom("software_installs")
      .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
      .innerJoin("software", "software.id", "software_versions.software_id")
      .select([
        "software_installs.version_id",
        "software_versions.software_id",
        "software_versions.version",
        "software.name",
      ])
      .where("software_installs.computer_id", "=", slot<number>("computer")));
  const deleteInstall = compileStatement(
    raw,
    (slot) =>
      db.deleteFrom("software_installs").where("computer_id", "=", slot<number>("computer"))
        .where("version_id", "=", slot<number>("version")),
  );

  return {
    /** Section name → hash of one device. */
    sectionHashes(deviceId: number): Map<string, string> {
      return new Map(sectionHashes.all({ device: deviceId }).map((r) => [r.section, r.hash]));
    },
    /** The named sections' JSON of one device (one statement per distinct name list). */
    sectionData(deviceId: number, names: readonly string[]): SectionRow[] {
      const key = names.join(",");
      let statement = sectionsByNames.get(key);
      if (!statement) {
        statement = compileStatement<SectionRow>(
          raw,
          (slot) =>
            db.selectFrom("device_sections").select(["section", "data"])
              .where("device_id", "=", slot<number>("device"))
              .where("section", "in", names.map((_, i) => slot<string>(`s${i}`))),
        );
        sectionsByNames.set(key, statement);
      }
      const values: Record<string, unknown> = { device: deviceId };
      names.forEach((name, i) => values[`s${i}`] = name);
      return statement.all(values);
    },
    installsOf: (computerId: number) => installsOf.all({ computer: computerId }),
    deleteInstall: (computerId: number, versionId: number) =>
      deleteInstall.run({ computer: computerId, version: versionId }),
    /**
     * Inserts installations, `INSERT_CHUNK` rows per statement; the remainder row by row so that
     * varying list lengths across a fleet do not compile a statement per length.
     */
    insertInstalls(computerId: number, rows: readonly InstallRow[]): void {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        if (chunk.length === INSERT_CHUNK) insertRows(computerId, chunk);
        else for (const row of chunk) insertRows(computerId, [row]);
      }
    },
  };

  function insertRows(computerId: number, rows: readonly InstallRow[]) {
    let statement = insertBySize.get(rows.length);
    if (!statement) {
      statement = compileStatement<never>(
        raw,
        (slot) =>
          db.insertInto("software_installs").values(rows.map((_, i) => ({
            computer_id: slot<number>("computer"),
            version_id: slot<number>(`v${i}`),
            install_date: slot<string>(`d${i}`),
            arch: slot<string>(`a${i}`),
          }))),
      );
      insertBySize.set(rows.length, statement);
    }
    const values: Record<string, unknown> = { computer: computerId };
    rows.forEach((row, i) => {
      values[`v${i}`] = row.versionId;
      values[`d${i}`] = row.installDate;
      values[`a${i}`] = row.arch;
    });
    statement.run(values);
  }
});
