/**
 * `POST /ocsinventory` (and sub-paths, as Apache's <Location> did): the endpoint unmodified OCS,
 * FusionInventory and GLPI agents talk to.
 *
 * @module
 */

import { Hono } from "hono";
import { encodeBody } from "../../protocol/mod.ts";
import type { ServerContext } from "../context.ts";
import { deviceIdOfError } from "../ingest/decoder_pool.ts";
import { handleMessage } from "../ingest/pipeline.ts";
import { isAcceptedUserAgent } from "../ocs/user_agent.ts";
import { agentSettings } from "../runtime_settings.ts";
import { challenge } from "./agent_auth.ts";
import { readBodyCapped } from "./body.ts";
import { browserRefusal, browserRequestReason } from "./browser_refusal.ts";
import { httpErrorOf, messageOf } from "./errors.ts";
import type { AppEnv } from "./env.ts";

/** The OCS routes. */
export function ocsRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, log } = ctx;

  const handle = async (request: Request, ip: string): Promise<Response> => {
    const started = performance.now();
    const browser = browserRequestReason(request);
    if (browser !== null) {
      log.warn("refused", { status: 403, ip, deviceid: "-", reason: browser });
      return browserRefusal(browser);
    }
    // Read on every request: the console changes credentials live (runtime_settings.ts).
    const agents = agentSettings(ctx);
    if (agents.credentials !== null) {
      const authorization = request.headers.get("authorization");
      if (!agents.credentials.check(authorization)) {
        // Agents post once without credentials and retry after the challenge: only a wrong
        // answer is worth a warning.
        log[authorization === null ? "debug" : "warn"]("refused", {
          status: 401,
          ip,
          deviceid: "-",
          reason: authorization === null ? "no credentials" : "wrong credentials",
        });
        return challenge(agents.realm);
      }
    }
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
      const headers = { "content-type": "application/x-compressed", "cache-control": "no-cache" };
      if (outcome.replyXml === null) return new Response(null, { status: 200, headers });
      return new Response(encodeBody(outcome.replyXml, prepared.encoding), {
        status: 200,
        headers,
      });
    } catch (error) {
      const { status, reason, clientError } = httpErrorOf(error);
      const fields = {
        status,
        ip,
        deviceid: deviceId ?? deviceIdOfError(error) ?? "-",
        ua: userAgent,
      };
      if (clientError) log.warn("refused", { ...fields, reason });
      else log.error("failed", { ...fields, reason: messageOf(error) });
      return text(status, reason);
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
