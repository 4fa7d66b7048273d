/**
 * Agent communication settings an admin changes live from the console: FREQUENCY, PROLOG_FREQ,
 * INVENTORY_ON_STARTUP and the agents' HTTP Basic credentials. The OCS route reads them on every
 * request, so a change applies to the next agent that calls.
 *
 * Precedence: a flag or an environment variable pins a value (the console shows it read-only,
 * "set by --frequency"); otherwise a value saved from the console wins over `DATA/config.json`,
 * which wins over the default. The console only saves what an admin changed, so untouched values
 * keep following the config file.
 *
 * Stored in the database (`registry_settings`, keys `agent.*`), not in the config file: every
 * `serve` process sharing the database sees a change at its next request with no file watching;
 * writes go through the single writer queue and land in backups; and the config file may belong
 * to configuration management (read-only, or rewritten on deploy). `loadSettings` ignores these
 * keys, so the registry options and these stay apart in one key/value table.
 *
 * The agent password is stored as a salted SHA-256, never as typed: agents send it on every
 * request, so a memory-hard hash would be a CPU lever for anyone posting wrong passwords; and the
 * page never shows it back.
 *
 * @module
 */

import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { ServerConfig } from "./config.ts";
import type { ServerContext } from "./context.ts";
import { compileStatement, perConnection } from "./db/compiled.ts";
import type { Database } from "./db/schema.ts";
import { sameSecret } from "./auth/secrets.ts";
import { checkBasicAuth } from "./http/agent_auth.ts";

/** The live settings one agent request is answered with. */
export interface AgentSettings {
  /** Days between full inventories: 0 every contact, -1 never. */
  frequency: number;
  /** Hours between agent contacts. */
  prologFreq: number;
  inventoryOnStartup: boolean;
  /** The Basic auth realm of the challenge. */
  realm: string;
  /** Null: agents need no credentials. */
  credentials: AgentCredentials | null;
}

/** The credentials agents must send. */
export interface AgentCredentials {
  user: string;
  /** Where the password was set: the server configuration or the console. */
  source: "config" | "console";
  /** True when `authorization` (the request's header) carries these credentials. */
  check(authorization: string | null): boolean;
}

/** A setting the console edits, by the name its form and errors use. */
export type AgentField =
  | "frequency"
  | "prologFreq"
  | "inventoryOnStartup"
  | "realm"
  | "credentials";

/** The configuration keys behind each field (any of them pinned pins the field). */
const CONFIG_KEYS: Record<AgentField, (keyof ServerConfig)[]> = {
  frequency: ["frequency"],
  prologFreq: ["prologFreq"],
  inventoryOnStartup: ["inventoryOnStartup"],
  realm: ["agentRealm"],
  credentials: ["agentUser", "agentPassword"],
};

/** Stored credentials: the password as a salted hash. */
interface StoredCredentials {
  user: string;
  salt: string;
  hash: string;
}

/** What the console has saved; absent keys follow the configuration. */
interface Stored {
  frequency?: number;
  prologFreq?: number;
  inventoryOnStartup?: boolean;
  realm?: string;
  /** Null: authentication turned off from the console. */
  credentials?: StoredCredentials | null;
}

const PREFIX = "agent.";

const statements = perConnection((db: Kysely<Database>, raw) => ({
  // A range on the primary key: a few rows, read on every agent request.
  stored: compileStatement<{ key: string; value: string }>(
    raw,
    () =>
      db.selectFrom("registry_settings").select(["key", "value"])
        .where("key", ">", PREFIX).where("key", "<", "agent/"),
  ),
}));

/** The flag or variable that pins `field`, or null when the console may change it. */
export function pinnedBy(config: ServerConfig, field: AgentField): string | null {
  for (const key of CONFIG_KEYS[field]) {
    const origin = config.origins?.[key];
    if (origin && (origin.from === "flag" || origin.from === "env")) return origin.label;
  }
  return null;
}

/** The settings the next agent request gets. */
export function agentSettings(ctx: Pick<ServerContext, "db" | "config">): AgentSettings {
  const stored = readStored(ctx.db);
  const { config } = ctx;
  const live = <F extends Exclude<AgentField, "credentials">>(
    field: F,
    fromConfig: NonNullable<Stored[F]>,
  ): NonNullable<Stored[F]> =>
    pinnedBy(config, field) === null && stored[field] !== undefined
      ? stored[field] as NonNullable<Stored[F]>
      : fromConfig;
  return {
    frequency: live("frequency", config.frequency),
    prologFreq: live("prologFreq", config.prologFreq),
    inventoryOnStartup: live("inventoryOnStartup", config.inventoryOnStartup),
    realm: live("realm", config.agentRealm),
    credentials: pinnedBy(config, "credentials") === null && stored.credentials !== undefined
      ? storedCredentials(stored.credentials)
      : configCredentials(config),
  };
}

/** A change of settings; absent fields stay as they are. */
export interface AgentChanges {
  frequency?: number;
  prologFreq?: number;
  inventoryOnStartup?: boolean;
  realm?: string;
  /**
   * Null turns authentication off; `password` null keeps the current password (it must have
   * one: `currentPassword` gives it when it comes from the configuration).
   */
  credentials?: { user: string; password: string | null } | null;
}

/** A change the console refuses; `field` says which input it is about. */
export class AgentSettingError extends Error {
  constructor(readonly field: AgentField, message: string) {
    super(message);
    this.name = "AgentSettingError";
  }
}

/** Checks one change; throws an AgentSettingError saying what is expected. */
export function checkAgentChanges(config: ServerConfig, changes: AgentChanges): AgentChanges {
  for (const field of Object.keys(changes) as AgentField[]) {
    const pin = pinnedBy(config, field);
    if (pin !== null) throw new AgentSettingError(field, `Set by ${pin}: change it there`);
  }
  const { frequency, prologFreq, realm, credentials } = changes;
  if (frequency !== undefined && (!Number.isInteger(frequency) || frequency < -1)) {
    throw new AgentSettingError(
      "frequency",
      "FREQUENCY is -1 (never), 0 (every contact) or a number of days",
    );
  }
  if (prologFreq !== undefined && (!Number.isInteger(prologFreq) || prologFreq < 1)) {
    throw new AgentSettingError("prologFreq", "PROLOG_FREQ is a whole number of hours, at least 1");
  }
  // deno-lint-ignore no-control-regex
  if (realm !== undefined && !/^[^"\\\x00-\x1f\x7f]{1,100}$/.test(realm)) {
    throw new AgentSettingError(
      "realm",
      "The realm is 1 to 100 characters, without quotes, backslashes or control characters",
    );
  }
  if (credentials) {
    // deno-lint-ignore no-control-regex
    if (!/^[^:\x00-\x1f\x7f]{1,100}$/.test(credentials.user)) {
      throw new AgentSettingError(
        "credentials",
        "The agent user is 1 to 100 characters, without a colon or control characters",
      );
    }
    const { password } = credentials;
    // deno-lint-ignore no-control-regex
    if (password !== null && (password === "" || /[\x00-\x1f\x7f]/.test(password))) {
      throw new AgentSettingError(
        "credentials",
        "The agent password must not be empty nor contain control characters",
      );
    }
  }
  return changes;
}

/**
 * Saves checked `changes` (through the caller's write job).
 *
 * @throws {AgentSettingError} when a change is refused
 */
export async function saveAgentSettings(
  db: Kysely<Database>,
  config: ServerConfig,
  changes: AgentChanges,
): Promise<void> {
  checkAgentChanges(config, changes);
  const rows: { key: string; value: string }[] = [];
  for (const field of ["frequency", "prologFreq", "inventoryOnStartup", "realm"] as const) {
    if (changes[field] !== undefined) {
      rows.push({ key: PREFIX + field, value: JSON.stringify(changes[field]) });
    }
  }
  if (changes.credentials !== undefined) {
    const value = changes.credentials === null
      ? null
      : changes.credentials.password === null
      ? keepPassword(db, config, changes.credentials.user)
      : hashCredentials(changes.credentials.user, changes.credentials.password);
    rows.push({ key: PREFIX + "credentials", value: JSON.stringify(value) });
  }
  for (const row of rows) {
    await db.insertInto("registry_settings").values(row)
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: row.value })).execute();
  }
}

/** Forgets what the console saved for `fields`: they follow the configuration again. */
export async function resetAgentSettings(
  db: Kysely<Database>,
  fields: readonly AgentField[],
): Promise<void> {
  if (fields.length === 0) return;
  await db.deleteFrom("registry_settings")
    .where("key", "in", fields.map((f) => PREFIX + f)).execute();
}

function readStored(db: Kysely<Database>): Stored {
  const stored: Record<string, unknown> = {};
  for (const row of statements(db).stored.all()) {
    try {
      stored[row.key.slice(PREFIX.length)] = JSON.parse(row.value);
    } catch {
      // A damaged value is ignored: the configuration applies.
    }
  }
  const out: Stored = {};
  if (Number.isInteger(stored.frequency)) out.frequency = stored.frequency as number;
  if (Number.isInteger(stored.prologFreq)) out.prologFreq = stored.prologFreq as number;
  if (typeof stored.inventoryOnStartup === "boolean") {
    out.inventoryOnStartup = stored.inventoryOnStartup;
  }
  if (typeof stored.realm === "string") out.realm = stored.realm;
  const credentials = stored.credentials as StoredCredentials | null | undefined;
  if (credentials === null) out.credentials = null;
  else if (
    typeof credentials?.user === "string" && typeof credentials.salt === "string" &&
    typeof credentials.hash === "string"
  ) out.credentials = credentials;
  return out;
}

function hashCredentials(user: string, password: string): StoredCredentials {
  const salt = randomBytes(16).toString("hex");
  return { user, salt, hash: passwordHash(salt, password) };
}

/** New credentials for `user` with the current password (stored, or the configuration's). */
function keepPassword(db: Kysely<Database>, config: ServerConfig, user: string): StoredCredentials {
  const stored = readStored(db).credentials;
  if (stored) return { ...stored, user };
  if (stored === undefined && config.agentPassword !== null) {
    return hashCredentials(user, config.agentPassword);
  }
  throw new AgentSettingError("credentials", "Type a password for the agents");
}

function passwordHash(salt: string, password: string): string {
  return createHash("sha256").update(`${salt}:${password}`).digest("hex");
}

function storedCredentials(stored: StoredCredentials | null): AgentCredentials | null {
  if (stored === null) return null;
  return {
    user: stored.user,
    source: "console",
    check(authorization) {
      const sent = basicCredentials(authorization);
      if (!sent) return false;
      // Both compared, whichever fails: the time does not tell which.
      const user = sameSecret(sent.user, stored.user);
      const password = sameSecret(passwordHash(stored.salt, sent.password), stored.hash);
      return user && password;
    },
  };
}

function configCredentials(config: ServerConfig): AgentCredentials | null {
  const { agentUser: user, agentPassword: password } = config;
  if (user === null || password === null) return null;
  return {
    user,
    source: "config",
    check: (authorization) => checkBasicAuth(authorization, user, password),
  };
}

/** The user and password of a Basic `Authorization` header, or null. */
function basicCredentials(authorization: string | null): { user: string; password: string } | null {
  if (!authorization?.toLowerCase().startsWith("basic ")) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(
      Uint8Array.from(atob(authorization.slice(6).trim()), (c) => c.charCodeAt(0)),
    );
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Where a field's live value comes from, for the settings page. */
export interface AgentFieldSource {
  from: "flag" | "env" | "console" | "file" | "default";
  /** `--prolog-freq`, `INVENTORY_PROLOG_FREQ`, `config "prolog-freq"`, … */
  label: string;
  /** Set by a flag or the environment: the console cannot change it. */
  pinned: boolean;
}

/** Where each field's live value comes from. */
export function agentSources(
  ctx: Pick<ServerContext, "db" | "config">,
): Record<AgentField, AgentFieldSource> {
  const stored = readStored(ctx.db);
  const out = {} as Record<AgentField, AgentFieldSource>;
  for (const field of Object.keys(CONFIG_KEYS) as AgentField[]) {
    const pin = pinnedBy(ctx.config, field);
    const key = CONFIG_KEYS[field][0]!;
    const origin = ctx.config.origins?.[key] ?? { from: "default", label: "default" };
    out[field] = pin !== null
      ? { from: pin.startsWith("--") ? "flag" : "env", label: pin, pinned: true }
      : stored[field] !== undefined
      ? { from: "console", label: "this page", pinned: false }
      : { from: origin.from, label: origin.label, pinned: false };
  }
  return out;
}
