/**
 * The GLPI agent protocol (the "native" one GLPI 10/11 servers speak): JSON messages with an
 * `action` from the agent, JSON answers with a `status` from the server. Each is framed like an
 * OCS body (zlib, gzip or plain, per the agent's `Content-Type`).
 *
 * Learnt from the GLPI agent's `GLPI::Agent::Protocol::*` and `HTTP::Client::GLPI`: an answer
 * without a `status` is not a message; a CONTACT answer needs an `expiration` above 0 (a bare
 * number is hours; `s`, `m`, `h`, `d` suffixes exist); `status: "error"` carries a `message` the
 * agent logs; `disabled` names tasks the agent must not run (it still runs inventory with
 * `--force`).
 *
 * @module
 */

import { isValidDeviceId } from "../deviceid.ts";
import { OcsProtocolError } from "../errors.ts";

/** CONTACT: the agent says who it is and which tasks it could run. */
export interface GlpiContactRequest {
  action: "contact";
  deviceId: string;
  /** The agent's name and version ("GLPI-Agent", "1.12-dev"). */
  name: string;
  version: string;
  installedTasks: string[];
  enabledTasks: string[];
  tag?: string;
}

/** INVENTORY: the inventory in the GLPI inventory format (checked by `inventory.ts`). */
export interface GlpiInventoryRequest {
  action: "inventory";
  deviceId: string;
  /** The whole message as parsed: `content`, `itemtype`, `partial`, `tag`… */
  message: Record<string, unknown>;
}

/** A message from a GLPI agent. */
export type GlpiRequest = GlpiContactRequest | GlpiInventoryRequest;

/** A server answer. */
export interface GlpiAnswer {
  status: "ok" | "error" | "pending";
  /** Seconds until the next contact (written in hours when whole hours, as GLPI does). */
  expirationSeconds?: number;
  message?: string;
  /** Tasks the agent must not run now. */
  disabled?: string[];
  /** Tasks this server serves, with who serves them. */
  tasks?: Record<string, { server: string; version: string }>;
}

/**
 * Reads a GLPI agent message from its JSON text.
 *
 * @throws {OcsProtocolError} (400) for text that is not a JSON object, an unknown action, or a
 * missing or malformed deviceid
 */
export function readGlpiMessage(text: string): GlpiRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OcsProtocolError(`Not a JSON message: ${(error as Error).message}`, 400, {
      cause: error,
    });
  }
  if (!isRecord(parsed)) throw new OcsProtocolError("A GLPI agent message is a JSON object");
  const action = typeof parsed.action === "string" ? parsed.action.toLowerCase() : "";
  const deviceId = typeof parsed.deviceid === "string" ? parsed.deviceid.trim() : "";
  if (action !== "contact" && action !== "inventory") {
    throw new OcsProtocolError(
      `Unsupported action "${action.slice(0, 40)}": this server answers contact and inventory`,
    );
  }
  if (deviceId === "") throw new OcsProtocolError("No deviceid in message");
  if (!isValidDeviceId(deviceId)) {
    throw new OcsProtocolError(`Invalid deviceid "${deviceId.slice(0, 80)}"`);
  }
  if (action === "inventory") return { action, deviceId, message: parsed };
  const contact: GlpiContactRequest = {
    action,
    deviceId,
    name: typeof parsed.name === "string" ? parsed.name : "",
    version: typeof parsed.version === "string" ? parsed.version : "",
    installedTasks: stringsOf(parsed["installed-tasks"]),
    enabledTasks: stringsOf(parsed["enabled-tasks"]),
  };
  if (typeof parsed.tag === "string" && parsed.tag !== "") contact.tag = parsed.tag;
  return contact;
}

/** Writes an answer as JSON text. */
export function writeGlpiAnswer(answer: GlpiAnswer): string {
  const out: Record<string, unknown> = { status: answer.status };
  if (answer.expirationSeconds !== undefined) {
    const seconds = Math.max(1, Math.round(answer.expirationSeconds));
    out.expiration = seconds % 3600 === 0 ? seconds / 3600 : `${seconds}s`;
  }
  if (answer.message !== undefined) out.message = answer.message;
  if (answer.disabled !== undefined && answer.disabled.length > 0) out.disabled = answer.disabled;
  if (answer.tasks !== undefined) out.tasks = answer.tasks;
  return JSON.stringify(out);
}

/** Reads an answer (the agent side, and tests). @throws {OcsProtocolError} when not one */
export function readGlpiAnswer(text: string): GlpiAnswer & { raw: Record<string, unknown> } {
  const parsed = JSON.parse(text);
  if (!isRecord(parsed) || typeof parsed.status !== "string") {
    throw new OcsProtocolError("Not a GLPI answer: no status");
  }
  const answer: GlpiAnswer & { raw: Record<string, unknown> } = {
    status: parsed.status as GlpiAnswer["status"],
    raw: parsed,
  };
  const seconds = expirationSeconds(parsed.expiration);
  if (seconds !== null) answer.expirationSeconds = seconds;
  if (typeof parsed.message === "string") answer.message = parsed.message;
  if (parsed.disabled !== undefined) {
    answer.disabled = typeof parsed.disabled === "string"
      ? [parsed.disabled]
      : stringsOf(parsed.disabled);
  }
  return answer;
}

/** An `expiration` in seconds, as the agent reads it; null when absent or malformed. */
export function expirationSeconds(value: unknown): number | null {
  const match = /^(\d+)([dshm]?)$/.exec(String(value ?? ""));
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2];
  return unit === "s" ? n : unit === "m" ? n * 60 : unit === "d" ? n * 86400 : n * 3600;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
