/**
 * The OpenAPI 3.1 document of `/api/v1`, built from the {@link RouteDoc} lists each resource file
 * keeps next to its routes (and the device routes' here): paths, parameters, bodies, responses,
 * the bearer scheme, the error schema, and each route's required right as `x-required-right`.
 * tests/api_openapi_test.ts checks it against Hono's registered routes both ways. Lists the code
 * keeps as constants (editable and lockable fields, sort keys, rule operators, action types and
 * collections, bulk actions, inbox statuses) are read from them, so the document cannot drift.
 *
 * @module
 */

import { VERSION } from "../../../version.ts";
import { ACTION_TYPES, COLLECTION_NAMES } from "../../../rules/collections.ts";
import { RULES_FORMAT, RULES_VERSION } from "../../../rules/json.ts";
import { OPERATORS } from "../../../rules/operators.ts";
import { SEARCH_COLUMNS } from "../../ingest/search_keys.ts";
import { LOCKABLE_FIELDS } from "../../registry/apply_fields.ts";
import { EDITABLE_FIELDS } from "../../registry/edit.ts";
import { API_BULK_ACTIONS, COMPUTER_DOCS } from "./computers.ts";
import { DEVICE_INBOX_DOCS, INBOX_STATUSES } from "./devices_inbox.ts";
import { ANY_OBJECT, object, pageOf, ref, type RouteDoc, type Schema } from "./docs.ts";
import { ENTITY_DOCS } from "./entities.ts";
import { LOCATION_DOCS } from "./locations.ts";
import { RULE_DOCS } from "./rules.ts";
import { SHARED_MAC_DOCS } from "./shared_macs.ts";
import { SOFTWARE_DOCS } from "./software.ts";
import { SOURCE_DOCS } from "./sources.ts";
import { TASK_DOCS } from "./tasks.ts";

const DEVICE_REF = {
  id: { description: "device id or DEVICEID", schema: { type: "string" } },
};

/** The foundation's device routes and the upload, in `api_routes.ts`. */
const DEVICE_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/devices",
    tag: "devices",
    summary: "Devices (agent identities) as reported",
    right: "read",
    allEntities: true,
    query: [
      { name: "search", description: "text to find", schema: { type: "string" } },
      { name: "in", description: "search one column", schema: { enum: [...SEARCH_COLUMNS] } },
      { name: "limit", description: "page size", schema: { type: "integer", default: 100 } },
      { name: "offset", description: "rows to skip", schema: { type: "integer", default: 0 } },
    ],
    ok: { status: 200, description: "a page of devices", schema: pageOf(ref("DeviceSummary")) },
    errors: [400],
  },
  {
    method: "get",
    path: "/devices/:id",
    tag: "devices",
    summary: "A device with every section of its latest inventory",
    right: "read",
    allEntities: true,
    pathParams: DEVICE_REF,
    ok: { status: 200, description: "the device", schema: ref("DeviceDetail") },
    errors: [404],
  },
  {
    method: "get",
    path: "/devices/:id/inventory.xml",
    tag: "devices",
    summary: "The last inventory the device sent, as XML",
    right: "read",
    allEntities: true,
    pathParams: DEVICE_REF,
    ok: {
      status: 200,
      description: "the XML document",
      contentType: "application/xml",
      schema: { type: "string" },
    },
    errors: [404],
  },
  {
    method: "patch",
    path: "/devices/:id",
    tag: "devices",
    summary: "Change a device's TAG, account info or agent schedule overrides",
    right: "edit",
    allEntities: true,
    pathParams: DEVICE_REF,
    body: {
      schema: object({
        tag: { type: "string" },
        accountInfo: { type: "object", additionalProperties: { type: "string" } },
        prologFreq: { type: ["integer", "null"], minimum: 1 },
        frequency: { type: ["integer", "null"], minimum: -1 },
        inventoryOnStartup: { type: ["integer", "null"] },
      }),
    },
    ok: { status: 200, description: "the device", schema: ref("DeviceDetail") },
    errors: [400, 404],
  },
  {
    method: "delete",
    path: "/devices/:id",
    tag: "devices",
    summary: "Delete a device (its computer follows the deletion setting)",
    right: "trash",
    allEntities: true,
    pathParams: DEVICE_REF,
    ok: { status: 204, description: "deleted" },
    errors: [404],
  },
  {
    method: "post",
    path: "/inventories",
    tag: "devices",
    summary: "Upload offline inventories (.ocs or .xml)",
    description: "A raw body (one file, named by `name`) or a multipart form of files.",
    right: "edit",
    allEntities: true,
    query: [{ name: "name", description: "the file's name", schema: { type: "string" } }],
    body: {
      contentType: "application/octet-stream",
      schema: { type: "string", contentMediaType: "application/octet-stream" },
    },
    ok: { status: 200, description: "what was imported", schema: ANY_OBJECT },
    errors: [400, 413],
  },
  {
    method: "get",
    path: "/metrics",
    tag: "meta",
    summary: "How the server process is doing",
    description: "Memory, whether registry work runs in its worker, and the main thread's " +
      "event-loop delay: a histogram cumulative since the start (subtract two readings for a " +
      "period), with p50 and p99 as bucket bounds in milliseconds.",
    right: "read",
    ok: { status: 200, description: "the process's figures", schema: ANY_OBJECT },
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "meta",
    summary: "This document",
    description: "Behind `read` like every other API route: it holds no data, but the API " +
      "answers nothing to anonymous callers, and any client that can use it has a token.",
    right: "read",
    ok: { status: 200, description: "the OpenAPI 3.1 document", schema: ANY_OBJECT },
  },
];

/** Every documented route. */
export const API_DOCS: readonly RouteDoc[] = [
  ...COMPUTER_DOCS,
  ...DEVICE_INBOX_DOCS,
  ...DEVICE_DOCS,
  ...RULE_DOCS,
  ...TASK_DOCS,
  ...ENTITY_DOCS,
  ...LOCATION_DOCS,
  ...SOFTWARE_DOCS,
  ...SOURCE_DOCS,
  ...SHARED_MAC_DOCS,
];

const TEXT = { type: "string" };
const INT = { type: "integer" };
const NULLABLE_TEXT = { type: ["string", "null"] };

const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: "object",
    required: ["status", "message", "data"],
    properties: {
      status: { type: "integer", description: "the HTTP status again" },
      message: { type: "string", description: "what went wrong, for people" },
      data: {
        type: "object",
        description: "details: `field` names the bad field, `problems` lists rule validation " +
          "problems by path, `right` the missing right",
      },
    },
  },
  ComputerSummary: {
    type: "object",
    properties: {
      id: INT,
      name: TEXT,
      serial: TEXT,
      uuid: TEXT,
      inventory_number: TEXT,
      manufacturer: TEXT,
      model: TEXT,
      type: TEXT,
      os_name: TEXT,
      os_version: TEXT,
      user: TEXT,
      ip: TEXT,
      tag: TEXT,
      entity: TEXT,
      location: NULLABLE_TEXT,
      state: NULLABLE_TEXT,
      is_deleted: INT,
      last_inventory_at: NULLABLE_TEXT,
      last_contact_at: NULLABLE_TEXT,
    },
  },
  ComputerDetail: {
    type: "object",
    properties: {
      computer: { type: "object", description: "every field, entity, location and state names" },
      components: { type: "array", items: ANY_OBJECT },
      ports: { type: "array", items: ANY_OBJECT },
      volumes: { type: "array", items: ANY_OBJECT },
      vms: { type: "array", items: ANY_OBJECT },
      software: { type: "array", items: ANY_OBJECT },
      peripherals: { type: "array", items: ANY_OBJECT },
      locks: { type: "array", items: ANY_OBJECT },
      links: { type: "array", items: ANY_OBJECT, description: "the devices feeding it" },
    },
  },
  ComputerEdit: {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(EDITABLE_FIELDS).map(([field, kind]) => [
        field,
        // A computer always has an entity; location and state may be cleared.
        kind === "text" ? TEXT : field === "entity_id" ? INT : { type: ["integer", "null"] },
      ]),
    ),
  },
  LockFields: object({
    fields: {
      oneOf: [{ const: "all" }, {
        type: "array",
        items: { enum: [...LOCKABLE_FIELDS] },
        minItems: 1,
      }],
    },
  }, ["fields"]),
  BulkAction: object({
    action: { enum: [...API_BULK_ACTIONS] },
    ids: { type: "array", items: { type: "integer", minimum: 1 }, minItems: 1 },
    fields: { description: 'lock/unlock: field names or "all"' },
    changes: { ...ref("ComputerEdit"), description: "edit: the fields to set (locks them)" },
  }, ["action", "ids"]),
  BulkResult: {
    type: "object",
    properties: {
      action: TEXT,
      requested: INT,
      changed: INT,
      skipped: { type: "integer", description: "purge: computers not in the trash" },
    },
  },
  NotImported: {
    type: "object",
    properties: {
      device_id: INT,
      deviceid: TEXT,
      name: TEXT,
      serial: TEXT,
      tag: NULLABLE_TEXT,
      status: { enum: [...INBOX_STATUSES] },
      reason: TEXT,
      rule_name: TEXT,
      attempts: INT,
      last_at: TEXT,
    },
  },
  SyncSummary: {
    type: "object",
    properties: {
      processed: INT,
      counts: { type: "object", additionalProperties: INT },
      errors: { type: "array", items: ANY_OBJECT },
      more: { type: "boolean" },
    },
  },
  SyncOutcome: object({
    outcome: {
      type: "object",
      properties: { kind: { enum: ["imported", "linked", "synchronized", "unchanged"] } },
    },
  }),
  Criterion: object({
    field: TEXT,
    operator: { enum: [...OPERATORS] },
    pattern: TEXT,
  }, ["field", "operator"]),
  Action: object({
    type: { enum: [...ACTION_TYPES] },
    field: TEXT,
    value: TEXT,
  }, ["type", "field", "value"]),
  Rule: object({
    id: { type: "integer", readOnly: true },
    uuid: TEXT,
    collection: { enum: [...COLLECTION_NAMES] },
    name: TEXT,
    description: TEXT,
    ranking: INT,
    active: { type: "boolean" },
    match: { enum: ["AND", "OR"] },
    criteria: { type: "array", items: ref("Criterion"), minItems: 1 },
    actions: { type: "array", items: ref("Action"), minItems: 1 },
  }, ["collection", "name", "criteria", "actions"]),
  RulesDocument: object({
    format: { const: RULES_FORMAT },
    version: { const: RULES_VERSION },
    rules: { type: "array", items: ref("Rule") },
  }, ["format", "version", "rules"]),
  RuleTestResult: {
    type: "object",
    properties: {
      decision: { type: "object", description: "kind (link, create, refuse, assign…) and why" },
      traces: {
        type: "array",
        items: ANY_OBJECT,
        description: "per collection: every rule and criterion looked at, with the reason",
      },
      explanation: { type: "array", items: TEXT },
    },
  },
  Task: {
    type: "object",
    properties: {
      name: TEXT,
      description: TEXT,
      state: { enum: ["running", "scheduled", "disabled"] },
      frequency: TEXT,
      schedule: TEXT,
      hours: TEXT,
      param: { type: ["object", "null"] },
      logsLifetimeDays: INT,
      lastRunAt: NULLABLE_TEXT,
      lastStatus: NULLABLE_TEXT,
      nextRunAt: NULLABLE_TEXT,
      due: ANY_OBJECT,
      statistics: { ...ANY_OBJECT, description: "detail only" },
      recentRuns: { type: "array", items: ANY_OBJECT, description: "detail only" },
    },
  },
  TaskChanges: object({
    enabled: { type: "boolean" },
    frequency: {
      type: ["string", "integer"],
      description: "seconds, a duration (90s, 15m, 6h, 1d) or a cron expression",
    },
    hours: { type: "string", description: 'local hours "FROM-TO", e.g. "22-6"' },
    param: { type: ["integer", "null"], description: "null: the task's default" },
    logs_lifetime_days: { type: "integer", minimum: 0 },
  }),
  RunReport: {
    type: "object",
    properties: {
      task: TEXT,
      runId: INT,
      status: { enum: ["done", "more", "nothing", "error", "aborted"] },
      startedAt: TEXT,
      endedAt: TEXT,
      durationMs: INT,
      volume: INT,
      message: TEXT,
      trace: { type: "array", items: TEXT },
    },
  },
  Entity: {
    type: "object",
    properties: {
      id: INT,
      parent_id: { type: ["integer", "null"] },
      name: TEXT,
      completename: TEXT,
      level: INT,
      tag: NULLABLE_TEXT,
      comment: TEXT,
      uses: { type: "object", description: "detail only: what refers to it" },
    },
  },
  Location: {
    type: "object",
    properties: {
      id: INT,
      parent_id: { type: ["integer", "null"] },
      entity_id: INT,
      name: TEXT,
      completename: TEXT,
      level: INT,
      comment: TEXT,
      uses: { type: "object", description: "detail only: what refers to it" },
    },
  },
  Software: {
    type: "object",
    properties: {
      id: INT,
      name: TEXT,
      publisher: TEXT,
      category: TEXT,
      versions: {
        type: "integer",
        description: "versions installed on computers of the caller's entities",
      },
      computers: {
        type: "integer",
        description: "computers of the caller's entities that have it, once per version",
      },
    },
  },
  SoftwareDetail: {
    type: "object",
    properties: {
      id: INT,
      name: TEXT,
      publisher: TEXT,
      category: TEXT,
      computers: INT,
      versions: {
        type: "array",
        items: { type: "object", properties: { id: INT, version: TEXT, computers: INT } },
      },
    },
  },
  DeviceSummary: {
    type: "object",
    properties: {
      id: INT,
      deviceid: TEXT,
      name: TEXT,
      osName: TEXT,
      serial: TEXT,
      uuid: TEXT,
      tag: NULLABLE_TEXT,
      firstSeen: TEXT,
      lastCome: TEXT,
      lastDate: NULLABLE_TEXT,
      userAgent: TEXT,
      ipSource: TEXT,
    },
  },
  DeviceDetail: {
    allOf: [ref("DeviceSummary"), {
      type: "object",
      properties: {
        accountInfo: { type: "object", additionalProperties: TEXT },
        overrides: ANY_OBJECT,
        contacts: INT,
        inventories: INT,
        sections: { type: "object", description: "section name → entries as reported" },
      },
    }],
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: "bad request: the message and `data.field` name what is wrong",
  401: "no valid API token",
  403: "the profile lacks the right (`data.right`)",
  404: "no such resource, or outside the caller's entities",
  409: "conflicts with the current state",
  413: "body too large",
};

/** `/computers/:id` → `/computers/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, "{$1}");
}

function operation(doc: RouteDoc): Schema {
  const pathParams = [...doc.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).map((name) => ({
    name,
    in: "path",
    required: true,
    description: doc.pathParams?.[name]?.description ?? `${name} (a positive whole number)`,
    schema: doc.pathParams?.[name]?.schema ?? { type: "integer", minimum: 1 },
  }));
  const query = (doc.query ?? []).map((q) => ({
    name: q.name,
    in: "query",
    required: q.required ?? false,
    description: q.description,
    schema: q.schema,
  }));
  const responses: Record<string, Schema> = {
    [doc.ok.status]: {
      description: doc.ok.description,
      ...(doc.ok.schema
        ? { content: { [doc.ok.contentType ?? "application/json"]: { schema: doc.ok.schema } } }
        : {}),
    },
  };
  for (const status of [...(doc.errors ?? []), 401, 403].sort()) {
    responses[status] = { $ref: `#/components/responses/Error${status}` };
  }
  const right = `Needs the \`${doc.right}\` right${doc.allEntities ? " over every entity" : ""}.`;
  return {
    operationId: `${doc.method}${
      openApiPath(doc.path).replace(/[{}]/g, "").split(/[/.-]/).map((p) =>
        p ? p[0]!.toUpperCase() + p.slice(1) : ""
      ).join("")
    }`,
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, right].filter(Boolean).join("\n\n"),
    "x-required-right": doc.right,
    ...(doc.allEntities ? { "x-all-entities": true } : {}),
    ...(pathParams.length || query.length ? { parameters: [...pathParams, ...query] } : {}),
    ...(doc.body
      ? {
        requestBody: {
          required: doc.body.required ?? true,
          ...(doc.body.description ? { description: doc.body.description } : {}),
          content: { [doc.body.contentType ?? "application/json"]: { schema: doc.body.schema } },
        },
      }
      : {}),
    responses,
  };
}

/** The OpenAPI document; `serverUrl` is where `/api/v1` is served. */
export function openApiDocument(serverUrl = "/api/v1"): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const doc of API_DOCS) {
    const path = openApiPath(doc.path);
    (paths[path] ??= {})[doc.method] = operation(doc);
  }
  const statuses = [400, 401, 403, 404, 409, 413];
  return {
    openapi: "3.1.0",
    info: {
      title: "inventory API",
      version: VERSION,
      description: "Computers, devices, rules, automatic actions, entities, locations, " +
        "software and OCS sources of the inventory server. Authenticate with a personal API token " +
        "(`Authorization: Bearer …`); it carries its user's profile and entities. Errors are " +
        "JSON `{status, message, data}`. Lists are paged with `limit` and `offset` and answer " +
        "`{total, limit, offset, items}`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [
      "computers",
      "devices",
      "rules",
      "tasks",
      "entities",
      "locations",
      "software",
      "sources",
      "meta",
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "a personal API token (console: Tokens; CLI: inventory users token create)",
        },
      },
      schemas: SCHEMAS,
      responses: Object.fromEntries(statuses.map((s) => [`Error${s}`, {
        description: ERROR_TEXT[s],
        content: { "application/json": { schema: ref("Error") } },
      }])),
    },
  };
}
