import assert from "node:assert/strict";
import { join } from "node:path";
import { agentCommand } from "../agent/cmd/agent.ts";
import { COMMANDS } from "../main.ts";
import { encodeBody } from "../protocol/mod.ts";
import { devicesCommand } from "../server/cmd/devices.ts";
import { importCommand } from "../server/cmd/import.ts";
import { serveCommand } from "../server/cmd/serve.ts";
import { tasksCommand } from "../server/cmd/tasks.ts";
import { usersCommand } from "../server/cmd/users.ts";
import { runCli } from "./_helpers/cli.ts";

const FIXTURES = new URL("../../shared/fixtures/ocs/", import.meta.url).pathname;

Deno.test("every command answers --help with its usage and exit code 0", async () => {
  const top = await runCli(["--help"]);
  assert.equal(top.code, 0);
  for (const command of ["serve", "import", "devices", "users", "tasks", "version"]) {
    assert.match(top.stdout, new RegExp(`\\b${command}\\b`));
    const run = await runCli([command, "--help"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: inventory /m);
    assert.match(run.stdout, /--help/);
  }
  const serve = await runCli(["serve", "--help"]);
  assert.match(serve.stdout, /INVENTORY_LISTEN; default 127\.0\.0\.1:8080/);
});

Deno.test("main.ts lists the lazily loaded commands as their modules name them", () => {
  // main.ts imports a command's module only when it runs, so it repeats its name and summary.
  for (
    const command of [
      serveCommand,
      agentCommand,
      importCommand,
      devicesCommand,
      usersCommand,
      tasksCommand,
    ]
  ) {
    const listed = COMMANDS.find((c) => c.name === command.name);
    assert.ok(listed, `${command.name} is not in main.ts`);
    assert.equal(listed.summary, command.summary);
  }
});

Deno.test("an unknown command or flag is a usage error with exit code 2", async () => {
  const unknown = await runCli(["frobnicate"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  const badFlag = await runCli(["devices", "--no-such-flag"]);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /--no-such-flag/);
  const badConfig = await runCli(["serve", "--listen", "nowhere"]);
  assert.equal(badConfig.code, 3);
  assert.match(badConfig.stderr, /listen must be HOST:PORT/);
});

Deno.test("import stores good files, reports bad ones per file, and exits 1", async () => {
  const data = Deno.makeTempDirSync();
  const inbox = Deno.makeTempDirSync();
  const xml = Deno.readTextFileSync(join(FIXTURES, "unixagent-2.10-debian12-nosoftware-tag.xml"));
  Deno.writeFileSync(join(inbox, "a.ocs"), encodeBody(xml, "zlib"));
  Deno.writeTextFileSync(
    join(inbox, "b.xml"),
    xml.replace(/<DEVICEID>[^<]*</, "<DEVICEID>other-2026-11-21-00-00-00<"),
  );
  Deno.writeTextFileSync(join(inbox, "broken.xml"), "<?xml version='1.0'?><REQUEST><CONTENT>");
  Deno.writeTextFileSync(join(inbox, "ignored.txt"), "not an inventory");

  const run = await runCli(["import", "--data", data, inbox]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /ok\s+.*a\.ocs: /);
  assert.match(run.stdout, /ok\s+.*b\.xml: other-2026-11-21-00-00-00/);
  assert.match(run.stderr, /FAILED .*broken\.xml: Malformed XML/);
  assert.match(run.stdout, /2 imported, 1 failed/);

  const json = await runCli(["import", "--data", data, "--json", join(inbox, "a.ocs")]);
  assert.equal(json.code, 0);
  const result = JSON.parse(json.stdout.trim());
  assert.equal(result.ok, true);
  assert.equal(result.created, false, "re-importing updates the same device");

  const list = await runCli(["devices", "--data", data, "--json"]);
  assert.equal(list.code, 0);
  const { total, items: devices } = JSON.parse(list.stdout);
  assert.equal(total, 2);
  assert.deepEqual(devices.map((d: { tag: string }) => d.tag), ["SAMPLE-TAG", "SAMPLE-TAG"]);
});

Deno.test("devices searches, shows, re-tags and deletes", async () => {
  const data = Deno.makeTempDirSync();
  const file = join(FIXTURES, "unixagent-2.10-debian12-full.xml");
  assert.equal((await runCli(["import", "--data", data, file])).code, 0);

  const bySoftware = await runCli(["devices", "--data", data, "--search", "adduser", "--json"]);
  assert.equal(JSON.parse(bySoftware.stdout).total, 1);
  const none = await runCli([
    "devices",
    "--data",
    data,
    "--search",
    "no-such-package-xyz",
    "--json",
  ]);
  assert.equal(JSON.parse(none.stdout).total, 0);

  const show = await runCli(["devices", "--data", data, "show", "1", "--json"]);
  const detail = JSON.parse(show.stdout);
  assert.equal(detail.sections.SOFTWARES.length, 781);

  const set = await runCli([
    "devices",
    "--data",
    data,
    "set",
    "1",
    "--tag",
    "LYON",
    "--prolog-freq",
    "6",
  ]);
  assert.equal(set.code, 0, set.stderr);
  const after = JSON.parse(
    (await runCli(["devices", "--data", data, "show", detail.deviceid, "--json"])).stdout,
  );
  assert.equal(after.tag, "LYON");
  assert.equal(after.overrides.prologFreq, 6);

  const text = await runCli(["devices", "--data", data]);
  assert.match(text.stdout, /LYON/);
  assert.match(text.stdout, /1 of 1 device/);

  assert.equal((await runCli(["devices", "--data", data, "delete", "1"])).code, 0);
  const missing = await runCli(["devices", "--data", data, "show", "1"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No device "1"/);
});
