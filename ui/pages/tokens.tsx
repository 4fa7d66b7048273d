/**
 * Personal API tokens: the list, creating one (its value is shown once, on the answer to the
 * form), revoking one.
 *
 * @module
 */

import type { ApiTokenSummary } from "../../server/auth/api_tokens.ts";
import type { Principal } from "../../server/auth/rights.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";

/** What the tokens page shows. */
export interface TokensPageProps {
  principal: Principal;
  csrfToken: string;
  tokens: ApiTokenSummary[];
  notice?: Notice | null;
  /** A token just created, shown once. */
  created?: { name: string; token: string } | null;
}

/** The tokens page. */
export function TokensPage(props: TokensPageProps) {
  const { principal } = props;
  const { t, date } = i18n();
  const k = t.tokens;
  const h = k.headers;
  return (
    <Layout
      title={k.title}
      principal={principal}
      csrfToken={props.csrfToken}
      notice={props.notice}
    >
      <h1>{k.title}</h1>
      <p class="muted">
        {k.intro1(t.users.profiles[principal.profile] ?? principal.profile)}
        <code>/api/v1</code>
        {k.intro2}
        <code>Authorization: Bearer TOKEN</code>.
      </p>
      {props.created
        ? (
          <div class="notice success" role="status">
            {k.created1}
            <strong>{props.created.name}</strong>
            {k.created2}
            <code class="secret" data-testid="new-token">{props.created.token}</code>
          </div>
        )
        : null}
      {props.tokens.length === 0 ? <p>{k.none}</p> : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{k.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{h[0]}</th>
                <th scope="col">{h[1]}</th>
                <th scope="col" class="optional">{h[2]}</th>
                <th scope="col" class="optional">{h[3]}</th>
                <th scope="col">{h[4]}</th>
                <th scope="col">{h[5]}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td class="optional">{date(t.createdAt)}</td>
                  <td class="optional">{t.lastUsedAt ? date(t.lastUsedAt) : k.never}</td>
                  <td>{t.expiresAt ? date(t.expiresAt) : k.never}</td>
                  <td>
                    <PostForm
                      action={`/tokens/${t.id}/revoke`}
                      csrfToken={props.csrfToken}
                      label={k.revokeOf(t.name)}
                    >
                      <button type="submit" class="danger">{k.revoke}</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="new-token-title">
        <h2 id="new-token-title">{k.create}</h2>
        <PostForm action="/tokens" csrfToken={props.csrfToken} class="row-form">
          <Field id="token-name" name="name" label={k.name} required autocomplete="off" />
          <Field
            id="token-days"
            name="days"
            label={k.days}
            type="number"
            hint={k.daysHint}
          />
          <button type="submit">{k.createButton}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
