/**
 * `/history`: every recorded change of every computer, filtered and paged, and its CSV
 * `/history.csv` (the filtered list, headers and separator in the reader's language). Scoped as
 * the computers list: a principal limited to some entities sees their computers' changes only.
 *
 * @module
 */

import { Hono } from "hono";
import { entityIdsVisibleTo } from "../../auth/entity_scope.ts";
import type { ServerContext } from "../../context.ts";
import { referenceNames } from "../../registry/computer_detail.ts";
import {
  type FleetHistoryRow,
  fleetHistoryRows,
  listFleetHistory,
} from "../../registry/history_queries.ts";
import { csvDownload } from "../../http/csv_download.ts";
import { csvLanguage } from "../../http/csv_option.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { sendPage } from "../../http/html.ts";
import { i18nOf } from "../../http/i18n.ts";
import { pageParamsOrFirst } from "../../http/list_params.ts";
import type { I18n } from "../../../ui/i18n/format.ts";
import { HISTORY_PATH, HISTORY_PER_PAGE, historyFilterOf, historyQueryOf } from "./form.ts";
import { HistoryPage } from "./view.tsx";

/** Rows read per query while exporting. */
const CSV_CHUNK = 1000;
/** The most rows one export holds (a whole history is a database copy, not a CSV). */
const CSV_MAX = 100_000;

/** The fleet history routes. */
export function historyRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");

  app.get(HISTORY_PATH, read, async (c) => {
    const { principal, session } = authOf(c);
    const filter = historyFilterOf((name) => c.req.query(name));
    const { query, problems } = historyQueryOf(filter, i18nOf(c));
    const { paging, problem } = pageParamsOrFirst((name) => c.req.query(name), {
      perPage: HISTORY_PER_PAGE,
      max: 200,
    });
    if (problem) problems.push(problem);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const list = await listFleetHistory(ctx.db, {
      ...query,
      scope,
      limit: paging.limit,
      offset: paging.offset,
    });
    const names = await referenceNames(ctx.db, list.rows, []);
    return sendPage(
      c,
      <HistoryPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        filter={filter}
        rows={list.rows}
        names={names}
        total={list.total}
        capped={list.capped}
        page={paging.page}
        perPage={paging.perPage}
        problems={problems}
      />,
      problems.length > 0 ? 400 : 200,
    );
  });

  app.get(`${HISTORY_PATH}.csv`, read, async (c) => {
    const { principal } = authOf(c);
    const language = csvLanguage(i18nOf(c), c.req.query("sep"));
    const { query, problems } = historyQueryOf(
      historyFilterOf((name) => c.req.query(name)),
      language,
    );
    if (problems.length > 0) {
      return c.text(problems.join("\n"), 400, { "content-language": language.locale });
    }
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    return csvDownload(c, ctx.now(), {
      name: "history",
      header: (l) => l.t.history.headers,
      async *pages(l) {
        let beforeId: number | undefined;
        for (let read = 0; read < CSV_MAX; read += CSV_CHUNK) {
          const rows = await fleetHistoryRows(ctx.db, {
            ...query,
            scope,
            ...(beforeId === undefined ? {} : { beforeId }),
            limit: CSV_CHUNK,
            offset: 0,
          });
          yield csvCells(rows, await referenceNames(ctx.db, rows, []), l);
          if (rows.length < CSV_CHUNK) return;
          beforeId = rows[rows.length - 1]!.id;
        }
      },
    });
  });
  return app;
}

function csvCells(
  rows: readonly FleetHistoryRow[],
  names: Awaited<ReturnType<typeof referenceNames>>,
  language: I18n,
): string[][] {
  const c = language.t.computer;
  const value = (field: string, text: string) => {
    if (field in names && /^\d+$/.test(text)) {
      return names[field as keyof typeof names].get(Number(text)) ?? `#${text}`;
    }
    return text;
  };
  return rows.map((row) => [
    language.dateTime(row.at),
    row.computer_name,
    c.historyKinds[row.kind] ?? row.kind,
    row.field ? c.fields[row.field] ?? row.field : "",
    value(row.field, row.old_value),
    value(row.field, row.new_value),
    c.sources[row.source] ?? row.source,
    row.actor,
  ]);
}
