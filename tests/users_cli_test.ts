/**
 * `inventory users` as an operator runs it: add with a one-time password, assign, set a password
 * from stdin, tokens (created once, listed without the secret, revoked), disable, delete, and the
 * refusals (unknown entity, last admin, usage errors).
 *
 * @module
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { addEntity } from "./_helpers/context.ts";
import { runCli } from "./_helpers/cli.ts";
import { closeContext, openContext } from "../server/serve.ts";
import { defaultConfig } from "../server/config.ts";
import { signIn } from "../server/auth/sign_in.ts";
import { createLogger } from "../server/log.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

async function withStdin(args: string[], stdin: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const output = await child.output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

Deno.test("users: add, assign, passwd, token create/list/revoke, disable, delete", async (t) => {
  const data = await Deno.makeTempDir({ prefix: "inventory-users-cli-" });
  const users = (...args: string[]) => runCli(["users", ...args, "--data", data]);
  try {
    await t.step("add prints a one-time password once; list shows the user", async () => {
      const added = await users("add", "Admin2", "--profile", "admin", "--name", "Second admin");
      assert.equal(added.code, 0, added.stderr);
      assert.match(
        added.stdout,
        /^added user admin2 \(#1, admin\)\none-time password: [\w-]{20}\n$/,
      );
      const list = await users("list", "--json");
      const [user] = JSON.parse(list.stdout).items;
      assert.equal(user.login, "admin2");
      assert.equal(user.displayName, "Second admin");
      assert.equal(user.mustChangePassword, true);
      assert.equal(user.entityScope, "all");
      const text = await users("list");
      assert.match(text.stdout, /^ID\s+LOGIN\s+NAME\s+PROFILE\s+ENTITIES/);
      assert.match(text.stdout, /admin2\s+Second admin\s+admin\s+all\s+must change password/);
    });

    await t.step("entities are checked; assign limits a user to a subtree", async () => {
      const ctx = await openContext(defaultConfig(data), {
        log: createLogger({ write: () => {} }),
      });
      await addEntity(ctx, 2, 1, "Europe");
      await closeContext(ctx);
      const unknown = await users("add", "carol", "--entity", "42");
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /No entity 42/);
      const added = await users("add", "carol", "--json");
      assert.equal(JSON.parse(added.stdout).profile, "readonly");
      const assigned = await users(
        "assign",
        "carol",
        "--profile",
        "technician",
        "--entity",
        "2",
        "--no-recursive",
        "--json",
      );
      assert.equal(assigned.code, 0, assigned.stderr);
      assert.deepEqual(JSON.parse(assigned.stdout).entityScope, [{
        entityId: 2,
        recursive: false,
      }]);
      assert.match((await users("list")).stdout, /carol\s+technician\s+Root entity > Europe\s/);
    });

    await t.step("passwd --password-stdin sets a password that signs in", async () => {
      const set = await withStdin(
        ["users", "passwd", "carol", "--password-stdin", "--data", data],
        "carol's new secret\n",
      );
      assert.equal(set.code, 0, set.stderr);
      const ctx = await openContext(defaultConfig(data), {
        log: createLogger({ write: () => {} }),
      });
      try {
        const outcome = await signIn(
          ctx,
          { login: "carol", password: "carol's new secret", ip: "cli" },
          ctx.now(),
        );
        assert.equal(outcome.ok && outcome.mustChangePassword, false);
      } finally {
        await closeContext(ctx);
      }
      const short = await withStdin(
        ["users", "passwd", "carol", "--password-stdin", "--data", data],
        "short\n",
      );
      assert.equal(short.code, 2);
      assert.match(short.stderr, /at least 10 characters/);
    });

    await t.step("token create prints it once; list never does; revoke removes it", async () => {
      const created = await users(
        "token",
        "create",
        "carol",
        "--name",
        "ci",
        "--days",
        "30",
        "--json",
      );
      assert.equal(created.code, 0, created.stderr);
      const token = JSON.parse(created.stdout);
      assert.match(token.token, /^inv_/);
      assert.ok(token.expiresAt);
      const listed = await users("token", "list", "--json");
      assert.equal(JSON.parse(listed.stdout).items.length, 1);
      assert.ok(!listed.stdout.includes(token.token));
      const text = await users("token", "list", "carol");
      assert.match(
        text.stdout,
        new RegExp(`${token.id}\\s+carol\\s+ci\\s+${token.token.slice(0, 10)}…`),
      );
      assert.equal((await users("token", "revoke", String(token.id))).code, 0);
      const again = await users("token", "revoke", String(token.id));
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No token/);
    });

    await t.step("disable, enable, delete; the last admin is kept", async () => {
      assert.equal((await users("disable", "carol")).code, 0);
      assert.equal(JSON.parse((await users("list", "--json")).stdout).items[1].disabled, true);
      assert.equal((await users("enable", "carol")).code, 0);
      assert.equal((await users("delete", "carol")).code, 0);
      const last = await users("delete", "admin2");
      assert.equal(last.code, 1);
      assert.match(last.stderr, /last enabled admin/);
      const missing = await users("disable", "nobody");
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No user "nobody"/);
    });

    await t.step("usage errors exit 2", async () => {
      for (
        const args of [
          ["frobnicate"],
          ["add"],
          ["token", "create", "admin2"],
          ["token", "nope"],
          ["add", "x", "--profile", "root"],
        ]
      ) {
        const run = await users(...args);
        assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      }
    });
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});

Deno.test("users --help documents the actions", async () => {
  const help = await runCli(["users", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: inventory users \[list\] \[--json\]$/m);
  for (const action of ["add LOGIN", "assign LOGIN", "passwd LOGIN", "token create LOGIN"]) {
    assert.ok(help.stdout.includes(`inventory users ${action}`), action);
  }
  assert.match(help.stdout, /--password-stdin/);
});
