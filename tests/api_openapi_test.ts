/**
 * The OpenAPI document stays honest: every route Hono serves under `/api/v1` is documented with
 * the right its guard demands, every documented route is served, every `$ref` resolves, and the
 * document is served (to a token holder) at `/api/v1/openapi.json`.
 */

import assert from "node:assert/strict";
import { createApp } from "../server/http/app.ts";
import type { RouteDoc } from "../server/http/api/docs.ts";
import { API_DOCS, openApiPath } from "../server/http/api/openapi.ts";
import { guardInfo } from "../server/http/guards.ts";
import { createTestUser, withToken } from "./_helpers/auth.ts";
import { withContext } from "./_helpers/context.ts";

const PREFIX = "/api/v1";

Deno.test("every /api/v1 route is documented with its guard's right, and vice versa", async () => {
  await withContext((ctx) => {
    const served = new Map<string, { right?: string; allEntities: boolean }>();
    for (const r of createApp(ctx).routes) {
      if (r.method === "ALL" || !r.path.startsWith(`${PREFIX}/`)) continue;
      const key = `${r.method} ${r.path.slice(PREFIX.length)}`;
      const info = guardInfo(r.handler);
      const known = served.get(key);
      if (info?.requirement) {
        served.set(key, {
          right: info.requirement.right,
          allEntities: info.requirement.allEntities === true,
        });
      } else if (!known) served.set(key, { allEntities: false });
    }
    assert.ok(served.size > 40, `${served.size} API routes`);
    const documented = new Map<string, RouteDoc>(
      API_DOCS.map((d) => [`${d.method.toUpperCase()} ${d.path}`, d]),
    );
    assert.equal(documented.size, API_DOCS.length, "no route is documented twice");
    assert.deepEqual([...served.keys()].filter((k) => !documented.has(k)), [], "undocumented");
    assert.deepEqual([...documented.keys()].filter((k) => !served.has(k)), [], "not served");
    for (const [key, guard] of served) {
      const doc = documented.get(key)!;
      assert.equal(guard.right, doc.right, `${key}: documented right`);
      assert.equal(guard.allEntities, doc.allEntities === true, `${key}: every entity`);
    }
    return Promise.resolve();
  });
});

Deno.test("the document is valid-looking OpenAPI 3.1 and served to token holders", async () => {
  await withContext(async (ctx) => {
    const app = createApp(ctx);
    const reader = await createTestUser(ctx, "reader", "readonly");
    const get = (init: RequestInit = {}) =>
      app.fetch(new Request(`http://inventory.test${PREFIX}/openapi.json`, init), {
        ip: "127.0.0.1",
      });
    const anonymous = await get();
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    const response = await get(withToken(reader.token));
    assert.equal(response.status, 200);
    const doc = await response.json();
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(doc.security, [{ bearer: [] }]);
    assert.equal(doc.components.securitySchemes.bearer.scheme, "bearer");
    assert.deepEqual(doc.components.schemas.Error.required, ["status", "message", "data"]);

    let operations = 0;
    for (const d of API_DOCS) {
      const operation = doc.paths[openApiPath(d.path)]?.[d.method];
      assert.ok(operation, `${d.method} ${d.path}`);
      operations++;
      assert.ok(operation.responses["401"] && operation.responses["403"]);
      const params = (operation.parameters ?? []).filter((p: { in: string }) => p.in === "path");
      assert.deepEqual(
        params.map((p: { name: string }) => p.name),
        [...d.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
        `${d.path}: path parameters`,
      );
    }
    const ids = Object.values(doc.paths).flatMap((p) =>
      Object.values(p as Record<string, { operationId: string }>).map((o) => o.operationId)
    );
    assert.equal(new Set(ids).size, operations, "operation ids are unique");

    // Every reference points at something that exists.
    const refs = JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g);
    for (const [, kind, name] of refs) {
      assert.ok(doc.components[kind!]?.[name!], `#/components/${kind}/${name}`);
    }
  });
});
