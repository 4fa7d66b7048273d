/**
 * A small SMTP client over `Deno.connect`: EHLO, STARTTLS (or implicit TLS), AUTH PLAIN, one
 * message to several recipients. Enough to send alert e-mails through a relay or a submission
 * port; the password is never sent over a plain connection.
 *
 * @module
 */

import type { SmtpTls } from "../../config.ts";

/** Where and how to send. */
export interface SmtpOptions {
  host: string;
  port: number;
  tls: SmtpTls;
  user?: string | null;
  password?: string | null;
  /** Name given in EHLO. @default "localhost" */
  clientName?: string;
  /** Extra CA certificates (PEM) to trust, for private relays and tests. */
  caCerts?: string[];
  /** Whole-exchange time limit. @default 30000 */
  timeoutMs?: number;
}

/** A plain-text message. */
export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: Date;
}

/** The server refused a step, or the exchange failed; `reply` is the server's last answer. */
export class SmtpError extends Error {
  readonly reply: string | null;
  constructor(message: string, reply: string | null = null) {
    super(reply ? `${message}: ${reply}` : message);
    this.name = "SmtpError";
    this.reply = reply;
  }
}

interface Reply {
  code: number;
  lines: string[];
}

type Conn = Deno.Conn | Deno.TlsConn;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Line-oriented reading and writing over one connection (which can be upgraded to TLS). */
class Session {
  #conn: Conn;
  #buffer = "";

  constructor(conn: Conn) {
    this.#conn = conn;
  }

  get conn(): Conn {
    return this.#conn;
  }

  upgrade(conn: Conn): void {
    this.#conn = conn;
    this.#buffer = "";
  }

  async #line(): Promise<string> {
    for (;;) {
      const end = this.#buffer.indexOf("\r\n");
      if (end >= 0) {
        const line = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        return line;
      }
      const chunk = new Uint8Array(4096);
      const n = await this.#conn.read(chunk);
      if (n === null) throw new SmtpError("the server closed the connection");
      this.#buffer += decoder.decode(chunk.subarray(0, n));
      if (this.#buffer.length > 65536) throw new SmtpError("reply line too long");
    }
  }

  /** Reads one reply, multi-line ones (`250-…` then `250 …`) included. */
  async reply(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.#line();
      const match = /^(\d{3})([ -])(.*)$/.exec(line);
      if (!match) throw new SmtpError("malformed reply", line);
      lines.push(match[3]!);
      if (match[2] === " ") return { code: Number(match[1]), lines };
    }
  }

  async write(text: string): Promise<void> {
    const bytes = encoder.encode(text);
    for (let written = 0; written < bytes.length;) {
      written += await this.#conn.write(bytes.subarray(written));
    }
  }

  /** Sends a command and checks the reply code is one of `expect`. */
  async command(line: string, expect: number[], shown = line): Promise<Reply> {
    await this.write(`${line}\r\n`);
    const reply = await this.reply();
    if (!expect.includes(reply.code)) {
      throw new SmtpError(`${shown} refused`, `${reply.code} ${reply.lines.join(" ")}`);
    }
    return reply;
  }
}

/**
 * Sends `message`. Resolves once the server accepted it for delivery.
 *
 * @throws {SmtpError} when a step is refused, TLS is required but missing, or time runs out
 */
export async function sendMail(options: SmtpOptions, message: MailMessage): Promise<void> {
  for (const address of [message.from, ...message.to]) checkAddress(address);
  if (message.to.length === 0) throw new SmtpError("no recipient");
  const connectOptions = { hostname: options.host, port: options.port };
  let conn: Conn;
  try {
    conn = options.tls === "tls"
      ? await Deno.connectTls({ ...connectOptions, caCerts: options.caCerts })
      : await Deno.connect(connectOptions);
  } catch (error) {
    throw new SmtpError(`cannot connect to ${options.host}:${options.port}`, String(error));
  }
  const session = new Session(conn);
  const timer = setTimeout(() => session.conn.close(), options.timeoutMs ?? 30_000);
  try {
    await exchange(session, options, message);
  } catch (error) {
    if (error instanceof SmtpError) throw error;
    throw new SmtpError(`SMTP exchange with ${options.host}:${options.port} failed`, String(error));
  } finally {
    clearTimeout(timer);
    try {
      session.conn.close();
    } catch {
      // Already closed (by the server, or by the time limit).
    }
  }
}

async function exchange(session: Session, options: SmtpOptions, message: MailMessage) {
  const greeting = await session.reply();
  if (greeting.code !== 220) {
    throw new SmtpError("the server refused the session", greeting.lines.join(" "));
  }
  const name = options.clientName ?? "localhost";
  let capabilities = (await session.command(`EHLO ${name}`, [250])).lines;
  let secure = options.tls === "tls";
  const offersStartTls = capabilities.some((c) => /^STARTTLS\b/i.test(c));
  if (!secure && (options.tls === "starttls" || (options.tls === "auto" && offersStartTls))) {
    if (!offersStartTls) {
      throw new SmtpError("the server does not offer STARTTLS (smtp-tls starttls)");
    }
    await session.command("STARTTLS", [220]);
    session.upgrade(
      await Deno.startTls(session.conn as Deno.TcpConn, {
        hostname: options.host,
        caCerts: options.caCerts,
      }),
    );
    secure = true;
    capabilities = (await session.command(`EHLO ${name}`, [250])).lines;
  }
  if (options.user && options.password) {
    if (!secure && options.tls !== "none") {
      throw new SmtpError(
        "refusing to send the SMTP password over a plain connection (the server offers no STARTTLS; smtp-tls none allows it)",
      );
    }
    const token = btoa(
      String.fromCharCode(...encoder.encode(`\0${options.user}\0${options.password}`)),
    );
    await session.command(`AUTH PLAIN ${token}`, [235], "AUTH PLAIN");
  }
  await session.command(`MAIL FROM:<${message.from}>`, [250]);
  for (const to of message.to) await session.command(`RCPT TO:<${to}>`, [250, 251]);
  await session.command("DATA", [354]);
  await session.command(`${formatMessage(message)}\r\n.`, [250], "the message");
  await session.command("QUIT", [221]).catch(() => {});
}

function checkAddress(address: string): void {
  if (!/^[^\s<>@,;"]+@[^\s<>@,;"]+$/.test(address)) {
    throw new SmtpError(`"${address}" is not a plain e-mail address`);
  }
}

/** The message as sent after DATA: headers, body, CRLF line ends, dot-stuffed. */
export function formatMessage(message: MailMessage): string {
  const ascii = /^[\x20-\x7e\r\n\t]*$/.test(message.text) &&
    message.text.split("\n").every((l) => l.length <= 998);
  const id = crypto.randomUUID();
  const domain = message.from.split("@")[1]!;
  const headers = [
    `From: ${message.from}`,
    `To: ${message.to.join(", ")}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${message.date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${id}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Transfer-Encoding: ${ascii ? "7bit" : "base64"}`,
  ];
  const body = ascii
    ? message.text.replace(/\r?\n/g, "\r\n")
    : (btoa(String.fromCharCode(...encoder.encode(message.text))).match(/.{1,76}/g) ?? [])
      .join("\r\n");
  // A line starting with "." would end DATA early: double it (RFC 5321 §4.5.2).
  return `${headers.join("\r\n")}\r\n\r\n${body}`.replace(/(^|\r\n)\./g, "$1..");
}

/** A header value: as is when printable ASCII, else RFC 2047 base64; never a line break. */
function encodeHeader(value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ");
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  return `=?UTF-8?B?${btoa(String.fromCharCode(...encoder.encode(flat)))}?=`;
}
