import assert from "node:assert/strict";
import { makeCertificates } from "../../../tests/_helpers/certs.ts";
import { startSmtpServer } from "../../../tests/_helpers/smtp_server.ts";
import { formatMessage, type MailMessage, sendMail, SmtpError } from "./smtp.ts";

const message: MailMessage = {
  from: "inventory@example.org",
  to: ["admin@example.org", "ops@example.org"],
  subject: "Task backup failed 5 of its last 10 runs",
  text: "Last error: disk full\n.hidden line starting with a dot\nSee: inventory tasks log backup",
  date: new Date("2026-11-21T03:15:00Z"),
};

Deno.test("sendMail() delivers one message to every recipient over plain SMTP", async () => {
  const server = startSmtpServer();
  try {
    await sendMail({ host: "127.0.0.1", port: server.port, tls: "auto" }, message);
    assert.equal(server.messages.length, 1);
    const mail = server.messages[0]!;
    assert.equal(mail.from, "inventory@example.org");
    assert.deepEqual(mail.to, ["admin@example.org", "ops@example.org"]);
    assert.match(mail.data, /^Subject: Task backup failed 5 of its last 10 runs$/m);
    assert.match(mail.data, /^Date: Sat, 21 Nov 2026 03:15:00 \+0000$/m);
    assert.match(
      mail.data,
      /\r\n\r\nLast error: disk full\r\n\.hidden line/,
      "dot-stuffing undone",
    );
    assert.deepEqual(server.commands.at(-1), "QUIT");
  } finally {
    await server.close();
  }
});

Deno.test("sendMail() never sends a password in clear unless told to", async () => {
  const credentials = { user: "alerts", password: "s3cret" };
  const server = startSmtpServer({ credentials });
  try {
    const options = { host: "127.0.0.1", port: server.port, ...credentials };
    await assert.rejects(
      sendMail({ ...options, tls: "auto" }, message),
      (e: unknown) =>
        e instanceof SmtpError && /refusing to send the SMTP password/.test(e.message),
    );
    await assert.rejects(
      sendMail({ ...options, tls: "starttls" }, message),
      /does not offer STARTTLS/,
    );
    assert.ok(!server.commands.some((c) => c.startsWith("AUTH")), "no AUTH was sent");
    await assert.rejects(
      sendMail({ ...options, password: "wrong", tls: "none" }, message),
      (e: unknown) => e instanceof SmtpError && /AUTH PLAIN refused: 535/.test(e.message),
    );
    await sendMail({ ...options, tls: "none" }, message);
    assert.equal(server.messages.length, 1);
    assert.equal(server.messages[0]!.user, "alerts");
  } finally {
    await server.close();
  }
});

Deno.test("sendMail() speaks implicit TLS and authenticates inside it", async () => {
  const dir = Deno.makeTempDirSync();
  const certs = await makeCertificates(dir);
  const credentials = { user: "alerts", password: "s3cret" };
  const server = startSmtpServer({
    credentials,
    tls: { cert: Deno.readTextFileSync(certs.cert), key: Deno.readTextFileSync(certs.key) },
  });
  try {
    await sendMail({
      host: "localhost",
      port: server.port,
      tls: "tls",
      ...credentials,
      caCerts: [Deno.readTextFileSync(certs.ca)],
    }, message);
    assert.equal(server.messages[0]!.user, "alerts");
  } finally {
    await server.close();
  }
});

Deno.test("sendMail() reports a closed port and a malformed address as SmtpError", async () => {
  await assert.rejects(
    sendMail({ host: "127.0.0.1", port: 9, tls: "none" }, message),
    (e: unknown) => e instanceof SmtpError && /cannot connect to 127\.0\.0\.1:9/.test(e.message),
  );
  await assert.rejects(
    sendMail({ host: "127.0.0.1", port: 25, tls: "none" }, { ...message, to: ["not an address"] }),
    (e: unknown) =>
      e instanceof SmtpError && /"not an address" is not a plain e-mail/.test(e.message),
  );
});

Deno.test("formatMessage() encodes non-ASCII subjects and bodies, and keeps headers one line", () => {
  const text = formatMessage({
    ...message,
    subject: "Tâche échouée\r\nBcc: victim@example.org",
    text: "Réseau indisponible",
  });
  const [headers, body] = text.split("\r\n\r\n");
  assert.match(headers!, /^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
  assert.doesNotMatch(headers!, /^Bcc:/m, "no header injection");
  assert.match(headers!, /Content-Transfer-Encoding: base64/);
  assert.equal(
    new TextDecoder().decode(
      Uint8Array.from(atob(body!.replace(/\r\n/g, "")), (c) => c.charCodeAt(0)),
    ),
    "Réseau indisponible",
  );
});
