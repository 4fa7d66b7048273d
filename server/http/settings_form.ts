/**
 * The settings page's two forms as data: what each input holds (strings, exactly as typed, so a
 * refused form comes back as the admin left it), and reading a posted form into checked changes
 * with one message per refused input.
 *
 * @module
 */

import {
  type AgentChanges,
  type AgentField,
  AgentSettingError,
  type AgentSettings,
  checkAgentChanges,
} from "../runtime_settings.ts";
import type { ServerConfig } from "../config.ts";
import {
  DEFAULT_SETTINGS,
  type RegistrySettings,
  SettingError,
  validateSetting,
} from "../registry/settings.ts";

/** A registry option's key. */
export type RegistryKey = keyof RegistrySettings;

/** Every registry option, in the order the form shows them. */
export const REGISTRY_KEYS = Object.keys(DEFAULT_SETTINGS) as RegistryKey[];

/** The registry form's inputs: lists one item per line, booleans "on" or "". */
export type RegistryFormState = Record<RegistryKey, string>;

/** Per input, what is wrong with it. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The inputs showing `settings`. */
export function registryFormState(settings: RegistrySettings): RegistryFormState {
  const state = {} as RegistryFormState;
  for (const key of REGISTRY_KEYS) {
    const value = settings[key];
    state[key] = Array.isArray(value)
      ? value.join("\n")
      : typeof value === "boolean"
      ? (value ? "on" : "")
      : String(value);
  }
  return state;
}

/** The inputs of a posted registry form (an unchecked box is absent, so ""). */
export function registryFormFrom(form: URLSearchParams): RegistryFormState {
  const state = {} as RegistryFormState;
  for (const key of REGISTRY_KEYS) state[key] = form.get(key) ?? "";
  return state;
}

/**
 * The options that differ from `current`, checked; or the inputs that are wrong.
 * Lists take one item per line (commas too for TAGs); numbers are whole days.
 */
export function readRegistryForm(
  state: RegistryFormState,
  current: RegistrySettings,
): { changes: Partial<RegistrySettings>; errors: FieldErrors<RegistryKey> } {
  const changes: Partial<RegistrySettings> = {};
  const errors: FieldErrors<RegistryKey> = {};
  for (const key of REGISTRY_KEYS) {
    const sample = DEFAULT_SETTINGS[key];
    const text = state[key];
    let value: unknown;
    if (Array.isArray(sample)) {
      const separators = key === "tagsInclude" || key === "tagsExclude" ? /[\n,]/ : /\n/;
      value = [...new Set(text.split(separators).map((s) => s.trim()).filter((s) => s !== ""))];
    } else if (typeof sample === "boolean") value = text === "on";
    else if (typeof sample === "number") {
      if (!/^\s*\d+\s*$/.test(text)) {
        errors[key] = `A whole number of days (0 or more), not "${text}"`;
        continue;
      }
      value = Number(text);
    } else value = text;
    try {
      const valid = validateSetting(key, value);
      if (JSON.stringify(valid) !== JSON.stringify(current[key])) {
        (changes as Record<string, unknown>)[key] = valid;
      }
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      errors[key] = error.message;
    }
  }
  return { changes, errors };
}

/** The agent form's inputs; the password is never part of it (never shown back). */
export interface AgentFormState {
  frequency: string;
  prologFreq: string;
  inventoryOnStartup: string;
  realm: string;
  user: string;
}

/** The inputs showing `settings`. */
export function agentFormState(settings: AgentSettings): AgentFormState {
  return {
    frequency: String(settings.frequency),
    prologFreq: String(settings.prologFreq),
    inventoryOnStartup: settings.inventoryOnStartup ? "on" : "",
    realm: settings.realm,
    user: settings.credentials?.user ?? "",
  };
}

/** The inputs of a posted agent form. */
export function agentFormFrom(form: URLSearchParams): AgentFormState {
  return {
    frequency: form.get("frequency") ?? "",
    prologFreq: form.get("prologFreq") ?? "",
    inventoryOnStartup: form.get("inventoryOnStartup") ?? "",
    realm: form.get("realm") ?? "",
    user: form.get("user") ?? "",
  };
}

/**
 * The agent settings that differ from `current`, checked (pinned ones are left alone: their
 * inputs are read-only); or the inputs that are wrong. An empty user turns authentication off;
 * an empty password keeps the current one.
 */
export function readAgentForm(
  state: AgentFormState,
  password: string,
  current: AgentSettings,
  config: ServerConfig,
  pinned: (field: AgentField) => boolean,
): { changes: AgentChanges; errors: FieldErrors<AgentField> } {
  const changes: AgentChanges = {};
  const errors: FieldErrors<AgentField> = {};
  const whole = (field: "frequency" | "prologFreq", what: string) => {
    const text = state[field].trim();
    if (!/^-?\d+$/.test(text)) {
      errors[field] = `${what} is a whole number, not "${state[field]}"`;
      return;
    }
    if (Number(text) !== current[field]) changes[field] = Number(text);
  };
  if (!pinned("frequency")) whole("frequency", "FREQUENCY");
  if (!pinned("prologFreq")) whole("prologFreq", "PROLOG_FREQ");
  if (!pinned("inventoryOnStartup")) {
    const on = state.inventoryOnStartup === "on";
    if (on !== current.inventoryOnStartup) changes.inventoryOnStartup = on;
  }
  if (!pinned("realm") && state.realm.trim() !== current.realm) changes.realm = state.realm.trim();
  if (!pinned("credentials")) {
    const user = state.user.trim();
    if (user === "" && password !== "") {
      errors.credentials = "Type the user name agents send with this password";
    } else if (user === "") {
      if (current.credentials !== null) changes.credentials = null;
    } else if (password !== "") changes.credentials = { user, password };
    else if (current.credentials === null) {
      errors.credentials = "Type a password for the agents (it is never shown again)";
    } else if (user !== current.credentials.user) changes.credentials = { user, password: null };
  }
  // Range checks of what was readable, each reported on its own input.
  for (const [field, value] of Object.entries(changes)) {
    try {
      checkAgentChanges(config, { [field]: value });
    } catch (error) {
      if (!(error instanceof AgentSettingError)) throw error;
      errors[error.field] = error.message;
      delete changes[field as AgentField];
    }
  }
  return { changes, errors };
}
