/**
 * Server configuration, resolved once at start: flags > environment > config file > defaults.
 * One table below declares every setting (flag, variable, file key, default, meaning), so the
 * help text, the parser and the docs cannot disagree.
 *
 * @module
 */

import { join } from "node:path";
import { DEFAULT_INVENTORY_LIMITS } from "./ingest/inventory_limits.ts";

/** Agent name prefixes accepted on every query (the OCS server's list plus FusionInventory/GLPI). */
export const DEFAULT_USER_AGENTS = [
  "OCS-NG_unified_unix_agent",
  "OCS-NG_WINDOWS_AGENT",
  "OCS-NG_windows_client",
  "OCS-NG_windows_mobile_agent",
  "OCS-NG_Android_agent",
  "OCS-NG_iOS_agent",
  "FusionInventory-Agent",
  "GLPI-Agent",
  "inventory-agent",
];

/** The resolved configuration every part of the server receives. */
export interface ServerConfig {
  hostname: string;
  port: number;
  dataDir: string;
  /** The SQLite file inside `dataDir`. */
  databasePath: string;
  tlsCert: string | null;
  tlsKey: string | null;
  agentUser: string | null;
  agentPassword: string | null;
  agentRealm: string;
  /** Days between full inventories: 0 always, -1 never. */
  frequency: number;
  /** Hours between agent contacts, sent in every prolog reply. */
  prologFreq: number;
  inventoryOnStartup: boolean;
  userAgents: string[];
  acceptTagUpdateFromClient: boolean;
  /**
   * What a GLPI agent is answered after its first PROLOG: `native` switches it to the GLPI
   * agent protocol (JSON), `ocs` keeps it in OCS mode (XML).
   */
  glpiProtocol: "native" | "ocs";
  maxBodyBytes: number;
  maxInflatedBytes: number;
  /** Largest field value of an inventory, bytes (see ingest/inventory_limits.ts). */
  maxFieldBytes: number;
  /** Most entries in one section of an inventory. */
  maxSectionEntries: number;
  /** Largest inventory as stored (its sections' JSON), bytes. */
  maxInventoryBytes: number;
  /** Most a body may inflate, as a multiple of its size (above 1 MiB inflated). */
  maxInflateRatio: number;
  /** Seconds for a request's headers to arrive (then 408 and closed). */
  headerTimeoutSeconds: number;
  /** Seconds for its body to arrive after the headers. */
  bodyTimeoutSeconds: number;
  /** Seconds an idle keep-alive connection is kept. */
  idleTimeoutSeconds: number;
  /** Concurrent connections; more are closed as soon as accepted. */
  maxConnections: number;
  durability: "full" | "normal";
  /** Seconds `serve` waits for the start-up integrity check (0: none). */
  startCheckSeconds: number;
  decodeWorkers: number;
  /** Run the automatic actions in this process (`--no-scheduler` turns it off). */
  scheduler: boolean;
  /** Seconds a running task's lease lasts without a heartbeat. */
  taskLeaseSeconds: number;
  /** Alerts are POSTed as JSON here when set. */
  alertWebhook: string | null;
  /** Alerts are e-mailed to these addresses (needs `smtpHost`). */
  alertEmailTo: string[];
  alertEmailFrom: string;
  smtpHost: string | null;
  smtpPort: number;
  /** auto: STARTTLS when offered; starttls: required; tls: implicit TLS (465); none. */
  smtpTls: SmtpTls;
  smtpUser: string | null;
  smtpPassword: string | null;
  /**
   * Where each value came from, by key (absent in hand-built configurations). The console shows
   * a value set by a flag or the environment read-only: those keep precedence over its edits.
   */
  origins?: Readonly<Partial<Record<keyof ServerConfig, SettingOrigin>>>;
}

/** Where a configuration value came from: `label` is the flag, variable or file key. */
export interface SettingOrigin {
  from: "flag" | "env" | "file" | "default";
  label: string;
}

/** How the SMTP client secures its connection. */
export type SmtpTls = "auto" | "starttls" | "tls" | "none";
const SMTP_TLS: readonly SmtpTls[] = ["auto", "starttls", "tls", "none"];

type Kind = "string" | "int" | "bool" | "list";

interface Setting {
  key: keyof ServerConfig | "listen" | "config";
  flag: string;
  env: string;
  kind: Kind;
  default: string;
  help: string;
}

/** Every setting, in the order `--help` lists them. */
export const SETTINGS: readonly Setting[] = [
  {
    key: "listen",
    flag: "listen",
    env: "INVENTORY_LISTEN",
    kind: "string",
    default: "127.0.0.1:8080",
    help: "HOST:PORT to listen on (loopback unless told otherwise)",
  },
  {
    key: "dataDir",
    flag: "data",
    env: "INVENTORY_DATA",
    kind: "string",
    default: "./inventory-data",
    help: "data directory: database, backups, config.json",
  },
  {
    key: "config",
    flag: "config",
    env: "INVENTORY_CONFIG",
    kind: "string",
    default: "",
    help: "JSON config file (default: DATA/config.json when it exists)",
  },
  {
    key: "tlsCert",
    flag: "cert",
    env: "INVENTORY_TLS_CERT",
    kind: "string",
    default: "",
    help: "TLS certificate (PEM); with --key, serve HTTPS",
  },
  {
    key: "tlsKey",
    flag: "key",
    env: "INVENTORY_TLS_KEY",
    kind: "string",
    default: "",
    help: "TLS private key (PEM)",
  },
  {
    key: "agentUser",
    flag: "agent-user",
    env: "INVENTORY_AGENT_USER",
    kind: "string",
    default: "",
    help: "require HTTP Basic auth from agents with this user",
  },
  {
    key: "agentPassword",
    flag: "agent-password",
    env: "INVENTORY_AGENT_PASSWORD",
    kind: "string",
    default: "",
    help: "agents' password",
  },
  {
    key: "agentRealm",
    flag: "agent-realm",
    env: "INVENTORY_AGENT_REALM",
    kind: "string",
    default: "inventory",
    help: "Basic auth realm (the OCS Unix agent's `realm` must match)",
  },
  {
    key: "frequency",
    flag: "frequency",
    env: "INVENTORY_FREQUENCY",
    kind: "int",
    default: "0",
    help: "days between full inventories: 0 every contact, -1 never",
  },
  {
    key: "prologFreq",
    flag: "prolog-freq",
    env: "INVENTORY_PROLOG_FREQ",
    kind: "int",
    default: "24",
    help: "hours between agent contacts",
  },
  {
    key: "inventoryOnStartup",
    flag: "inventory-on-startup",
    env: "INVENTORY_ON_STARTUP",
    kind: "bool",
    default: "true",
    help: "ask Windows agents to inventory when their service starts",
  },
  {
    key: "userAgents",
    flag: "user-agents",
    env: "INVENTORY_USER_AGENTS",
    kind: "list",
    default: DEFAULT_USER_AGENTS.join(","),
    help: "comma list of agent name prefixes accepted (every query)",
  },
  {
    key: "acceptTagUpdateFromClient",
    flag: "accept-agent-tag",
    env: "INVENTORY_ACCEPT_AGENT_TAG",
    kind: "bool",
    default: "false",
    help: "let agents change a known device's TAG (else the server's TAG is pushed back)",
  },
  {
    key: "glpiProtocol",
    flag: "glpi-protocol",
    env: "INVENTORY_GLPI_PROTOCOL",
    kind: "string",
    default: "native",
    help: "GLPI agents: native (JSON GLPI agent protocol after their first PROLOG) or ocs (XML)",
  },
  {
    key: "maxBodyBytes",
    flag: "max-body",
    env: "INVENTORY_MAX_BODY",
    kind: "int",
    default: String(16 * 1024 * 1024),
    help: "largest accepted request body, bytes",
  },
  {
    key: "maxInflatedBytes",
    flag: "max-inflated",
    env: "INVENTORY_MAX_INFLATED",
    kind: "int",
    default: String(128 * 1024 * 1024),
    help: "largest accepted body once decompressed, bytes",
  },
  {
    key: "maxFieldBytes",
    flag: "max-field",
    env: "INVENTORY_MAX_FIELD",
    kind: "int",
    default: String(DEFAULT_INVENTORY_LIMITS.maxFieldBytes),
    help: "largest value of one inventory field, bytes (else 413, nothing stored)",
  },
  {
    key: "maxSectionEntries",
    flag: "max-section-entries",
    env: "INVENTORY_MAX_SECTION_ENTRIES",
    kind: "int",
    default: String(DEFAULT_INVENTORY_LIMITS.maxSectionEntries),
    help: "most entries in one inventory section, e.g. SOFTWARES (else 413)",
  },
  {
    key: "maxInventoryBytes",
    flag: "max-inventory",
    env: "INVENTORY_MAX_INVENTORY",
    kind: "int",
    default: String(DEFAULT_INVENTORY_LIMITS.maxInventoryBytes),
    help: "largest inventory as stored (its sections as JSON), bytes (else 413)",
  },
  {
    key: "maxInflateRatio",
    flag: "max-inflate-ratio",
    env: "INVENTORY_MAX_INFLATE_RATIO",
    kind: "int",
    default: String(DEFAULT_INVENTORY_LIMITS.maxInflateRatio),
    help: "most a body may inflate, times its size, past 1 MiB (agents: 6-14) (else 413)",
  },
  {
    key: "headerTimeoutSeconds",
    flag: "header-timeout",
    env: "INVENTORY_HEADER_TIMEOUT",
    kind: "int",
    default: "15",
    help: "seconds for a request's headers to arrive (else 408, connection closed)",
  },
  {
    key: "bodyTimeoutSeconds",
    flag: "body-timeout",
    env: "INVENTORY_BODY_TIMEOUT",
    kind: "int",
    default: "120",
    help: "seconds for a request's body to arrive after its headers (else 408)",
  },
  {
    key: "idleTimeoutSeconds",
    flag: "idle-timeout",
    env: "INVENTORY_IDLE_TIMEOUT",
    kind: "int",
    default: "5",
    help: "seconds an idle keep-alive connection is kept open",
  },
  {
    key: "maxConnections",
    flag: "max-connections",
    env: "INVENTORY_MAX_CONNECTIONS",
    kind: "int",
    default: "4096",
    help: "concurrent connections; more are closed as soon as accepted",
  },
  {
    key: "durability",
    flag: "durability",
    env: "INVENTORY_DURABILITY",
    kind: "string",
    default: "full",
    help: "full: every commit synced to disk; normal: survives a crash, not a power cut",
  },
  {
    key: "startCheckSeconds",
    flag: "start-check",
    env: "INVENTORY_START_CHECK",
    kind: "int",
    default: "10",
    help: "seconds serve waits for the start-up quick_check (0: none); past it, checks on",
  },
  {
    key: "decodeWorkers",
    flag: "decode-workers",
    env: "INVENTORY_DECODE_WORKERS",
    kind: "int",
    default: "0",
    help: "threads decoding inventories (0: one per CPU core)",
  },
  {
    key: "scheduler",
    flag: "scheduler",
    env: "INVENTORY_SCHEDULER",
    kind: "bool",
    default: "true",
    help: "run the automatic actions in this process (serve --no-scheduler: false)",
  },
  {
    key: "taskLeaseSeconds",
    flag: "task-lease",
    env: "INVENTORY_TASK_LEASE",
    kind: "int",
    default: "60",
    help: "seconds before a dead process's running task is taken over",
  },
  {
    key: "alertWebhook",
    flag: "alert-webhook",
    env: "INVENTORY_ALERT_WEBHOOK",
    kind: "string",
    default: "",
    help: "URL that receives alerts as a JSON POST",
  },
  {
    key: "alertEmailTo",
    flag: "alert-email-to",
    env: "INVENTORY_ALERT_EMAIL_TO",
    kind: "list",
    default: "",
    help: "comma list of addresses that receive alerts by e-mail (needs --smtp-host)",
  },
  {
    key: "alertEmailFrom",
    flag: "alert-email-from",
    env: "INVENTORY_ALERT_EMAIL_FROM",
    kind: "string",
    default: "inventory@localhost",
    help: "sender of alert e-mails",
  },
  {
    key: "smtpHost",
    flag: "smtp-host",
    env: "INVENTORY_SMTP_HOST",
    kind: "string",
    default: "",
    help: "SMTP server for alert e-mails",
  },
  {
    key: "smtpPort",
    flag: "smtp-port",
    env: "INVENTORY_SMTP_PORT",
    kind: "int",
    default: "25",
    help: "SMTP port (587 submission, 465 with --smtp-tls tls)",
  },
  {
    key: "smtpTls",
    flag: "smtp-tls",
    env: "INVENTORY_SMTP_TLS",
    kind: "string",
    default: "auto",
    help: "auto (STARTTLS when offered), starttls (required), tls (implicit), none",
  },
  {
    key: "smtpUser",
    flag: "smtp-user",
    env: "INVENTORY_SMTP_USER",
    kind: "string",
    default: "",
    help: "SMTP login (AUTH PLAIN), with --smtp-password",
  },
  {
    key: "smtpPassword",
    flag: "smtp-password",
    env: "INVENTORY_SMTP_PASSWORD",
    kind: "string",
    default: "",
    help: "SMTP password",
  },
];

/** A configuration value that cannot be used; the message names the setting and the value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Where a raw value came from, for error messages. */
type Sources = {
  flags: Record<string, string | boolean | undefined>;
  env: Record<string, string | undefined>;
};

/**
 * Resolves the configuration. `flags` are parsed CLI values keyed by flag name.
 *
 * @throws {ConfigError} for an unreadable config file or an invalid value
 */
export function resolveConfig(sources: Sources): ServerConfig {
  const origins: Partial<Record<keyof ServerConfig, SettingOrigin>> = {};
  const raw = (setting: Setting, file: Record<string, unknown>): [string, string] => {
    const found = ((): [string, SettingOrigin] => {
      const flag = sources.flags[setting.flag];
      if (flag !== undefined) return [String(flag), { from: "flag", label: `--${setting.flag}` }];
      const env = sources.env[setting.env];
      if (env !== undefined && env !== "") return [env, { from: "env", label: setting.env }];
      if (Object.hasOwn(file, setting.flag)) {
        return [String(file[setting.flag]), { from: "file", label: `config "${setting.flag}"` }];
      }
      return [setting.default, { from: "default", label: "default" }];
    })();
    if (setting.key !== "listen" && setting.key !== "config") origins[setting.key] = found[1];
    return [found[0], found[1].label];
  };
  const byKey = (key: Setting["key"]) => SETTINGS.find((s) => s.key === key)!;
  const dataDir = raw(byKey("dataDir"), {})[0];
  const file = readConfigFile(
    raw(byKey("config"), {})[0] || join(dataDir, "config.json"),
    raw(byKey("config"), {})[0] !== "",
  );

  const values: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const [value, from] = raw(setting, file);
    values[setting.key] = convert(setting, value, from);
  }
  const [hostname, port] = parseListen(values.listen as string);
  const durability = values.durability as string;
  if (durability !== "full" && durability !== "normal") {
    throw new ConfigError(`durability must be "full" or "normal", not "${durability}"`);
  }
  const glpiProtocol = values.glpiProtocol as string;
  if (glpiProtocol !== "native" && glpiProtocol !== "ocs") {
    throw new ConfigError(`glpi-protocol must be "native" or "ocs", not "${glpiProtocol}"`);
  }
  const resolvedDataDir = values.dataDir as string;
  const cert = (values.tlsCert as string) || null;
  const key = (values.tlsKey as string) || null;
  if ((cert === null) !== (key === null)) throw new ConfigError("TLS needs both --cert and --key");
  const user = (values.agentUser as string) || null;
  const password = (values.agentPassword as string) || null;
  if ((user === null) !== (password === null)) {
    throw new ConfigError("Agent authentication needs both --agent-user and --agent-password");
  }
  const prologFreq = values.prologFreq as number;
  if (prologFreq < 1) {
    throw new ConfigError(`prolog-freq must be at least 1 hour, not ${prologFreq}`);
  }
  const frequency = values.frequency as number;
  if (frequency < -1) {
    throw new ConfigError(`frequency must be -1, 0 or a number of days, not ${frequency}`);
  }
  const workers = values.decodeWorkers as number;
  const alerts = alertSettings(values);
  const connections = positive(values, [
    "headerTimeoutSeconds",
    "bodyTimeoutSeconds",
    "idleTimeoutSeconds",
    "maxConnections",
  ]);
  return {
    hostname,
    port,
    dataDir: resolvedDataDir,
    databasePath: join(resolvedDataDir, "inventory.sqlite"),
    tlsCert: cert,
    tlsKey: key,
    agentUser: user,
    agentPassword: password,
    agentRealm: values.agentRealm as string,
    frequency,
    prologFreq,
    inventoryOnStartup: values.inventoryOnStartup as boolean,
    userAgents: values.userAgents as string[],
    acceptTagUpdateFromClient: values.acceptTagUpdateFromClient as boolean,
    glpiProtocol,
    maxBodyBytes: values.maxBodyBytes as number,
    maxInflatedBytes: values.maxInflatedBytes as number,
    ...positive(values, [
      "maxFieldBytes",
      "maxSectionEntries",
      "maxInventoryBytes",
      "maxInflateRatio",
    ]),
    ...connections,
    durability,
    startCheckSeconds: values.startCheckSeconds as number,
    decodeWorkers: workers > 0 ? workers : Math.max(1, navigator.hardwareConcurrency),
    scheduler: values.scheduler as boolean,
    ...alerts,
    origins,
  };
}

/** The settings `keys`, each checked to be at least 1. */
function positive<K extends keyof ServerConfig>(
  values: Record<string, unknown>,
  keys: K[],
): Record<K, number> {
  const checked = {} as Record<K, number>;
  for (const key of keys) {
    const value = values[key] as number;
    if (value < 1) {
      const flag = SETTINGS.find((s) => s.key === key)!.flag;
      throw new ConfigError(`${flag} must be at least 1, not ${value}`);
    }
    checked[key] = value;
  }
  return checked;
}

/** The scheduler and alert delivery settings, checked. */
function alertSettings(values: Record<string, unknown>): Pick<
  ServerConfig,
  | "taskLeaseSeconds"
  | "alertWebhook"
  | "alertEmailTo"
  | "alertEmailFrom"
  | "smtpHost"
  | "smtpPort"
  | "smtpTls"
  | "smtpUser"
  | "smtpPassword"
> {
  const lease = values.taskLeaseSeconds as number;
  if (lease < 1) throw new ConfigError(`task-lease must be at least 1 second, not ${lease}`);
  const webhook = (values.alertWebhook as string) || null;
  if (webhook !== null && !/^https?:\/\/[^\s]+$/.test(webhook)) {
    throw new ConfigError(`alert-webhook must be an http:// or https:// URL, not "${webhook}"`);
  }
  const smtpHost = (values.smtpHost as string) || null;
  const emailTo = values.alertEmailTo as string[];
  if (emailTo.length > 0 && smtpHost === null) {
    throw new ConfigError("alert-email-to needs --smtp-host to send through");
  }
  const smtpTls = values.smtpTls as SmtpTls;
  if (!SMTP_TLS.includes(smtpTls)) {
    throw new ConfigError(`smtp-tls must be one of ${SMTP_TLS.join(", ")}, not "${smtpTls}"`);
  }
  const smtpPort = values.smtpPort as number;
  if (smtpPort < 1 || smtpPort > 65535) {
    throw new ConfigError(`smtp-port must be 1-65535, not ${smtpPort}`);
  }
  const smtpUser = (values.smtpUser as string) || null;
  const smtpPassword = (values.smtpPassword as string) || null;
  if ((smtpUser === null) !== (smtpPassword === null)) {
    throw new ConfigError("SMTP authentication needs both --smtp-user and --smtp-password");
  }
  return {
    taskLeaseSeconds: lease,
    alertWebhook: webhook,
    alertEmailTo: emailTo,
    alertEmailFrom: values.alertEmailFrom as string,
    smtpHost,
    smtpPort,
    smtpTls,
    smtpUser,
    smtpPassword,
  };
}

/** The configuration with defaults only, for tests: a data directory is all it needs. */
export function defaultConfig(
  dataDir: string,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  return { ...resolveConfig({ flags: { data: dataDir, config: "" }, env: {} }), ...overrides };
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (!required && error instanceof Deno.errors.NotFound) return {};
    throw new ConfigError(`Cannot read config file "${path}": ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error("not a JSON object");
    }
    const known = new Set(SETTINGS.map((s) => s.flag));
    const unknown = Object.keys(parsed).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw new Error(
        `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}`,
      );
    }
    return parsed;
  } catch (error) {
    throw new ConfigError(`Config file "${path}" is invalid: ${(error as Error).message}`);
  }
}

function convert(setting: Setting, value: string, from: string): unknown {
  switch (setting.kind) {
    case "string":
      return value;
    case "int": {
      if (!/^-?\d+$/.test(value.trim())) {
        throw new ConfigError(`${from}: "${value}" is not a whole number`);
      }
      return Number(value);
    }
    case "bool": {
      const v = value.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      throw new ConfigError(`${from}: "${value}" is not true or false`);
    }
    case "list":
      return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  }
}

function parseListen(listen: string): [string, number] {
  const match = /^(\[[^\]]+\]|[^:]*):(\d{1,5})$/.exec(listen);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new ConfigError(`listen must be HOST:PORT, not "${listen}"`);
  const host = match[1]!.replace(/^\[|\]$/g, "");
  return [host === "" ? "0.0.0.0" : host, port];
}
