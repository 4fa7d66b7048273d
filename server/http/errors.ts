/**
 * Mapping errors to HTTP: bad input is the client's (4xx, with the reason), anything else is
 * ours (500, details in the log only).
 *
 * @module
 */

import { OcsProtocolError, OcsSyntaxError } from "../../protocol/mod.ts";

/** The status and the one-line reason to answer for `error`. */
export function httpErrorOf(
  error: unknown,
): { status: number; reason: string; clientError: boolean } {
  if (error instanceof OcsProtocolError) {
    return { status: error.status, reason: error.message, clientError: error.status < 500 };
  }
  if (error instanceof OcsSyntaxError) {
    return { status: 400, reason: `Malformed XML: ${error.message}`, clientError: true };
  }
  return {
    status: 500,
    reason: "Internal error while storing; nothing was saved",
    clientError: false,
  };
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
