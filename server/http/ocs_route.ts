/**
 * `POST /ocsinventory` (and sub-paths, as Apache's <Location> did): the endpoint unmodified OCS,
 * FusionInventory and GLPI agents talk to.
 *
 * @module
 */

import { Hono } from "hono";
import { encodeBody, replyContentType } from "../../protocol/mod.ts";
import type { ServerContext } from "../context.ts";
import { isStorageFull } from "../db/storage_full.ts";
import { deviceIdOfError } from "../ingest/decoder_pool.ts";
import { handleMessage } from "../ingest/pipeline.ts";
import type { Logger } from "../log.ts";
import { isAcceptedUserAgent } from "../ocs/user_agent.ts";
import { agentSettings } from "../runtime_settings.ts";
import { AgentAuthGate } from "./agent_auth.ts";
import { handleNative, isGlpiAgent, nativeError, prologSwitch } from "./glpi_native.ts";
import { readBodyCapped } from "./body.ts";
import { browserRefusal, browserRequestReason } from "./browser_refusal.ts";
import { httpErrorOf, messageOf } from "./errors.ts";
import type { AppEnv } from "./env.ts";

/** The OCS routes. */
export function ocsRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, log } = ctx;
  const agentAuth = new AgentAuthGate();

  const handle = async (request: Request, ip: string): Promise<Response> => {
    const started = performance.now();
    const browser = browserRequestReason(request);
    if (browser !== null) {
      log.warn("refused", { status: 403, ip, deviceid: "-", reason: browser });
      return browserRefusal(browser);
    }
    // Read on every request: the console changes credentials live (runtime_settings.ts).
    const agents = agentSettings(ctx);
    const refused = agentAuth.refusal(request, ip, agents, log);
    if (refused) return refused;
    const userAgent = sanitizeUserAgent(request.headers.get("user-agent") ?? "");
    // Every query, before its body is read (OCS checks PROLOG only).
    if (!isAcceptedUserAgent(userAgent, config.userAgents)) {
      log.warn("refused", {
        status: 400,
        ip,
        deviceid: "-",
        ua: userAgent,
        reason: "agent not accepted",
      });
      return text(400, `Agent "${userAgent}" is not accepted by this server`);
    }
    let deviceId: string | undefined;
    try {
      const received = await readBodyCapped(request, config.maxBodyBytes);
      const { prepared, body } = await ctx.decoder.decode(received);
      const message = prepared.message;
      deviceId = message.deviceId;
      const native = { request, ip, userAgent, body, agents, started };
      if (prepared.format === "json") return await handleNative(ctx, prepared, native);
      const switched = prologSwitch(ctx, prepared, native);
      if (switched) return switched;
      const outcome = await handleMessage(ctx, message, {
        userAgent,
        ipSource: ip,
        body,
        encoding: prepared.encoding,
        agents, // read once per request: the PROLOG decision uses them too
      });
      log.info(message.query.toLowerCase(), {
        deviceid: deviceId,
        ip,
        result: outcome.summary,
        ms: Math.round(performance.now() - started),
      });
      const headers = {
        "content-type": replyContentType(prepared.encoding, request.headers.get("content-type")),
        "cache-control": "no-cache",
      };
      if (outcome.replyXml === null) return new Response(null, { status: 200, headers });
      return new Response(encodeBody(outcome.replyXml, prepared.encoding), {
        status: 200,
        headers,
      });
    } catch (error) {
      if (isStorageFull(error)) return storageFull(log, ip, deviceId ?? deviceIdOfError(error));
      const { status, reason, clientError } = httpErrorOf(error);
      const fields = {
        status,
        ip,
        deviceid: deviceId ?? deviceIdOfError(error) ?? "-",
        ua: userAgent,
      };
      if (clientError) log.warn("refused", { ...fields, reason });
      else log.error("failed", { ...fields, reason: messageOf(error) });
      return isGlpiAgent(request) ? nativeError(status, reason) : text(status, reason);
    }
  };

  const refuseMethod = (method: string, ip: string, status: 400 | 405) => {
    log.warn("refused", { status, ip, deviceid: "-", reason: `method ${method}` });
  };
  app.post("/ocsinventory", (c) => handle(c.req.raw, c.env.ip));
  app.post("/ocsinventory/*", (c) => handle(c.req.raw, c.env.ip));
  app.on("GET", ["/ocsinventory", "/ocsinventory/*"], (c) => {
    refuseMethod("GET", c.env.ip, 400);
    return text(400, "The OCS protocol uses POST; this server serves no files here");
  });
  app.on(
    ["PUT", "DELETE", "PATCH"],
    ["/ocsinventory", "/ocsinventory/*"],
    (c) => {
      refuseMethod(c.req.method, c.env.ip, 405);
      return new Response("Method not allowed: agents POST to /ocsinventory\n", {
        status: 405,
        headers: { allow: "POST", "content-type": "text/plain" },
      });
    },
  );
  return app;
}

/** Seconds an agent is asked to wait when the disk is full. */
export const STORAGE_FULL_RETRY_SECONDS = 300;

/**
 * Disk full: nothing was stored, and it passes once space is freed. 503 with Retry-After, which
 * agents retry sooner than a 500 (a bug, in their eyes).
 */
function storageFull(log: Logger, ip: string, deviceId: string | undefined): Response {
  log.error("refused", { status: 503, ip, deviceid: deviceId ?? "-", reason: "storage full" });
  return new Response("The server's storage is full; nothing was saved. Retry later.\n", {
    status: 503,
    headers: {
      "retry-after": String(STORAGE_FULL_RETRY_SECONDS),
      "content-type": "text/plain; charset=utf-8",
    },
  });
}

function text(status: number, reason: string): Response {
  return new Response(reason + "\n", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** As the OCS server: control characters removed, markup-like user agents neutralised. */
function sanitizeUserAgent(ua: string): string {
  // deno-lint-ignore no-control-regex
  const clean = ua.replace(/[\x00-\x1f\x7f]/g, "").slice(0, 200);
  return /[<>"';]/.test(clean) ? "Invalid_agent" : clean;
}
