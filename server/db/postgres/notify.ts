/**
 * Waking the other servers on one PostgreSQL: `notify` inside a transaction is delivered when it
 * commits (never on rollback); a `Listener` holds one dedicated connection per process with
 * `LISTEN` on its channels. When that connection drops, the listener reconnects with a growing
 * delay and calls `onReconnect`: notifications sent meanwhile are lost, so whoever listens looks
 * at the database once again (a poll is the safety net, a notification only makes it early).
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import pg from "pg";
import { pgTypes } from "./open.ts";

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`Bad notification channel name "${channel}"`);
  return channel;
}

/** Sends `payload` on `channel` when the transaction `db` is in commits (at once outside one). */
// deno-lint-ignore no-explicit-any
export async function notify(db: Kysely<any>, channel: string, payload = ""): Promise<void> {
  await sql`select pg_notify(${checkChannel(channel)}, ${payload})`.execute(db);
}

/** What a listener calls. */
export interface ListenerEvents {
  onNotification(channel: string, payload: string): void;
  /** The connection came back after a drop: look at the database again. */
  onReconnect?(): void;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

/** One LISTEN connection for a process. */
export class Listener {
  readonly #url: string;
  readonly #channels: string[];
  readonly #events: ListenerEvents;
  #client: pg.Client | null = null;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  private constructor(url: string, channels: readonly string[], events: ListenerEvents) {
    this.#url = url;
    this.#channels = channels.map(checkChannel);
    this.#events = events;
  }

  /**
   * Connects and listens on `channels`.
   *
   * @throws {Error} when the first connection fails (later drops are retried)
   */
  static async start(
    url: string,
    channels: readonly string[],
    events: ListenerEvents,
  ): Promise<Listener> {
    const listener = new Listener(url, channels, events);
    await listener.#connect();
    return listener;
  }

  /** Whether the LISTEN connection is up now. */
  get connected(): boolean {
    return this.#client !== null;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: "inventory listener",
      types: pgTypes,
    });
    client.on("notification", (n) => this.#events.onNotification(n.channel, n.payload ?? ""));
    client.on("error", () => this.#dropped(client, 0));
    client.on("end", () => this.#dropped(client, 0));
    await client.connect();
    try {
      for (const channel of this.#channels) await client.query(`listen ${channel}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
  }

  #dropped(client: pg.Client, attempt: number): void {
    if (this.#client !== client && attempt === 0) return; // already handled
    this.#client = null;
    client.end().catch(() => {});
    if (this.#closed) return;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(async () => {
      try {
        await this.#connect();
        if (!this.#closed) this.#events.onReconnect?.();
      } catch {
        this.#dropped(client, attempt + 1);
      }
    }, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
  }

  /** Stops listening and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
