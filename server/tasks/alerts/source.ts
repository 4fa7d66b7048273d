/**
 * Alert sources: each looks at the database and returns the conditions worth telling an admin
 * about (a task failing repeatedly, new computers, stale computers…). Adding one is one file
 * exporting an {@link AlertSource} plus one line in `sources.ts`; the `alerts` task records,
 * de-duplicates and delivers what they return.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { ServerConfig } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import type { EventLevel } from "../schema.ts";

/** One condition to report. */
export interface Alert {
  /** The source's kind; the event log kind is `alert.<kind>`. */
  kind: string;
  /**
   * Identifies the condition, e.g. `task_failing:backup`. An alert with a key sent less than the
   * source's `repeatAfterHours` ago is not sent again.
   */
  key: string;
  level: EventLevel;
  /** One line: the e-mail subject line and the event message. */
  subject: string;
  /** More lines for the e-mail body. */
  details?: string;
  data?: Record<string, unknown>;
}

/** What a source is given. */
export interface AlertInput {
  db: Kysely<Database>;
  config: ServerConfig;
  now: Date;
  /** Start of the previous successful `alerts` run (null on the first): "new since" cut-off. */
  since: Date | null;
}

/** A kind of alert. */
export interface AlertSource {
  kind: string;
  description: string;
  /** Hours before the same key is reported again while the condition lasts (0: every run). */
  repeatAfterHours: number;
  collect(input: AlertInput): Promise<Alert[]>;
}
