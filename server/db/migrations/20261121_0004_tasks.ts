/** Automatic actions: tasks with their lease, run log, progress lines, event log, alert marks. */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("tasks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("frequency_seconds", "integer")
    .addColumn("cron", "text")
    .addColumn("hour_min", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hour_max", "integer", (c) => c.notNull().defaultTo(24))
    .addColumn("param", "integer")
    .addColumn("logs_lifetime_days", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("last_run_at", "text")
    .addColumn("last_end_at", "text")
    .addColumn("last_status", "text")
    .addColumn("last_message", "text")
    .addColumn("next_run_at", "text")
    .addColumn("run_requested_at", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_run_id", "integer")
    .addColumn("lease_expires_at", "text")
    .addColumn("heartbeat_at", "text")
    .addColumn("lease_generation", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.createTable("task_runs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("task", "text", (c) => c.notNull().references("tasks.name").onDelete("cascade"))
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("volume", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duration_ms", "integer")
    .addColumn("message", "text")
    .execute();
  await db.schema.createIndex("task_runs_task").on("task_runs").columns(["task", "started_at"])
    .execute();
  await db.schema.createIndex("task_runs_started").on("task_runs").column("started_at").execute();

  await db.schema.createTable("task_run_lines")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn(
      "run_id",
      "integer",
      (c) => c.notNull().references("task_runs.id").onDelete("cascade"),
    )
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("elapsed_ms", "integer", (c) => c.notNull())
    .addColumn("volume", "integer", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("task_run_lines_run").on("task_run_lines").columns(["run_id", "id"])
    .execute();

  await db.schema.createTable("event_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("event_log_at").on("event_log").column("at").execute();
  await db.schema.createIndex("event_log_kind").on("event_log").columns(["kind", "at"]).execute();

  await db.schema.createTable("alert_marks")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("last_sent_at", "text", (c) => c.notNull())
    .execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["alert_marks", "event_log", "task_run_lines", "task_runs", "tasks"]) {
    await db.schema.dropTable(table).execute();
  }
}
