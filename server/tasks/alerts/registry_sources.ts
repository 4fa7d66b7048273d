/**
 * Alerts about the registry: computers created since the last alerts run, and computers not
 * seen for the stale threshold (registry setting staleDays, or 30 days when that is off).
 *
 * @module
 */

import { loadSettings } from "../../registry/settings.ts";
import type { AlertSource } from "./source.ts";

/** New computers since the previous alerts run. */
export const newComputersSource: AlertSource = {
  kind: "new_computers",
  description: "Computers added to the registry since the last alerts run",
  repeatAfterHours: 0,
  async collect({ db, now, since }) {
    const from = (since ?? new Date(now.getTime() - 86_400_000)).toISOString();
    const rows = await db.selectFrom("computers").select(["id", "name", "serial"])
      .where("created_at", ">=", from).where("is_deleted", "=", 0).orderBy("id").limit(1001)
      .execute();
    if (rows.length === 0) return [];
    const shown = rows.slice(0, 1000);
    return [{
      kind: "new_computers",
      key: `new_computers:${from}`,
      level: "info",
      subject: `${rows.length > 1000 ? "over 1000" : rows.length} new computer(s) in the registry`,
      details: shown.map((r) => `#${r.id} ${r.name} ${r.serial}`).join("\n"),
      data: { ids: shown.map((r) => r.id) },
    }];
  },
};

/** Computers not seen for the stale threshold. */
export const staleComputersSource: AlertSource = {
  kind: "stale_computers",
  description: "Computers whose devices have not reported for the stale threshold",
  repeatAfterHours: 24 * 7,
  async collect({ db, now }) {
    const settings = await loadSettings(db);
    const days = settings.staleDays > 0 ? settings.staleDays : 30;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const rows = await db.selectFrom("computers").select(["id", "name", "last_contact_at"])
      .where("is_deleted", "=", 0).where("is_dynamic", "=", 1)
      .where("last_contact_at", "<", cutoff).orderBy("last_contact_at").limit(1000).execute();
    if (rows.length === 0) return [];
    return [{
      kind: "stale_computers",
      key: `stale_computers:${rows.length}`,
      level: "warn",
      subject: `${rows.length} computer(s) not seen for ${days} days`,
      details: rows.map((r) => `#${r.id} ${r.name} last seen ${r.last_contact_at}`).join("\n"),
      data: { ids: rows.map((r) => r.id), days },
    }];
  },
};
