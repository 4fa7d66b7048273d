/**
 * Base64 of bytes (no `@std/encoding` here: JSR is not reachable from every build host).
 *
 * @module
 */

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
