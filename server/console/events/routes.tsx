/**
 * `/events`: the server's event log (alerts, task failures), for whoever runs the automatic
 * actions (the "tasks" right: alerts span every entity).
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { sendPage } from "../../http/html.ts";
import { listEvents } from "../../tasks/event_log.ts";
import { eventKindOf, EVENTS_SHOWN } from "./form.ts";
import { EventsPage } from "./view.tsx";

/** The event log routes. */
export function eventsRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/events", requireRight(ctx, "tasks"), async (c) => {
    const { principal, session } = authOf(c);
    const kind = eventKindOf(c.req.query("kind"));
    const events = await listEvents(ctx.db, { ...(kind ? { kind } : {}), limit: EVENTS_SHOWN });
    return sendPage(
      c,
      <EventsPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        kind={kind}
        events={events}
      />,
    );
  });
  return app;
}
