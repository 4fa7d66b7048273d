/**
 * The GLPI agent protocol on the agent endpoint: the switch from OCS mode after a GLPI agent's
 * first PROLOG, and the JSON messages that follow (CONTACT, inventory), answered in JSON framed
 * as the request was. Wired into `ocs_route.ts`, which reads, authenticates and decodes.
 *
 * @module
 */

import {
  encodeBody,
  type GlpiAnswer,
  replyContentType,
  writeGlpiAnswer,
} from "../../protocol/mod.ts";
import type { ServerContext } from "../context.ts";
import { handleMessage } from "../ingest/pipeline.ts";
import type { PreparedBody } from "../ingest/prepare.ts";
import type { AgentSettings } from "../runtime_settings.ts";

/** What the endpoint knows about the request. */
export interface NativeRequest {
  request: Request;
  ip: string;
  userAgent: string;
  body: Uint8Array;
  agents: AgentSettings;
  started: number;
}

/** A GLPI agent announces itself with its agent id on every request. */
export function isGlpiAgent(request: Request): boolean {
  return request.headers.has("glpi-agent-id");
}

/**
 * The answer that moves a GLPI agent to its native protocol: a JSON `pending` answer to its
 * PROLOG, with no expiration, makes it contact again at once, with CONTACT (the agent remembers
 * the switch). Null when the agent stays in OCS mode (not a GLPI agent, or `--glpi-protocol ocs`).
 */
export function prologSwitch(
  ctx: ServerContext,
  prepared: PreparedBody,
  native: NativeRequest,
): Response | null {
  if (
    prepared.message.query !== "PROLOG" || ctx.config.glpiProtocol !== "native" ||
    !isGlpiAgent(native.request)
  ) {
    return null;
  }
  ctx.log.info("prolog", {
    deviceid: prepared.message.deviceId,
    ip: native.ip,
    result: "GLPI agent: switched to the native protocol",
    ms: Math.round(performance.now() - native.started),
  });
  return answer(
    { status: "pending", message: "this server speaks the GLPI agent protocol" },
    prepared,
    native.request,
  );
}

/** Answers a native message: CONTACT, or an inventory stored as the XML ones are. */
export async function handleNative(
  ctx: ServerContext,
  prepared: PreparedBody,
  native: NativeRequest,
): Promise<Response> {
  const message = prepared.message;
  if (ctx.config.glpiProtocol !== "native") {
    // Not JSON: the agent falls back to OCS mode (PROLOG) at its next run.
    ctx.log.warn("refused", {
      status: 400,
      ip: native.ip,
      deviceid: message.deviceId ?? "-",
      reason: "GLPI agent protocol off (--glpi-protocol ocs)",
    });
    return new Response("This server speaks the OCS protocol to GLPI agents\n", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const outcome = await handleMessage(ctx, message, {
    userAgent: native.userAgent,
    ipSource: native.ip,
    body: native.body,
    encoding: prepared.encoding,
    agents: native.agents,
  });
  ctx.log.info(message.query === "CONTACT" ? "contact" : message.query.toLowerCase(), {
    deviceid: message.deviceId ?? "-",
    ip: native.ip,
    result: outcome.summary,
    ms: Math.round(performance.now() - native.started),
  });
  if (outcome.replyJson !== undefined) {
    return answerText(outcome.replyJson, prepared, native.request);
  }
  return answer(
    { status: "ok", expirationSeconds: native.agents.prologFreq * 3600 },
    prepared,
    native.request,
  );
}

/**
 * A refusal as the GLPI agent logs it ("server error: <reason>"): its status, and a JSON error
 * answer with the reason.
 */
export function nativeError(status: number, reason: string): Response {
  return new Response(writeGlpiAnswer({ status: "error", message: reason }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-cache" },
  });
}

function answer(body: GlpiAnswer, prepared: PreparedBody, request: Request): Response {
  return answerText(writeGlpiAnswer(body), prepared, request);
}

function answerText(json: string, prepared: PreparedBody, request: Request): Response {
  return new Response(encodeBody(json, prepared.encoding), {
    status: 200,
    headers: {
      "content-type": replyContentType(
        prepared.encoding,
        request.headers.get("content-type"),
        "json",
      ),
      "cache-control": "no-cache",
    },
  });
}
