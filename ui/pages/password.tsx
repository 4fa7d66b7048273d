/**
 * Changing one's password; forced (no navigation) while the one-time password is in use.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { MIN_PASSWORD_LENGTH } from "../../server/auth/password.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";

/** What the password page shows. */
export interface PasswordPageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
}

/** The password page. */
export function PasswordPage(props: PasswordPageProps) {
  const forced = props.principal.mustChangePassword;
  return (
    <Layout
      title="Change password"
      principal={props.principal}
      csrfToken={props.csrfToken}
      notice={props.notice ??
        (forced ? { kind: "info", text: "Choose a new password before you continue." } : null)}
    >
      <section class="panel narrow" aria-labelledby="password-title">
        <h1 id="password-title">Change password</h1>
        <PostForm action="/password" csrfToken={props.csrfToken}>
          <input
            type="text"
            name="username"
            value={props.principal.login}
            autocomplete="username"
            hidden
            readonly
          />
          <Field
            id="current"
            name="current"
            label={forced ? "One-time password" : "Current password"}
            type="password"
            required
            autocomplete="current-password"
            autofocus
          />
          <Field
            id="new"
            name="new"
            label="New password"
            type="password"
            required
            autocomplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters, not containing your login.`}
          />
          <Field
            id="confirm"
            name="confirm"
            label="New password again"
            type="password"
            required
            autocomplete="new-password"
          />
          <button type="submit">Change password</button>
        </PostForm>
      </section>
    </Layout>
  );
}
