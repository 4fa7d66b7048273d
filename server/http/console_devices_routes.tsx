/**
 * The devices inbox: not imported and pending devices, their traces, and offline upload.
 * Devices are not attached to entities yet, so every route needs its right over every entity
 * (as the API's device routes do): reading needs "read", acting needs "edit".
 *
 * Actions redirect back to the inbox with a notice made of counts (never of text from the URL);
 * an upload answers with the inbox and a result per file.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { decide } from "../auth/rights.ts";
import { entityNames, listEntityChoices } from "../auth/entity_scope.ts";
import type { ServerContext } from "../context.ts";
import { importInventoryFile } from "../ingest/import_file.ts";
import type { BatchResult } from "../registry/batch.ts";
import { retryRegistry, syncRegistry } from "../registry/run_registry.ts";
import { findLinkTargets, getLinkTarget, inboxDeviceIds, inboxTraces } from "../registry/inbox.ts";
import { listNotImported, notImportedTrace, registryCounts } from "../registry/queries.ts";
import { findDevice } from "../store/devices.ts";
import type { Notice } from "../../ui/components.tsx";
import {
  DevicesPage,
  formatBytes,
  INBOX_STATUSES,
  type InboxStatus,
  type UploadOutcome,
} from "../../ui/pages/devices.tsx";
import { DeviceLinkPage } from "../../ui/pages/devices_link.tsx";
import { readForm, readMultipart, UPLOAD_BODIES_CAP } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { sendMessage } from "./message_page.tsx";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import { pageParamsOrFirst } from "./list_params.ts";
import { csvDownload, mapPages, offsetPages } from "./csv_download.ts";

/** Inbox rows read per query while exporting. */
const CSV_CHUNK = 1000;

/** Devices belong to no entity yet: only principals over every entity reach them. */
const ALL_ENTITIES = { allEntities: true };
/** "Retry all" replays at most this many devices per click (the rest on the next click). */
const RETRY_ALL_LIMIT = 10_000;
/** The user agent recorded for inventories uploaded through the console. */
const UPLOAD_AGENT = "inventory console upload";

/** The `/devices` routes. */
export function consoleDevicesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read", ALL_ENTITIES);
  const edit = requireRight(ctx, "edit", ALL_ENTITIES);
  const uploadCap = ctx.config.maxBodyBytes * UPLOAD_BODIES_CAP;

  const inboxPage = async (
    c: Context<AppEnv>,
    extra: { notice?: Notice | null; uploads?: UploadOutcome[]; status?: 200 | 400 } = {},
  ) => {
    const { principal, session } = authOf(c);
    const filter = c.req.query("status") ?? "";
    let notice = extra.notice;
    let status: InboxStatus | "" = "";
    if ((INBOX_STATUSES as readonly string[]).includes(filter)) status = filter as InboxStatus;
    else if (filter !== "") {
      notice = { kind: "error", text: i18nOf(c).t.devices.unknownStatus(filter) };
    }
    const { paging, problem } = pageParamsOrFirst((name) => c.req.query(name), {
      perPage: 50,
      max: 200,
    });
    if (problem) notice = { kind: "error", text: problem };
    const [list, counts, entities] = await Promise.all([
      listNotImported(ctx.db, {
        ...(status ? { status } : {}),
        limit: paging.limit,
        offset: paging.offset,
      }),
      registryCounts(ctx.db),
      listEntityChoices(ctx.db),
    ]);
    const traces = await inboxTraces(ctx.db, list.devices.map((d) => d.device_id));
    return sendPage(
      c,
      <DevicesPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        canEdit={decide(principal, { right: "edit", ...ALL_ENTITIES }).allowed}
        status={status}
        counts={counts.notImported}
        rows={list.devices.map((d) => ({ ...d, trace: traces.get(d.device_id) ?? [] }))}
        page={paging.page}
        perPage={paging.perPage}
        total={list.total}
        entities={entities}
        notice={notice}
        uploads={extra.uploads}
        uploadLimitBytes={ctx.config.maxBodyBytes}
      />,
      extra.status ?? (notice?.kind === "error" && !extra.uploads ? 400 : 200),
    );
  };

  app.get("/devices", read, (c) => inboxPage(c, { notice: noticeFrom(c) }));

  // The inbox of the status filtered on, every page.
  app.get("/devices.csv", read, (c) => {
    const filter = c.req.query("status") ?? "";
    if (filter !== "" && !(INBOX_STATUSES as readonly string[]).includes(filter)) {
      return c.text(`${i18nOf(c).t.devices.unknownStatus(filter)}\n`, 400);
    }
    return csvDownload(c, ctx.now(), {
      name: "inbox",
      header: (language) => language.t.devices.csvHeaders,
      pages: (language) =>
        mapPages(
          offsetPages(CSV_CHUNK, async (limit, offset) =>
            (await listNotImported(ctx.db, {
              ...(filter ? { status: filter } : {}),
              limit,
              offset,
            })).devices),
          (row) => [
            row.deviceid,
            row.name,
            row.serial,
            row.tag ?? "",
            language.t.devices.statuses[row.status] ?? row.status,
            row.reason,
            row.rule_name ?? "",
            String(row.attempts),
            row.last_date ? language.dateTime(row.last_date) : "",
            language.dateTime(row.last_at),
          ],
        ),
    });
  });

  /** Import (approve) or retry the selected inbox devices. */
  const actOnSelection = (approve: boolean) => async (c: Context<AppEnv>) => {
    const { principal } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const back = backQuery(form);
    // "All of this list": every inbox device of the list's status filter (capped like retry-all).
    const listStatus = form.get("status") ?? "";
    const wanted = form.get("all") === "1"
      ? (await listNotImported(ctx.db, {
        ...((INBOX_STATUSES as readonly string[]).includes(listStatus)
          ? { status: listStatus }
          : {}),
        limit: RETRY_ALL_LIMIT,
      })).devices.map((d) => d.device_id)
      : form.getAll("device").filter((v) => /^\d+$/.test(v)).map(Number);
    const deviceIds = await inboxDeviceIds(ctx.db, [...new Set(wanted)]);
    if (deviceIds.length === 0) return seeOther(c, `/devices?${back}notice=none`);
    let entityId: number | undefined;
    const entity = form.get("entity") ?? "";
    if (approve && entity !== "") {
      const id = /^\d+$/.test(entity) ? Number(entity) : NaN;
      if (!(await entityNames(ctx.db, [id])).has(id)) {
        return inboxPage(c, {
          notice: { kind: "error", text: i18nOf(c).t.devices.noEntity(entity) },
        });
      }
      entityId = id;
    }
    const result = await syncRegistry(ctx, {
      deviceIds,
      ...(approve ? { approved: true } : {}),
      ...(entityId !== undefined ? { entityId } : {}),
      actor: principal.login,
    });
    ctx.log.info(approve ? "inbox import" : "inbox retry", {
      user: principal.login,
      devices: deviceIds.length,
      entity: entityId ?? "-",
      errors: result.errors.length,
    });
    return seeOther(
      c,
      `/devices?${back}${countsQuery(approve ? "imported" : "retried", deviceIds.length, result)}`,
    );
  };

  app.post("/devices/import", edit, actOnSelection(true));
  app.post("/devices/retry", edit, actOnSelection(false));

  app.post("/devices/retry-all", edit, async (c) => {
    const { principal } = authOf(c);
    const back = backQuery(await readForm(c) ?? new URLSearchParams());
    const result = await retryRegistry(ctx, { limit: RETRY_ALL_LIMIT });
    ctx.log.info("inbox retry all", { user: principal.login, devices: result.processed });
    const more = result.more ? "&more=1" : "";
    return seeOther(
      c,
      `/devices?${back}${countsQuery("retried", result.processed, result)}${more}`,
    );
  });

  const linkPage = async (
    c: Context<AppEnv>,
    deviceRef: string,
    extra: { notice?: Notice; status?: 200 | 400 } = {},
  ) => {
    const { principal, session } = authOf(c);
    const device = await findDevice(ctx.db, Number(deviceRef));
    if (!device) return notFound(c, i18nOf(c).t.devices.noDevice(deviceRef));
    const [inbox, link] = await Promise.all([
      notImportedTrace(ctx.db, device.id),
      ctx.db.selectFrom("computer_links").select("computer_id")
        .where("device_id", "=", device.id).executeTakeFirst(),
    ]);
    const search = (c.req.query("q") ?? "").trim();
    return sendPage(
      c,
      <DeviceLinkPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        device={{
          id: device.id,
          deviceid: device.deviceid,
          name: device.name,
          tag: device.tag,
          lastDate: device.last_date,
          inbox: inbox && inbox.status !== "released"
            ? {
              status: inbox.status,
              reason: inbox.reason,
              trace: Array.isArray(inbox.trace) ? inbox.trace : [],
            }
            : null,
          linkedTo: link?.computer_id ?? null,
        }}
        search={search}
        targets={search ? await findLinkTargets(ctx.db, search) : null}
        notice={extra.notice}
      />,
      extra.status ?? 200,
    );
  };

  app.get("/devices/:id{[0-9]+}/link", read, (c) => linkPage(c, c.req.param("id")));

  app.post("/devices/:id{[0-9]+}/link", edit, async (c) => {
    const { principal } = authOf(c);
    const id = c.req.param("id");
    const device = await findDevice(ctx.db, Number(id));
    if (!device) return notFound(c, i18nOf(c).t.devices.noDevice(id));
    const form = await readForm(c) ?? new URLSearchParams();
    const computer = (form.get("computer") ?? "").trim();
    const target = /^\d+$/.test(computer) ? await getLinkTarget(ctx.db, Number(computer)) : null;
    if (!target) {
      return linkPage(c, id, {
        notice: { kind: "error", text: i18nOf(c).t.devices.noComputer(computer) },
        status: 400,
      });
    }
    const result = await syncRegistry(ctx, {
      deviceIds: [device.id],
      linkTo: target.id,
      actor: principal.login,
    });
    if (result.errors.length) {
      return linkPage(c, id, {
        notice: { kind: "error", text: i18nOf(c).t.devices.notLinked(result.errors[0]!.message) },
        status: 400,
      });
    }
    ctx.log.info("device linked", {
      user: principal.login,
      deviceid: device.deviceid,
      computer: target.id,
    });
    const restored = target.is_deleted ? "&restored=1" : "";
    return seeOther(c, `/devices?notice=linked&computer=${target.id}${restored}`);
  });

  app.post("/devices/upload", edit, async (c) => {
    const { principal } = authOf(c);
    let form: FormData | null;
    try {
      form = await readMultipart(c, uploadCap);
    } catch {
      return inboxPage(c, {
        notice: {
          kind: "error",
          text: i18nOf(c).t.devices.uploadUnreadable(i18nOf(c).bytes(uploadCap)),
        },
        status: 400,
      });
    }
    const files = [...(form?.values() ?? [])].filter((v): v is File =>
      v instanceof File && v.name !== ""
    );
    if (files.length === 0) {
      return inboxPage(c, {
        notice: { kind: "error", text: i18nOf(c).t.devices.chooseFile },
        status: 400,
      });
    }
    const source = { userAgent: UPLOAD_AGENT, ipSource: c.env?.ip ?? "unknown" };
    const uploads: UploadOutcome[] = [];
    for (const file of files) {
      if (file.size > ctx.config.maxBodyBytes) {
        uploads.push({
          file: file.name,
          ok: false,
          status: 413,
          message: `over the ${formatBytes(ctx.config.maxBodyBytes)} limit`,
        });
        continue;
      }
      uploads.push(
        await importInventoryFile(ctx, file.name, new Uint8Array(await file.arrayBuffer()), source),
      );
    }
    await synchroniseUploads(ctx, uploads, principal.login, i18nOf(c).t);
    const stored = uploads.filter((u) => u.ok).length;
    ctx.log.info("console upload", {
      user: principal.login,
      files: uploads.length,
      stored,
    });
    return inboxPage(c, { uploads, status: stored ? 200 : 400 });
  });

  return app;
}

/** Runs the stored uploads through the registry now, and notes what happened to each. */
async function synchroniseUploads(
  ctx: ServerContext,
  uploads: UploadOutcome[],
  actor: string,
  t: Messages,
) {
  const k = t.devices;
  const ids = [
    ...new Set(uploads.flatMap((u) => (u.ok && u.deviceId !== undefined ? [u.deviceId] : []))),
  ];
  if (ids.length === 0) return;
  const result = await syncRegistry(ctx, { deviceIds: ids, actor });
  const byDevice = new Map<number, { text: string; computerId?: number }>();
  for (const o of result.outcomes) {
    switch (o.kind) {
      case "imported":
        byDevice.set(o.deviceId, {
          text: k.importedAs(o.computerId),
          computerId: o.computerId,
        });
        break;
      case "linked":
        byDevice.set(o.deviceId, {
          text: k.linkedTo(o.computerId),
          computerId: o.computerId,
        });
        break;
      case "synchronized":
      case "unchanged":
        byDevice.set(o.deviceId, {
          text: o.kind === "unchanged"
            ? k.computerUnchanged(o.computerId)
            : k.computerUpdated(o.computerId),
          computerId: o.computerId,
        });
        break;
      case "not_imported":
        byDevice.set(o.deviceId, { text: k.notImportedBecause(o.status, o.reason) });
        break;
      case "missing":
        byDevice.set(o.deviceId, { text: k.notSynchronised });
    }
  }
  for (const e of result.errors) byDevice.set(e.deviceId, { text: k.error(e.message) });
  for (const upload of uploads) {
    const done = upload.deviceId === undefined ? undefined : byDevice.get(upload.deviceId);
    if (!done) continue;
    upload.registry = done.text;
    if (done.computerId !== undefined) upload.computerId = done.computerId;
  }
}

/** The filter to return to after an action (`status=…&`), from the form's hidden field. */
function backQuery(form: URLSearchParams): string {
  const status = form.get("status") ?? "";
  return (INBOX_STATUSES as readonly string[]).includes(status) ? `status=${status}&` : "";
}

/** The redirect query of an import or retry: counts only. */
function countsQuery(action: "imported" | "retried", selected: number, result: BatchResult) {
  const done = (result.counts.imported ?? 0) + (result.counts.linked ?? 0) +
    (result.counts.synchronized ?? 0) + (result.counts.unchanged ?? 0);
  return `notice=${action}&n=${selected}&done=${done}&left=${
    result.counts.not_imported ?? 0
  }&errors=${result.errors.length}`;
}

/** The notice of a redirect, rebuilt from its counts. */
function noticeFrom(c: Context<AppEnv>): Notice | null {
  const q = (name: string) => {
    const v = c.req.query(name) ?? "";
    return /^\d{1,9}$/.test(v) ? Number(v) : 0;
  };
  const k = i18nOf(c).t.devices;
  switch (c.req.query("notice")) {
    case "none":
      return { kind: "error", text: k.selectFirst };
    case "linked":
      return { kind: "success", text: k.deviceLinked(q("computer"), q("restored") > 0) };
    case "imported":
    case "retried": {
      const imported = c.req.query("notice") === "imported";
      return {
        kind: q("errors") ? "error" : q("left") ? "info" : "success",
        text: k.batch(imported, q("n"), q("done"), q("left"), q("errors"), q("more") > 0),
      };
    }
    default:
      return null;
  }
}

function notFound(c: Context<AppEnv>, message: string): Response {
  return sendMessage(c, 404, {
    title: i18nOf(c).t.devices.notFound,
    message,
    link: { href: "/devices", label: i18nOf(c).t.devices.backToInbox },
  });
}
