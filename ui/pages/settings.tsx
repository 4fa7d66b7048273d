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
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { PART_SETTINGS } from "../../server/registry/parts.ts";
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
  const k = i18n().t.settings;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="settings"
      notice={props.notice}
    >
      <h1>{k.title}</h1>
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
      {i18n().t.settings.notSaved(entries.length)}
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
  const k = i18n().t.settings;
  if (source.pinned) return k.pinned(source.label);
  switch (source.from) {
    case "console":
      return k.fromConsole;
    case "file":
      return k.fromFile(source.label);
    default:
      return k.byDefault;
  }
}

function AgentSection(
  props: SettingsPageProps["agent"] & { csrfToken: string },
) {
  const { state, sources, errors } = props;
  const k = i18n().t.settings;
  const labels = k.agentLabels as Record<AgentField, string>;
  const text = (field: "frequency" | "prologFreq" | "realm", extra: string) => {
    const source = sources[field];
    return (
      <Control
        id={`set-${field}`}
        label={labels[field]}
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
      <h2 id="agents-title">{k.agentTitle}</h2>
      <p class="muted">
        {k.agentIntro1}
        <code>inventory devices set</code>
        {k.agentIntro2}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <PostForm action="/settings/agents" csrfToken={props.csrfToken} label={k.agentTitle}>
        <div class="settings-grid">
          {text("frequency", k.frequencyHint)}
          {text("prologFreq", k.prologHint)}
          <div class="check">
            <input
              type="checkbox"
              id="set-inventoryOnStartup"
              name="inventoryOnStartup"
              checked={state.inventoryOnStartup === "on"}
              disabled={sources.inventoryOnStartup.pinned}
              aria-describedby="set-inventoryOnStartup-hint"
            />
            <label for="set-inventoryOnStartup">{labels.inventoryOnStartup}</label>
            <span class="hint" id="set-inventoryOnStartup-hint">
              {sourceHint(sources.inventoryOnStartup)}
            </span>
          </div>
        </div>
        <fieldset>
          <legend>{k.basicAuth}</legend>
          <p class="muted" data-testid="agent-auth-state">
            {props.authOn ? k.authOn : k.authOff} {sourceHint(credentials)}.
          </p>
          <div class="settings-grid">
            <Control
              id="set-credentials"
              label={k.agentUser}
              hint={k.agentUserHint}
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
              label={k.newPassword}
              hint={props.authOn ? k.keepPassword : k.passwordRequired}
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
            {text("realm", k.realmHint)}
          </div>
        </fieldset>
        <button type="submit">{k.saveAgent}</button>
      </PostForm>
      {anyFromConsole
        ? (
          <PostForm
            action="/settings/agents/reset"
            csrfToken={props.csrfToken}
            class="row-form reset-form"
            label={k.forgetLabel}
          >
            <button type="submit" class="secondary">
              {k.forget}
            </button>
          </PostForm>
        )
        : null}
    </section>
  );
}

function RegistrySection(
  props: SettingsPageProps["registry"] & { csrfToken: string },
) {
  const { state, errors } = props;
  const k = i18n().t.settings;
  const labels = k.registryLabels as Record<RegistryKey, string>;
  const modes = MODES.map(([value, label]) => [value, k.modes[value] ?? label] as const);
  const select = (
    key: RegistryKey,
    options: readonly (readonly [string, string])[],
    hint?: string,
  ) => {
    const known = options.some(([v]) => v === state[key]);
    const all = known ? options : [...options, [state[key], state[key]] as const];
    return (
      <Control id={`set-${key}`} label={labels[key]} hint={hint} error={errors[key]}>
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
    <Control id={`set-${key}`} label={labels[key]} hint={hint} error={errors[key]}>
      {(aria) => (
        <textarea id={`set-${key}`} name={key} rows={key.startsWith("tags") ? 3 : 6} {...aria}>
          {state[key]}
        </textarea>
      )}
    </Control>
  );
  const days = (key: RegistryKey, hint: string) => (
    <Control id={`set-${key}`} label={labels[key]} hint={hint} error={errors[key]}>
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
      <label for={`set-${key}`}>{labels[key]}</label>
    </div>
  );
  const gone: [string, string][] = [
    ["trash", k.toTrash],
    ["none", k.doNothing],
    ...props.states.map((s): [string, string] => [`state:${s}`, k.setState(s)]),
  ];
  return (
    <section class="panel settings" aria-labelledby="registry-title">
      <h2 id="registry-title">{k.registryTitle}</h2>
      <p class="muted">{k.registryIntro}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <PostForm action="/settings/registry" csrfToken={props.csrfToken} label={k.registryOptions}>
        <fieldset>
          <legend>{k.import}</legend>
          <div class="settings-grid">
            {select("approval", [
              ["auto", k.byRules],
              ["manual", k.waitApproval],
            ])}
            {list("tagsInclude", k.tagsIncludeHint)}
            {list("tagsExclude", k.tagsExcludeHint)}
          </div>
          <fieldset class="checks">
            <legend>{k.sections}</legend>
            {PART_SETTINGS.map((p) => check(p.setting))}
          </fieldset>
          <div class="settings-grid">
            {select("monitors", modes)}
            {select("printers", modes)}
            {select("peripherals", modes)}
          </div>
        </fieldset>
        <fieldset>
          <legend>{k.generic}</legend>
          <div class="settings-grid">
            {list("genericSerials", k.onePerLine)}
            {list("genericUuids", k.onePerLine)}
            {list("genericMacs", k.onePerLine)}
          </div>
        </fieldset>
        <fieldset>
          <legend>{k.retention}</legend>
          <div class="settings-grid">
            {select("deletedBehaviour", gone)}
            {days("staleDays", k.neverStale)}
            {select("staleBehaviour", gone)}
            {days("trashPurgeDays", k.never)}
            {days("historyDays", k.forever)}
          </div>
        </fieldset>
        <button type="submit">{k.saveRegistry}</button>
      </PostForm>
    </section>
  );
}
