/**
 * The benchmark's HTTP clients. The load generator shares the machine with the server, so what
 * it costs is taken from the server: `fetch()` costs ~0.5 ms of CPU per agent exchange (PROLOG +
 * INVENTORY) here, a bare HTTP/1.1 connection ~0.2 ms. Both send the same requests.
 *
 * @module
 */

/** An HTTP response as the benchmark checks it. */
export interface PostResult {
  status: number;
  bytes: Uint8Array;
}

/** Posts bodies to one URL; one per simulated agent (each agent has its own connection). */
export interface Poster {
  post(body: Uint8Array<ArrayBuffer>): Promise<PostResult>;
  close(): void;
}

/** Which client the benchmark uses. */
export type ClientKind = "fetch" | "socket";

/** A poster of the given kind. */
export function createPoster(kind: ClientKind, url: string, headers: Record<string, string>) {
  return kind === "fetch" ? fetchPoster(url, headers) : new SocketPoster(url, headers);
}

function fetchPoster(url: string, headers: Record<string, string>): Poster {
  return {
    async post(body) {
      const response = await fetch(url, { method: "POST", body, headers });
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    },
    close() {},
  };
}

const CRLFCRLF = new TextEncoder().encode("\r\n\r\n");

/** HTTP/1.1 over one kept-alive TCP connection: Content-Length or chunked responses. */
class SocketPoster implements Poster {
  readonly #url: URL;
  readonly #head: string;
  #conn: Deno.TcpConn | null = null;
  #buffer = new Uint8Array(64 * 1024);
  #length = 0;

  constructor(url: string, headers: Record<string, string>) {
    this.#url = new URL(url);
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    this.#head = `POST ${this.#url.pathname} HTTP/1.1\r\nhost: ${this.#url.host}\r\n` +
      lines.join("");
  }

  async post(body: Uint8Array<ArrayBuffer>): Promise<PostResult> {
    const conn = this.#conn ??= await this.#connect();
    const head = new TextEncoder().encode(
      `${this.#head}content-length: ${body.byteLength}\r\n\r\n`,
    );
    const request = new Uint8Array(head.byteLength + body.byteLength);
    request.set(head);
    request.set(body, head.byteLength);
    for (let sent = 0; sent < request.byteLength;) {
      sent += await conn.write(request.subarray(sent));
    }
    return await this.#readResponse();
  }

  close(): void {
    this.#conn?.close();
    this.#conn = null;
  }

  async #connect(): Promise<Deno.TcpConn> {
    const conn = await Deno.connect({
      hostname: this.#url.hostname,
      port: Number(this.#url.port),
    });
    conn.setNoDelay(true);
    this.#length = 0;
    return conn;
  }

  async #readResponse(): Promise<PostResult> {
    let headEnd: number;
    while ((headEnd = indexOf(this.#buffer.subarray(0, this.#length), CRLFCRLF)) === -1) {
      await this.#fill();
    }
    const head = new TextDecoder().decode(this.#buffer.subarray(0, headEnd));
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`Not an HTTP response: ${head.slice(0, 80)}`);
    this.#consume(headEnd + 4);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const bytes = length
      ? await this.#take(Number(length[1]))
      : /\r\ntransfer-encoding:\s*chunked/i.test(head)
      ? await this.#takeChunked()
      : new Uint8Array(0);
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    return { status, bytes };
  }

  async #take(count: number): Promise<Uint8Array> {
    while (this.#length < count) await this.#fill();
    const bytes = this.#buffer.slice(0, count);
    this.#consume(count);
    return bytes;
  }

  async #takeChunked(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for (;;) {
      let lineEnd: number;
      while (
        (lineEnd = indexOf(this.#buffer.subarray(0, this.#length), CRLFCRLF.subarray(2))) === -1
      ) {
        await this.#fill();
      }
      const size = parseInt(new TextDecoder().decode(this.#buffer.subarray(0, lineEnd)), 16);
      this.#consume(lineEnd + 2);
      const chunk = await this.#take(size + 2); // the chunk and its CRLF
      if (size === 0) break;
      parts.push(chunk.subarray(0, size));
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }

  async #fill(): Promise<void> {
    if (this.#length === this.#buffer.byteLength) {
      const bigger = new Uint8Array(this.#buffer.byteLength * 2);
      bigger.set(this.#buffer);
      this.#buffer = bigger;
    }
    const read = await this.#conn!.read(this.#buffer.subarray(this.#length));
    if (read === null) throw new Error("The server closed the connection");
    this.#length += read;
  }

  #consume(count: number): void {
    this.#buffer.copyWithin(0, count, this.#length);
    this.#length -= count;
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
