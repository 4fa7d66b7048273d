/**
 * `/api/v1/computers`: the registry's computers — list (the filters, search and sort of the
 * console), one with its parts, edit (which locks), lock/unlock, history, trash, restore, purge,
 * and the same actions in bulk. An entity-limited caller never sees or acts on a computer outside
 * its entities: lists are filtered, a single one answers 404, bulk ids out of scope are refused.
 *
 * @module
 */

import { parseSearchTerms, SearchTermError } from "../../registry/search_terms.ts";
import { type Context, Hono } from "hono";
import { can, type Right } from "../../auth/rights.ts";
import type { ServerContext } from "../../context.ts";
import { LOCKABLE_FIELDS } from "../../registry/apply_fields.ts";
import { computerInScope, partitionByScope } from "../../registry/computer_scope.ts";
import { importTrace } from "../../registry/computer_detail.ts";
import { EDITABLE_FIELDS, editComputers, lockFields, unlockFields } from "../../registry/edit.ts";
import { queryHistory } from "../../registry/history.ts";
import {
  COMPUTER_SORTS,
  type ComputerQuery,
  getComputer,
  listComputers,
} from "../../registry/queries.ts";
import { openRun } from "../../registry/run_context.ts";
import { purgeComputers, restoreComputers, trashComputers } from "../../registry/trash.ts";
import { subtreeIds } from "../../registry/tree.ts";
import { apiError } from "../api_error.ts";
import type { AppEnv } from "../env.ts";
import { authOf, requireRight } from "../guards.ts";
import {
  actorOf,
  api,
  ApiFailure,
  badField,
  boolQuery,
  enumQuery,
  idParam,
  idQuery,
  jsonObject,
  notFound,
  onlyKeys,
  page,
  paging,
  visibleEntities,
} from "./http.ts";
import { ANY_OBJECT, object, pageOf, pagingQuery, ref, type RouteDoc } from "./docs.ts";

/** Bulk actions and the right each needs. */
const BULK_RIGHTS: Readonly<Record<string, Right>> = {
  trash: "trash",
  restore: "trash",
  purge: "purge",
  lock: "edit",
  unlock: "edit",
  edit: "edit",
};

/** The `action` values of `POST /computers/bulk`. */
export const API_BULK_ACTIONS: readonly string[] = Object.keys(BULK_RIGHTS);

/** The most ids one bulk request may name. */
const MAX_BULK_IDS = 100_000;

/** The `/computers` routes. */
export function computersApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");

  app.get(
    "/computers",
    read,
    api(async (c) => {
      const paged = paging(c);
      const query = await listQuery(ctx, c);
      const { total, computers } = await listComputers(ctx.db, {
        ...query,
        limit: paged.limit,
        offset: paged.offset,
      });
      return c.json(page(total, paged, computers));
    }),
  );

  app.post(
    "/computers/bulk",
    requireRight(ctx, "edit"),
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["action", "ids", "fields", "changes"]);
      const action = body.action;
      if (typeof action !== "string" || !(action in BULK_RIGHTS)) {
        throw badField("action", `expected one of ${Object.keys(BULK_RIGHTS).join(", ")}`);
      }
      const right = BULK_RIGHTS[action]!;
      const { principal } = authOf(c);
      if (!can(principal, right)) {
        return apiError(403, `Your profile does not allow this (needs "${right}")`, { right });
      }
      const ids = idList(body.ids);
      const split = await partitionByScope(ctx.db, ids, await visibleEntities(ctx, c));
      const missing = split.outside;
      if (missing.length > 0) {
        throw notFound(`No computer ${missing.slice(0, 20).join(", ")}`, {
          field: "ids",
          missing: missing.slice(0, 1000),
          missingCount: missing.length,
        });
      }
      const result = await applyBulk(ctx, c, action, split.within, body);
      return c.json({ action, requested: ids.length, ...result });
    }),
  );

  app.get(
    "/computers/:id",
    read,
    api(async (c) => {
      const id = await scopedId(ctx, c);
      const detail = (await getComputer(ctx.db, id))!;
      const trace = await importTrace(ctx.db, id);
      return c.json({
        ...detail,
        computer: { ...detail.computer, import_trace: trace ? JSON.parse(trace) : null },
      });
    }),
  );

  app.patch(
    "/computers/:id",
    requireRight(ctx, "edit"),
    api(async (c) => {
      const id = await scopedId(ctx, c);
      const changes = await checkedChanges(ctx, c, await jsonObject(c));
      const lock = boolQuery(c, "lock", true);
      const now = ctx.now();
      const actor = actorOf(c);
      const changed = await ctx.writes.run((db) =>
        editComputers(db, [id], changes, actor, now, { lock })
      );
      const detail = (await getComputer(ctx.db, id))!;
      return c.json({
        changed: changed > 0,
        computer: detail.computer,
        locks: detail.locks,
      });
    }),
  );

  app.delete(
    "/computers/:id",
    requireRight(ctx, "purge"),
    api(async (c) => {
      const id = idParam(c, "id", "computer");
      const row = await computerInScope(ctx.db, id, await visibleEntities(ctx, c));
      if (!row) throw notFound(`No computer ${id}`);
      if (!row.isDeleted) {
        throw new ApiFailure(409, `Computer ${id} is not in the trash: trash it first`, {
          id,
        });
      }
      const now = ctx.now();
      await ctx.writes.run((db) => purgeComputers(db, [id], now));
      return c.body(null, 204);
    }),
  );

  app.get(
    "/computers/:id/history",
    read,
    api(async (c) => {
      const id = await scopedId(ctx, c);
      const paged = paging(c, { limit: 100, max: 1000 });
      const since = c.req.query("since");
      const beforeId = idQuery(c, "before_id");
      const rows = await queryHistory(ctx.db, {
        computerId: id,
        limit: paged.limit,
        ...(since ? { since: isoTime(since, "since") } : {}),
        ...(beforeId ? { beforeId } : {}),
      });
      const total = await ctx.db.selectFrom("history")
        .select((eb) => eb.fn.countAll<number>().as("n")).where("computer_id", "=", id)
        .executeTakeFirstOrThrow();
      // Paged by before_id (newest first), not by offset.
      return c.json({ total: Number(total.n), limit: paged.limit, offset: 0, items: rows });
    }),
  );

  for (const action of ["lock", "unlock"] as const) {
    app.post(
      `/computers/:id/${action}`,
      requireRight(ctx, "edit"),
      api(async (c) => {
        const id = await scopedId(ctx, c);
        const body = await jsonObject(c);
        onlyKeys(body, ["fields"]);
        const result = await applyBulk(ctx, c, action, [id], body);
        const detail = (await getComputer(ctx.db, id))!;
        return c.json({ ...result, locks: detail.locks });
      }),
    );
  }

  for (const action of ["trash", "restore"] as const) {
    app.post(
      `/computers/:id/${action}`,
      requireRight(ctx, "trash"),
      api(async (c) => {
        const id = await scopedId(ctx, c);
        const result = await applyBulk(ctx, c, action, [id], {});
        return c.json(result);
      }),
    );
  }

  return app;
}

/** The computer of the `:id` parameter within the caller's entities, or 404. */
async function scopedId(ctx: ServerContext, c: Context<AppEnv>): Promise<number> {
  const id = idParam(c, "id", "computer");
  if (!await computerInScope(ctx.db, id, await visibleEntities(ctx, c))) {
    throw notFound(`No computer ${id}`);
  }
  return id;
}

/** The list's filters from the query string, narrowed to the caller's entities. */
async function listQuery(ctx: ServerContext, c: Context<AppEnv>): Promise<ComputerQuery> {
  const visible = await visibleEntities(ctx, c);
  let entityIds = visible;
  const entity = idQuery(c, "entity");
  if (entity !== undefined) {
    const exists = await ctx.db.selectFrom("entities").select("id").where("id", "=", entity)
      .executeTakeFirst();
    if (!exists || (visible && !visible.includes(entity))) {
      throw badField("entity", `no entity ${entity}`);
    }
    const subtree = await subtreeIds(ctx.db, "entities", entity);
    entityIds = visible ? subtree.filter((id) => visible.includes(id)) : subtree;
  }
  const seenBefore = c.req.query("seen_before");
  const search = c.req.query("search") ?? "";
  try {
    parseSearchTerms(search);
  } catch (error) {
    if (error instanceof SearchTermError) throw badField("search", error.message);
    throw error;
  }
  const query: ComputerQuery = {
    search,
    trashed: boolQuery(c, "trashed", false),
    sort: enumQuery(c, "sort", COMPUTER_SORTS) ?? "name",
    descending: enumQuery(c, "order", ["asc", "desc"] as const) === "desc",
  };
  if (entityIds !== undefined) query.entityIds = entityIds;
  const locationId = idQuery(c, "location");
  if (locationId !== undefined) query.locationId = locationId;
  const stateId = idQuery(c, "state");
  if (stateId !== undefined) query.stateId = stateId;
  const os = c.req.query("os");
  if (os) query.os = os;
  const tag = c.req.query("tag");
  if (tag) query.tag = tag;
  if (seenBefore) query.seenBefore = isoTime(seenBefore, "seen_before");
  return query;
}

function isoTime(text: string, field: string): string {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw badField(field, "expected a date or an ISO time");
  return time.toISOString();
}

function idList(value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badField("ids", "expected a non-empty list of computer ids");
  }
  if (value.length > MAX_BULK_IDS) throw badField("ids", `at most ${MAX_BULK_IDS} ids`);
  for (const [i, id] of value.entries()) {
    if (!Number.isSafeInteger(id) || id < 1) {
      throw badField(`ids[${i}]`, "expected a positive whole number");
    }
  }
  return [...new Set(value as number[])];
}

function fieldList(value: unknown): string[] | "all" {
  if (value === "all") return "all";
  if (!Array.isArray(value) || value.length === 0 || value.some((f) => typeof f !== "string")) {
    throw badField("fields", 'expected "all" or a non-empty list of field names');
  }
  for (const [i, field] of (value as string[]).entries()) {
    if (!LOCKABLE_FIELDS.includes(field)) {
      throw badField(`fields[${i}]`, `"${field}" cannot be locked`);
    }
  }
  return value as string[];
}

/** Checks an edit: known fields, typed values, and an entity the caller sees. */
async function checkedChanges(
  ctx: ServerContext,
  c: Context<AppEnv>,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (Object.keys(body).length === 0) throw badField("(body)", "nothing to change");
  onlyKeys(body, Object.keys(EDITABLE_FIELDS));
  for (const [field, value] of Object.entries(body)) {
    if (EDITABLE_FIELDS[field] === "id") {
      if (value !== null && !(Number.isSafeInteger(value) && (value as number) > 0)) {
        throw badField(field, "expected an id or null");
      }
    } else if (typeof value !== "string") throw badField(field, "expected text");
  }
  if (body.entity_id !== undefined) {
    const visible = await visibleEntities(ctx, c);
    if (body.entity_id === null) throw badField("entity_id", "a computer needs an entity");
    if (visible && !visible.includes(body.entity_id as number)) {
      throw badField("entity_id", `no entity ${body.entity_id}`);
    }
  }
  return body;
}

/** Runs one action on computers already checked to be in scope. */
async function applyBulk(
  ctx: ServerContext,
  c: Context<AppEnv>,
  action: string,
  ids: number[],
  body: Record<string, unknown>,
): Promise<{ changed: number; skipped?: number }> {
  const now = ctx.now();
  const actor = actorOf(c);
  const by = { source: "user" as const, actor };
  switch (action) {
    case "trash":
      return { changed: await ctx.writes.run((db) => trashComputers(db, ids, now, by)) };
    case "restore":
      return { changed: await ctx.writes.run((db) => restoreComputers(db, ids, now, by)) };
    case "purge": {
      const changed = await ctx.writes.run((db) => purgeComputers(db, ids, now));
      // Only computers in the trash are purged: the others are counted, not touched.
      return { changed, skipped: ids.length - changed };
    }
    case "lock": {
      const fields = fieldList(body.fields);
      await ctx.writes.run((db) => lockFields(db, ids, fields, actor, now));
      return { changed: ids.length };
    }
    case "unlock": {
      const fields = fieldList(body.fields);
      const removed = await ctx.writes.run(async (db) =>
        unlockFields(await openRun(db, ctx.raw, now, actor), ids, fields)
      );
      return { changed: removed };
    }
    default: {
      if (typeof body.changes !== "object" || body.changes === null) {
        throw badField("changes", "expected an object of fields to set");
      }
      const changes = await checkedChanges(ctx, c, body.changes as Record<string, unknown>);
      const changed = await ctx.writes.run((db) => editComputers(db, ids, changes, actor, now));
      return { changed };
    }
  }
}

const ID = { type: "integer", minimum: 1 };

/** The OpenAPI description of these routes. */
export const COMPUTER_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/computers",
    tag: "computers",
    summary: "List computers",
    description:
      "Search, filter and sort as the console does; only computers of the caller's entities.",
    right: "read",
    query: [
      {
        name: "search",
        description: "name, serial, UUID, user, IP or inventory number contains; a MAC finds " +
          "by network port; `software:NAME` by installed software",
        schema: { type: "string" },
      },
      {
        name: "entity",
        description: "this entity and its sub-entities",
        schema: ID,
      },
      { name: "location", description: "location id", schema: ID },
      { name: "state", description: "state id", schema: ID },
      { name: "os", description: "OS name contains", schema: { type: "string" } },
      { name: "tag", description: "inventory TAG is", schema: { type: "string" } },
      {
        name: "seen_before",
        description: "last inventory before this time (not seen since)",
        schema: { type: "string", format: "date-time" },
      },
      {
        name: "trashed",
        description: "list the trash instead",
        schema: { type: "boolean", default: false },
      },
      {
        name: "sort",
        description: "sort key (the console's columns)",
        schema: { enum: [...COMPUTER_SORTS], default: "name" },
      },
      { name: "order", description: "sort order", schema: { enum: ["asc", "desc"] } },
      ...pagingQuery(),
    ],
    ok: { status: 200, description: "a page of computers", schema: pageOf(ref("ComputerSummary")) },
    errors: [400],
  },
  {
    method: "post",
    path: "/computers/bulk",
    tag: "computers",
    summary: "One action on many computers",
    description: "Every id must be a computer of the caller's entities, else nothing is done " +
      "(404 listing them). Rights: trash/restore need `trash`, purge `purge`, the others `edit`. " +
      "Purge only deletes computers in the trash; the others are counted as skipped.",
    right: "edit",
    body: { schema: ref("BulkAction") },
    ok: { status: 200, description: "what was done", schema: ref("BulkResult") },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/computers/:id",
    tag: "computers",
    summary: "A computer with its parts",
    description: "Fields, components, network ports, volumes, virtual machines, software, " +
      "peripherals, locks, linked devices and the import rule trace.",
    right: "read",
    ok: { status: 200, description: "the computer", schema: ref("ComputerDetail") },
    errors: [404],
  },
  {
    method: "patch",
    path: "/computers/:id",
    tag: "computers",
    summary: "Edit a computer (locks the edited fields)",
    description:
      "Fields fed by inventory are locked once edited, so synchronisation keeps your value.",
    right: "edit",
    query: [{
      name: "lock",
      description: "lock the edited fields",
      schema: { type: "boolean", default: true },
    }],
    body: { schema: ref("ComputerEdit") },
    ok: {
      status: 200,
      description: "the computer after the edit",
      schema: object({ changed: { type: "boolean" }, computer: ANY_OBJECT, locks: ANY_OBJECT }),
    },
    errors: [400, 404],
  },
  {
    method: "delete",
    path: "/computers/:id",
    tag: "computers",
    summary: "Purge a computer from the trash",
    description: "Deletes it and everything it owns; its devices are released.",
    right: "purge",
    ok: { status: 204, description: "purged" },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/computers/:id/history",
    tag: "computers",
    summary: "A computer's history, newest first",
    right: "read",
    query: [
      {
        name: "since",
        description: "changes at or after this time",
        schema: { type: "string", format: "date-time" },
      },
      { name: "before_id", description: "rows older than this row id (paging)", schema: ID },
      pagingQuery()[0]!,
    ],
    ok: {
      status: 200,
      description: "history rows",
      schema: pageOf(ANY_OBJECT),
    },
    errors: [400, 404],
  },
  ...(["lock", "unlock"] as const).map((action): RouteDoc => ({
    method: "post",
    path: `/computers/:id/${action}`,
    tag: "computers",
    summary: action === "lock"
      ? "Lock fields against inventory"
      : "Unlock fields (re-imported from the last inventory at once)",
    right: "edit",
    body: { schema: ref("LockFields") },
    ok: {
      status: 200,
      description: "the locks after the change",
      schema: object({ changed: { type: "integer" }, locks: ANY_OBJECT }),
    },
    errors: [400, 404],
  })),
  ...(["trash", "restore"] as const).map((action): RouteDoc => ({
    method: "post",
    path: `/computers/:id/${action}`,
    tag: "computers",
    summary: action === "trash" ? "Move to the trash" : "Restore from the trash",
    right: "trash",
    ok: {
      status: 200,
      description: "1 when it changed, 0 when it already was",
      schema: object({ changed: { type: "integer" } }),
    },
    errors: [404],
  })),
];
