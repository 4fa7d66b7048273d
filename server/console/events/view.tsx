/**
 * The event log page: alerts and task events, newest first, filtered by kind.
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import type { EventRecord } from "../../tasks/event_log.ts";
import { i18n } from "../../../ui/i18n/format.ts";
import { Layout } from "../../../ui/layout.tsx";
import { listHref } from "../../../ui/list.tsx";
import { EVENT_KINDS, EVENTS_SHOWN } from "./form.ts";

/** What the event log page shows. */
export interface EventsPageProps {
  principal: Principal;
  csrfToken: string;
  kind: string;
  events: EventRecord[];
}

/** The event log page. */
export function EventsPage(props: EventsPageProps) {
  const { t, dateTime } = i18n();
  const k = t.events;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
    >
      <h1>{k.title}</h1>
      <p class="muted">{k.intro}</p>
      <form method="get" action="/events" class="row-form" role="search" aria-label={k.filterLabel}>
        <div class="field">
          <label for="event-kind">{k.kind}</label>
          <select id="event-kind" name="kind">
            <option value="">{k.allKinds}</option>
            {EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind} selected={kind === props.kind}>
                {k.kinds[kind] ?? kind}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">{k.filter}</button>
        <a
          class="button secondary"
          href={listHref("/events.csv", props.kind ? { kind: props.kind } : {})}
        >
          {i18n().t.common.exportCsv}
        </a>
      </form>
      {props.events.length === 0 ? <p class="panel empty">{k.none}</p> : (
        <>
          <div class="table-wrap">
            <table class="events">
              <caption class="visually-hidden">{k.caption}</caption>
              <thead>
                <tr>
                  {k.headers.map((h) => <th scope="col" key={h}>{h}</th>)}
                </tr>
              </thead>
              <tbody>
                {props.events.map((event) => (
                  <tr key={event.id} data-kind={event.kind} class={`level-${event.level}`}>
                    <td>
                      <time datetime={event.at}>{dateTime(event.at)}</time>
                    </td>
                    <td>
                      <span class={`badge level-${event.level}`}>
                        {k.levels[event.level] ?? event.level}
                      </span>
                    </td>
                    <td>{k.kinds[event.kind] ?? event.kind}</td>
                    <td class="event-message">{event.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.events.length >= EVENTS_SHOWN
            ? <p class="muted">{k.latest(EVENTS_SHOWN)}</p>
            : null}
        </>
      )}
    </Layout>
  );
}
