/**
 * The REST API under `/api/v1`: the device routes and the upload of offline inventories here,
 * and one file per resource under `api/` (computers, the devices inbox, rules, tasks, entities,
 * locations, software), plus the OpenAPI document. Errors are JSON `{status, message, data}`.
 *
 * @module
 */

import { Hono } from "hono";
import { decodeBody, DEFAULT_DECODE_LIMITS, isJsonMessage } from "../../protocol/mod.ts";
import type { ServerContext } from "../context.ts";
import { importInventoryFile } from "../ingest/import_file.ts";
import { SEARCH_COLUMNS, type SearchColumn } from "../ingest/search_keys.ts";
import {
  deleteDevice,
  type DeviceChanges,
  findDevice,
  getDeviceDetail,
  getPayload,
  listDevices,
  updateDevice,
} from "../store/devices.ts";
import { apiError } from "./api_error.ts";
import { computersApi } from "./api/computers.ts";
import { devicesInboxApi } from "./api/devices_inbox.ts";
import { entitiesApi } from "./api/entities.ts";
import { locationsApi } from "./api/locations.ts";
import { metricsApi } from "./api/metrics.ts";
import { openApiDocument } from "./api/openapi.ts";
import { rulesApi } from "./api/rules.ts";
import { sharedMacsApi } from "./api/shared_macs.ts";
import { softwareApi } from "./api/software.ts";
import { tasksApi } from "./api/tasks.ts";
import { sourcesApi } from "./api/sources.ts";
import { readBodyCapped } from "./body.ts";
import { httpErrorOf } from "./errors.ts";
import { requireRight } from "./guards.ts";
import type { AppEnv } from "./env.ts";

/** How many maximum-size bodies one multipart upload may carry in all. */
const MULTIPART_FILES_CAP = 8;

export { apiError } from "./api_error.ts";

/**
 * Devices are agent records, not yet attached to entities: only principals whose profile covers
 * every entity reach them (an entity-limited technician sees computers of their entities only).
 */
const ALL_ENTITIES = { allEntities: true };

/** Every `/api/v1` route, each behind its guard. */
export function apiRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const readDevices = requireRight(ctx, "read", ALL_ENTITIES);

  app.get("/openapi.json", requireRight(ctx, "read"), (c) => c.json(openApiDocument()));
  app.route("/", metricsApi(ctx));
  // The inbox's fixed paths (/devices/not-imported) before /devices/:id, which would take them.
  app.route("/", devicesInboxApi(ctx));

  app.get("/devices", readDevices, async (c) => {
    const limit = intParam(c.req.query("limit"), 100);
    const offset = intParam(c.req.query("offset"), 0);
    const column = c.req.query("in");
    if (limit === null || offset === null) {
      return apiError(400, "limit and offset must be whole numbers");
    }
    if (column !== undefined && !(SEARCH_COLUMNS as readonly string[]).includes(column)) {
      return apiError(400, `"in" must be one of ${SEARCH_COLUMNS.join(", ")}`);
    }
    const result = await listDevices(ctx.db, {
      search: c.req.query("search") ?? "",
      ...(column ? { column: column as SearchColumn } : {}),
      limit,
      offset,
    });
    return c.json({ total: result.total, limit, offset, items: result.devices });
  });

  app.get("/devices/:id", readDevices, async (c) => {
    const device = await getDeviceDetail(ctx.db, c.req.param("id"));
    return device ? c.json(device) : apiError(404, `No device "${c.req.param("id")}"`);
  });

  app.get("/devices/:id/inventory.xml", readDevices, async (c) => {
    const device = await findDevice(ctx.db, c.req.param("id"));
    if (!device) return apiError(404, `No device "${c.req.param("id")}"`);
    const payload = await getPayload(ctx.db, device.id);
    if (!payload) return apiError(404, `Device "${device.deviceid}" has no stored inventory`);
    const { xml } = decodeBody(payload.body, DEFAULT_DECODE_LIMITS);
    return new Response(xml, {
      headers: {
        // A GLPI agent's native inventory is kept as it came: JSON.
        "content-type": isJsonMessage(xml) ? "application/json" : "application/xml; charset=utf-8",
        "content-disposition": `attachment; filename="${device.deviceid.replace(/[^\w.-]/g, "_")}.${
          isJsonMessage(xml) ? "json" : "xml"
        }"`,
        "last-modified": new Date(payload.receivedAt).toUTCString(),
      },
    });
  });

  app.patch("/devices/:id", requireRight(ctx, "edit", ALL_ENTITIES), async (c) => {
    const device = await findDevice(ctx.db, c.req.param("id"));
    if (!device) return apiError(404, `No device "${c.req.param("id")}"`);
    let changes: DeviceChanges;
    try {
      changes = parseChanges(await c.req.json());
    } catch (error) {
      return apiError(400, `Invalid change: ${(error as Error).message}`);
    }
    await ctx.writes.run((db) => updateDevice(db, device.id, changes));
    return c.json(await getDeviceDetail(ctx.db, device.id));
  });

  app.delete("/devices/:id", requireRight(ctx, "trash", ALL_ENTITIES), async (c) => {
    const device = await findDevice(ctx.db, c.req.param("id"));
    if (!device) return apiError(404, `No device "${c.req.param("id")}"`);
    await ctx.writes.run((db) => deleteDevice(db, device.id, ctx.now()));
    return c.body(null, 204);
  });

  app.post("/inventories", requireRight(ctx, "edit", ALL_ENTITIES), async (c) => {
    const source = { userAgent: c.req.header("user-agent") ?? "upload", ipSource: c.env.ip };
    const type = c.req.header("content-type") ?? "";
    const refuse = (status: number, message: string, data: Record<string, unknown> = {}) => {
      ctx.log.warn("import refused", { status, ip: c.env.ip, deviceid: "-", reason: message });
      return apiError(status, message, data);
    };
    if (type.startsWith("multipart/form-data")) {
      // A form carries several files: capped at MULTIPART_FILES_CAP bodies in all, read through
      // the capped reader so a huge upload is refused before it is held in memory.
      const cap = ctx.config.maxBodyBytes * MULTIPART_FILES_CAP;
      let form: FormData;
      try {
        const bytes = await readBodyCapped(c.req.raw, cap);
        form = await new Response(bytes, { headers: { "content-type": type } }).formData();
      } catch (error) {
        const { status } = httpErrorOf(error);
        return status === 413
          ? refuse(413, `The upload is over the ${cap}-byte limit for one form`)
          : refuse(400, "The multipart form cannot be read");
      }
      const files = [...form.values()].filter((v): v is File => v instanceof File);
      if (files.length === 0) return refuse(400, "No file in the form");
      const results = [];
      for (const file of files) {
        if (file.size > ctx.config.maxBodyBytes) {
          const message = `File is over the ${ctx.config.maxBodyBytes}-byte limit`;
          ctx.log.warn("import refused", {
            file: file.name,
            status: 413,
            ip: c.env.ip,
            reason: message,
          });
          results.push({ file: file.name, ok: false, status: 413, message });
          continue;
        }
        results.push(
          await importInventoryFile(
            ctx,
            file.name,
            new Uint8Array(await file.arrayBuffer()),
            source,
          ),
        );
      }
      const failed = results.filter((r) => !r.ok).length;
      const summary = { imported: results.length - failed, failed, results };
      // All refused: the API's error shape, the per-file results in `data`.
      return failed === results.length
        ? apiError(400, `No file was imported (${failed} refused)`, summary)
        : c.json(summary);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBodyCapped(c.req.raw, ctx.config.maxBodyBytes);
    } catch (error) {
      const { status, reason } = httpErrorOf(error);
      return refuse(status, reason);
    }
    const name = c.req.query("name") ?? "upload";
    const result = await importInventoryFile(ctx, name, bytes, source);
    return result.ok ? c.json(result) : apiError(result.status, result.message, { file: name });
  });

  app.route("/", computersApi(ctx));
  app.route("/", rulesApi(ctx));
  app.route("/", tasksApi(ctx));
  app.route("/", entitiesApi(ctx));
  app.route("/", locationsApi(ctx));
  app.route("/", softwareApi(ctx));
  app.route("/", sourcesApi(ctx));
  app.route("/", sharedMacsApi(ctx));

  app.notFound(() => apiError(404, "No such API route"));
  return app;
}

function intParam(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === "") return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

function parseChanges(body: unknown): DeviceChanges {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error("expected a JSON object");
  }
  const input = body as Record<string, unknown>;
  const changes: DeviceChanges = {};
  const known = ["tag", "accountInfo", "prologFreq", "frequency", "inventoryOnStartup"];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw new Error(`unknown field "${key}"`);
  }
  if (input.tag !== undefined) {
    if (typeof input.tag !== "string") throw new Error("tag must be a string");
    changes.tag = input.tag;
  }
  if (input.accountInfo !== undefined) {
    const info = input.accountInfo;
    if (
      typeof info !== "object" || info === null ||
      Object.values(info).some((v) => typeof v !== "string")
    ) {
      throw new Error("accountInfo must map names to strings");
    }
    changes.accountInfo = info as Record<string, string>;
  }
  for (const key of ["prologFreq", "frequency", "inventoryOnStartup"] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (v !== null && !Number.isInteger(v)) {
      throw new Error(`${key} must be a whole number or null`);
    }
    if (key === "prologFreq" && typeof v === "number" && v < 1) {
      throw new Error("prologFreq must be at least 1");
    }
    if (key === "frequency" && typeof v === "number" && v < -1) {
      throw new Error("frequency must be -1 or more");
    }
    changes[key] = v as number | null;
  }
  return changes;
}
