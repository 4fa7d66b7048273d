/** `inventory tasks` as a user runs it: list, show, set, enable, disable, run, log, errors. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./_helpers/cli.ts";

Deno.test("tasks list, show, set, disable, enable: settings change and read back", async () => {
  const data = Deno.makeTempDirSync({ prefix: "inventory-tasks-cli-" });
  const list = await runCli(["tasks", "--data", data]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^NAME\s+STATE\s+FREQUENCY\s+HOURS/);
  for (const name of ["backup", "optimise", "purge-logs", "alerts"]) {
    assert.match(list.stdout, new RegExp(`^${name}\\s+scheduled`, "m"));
  }

  const set = await runCli([
    "tasks",
    "set",
    "backup",
    "--frequency",
    "0 2 * * 1-5",
    "--hours",
    "22-6",
    "--param",
    "3",
    "--logs-days",
    "60",
    "--json",
    "--data",
    data,
  ]);
  assert.equal(set.code, 0, set.stderr);
  const view = JSON.parse(set.stdout);
  assert.equal(view.frequency, "0 2 * * 1-5");
  assert.equal(view.hours, "22:00-06:00");
  assert.deepEqual(view.param, { value: 3, meaning: "backups to keep", default: 7 });
  assert.equal(view.logsLifetimeDays, 60);
  assert.equal(new Date(view.nextRunAt).getHours(), 2);

  const disabled = await runCli(["tasks", "disable", "alerts", "--data", data]);
  assert.equal(disabled.code, 0, disabled.stderr);
  assert.match(disabled.stdout, /^alerts: disabled/);
  const shown = JSON.parse(
    (await runCli(["tasks", "show", "alerts", "--json", "--data", data])).stdout,
  );
  assert.equal(shown.state, "disabled");
  assert.deepEqual(shown.due, { due: false, reason: "disabled" });
  assert.equal(shown.statistics.runs, 0);
  const enabled = await runCli(["tasks", "enable", "alerts", "--json", "--data", data]);
  assert.equal(JSON.parse(enabled.stdout).state, "scheduled");

  const text = await runCli(["tasks", "show", "backup", "--data", data]);
  assert.match(text.stdout, /schedule\s+cron 0 2 \* \* 1-5, hours 22:00-06:00/);
  assert.match(text.stdout, /parameter\s+3 \(backups to keep\)/);
});

Deno.test("tasks set refuses bad values with clear messages and exit code 2", async () => {
  const data = Deno.makeTempDirSync({ prefix: "inventory-tasks-cli-" });
  const cases: [string[], RegExp][] = [
    [["--hours", "5-5"], /Hour window 5-5 is empty: the task would never run/],
    [["--frequency", "61 * * * *"], /Cron minute field "61": 61 is outside 0-59/],
    [["--frequency", "sometimes"], /neither a duration .* nor a cron expression/],
    [["--param", "0"], /parameter \(backups to keep\) must be within 1\.\.1000, not 0/],
    [["--logs-days=-1"], /Log retention is a whole number of days ≥ 0/],
    [[], /Nothing to set/],
  ];
  for (const [flags, message] of cases) {
    const run = await runCli(["tasks", "set", "backup", ...flags, "--data", data]);
    assert.equal(run.code, 2, `${flags.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  const noParam = await runCli(["tasks", "set", "alerts", "--param", "3", "--data", data]);
  assert.equal(noParam.code, 2);
  assert.match(noParam.stderr, /Task "alerts" takes no parameter/);
  const unknown = await runCli(["tasks", "show", "frobnicate", "--data", data]);
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.stderr,
    /No task "frobnicate". Tasks: sync-registry, .*backup, optimise, purge-logs, alerts/,
  );
  const badAction = await runCli(["tasks", "explode", "backup", "--data", data]);
  assert.equal(badAction.code, 2);
});

Deno.test("tasks run runs a disabled task now, with progress, and its run is in the log", async () => {
  const data = Deno.makeTempDirSync({ prefix: "inventory-tasks-cli-" });
  assert.equal(
    (await runCli(["tasks", "disable", "test-sleep", "--data", data], {
      env: { INVENTORY_TEST_TASKS: "1" },
    })).code,
    0,
  );
  const run = await runCli(["tasks", "run", "test-sleep", "--data", data], {
    env: { INVENTORY_TEST_TASKS: "1" },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^test-sleep run #1: done, 15 items in [\d.]+s: slept 1500 ms/m);
  assert.match(run.stderr, /test-sleep \[#+\] 15\/15 100%/, "a progress bar");

  const backup = await runCli(["tasks", "run", "backup", "--json", "--data", data]);
  assert.equal(backup.code, 0, backup.stderr);
  const report = JSON.parse(backup.stdout);
  assert.equal(report.status, "done");
  assert.equal(report.trigger, "forced");
  assert.ok([...Deno.readDirSync(join(data, "backups"))].length === 1);

  const log = await runCli(["tasks", "log", "backup", "--data", data]);
  assert.match(log.stdout, /^RUN\s+STARTED\s+DURATION\s+STATUS/);
  assert.match(log.stdout, new RegExp(`^${report.runId}\\s.*\\sdone\\s.*forced`, "m"));
  const lines = await runCli([
    "tasks",
    "log",
    "backup",
    "--run",
    String(report.runId),
    "--json",
    "--data",
    data,
  ]);
  const detail = JSON.parse(lines.stdout);
  assert.ok(detail.lines.some((l: { message: string }) => /check ok/.test(l.message)));
});
