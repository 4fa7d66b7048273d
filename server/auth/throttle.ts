/**
 * Sign-in throttling, per login *from one address* and per address, with exponential backoff: a
 * few failures are free, then each one doubles the wait before the next attempt is even checked
 * (up to a cap). Counting a login's failures from every address would let a stranger keep the
 * real admin locked out with a few wrong tries an hour; counted per (login, address), the stranger
 * only locks themselves out. The looser per-address counter stops one address from guessing at
 * many logins. A success clears its (login, address) count; an address's count only ages out, so
 * signing into one's own account does not reset guessing at others'.
 *
 * The address is the connection's remote address, reduced by {@link addressKey} (an IPv6 client
 * usually holds a whole /64, so it counts as one).
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

/** Per login from one address: 5 free failures, then 2 s, 4 s, 8 s … up to 15 minutes. */
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
    /** "login": this login from this address; "ip": this address, whatever the login. */
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

/**
 * The key an address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64
 * (one host can pick any address in it), anything else (a Unix socket) as is.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.replace(/%.*$/, "").toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = ip.includes("::") && tail !== "" ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
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
    { by: "login" as const, failures: await loginFailures(db, login, ip, now, policies.login) },
    { by: "ip" as const, failures: await ipFailures(db, ip, now, policies.ip) },
  ];
  for (const { by, failures } of counters) {
    const policy = policies[by];
    trace.push(
      `${failures.count} recent failure(s) ${
        by === "ip" ? "from this address" : "for this login from this address"
      }`,
    );
    const wait = backoffMs(failures.count, policy);
    if (wait === 0 || failures.last === null) continue;
    const until = failures.last + wait;
    if (now.getTime() < until) {
      const retryAfterSeconds = Math.ceil((until - now.getTime()) / 1000);
      trace.push(`backoff ${wait / 1000} s after the last failure: ${retryAfterSeconds} s left`);
      const who = by === "login" ? "this account from your address" : "your address";
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
  ip: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Failures> {
  const lastSuccess = await db.selectFrom("login_attempts").select("at")
    .where("login", "=", login).where("ip", "=", ip).where("succeeded", "=", 1)
    .orderBy("at", "desc").limit(1).executeTakeFirst();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const row = await db.selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
    .where("login", "=", login).where("ip", "=", ip).where("succeeded", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return failuresOf(row);
}

async function ipFailures(
  db: Kysely<Database>,
  ip: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Failures> {
  const row = await db.selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
    .where("ip", "=", ip).where("succeeded", "=", 0)
    .where("at", ">", new Date(now.getTime() - policy.windowMs).toISOString())
    .executeTakeFirstOrThrow();
  return failuresOf(row);
}

function failuresOf(row: { n: number | string | bigint; last: string | null }): Failures {
  return { count: Number(row.n), last: row.last ? Date.parse(row.last) : null };
}

function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
