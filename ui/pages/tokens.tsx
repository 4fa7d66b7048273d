/**
 * Personal API tokens: the list, creating one (its value is shown once, on the answer to the
 * form), revoking one.
 *
 * @module
 */

import type { ApiTokenSummary } from "../../server/auth/api_tokens.ts";
import type { Principal } from "../../server/auth/rights.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
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
  return (
    <Layout
      title="API tokens"
      principal={principal}
      csrfToken={props.csrfToken}
      notice={props.notice}
    >
      <h1>API tokens</h1>
      <p class="muted">
        A token acts as you ({principal.profile}) on <code>/api/v1</code>: send it as{" "}
        <code>Authorization: Bearer TOKEN</code>.
      </p>
      {props.created
        ? (
          <div class="notice success" role="status">
            Token <strong>{props.created.name}</strong> created. Copy it now: it is not shown again.
            <code class="secret" data-testid="new-token">{props.created.token}</code>
          </div>
        )
        : null}
      {props.tokens.length === 0 ? <p>You have no API tokens.</p> : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col" class="optional">Created</th>
                <th scope="col" class="optional">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td class="optional">{day(t.createdAt)}</td>
                  <td class="optional">{t.lastUsedAt ? day(t.lastUsedAt) : "never"}</td>
                  <td>{t.expiresAt ? day(t.expiresAt) : "never"}</td>
                  <td>
                    <PostForm
                      action={`/tokens/${t.id}/revoke`}
                      csrfToken={props.csrfToken}
                      label={`Revoke ${t.name}`}
                    >
                      <button type="submit" class="danger">Revoke</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="new-token-title">
        <h2 id="new-token-title">Create a token</h2>
        <PostForm action="/tokens" csrfToken={props.csrfToken} class="row-form">
          <Field id="token-name" name="name" label="Name" required autocomplete="off" />
          <Field
            id="token-days"
            name="days"
            label="Expires after (days)"
            type="number"
            hint="Empty: until revoked."
          />
          <button type="submit">Create token</button>
        </PostForm>
      </section>
    </Layout>
  );
}

function day(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}
