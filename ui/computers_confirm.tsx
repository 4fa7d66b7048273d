/**
 * The purge confirmation: how many computers, a few of their names, what purging means, and the
 * same form posted again with `confirm=1`.
 *
 * @module
 */

import type { Principal } from "../server/auth/rights.ts";
import { PostForm } from "./components.tsx";
import { Layout } from "./layout.tsx";

/** What the confirmation shows. */
export interface PurgeConfirmProps {
  principal: Principal;
  csrfToken: string;
  view: "computers" | "trash";
  /** Where the form posts. */
  action: string;
  count: number;
  /** A few names, for recognition. */
  sample: readonly { id: number; name: string }[];
  /** The form's fields to post again (without the CSRF token and `confirm`). */
  fields: readonly [string, string][];
  /** The list to go back to. */
  back: string;
}

/** "Purge N computers?" */
export function PurgeConfirmPage(props: PurgeConfirmProps) {
  const count = props.count.toLocaleString("en");
  const noun = `computer${props.count === 1 ? "" : "s"}`;
  const more = props.count - props.sample.length;
  return (
    <Layout
      title="Purge computers?"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current={props.view}
    >
      <section class="panel confirm" aria-labelledby="confirm-title">
        <h1 id="confirm-title">Purge {count} {noun}?</h1>
        <p>
          Purging deletes {props.count === 1 ? "this computer" : `these ${count} computers`}{" "}
          and everything they own (components, software, network ports, history, locks) for good.
          {" "}
          <strong>This cannot be undone.</strong>{" "}
          Their devices are imported again only if they send a new inventory.
        </p>
        {props.view === "computers"
          ? <p>Computers that are not in the trash are purged too.</p>
          : null}
        <ul class="sample">
          {props.sample.map((c) => <li key={c.id}>{c.name || `computer ${c.id}`}</li>)}
          {more > 0 ? <li class="muted">and {more.toLocaleString("en")} more</li> : null}
        </ul>
        <PostForm action={props.action} csrfToken={props.csrfToken} label="Confirm the purge">
          {props.fields.map(([name, value], i) => (
            <input key={i} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirm" value="1" />
          <div class="row-form">
            <button type="submit" class="danger">Purge {count} {noun}</button>
            <a class="button secondary" href={props.back}>Cancel</a>
          </div>
        </PostForm>
      </section>
    </Layout>
  );
}
