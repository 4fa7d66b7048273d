/**
 * The PROLOG decision, as the OCS communication server makes it (`ocs-protocol.md` §2.3): SEND or
 * STOP from FREQUENCY (days; 0 always, -1 never) and the device's last inventory, with
 * per-device overrides; PROLOG_FREQ and INVENTORY_ON_STARTUP likewise. Pure: the caller brings
 * the device and the clock.
 *
 * @module
 */

import { DOWNLOAD_OFF_OPTION, type PrologReply } from "../../protocol/mod.ts";

/** What the decision needs to know about a device (null: never seen). */
export interface PrologDevice {
  /** ISO time of the last stored inventory, or null if none yet. */
  lastDate: string | null;
  frequency: number | null;
  prologFreq: number | null;
  inventoryOnStartup: number | null;
}

/** The global settings the decision uses. */
export interface PrologSettings {
  frequency: number;
  prologFreq: number;
  inventoryOnStartup: boolean;
}

/** Why the reply says what it says: logged, and shown to admins. */
export type PrologReason =
  | "new device"
  | "frequency 0"
  | "never (-1)"
  | "no inventory yet"
  | "due"
  | "not due";

/** Decides the prolog reply for `device` at `now`. */
export function decideProlog(
  device: PrologDevice | null,
  settings: PrologSettings,
  now: Date,
): { reply: PrologReply; reason: PrologReason } {
  const frequency = device?.frequency ?? settings.frequency;
  const prologFreq = device?.prologFreq ?? settings.prologFreq;
  const inventoryOnStartup =
    device?.inventoryOnStartup !== null && device?.inventoryOnStartup !== undefined
      ? device.inventoryOnStartup !== 0
      : settings.inventoryOnStartup;
  const base = { prologFreq, inventoryOnStartup };
  if (frequency === -1) {
    // OCS "break": STOP without OPTION blocks.
    return { reply: { ...base, response: "STOP", options: [] }, reason: "never (-1)" };
  }
  const send = (reason: PrologReason) => ({
    reply: { ...base, response: "SEND" as const, options: [DOWNLOAD_OFF_OPTION] },
    reason,
  });
  if (device === null) return send("new device");
  if (frequency === 0) return send("frequency 0");
  if (device.lastDate === null) return send("no inventory yet");
  const dueAt = Date.parse(device.lastDate) + frequency * 86_400_000;
  if (dueAt <= now.getTime()) return send("due");
  return {
    reply: { ...base, response: "STOP", options: [DOWNLOAD_OFF_OPTION] },
    reason: "not due",
  };
}
