/**
 * The section reader's worker: reads and parses the stored sections of devices that are about
 * to be imported, on its own read-only connection (WAL lets it read while the main thread
 * writes), and turns their SOFTWARES into catalogue ids where the catalogue already has them.
 * The main thread then receives small sections, two id arrays and two string arrays per device
 * instead of parsing ~190 KB of JSON and looking up ~800 entries itself.
 *
 * Nothing here writes: catalogue entries not committed yet come back unresolved and the main
 * thread resolves (and creates) them in its transaction.
 *
 * @module
 */

import { DatabaseSync, type StatementSync } from "node:sqlite";
import { inWorkerThread } from "../worker_thread.ts";
import { ALL_PARTS, sectionsFor, software } from "./facts.ts";
import { softwareKey } from "./normalize.ts";

/** A request: prepare these devices of the database at `path`. */
export interface PrefetchRequest {
  id: number;
  path: string;
  deviceIds: number[];
  /** Resolve SOFTWARES into ids (false when software rules must see every entry first). */
  resolveSoftware: boolean;
}

/** A SOFTWARES entry the catalogue did not have when read; `index` is its report position. */
export interface UnresolvedSoftware {
  index: number;
  name: string;
  publisher: string;
  version: string;
  category: string;
}

/**
 * A device's installed software: for the i-th reported entry (entries without a name dropped,
 * as `facts.software` does), `entries[3i]` is its version id (0: unresolved), `entries[3i + 1]`
 * and `entries[3i + 2]` its install date and architecture as indexes into `texts`. A machine
 * reports a handful of distinct dates and architectures; numbers cross to the main thread
 * without making ~1,600 strings there.
 */
export interface PreparedSoftware {
  entries: Int32Array;
  texts: string[];
  unresolved: UnresolvedSoftware[];
}

/**
 * One new device, read and prepared. Valid only while its section hashes are still those read.
 * Sections travel as JSON text: the main thread parses the few kilobytes when it uses them, so
 * they die young there instead of aging in its heap while the wave waits.
 */
export interface PreparedDevice {
  deviceId: number;
  /** Section → hash of every stored section, as read (JSON object). */
  hashesJson: string;
  /** The sections the registry reads (JSON object), without SOFTWARES when `software` is given. */
  sectionsJson: string;
  software: PreparedSoftware | null;
}

/**
 * The answers to a {@linkcode PrefetchRequest}: one message per prepared device, then one that
 * ends the request. A device goes as soon as it is ready, so that the worker never holds a
 * wave's parsed sections at once (they would outgrow its young generation and linger).
 */
export type PrefetchReply =
  | { id: number; device: PreparedDevice }
  | { id: number; done: true; message?: string };

const REGISTRY_SECTIONS = new Set(sectionsFor(new Set(ALL_PARTS)));

/** Reads and prepares devices on one connection, with a cache of committed catalogue ids. */
export class DevicePreparer {
  readonly #linked: StatementSync;
  readonly #sections: StatementSync;
  readonly #software: StatementSync;
  readonly #version: StatementSync;
  /**
   * name → publisher → version → version id as committed, or minus the number of the request
   * that last found the entry absent.
   */
  readonly #known = new Map<string, Map<string, Map<string, number>>>();
  #request = 0;

  constructor(db: DatabaseSync) {
    this.#linked = db.prepare("select 1 as linked from computer_links where device_id = ?");
    this.#sections = db.prepare(
      "select section, hash, data from device_sections where device_id = ?",
    );
    this.#software = db.prepare(
      "select id from software where name_key = ? and publisher_key = ?",
    );
    this.#version = db.prepare(
      "select id from software_versions where software_id = ? and version = ?",
    );
  }

  /** Each device of `deviceIds` that has no computer yet (linked ones are left out). */
  *prepare(deviceIds: readonly number[], resolveSoftware: boolean): Generator<PreparedDevice> {
    this.#request++;
    for (const deviceId of deviceIds) {
      if (this.#linked.get(deviceId)) continue;
      const hashes: Record<string, string> = {};
      // Stored section data is JSON already: the sections object is written, not re-encoded.
      const members: string[] = [];
      let softwareJson: string | undefined;
      for (const row of this.#sections.all(deviceId) as unknown as SectionRow[]) {
        hashes[row.section] = row.hash;
        if (!REGISTRY_SECTIONS.has(row.section)) continue;
        if (resolveSoftware && row.section === "SOFTWARES") softwareJson = row.data;
        else members.push(`${JSON.stringify(row.section)}:${row.data}`);
      }
      const prepared = resolveSoftware
        ? this.#resolve(
          software({ SOFTWARES: softwareJson ? JSON.parse(softwareJson) : undefined }),
        )
        : null;
      yield {
        deviceId,
        hashesJson: JSON.stringify(hashes),
        sectionsJson: `{${members.join(",")}}`,
        software: prepared,
      };
    }
  }

  #resolve(facts: ReturnType<typeof software>): PreparedSoftware {
    const prepared: PreparedSoftware = {
      entries: new Int32Array(facts.length * 3),
      texts: [],
      unresolved: [],
    };
    const { entries } = prepared;
    const textIndex = new Map<string, number>();
    const indexOf = (text: string) => {
      let index = textIndex.get(text);
      if (index === undefined) textIndex.set(text, index = prepared.texts.push(text) - 1);
      return index;
    };
    facts.forEach((fact, i) => {
      entries[3 * i + 1] = indexOf(fact.installDate);
      entries[3 * i + 2] = indexOf(fact.arch);
      const versionId = this.#versionIdOf(fact.name, fact.publisher, fact.version);
      if (versionId !== undefined) {
        entries[3 * i] = versionId;
      } else {
        prepared.unresolved.push({
          index: i,
          name: fact.name,
          publisher: fact.publisher,
          version: fact.version,
          category: fact.category,
        });
      }
    });
    return prepared;
  }

  /** The committed version id of an entry, found as the catalogue finds it; undefined if absent. */
  #versionIdOf(name: string, publisher: string, version: string): number | undefined {
    let byPublisher = this.#known.get(name);
    if (!byPublisher) this.#known.set(name, byPublisher = new Map());
    let byVersion = byPublisher.get(publisher);
    if (!byVersion) byPublisher.set(publisher, byVersion = new Map());
    const known = byVersion.get(version);
    if (known !== undefined && known > 0) return known;
    // Absent when this request looked already: it may be committed by the next request only.
    if (known === -this.#request) return undefined;
    const software = this.#software.get(softwareKey(name), softwareKey(publisher)) as
      | { id: number }
      | undefined;
    const row = software &&
      this.#version.get(software.id, version) as { id: number } | undefined;
    const id = row ? Number(row.id) : -this.#request;
    byVersion.set(version, id);
    return id > 0 ? id : undefined;
  }
}

interface SectionRow {
  section: string;
  hash: string;
  data: string;
}

/** Serves prefetch requests on this worker's message port. */
export function startSectionWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<PrefetchRequest>) => void) | null;
    postMessage(message: PrefetchReply, transfer: Transferable[]): void;
  };
  const preparers = new Map<string, DevicePreparer>();
  scope.onmessage = ({ data: { id, path, deviceIds, resolveSoftware } }) => {
    try {
      let preparer = preparers.get(path);
      if (!preparer) {
        const db = new DatabaseSync(path, { readOnly: true });
        // A WAL reader is rarely blocked; when it is, the main thread reads the devices itself
        // sooner than this worker would after a long wait.
        db.exec("PRAGMA busy_timeout = 200");
        preparer = new DevicePreparer(db);
        preparers.set(path, preparer);
      }
      for (const device of preparer.prepare(deviceIds, resolveSoftware)) {
        const transfer = device.software ? [device.software.entries.buffer as ArrayBuffer] : [];
        scope.postMessage({ id, device }, transfer);
      }
      scope.postMessage({ id, done: true }, []);
    } catch (error) {
      // The devices sent so far stay usable; the others are read by the main thread.
      const message = error instanceof Error ? error.message : String(error);
      scope.postMessage({ id, done: true, message }, []);
    }
  };
}

// Entry point when this file is the worker script (source form). The bundle starts it from
// main.ts by worker name.
if (
  import.meta.main && inWorkerThread() && (globalThis as { name?: string }).name === "sections"
) {
  startSectionWorker();
}
