/**
 * Small building blocks every console page uses: the CSRF hidden field, a POST form that always
 * carries it, notices, labelled fields.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import { CSRF_FIELD } from "../server/http/csrf.ts";

/** A message shown above a page's content. */
export interface Notice {
  kind: "success" | "error" | "info";
  text: string;
}

/** The hidden CSRF field. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

/** A POST form carrying the CSRF token. */
export function PostForm(
  props: {
    action: string;
    csrfToken: string;
    class?: string;
    label?: string;
    children: ComponentChildren;
  },
) {
  return (
    <form method="post" action={props.action} class={props.class} aria-label={props.label}>
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}

/** A notice: errors are announced at once (alert), the rest politely (status). */
export function NoticeBox(props: { notice: Notice | null | undefined }) {
  const { notice } = props;
  if (!notice) return null;
  return (
    <div class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      {notice.text}
    </div>
  );
}

/** A labelled input. */
export function Field(
  props: {
    id: string;
    name: string;
    label: string;
    type?: "text" | "password" | "number";
    value?: string;
    required?: boolean;
    autocomplete?: string;
    hint?: ComponentChildren;
    autofocus?: boolean;
    minLength?: number;
    /** "numeric" for a number typed as text (a text box keeps what was typed when refused). */
    inputMode?: "numeric";
    /** Another element describing the input too (a form's error message). */
    describedBy?: string;
  },
) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const describedBy = [hintId, props.describedBy].filter(Boolean).join(" ");
  const common = {
    id: props.id,
    name: props.name,
    value: props.value,
    required: props.required,
    autocomplete: props.autocomplete,
    "aria-describedby": describedBy || undefined,
    autofocus: props.autofocus,
    minLength: props.minLength,
    inputMode: props.inputMode,
  };
  // One element per type: preact's input typing is a union keyed on `type`.
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.type === "password"
        ? <input type="password" {...common} />
        : props.type === "number"
        ? <input type="number" {...common} />
        : <input type="text" {...common} />}
      {props.hint ? <span class="hint" id={hintId}>{props.hint}</span> : null}
    </div>
  );
}
