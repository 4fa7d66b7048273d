/**
 * `/events`: the server's event log (alerts, task failures), for whoever runs the automatic
 * actions (the "tasks" right: alerts span every entity), and `/events.csv`, the whole log (of the
 * kind filtered on) to download.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { sendPage } from "../../http/html.ts";
import { csvDownload } from "../../http/csv_download.ts";
import { type EventRecord, listEvents } from "../../tasks/event_log.ts";
import type { I18n } from "../../../ui/i18n/format.ts";
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

  // Every event of the filter, not only the page's latest EVENTS_SHOWN.
  app.get("/events.csv", requireRight(ctx, "tasks"), (c) => {
    const kind = eventKindOf(c.req.query("kind"));
    return csvDownload(c, ctx.now(), {
      name: "events",
      header: (language) => language.t.events.headers,
      pages: (language) => eventPages(ctx, kind, language),
    });
  });
  return app;
}

/** Rows read per query while exporting. */
const CSV_CHUNK = 1000;

async function* eventPages(ctx: ServerContext, kind: string, language: I18n) {
  let beforeId: number | undefined;
  for (;;) {
    const events = await listEvents(ctx.db, {
      ...(kind ? { kind } : {}),
      limit: CSV_CHUNK,
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    yield events.map((event) => eventCells(event, language));
    if (events.length < CSV_CHUNK) return;
    beforeId = events[events.length - 1]!.id;
  }
}

function eventCells(event: EventRecord, language: I18n): string[] {
  const k = language.t.events;
  return [
    language.dateTime(event.at),
    k.levels[event.level] ?? event.level,
    k.kinds[event.kind] ?? event.kind,
    event.message,
  ];
}
