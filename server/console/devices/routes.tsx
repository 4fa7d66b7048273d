/**
 * `/devices/all` (every device, searched and paged, and its CSV `/devices/all.csv`) and
 * `/devices/:id` (one device: identity, computer, every kept section, the last inventory to
 * download). Scoped as the dashboard's devices tile counts: over every entity, every device;
 * otherwise the devices feeding live computers of the principal's entities (see
 * registry/device_list.ts). A device outside the scope answers 404, as a computer does.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { entityIdsVisibleTo } from "../../auth/entity_scope.ts";
import type { ServerContext } from "../../context.ts";
import {
  type DeviceListRow,
  deviceRowInScope,
  listDeviceRows,
} from "../../registry/device_list.ts";
import { getDeviceDetail, getPayload } from "../../store/devices.ts";
import { decodeBody, DEFAULT_DECODE_LIMITS, isJsonMessage } from "../../../protocol/mod.ts";
import { csvDownload, mapPages, offsetPages } from "../../http/csv_download.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { sendPage } from "../../http/html.ts";
import { i18nOf } from "../../http/i18n.ts";
import { pageParamsOrFirst } from "../../http/list_params.ts";
import { sendMessage } from "../../http/message_page.tsx";
import type { I18n } from "../../../ui/i18n/format.ts";
import { DEVICES_LIST, DEVICES_PER_PAGE, deviceStatusText, sectionTables } from "./form.ts";
import { DevicePage, DevicesListPage } from "./view.tsx";

/** Rows read per query while exporting. */
const CSV_CHUNK = 1000;

/** The devices list and device page routes. */
export function devicePagesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");

  app.get(DEVICES_LIST, read, async (c) => {
    const { principal, session } = authOf(c);
    const search = (c.req.query("q") ?? "").slice(0, 200);
    const { paging, problem } = pageParamsOrFirst((name) => c.req.query(name), {
      perPage: DEVICES_PER_PAGE,
      max: 200,
    });
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const list = await listDeviceRows(ctx.db, {
      scope,
      search,
      limit: paging.limit,
      offset: paging.offset,
    });
    return sendPage(
      c,
      <DevicesListPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        search={search}
        rows={list.rows}
        total={list.total}
        page={paging.page}
        perPage={paging.perPage}
        problem={problem}
      />,
      problem ? 400 : 200,
    );
  });

  app.get(`${DEVICES_LIST}.csv`, read, async (c) => {
    const { principal } = authOf(c);
    const search = (c.req.query("q") ?? "").slice(0, 200);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    return csvDownload(c, ctx.now(), {
      name: "devices",
      header: csvHeader,
      pages: (language) =>
        mapPages(
          offsetPages(CSV_CHUNK, async (limit, offset) =>
            (await listDeviceRows(ctx.db, { scope, search, limit, offset })).rows),
          (row) =>
            csvCells(row, language),
        ),
    });
  });

  /** The device `id` names within the principal's scope, or the 404 answer. */
  const scopedDevice = async (c: Context<AppEnv>) => {
    const { principal } = authOf(c);
    const row = await deviceRowInScope(
      ctx.db,
      Number(c.req.param("id")),
      await entityIdsVisibleTo(ctx.db, principal),
    );
    if (row) return row;
    const k = i18nOf(c).t.devicePages;
    return sendMessage(c, 404, {
      title: k.notFound,
      message: k.notFound,
      link: { href: DEVICES_LIST, label: k.listTitle },
    });
  };

  app.get("/devices/:id{[0-9]+}", read, async (c) => {
    const { principal, session } = authOf(c);
    const row = await scopedDevice(c);
    if (row instanceof Response) return row;
    const detail = (await getDeviceDetail(ctx.db, row.id))!;
    const payload = await getPayload(ctx.db, row.id);
    return sendPage(
      c,
      <DevicePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        row={row}
        inventories={detail.inventories}
        firstSeen={detail.firstSeen}
        hasPayload={payload !== undefined}
        sections={sectionTables(detail.sections)}
      />,
    );
  });

  app.get("/devices/:id{[0-9]+}/inventory.xml", read, async (c) => {
    const row = await scopedDevice(c);
    if (row instanceof Response) return row;
    const payload = await getPayload(ctx.db, row.id);
    if (!payload) {
      const k = i18nOf(c).t.devicePages;
      return sendMessage(c, 404, {
        title: k.noPayload,
        message: k.noPayload,
        link: { href: `/devices/${row.id}`, label: k.deviceTitle(row.name || row.deviceid) },
      });
    }
    const { xml } = decodeBody(payload.body, DEFAULT_DECODE_LIMITS);
    const json = isJsonMessage(xml);
    return new Response(new Uint8Array(xml), {
      headers: {
        // A GLPI agent's native inventory is kept as it came: JSON.
        "content-type": json ? "application/json" : "application/xml; charset=utf-8",
        "content-disposition": `attachment; filename="${row.deviceid.replace(/[^\w.-]/g, "_")}.${
          json ? "json" : "xml"
        }"`,
        "last-modified": new Date(payload.receivedAt).toUTCString(),
      },
    });
  });
  return app;
}

function csvHeader(language: I18n): string[] {
  const k = language.t.devicePages;
  return [...k.headers, k.identityFields.computer];
}

function csvCells(row: DeviceListRow, language: I18n): string[] {
  return [
    row.deviceid,
    row.name,
    row.tag ?? "",
    row.userAgent,
    deviceStatusText(row, language),
    row.lastDate ? language.dateTime(row.lastDate) : "",
    language.dateTime(row.lastCome),
    row.computerName ?? "",
  ];
}
