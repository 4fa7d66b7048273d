/**
 * The settings page: agent communication (FREQUENCY, PROLOG_FREQ, inventory on startup, agent
 * credentials; values pinned by a flag or the environment are read-only) and the registry
 * options (approval, TAG lists, what is imported, deny-lists, deletion and staleness). Each form
 * comes back as typed with a message beside each refused input; the agent password never does.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import type { Principal } from "../../server/auth/rights.ts";
import type {
  AgentFormState,
  FieldErrors,
  RegistryFormState,
  RegistryKey,
} from "../../server/http/settings_form.ts";
import type { AgentField, AgentFieldSource } from "../../server/runtime_settings.ts";
import { type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";
import { PART_SETTING_LABELS, PART_SETTINGS } from "../../server/registry/parts.ts";
import type { SharedMac } from "../../server/registry/shared_macs.ts";
import { SharedMacsSection } from "../shared_macs.tsx";

/** What the settings page shows. */
export interface SettingsPageProps {
  principal: Principal;
  /** MACs several computers report (ui/shared_macs.tsx). */
  sharedMacs?: { items: readonly SharedMac[]; total: number };
  csrfToken: string;
  notice?: Notice | null;
  agent: {
    state: AgentFormState;
    sources: Record<AgentField, AgentFieldSource>;
    /** Whether agents must authenticate now (the password itself is never shown). */
    authOn: boolean;
    errors: FieldErrors<AgentField>;
  };
  registry: {
    state: RegistryFormState;
    errors: FieldErrors<RegistryKey>;
    /** State names for "set the state" behaviours. */
    states: string[];
  };
}

const MODES = [
  ["none", "Not imported"],
  ["global", "Global (one shared item)"],
  ["unit", "Unit (one per computer)"],
  ["unit_serial", "Unit, shared by serial"],
  ["serial_only", "Only those with a serial"],
] as const;

/** The settings page. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <Layout
      title="Settings"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="settings"
      notice={props.notice}
    >
      <h1>Settings</h1>
      <AgentSection {...props.agent} csrfToken={props.csrfToken} />
      <RegistrySection {...props.registry} csrfToken={props.csrfToken} />
      {props.sharedMacs
        ? <SharedMacsSection {...props.sharedMacs} csrfToken={props.csrfToken} />
        : null}
    </Layout>
  );
}

function ErrorSummary(
  props: { errors: Record<string, string | undefined>; labels: Record<string, string> },
) {
  const entries = Object.entries(props.errors).filter(([, m]) => m);
  if (entries.length === 0) return null;
  return (
    <div class="notice error" role="alert">
      Not saved: {entries.length === 1 ? "one input needs" : `${entries.length} inputs need`}{" "}
      attention.
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#set-${field}`}>{props.labels[field] ?? field}</a>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled control with its hint and error. */
function Control(
  props: {
    id: string;
    label: string;
    hint?: string | null;
    error?: string;
    children: (aria: { "aria-describedby"?: string; "aria-invalid"?: "true" }) => ComponentChildren;
  },
) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${props.error ? " invalid" : ""}`}>
      <label for={props.id}>{props.label}</label>
      {props.error ? <span class="field-error" id={errorId!}>{props.error}</span> : null}
      {props.children({
        "aria-describedby": describedBy,
        ...(props.error ? { "aria-invalid": "true" as const } : {}),
      })}
      {props.hint ? <span class="hint" id={hintId!}>{props.hint}</span> : null}
    </div>
  );
}

function sourceHint(source: AgentFieldSource): string {
  if (source.pinned) return `Set by ${source.label}: read-only here (flags and variables win)`;
  switch (source.from) {
    case "console":
      return "Saved from this page";
    case "file":
      return `From the config file (${source.label})`;
    default:
      return "Default";
  }
}

const AGENT_LABELS: Record<AgentField, string> = {
  frequency: "FREQUENCY (days between full inventories)",
  prologFreq: "PROLOG_FREQ (hours between agent contacts)",
  inventoryOnStartup: "Inventory when the agent service starts",
  realm: "Authentication realm",
  credentials: "Agent user and password",
};

function AgentSection(
  props: SettingsPageProps["agent"] & { csrfToken: string },
) {
  const { state, sources, errors } = props;
  const text = (field: "frequency" | "prologFreq" | "realm", extra: string) => {
    const source = sources[field];
    return (
      <Control
        id={`set-${field}`}
        label={AGENT_LABELS[field]}
        hint={`${extra}${extra ? " · " : ""}${sourceHint(source)}`}
        error={errors[field]}
      >
        {(aria) => (
          <input
            type="text"
            id={`set-${field}`}
            name={field}
            value={state[field]}
            readonly={source.pinned}
            inputMode={field === "realm" ? undefined : "numeric"}
            {...aria}
          />
        )}
      </Control>
    );
  };
  const credentials = sources.credentials;
  const anyFromConsole = Object.values(sources).some((s) => s.from === "console");
  return (
    <section class="panel settings" aria-labelledby="agents-title">
      <h2 id="agents-title">Agent communication</h2>
      <p class="muted">
        Applied to the next agent request, by every server process sharing this database. Per-device
        values (<code>inventory devices set</code>) still win.
      </p>
      <ErrorSummary errors={errors} labels={AGENT_LABELS} />
      <PostForm action="/settings/agents" csrfToken={props.csrfToken} label="Agent communication">
        <div class="settings-grid">
          {text("frequency", "0: every contact; -1: never")}
          {text("prologFreq", "at least 1")}
          <div class="check">
            <input
              type="checkbox"
              id="set-inventoryOnStartup"
              name="inventoryOnStartup"
              checked={state.inventoryOnStartup === "on"}
              disabled={sources.inventoryOnStartup.pinned}
              aria-describedby="set-inventoryOnStartup-hint"
            />
            <label for="set-inventoryOnStartup">{AGENT_LABELS.inventoryOnStartup}</label>
            <span class="hint" id="set-inventoryOnStartup-hint">
              {sourceHint(sources.inventoryOnStartup)}
            </span>
          </div>
        </div>
        <fieldset>
          <legend>HTTP Basic authentication of agents</legend>
          <p class="muted" data-testid="agent-auth-state">
            {props.authOn
              ? "Agents must send the user and password below. The password is not shown."
              : "Agents need no credentials."} {sourceHint(credentials)}.
          </p>
          <div class="settings-grid">
            <Control
              id="set-credentials"
              label="Agent user"
              hint="Empty: no authentication"
              error={errors.credentials}
            >
              {(aria) => (
                <input
                  type="text"
                  id="set-credentials"
                  name="user"
                  value={state.user}
                  readonly={credentials.pinned}
                  autocomplete="off"
                  {...aria}
                />
              )}
            </Control>
            <Control
              id="set-password"
              label="New agent password"
              hint={props.authOn
                ? "Leave empty to keep the current password"
                : "Required to turn authentication on"}
            >
              {(aria) => (
                <input
                  type="password"
                  id="set-password"
                  name="password"
                  value=""
                  readonly={credentials.pinned}
                  autocomplete="new-password"
                  {...aria}
                />
              )}
            </Control>
            {text("realm", "the OCS Unix agent's realm must match")}
          </div>
        </fieldset>
        <button type="submit">Save agent settings</button>
      </PostForm>
      {anyFromConsole
        ? (
          <PostForm
            action="/settings/agents/reset"
            csrfToken={props.csrfToken}
            class="row-form reset-form"
            label="Forget the values saved here"
          >
            <button type="submit" class="secondary">
              Forget the values saved here (follow the server configuration)
            </button>
          </PostForm>
        )
        : null}
    </section>
  );
}

const REGISTRY_LABELS: Record<RegistryKey, string> = {
  approval: "New devices",
  tagsInclude: "Import only these TAGs",
  tagsExclude: "Never import these TAGs",
  ...PART_SETTING_LABELS,
  monitors: "Monitors",
  printers: "Printers",
  peripherals: "Peripherals",
  genericSerials: "Generic serials",
  genericUuids: "Generic UUIDs",
  genericMacs: "Generic MAC addresses",
  deletedBehaviour: "A device deleted upstream",
  staleDays: "Stale after (days without inventory)",
  staleBehaviour: "A stale device",
  trashPurgeDays: "Purge the trash after (days)",
  historyDays: "Keep history (days)",
};

function RegistrySection(
  props: SettingsPageProps["registry"] & { csrfToken: string },
) {
  const { state, errors } = props;
  const select = (
    key: RegistryKey,
    options: readonly (readonly [string, string])[],
    hint?: string,
  ) => {
    const known = options.some(([v]) => v === state[key]);
    const all = known ? options : [...options, [state[key], state[key]] as const];
    return (
      <Control id={`set-${key}`} label={REGISTRY_LABELS[key]} hint={hint} error={errors[key]}>
        {(aria) => (
          <select id={`set-${key}`} name={key} {...aria}>
            {all.map(([value, label]) => (
              <option key={value} value={value} selected={value === state[key]}>{label}</option>
            ))}
          </select>
        )}
      </Control>
    );
  };
  const list = (key: RegistryKey, hint: string) => (
    <Control id={`set-${key}`} label={REGISTRY_LABELS[key]} hint={hint} error={errors[key]}>
      {(aria) => (
        <textarea id={`set-${key}`} name={key} rows={key.startsWith("tags") ? 3 : 6} {...aria}>
          {state[key]}
        </textarea>
      )}
    </Control>
  );
  const days = (key: RegistryKey, hint: string) => (
    <Control id={`set-${key}`} label={REGISTRY_LABELS[key]} hint={hint} error={errors[key]}>
      {(aria) => (
        <input
          type="text"
          inputMode="numeric"
          id={`set-${key}`}
          name={key}
          value={state[key]}
          {...aria}
        />
      )}
    </Control>
  );
  const check = (key: RegistryKey) => (
    <div class="check" key={key}>
      <input type="checkbox" id={`set-${key}`} name={key} checked={state[key] === "on"} />
      <label for={`set-${key}`}>{REGISTRY_LABELS[key]}</label>
    </div>
  );
  const gone: [string, string][] = [
    ["trash", "Move its computer to the trash"],
    ["none", "Do nothing"],
    ...props.states.map((
      s,
    ): [string, string] => [`state:${s}`, `Set its computer's state to ${s}`]),
  ];
  return (
    <section class="panel settings" aria-labelledby="registry-title">
      <h2 id="registry-title">Registry</h2>
      <p class="muted">Applied by the next synchronisation of each device.</p>
      <ErrorSummary errors={errors} labels={REGISTRY_LABELS} />
      <PostForm action="/settings/registry" csrfToken={props.csrfToken} label="Registry options">
        <fieldset>
          <legend>Import</legend>
          <div class="settings-grid">
            {select("approval", [
              ["auto", "Imported by the rules"],
              ["manual", "Wait for approval in the inbox"],
            ])}
            {list("tagsInclude", "One per line (or comma-separated); empty: every TAG")}
            {list("tagsExclude", "One per line (or comma-separated)")}
          </div>
          <fieldset class="checks">
            <legend>Sections synchronised</legend>
            {PART_SETTINGS.map((p) => check(p.setting))}
          </fieldset>
          <div class="settings-grid">
            {select("monitors", MODES)}
            {select("printers", MODES)}
            {select("peripherals", MODES)}
          </div>
        </fieldset>
        <fieldset>
          <legend>Identifiers that identify nothing (treated as absent)</legend>
          <div class="settings-grid">
            {list("genericSerials", "One per line")}
            {list("genericUuids", "One per line")}
            {list("genericMacs", "One per line")}
          </div>
        </fieldset>
        <fieldset>
          <legend>Deletion, staleness, retention</legend>
          <div class="settings-grid">
            {select("deletedBehaviour", gone)}
            {days("staleDays", "0: never stale")}
            {select("staleBehaviour", gone)}
            {days("trashPurgeDays", "0: never")}
            {days("historyDays", "0: forever")}
          </div>
        </fieldset>
        <button type="submit">Save registry settings</button>
      </PostForm>
    </section>
  );
}
