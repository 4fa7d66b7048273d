/**
 * For the `/api/v1` tests: a real pipeline (inventories stored through the ingestion code, then
 * synchronised into the registry by the real rules), the real app answering through
 * `createApp(ctx).fetch`, and API calls with real tokens.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../../server/context.ts";
import { syncBatch } from "../../server/registry/batch.ts";
import { saveRule } from "../../server/registry/rule_store.ts";
import { createEntity } from "../../server/registry/tree.ts";
import { createApp } from "../../server/http/app.ts";
import { type Machine, machineXml } from "./fleet.ts";
import { withPipeline } from "./roundtrip.ts";

/** An API answer: status, JSON body (or text), headers. */
export interface ApiAnswer {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
  headers: Headers;
}

/** What an API test gets. */
export interface ApiWorld {
  ctx: ServerContext;
  /** Calls `/api/v1{path}` with `token`; a non-string body is sent as JSON. */
  call(token: string | null, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** Stores the machines' inventories and synchronises them; returns computer ids by DEVICEID. */
  addMachines(machines: Machine[]): Promise<Map<string, number>>;
}

/** Runs `fn` with a fresh server context and its app. */
export function withApi<T>(fn: (world: ApiWorld) => Promise<T>): Promise<T> {
  return withPipeline(async ({ ctx, send }) => {
    const app = createApp(ctx);
    const call: ApiWorld["call"] = async (token, method, path, body) => {
      const headers = new Headers();
      if (token) headers.set("authorization", `Bearer ${token}`);
      let payload: BodyInit | undefined;
      if (typeof body === "string") payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers.set("content-type", "application/json");
      }
      const response = await app.fetch(
        new Request(`http://inventory.test/api/v1${path}`, { method, headers, body: payload }),
        { ip: "127.0.0.1" },
      );
      const text = await response.text();
      const type = response.headers.get("content-type") ?? "";
      return {
        status: response.status,
        body: type.includes("json") && text ? JSON.parse(text) : text,
        headers: response.headers,
      };
    };
    const addMachines: ApiWorld["addMachines"] = async (machines) => {
      for (const m of machines) await send(machineXml(m));
      const result = await syncBatch(ctx, { limit: 100_000 });
      assert.deepEqual(result.errors, []);
      const links = await ctx.db.selectFrom("computer_links").select(["deviceid", "computer_id"])
        .where("deviceid", "in", machines.map((m) => m.deviceid)).execute();
      return new Map(links.map((l) => [l.deviceid, l.computer_id]));
    };
    return await fn({ ctx, call, addMachines });
  });
}

let serial = 0;

/** A machine with a unique identity; `tag` places it by the TAG → entity rule. */
export function apiMachine(tag: string, overrides: Partial<Machine> = {}): Machine {
  const n = ++serial;
  const hex = (n % 65536).toString(16).padStart(4, "0");
  return {
    deviceid: `api-${tag.toLowerCase() || "none"}-${n}-2026-01-01-00-00-00`,
    name: `api-${tag.toLowerCase() || "none"}-${n}`,
    serial: `API-SER-${n}`,
    uuid: `API-UUID-${n}`,
    macs: [`02:aa:bb:cc:${hex.slice(0, 2)}:${hex.slice(2)}`],
    software: [{ name: "curl", version: "8.0" }],
    tag,
    ...overrides,
  };
}

/**
 * Entities Paris and Lyon (TAGs PARIS, LYON) under the root, and the TAG → entity rule: a machine
 * tagged PARIS lands in Paris. Returns their ids.
 */
export async function twoEntities(ctx: ServerContext): Promise<{ paris: number; lyon: number }> {
  const paris = await createEntity(ctx.db, "Paris", 1, "PARIS");
  const lyon = await createEntity(ctx.db, "Lyon", 1, "LYON");
  await entityFromTagRule(ctx);
  return { paris: paris.id, lyon: lyon.id };
}

/** The rule placing a machine in the entity whose TAG is the machine's TAG. */
export async function entityFromTagRule(ctx: ServerContext): Promise<void> {
  await saveRule(ctx.db, {
    uuid: crypto.randomUUID(),
    collection: "entity",
    name: "Entity from TAG",
    description: "",
    ranking: 0,
    active: true,
    match: "AND",
    criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
    actions: [{ type: "regex_result", field: "_entity_by_tag", value: "#0" }],
  }, ctx.now());
}
