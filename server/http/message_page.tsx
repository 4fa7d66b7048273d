/**
 * A console answer that only says something to the signed-in user (a missing computer, rule or
 * task; a refused request), with a link back to where they came from.
 *
 * @module
 */

import type { Context } from "hono";
import { MessagePage } from "../../ui/pages/message.tsx";
import type { AppEnv } from "./env.ts";
import { authOf } from "./guards.ts";
import { sendPage } from "./html.ts";

/** Answers `status` with a message page under the principal's own navigation. */
export function sendMessage(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 409,
  page: { title: string; message: string; link: { href: string; label: string } },
): Response {
  const { principal, session } = authOf(c);
  return sendPage(
    c,
    <MessagePage {...page} principal={principal} csrfToken={session?.csrfToken ?? ""} />,
    status,
  );
}
