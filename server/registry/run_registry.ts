/**
 * The one way to run registry synchronisations from the server, its tasks, console, API and
 * CLI: in the registry worker when the process has one (`inventory serve`), in the caller's
 * thread otherwise (one-shot commands and tests on a bare context).
 *
 * @module
 */

import {
  type BatchOptions,
  type BatchResult,
  type RegistryHost,
  retryNotImported,
  syncBatch,
} from "./batch.ts";
import type { RegistryThread } from "./registry_thread.ts";
import type { DeviceImportStatus } from "./schema.ts";

/** A server context, or what a batch needs plus the worker if any. */
export type RegistryRunner = RegistryHost & { registry?: RegistryThread | null };

/** Synchronises devices with work (or the given ones); `now` overrides the host's clock. */
export function syncRegistry(
  host: RegistryRunner,
  options: BatchOptions & { now?: Date } = {},
): Promise<BatchResult> {
  const { now, onProgress, signal, ...serial } = options;
  const at = now ?? host.now();
  if (host.registry) {
    return host.registry.sync({
      now: at,
      options: serial,
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  }
  return syncBatch({ ...host, now: () => at }, options);
}

/** Re-plans devices that were not imported, as {@link syncRegistry} does. */
export function retryRegistry(
  host: RegistryRunner,
  options: {
    limit?: number;
    statuses?: DeviceImportStatus[];
    onProgress?: BatchOptions["onProgress"];
    now?: Date;
  } = {},
): Promise<BatchResult> {
  const { now, onProgress, ...serial } = options;
  const at = now ?? host.now();
  if (host.registry) {
    return host.registry.retry({
      now: at,
      options: serial,
      ...(onProgress ? { onProgress } : {}),
    });
  }
  return retryNotImported({ ...host, now: () => at }, options);
}
