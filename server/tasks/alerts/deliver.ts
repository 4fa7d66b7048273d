/**
 * Delivering alerts: always to the event log (with the marks that stop a standing condition from
 * being re-sent every run, in one transaction), then to the webhook and by e-mail when
 * configured. A delivery that fails is reported, never retried: the event log has every alert.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { ServerConfig } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import type { WriteQueue } from "../../store/write_queue.ts";
import { writeEvent } from "../event_log.ts";
import { sendMail, type SmtpOptions } from "./smtp.ts";
import type { Alert } from "./source.ts";

/** Alerts waiting for delivery, with how long each source waits before repeating a key. */
export interface PendingAlert {
  alert: Alert;
  repeatAfterHours: number;
}

/** What happened to one batch. */
export interface DeliveryReport {
  /** Alerts recorded (and sent) now. */
  sent: Alert[];
  /** Alerts skipped: the same key was sent within its source's repeat time. */
  repeated: Alert[];
  /** `webhook: …` / `e-mail: …` failures, empty when every configured channel worked. */
  failures: string[];
  /** Channels that received the batch. */
  channels: string[];
}

/** The JSON body POSTed to the webhook. */
export interface WebhookPayload {
  source: "inventory";
  at: string;
  alerts: {
    kind: string;
    key: string;
    level: string;
    subject: string;
    details: string | null;
    data: Record<string, unknown>;
  }[];
}

/** Records `pending` in the event log, keeps the new ones, and sends them. */
export async function deliverAlerts(
  writes: WriteQueue<Database>,
  config: ServerConfig,
  pending: PendingAlert[],
  now: Date,
): Promise<DeliveryReport> {
  const { sent, repeated } = await writes.run((db) => recordAlerts(db, pending, now));
  const report: DeliveryReport = { sent, repeated, failures: [], channels: ["event log"] };
  if (sent.length === 0) return report;
  if (config.alertWebhook) {
    try {
      await postWebhook(config.alertWebhook, webhookPayload(sent, now));
      report.channels.push("webhook");
    } catch (error) {
      report.failures.push(`webhook: ${(error as Error).message}`);
    }
  }
  if (config.alertEmailTo.length > 0 && config.smtpHost) {
    try {
      await sendMail(smtpOptions(config), alertMail(config, sent, now));
      report.channels.push("e-mail");
    } catch (error) {
      report.failures.push(`e-mail: ${(error as Error).message}`);
    }
  }
  return report;
}

async function recordAlerts(db: Kysely<Database>, pending: PendingAlert[], now: Date) {
  const sent: Alert[] = [];
  const repeated: Alert[] = [];
  const at = now.toISOString();
  for (const { alert, repeatAfterHours } of pending) {
    const mark = await db.selectFrom("alert_marks").select("last_sent_at")
      .where("key", "=", alert.key).executeTakeFirst();
    const quietUntil = mark
      ? Date.parse(mark.last_sent_at) + repeatAfterHours * 3_600_000
      : -Infinity;
    if (repeatAfterHours > 0 && now.getTime() < quietUntil) {
      repeated.push(alert);
      continue;
    }
    await writeEvent(db, {
      at: now,
      level: alert.level,
      kind: `alert.${alert.kind}`,
      message: alert.subject,
      data: { key: alert.key, details: alert.details ?? null, ...alert.data },
    });
    await db.insertInto("alert_marks").values({
      key: alert.key,
      kind: alert.kind,
      last_sent_at: at,
    })
      .onConflict((oc) => oc.column("key").doUpdateSet({ last_sent_at: at })).execute();
    sent.push(alert);
  }
  return { sent, repeated };
}

/** The webhook body for `alerts`. */
export function webhookPayload(alerts: Alert[], now: Date): WebhookPayload {
  return {
    source: "inventory",
    at: now.toISOString(),
    alerts: alerts.map((a) => ({
      kind: a.kind,
      key: a.key,
      level: a.level,
      subject: a.subject,
      details: a.details ?? null,
      data: a.data ?? {},
    })),
  };
}

/**
 * POSTs `payload` as JSON; any 2xx is success.
 *
 * @throws {Error} with the status or the network error
 */
export async function postWebhook(url: string, payload: WebhookPayload): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "inventory-alerts" },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

function smtpOptions(config: ServerConfig): SmtpOptions {
  return {
    host: config.smtpHost!,
    port: config.smtpPort,
    tls: config.smtpTls,
    user: config.smtpUser,
    password: config.smtpPassword,
  };
}

function alertMail(config: ServerConfig, alerts: Alert[], now: Date) {
  const first = alerts[0]!;
  const subject = alerts.length === 1
    ? `[inventory] ${first.subject}`
    : `[inventory] ${alerts.length} alerts: ${first.subject}, …`;
  const text =
    alerts.map((a) =>
      `${a.level.toUpperCase()} ${a.subject}${
        a.details ? `\n  ${a.details.replace(/\n/g, "\n  ")}` : ""
      }`
    ).join("\n\n") + `\n\n-- \ninventory, ${now.toISOString()}\n`;
  return { from: config.alertEmailFrom, to: config.alertEmailTo, subject, text, date: now };
}
