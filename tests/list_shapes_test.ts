/**
 * One list shape everywhere: every API list (every documented GET route whose answer has
 * `items`) and every CLI `--json` list answers `{total, limit, offset, items}`, on a registry
 * that has something in each list. And `inventory devices set ID --frequency default` clears
 * the override instead of being read as the server's setting.
 */

import assert from "node:assert/strict";
import { computersCommand } from "../server/cmd/computers.ts";
import { dbCommand } from "../server/cmd/db.ts";
import { sourcesCommand } from "../server/cmd/sources.ts";
import { devicesCommand } from "../server/cmd/devices.ts";
import { rulesCommand } from "../server/cmd/rules.ts";
import { entitiesCommand, locationsCommand } from "../server/cmd/settings.ts";
import { inboxCommand } from "../server/cmd/sync.ts";
import { tasksCommand } from "../server/cmd/tasks.ts";
import { usersCommand } from "../server/cmd/users.ts";
import type { Command } from "../cli/command.ts";
import { API_DOCS } from "../server/http/api/openapi.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { createEntity, ensureLocation } from "../server/registry/tree.ts";
import { updateDevice } from "../server/store/devices.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { apiMachine, withApi } from "./_helpers/api.ts";

const SHAPE = ["items", "limit", "offset", "total"];

/** Runs a command in this process; what it printed. */
async function cli(command: Command, args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  // deno-lint-ignore no-console
  console.log = (...parts: unknown[]) => lines.push(parts.map(String).join(" "));
  try {
    const code = await command.run(args);
    return { code, out: lines.join("\n") };
  } finally {
    // deno-lint-ignore no-console
    console.log = log;
  }
}

/** Lists the test world cannot fill: a source needs a reachable OCS database. */
const EMPTY_HERE = ["GET /sources", "inventory sources list --json"];

function assertShape(body: unknown, label: string) {
  assert.ok(body && typeof body === "object" && !Array.isArray(body), `${label}: an object`);
  const list = body as Record<string, unknown>;
  assert.deepEqual(Object.keys(list).sort(), SHAPE, `${label}: {total, limit, offset, items}`);
  assert.ok(Array.isArray(list.items), `${label}: items is an array`);
  for (const key of ["total", "limit", "offset"]) {
    assert.ok(Number.isInteger(list[key]), `${label}: ${key} is a whole number`);
  }
  if (!EMPTY_HERE.includes(label)) {
    assert.ok((list.items as unknown[]).length > 0, `${label}: the test world fills it`);
  }
}

Deno.test("every API list and every CLI --json list is {total, limit, offset, items}", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const paris = await createEntity(ctx.db, "Paris", 1, "PARIS");
    await ensureLocation(ctx.db, "HQ > Floor 2", paris.id);
    // Two computers sharing a dock's MAC, one device refused (the inbox), history, software.
    const dock = "00:e0:4c:68:00:77";
    const a = apiMachine("", { macs: ["02:00:00:00:01:01", dock] });
    const b = apiMachine("", { macs: ["02:00:00:00:01:02", dock] });
    await addMachines([a, b]);
    await saveSetting(ctx.db, "tagsExclude", ["LAB"]);
    await addMachines([apiMachine("LAB")]);
    await addMachines([{ ...a, name: `${a.name}-renamed` }]);
    const computer = (await ctx.db.selectFrom("computers").select("id").orderBy("id")
      .executeTakeFirstOrThrow()).id;
    const software = (await ctx.db.selectFrom("software").select("id")
      .executeTakeFirstOrThrow()).id;
    for (const task of ["purge-history", "backup"]) {
      const ran = await call(admin.token, "POST", `/tasks/${task}/run`);
      assert.equal(ran.status, 200, JSON.stringify(ran.body));
    }

    const paths: Record<string, string> = {
      "/computers/:id/history": `/computers/${computer}/history`,
      "/software/:id/computers": `/software/${software}/computers`,
      "/tasks/:name/runs": "/tasks/purge-history/runs",
    };
    const lists = API_DOCS.filter((doc) =>
      doc.method === "get" &&
      (doc.ok.schema?.properties as Record<string, unknown> | undefined)?.items !== undefined
    );
    assert.ok(lists.length >= 12, `${lists.length} list routes`);
    for (const doc of lists) {
      const label = `GET ${doc.path}`;
      assert.deepEqual(
        [...(doc.ok.schema!.required as string[] ?? [])].sort(),
        SHAPE,
        `${label}: documented as a page`,
      );
      const path = paths[doc.path] ?? doc.path;
      assert.ok(!path.includes(":"), `${label}: the test gives its parameters`);
      const answer = await call(admin.token, "GET", path);
      assert.equal(answer.status, 200, `${label}: ${JSON.stringify(answer.body)}`);
      assertShape(answer.body, label);
    }

    // The CLI, on the same data directory (the context is the one the API uses).
    const data = ["--data", ctx.config.dataDir];
    await createTestUser(ctx, "tokens", "readonly");
    const runs: [Command, string[]][] = [
      [computersCommand, ["list", "--json"]],
      [computersCommand, ["history", "--json"]],
      [computersCommand, ["history", String(computer), "--json"]],
      [computersCommand, ["shared-macs", "--json"]],
      [devicesCommand, ["list", "--json"]],
      [inboxCommand, ["list", "--json"]],
      [rulesCommand, ["list", "--json"]],
      [entitiesCommand, ["list", "--json"]],
      [locationsCommand, ["list", "--json"]],
      [tasksCommand, ["list", "--json"]],
      [tasksCommand, ["log", "purge-history", "--json"]],
      [usersCommand, ["list", "--json"]],
      [usersCommand, ["token", "list", "--json"]],
      [dbCommand, ["backups", "--json"]],
      [sourcesCommand, ["list", "--json"]],
    ];
    for (const [command, args] of runs) {
      const label = `inventory ${command.name} ${args.join(" ")}`;
      const { code, out } = await cli(command, [...args, ...data]);
      assert.equal(code, 0, label);
      assertShape(JSON.parse(out), label);
    }

    // `default` clears a device's override (it is not the server's --frequency setting).
    const device = await ctx.db.selectFrom("devices").select(["id", "deviceid"])
      .executeTakeFirstOrThrow();
    await updateDevice(ctx.db, device.id, { frequency: 3, prologFreq: 6 });
    const cleared = await cli(devicesCommand, [
      "set",
      String(device.id),
      "--frequency",
      "default",
      "--prolog-freq",
      "default",
      ...data,
    ]);
    assert.equal(cleared.code, 0);
    const row = await ctx.db.selectFrom("devices").select(["frequency", "prolog_freq"])
      .where("id", "=", device.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { frequency: null, prolog_freq: null });
  });
});
