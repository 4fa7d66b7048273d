/**
 * The console's one layout: skip link, header (product, main navigation, user menu), main
 * content, footer. Works without JavaScript: the user menu is a `<details>`, sign-out a form.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import { VERSION } from "../version.ts";
import { can, type Principal } from "../server/auth/rights.ts";
import { type Notice, NoticeBox, PostForm } from "./components.tsx";
import { i18n } from "./i18n/format.ts";
import { NAV_ITEMS } from "./nav.ts";

/** Product name, as the header and titles show it. */
export const PRODUCT = "inventory";

/** What every page passes to the layout. */
export interface LayoutProps {
  title: string;
  /** Null on the sign-in page: no navigation. */
  principal: Principal | null;
  csrfToken?: string;
  /** The navigation key of this page. */
  current?: string;
  notice?: Notice | null;
  children: ComponentChildren;
}

/** A whole page. */
export function Layout(props: LayoutProps) {
  const { principal } = props;
  const { locale, t } = i18n();
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${PRODUCT}`}</title>
        <link rel="stylesheet" href="/assets/console.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">{t.common.skipToContent}</a>
        <header class="topbar">
          <a class="brand" href="/">{PRODUCT}</a>
          {principal && !principal.mustChangePassword
            ? <MainNav principal={principal} current={props.current} />
            : null}
          {principal ? <UserMenu principal={principal} csrfToken={props.csrfToken ?? ""} /> : null}
        </header>
        <main id="main" tabindex={-1}>
          <NoticeBox notice={props.notice} />
          {props.children}
        </main>
        <footer>
          {PRODUCT} {VERSION}
        </footer>
      </body>
    </html>
  );
}

function MainNav(props: { principal: Principal; current: string | undefined }) {
  const items = NAV_ITEMS.filter((item) => can(props.principal, item.right));
  const { t } = i18n();
  return (
    <nav aria-label={t.common.mainNav}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <a href={item.href} aria-current={item.key === props.current ? "page" : undefined}>
              {t.nav[item.key as keyof typeof t.nav] ?? item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserMenu(props: { principal: Principal; csrfToken: string }) {
  const { principal } = props;
  const { t } = i18n();
  return (
    <details class="user-menu">
      <summary>
        <span class="visually-hidden">{t.common.accountMenuFor}</span>
        {principal.displayName} <span class="profile">({principal.profile})</span>
      </summary>
      <ul>
        {principal.mustChangePassword ? null : (
          <li>
            <a href="/tokens">{t.common.apiTokens}</a>
          </li>
        )}
        {principal.mustChangePassword ? null : (
          <li>
            <a href="/preferences">{t.common.preferences}</a>
          </li>
        )}
        <li>
          <a href="/password">{t.common.changePassword}</a>
        </li>
        <li>
          <PostForm action="/logout" csrfToken={props.csrfToken} label={t.common.signOut}>
            <button type="submit">{t.common.signOut}</button>
          </PostForm>
        </li>
      </ul>
    </details>
  );
}
