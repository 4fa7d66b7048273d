/**
 * The scheduler across real processes: two `inventory serve` processes on one database never
 * run one task at the same time, and a process killed during a run leaves a task that another
 * process recovers once the lease expires, with the failure in the run log. Uses the test-only
 * `test-sleep` task (INVENTORY_TEST_TASKS=1) and a 2-second lease.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runCli } from "./_helpers/cli.ts";
import { type ServeProcess, spawnServe } from "./_helpers/serve_process.ts";

const ENV = { INVENTORY_TEST_TASKS: "1" };
const ARGS = ["--task-lease", "2", "--durability", "normal"];

interface Run {
  id: number;
  owner: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  message: string | null;
}

function sleepRuns(dataDir: string): Run[] {
  const db = new DatabaseSync(join(dataDir, "inventory.sqlite"), { readOnly: true });
  try {
    return db.prepare(
      "select id, owner, status, started_at, ended_at, message from task_runs where task = 'test-sleep' order by id",
    ).all() as unknown as Run[];
  } finally {
    db.close();
  }
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The CLI with the test tasks on. */
function cli(args: string[]) {
  return runCli(args, { env: ENV });
}

Deno.test("two server processes on one database never run the same task concurrently", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-sched2-" });
  // Short runs on a 1 s frequency: both processes wake at each due time and race for the lease.
  const set = await cli(["tasks", "set", "test-sleep", "--param", "300", "--data", dataDir]);
  assert.equal(set.code, 0, set.stderr);
  const processes: ServeProcess[] = [];
  try {
    processes.push(await spawnServe(dataDir, ARGS, ENV));
    processes.push(await spawnServe(dataDir, ARGS, ENV));
    // Jittered polls put each process now and then at the due time together with the other:
    // wait until both have won the race at least once.
    await waitFor("10 finished runs by both processes", () => {
      const done = sleepRuns(dataDir).filter((r) => r.status !== "running");
      const owners = new Set(done.map((r) => r.owner));
      return done.length >= 10 && owners.size === 2 ? true : undefined;
    }, 60_000);
    for (const p of processes) assert.equal(await p.stop(), 0, p.log());

    const runs = sleepRuns(dataDir);
    assert.ok(runs.every((r) => r.status !== "running"), "graceful stop leaves no run open");
    assert.deepEqual(
      runs.filter((r) => !["done", "more"].includes(r.status)),
      [],
      "no failed run",
    );
    for (let i = 1; i < runs.length; i++) {
      const previous = runs[i - 1]!;
      assert.ok(
        runs[i]!.started_at >= previous.ended_at!,
        `run ${runs[i]!.id} (${runs[i]!.owner}) started at ${
          runs[i]!.started_at
        }, before run ${previous.id} (${previous.owner}) ended at ${previous.ended_at}`,
      );
    }
    assert.equal(new Set(runs.map((r) => r.owner)).size, 2);
  } finally {
    for (const p of processes) await p.kill();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("SIGKILL during a run: after the lease expires the task recovers, the failure logged", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-schedkill-" });
  const set = await cli(["tasks", "set", "test-sleep", "--param", "3000", "--data", dataDir]);
  assert.equal(set.code, 0, set.stderr);
  const processes: ServeProcess[] = [];
  try {
    const victim = await spawnServe(dataDir, ARGS, ENV);
    processes.push(victim);
    const survivor = await spawnServe(dataDir, ARGS, ENV);
    processes.push(survivor);
    // Kill whichever process is in the middle of a run.
    const killed = await waitFor(
      "a run in progress",
      () => sleepRuns(dataDir).find((r) => r.status === "running"),
    );
    const target = processes.find((p) => killed.owner.includes(`:${p.pid}:`))!;
    const other = processes.find((p) => p !== target)!;
    await target.kill();

    const recovered = await waitFor("the dead run to be recorded", () => {
      const run = sleepRuns(dataDir).find((r) => r.id === killed.id);
      return run?.status === "error" ? run : undefined;
    });
    assert.match(
      recovered.message!,
      new RegExp(`^lease expired: process .*:${target.pid}:\\S+ died`),
    );
    const after = await waitFor(
      "a run by the survivor to finish",
      () =>
        sleepRuns(dataDir).find((r) =>
          r.id > killed.id && r.status === "done" && r.owner.includes(`:${other.pid}:`)
        ),
    );
    assert.ok(after.started_at >= recovered.ended_at!);
    assert.match(other.log(), /task run recovered/);

    // The failure is in the run log the CLI shows.
    const log = await cli(["tasks", "log", "test-sleep", "--json", "--data", dataDir]);
    assert.equal(log.code, 0, log.stderr);
    const entry = (JSON.parse(log.stdout).items as Run[]).find((r) => r.id === killed.id)!;
    assert.equal(entry.status, "error");
    assert.match(entry.message!, /lease expired/);
    assert.equal(await other.stop(), 0);
  } finally {
    for (const p of processes) await p.kill();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("serve --no-scheduler runs no task; the tasks are still listed and runnable by hand", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-nosched-" });
  try {
    const quiet = await spawnServe(dataDir, [...ARGS, "--no-scheduler"], ENV);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await quiet.stop(), 0);
    assert.doesNotMatch(quiet.log(), /scheduler started/);
    assert.deepEqual(sleepRuns(dataDir), [], "test-sleep (due every second) never ran");
    const list = await cli(["tasks", "list", "--json", "--data", dataDir]);
    assert.equal(list.code, 0, list.stderr);
    const names = (JSON.parse(list.stdout).items as { name: string }[]).map((t) => t.name);
    assert.ok(names.includes("test-sleep") && names.includes("backup"));
  } finally {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
