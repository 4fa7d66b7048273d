/**
 * Every alert source the `alerts` task asks, in order. Add a source here (one line).
 *
 * @module
 */

import { failingTasksSource } from "./failing_tasks.ts";
import { newComputersSource, staleComputersSource } from "./registry_sources.ts";
import type { AlertSource } from "./source.ts";

/** The alert sources. */
export const ALERT_SOURCES: readonly AlertSource[] = [
  failingTasksSource,
  newComputersSource,
  staleComputersSource,
];
