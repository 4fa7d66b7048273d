/**
 * Optional HTTP Basic authentication for agents. The OCS Unix agent only sends credentials
 * after a 401 challenge whose realm equals its configured `realm`, so the challenge carries the
 * configured realm. Wrong answers are throttled as sign-ins are (per user from one address, and
 * more loosely per address), in memory: a guesser is slowed to a few tries an hour, and only
 * from its own address, so agents elsewhere keep reporting.
 *
 * @module
 */

import { timingSafeEqual } from "node:crypto";
import { MemoryThrottle } from "../auth/memory_throttle.ts";
import { addressKey, IP_POLICY, LOGIN_POLICY } from "../auth/throttle.ts";
import type { Logger } from "../log.ts";
import type { AgentSettings } from "../runtime_settings.ts";

/** True when `authorization` carries exactly `user`:`password`. */
export function checkBasicAuth(
  authorization: string | null,
  user: string,
  password: string,
): boolean {
  if (!authorization?.toLowerCase().startsWith("basic ")) return false;
  let decoded: string;
  try {
    decoded = atob(authorization.slice(6).trim());
  } catch {
    return false;
  }
  return constantTimeEqual(decoded, `${user}:${password}`);
}

/** The user name an `Authorization: Basic` header carries ("" when none can be read). */
export function basicUser(authorization: string | null): string {
  if (!authorization?.toLowerCase().startsWith("basic ")) return "";
  try {
    const decoded = atob(authorization.slice(6).trim());
    return decoded.slice(0, Math.max(0, decoded.indexOf(":"))).slice(0, 100);
  } catch {
    return "";
  }
}

/** Checks agents' credentials, throttling wrong answers; one per OCS route. */
export class AgentAuthGate {
  readonly #perUser = new MemoryThrottle(LOGIN_POLICY);
  readonly #perAddress = new MemoryThrottle(IP_POLICY);
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Null when the request may go on; else the answer (a 401 challenge, or 429 while throttled). */
  refusal(request: Request, ip: string, agents: AgentSettings, log: Logger): Response | null {
    if (agents.credentials === null) return null;
    const authorization = request.headers.get("authorization");
    if (authorization === null) {
      // Agents post once without credentials and retry after the challenge: not a failure.
      log.debug("refused", { status: 401, ip, deviceid: "-", reason: "no credentials" });
      return challenge(agents.realm);
    }
    const now = this.#now();
    const address = addressKey(ip);
    const pair = `${basicUser(authorization)}\n${address}`;
    const wait = Math.max(
      this.#perUser.waitSeconds(pair, now),
      this.#perAddress.waitSeconds(address, now),
    );
    if (wait > 0) {
      // Not checked at all, and logged at debug: a guesser must not fill the log either.
      log.debug("refused", {
        status: 429,
        ip,
        deviceid: "-",
        reason: "too many wrong credentials",
      });
      return new Response(`Too many wrong credentials from your address; retry in ${wait} s\n`, {
        status: 429,
        headers: { "retry-after": String(wait), "content-type": "text/plain" },
      });
    }
    if (agents.credentials.check(authorization)) {
      this.#perUser.clear(pair);
      return null;
    }
    this.#perUser.fail(pair, now);
    this.#perAddress.fail(address, now);
    log.warn("refused", { status: 401, ip, deviceid: "-", reason: "wrong credentials" });
    return challenge(agents.realm);
  }
}

/** The 401 response that makes agents send their credentials. */
export function challenge(realm: string): Response {
  return new Response("Authentication required\n", {
    status: 401,
    headers: {
      "www-authenticate": `Basic realm="${realm.replaceAll('"', "")}"`,
      "content-type": "text/plain",
    },
  });
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  // Compare equal-length buffers so the time does not reveal the length either.
  const length = Math.max(x.length, y.length);
  const px = new Uint8Array(length);
  const py = new Uint8Array(length);
  px.set(x);
  py.set(y);
  return timingSafeEqual(px, py) && x.length === y.length;
}
