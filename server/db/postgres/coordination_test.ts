/**
 * What several servers on one PostgreSQL coordinate with, on a real cluster and two pools (two
 * "servers"): key locks make overlapping transactions take turns and leave disjoint ones alone;
 * a notification reaches another server's listener when its transaction commits, never on
 * rollback; a listener whose connection is killed comes back, says so, and hears again.
 */

import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { startPostgres } from "../../../tests/_helpers/postgres.ts";
import { lockKeys } from "./locks.ts";
import { Listener, notify } from "./notify.ts";
import { openPostgres } from "./open.ts";

/** Waits (up to 30 s: the machine may be busy) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A transaction held open until `release` is called. */
function holdTransaction(db: Kysely<unknown>, body: (tx: Kysely<unknown>) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => entered = resolve);
  const done = db.transaction().execute(async (tx) => {
    await body(tx);
    entered();
    await released;
  });
  return { inside, release, done };
}

Deno.test("postgres key locks: overlapping sets wait for each other, disjoint ones do not", async () => {
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase();
    const [a, b] = [await openPostgres(url), await openPostgres(url)];
    try {
      const holder = holdTransaction(a.db, (tx) => lockKeys(tx, ["serial:SER-1", "uuid:U-1"]));
      await holder.inside;

      // Another server's disjoint keys: through at once.
      await b.db.transaction().execute((tx) => lockKeys(tx, ["serial:SER-2"]));

      // Overlapping keys (in another order): waits, visibly, on the lock.
      let waiterDone = false;
      const waiter = b.db.transaction().execute(async (tx) => {
        await lockKeys(tx, ["uuid:U-1", "mac:00:11"]);
        waiterDone = true;
      });
      await until(async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*) as n from pg_stat_activity
          where wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(a.db);
        return rows[0]!.n === 1;
      }, "the second transaction to wait on the advisory lock");
      assert.equal(waiterDone, false);

      holder.release();
      await holder.done;
      await waiter;
      assert.equal(waiterDone, true);

      // Released at commit: nothing is held any more.
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from pg_locks where locktype = 'advisory'`.execute(a.db);
      assert.equal(rows[0]!.n, 0);
    } finally {
      await a.close();
      await b.close();
    }
  } finally {
    await cluster.stop();
  }
});

Deno.test("postgres notifications: delivered on commit, not on rollback; listeners reconnect", async () => {
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase();
    const server = await openPostgres(url);
    const heard: string[] = [];
    let reconnects = 0;
    const listener = await Listener.start(url, ["registry", "tasks"], {
      onNotification: (channel, payload) => heard.push(`${channel}:${payload}`),
      onReconnect: () => reconnects++,
    });
    try {
      await assert.rejects(notify(server.db, "no way; drop table x"), /Bad notification channel/);

      const tx = holdTransaction(server.db, (tx) => notify(tx, "registry", "device 7"));
      await tx.inside;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(heard, [], "nothing before the commit");
      tx.release();
      await tx.done;
      await until(() => heard.length === 1, "the notification after commit");

      await assert.rejects(
        server.db.transaction().execute(async (tx) => {
          await notify(tx, "registry", "rolled back");
          throw new Error("rollback");
        }),
      );
      await notify(server.db, "tasks", "run backup");
      await until(() => heard.length === 2, "the tasks notification");
      assert.deepEqual(heard, ["registry:device 7", "tasks:run backup"]);

      // The listener's connection is killed (a restart, a failover): it comes back.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'inventory listener'`.execute(server.db);
      await until(() => reconnects === 1 && listener.connected, "the listener to reconnect");
      await notify(server.db, "registry", "after");
      await until(() => heard.length === 3, "a notification after the reconnection");
      assert.equal(heard[2], "registry:after");
    } finally {
      await listener.close();
      await server.close();
    }
  } finally {
    await cluster.stop();
  }
});
