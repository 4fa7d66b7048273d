/**
 * `/api/v1/rules`: every collection's rules — list, read, create and update (validation errors
 * are 400 naming the JSON path), delete, reorder, export and import as JSON, and the test: typed
 * values through one collection, or a stored device through every collection (the dry run),
 * answering the decision and the full trace. Rules act on every entity: reading them needs a
 * profile over every entity, changing them the global `rules` right.
 *
 * @module
 */

import { Hono } from "hono";
import {
  COLLECTIONS as COLLECTION_SPECS,
  decideEntity,
  decideImport,
  decideLocation,
  decideSoftware,
  evaluate,
  explainResult,
  exportRules,
  parseRulesJson,
  validateRule,
} from "../../../rules/mod.ts";
import type { CollectionName, CollectionResult, Rule, RuleInput } from "../../../rules/types.ts";
import type { ServerContext } from "../../context.ts";
import { dryRun } from "../../registry/dry_run.ts";
import {
  COLLECTIONS,
  deleteRule,
  getRule,
  importRules,
  listRules,
  placeNewRule,
  reorderRules,
  saveRule,
  seedDefaultRules,
} from "../../registry/rule_store.ts";
import { openRun } from "../../registry/run_context.ts";
import { findDevice } from "../../store/devices.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { ANY_OBJECT, object, pageOf, ref, type RouteDoc } from "./docs.ts";
import {
  api,
  ApiFailure,
  badField,
  enumQuery,
  jsonObject,
  jsonText,
  notFound,
  onlyKeys,
  whole,
} from "./http.ts";

/** The `/rules` routes. */
export function rulesApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read", { allEntities: true });
  const write = requireRight(ctx, "rules");
  // The shipped defaults exist from the first look, as the synchronisation would seed them.
  const seeded = () => ctx.writes.run((db) => seedDefaultRules(db, ctx.now()));

  app.get(
    "/rules",
    read,
    api(async (c) => {
      const collection = enumQuery(c, "collection", COLLECTIONS);
      await seeded();
      const rules = await listRules(ctx.db, collection);
      return c.json(whole(rules));
    }),
  );

  app.post(
    "/rules",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      if (body.id !== undefined) throw badField("rule.id", "a new rule has no id");
      const rule = validateRule(body, "rule");
      await seeded();
      const now = ctx.now();
      const saved = await ctx.writes.run(async (db) => {
        if (await getRule(db, rule.uuid)) {
          throw new ApiFailure(409, `A rule with uuid ${rule.uuid} exists: PATCH it`, {
            field: "rule.uuid",
          });
        }
        if (body.ranking === undefined) rule.ranking = await placeNewRule(db, rule.collection);
        return await saveRule(db, rule, now);
      });
      return c.json(saved, 201);
    }),
  );

  app.get(
    "/rules/export",
    read,
    api(async (c) => {
      const collection = enumQuery(c, "collection", COLLECTIONS);
      await seeded();
      return c.json(exportRules(await listRules(ctx.db, collection)));
    }),
  );

  app.post(
    "/rules/import",
    write,
    api(async (c) => {
      const mode = enumQuery(c, "mode", ["merge", "replace"] as const) ?? "merge";
      const rules = parseRulesJson(await jsonText(c));
      await seeded();
      const now = ctx.now();
      const result = await ctx.writes.run((db) => importRules(db, rules, now, mode));
      return c.json({ imported: rules.length, ...result });
    }),
  );

  app.post(
    "/rules/reorder",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["collection", "ids"]);
      const collection = body.collection as CollectionName;
      if (!COLLECTIONS.includes(collection)) {
        throw badField("collection", `expected one of ${COLLECTIONS.join(", ")}`);
      }
      const ids = body.ids;
      if (!Array.isArray(ids) || ids.some((id) => !Number.isSafeInteger(id))) {
        throw badField("ids", "expected the list of the collection's rule ids, first to last");
      }
      await seeded();
      const rules = await ctx.writes.run(async (db) => {
        const current = (await listRules(db, collection)).map((r) => r.id!);
        const wanted = new Set(ids as number[]);
        if (
          wanted.size !== ids.length || current.length !== ids.length ||
          current.some((id) => !wanted.has(id))
        ) {
          throw badField(
            "ids",
            `expected each of the ${collection} rules' ids once: ${current.join(", ")}`,
          );
        }
        await reorderRules(db, ids as number[]);
        return await listRules(db, collection);
      });
      return c.json(whole(rules));
    }),
  );

  app.post(
    "/rules/test",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["device", "collection", "input"]);
      await seeded();
      if (body.device !== undefined) {
        if (body.collection !== undefined || body.input !== undefined) {
          throw badField("device", "give either a device or a collection and input");
        }
        if (typeof body.device !== "string" && typeof body.device !== "number") {
          throw badField("device", "expected a device id or DEVICEID");
        }
        const device = await findDevice(ctx.db, String(body.device));
        if (!device) throw notFound(`No device "${body.device}"`, { field: "device" });
        const result = await dryRun(ctx, { deviceId: device.id });
        return c.json({
          deviceid: result.deviceid,
          input: result.input,
          decision: result.outcome,
          traces: result.traces,
          explanation: result.traces.flatMap(explainResult),
          software: result.software,
        });
      }
      const collection = body.collection as CollectionName;
      if (!COLLECTIONS.includes(collection)) {
        throw badField("collection", `expected one of ${COLLECTIONS.join(", ")}`);
      }
      const input = typedInput(collection, body.input);
      const run = await openRun(ctx.db, ctx.raw, ctx.now());
      const result = evaluate(run.rules[collection], input, run.env).materialize();
      const { result: _result, ...decision } = decide(collection, result);
      return c.json({
        collection,
        input,
        decision,
        traces: [result],
        explanation: explainResult(result),
      });
    }),
  );

  app.get(
    "/rules/:id",
    read,
    api(async (c) => {
      await seeded();
      return c.json(await ruleOf(ctx, c.req.param("id") ?? ""));
    }),
  );

  app.patch(
    "/rules/:id",
    write,
    api(async (c) => {
      const existing = await ruleOf(ctx, c.req.param("id") ?? "");
      const body = await jsonObject(c);
      for (const key of ["id", "uuid"] as const) {
        if (body[key] !== undefined && body[key] !== existing[key]) {
          throw badField(`rule.${key}`, `the ${key} of a rule cannot change`);
        }
      }
      const { id: _id, ...rest } = existing;
      const rule = validateRule({ ...rest, ...body, id: undefined }, "rule");
      const now = ctx.now();
      const saved = await ctx.writes.run((db) => saveRule(db, rule, now));
      return c.json(saved);
    }),
  );

  app.delete(
    "/rules/:id",
    write,
    api(async (c) => {
      const rule = await ruleOf(ctx, c.req.param("id") ?? "");
      await ctx.writes.run((db) => deleteRule(db, rule.id!));
      return c.body(null, 204);
    }),
  );

  return app;
}

async function ruleOf(ctx: ServerContext, ref: string): Promise<Rule> {
  const rule = await getRule(ctx.db, ref);
  if (!rule) throw notFound(`No rule "${ref}"`);
  return rule;
}

/** Checks typed test values: the collection's input fields, text or lists of text. */
function typedInput(collection: CollectionName, value: unknown): RuleInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badField("input", "expected an object of field values");
  }
  const fields = COLLECTION_SPECS[collection].inputs.map((f) => f.name);
  const input: Record<string, string | string[]> = {};
  for (const [field, v] of Object.entries(value)) {
    if (!fields.includes(field)) {
      throw badField(
        `input.${field}`,
        `not a field of ${collection} rules (expected ${fields.join(", ")})`,
      );
    }
    if (typeof v === "string") input[field] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) input[field] = v;
    else throw badField(`input.${field}`, "expected text or a list of text");
  }
  return input;
}

function decide(collection: CollectionName, result: CollectionResult) {
  switch (collection) {
    case "import":
      return decideImport(result);
    case "entity":
      return decideEntity(result);
    case "location":
      return decideLocation(result);
    default:
      return decideSoftware(result);
  }
}

const RULE_REF = {
  id: { description: "rule id or uuid", schema: { type: "string" } },
};
const COLLECTION_QUERY = {
  name: "collection",
  description: "one collection",
  schema: { enum: [...COLLECTIONS] },
};

/** The OpenAPI description of these routes. */
export const RULE_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/rules",
    tag: "rules",
    summary: "Rules by collection and ranking",
    right: "read",
    allEntities: true,
    query: [COLLECTION_QUERY],
    ok: {
      status: 200,
      description: "the rules",
      schema: pageOf(ref("Rule")),
    },
    errors: [400],
  },
  {
    method: "post",
    path: "/rules",
    tag: "rules",
    summary: "Create a rule",
    description: "Without a ranking it goes last in its collection. Validation errors name the " +
      "path (`rule.criteria[0].operator`) in the message and in `data.problems`.",
    right: "rules",
    body: { schema: ref("Rule") },
    ok: { status: 201, description: "the rule with its id", schema: ref("Rule") },
    errors: [400, 409],
  },
  {
    method: "get",
    path: "/rules/export",
    tag: "rules",
    summary: "Export rules as a rules document",
    right: "read",
    allEntities: true,
    query: [COLLECTION_QUERY],
    ok: { status: 200, description: "the document", schema: ref("RulesDocument") },
    errors: [400],
  },
  {
    method: "post",
    path: "/rules/import",
    tag: "rules",
    summary: "Import a rules document",
    description: "Each rule replaces the one with the same uuid or is added; `replace` first " +
      "deletes the collections present in the document. All or nothing.",
    right: "rules",
    query: [{
      name: "mode",
      description: "merge or replace",
      schema: { enum: ["merge", "replace"], default: "merge" },
    }],
    body: { schema: ref("RulesDocument") },
    ok: {
      status: 200,
      description: "counts",
      schema: object({
        imported: { type: "integer" },
        added: { type: "integer" },
        replaced: { type: "integer" },
      }),
    },
    errors: [400],
  },
  {
    method: "post",
    path: "/rules/reorder",
    tag: "rules",
    summary: "Set the order of a collection",
    right: "rules",
    body: {
      schema: object({
        collection: { enum: [...COLLECTIONS] },
        ids: { type: "array", items: { type: "integer" }, description: "first to last" },
      }, ["collection", "ids"]),
    },
    ok: {
      status: 200,
      description: "the collection in its new order",
      schema: pageOf(ref("Rule")),
    },
    errors: [400],
  },
  {
    method: "post",
    path: "/rules/test",
    tag: "rules",
    summary: "Test rules: typed values through one collection, or a stored device (dry run)",
    description: "Changes nothing. Answers the decision, every rule and criterion looked at " +
      "with why, and the same in words (`explanation`).",
    right: "rules",
    body: {
      schema: {
        oneOf: [
          object({ device: { type: "string", description: "device id or DEVICEID" } }, [
            "device",
          ]),
          object({
            collection: { enum: [...COLLECTIONS] },
            input: {
              type: "object",
              additionalProperties: {
                oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
              },
            },
          }, ["collection", "input"]),
        ],
      },
    },
    ok: { status: 200, description: "decision and trace", schema: ref("RuleTestResult") },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/rules/:id",
    tag: "rules",
    summary: "One rule",
    right: "read",
    allEntities: true,
    pathParams: RULE_REF,
    ok: { status: 200, description: "the rule", schema: ref("Rule") },
    errors: [404],
  },
  {
    method: "patch",
    path: "/rules/:id",
    tag: "rules",
    summary: "Update a rule (the given properties replace the stored ones)",
    right: "rules",
    pathParams: RULE_REF,
    body: { schema: ANY_OBJECT, description: "any properties of a Rule but id and uuid" },
    ok: { status: 200, description: "the rule", schema: ref("Rule") },
    errors: [400, 404],
  },
  {
    method: "delete",
    path: "/rules/:id",
    tag: "rules",
    summary: "Delete a rule",
    right: "rules",
    pathParams: RULE_REF,
    ok: { status: 204, description: "deleted" },
    errors: [404],
  },
];
