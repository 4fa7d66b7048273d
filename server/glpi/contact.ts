/**
 * The GLPI agent protocol's CONTACT, answered as the OCS PROLOG is decided (`ocs/prolog.ts`):
 * FREQUENCY and the device's overrides say whether an inventory is due, PROLOG_FREQ is the
 * `expiration` (when to come back). An inventory not due is a `disabled` inventory task: the agent
 * skips it, unless run with `--force` (as an OCS agent ignores STOP with `--force`).
 *
 * @module
 */

import type { GlpiAnswer } from "../../protocol/mod.ts";
import { VERSION } from "../../version.ts";
import type { ServerContext } from "../context.ts";
import type { PreparedContact } from "../ingest/prepare.ts";
import { decideProlog } from "../ocs/prolog.ts";
import type { AgentSettings } from "../runtime_settings.ts";
import { recordPrologContact } from "../store/devices.ts";

/** The one task this server serves: it is the GLPI side of the agent's inventory task. */
const SERVED_TASKS = new Set(["inventory"]);

/** The answer to a CONTACT, and a summary for the log. */
export async function answerContact(
  ctx: ServerContext,
  message: PreparedContact,
  origin: { userAgent: string; ipSource: string; agents: AgentSettings },
): Promise<{ answer: GlpiAnswer; summary: string }> {
  const now = ctx.now();
  const device = await ctx.writes.run((db) =>
    recordPrologContact(db, message.deviceId, {
      userAgent: origin.userAgent,
      ipSource: origin.ipSource,
      now,
    })
  );
  const { reply, reason } = decideProlog(device, origin.agents, now);
  const tasks = [...message.contact.installedTasks, ...message.contact.enabledTasks]
    .map((t) => t.toLowerCase());
  // Tasks the agent could run but nobody here serves: it must not try them against us.
  const disabled = [...new Set(tasks)].filter((t) => !SERVED_TASKS.has(t)).sort();
  const due = reply.response === "SEND";
  if (!due) disabled.unshift("inventory");
  const answer: GlpiAnswer = {
    status: "ok",
    expirationSeconds: reply.prologFreq * 3600,
    tasks: { inventory: { server: "glpi", version: VERSION } },
    disabled,
  };
  if (!due) {
    answer.message = reason === "never (-1)"
      ? "inventory is off for this device (FREQUENCY -1)"
      : `inventory not due yet (FREQUENCY): come back in ${reply.prologFreq} h`;
  }
  return { answer, summary: `${due ? "inventory" : "wait"} (${reason})` };
}
