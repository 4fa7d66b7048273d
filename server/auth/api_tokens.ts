/**
 * Personal API tokens: `Authorization: Bearer inv_…`. A token acts with its user's profile and
 * entities; only its hash is stored, so it is shown once, at creation.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** Every token starts with this, so a leaked one is recognisable (secret scanners). */
export const TOKEN_PREFIX = "inv_";
/** How many characters of the token lists show. */
const SHOWN_PREFIX = TOKEN_PREFIX.length + 6;
const TOUCH_EVERY_MS = 60 * 1000;

/** A token as lists show it (never the secret). */
export interface ApiTokenSummary {
  id: number;
  userId: number;
  login: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** A token just created: `token` is shown once. */
export interface CreatedApiToken {
  id: number;
  token: string;
  name: string;
  expiresAt: string | null;
}

/** Why a bearer token was not accepted. */
export type TokenRejection = "unknown" | "expired";

/** Creates a token for `userId`; `expiresAt` null: until revoked. */
export async function createApiToken(
  db: Kysely<Database>,
  userId: number,
  name: string,
  now: Date,
  expiresAt: Date | null = null,
): Promise<CreatedApiToken> {
  const token = newSecret(TOKEN_PREFIX);
  const label = name.trim().slice(0, 100) || "token";
  const { id } = await db.insertInto("api_tokens").values({
    user_id: userId,
    name: label,
    token_hash: hashSecret(token),
    prefix: token.slice(0, SHOWN_PREFIX),
    created_at: now.toISOString(),
    expires_at: expiresAt?.toISOString() ?? null,
  }).returning("id").executeTakeFirstOrThrow();
  return { id, token, name: label, expiresAt: expiresAt?.toISOString() ?? null };
}

/** The user a bearer token acts for, or why not; records its use (at most once a minute). */
export async function resolveApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ ok: true; userId: number; tokenId: number } | { ok: false; reason: TokenRejection }> {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: "unknown" };
  const row = await db.selectFrom("api_tokens").selectAll()
    .where("token_hash", "=", hashSecret(token)).executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.expires_at !== null && now.getTime() >= Date.parse(row.expires_at)) {
    return { ok: false, reason: "expired" };
  }
  const lastUsed = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
  if (now.getTime() - lastUsed >= TOUCH_EVERY_MS) {
    await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() })
      .where("id", "=", row.id).execute();
  }
  return { ok: true, userId: row.user_id, tokenId: row.id };
}

/** The tokens of one user, or of everyone when `userId` is undefined; newest first. */
export async function listApiTokens(
  db: Kysely<Database>,
  userId?: number,
): Promise<ApiTokenSummary[]> {
  let query = db.selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.user_id",
      "users.login",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.expires_at",
    ])
    .orderBy("api_tokens.id", "desc");
  if (userId !== undefined) query = query.where("api_tokens.user_id", "=", userId);
  return (await query.execute()).map((r) => ({
    id: r.id,
    userId: r.user_id,
    login: r.login,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
  }));
}

/**
 * Revokes (deletes) a token; with `userId`, only one of that user's. Resolves to false when
 * there was no such token.
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  tokenId: number,
  userId?: number,
): Promise<boolean> {
  let query = db.deleteFrom("api_tokens").where("id", "=", tokenId);
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
