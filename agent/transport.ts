/**
 * Talking to an OCS server: POST a zlib-compressed request document, read the reply, the way the
 * OCS Unix agent does (`ocs-protocol.md` §1.2–§1.5): its headers, HTTP Basic auth only after a
 * 401 challenge for the configured realm, HTTPS verified against a CA file (or not verified at
 * all with `ssl: false`), and failures sorted into network problems and server refusals so the
 * CLI can exit with a distinct code for each.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { EXIT } from "../cli/command.ts";
import { decodeReply, encodeBody, type XmlElement } from "../protocol/mod.ts";

/**
 * The User-Agent we send. Stock OCS servers gate the PROLOG on it (§1.4): the name must be one
 * they know, and the version, cut to `<digit>.<digit>`, must not be above theirs. The Unix
 * agent's `2.10.0` cuts to `2.1`, which passes 2.8 through 2.12 servers; our own version would
 * be refused with HTTP 400. Keep this the one place it is spelled.
 */
export const USER_AGENT = "OCS-NG_unified_unix_agent_v2.10.0";

/** Default time allowed for one exchange; an inventory upload to a busy server can be slow. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** How to reach the server. */
export interface TransportOptions {
  /** The full endpoint URL, e.g. `https://ocs.example.org/ocsinventory`. */
  url: string;
  /** Basic auth credentials, in clear (already decoded from the OCS base64). */
  user?: string;
  password?: string;
  /** Only answer a challenge for this realm; any realm when unset (as the OCS agent). */
  realm?: string;
  /** A PEM file of CA certificates trusted in addition to the system's. */
  caFile?: string;
  /** false: HTTPS without certificate verification (`--ssl=0`). Default true. */
  ssl?: boolean;
  /** Per exchange, in ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** What went wrong, as the CLI tells it apart. */
export type TransportErrorKind = "config" | "network" | "refused" | "bad-reply";

/** A failed exchange, with the exit code the CLI uses for it. */
export class TransportError extends Error {
  override name = "TransportError";
  readonly kind: TransportErrorKind;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  constructor(
    kind: TransportErrorKind,
    message: string,
    options?: { status?: number; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.kind = kind;
    if (options?.status !== undefined) this.status = options.status;
  }
  /** config → 3, network → 4, refused or not an OCS reply → 5. */
  get exitCode(): number {
    return this.kind === "config"
      ? EXIT.config
      : this.kind === "network"
      ? EXIT.network
      : EXIT.refused;
  }
}

/** A connection to one server. */
export interface Transport {
  readonly url: string;
  /** Sends one request document; resolves to the root element of the reply. */
  send(xml: string): Promise<XmlElement>;
  /** Releases the HTTP client. */
  close(): void;
}

interface RawResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: Uint8Array;
}

type Post = (body: Uint8Array, headers: Record<string, string>) => Promise<RawResponse>;

/**
 * Opens a transport.
 *
 * @throws {TransportError} "config" for a bad URL or an unreadable CA file
 */
export function createTransport(options: TransportOptions): Transport {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TransportError("config", `Invalid server URL "${options.url}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TransportError("config", `Server URL must be http:// or https://: "${options.url}"`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const insecure = url.protocol === "https:" && options.ssl === false;
  let client: Deno.HttpClient | undefined;
  if (!insecure && options.caFile !== undefined && url.protocol === "https:") {
    client = Deno.createHttpClient({ caCerts: [readCaFile(options.caFile)] });
  }
  const post: Post = insecure
    // Deno.createHttpClient has no "skip verification" option (only the process-wide
    // --unsafely-ignore-certificate-errors flag), so --ssl=0 goes through node:https.
    ? (body, headers) => insecurePost(url, body, headers, timeoutMs)
    : (body, headers) => fetchPost(url, body, headers, timeoutMs, client);

  // After a challenge was answered, credentials go with every request (saves a round trip).
  let authorization: string | undefined;

  return {
    url: url.href,
    async send(xml) {
      const body = encodeBody(xml, "zlib");
      const headers: Record<string, string> = {
        "user-agent": USER_AGENT,
        "content-type": "application/x-compress",
        "pragma": "no-cache",
      };
      let response = await post(body, withAuth(headers, authorization));
      if (response.status === 401 && authorization === undefined) {
        authorization = answerChallenge(response.header("www-authenticate"), options);
        response = await post(body, withAuth(headers, authorization));
        if (response.status === 401) {
          authorization = undefined;
          throw new TransportError("refused", "The server refused the credentials (HTTP 401)", {
            status: 401,
          });
        }
      }
      return readReply(response);
    },
    close() {
      client?.close();
    },
  };
}

/** The Authorization header for a 401 challenge, or why we cannot answer it. */
function answerChallenge(challenge: string | null, options: TransportOptions): string {
  const basic = challenge && /(?:^|,)\s*Basic\b(?:[^,]*?\brealm=(?:"([^"]*)"|([^\s,]+)))?/i
    .exec(challenge);
  if (!basic) {
    throw new TransportError(
      "refused",
      `The server asks for authentication we do not speak (${challenge ?? "no WWW-Authenticate"})`,
      { status: 401 },
    );
  }
  const realm = basic[1] ?? basic[2] ?? "";
  if (options.user === undefined || options.password === undefined) {
    throw new TransportError(
      "refused",
      `The server asks for credentials (Basic realm "${realm}"): give --user and --password`,
      { status: 401 },
    );
  }
  if (options.realm !== undefined && options.realm !== realm) {
    throw new TransportError(
      "refused",
      `The server asks for realm "${realm}", the configured realm is "${options.realm}"`,
      { status: 401 },
    );
  }
  const token = Buffer.from(`${options.user}:${options.password}`, "utf8").toString("base64");
  return `Basic ${token}`;
}

function readReply(response: RawResponse): XmlElement {
  const { status } = response;
  if (status < 200 || status > 299) {
    const where = status >= 300 && status < 400 ? ` to ${response.header("location") ?? "?"}` : "";
    throw new TransportError(
      "refused",
      `The server answered HTTP ${status}${
        response.statusText ? " " + response.statusText : ""
      }${where}`,
      { status },
    );
  }
  if (response.body.byteLength === 0) {
    throw new TransportError("bad-reply", "The server answered with an empty body", { status });
  }
  try {
    return decodeReply(response.body);
  } catch (error) {
    throw new TransportError(
      "bad-reply",
      `The server's answer is not an OCS reply (${(error as Error).message}); is the URL right?`,
      { status, cause: error },
    );
  }
}

async function fetchPost(
  url: URL,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs: number,
  client: Deno.HttpClient | undefined,
): Promise<RawResponse> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: body as Uint8Array<ArrayBuffer>,
      // A redirected POST becomes a GET; report it instead of following it.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      ...(client ? { client } : {}),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      statusText: response.statusText,
      header: (name) => response.headers.get(name),
      body: bytes,
    };
  } catch (error) {
    throw networkError(url, timeoutMs, error);
  }
}

async function insecurePost(
  url: URL,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  // Imported on first use: node:https costs start-up time and memory every other run can skip.
  const { request: httpsRequest } = await import("node:https");
  return await new Promise((resolve, reject) => {
    const request = httpsRequest(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(body.byteLength) },
      rejectUnauthorized: false,
      timeout: timeoutMs,
    }, (response) => {
      const chunks: Uint8Array[] = [];
      response.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      response.on("error", (error: Error) => reject(networkError(url, timeoutMs, error)));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(", ") : value ?? null;
          },
          body: new Uint8Array(Buffer.concat(chunks)),
        }));
    });
    request.on("timeout", () => request.destroy(new DOMException("timeout", "TimeoutError")));
    request.on("error", (error: Error) => reject(networkError(url, timeoutMs, error)));
    request.end(Buffer.from(body));
  });
}

function networkError(url: URL, timeoutMs: number, error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError") {
    return new TransportError(
      "network",
      `No answer from ${url.host} within ${timeoutMs / 1000} s`,
      {
        cause: error,
      },
    );
  }
  // fetch says "fetch failed" and keeps the reason (refused, a certificate error) in its cause.
  const cause = (error as { cause?: unknown })?.cause;
  const detail = (cause instanceof Error ? cause : error instanceof Error ? error : null)?.message;
  return new TransportError("network", `Cannot reach ${url.host}: ${detail || String(error)}`, {
    cause: error,
  });
}

function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = Deno.readTextFileSync(path);
  } catch (error) {
    throw new TransportError(
      "config",
      `Cannot read the CA file ${path}: ${(error as Error).message}`,
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new TransportError("config", `The CA file ${path} holds no PEM certificate`);
  }
  return pem;
}

function withAuth(headers: Record<string, string>, authorization: string | undefined) {
  return authorization === undefined ? headers : { ...headers, authorization };
}
