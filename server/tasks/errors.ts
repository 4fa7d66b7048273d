/**
 * The scheduler's typed errors. Outcomes of runs are values (`RunReport`); these are for refused
 * input and for asking about a task that does not exist.
 *
 * @module
 */

/** A task setting that cannot be used (frequency, cron expression, hour window, parameter). */
export class TaskSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaskSettingError";
  }
}

/** No task has this name. */
export class UnknownTaskError extends Error {
  readonly task: string;
  constructor(task: string, known: readonly string[]) {
    super(`No task "${task}". Tasks: ${known.join(", ")}`);
    this.name = "UnknownTaskError";
    this.task = task;
  }
}
