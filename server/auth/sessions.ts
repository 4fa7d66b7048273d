/**
 * Console sessions. The cookie carries a random token; the table keeps its hash, the user, the
 * session's CSRF token and two limits: idle (since the last request) and absolute (since sign-in).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** How long a session lives. */
export interface SessionLimits {
  /** Ends after this long without a request. */
  idleMs: number;
  /** Ends this long after sign-in, whatever the activity. */
  absoluteMs: number;
}

/** Two hours idle, twelve hours in all: a working day, signed in once. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
};

/** Activity is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A new session: the token goes in the cookie and nowhere else. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A live session. */
export interface ActiveSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
}

/** Why a session cookie was not accepted. */
export type SessionRejection = "unknown" | "idle" | "expired";

/** Opens a session for `userId`. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  client: { ip?: string; userAgent?: string } = {},
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + limits.absoluteMs);
  await db.insertInto("sessions").values({
    token_hash: hashSecret(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    ip: client.ip ?? "",
    user_agent: (client.userAgent ?? "").slice(0, 200),
  }).execute();
  return { token, csrfToken, expiresAt };
}

/**
 * The session a cookie token opens, or why not. An expired session is deleted; a live one has
 * its activity time refreshed (at most once a minute).
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
): Promise<{ ok: true; session: ActiveSession } | { ok: false; reason: SessionRejection }> {
  const tokenHash = hashSecret(token);
  const row = await db.selectFrom("sessions").selectAll().where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  const idleFor = now.getTime() - Date.parse(row.last_seen_at);
  const expired = now.getTime() >= Date.parse(row.expires_at);
  if (expired || idleFor >= limits.idleMs) {
    await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    return { ok: false, reason: expired ? "expired" : "idle" };
  }
  if (idleFor >= TOUCH_EVERY_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() })
      .where("token_hash", "=", tokenHash).execute();
  }
  return {
    ok: true,
    session: {
      tokenHash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
    },
  };
}

/** Ends one session (logout). */
export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

/** Ends every session of a user but `keepTokenHash` (after a password change). */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: number,
  keepTokenHash?: string,
): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepTokenHash) query = query.where("token_hash", "!=", keepTokenHash);
  await query.execute();
}

/** Removes sessions past their absolute end (housekeeping; expired ones are refused anyway). */
export async function pruneSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
}
