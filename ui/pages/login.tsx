/**
 * The sign-in page. Its form carries the token of the `inv_login` cookie (there is no session
 * yet to hold a CSRF token) and the page to return to.
 *
 * @module
 */

import { Field, type Notice, PostForm } from "../components.tsx";
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
  return (
    <Layout title="Sign in" principal={null} notice={props.notice}>
      <section class="panel narrow" aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        <PostForm action="/login" csrfToken={props.csrfToken}>
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <Field
            id="login"
            name="login"
            label="Login"
            value={props.login}
            required
            autocomplete="username"
            autofocus={!props.login}
          />
          <Field
            id="password"
            name="password"
            label="Password"
            type="password"
            required
            autocomplete="current-password"
            autofocus={!!props.login}
          />
          <button type="submit">Sign in</button>
        </PostForm>
      </section>
    </Layout>
  );
}
