/**
 * The global software catalogue with an in-memory cache of (name, publisher) → id and
 * (software, version) → id. A fleet shares most of its software, so after the first machines
 * nearly every lookup is a map hit. Inserts use INSERT OR IGNORE then SELECT, so two processes
 * filling the catalogue at once agree on ids.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import { softwareKey } from "./normalize.ts";

/** The catalogue rows of one reported entry. */
export interface CatalogueIds {
  readonly softwareId: number;
  readonly versionId: number;
}

const catalogues = new WeakMap<DatabaseSync, SoftwareCatalogue>();

/** Ids of catalogue entries, created on first sight. */
export class SoftwareCatalogue {
  readonly #software = new Map<string, number>();
  /** The same ids by the text as reported, so a known entry skips normalisation. */
  readonly #reported = new Map<string, number>();
  readonly #versions = new Map<string, number>();
  /** Both ids by name → publisher → version as reported: three lookups, nothing to build. */
  readonly #entries = new Map<string, Map<string, Map<string, CatalogueIds>>>();
  readonly #insertSoftware: StatementSync;
  readonly #selectSoftware: StatementSync;
  readonly #insertVersion: StatementSync;
  readonly #selectVersion: StatementSync;

  private constructor(raw: DatabaseSync) {
    this.#insertSoftware = raw.prepare(
      "insert or ignore into software (name, publisher, name_key, publisher_key, category) values (?, ?, ?, ?, ?)",
    );
    this.#selectSoftware = raw.prepare(
      "select id from software where name_key = ? and publisher_key = ?",
    );
    this.#insertVersion = raw.prepare(
      "insert or ignore into software_versions (software_id, version) values (?, ?)",
    );
    this.#selectVersion = raw.prepare(
      "select id from software_versions where software_id = ? and version = ?",
    );
  }

  /** The catalogue of one connection (cached: ids never change once given). */
  static for(raw: DatabaseSync): SoftwareCatalogue {
    let catalogue = catalogues.get(raw);
    if (!catalogue) catalogues.set(raw, catalogue = new SoftwareCatalogue(raw));
    return catalogue;
  }

  /** Forgets cached ids (after a purge of catalogue rows, or a rolled-back transaction). */
  clear(): void {
    this.#software.clear();
    this.#reported.clear();
    this.#versions.clear();
    this.#entries.clear();
  }

  /**
   * The software and version ids of an entry as reported, created if new. A fleet reports the
   * same few thousand entries over and over, so this is nearly always three map hits.
   */
  idsOf(name: string, publisher: string, version: string, category = ""): CatalogueIds {
    let byPublisher = this.#entries.get(name);
    if (!byPublisher) this.#entries.set(name, byPublisher = new Map());
    let byVersion = byPublisher.get(publisher);
    if (!byVersion) byPublisher.set(publisher, byVersion = new Map());
    let ids = byVersion.get(version);
    if (!ids) {
      const softwareId = this.softwareId(name, publisher, category);
      ids = { softwareId, versionId: this.versionId(softwareId, version) };
      byVersion.set(version, ids);
    }
    return ids;
  }

  /** The id of (name, publisher), created if new. */
  softwareId(name: string, publisher: string, category = ""): number {
    const reported = `${name}\u0000${publisher}`;
    const known = this.#reported.get(reported);
    if (known !== undefined) return known;
    const nameKey = softwareKey(name);
    const publisherKey = softwareKey(publisher);
    const key = `${nameKey}\u0000${publisherKey}`;
    let id = this.#software.get(key);
    if (id === undefined) {
      this.#insertSoftware.run(name.trim(), publisher.trim(), nameKey, publisherKey, category);
      id = Number((this.#selectSoftware.get(nameKey, publisherKey) as { id: number }).id);
      this.#software.set(key, id);
    }
    this.#reported.set(reported, id);
    return id;
  }

  /** The id of a version of a software, created if new. */
  versionId(softwareId: number, version: string): number {
    const key = `${softwareId}\u0000${version}`;
    let id = this.#versions.get(key);
    if (id === undefined) {
      this.#insertVersion.run(softwareId, version);
      id = Number((this.#selectVersion.get(softwareId, version) as { id: number }).id);
      this.#versions.set(key, id);
    }
    return id;
  }
}
