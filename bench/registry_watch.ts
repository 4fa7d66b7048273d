/**
 * For the benchmarks: when each device reached the registry. Polls the server's database file
 * (read-only, WAL lets it read beside the server) every 100 ms for the devices whose computer is
 * synchronised with their n-th inventory, and pairs that moment with the moment the agent's
 * inventory was acknowledged. Latencies are therefore exact to the poll period.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { type LatencyStats, latencyStats } from "./_util.ts";

const POLL_MS = 100;

/** Received → in the registry, for one pass. */
export interface RegistryLatency {
  /** Devices whose computer holds this pass's inventory when the wait ended. */
  inRegistry: number;
  expected: number;
  /** Acknowledgement → computer synchronised, per device, ms. */
  latency: LatencyStats;
  /** From the pass's start to the last device in the registry, ms. */
  caughtUpMs: number;
}

/** Watches one database file. */
export class RegistryWatch {
  readonly #path: string;
  #db: DatabaseSync | null = null;
  /** deviceid → when its n-th inventory was acknowledged (performance.now()). */
  readonly #acknowledged = new Map<string, number>();
  /** deviceid → when its computer was first seen synchronised with it. */
  readonly #seen = new Map<string, number>();
  #pass = 1;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(path: string) {
    this.#path = path;
  }

  /** Starts watching for the `pass`-th inventory of every device. */
  start(pass: number): void {
    this.#pass = pass;
    this.#acknowledged.clear();
    this.#seen.clear();
    this.#timer = setInterval(() => this.#poll(), POLL_MS);
  }

  /** The agent got its 200 for `deviceId` now. */
  acknowledged(deviceId: string): void {
    this.#acknowledged.set(deviceId, performance.now());
  }

  /** Waits until `expected` devices are in the registry or `timeoutMs` passed; then stops. */
  async finish(expected: number, startedAt: number, timeoutMs: number): Promise<RegistryLatency> {
    const deadline = performance.now() + timeoutMs;
    while (this.#seen.size < expected && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#poll();
    const latencies: number[] = [];
    let last = startedAt;
    for (const [deviceId, at] of this.#seen) {
      const acked = this.#acknowledged.get(deviceId);
      if (acked !== undefined) latencies.push(Math.max(0, at - acked));
      last = Math.max(last, at);
    }
    return {
      inRegistry: this.#seen.size,
      expected,
      latency: latencyStats(latencies),
      caughtUpMs: Math.round(last - startedAt),
    };
  }

  close(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#db?.close();
    this.#db = null;
  }

  #poll(): void {
    try {
      this.#db ??= new DatabaseSync(this.#path, { readOnly: true });
      const rows = this.#db.prepare(
        `select d.deviceid from computer_links l join devices d on d.id = l.device_id
         where l.synced_inventories >= ?`,
      ).all(this.#pass) as { deviceid: string }[];
      const now = performance.now();
      // Only the devices of this pass (acknowledged already): others were there before.
      for (const { deviceid } of rows) {
        if (!this.#seen.has(deviceid) && this.#acknowledged.has(deviceid)) {
          this.#seen.set(deviceid, now);
        }
      }
    } catch {
      // The file may not have the registry tables yet, or be busy: the next poll reads again.
    }
  }
}
