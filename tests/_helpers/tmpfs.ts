/**
 * A command prefix that runs a process over a fresh tmpfs mounted on a directory, in a private
 * mount namespace: the mount exists only for that process and vanishes with it, whatever the
 * test does. Root mounts directly; elsewhere a user namespace (`--map-root-user`) allows it.
 *
 * @module
 */

/** `unshare … sh -c 'mount … && exec "$@"' DIR`: append the command to run. */
export function onTmpfs(dir: string, options: string): string[] {
  return [
    "unshare",
    "--mount",
    "--propagation",
    "private",
    ...(Deno.uid() === 0 ? [] : ["--map-root-user"]),
    "sh",
    "-c",
    `mount -t tmpfs -o ${options} tmpfs "$0" && exec "$@"`,
    dir,
  ];
}
