/**
 * A tiny SMTP server for tests: greets, answers EHLO (optionally advertising AUTH), checks AUTH
 * PLAIN, takes MAIL/RCPT/DATA and keeps each message. Plain TCP, or implicit TLS when given a
 * certificate. It cannot do STARTTLS (Deno has no server-side TLS upgrade).
 *
 * @module
 */

/** A message the server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** Everything between DATA and the final dot, dot-stuffing undone, CRLF kept. */
  data: string;
  /** The user that authenticated, if any. */
  user: string | null;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Every command line received, in order (AUTH lines included as sent). */
  commands: string[];
  close(): Promise<void>;
}

/** Starts the server on a random loopback port. */
export function startSmtpServer(
  options: {
    credentials?: { user: string; password: string };
    tls?: { cert: string; key: string };
  } = {},
): TestSmtpServer {
  const listener = options.tls
    ? Deno.listenTls({ hostname: "127.0.0.1", port: 0, ...options.tls })
    : Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const messages: ReceivedMail[] = [];
  const commands: string[] = [];
  const sessions: Promise<void>[] = [];
  const accepting = (async () => {
    for await (const conn of listener) sessions.push(session(conn).catch(() => {}));
  })().catch(() => {});

  async function session(conn: Deno.Conn): Promise<void> {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    let buffer = "";
    const send = (line: string) => conn.write(encoder.encode(`${line}\r\n`));
    const readLine = async (): Promise<string | null> => {
      for (;;) {
        const end = buffer.indexOf("\r\n");
        if (end >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return line;
        }
        const chunk = new Uint8Array(4096);
        const n = await conn.read(chunk);
        if (n === null) return null;
        buffer += decoder.decode(chunk.subarray(0, n));
      }
    };
    let user: string | null = null;
    let from = "";
    let to: string[] = [];
    try {
      await send("220 test.smtp ready");
      for (;;) {
        const line = await readLine();
        if (line === null) return;
        commands.push(line);
        const verb = line.split(" ")[0]!.toUpperCase();
        if (verb === "EHLO") {
          await send("250-test.smtp hello");
          if (options.credentials) await send("250-AUTH PLAIN");
          await send("250 8BITMIME");
        } else if (verb === "AUTH") {
          const decoded = atob(line.split(" ")[2] ?? "").split("\0");
          const ok = options.credentials && decoded[1] === options.credentials.user &&
            decoded[2] === options.credentials.password;
          if (ok) user = decoded[1]!;
          await send(ok ? "235 2.7.0 authenticated" : "535 5.7.8 bad credentials");
        } else if (verb === "MAIL") {
          if (options.credentials && !user) {
            await send("530 5.7.0 authentication required");
            continue;
          }
          from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          to = [];
          await send("250 ok");
        } else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          await send("250 ok");
        } else if (verb === "DATA") {
          await send("354 go ahead");
          const lines: string[] = [];
          for (;;) {
            const dataLine = await readLine();
            if (dataLine === null) return;
            if (dataLine === ".") break;
            lines.push(dataLine.startsWith("..") ? dataLine.slice(1) : dataLine);
          }
          messages.push({ from, to, data: lines.join("\r\n"), user });
          await send("250 queued");
        } else if (verb === "QUIT") {
          await send("221 bye");
          return;
        } else {
          await send("502 not implemented");
        }
      }
    } finally {
      try {
        conn.close();
      } catch {
        // Closed by the client.
      }
    }
  }

  return {
    port: (listener.addr as Deno.NetAddr).port,
    messages,
    commands,
    async close() {
      listener.close();
      await accepting;
      await Promise.all(sessions);
    },
  };
}
