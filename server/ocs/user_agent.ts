/**
 * The user-agent gate (every query; OCS checks PROLOG only). OCS accepts `<NAME>_v<VERSION>` for a fixed list of names and
 * refuses versions "too recent for the server" (a top complaint after agent upgrades); we check
 * the name only, against a configurable list of prefixes.
 *
 * @module
 */

/** True when `userAgent` starts with one of the accepted names followed by `_v` or `/`. */
export function isAcceptedUserAgent(userAgent: string, accepted: readonly string[]): boolean {
  const ua = userAgent.trim().toLowerCase();
  return accepted.some((name) => {
    const prefix = name.toLowerCase();
    if (!ua.startsWith(prefix)) return false;
    const rest = ua.slice(prefix.length);
    return rest === "" || rest.startsWith("_v") || rest.startsWith("/") || rest.startsWith("-");
  });
}
