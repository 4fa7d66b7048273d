/**
 * Every built-in task. Adding a task is one file exporting a `TaskDefinition` and one line in
 * this list.
 *
 * @module
 */

import type { TaskDefinition } from "../definition.ts";
import { alertsTask } from "./alerts.ts";
import { backupTask } from "./backup.ts";
import { optimiseTask } from "./optimise.ts";
import { purgeLogsTask } from "./purge_logs.ts";
import { purgeHistoryTask, purgeTrashTask } from "./registry_purge.ts";
import { retryNotImportedTask } from "./registry_retry.ts";
import { staleDevicesTask } from "./registry_stale.ts";
import { syncRegistryTask } from "./registry_sync.ts";
import { syncSourcesTask } from "./sources_sync.ts";
import { testBlockTask } from "./test_block.ts";
import { testSleepTask } from "./test_sleep.ts";

/** The built-in tasks, in the order `tasks list` shows them. */
export const BUILTIN_TASKS: readonly TaskDefinition[] = [
  syncRegistryTask,
  syncSourcesTask,
  retryNotImportedTask,
  staleDevicesTask,
  purgeTrashTask,
  purgeHistoryTask,
  backupTask,
  optimiseTask,
  purgeLogsTask,
  alertsTask(),
];

/** Tasks only tests need; present when the INVENTORY_TEST_TASKS environment variable is 1. */
export const TEST_TASKS: readonly TaskDefinition[] = [testSleepTask, testBlockTask];

/** The tasks of this process: the built-in ones, plus the test ones when the environment asks. */
export function taskDefinitions(
  env: { get(name: string): string | undefined } = Deno.env,
): TaskDefinition[] {
  return env.get("INVENTORY_TEST_TASKS") === "1"
    ? [...BUILTIN_TASKS, ...TEST_TASKS]
    : [...BUILTIN_TASKS];
}
