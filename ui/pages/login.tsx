/**
 * The sign-in page. Its form carries the token of the `inv_login` cookie (there is no session
 * yet to hold a CSRF token) and the page to return to.
 *
 * @module
 */

import { Field, type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";

/** What the sign-in page shows. */
export interface LoginPageProps {
  csrfToken: string;
  login?: string;
  next?: string;
  notice?: Notice | null;
}

/** The sign-in page. */
export function LoginPage(props: LoginPageProps) {
  const { t } = i18n();
  return (
    <Layout title={t.auth.signIn} principal={null} notice={props.notice}>
      <section class="panel narrow" aria-labelledby="login-title">
        <h1 id="login-title">{t.auth.signIn}</h1>
        <PostForm action="/login" csrfToken={props.csrfToken}>
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <Field
            id="login"
            name="login"
            label={t.auth.login}
            value={props.login}
            required
            autocomplete="username"
            autofocus={!props.login}
          />
          <Field
            id="password"
            name="password"
            label={t.auth.password}
            type="password"
            required
            autocomplete="current-password"
            autofocus={!!props.login}
          />
          <button type="submit">{t.auth.signIn}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
