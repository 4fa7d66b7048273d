/**
 * Bad input on the OCS endpoint and the upload API: every refusal gets its status and a one-line
 * reason, is logged with the client's IP (and the DEVICEID when one can be found), and leaves
 * the database exactly as it was. Before each bad request a good inventory is stored, so there
 * is always data the bad request could damage; the whole database content is then compared
 * before and after (a separate read connection, every table, every row).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { deflateSync } from "node:zlib";
import { encodeBody, writePrologRequest } from "../protocol/mod.ts";
import { readFixtureText } from "./_helpers/fixtures.ts";
import { startTestServer, type TestServer } from "./_helpers/server.ts";

const OCS_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const FULL_XML = readFixtureText("unixagent-2.10-debian12-full.xml");
const MAX_BODY = 64 * 1024;
const MAX_INFLATED = 1024 * 1024;

/** A device id in the shape agents send. */
function did(host: string): string {
  return `${host}-2026-11-21-00-00-00`;
}

/** The full inventory (781 packages) under another DEVICEID. */
function inventoryXml(deviceId: string): string {
  return FULL_XML.replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${deviceId}</DEVICEID>`);
}

// ---------------------------------------------------------------------------------------------
// Database snapshot: a hash of every row of every table, plus row counts for readable failures.

interface Snapshot {
  counts: Record<string, number>;
  hash: string;
}

function snapshot(databasePath: string): Snapshot {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const tables = db.prepare(
      "select name from sqlite_master where type = 'table' order by name",
    ).all() as { name: string }[];
    const counts: Record<string, number> = {};
    const hash = createHash("sha256");
    for (const { name } of tables) {
      // The caller's API token records its use: auth bookkeeping, not inventory data.
      if (name === "api_tokens") continue;
      const rows = db.prepare(`select * from "${name.replaceAll('"', '""')}"`).all();
      counts[name] = rows.length;
      const lines = rows.map((row) =>
        JSON.stringify(
          row,
          (_key, value) =>
            value instanceof Uint8Array
              ? `blob:${createHash("sha256").update(value).digest("hex")}`
              : value,
        )
      ).sort();
      hash.update(`${name}\n${lines.join("\n")}\n`);
    }
    return { counts, hash: hash.digest("hex") };
  } finally {
    db.close();
  }
}

function storedDeviceIds(databasePath: string): string[] {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    return (db.prepare("select deviceid from devices order by deviceid").all() as {
      deviceid: string;
    }[]).map((r) => r.deviceid);
  } finally {
    db.close();
  }
}

function contactsOf(databasePath: string, deviceId: string): number {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const row = db.prepare("select contacts from devices where deviceid = ?").get(deviceId) as
      | { contacts: number }
      | undefined;
    assert.ok(row, `device ${deviceId} is stored`);
    return row.contacts;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Requests.

function post(
  url: string,
  body: BodyInit | null,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/ocsinventory`, {
    method: "POST",
    body,
    headers: { "user-agent": OCS_UA, "content-type": "application/x-compress", ...headers },
  });
}

let seeded = 0;

/** Stores one good inventory (a new device each time) and checks it was accepted. */
async function seed(server: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const deviceId = did(`seed${++seeded}`);
  const response = await post(server.url, encodeBody(inventoryXml(deviceId), "zlib"), headers);
  await response.body?.cancel();
  assert.equal(response.status, 200, `seeding ${deviceId}`);
  return deviceId;
}

/** Log lines written since `mark` (the last line at the time of marking). */
function linesSince(server: TestServer, mark: string | undefined): string[] {
  const lines = server.log.lines;
  return mark === undefined ? [...lines] : lines.slice(lines.lastIndexOf(mark) + 1);
}

interface Expected {
  status: number;
  /** The DEVICEID the refusal's log line must carry (omitted: no DEVICEID can be found). */
  deviceid?: string;
  /** What the one-line reason must say. */
  reason?: RegExp;
  /** The answer is the API's JSON error `{status, message, data}` rather than text. */
  json?: boolean;
  /** Log level/message of the refusal line (default `refused`). */
  logMessage?: string;
  /** The refusal is expected in the log (default true). */
  logged?: boolean;
}

/**
 * Seeds a good inventory, snapshots the database, sends the bad request, and checks the status,
 * the one-line reason, the log line, and that the database did not change.
 */
async function expectRefused(
  server: TestServer,
  send: () => Promise<Response>,
  expected: Expected,
  seedHeaders: Record<string, string> = {},
): Promise<{ body: string; response: Response; log: string[] }> {
  await seed(server, seedHeaders);
  await server.server.ctx.writes.drain();
  const before = snapshot(server.config.databasePath);
  const mark = server.log.lines.at(-1);

  const response = await send();
  const body = await response.text();
  await server.server.ctx.writes.drain();
  const after = snapshot(server.config.databasePath);

  assert.equal(response.status, expected.status, `status (body: ${body.slice(0, 200)})`);
  assert.deepEqual(after, before, "the database changed");

  let reason: string;
  if (expected.json) {
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const parsed = JSON.parse(body) as { status: unknown; message: unknown; data: unknown };
    assert.equal(parsed.status, expected.status);
    assert.equal(typeof parsed.message, "string");
    assert.equal(typeof parsed.data, "object");
    assert.notEqual(parsed.data, null);
    reason = parsed.message as string;
  } else {
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
    assert.match(body, /^[^\n]+\n$/, `one-line reason, got ${JSON.stringify(body.slice(0, 300))}`);
    reason = body.trim();
  }
  assert.ok(reason.length > 0 && reason.length < 300, `short reason: ${reason}`);
  assert.doesNotMatch(reason, /\bat .*:\d+:\d+|Error:|stack/i, `no stack in ${reason}`);
  if (expected.reason) assert.match(reason, expected.reason);

  const log = linesSince(server, mark);
  if (expected.logged !== false) {
    const message = expected.logMessage ?? "refused";
    const line = log.find((l) =>
      l.includes(` ${message} `) && l.includes(`status=${expected.status}`)
    );
    assert.ok(line, `a "${message}" line with status=${expected.status} in:\n${log.join("\n")}`);
    assert.match(line, / ip=127\.0\.0\.1\b/, `IP in ${line}`);
    if (expected.deviceid !== undefined) {
      assert.ok(
        line.includes(`deviceid=${expected.deviceid}`) ||
          line.includes(`deviceid=${JSON.stringify(expected.deviceid)}`),
        `deviceid=${expected.deviceid} in ${line}`,
      );
    }
    assert.match(line, / reason=/, `reason in ${line}`);
    assert.equal(line.includes("\n"), false);
  }
  return { body, response, log };
}

/** Deterministic pseudo-random bytes (xorshift), never starting like zlib, gzip or `<?xml`. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  out[0] = 0x00;
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A body that arrives in `chunk`-sized pieces, without Content-Length (chunked encoding). */
function streamed(bytes: Uint8Array, chunk = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE REQUEST [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<REQUEST><DEVICEID>${did("laughs")}</DEVICEID><QUERY>PROLOG</QUERY><X>&lol9;</X></REQUEST>
`;

// ---------------------------------------------------------------------------------------------

Deno.test("bad input on /ocsinventory is refused, logged, and changes nothing", async (t) => {
  const server = await startTestServer({
    maxBodyBytes: MAX_BODY,
    maxInflatedBytes: MAX_INFLATED,
  });
  const { url } = server;
  const step = (name: string, fn: () => Promise<unknown>) =>
    t.step(name, async () => {
      await fn();
    });
  try {
    await step("PUT, DELETE, PATCH → 405", async () => {
      for (const method of ["PUT", "DELETE", "PATCH"]) {
        const { response } = await expectRefused(
          server,
          () => fetch(`${url}/ocsinventory`, { method, body: encodeBody("<?xml x", "zlib") }),
          { status: 405, reason: /POST/ },
        );
        assert.equal(response.headers.get("allow"), "POST");
      }
    });

    await step("GET → 400", async () => {
      await expectRefused(server, () => fetch(`${url}/ocsinventory`), {
        status: 400,
        reason: /POST/,
      });
      await expectRefused(server, () => fetch(`${url}/ocsinventory/deploy/x`), { status: 400 });
    });

    await step("empty body → 400", async () => {
      await expectRefused(server, () => post(url, null), { status: 400, reason: /empty/i });
      await expectRefused(server, () => post(url, new Uint8Array(0)), {
        status: 400,
        reason: /empty/i,
      });
    });

    await step("random bytes → 400", async () => {
      await expectRefused(server, () => post(url, noise(4096)), {
        status: 400,
        reason: /neither zlib, gzip nor XML/,
      });
      // gzip magic, then garbage.
      const fakeGzip = noise(512);
      fakeGzip.set([0x1f, 0x8b], 0);
      await expectRefused(server, () => post(url, fakeGzip), {
        status: 400,
        reason: /decompress as gzip/,
      });
    });

    await step("truncated zlib stream → 400", async () => {
      const whole = encodeBody(inventoryXml(did("truncated")), "zlib");
      await expectRefused(server, () => post(url, whole.slice(0, whole.length >> 1)), {
        status: 400,
        reason: /decompress as zlib/,
      });
      // A stream cut just before its Adler-32 trailer.
      await expectRefused(server, () => post(url, whole.slice(0, whole.length - 4)), {
        status: 400,
        reason: /decompress/,
      });
    });

    await step("malformed XML → 400, DEVICEID still logged", async () => {
      const unclosed = inventoryXml(did("unclosed")).replace("</REQUEST>", "");
      await expectRefused(server, () => post(url, encodeBody(unclosed, "zlib")), {
        status: 400,
        deviceid: did("unclosed"),
        reason: /Malformed XML: Unclosed element "REQUEST"/,
      });
      const mismatched = inventoryXml(did("mismatch")).replace("</BIOS>", "</BIOSX>");
      await expectRefused(server, () => post(url, encodeBody(mismatched, "zlib")), {
        status: 400,
        deviceid: did("mismatch"),
        reason: /Malformed XML: End tag "BIOSX" does not match "BIOS"/,
      });
      // Plain XML (no compression) is accepted framing; this one has an unquoted attribute.
      const unquoted = `<?xml version="1.0"?>\n<REQUEST><DEVICEID>${
        did("attr")
      }</DEVICEID><QUERY>PROLOG</QUERY><BIOS A=1/></REQUEST>`;
      await expectRefused(server, () => post(url, encodeBody(unquoted, "plain")), {
        status: 400,
        deviceid: did("attr"),
        reason: /Malformed XML/,
      });
    });

    await step("DOCTYPE with an entity declaration → 400", async () => {
      const xml = inventoryXml(did("doctype")).replace(
        "<REQUEST>",
        '<!DOCTYPE REQUEST [<!ENTITY x "y">]>\n<REQUEST>',
      );
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        deviceid: did("doctype"),
        reason: /DOCTYPE/,
      });
      // An external entity (XXE) the same way.
      const xxe =
        `<?xml version="1.0"?>\n<!DOCTYPE REQUEST [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<REQUEST><DEVICEID>${did("xxe")}</DEVICEID><QUERY>PROLOG</QUERY><T>&x;</T></REQUEST>`;
      await expectRefused(server, () => post(url, encodeBody(xxe, "zlib")), {
        status: 400,
        deviceid: did("xxe"),
        reason: /DOCTYPE/,
      });
    });

    await step("billion laughs → 400, quickly", async () => {
      const started = performance.now();
      await expectRefused(server, () => post(url, encodeBody(BILLION_LAUGHS, "zlib")), {
        status: 400,
        deviceid: did("laughs"),
        reason: /DOCTYPE/,
      });
      await expectRefused(server, () => post(url, encodeBody(BILLION_LAUGHS, "plain")), {
        status: 400,
        deviceid: did("laughs"),
      });
      assert.ok(performance.now() - started < 10_000);
    });

    await step("unknown entity reference → 400", async () => {
      const xml = inventoryXml(did("entity")).replace("<NAME>vm</NAME>", "<NAME>&nbsp;vm</NAME>");
      assert.notEqual(xml, inventoryXml(did("entity")));
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        deviceid: did("entity"),
        reason: /Unknown entity "&nbsp;"/,
      });
      const bare = inventoryXml(did("amp")).replace("<NAME>vm</NAME>", "<NAME>a & b</NAME>");
      await expectRefused(server, () => post(url, encodeBody(bare, "zlib")), {
        status: 400,
        deviceid: did("amp"),
        reason: /Bare '&'/,
      });
    });

    await step("unknown XML encoding → 400", async () => {
      const xml = inventoryXml(did("charset")).replace(
        /^<\?xml[^>]*\?>/,
        '<?xml version="1.0" encoding="x-no-such-charset"?>',
      );
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        reason: /Unknown XML encoding/,
      });
    });

    await step("invalid DEVICEID → 400", async () => {
      await expectRefused(server, () => post(url, encodeBody(inventoryXml("nodate"), "zlib")), {
        status: 400,
        deviceid: "nodate",
        reason: /Invalid DEVICEID "nodate"/,
      });
      await expectRefused(server, () => post(url, encodeBody(inventoryXml(""), "zlib")), {
        status: 400,
        reason: /No DEVICEID/,
      });
      const long = did("h".repeat(300));
      await expectRefused(server, () => post(url, encodeBody(inventoryXml(long), "zlib")), {
        status: 400,
        reason: /Invalid DEVICEID/,
      });
      const markup = did("a<b");
      await expectRefused(
        server,
        () => post(url, encodeBody(inventoryXml(markup.replace("<", "&lt;")), "zlib")),
        { status: 400, reason: /Invalid DEVICEID/ },
      );
      // A PROLOG with no DEVICEID at all.
      const prolog = '<?xml version="1.0"?>\n<REQUEST><QUERY>PROLOG</QUERY></REQUEST>\n';
      await expectRefused(server, () => post(url, encodeBody(prolog, "zlib")), {
        status: 400,
        reason: /No DEVICEID/,
      });
    });

    await step("missing QUERY → 400", async () => {
      const xml = inventoryXml(did("noquery")).replace("<QUERY>INVENTORY</QUERY>", "");
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        deviceid: did("noquery"),
        reason: /No QUERY/,
      });
    });

    await step("unknown QUERY (SYSTEM, FILE) → 400", async () => {
      for (const query of ["SYSTEM", "FILE", "INVENTORYX"]) {
        const xml = inventoryXml(did(`q${query}`)).replace(
          "<QUERY>INVENTORY</QUERY>",
          `<QUERY>${query}</QUERY>`,
        );
        await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
          status: 400,
          deviceid: did(`q${query}`),
          reason: new RegExp(`Unknown QUERY "${query}"`),
        });
      }
    });

    await step("INVENTORY without CONTENT → 400", async () => {
      const xml = `<?xml version="1.0"?>\n<REQUEST><DEVICEID>${
        did("nocontent")
      }</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>\n`;
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        deviceid: did("nocontent"),
        reason: /no CONTENT/,
      });
    });

    await step("wrong root element → 400", async () => {
      const xml = inventoryXml(did("root")).replace("<REQUEST>", "<REPLY>").replace(
        "</REQUEST>",
        "</REPLY>",
      );
      await expectRefused(server, () => post(url, encodeBody(xml, "zlib")), {
        status: 400,
        deviceid: did("root"),
        reason: /Root element is "REPLY"/,
      });
      const two = inventoryXml(did("tworoots")) + "<REQUEST/>";
      await expectRefused(server, () => post(url, encodeBody(two, "zlib")), {
        status: 400,
        deviceid: did("tworoots"),
        reason: /second root/,
      });
    });

    // An incompressible inventory: a comment of random hex keeps the zlib body over the cap.
    const bigXml = inventoryXml(did("big")).replace(
      "<REQUEST>",
      `<!-- ${hex(noise(120 * 1024))} -->\n<REQUEST>`,
    );
    const bigBody = encodeBody(bigXml, "zlib");
    assert.ok(bigBody.length > MAX_BODY, `test body ${bigBody.length} bytes`);

    await step("compressed body over maxBodyBytes (Content-Length) → 413", async () => {
      await expectRefused(server, () => post(url, bigBody), {
        status: 413,
        reason: new RegExp(`over the ${MAX_BODY}-byte limit`),
      });
    });

    await step("compressed body over maxBodyBytes (chunked, no Content-Length) → 413", async () => {
      await expectRefused(server, () => post(url, streamed(bigBody)), {
        status: 413,
        reason: new RegExp(`over the ${MAX_BODY}-byte limit`),
      });
    });

    await step("zlib bomb (50 MB of zeros) → 413", async () => {
      const bomb = deflateSync(new Uint8Array(50 * 1024 * 1024), { level: 9 });
      assert.ok(bomb.length < MAX_BODY, `bomb is ${bomb.length} bytes`);
      await expectRefused(server, () => post(url, new Uint8Array(bomb)), {
        status: 413,
        reason: new RegExp(`inflates past the ${MAX_INFLATED}-byte limit`),
      });
      // The same with an XML prefix, gzip-framed.
      const xmlBomb = encodeBody(
        `<?xml version="1.0"?>\n<REQUEST><DEVICEID>${did("bomb")}</DEVICEID><X>${
          " ".repeat(8 * 1024 * 1024)
        }</X></REQUEST>`,
        "gzip",
      );
      assert.ok(xmlBomb.length < MAX_BODY);
      await expectRefused(server, () => post(url, xmlBomb), {
        status: 413,
        reason: /inflates past/,
      });
      // Plain XML over the inflated cap is refused as well (it is under the body cap here
      // only if the caps say so, so send it with a larger body cap elsewhere: just check size).
    });

    await step(
      "an unaccepted user agent → 400 for every query; an accepted one → 200",
      async () => {
        // A known device: an accepted PROLOG counts a contact, a refused one must not.
        const deviceId = await seed(server);
        const prolog = encodeBody(writePrologRequest(deviceId), "zlib");
        const inventory = encodeBody(inventoryXml(did("uainv")), "zlib");
        const contacts = () => contactsOf(server.config.databasePath, deviceId);
        const before = contacts();
        for (
          const ua of ["curl/8", "curl/8.5.0", "OCS-NG_unified_unix_agentX_v2.10", "Mozilla/5.0"]
        ) {
          // Refused before the body is read: the log line has no DEVICEID.
          for (const body of [prolog, inventory]) {
            await expectRefused(server, () => post(url, body, { "user-agent": ua }), {
              status: 400,
              reason: /is not accepted/,
            });
          }
        }
        assert.equal(contacts(), before);
        const accepted = await post(url, prolog, { "user-agent": OCS_UA });
        const reply = new Uint8Array(await accepted.arrayBuffer());
        assert.equal(accepted.status, 200);
        assert.equal(reply[0], 0x78, "zlib reply");
        assert.equal(contacts(), before + 1);
      },
    );

    await step("what only browsers send → 403, before anything is read", async () => {
      const body = () => encodeBody(inventoryXml(did("browser")), "zlib");
      const browserish: [Record<string, string>, RegExp][] = [
        [{ origin: "http://127.0.0.2:9999" }, /Origin/],
        [{ origin: "null" }, /Origin/],
        [{ "sec-fetch-site": "cross-site" }, /Sec-Fetch-Site/],
        [{ "sec-fetch-site": "same-site" }, /Sec-Fetch-Site/],
        [{ "sec-fetch-site": "same-origin" }, /Sec-Fetch-Site/],
        [{ "content-type": "text/plain;charset=UTF-8" }, /form content type/],
        [{ "content-type": "application/x-www-form-urlencoded" }, /form content type/],
        [{ "content-type": "Multipart/Form-Data; boundary=x" }, /form content type/],
      ];
      for (const [headers, reason] of browserish) {
        await expectRefused(server, () => post(url, body(), headers), { status: 403, reason });
      }
      // What agents send (and a user-initiated Sec-Fetch-Site) passes.
      for (
        const type of ["application/x-compress", "application/x-compress-zlib", "application/xml"]
      ) {
        const response = await post(url, body(), {
          "content-type": type,
          "sec-fetch-site": "none",
        });
        await response.body?.cancel();
        assert.equal(response.status, 200, type);
      }
    });

    await step("a store failure → 500, the inventory rolled back whole", async () => {
      // The store cannot be made to fail with valid XML alone; a trigger on the last table an
      // inventory writes (the raw payload) makes it fail after every other write was done.
      const admin = new DatabaseSync(server.config.databasePath);
      admin.exec(`create trigger test_reject before insert on device_payloads
        when (select deviceid from devices where id = new.device_id) like 'storefail%'
        begin select raise(abort, 'rejected by the test'); end`);
      admin.close();
      try {
        const deviceId = did("storefail");
        const { log } = await expectRefused(
          server,
          () => post(url, encodeBody(inventoryXml(deviceId), "zlib")),
          {
            status: 500,
            deviceid: deviceId,
            reason: /nothing was saved/,
            logMessage: "failed",
          },
        );
        assert.ok(log.some((l) => l.includes("rejected by the test")), log.join("\n"));
        assert.equal(storedDeviceIds(server.config.databasePath).includes(deviceId), false);
      } finally {
        const admin = new DatabaseSync(server.config.databasePath);
        admin.exec("drop trigger test_reject");
        admin.close();
      }
    });

    await step("a client that aborts mid-body does not hurt the server", async () => {
      await seed(server);
      await server.server.ctx.writes.drain();
      const before = snapshot(server.config.databasePath);
      const body = encodeBody(inventoryXml(did("aborted")), "zlib");
      let sent = 0;
      const failing = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > body.length / 2) {
            controller.error(new Error("client gave up"));
            return;
          }
          controller.enqueue(body.slice(sent, sent + 4096));
          sent += 4096;
        },
      });
      await post(url, failing).then((r) => r.body?.cancel(), () => {});
      // Give the server a moment to notice the broken request.
      await new Promise((r) => setTimeout(r, 100));
      await server.server.ctx.writes.drain();
      assert.deepEqual(snapshot(server.config.databasePath), before);
    });

    await step("the server still answers after all of that", async () => {
      const health = await fetch(`${url}/healthz`);
      assert.deepEqual(await health.json(), { ok: true });
      const deviceId = await seed(server);
      assert.ok(storedDeviceIds(server.config.databasePath).includes(deviceId));
      assert.ok(
        !server.log.lines.some((l) => / ERROR unhandled /.test(l)),
        "no unhandled error was logged",
      );
    });
  } finally {
    await server.stop();
  }
});

Deno.test("HTTP Basic auth: no or wrong credentials → 401 and nothing stored", async (t) => {
  const realm = "OCS Inventory";
  const server = await startTestServer({
    agentUser: "agent",
    agentPassword: "s3cret:x",
    agentRealm: realm,
  });
  const { url } = server;
  const good = { authorization: `Basic ${btoa("agent:s3cret:x")}` };
  try {
    await t.step("no credentials → 401 with the realm", async () => {
      const { response } = await expectRefused(
        server,
        () => post(url, encodeBody(inventoryXml(did("noauth")), "zlib")),
        // Agents always post once without credentials first: that leg is not a warning.
        { status: 401, reason: /Authentication required/, logged: false },
        good,
      );
      assert.equal(response.headers.get("www-authenticate"), `Basic realm="${realm}"`);
    });

    await t.step("wrong credentials → 401", async () => {
      for (
        const authorization of [
          `Basic ${btoa("agent:wrong")}`,
          `Basic ${btoa("other:s3cret:x")}`,
          `Basic ${btoa("agent:s3cret:x ")}`,
          "Basic !!!not-base64",
          `Bearer ${btoa("agent:s3cret:x")}`,
        ]
      ) {
        const { response } = await expectRefused(
          server,
          () => post(url, encodeBody(inventoryXml(did("badauth")), "zlib"), { authorization }),
          { status: 401, reason: /Authentication required/ },
          good,
        );
        assert.equal(response.headers.get("www-authenticate"), `Basic realm="${realm}"`);
      }
    });

    await t.step("right credentials → 200", async () => {
      const deviceId = did("goodauth");
      const response = await post(url, encodeBody(inventoryXml(deviceId), "zlib"), good);
      await response.body?.cancel();
      assert.equal(response.status, 200);
      assert.ok(storedDeviceIds(server.config.databasePath).includes(deviceId));
      assert.equal(storedDeviceIds(server.config.databasePath).includes(did("badauth")), false);
      assert.equal(storedDeviceIds(server.config.databasePath).includes(did("noauth")), false);
    });
  } finally {
    await server.stop();
  }
});

Deno.test("upload API: bad files are refused as JSON errors, good ones stored", async (t) => {
  const server = await startTestServer({
    maxBodyBytes: MAX_BODY,
    maxInflatedBytes: MAX_INFLATED,
  });
  const api = `${server.url}/api/v1/inventories`;
  try {
    await t.step("raw body: undecodable → 400 JSON", async () => {
      await expectRefused(
        server,
        () =>
          fetch(`${api}?name=junk.ocs`, server.authorized({ method: "POST", body: noise(2048) })),
        { status: 400, json: true, reason: /neither zlib/, logMessage: "import refused" },
      );
    });

    await t.step("raw body: malformed XML → 400 JSON with the DEVICEID logged", async () => {
      const xml = inventoryXml(did("upmalformed")).replace("</BIOS>", "</BIOSX>");
      await expectRefused(
        server,
        () =>
          fetch(
            `${api}?name=bad.ocs`,
            server.authorized({ method: "POST", body: encodeBody(xml, "zlib") }),
          ),
        {
          status: 400,
          json: true,
          deviceid: did("upmalformed"),
          reason: /Malformed XML/,
          logMessage: "import refused",
        },
      );
    });

    await t.step("raw body: a PROLOG is not an inventory → 400 JSON", async () => {
      await expectRefused(
        server,
        () =>
          fetch(
            `${api}?name=prolog.ocs`,
            server.authorized({
              method: "POST",
              body: encodeBody(writePrologRequest(did("upprolog")), "zlib"),
            }),
          ),
        {
          status: 400,
          json: true,
          deviceid: did("upprolog"),
          reason: /Not an inventory/,
          logMessage: "import refused",
        },
      );
    });

    await t.step("raw body over maxBodyBytes → 413 JSON", async () => {
      const big = encodeBody(
        inventoryXml(did("upbig")).replace(
          "<REQUEST>",
          `<!-- ${hex(noise(120 * 1024))} -->\n<REQUEST>`,
        ),
        "zlib",
      );
      await expectRefused(
        server,
        () => fetch(`${api}?name=big.ocs`, server.authorized({ method: "POST", body: big })),
        { status: 413, json: true, reason: /limit/, logMessage: "import refused" },
      );
    });

    await t.step("malformed multipart → 400 JSON", async () => {
      await expectRefused(
        server,
        () =>
          fetch(
            api,
            server.authorized({
              method: "POST",
              body: "--nope\r\ngarbage without an end",
              headers: { "content-type": "multipart/form-data; boundary=xyz" },
            }),
          ),
        { status: 400, json: true, logMessage: "import refused" },
      );
    });

    await t.step("multipart over the total upload cap → 413 JSON", async () => {
      const form = new FormData();
      // The test server caps one body at 64 KB; one form may carry 8 of them in all.
      for (let i = 0; i < 9; i++) form.append("file", new Blob([noise(64 * 1024)]), `f${i}.ocs`);
      await expectRefused(
        server,
        () => fetch(api, server.authorized({ method: "POST", body: form })),
        { status: 413, json: true, reason: /limit for one form/, logMessage: "import refused" },
      );
    });

    await t.step("multipart with only bad files → 400 JSON", async () => {
      const form = new FormData();
      form.append("file", new Blob([noise(100)]), "junk1.ocs");
      form.append("file", new Blob(["<?xml version='1.0'?><REQUEST>"]), "junk2.xml");
      const { body } = await expectRefused(
        server,
        () => fetch(api, server.authorized({ method: "POST", body: form })),
        { status: 400, json: true, logMessage: "import refused" },
      );
      const parsed = JSON.parse(body) as { data: { results: { file: string; ok: boolean }[] } };
      assert.deepEqual(parsed.data.results.map((r) => [r.file, r.ok]), [
        ["junk1.ocs", false],
        ["junk2.xml", false],
      ]);
    });

    await t.step(
      "multipart with one good and one bad file → good stored, bad reported",
      async () => {
        await seed(server);
        const before = storedDeviceIds(server.config.databasePath);
        const goodId = did("upgood");
        const badId = did("upbad");
        const form = new FormData();
        form.append(
          "file",
          new Blob([encodeBody(inventoryXml(goodId), "zlib")]),
          "good.ocs",
        );
        form.append(
          "file",
          new Blob([encodeBody(inventoryXml(badId).replace("</BIOS>", ""), "zlib")]),
          "bad.ocs",
        );
        const mark = server.log.lines.at(-1);
        const response = await fetch(api, server.authorized({ method: "POST", body: form }));
        const result = await response.json() as {
          imported: number;
          failed: number;
          results: { file: string; ok: boolean; status: number; message: string }[];
        };
        assert.equal(response.status, 200);
        assert.equal(result.imported, 1);
        assert.equal(result.failed, 1);
        const [good, bad] = result.results;
        assert.equal(good?.file, "good.ocs");
        assert.equal(good?.ok, true);
        assert.equal(bad?.file, "bad.ocs");
        assert.equal(bad?.ok, false);
        assert.equal(bad?.status, 400);
        assert.match(bad?.message ?? "", /^Malformed XML/);
        assert.deepEqual(storedDeviceIds(server.config.databasePath), [...before, goodId].sort());
        const line = linesSince(server, mark).find((l) => l.includes("import refused"));
        assert.ok(line?.includes("file=bad.ocs"), line);
        assert.ok(line?.includes(`deviceid=${badId}`), line);
        assert.match(line ?? "", / ip=127\.0\.0\.1\b/);
      },
    );

    await t.step("the API still answers", async () => {
      const response = await fetch(`${server.url}/api/v1/devices`, server.authorized());
      assert.equal(response.status, 200);
      await response.body?.cancel();
    });
  } finally {
    await server.stop();
  }
});
