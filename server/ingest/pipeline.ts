/**
 * What the server does with one decoded OCS message: the same path for agents posting to
 * /ocsinventory, files uploaded to the API and `inventory import`. Returns the reply to send.
 *
 * @module
 */

import {
  type BodyEncoding,
  type PrologReply,
  writeGlpiAnswer,
  writeInventoryReply,
  writePrologReply,
} from "../../protocol/mod.ts";
import { answerContact } from "../glpi/contact.ts";
import type { ServerContext } from "../context.ts";
import { decideProlog } from "../ocs/prolog.ts";
import { type AgentSettings, agentSettings } from "../runtime_settings.ts";
import { applyNotify, recordDownloadResult, recordPrologContact } from "../store/devices.ts";
import { type IngestResult, StaleSkipError, storeInventory } from "../store/ingest.ts";
import { releaseBytes } from "./buffers.ts";
import type { PreparedInventory, PreparedMessage } from "./prepare.ts";

/** Where a message came from. */
export interface MessageOrigin {
  userAgent: string;
  ipSource: string;
  body: Uint8Array;
  encoding: BodyEncoding;
  /** The live agent settings, when the caller already read them for this request. */
  agents?: AgentSettings;
}

/** The outcome: XML to send back (null: an empty 200), and what happened, for the log. */
export interface MessageOutcome {
  replyXml: string | null;
  /** The JSON answer of a GLPI native message (CONTACT). */
  replyJson?: string;
  summary: string;
  inventory?: IngestResult;
  prolog?: PrologReply;
}

async function storeWith(
  ctx: ServerContext,
  prepared: PreparedInventory,
  origin: MessageOrigin,
  now: Date,
): Promise<IngestResult> {
  try {
    return await ctx.writes.run((db) =>
      storeInventory(db, prepared, {
        userAgent: origin.userAgent,
        ipSource: origin.ipSource,
        body: origin.body,
        encoding: origin.encoding,
        now,
        acceptTagUpdateFromClient: ctx.config.acceptTagUpdateFromClient,
      })
    );
  } finally {
    // Stored or refused, the sections' JSON is not read again.
    for (const section of prepared.sections) releaseBytes(section.data);
  }
}

/** Handles one message. Storage errors propagate (the caller answers 500, nothing partial). */
export async function handleMessage(
  ctx: ServerContext,
  message: PreparedMessage,
  origin: MessageOrigin,
): Promise<MessageOutcome> {
  const now = ctx.now();
  switch (message.query) {
    case "PROLOG": {
      const device = await ctx.writes.run((db) =>
        recordPrologContact(db, message.deviceId, {
          userAgent: origin.userAgent,
          ipSource: origin.ipSource,
          now,
        })
      );
      // Live settings: the console may have changed FREQUENCY or PROLOG_FREQ since the start.
      const { reply, reason } = decideProlog(device, origin.agents ?? agentSettings(ctx), now);
      return {
        replyXml: writePrologReply(reply),
        summary: `${reply.response} (${reason})`,
        prolog: reply,
      };
    }
    case "INVENTORY": {
      let prepared = message;
      let body = origin.body;
      let result: IngestResult;
      try {
        result = await storeWith(ctx, prepared, { ...origin, body }, now);
      } catch (error) {
        if (!(error instanceof StaleSkipError)) throw error;
        // Rare: another inventory of this device committed while this one was decoded with
        // sections skipped. Decode it whole and store it again.
        const again = await ctx.decoder.decode(body, { noSkip: true });
        if (again.prepared.message.query !== "INVENTORY") throw error;
        prepared = again.prepared.message;
        body = again.body;
        result = await storeWith(ctx, prepared, { ...origin, body }, now);
      }
      // The registry takes it from here within seconds, not at the next scheduled sync.
      ctx.scheduler?.trigger("sync-registry");
      return {
        replyXml: writeInventoryReply({ accountUpdate: result.accountUpdate }),
        summary: `${
          result.created ? "created" : "updated"
        } device ${result.deviceId}, ${result.sectionsWritten.length} sections written, ${result.sectionsUnchanged.length} unchanged${
          result.accountUpdate ? ", ACCOUNT_UPDATE sent" : ""
        }${result.mergedFrom ? `, merged ${result.mergedFrom}` : ""}`,
        inventory: result,
      };
    }
    case "DOWNLOAD": {
      const known = await ctx.writes.run((db) =>
        recordDownloadResult(db, message.deviceId, {
          packageId: message.packageId,
          result: message.result,
          now,
        })
      );
      return {
        replyXml: null,
        summary: known ? `package ${message.packageId}: ${message.result}` : "unknown device",
      };
    }
    case "NOTIFY": {
      const known = await ctx.writes.run((db) =>
        applyNotify(db, message.deviceId, {
          hardware: message.hardware,
          interfaces: message.interfaces,
          now,
        })
      );
      return { replyXml: null, summary: known ? "addresses updated" : "unknown device" };
    }
    case "CONTACT": {
      const { answer, summary } = await answerContact(ctx, message, {
        userAgent: origin.userAgent,
        ipSource: origin.ipSource,
        agents: origin.agents ?? agentSettings(ctx),
      });
      return { replyXml: null, replyJson: writeGlpiAnswer(answer), summary };
    }
    case "UPDATE":
      return {
        replyXml:
          "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>NO_UPDATE</RESPONSE>\n</REPLY>\n",
        summary: "NO_UPDATE",
      };
  }
}
