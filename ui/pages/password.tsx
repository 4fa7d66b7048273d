/**
 * Changing one's password; forced (no navigation) while the one-time password is in use.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { MIN_PASSWORD_LENGTH } from "../../server/auth/password.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
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
  const { t } = i18n();
  return (
    <Layout
      title={t.common.changePassword}
      principal={props.principal}
      csrfToken={props.csrfToken}
      notice={props.notice ??
        (forced ? { kind: "info", text: t.auth.choosePassword } : null)}
    >
      <section class="panel narrow" aria-labelledby="password-title">
        <h1 id="password-title">{t.common.changePassword}</h1>
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
            label={forced ? t.auth.oneTimePassword : t.auth.currentPassword}
            type="password"
            required
            autocomplete="current-password"
            autofocus
          />
          <Field
            id="new"
            name="new"
            label={t.auth.newPassword}
            type="password"
            required
            autocomplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            hint={t.auth.passwordHint(MIN_PASSWORD_LENGTH)}
          />
          <Field
            id="confirm"
            name="confirm"
            label={t.auth.newPasswordAgain}
            type="password"
            required
            autocomplete="new-password"
          />
          <button type="submit">{t.common.changePassword}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
