/**
 * Checking a login and password: throttled first (a locked-out attempt is not even checked),
 * then the password (an unknown login costs the same hash time as a wrong password), then the
 * attempt is recorded. The outcome is a value with the reasoning, for the log and the tests.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { WriteQueue } from "../store/write_queue.ts";
import { decoyHash, hashPassword, needsRehash, verifyPassword } from "./password.ts";
import { addressKey, checkThrottle, recordAttempt } from "./throttle.ts";
import { findUser, markSignedIn, setPasswordHash } from "./users.ts";

/** What a sign-in attempt came to. */
export type SignInOutcome =
  | { ok: true; userId: number; login: string; mustChangePassword: boolean; trace: string[] }
  | {
    ok: false;
    reason: "throttled" | "bad-credentials" | "disabled";
    /** For the person signing in. */
    message: string;
    retryAfterSeconds?: number;
    trace: string[];
  };

/** The parts of the server a sign-in uses. */
export interface SignInDeps {
  db: Kysely<Database>;
  writes: WriteQueue<Database>;
}

/** The message for a wrong login or password: the same for both, so logins are not revealed. */
export const BAD_CREDENTIALS = "Wrong login or password.";

/** Checks `login` and `password` from `ip` at `now`. */
export async function signIn(
  deps: SignInDeps,
  attempt: { login: string; password: string; ip: string },
  now: Date,
): Promise<SignInOutcome> {
  const login = attempt.login.trim().toLowerCase().slice(0, 64);
  const ip = addressKey(attempt.ip);
  const throttle = await checkThrottle(deps.db, login, ip, now);
  const trace = [...throttle.trace];
  if (!throttle.allowed) {
    return {
      ok: false,
      reason: "throttled",
      message: throttle.message,
      retryAfterSeconds: throttle.retryAfterSeconds,
      trace,
    };
  }
  const user = login === "" ? undefined : await findUser(deps.db, login);
  const stored = user?.password_hash ?? null;
  const matches = await verifyPassword(attempt.password, stored ?? await decoyHash());
  const record = (succeeded: boolean) =>
    deps.writes.run((db) => recordAttempt(db, login, ip, succeeded, now));
  if (!user || stored === null || !matches) {
    trace.push(
      !user
        ? "no such login"
        : stored === null
        ? "the user has no password (API tokens only)"
        : "wrong password",
    );
    await record(false);
    return { ok: false, reason: "bad-credentials", message: BAD_CREDENTIALS, trace };
  }
  if (user.disabled === 1) {
    trace.push("right password, but the user is disabled");
    await record(false);
    return { ok: false, reason: "disabled", message: "This account is disabled.", trace };
  }
  trace.push("password verified");
  // Parameters raised since this hash was made: store a stronger one now we know the password.
  const rehashed = needsRehash(stored) ? await hashPassword(attempt.password) : null;
  await deps.writes.run(async (db) => {
    await recordAttempt(db, login, ip, true, now);
    await markSignedIn(db, user.id, now);
    if (rehashed) await setPasswordHash(db, user.id, rehashed, user.must_change_password === 1);
  });
  if (rehashed) trace.push("password re-hashed with the current parameters");
  return {
    ok: true,
    userId: user.id,
    login: user.login,
    mustChangePassword: user.must_change_password === 1,
    trace,
  };
}
