/**
 * Every route of the app, walked from Hono's own route list (a route added later cannot be
 * forgotten): each is public by name or starts with a guard; each guarded one refuses an
 * anonymous request, and refuses every profile that lacks its right — over real HTTP.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decide, type Principal } from "../server/auth/rights.ts";
import { loadPrincipal } from "../server/auth/users.ts";
import { createApp } from "../server/http/app.ts";
import { type GuardInfo, guardInfo } from "../server/http/guards.ts";
import { PUBLIC_ROUTES } from "../server/http/public_routes.ts";
import { createTestUser, type TestUser } from "./_helpers/auth.ts";
import { addEntity } from "./_helpers/context.ts";
import { startTestServer, type TestServer } from "./_helpers/server.ts";

interface AppRoute {
  method: string;
  path: string;
  guard: GuardInfo | undefined;
}

/** The app's routes, one per method and path, with the guard found among their handlers. */
function appRoutes(server: TestServer): AppRoute[] {
  const routes = new Map<string, AppRoute>();
  for (const r of createApp(server.server.ctx).routes) {
    if (r.method === "ALL") continue; // middleware
    const key = `${r.method} ${r.path}`;
    const route = routes.get(key) ?? { method: r.method, path: r.path, guard: undefined };
    route.guard ??= guardInfo(r.handler);
    routes.set(key, route);
  }
  return [...routes.values()];
}

/** A concrete URL path for a route pattern. */
function concrete(path: string): string {
  // A parameter may carry a pattern (`:id{[0-9]+}`), replaced along with its name.
  return path.replace(/:\w+(\{[^}]*\})?/g, "1").replace(/\*/g, "x");
}

function request(
  server: TestServer,
  route: AppRoute,
  headers: Record<string, string> = {},
  body?: URLSearchParams,
): Promise<Response> {
  return fetch(`${server.url}${concrete(route.path)}`, {
    method: route.method,
    redirect: "manual",
    headers,
    ...(body ? { body } : {}),
  });
}

Deno.test("every route is public by name or guarded, and public names are real routes", async () => {
  const server = await startTestServer();
  try {
    const routes = appRoutes(server);
    assert.ok(routes.length > 20, `${routes.length} routes`);
    const unguarded = routes.filter((r) => !r.guard && !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));
    assert.deepEqual(unguarded.map((r) => `${r.method} ${r.path}`), []);
    const names = new Set(routes.map((r) => `${r.method} ${r.path}`));
    assert.deepEqual([...PUBLIC_ROUTES].filter((p) => !names.has(p)), []);
  } finally {
    await server.stop();
  }
});

Deno.test("every guarded route refuses an anonymous request", async (t) => {
  const server = await startTestServer();
  try {
    for (const route of appRoutes(server).filter((r) => r.guard)) {
      await t.step(`${route.method} ${route.path}`, async () => {
        const response = await request(server, route);
        const text = await response.text();
        if (route.path.startsWith("/api/")) {
          assert.equal(response.status, 401, text);
          assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer /);
          const body = JSON.parse(text);
          assert.deepEqual(Object.keys(body), ["status", "message", "data"]);
          assert.equal(body.status, 401);
        } else if (route.method === "GET") {
          assert.equal(response.status, 303, text);
          assert.match(response.headers.get("location") ?? "", /^\/login\b/);
        } else {
          assert.equal(response.status, 401, text);
          assert.match(text, /Sign in first/);
        }
      });
    }
  } finally {
    await server.stop();
  }
});

Deno.test("every guarded route refuses each profile that lacks its right", async (t) => {
  const server = await startTestServer();
  const ctx = server.server.ctx;
  try {
    await addEntity(ctx, 2, 1, "Europe");
    await addEntity(ctx, 3, 2, "Paris");
    const users: TestUser[] = [
      await createTestUser(ctx, "reader", "readonly"),
      await createTestUser(ctx, "tech-europe", "technician", [{ entityId: 2, recursive: true }]),
      await createTestUser(ctx, "admin-paris", "admin", [{ entityId: 3, recursive: false }]),
      await createTestUser(ctx, "tech", "technician"),
    ];
    const principals = new Map<string, Principal>();
    for (const u of users) {
      principals.set(u.login, (await loadPrincipal(ctx.db, u.userId, "token"))!);
    }
    let refusals = 0;
    for (const route of appRoutes(server).filter((r) => r.guard?.requirement)) {
      const requirement = route.guard!.requirement!;
      for (const user of users) {
        const allowed = decide(principals.get(user.login)!, requirement).allowed;
        // Writes are only sent where they must be refused: an allowed one would change data.
        if (allowed && route.method !== "GET") continue;
        await t.step(`${user.login}: ${route.method} ${route.path}`, async () => {
          const api = route.path.startsWith("/api/");
          const response = api
            ? await request(server, route, { authorization: `Bearer ${user.token}` })
            : await request(
              server,
              route,
              { cookie: user.cookie },
              route.method === "GET" ? undefined : new URLSearchParams({ _csrf: user.csrfToken }),
            );
          const text = await response.text();
          if (allowed) {
            assert.ok(![401, 403].includes(response.status), `${response.status} ${text}`);
            return;
          }
          refusals++;
          assert.equal(response.status, 403, text);
          if (api) {
            const body = JSON.parse(text);
            assert.equal(body.status, 403);
            assert.equal(body.data.right, requirement.right);
          } else assert.match(text, /Not allowed/);
        });
      }
    }
    assert.ok(refusals > 15, `${refusals} refusals checked`);
  } finally {
    await server.stop();
  }
});
