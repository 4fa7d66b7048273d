/**
 * Optional HTTP Basic authentication for agents. The OCS Unix agent only sends credentials
 * after a 401 challenge whose realm equals its configured `realm`, so the challenge carries the
 * configured realm.
 *
 * @module
 */

import { timingSafeEqual } from "node:crypto";

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
