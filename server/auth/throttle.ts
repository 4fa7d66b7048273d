/**
 * Sign-in throttling, per login and per client address, with exponential backoff: a few failures
 * are free, then each one doubles the wait before the next attempt is even checked (up to a cap).
 * A success clears the login's count; an address's count only ages out, so signing into one's own
 * account does not reset guessing at others'.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** The limits of one counter. */
export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/** Per login: 5 free failures, then 2 s, 4 s, 8 s … up to 15 minutes. */
export const LOGIN_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  windowMs: 60 * 60 * 1000,
  maxDelayMs: 15 * 60 * 1000,
};

/** Per address: 20 free failures (a shared office NAT), then the same backoff. */
export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  windowMs: 60 * 60 * 1000,
  maxDelayMs: 15 * 60 * 1000,
};

/** Attempts are kept this long. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Whether an attempt may be checked now, and if not, for how long and why. */
export type ThrottleDecision =
  | { allowed: true; trace: string[] }
  | {
    allowed: false;
    by: "login" | "ip";
    retryAfterSeconds: number;
    message: string;
    trace: string[];
  };

/** The wait after `failures` consecutive failures under `policy`, in ms. */
export function backoffMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(30, failures - policy.freeFailures + 1);
  return Math.min(1000 * 2 ** exponent, policy.maxDelayMs);
}

/** Decides whether a sign-in attempt for `login` from `ip` may be checked at `now`. */
export async function checkThrottle(
  db: Kysely<Database>,
  login: string,
  ip: string,
  now: Date,
  policies: { login: ThrottlePolicy; ip: ThrottlePolicy } = { login: LOGIN_POLICY, ip: IP_POLICY },
): Promise<ThrottleDecision> {
  const trace: string[] = [];
  const counters = [
    { by: "login" as const, failures: await loginFailures(db, login, now, policies.login) },
    { by: "ip" as const, failures: await ipFailures(db, ip, now, policies.ip) },
  ];
  for (const { by, failures } of counters) {
    const policy = policies[by];
    trace.push(`${failures.count} recent failure(s) for this ${by === "ip" ? "address" : by}`);
    const wait = backoffMs(failures.count, policy);
    if (wait === 0 || failures.last === null) continue;
    const until = failures.last + wait;
    if (now.getTime() < until) {
      const retryAfterSeconds = Math.ceil((until - now.getTime()) / 1000);
      trace.push(`backoff ${wait / 1000} s after the last failure: ${retryAfterSeconds} s left`);
      const who = by === "login" ? "this account" : "your address";
      return {
        allowed: false,
        by,
        retryAfterSeconds,
        message: `Too many failed sign-ins for ${who}. Try again in ${
          describeSeconds(retryAfterSeconds)
        }.`,
        trace,
      };
    }
  }
  return { allowed: true, trace };
}

/** Records one attempt, and forgets attempts older than a day. */
export async function recordAttempt(
  db: Kysely<Database>,
  login: string,
  ip: string,
  succeeded: boolean,
  now: Date,
): Promise<void> {
  await db.insertInto("login_attempts").values({
    at: now.toISOString(),
    login,
    ip,
    succeeded: succeeded ? 1 : 0,
  }).execute();
  await db.deleteFrom("login_attempts")
    .where("at", "<", new Date(now.getTime() - KEEP_MS).toISOString()).execute();
}

interface Failures {
  count: number;
  /** Time of the latest, ms. */
  last: number | null;
}

async function loginFailures(
  db: Kysely<Database>,
  login: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Failures> {
  const lastSuccess = await db.selectFrom("login_attempts").select("at")
    .where("login", "=", login).where("succeeded", "=", 1)
    .orderBy("at", "desc").limit(1).executeTakeFirst();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  return countFailures(db, "login", login, since);
}

function ipFailures(
  db: Kysely<Database>,
  ip: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Failures> {
  return countFailures(db, "ip", ip, new Date(now.getTime() - policy.windowMs).toISOString());
}

async function countFailures(
  db: Kysely<Database>,
  column: "login" | "ip",
  value: string,
  since: string,
): Promise<Failures> {
  const row = await db.selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
    .where(column, "=", value).where("succeeded", "=", 0).where("at", ">", since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), last: row.last ? Date.parse(row.last) : null };
}

function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
