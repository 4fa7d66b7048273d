/**
 * Importing offline inventories: the `.ocs` (zlib) and `.xml` files agents write in local mode,
 * through the same decode and store path as a live agent. One file's failure is its own.
 *
 * @module
 */

import type { ServerContext } from "../context.ts";
import { httpErrorOf, messageOf } from "../http/errors.ts";
import { deviceIdOfError } from "./decoder_pool.ts";
import { handleMessage } from "./pipeline.ts";

/** The outcome of one file. */
export interface ImportResult {
  file: string;
  ok: boolean;
  /** HTTP-style status: 200 stored, 4xx refused input, 500 storage failure. */
  status: number;
  deviceid?: string;
  deviceId?: number;
  created?: boolean;
  message: string;
}

/** Imports one file's bytes. Never throws: the result says what happened. */
export async function importInventoryFile(
  ctx: ServerContext,
  file: string,
  bytes: Uint8Array,
  source: { userAgent: string; ipSource: string },
): Promise<ImportResult> {
  try {
    const { prepared, body } = await ctx.decoder.decode(bytes);
    const message = prepared.message;
    if (message.query !== "INVENTORY") {
      const reason = `Not an inventory (QUERY is ${message.query})`;
      ctx.log.warn("import refused", {
        file,
        status: 400,
        ip: source.ipSource,
        deviceid: message.deviceId ?? "-",
        reason,
      });
      return { file, ok: false, status: 400, message: reason };
    }
    const outcome = await handleMessage(ctx, message, {
      ...source,
      body,
      encoding: prepared.encoding,
    });
    const stored = outcome.inventory!;
    return {
      file,
      ok: true,
      status: 200,
      deviceid: message.deviceId,
      deviceId: stored.deviceId,
      created: stored.created,
      message: outcome.summary,
    };
  } catch (error) {
    const { status, reason, clientError } = httpErrorOf(error);
    ctx.log[clientError ? "warn" : "error"]("import refused", {
      file,
      status,
      ip: source.ipSource,
      deviceid: deviceIdOfError(error) ?? "-",
      reason: messageOf(error),
    });
    return { file, ok: false, status, message: reason };
  }
}
