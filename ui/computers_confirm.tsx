/**
 * The purge confirmation: how many computers, a few of their names, what purging means, and the
 * same form posted again with `confirm=1`.
 *
 * @module
 */

import type { Principal } from "../server/auth/rights.ts";
import { PostForm } from "./components.tsx";
import { i18n } from "./i18n/format.ts";
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
  const more = props.count - props.sample.length;
  const k = i18n().t.computersList;
  return (
    <Layout
      title={k.purgeTitle}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current={props.view}
    >
      <section class="panel confirm" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{k.purgeHeading(props.count)}</h1>
        <p>
          {k.purgeExplain(props.count)} <strong>{k.cannotUndo}</strong> {k.reimport}
        </p>
        {props.view === "computers" ? <p>{k.liveToo}</p> : null}
        <ul class="sample">
          {props.sample.map((c) => <li key={c.id}>{c.name || k.computerNumber(c.id)}</li>)}
          {more > 0 ? <li class="muted">{k.andMore(more)}</li> : null}
        </ul>
        <PostForm action={props.action} csrfToken={props.csrfToken} label={k.confirmPurge}>
          {props.fields.map(([name, value], i) => (
            <input key={i} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirm" value="1" />
          <div class="row-form">
            <button type="submit" class="danger">{k.purgeButton(props.count)}</button>
            <a class="button secondary" href={props.back}>{k.cancel}</a>
          </div>
        </PostForm>
      </section>
    </Layout>
  );
}
