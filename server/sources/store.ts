/**
 * Declared sources: add, list, show, change, remove. The password is kept encrypted with the
 * data directory's key (`secret_box.ts`) or as the name of an environment variable; it is never
 * returned by anything here except `sourcePassword`, which the connection alone uses.
 *
 * @module
 */

import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database } from "../db/schema.ts";
import { findEntity } from "../registry/tree.ts";
import { parseOcsUrl, SourceError, targetUrl } from "./ocs/connection.ts";
import type { OcsTarget } from "./ocs/connection.ts";
import type { SourcesTable } from "./schema.ts";
import { open, seal, secretKey } from "./secret_box.ts";

/** What an admin chooses per source. */
export interface SourceOptions {
  /** Every computer of this source goes into this entity (id), whatever the entity rules say. */
  entityId: number | null;
  /** The OCS TAG names the computer's location (created when missing), as the plugin's option. */
  tagLocation: boolean;
  /** The OCS TAG picks the entity whose inventory TAG it is (when no entity is forced). */
  tagEntity: boolean;
  /** Sections not imported, e.g. SOFTWARES, REGISTRY, MONITORS. */
  skip: string[];
  /** Software names through OCS's dictionary (`dico_soft`). */
  softwareDictionary: boolean;
  /**
   * Computers inventoried less than this many seconds ago (OCS's clock) wait for the next run:
   * OCS may still be writing their sections (the plugin waits 180 s too).
   */
  settleSeconds: number;
  /**
   * The source's own automatic action: `sync-sources` synchronises it when this many seconds
   * passed since its last run (the task's frequency, one minute, is the finest step).
   */
  everySeconds: number;
}

export const DEFAULT_OPTIONS: Readonly<SourceOptions> = Object.freeze({
  entityId: null,
  tagLocation: false,
  tagEntity: false,
  skip: [],
  softwareDictionary: false,
  settleSeconds: 180,
  everySeconds: 60,
});

/**
 * Half the task's one-minute period: `last_sync_at` is when the last run ended, so a source synced
 * every minute must be due again at the next task run, not the one after.
 */
const DUE_SLACK_MS = 30_000;

/**
 * Whether the automatic action synchronises `row` at `now`: enabled, and never synchronised, or
 * its last run left more to do, or its interval (`everySeconds`) has passed.
 */
export function sourceDue(row: SourceRow, now: Date): boolean {
  if (!row.enabled) return false;
  if (row.last_sync_at === null || row.last_status === "more") return true;
  const due = Date.parse(row.last_sync_at) + optionsOf(row).everySeconds * 1000;
  return Number.isNaN(due) || due <= now.getTime() + DUE_SLACK_MS;
}

/** A source as shown: never its password. */
export interface SourceView {
  id: number;
  name: string;
  kind: string;
  url: string;
  password: "stored" | `env:${string}` | "none";
  enabled: boolean;
  options: SourceOptions;
  createdAt: string;
  updatedAt: string;
  lastSyncAt: string | null;
  lastStatus: string | null;
  lastMessage: string | null;
  ocsVersion: string | null;
  counts: {
    computers: number;
    imported: number;
    updated: number;
    trashed: number;
    merged: number;
    refused: number;
    errors: number;
  };
}

export type SourceRow = Selectable<SourcesTable>;

/** A change of a source (absent: unchanged). */
export interface SourceChanges {
  url?: string;
  /** Replaces the stored password (a URL's own password does too). */
  password?: string;
  passwordEnv?: string | null;
  enabled?: boolean;
  options?: Partial<SourceOptions>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options as stored, with defaults for keys an older version did not write. */
export function optionsOf(row: SourceRow): SourceOptions {
  return { ...DEFAULT_OPTIONS, ...JSON.parse(row.options) };
}

/** Checks a name; throws a SourceError. */
export function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new SourceError(
      `"${name}" is not a source name: letters, digits, ".", "_" and "-", up to 64`,
    );
  }
}

/** The connection target of a source, password included (from the key or the environment). */
export function sourceTarget(row: SourceRow, dataDir: string): OcsTarget {
  const { target } = parseOcsUrl(row.url);
  return { ...target, password: sourcePassword(row, dataDir) };
}

function sourcePassword(row: SourceRow, dataDir: string): string {
  if (row.password_env) {
    const value = Deno.env.get(row.password_env);
    if (value === undefined) {
      throw new SourceError(
        `source "${row.name}" takes its password from $${row.password_env}, which is not set in this process: set it, or store the password with inventory sources set ${row.name} --url`,
      );
    }
    return value;
  }
  if (row.password_enc) return open(secretKey(dataDir), row.password_enc);
  return "";
}

/** Resolves and validates options; the entity must exist. */
export async function checkOptions(
  db: Kysely<Database>,
  base: SourceOptions,
  changes: Partial<SourceOptions> & { entity?: string | null },
): Promise<SourceOptions> {
  const out: SourceOptions = { ...base };
  if (changes.entity !== undefined) {
    if (changes.entity === null || changes.entity === "") out.entityId = null;
    else {
      const entity = await findEntity(db, changes.entity);
      if (!entity) throw new SourceError(`entity "${changes.entity}" does not exist`);
      out.entityId = entity.id;
    }
  }
  if (changes.entityId !== undefined) out.entityId = changes.entityId;
  if (changes.tagLocation !== undefined) out.tagLocation = changes.tagLocation;
  if (changes.tagEntity !== undefined) out.tagEntity = changes.tagEntity;
  if (changes.softwareDictionary !== undefined) {
    out.softwareDictionary = changes.softwareDictionary;
  }
  if (changes.settleSeconds !== undefined) {
    if (!Number.isSafeInteger(changes.settleSeconds) || changes.settleSeconds < 0) {
      throw new SourceError("the settle delay is a whole number of seconds (0: none)");
    }
    out.settleSeconds = changes.settleSeconds;
  }
  if (changes.everySeconds !== undefined) {
    if (!Number.isSafeInteger(changes.everySeconds) || changes.everySeconds < 60) {
      throw new SourceError(
        "the interval between synchronisations is a whole number of seconds, at least 60",
      );
    }
    out.everySeconds = changes.everySeconds;
  }
  if (changes.skip !== undefined) {
    out.skip = [...new Set(changes.skip.map((s) => s.trim().toUpperCase()).filter(Boolean))];
    const bad = out.skip.filter((s) => !/^[A-Z_]+$/.test(s) || s === "HARDWARE");
    if (bad.length) throw new SourceError(`cannot skip ${bad.join(", ")}: name inventory sections`);
  }
  return out;
}

/** Builds the stored URL and password columns from a URL and password choices. */
export function credentials(
  url: string,
  dataDir: string,
  password: { password?: string; passwordEnv?: string | null },
): { url: string; password_enc: string | null; password_env: string | null } {
  const parsed = parseOcsUrl(url);
  if (password.passwordEnv && !ENV_NAME.test(password.passwordEnv)) {
    throw new SourceError(`"${password.passwordEnv}" is not an environment variable name`);
  }
  if (password.passwordEnv && (parsed.password || password.password)) {
    throw new SourceError("give the password in the URL or with --password-env, not both");
  }
  const secret = password.password ?? parsed.password;
  return {
    url: targetUrl(parsed.target),
    password_enc: secret ? seal(secretKey(dataDir), secret) : null,
    password_env: password.passwordEnv ?? null,
  };
}

/** Every source, by name. */
export async function listSources(db: Kysely<Database>): Promise<SourceView[]> {
  const rows = await db.selectFrom("sources").selectAll().orderBy("name").execute();
  const counts = await computersBySource(db);
  return rows.map((r) => viewOf(r, counts.get(r.id) ?? 0));
}

/** One source by name or id, or undefined. */
export async function findSource(
  db: Kysely<Database>,
  nameOrId: string,
): Promise<SourceRow | undefined> {
  let query = db.selectFrom("sources").selectAll();
  query = /^\d+$/.test(nameOrId)
    ? query.where((eb) => eb.or([eb("id", "=", Number(nameOrId)), eb("name", "=", nameOrId)]))
    : query.where("name", "=", nameOrId);
  return await query.executeTakeFirst();
}

/** A source as shown. */
export async function sourceView(db: Kysely<Database>, row: SourceRow): Promise<SourceView> {
  const counts = await computersBySource(db);
  return viewOf(row, counts.get(row.id) ?? 0);
}

async function computersBySource(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db.selectFrom("source_devices").select("source_id")
    .select((eb) => eb.fn.countAll<number>().as("n")).groupBy("source_id").execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}

function viewOf(row: SourceRow, computers: number): SourceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    password: row.password_env ? `env:${row.password_env}` : row.password_enc ? "stored" : "none",
    enabled: row.enabled === 1,
    options: optionsOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSyncAt: row.last_sync_at,
    lastStatus: row.last_status,
    lastMessage: row.last_message,
    ocsVersion: row.ocs_version,
    counts: {
      computers,
      imported: row.imported,
      updated: row.updated,
      trashed: row.trashed,
      merged: row.merged,
      refused: row.refused,
      errors: row.errors,
    },
  };
}

/** Adds a source; throws a SourceError when the name is taken or a value is wrong. */
export async function addSource(
  db: Kysely<Database>,
  dataDir: string,
  input: {
    name: string;
    kind: "ocs";
    url: string;
    password?: string;
    passwordEnv?: string | null;
    enabled?: boolean;
    options?: Partial<SourceOptions> & { entity?: string | null };
  },
  now: Date,
): Promise<SourceRow> {
  checkName(input.name);
  if (await findSource(db, input.name)) {
    throw new SourceError(`a source named "${input.name}" exists: choose another name`);
  }
  const options = await checkOptions(db, { ...DEFAULT_OPTIONS }, input.options ?? {});
  const at = now.toISOString();
  return await db.insertInto("sources").values({
    name: input.name,
    kind: input.kind,
    ...credentials(input.url, dataDir, input),
    enabled: input.enabled === false ? 0 : 1,
    options: JSON.stringify(options),
    created_at: at,
    updated_at: at,
  }).returningAll().executeTakeFirstOrThrow();
}

/** Changes a source. A new URL without a password keeps the stored one. */
export async function updateSource(
  db: Kysely<Database>,
  dataDir: string,
  row: SourceRow,
  changes: SourceChanges & { options?: Partial<SourceOptions> & { entity?: string | null } },
  now: Date,
): Promise<SourceRow> {
  const set: Updateable<SourcesTable> = { updated_at: now.toISOString() };
  if (
    changes.url !== undefined || changes.password !== undefined || changes.passwordEnv !== undefined
  ) {
    const parsed = parseOcsUrl(changes.url ?? row.url);
    const creds = credentials(changes.url ?? row.url, dataDir, changes);
    set.url = creds.url;
    if (changes.passwordEnv !== undefined) {
      set.password_env = creds.password_env;
      if (creds.password_env) set.password_enc = null;
    }
    if (parsed.password !== undefined || changes.password !== undefined) {
      set.password_enc = creds.password_enc;
      set.password_env = null;
    }
  }
  if (changes.enabled !== undefined) set.enabled = changes.enabled ? 1 : 0;
  if (changes.options) {
    set.options = JSON.stringify(await checkOptions(db, optionsOf(row), changes.options));
  }
  return await db.updateTable("sources").set(set).where("id", "=", row.id).returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a source and its links (its devices and computers stay). */
export async function removeSource(db: Kysely<Database>, row: SourceRow): Promise<void> {
  await db.deleteFrom("source_devices").where("source_id", "=", row.id).execute();
  await db.deleteFrom("source_errors").where("source_id", "=", row.id).execute();
  await db.deleteFrom("sources").where("id", "=", row.id).execute();
}

/** The last errors of a source, newest first. */
export async function sourceErrors(
  db: Kysely<Database>,
  sourceId: number,
  limit = 50,
): Promise<{ ocsId: number; at: string; message: string }[]> {
  const rows = await db.selectFrom("source_errors").select(["ocs_id", "at", "message"])
    .where("source_id", "=", sourceId).orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ ocsId: r.ocs_id, at: r.at, message: r.message }));
}
