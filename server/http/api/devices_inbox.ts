/**
 * `/api/v1/devices/…` inbox actions: devices the registry does not hold (pending approval,
 * refused, unmatched, failed) with the reason and the rule trace; approve/import one (optionally
 * into a chosen entity), link one to a chosen computer, and retry them all after a rule change.
 * Devices are not attached to entities yet, so every route needs a profile over every entity.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { BatchResult } from "../../registry/batch.ts";
import { retryRegistry, syncRegistry } from "../../registry/run_registry.ts";
import { listNotImported, notImportedTrace } from "../../registry/queries.ts";
import type { DeviceImportStatus } from "../../registry/schema.ts";
import { findDevice } from "../../store/devices.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { ANY_OBJECT, object, pageOf, pagingQuery, ref, type RouteDoc } from "./docs.ts";
import {
  actorOf,
  api,
  ApiFailure,
  badField,
  enumQuery,
  jsonObject,
  notFound,
  onlyKeys,
  optionalJsonObject,
  page,
  paging,
} from "./http.ts";

const ALL_ENTITIES = { allEntities: true };

/** Statuses an admin can list and retry (released devices come back with their next inventory). */
export const INBOX_STATUSES = ["pending", "refused", "unmatched", "failed"] as const;

/** The inbox routes; mounted before `/devices/:id` so their fixed paths win. */
export function devicesInboxApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read", ALL_ENTITIES);
  const edit = requireRight(ctx, "edit", ALL_ENTITIES);

  app.get(
    "/devices/not-imported",
    read,
    api(async (c) => {
      const paged = paging(c);
      const status = enumQuery(c, "status", INBOX_STATUSES);
      const { total, devices } = await listNotImported(ctx.db, {
        ...(status ? { status } : {}),
        limit: paged.limit,
        offset: paged.offset,
      });
      return c.json(page(total, paged, devices));
    }),
  );

  app.post(
    "/devices/not-imported/retry",
    edit,
    api(async (c) => {
      const body = await optionalJsonObject(c);
      onlyKeys(body, ["statuses"]);
      const statuses = statusList(body.statuses);
      const result = await retryRegistry(ctx, {
        limit: 100_000,
        ...(statuses ? { statuses } : {}),
      });
      return c.json(summary(result));
    }),
  );

  app.get(
    "/devices/:id/import",
    read,
    api(async (c) => {
      const device = await deviceOf(ctx, c.req.param("id") ?? "");
      const row = await notImportedTrace(ctx.db, device.id);
      if (!row || row.status === "released") {
        const link = await ctx.db.selectFrom("computer_links").select("computer_id")
          .where("device_id", "=", device.id).executeTakeFirst();
        return c.json({
          device_id: device.id,
          deviceid: device.deviceid,
          status: link ? "imported" : row?.status ?? "new",
          computer_id: link?.computer_id ?? null,
          reason: row?.reason ?? "",
          trace: row?.trace ?? [],
        });
      }
      return c.json({ ...row, deviceid: device.deviceid, computer_id: null });
    }),
  );

  app.post(
    "/devices/:id/import",
    edit,
    api(async (c) => {
      const device = await deviceOf(ctx, c.req.param("id") ?? "");
      const body = await optionalJsonObject(c);
      onlyKeys(body, ["entity_id"]);
      let entityId: number | undefined;
      if (body.entity_id !== undefined) {
        if (!Number.isSafeInteger(body.entity_id) || (body.entity_id as number) < 1) {
          throw badField("entity_id", "expected an entity id");
        }
        entityId = body.entity_id as number;
        const exists = await ctx.db.selectFrom("entities").select("id")
          .where("id", "=", entityId).executeTakeFirst();
        if (!exists) throw badField("entity_id", `no entity ${entityId}`);
      }
      const actor = actorOf(c);
      const result = await syncRegistry(ctx, {
        deviceIds: [device.id],
        approved: true,
        ...(entityId !== undefined ? { entityId } : {}),
        actor,
      });
      return outcomeResponse(c.json.bind(c), result, device.deviceid);
    }),
  );

  app.post(
    "/devices/:id/link",
    edit,
    api(async (c) => {
      const device = await deviceOf(ctx, c.req.param("id") ?? "");
      const body = await jsonObject(c);
      onlyKeys(body, ["computer_id"]);
      const computerId = body.computer_id;
      if (!Number.isSafeInteger(computerId) || (computerId as number) < 1) {
        throw badField("computer_id", "expected a computer id");
      }
      const computer = await ctx.db.selectFrom("computers").select("id")
        .where("id", "=", computerId as number).executeTakeFirst();
      if (!computer) throw badField("computer_id", `no computer ${computerId}`);
      const result = await syncRegistry(ctx, {
        deviceIds: [device.id],
        linkTo: computer.id,
        actor: actorOf(c),
      });
      return outcomeResponse(c.json.bind(c), result, device.deviceid);
    }),
  );

  return app;
}

async function deviceOf(ctx: ServerContext, ref: string) {
  const device = await findDevice(ctx.db, ref);
  if (!device) throw notFound(`No device "${ref}"`);
  return device;
}

function statusList(value: unknown): DeviceImportStatus[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) || value.length === 0 ||
    value.some((s) => !(INBOX_STATUSES as readonly unknown[]).includes(s))
  ) {
    throw badField("statuses", `expected a non-empty list of ${INBOX_STATUSES.join(", ")}`);
  }
  return value as DeviceImportStatus[];
}

function summary(result: BatchResult) {
  return {
    processed: result.processed,
    counts: result.counts,
    errors: result.errors,
    more: result.more,
  };
}

/** 200 with the outcome when the device is in the registry now, 409 with the reason if not. */
function outcomeResponse(
  json: (value: unknown, status?: 200) => Response,
  result: BatchResult,
  deviceid: string,
): Response {
  const error = result.errors[0];
  if (error) {
    throw new ApiFailure(409, `Device ${deviceid} could not be imported: ${error.message}`, {
      error: error.message,
    });
  }
  const outcome = result.outcomes[0];
  if (!outcome || outcome.kind === "missing") {
    throw new ApiFailure(409, `Device ${deviceid} has no inventory to import`, {});
  }
  if (outcome.kind === "not_imported") {
    throw new ApiFailure(409, `Device ${deviceid} was not imported: ${outcome.reason}`, {
      outcome,
    });
  }
  return json({ outcome });
}

const DEVICE_PARAM = {
  id: { description: "device id or DEVICEID", schema: { type: "string" } },
};

/** The OpenAPI description of these routes. */
export const DEVICE_INBOX_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/devices/not-imported",
    tag: "devices",
    summary: "Devices not in the registry, with the reason",
    right: "read",
    allEntities: true,
    query: [
      { name: "status", description: "only this status", schema: { enum: [...INBOX_STATUSES] } },
      ...pagingQuery(),
    ],
    ok: { status: 200, description: "a page of devices", schema: pageOf(ref("NotImported")) },
    errors: [400],
  },
  {
    method: "post",
    path: "/devices/not-imported/retry",
    tag: "devices",
    summary: "Replay the rules over devices not imported (after a rule change)",
    right: "edit",
    allEntities: true,
    body: {
      required: false,
      schema: object({
        statuses: {
          type: "array",
          items: { enum: [...INBOX_STATUSES] },
          description: "default: refused, unmatched, failed",
        },
      }),
    },
    ok: { status: 200, description: "what the replay did", schema: ref("SyncSummary") },
    errors: [400],
  },
  {
    method: "get",
    path: "/devices/:id/import",
    tag: "devices",
    summary: "A device's import status and the rule trace that decided it",
    right: "read",
    allEntities: true,
    pathParams: DEVICE_PARAM,
    ok: { status: 200, description: "status, reason, trace", schema: ANY_OBJECT },
    errors: [404],
  },
  {
    method: "post",
    path: "/devices/:id/import",
    tag: "devices",
    summary: "Approve and import a device (optionally into an entity)",
    right: "edit",
    allEntities: true,
    pathParams: DEVICE_PARAM,
    body: {
      required: false,
      schema: object({ entity_id: { type: "integer", description: "skip the entity rules" } }),
    },
    ok: { status: 200, description: "imported or linked", schema: ref("SyncOutcome") },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/devices/:id/link",
    tag: "devices",
    summary: "Link a device to a chosen computer",
    right: "edit",
    allEntities: true,
    pathParams: DEVICE_PARAM,
    body: { schema: object({ computer_id: { type: "integer", minimum: 1 } }, ["computer_id"]) },
    ok: { status: 200, description: "linked", schema: ref("SyncOutcome") },
    errors: [400, 404, 409],
  },
];
