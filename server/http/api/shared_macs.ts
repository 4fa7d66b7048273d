/**
 * `/api/v1/shared-macs`: physical MACs reported by several computers (docks, USB NICs, cloned
 * VMs; registry/shared_macs.ts), and the one-step move of one to the `genericMacs` deny-list.
 * Both span every entity: the list names computers of any entity, the move changes a setting.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import { listSharedMacs, MacError, markMacGeneric } from "../../registry/shared_macs.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { object, pageOf, pagingQuery, type RouteDoc } from "./docs.ts";
import { api, badField, jsonObject, onlyKeys, paging } from "./http.ts";

/** The `/shared-macs` routes. */
export function sharedMacsApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    "/shared-macs",
    requireRight(ctx, "read", { allEntities: true }),
    api(async (c) => c.json(await listSharedMacs(ctx.db, paging(c)))),
  );

  app.post(
    "/shared-macs/generic",
    requireRight(ctx, "settings"),
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["mac"]);
      if (typeof body.mac !== "string") throw badField("mac", "a MAC address is required");
      const mac = body.mac;
      try {
        const added = await ctx.writes.run((db) => markMacGeneric(db, mac));
        return c.json({ mac, added });
      } catch (error) {
        if (error instanceof MacError) throw badField("mac", error.message);
        throw error;
      }
    }),
  );

  return app;
}

const SHARED_MAC = object({
  mac: { type: "string" },
  computers: {
    type: "array",
    items: object({
      id: { type: "integer" },
      name: { type: "string" },
      serial: { type: "string" },
      uuid: { type: "string" },
    }),
  },
}, ["mac", "computers"]);

/** The routes' documentation, for the OpenAPI document. */
export const SHARED_MAC_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/shared-macs",
    tag: "computers",
    summary: "Physical MACs reported by several computers",
    description: "A MAC on computers whose serials or UUIDs differ (a dock, a USB NIC, a cloned " +
      "VM) identifies none of them: the identity veto keeps them apart, and this list offers " +
      "the move to `genericMacs`. Deny-listed MACs are left out; most computers first.",
    right: "read",
    allEntities: true,
    query: pagingQuery(),
    ok: { status: 200, description: "a page of shared MACs", schema: pageOf(SHARED_MAC) },
    errors: [400],
  },
  {
    method: "post",
    path: "/shared-macs/generic",
    tag: "computers",
    summary: "Add a MAC to the genericMacs deny-list",
    description: "No rule links by a deny-listed MAC any more; `added` is false when it was " +
      "listed already.",
    right: "settings",
    body: { schema: object({ mac: { type: "string" } }, ["mac"]) },
    ok: {
      status: 200,
      description: "the MAC and whether it was added",
      schema: object({ mac: { type: "string" }, added: { type: "boolean" } }, ["mac", "added"]),
    },
    errors: [400],
  },
];
