/**
 * A page that only says something: a refusal, a missing page, an error.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { Layout } from "../layout.tsx";

/** What the message page shows. */
export interface MessagePageProps {
  title: string;
  message: string;
  principal: Principal | null;
  csrfToken?: string;
  /** A way on, e.g. the sign-in page. */
  link?: { href: string; label: string };
}

/** The message page. */
export function MessagePage(props: MessagePageProps) {
  return (
    <Layout title={props.title} principal={props.principal} csrfToken={props.csrfToken}>
      <section class="panel narrow" aria-labelledby="message-title">
        <h1 id="message-title">{props.title}</h1>
        <p>{props.message}</p>
        {props.link ? <a href={props.link.href}>{props.link.label}</a> : null}
      </section>
    </Layout>
  );
}
