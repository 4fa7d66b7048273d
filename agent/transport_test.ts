import assert from "node:assert/strict";
import {
  decodeRequest,
  encodeBody,
  readPrologReply,
  writePrologReply,
  writePrologRequest,
} from "../protocol/mod.ts";
import { createTransport, TransportError, USER_AGENT } from "./transport.ts";
import { makeCertificates } from "../tests/_helpers/certs.ts";

const PROLOG = writePrologRequest("vm-2026-11-21-04-13-18");
const REPLY = encodeBody(
  writePrologReply({ response: "SEND", prologFreq: 12, inventoryOnStartup: false, options: [] }),
  "zlib",
);

interface Seen {
  headers: Headers;
  body: Uint8Array;
}

/** A stub server: `handler` answers, every request is kept. */
function stub(
  handler: (req: Request, n: number) => Response | Promise<Response>,
  tls?: { cert: string; key: string },
) {
  const seen: Seen[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {}, ...tls },
    async (req) => {
      seen.push({ headers: req.headers, body: new Uint8Array(await req.arrayBuffer()) });
      return handler(req, seen.length);
    },
  );
  const scheme = tls ? "https" : "http";
  return { url: `${scheme}://127.0.0.1:${server.addr.port}/ocsinventory`, seen, server };
}

const challenge = (realm: string) => (req: Request) =>
  req.headers.get("authorization") === `Basic ${btoa("agent:pw")}`
    ? new Response(REPLY)
    : new Response("no", {
      status: 401,
      headers: { "www-authenticate": `Basic realm="${realm}"` },
    });

async function refusal(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => null, (e) => e);
  assert.ok(error instanceof TransportError, `expected a TransportError, got ${error}`);
  return error;
}

Deno.test("transport: the User-Agent passes stock OCS servers' gate (2.8.1 and 2.12 rules)", () => {
  // Useragent.pm: NAME_vVERSION, NAME allow-listed, VERSION cut to <digit>.<digit> (§1.4).
  const match = /^(.+)_v(\d)\.(\d)/.exec(USER_AGENT)!;
  assert.equal(match[1], "OCS-NG_unified_unix_agent");
  const [major, minor] = [Number(match[2]), Number(match[3])];
  assert.ok(major < 2 || (major === 2 && minor <= 12), "2.12: major/minor compared");
  assert.ok(Number(`${major}.${minor}`) <= 2.8, "2.8.1: the cut value compared as a number");
  assert.ok(USER_AGENT.length <= 50 && !/[<>"';]/.test(USER_AGENT), "hardware.USERAGENT");
});

Deno.test("transport: zlib body, OCS agent headers, reply decoded", async () => {
  const { url, seen, server } = stub(() => new Response(REPLY));
  const transport = createTransport({ url });
  try {
    const reply = readPrologReply(await transport.send(PROLOG));
    assert.equal(reply.response, "SEND");
    assert.equal(reply.prologFreq, 12);
    const [request] = seen;
    assert.equal(request!.headers.get("user-agent"), USER_AGENT);
    assert.equal(request!.headers.get("content-type"), "application/x-compress");
    assert.equal(request!.headers.get("pragma"), "no-cache");
    assert.equal(request!.headers.get("authorization"), null);
    assert.equal(request!.headers.get("content-length"), String(request!.body.byteLength));
    assert.deepEqual([...request!.body.subarray(0, 2)], [0x78, 0x9c]);
    assert.equal(decodeRequest(request!.body).request.query, "PROLOG");
  } finally {
    transport.close();
    await server.shutdown();
  }
});

Deno.test("transport: Basic auth only after a 401 challenge for the configured realm", async () => {
  const { url, seen, server } = stub(challenge("Inventory Agents"));
  try {
    const transport = createTransport({
      url,
      user: "agent",
      password: "pw",
      realm: "Inventory Agents",
    });
    await transport.send(PROLOG);
    assert.equal(seen.length, 2);
    assert.equal(seen[0]!.headers.get("authorization"), null);
    assert.equal(seen[1]!.headers.get("authorization"), `Basic ${btoa("agent:pw")}`);
    // Once answered, the credentials go along at once.
    await transport.send(PROLOG);
    assert.equal(seen.length, 3);
    transport.close();

    // No realm configured: any realm is answered.
    await createTransport({ url, user: "agent", password: "pw" }).send(PROLOG);
    assert.equal(seen.length, 5);

    // Another realm: refused without sending the credentials.
    const other = await refusal(
      createTransport({ url, user: "agent", password: "pw", realm: "Elsewhere" }).send(PROLOG),
    );
    assert.equal(other.exitCode, 5);
    assert.match(other.message, /realm "Inventory Agents".*"Elsewhere"/);
    assert.equal(seen.length, 6);

    const none = await refusal(createTransport({ url }).send(PROLOG));
    assert.match(none.message, /give --user and --password/);
    assert.equal(none.status, 401);

    // Wrong password: exactly one retry.
    const before = seen.length;
    const wrong = await refusal(
      createTransport({ url, user: "agent", password: "x" }).send(PROLOG),
    );
    assert.match(wrong.message, /refused the credentials/);
    assert.equal(seen.length, before + 2);
  } finally {
    await server.shutdown();
  }
});

Deno.test("transport: errors map to exit codes (refused 5, network 4, config 3)", async () => {
  const { url, server } = stub((req) => {
    const mode = new URL(req.url).searchParams.get("m");
    if (mode === "500") return new Response("oops", { status: 500 });
    if (mode === "empty") return new Response(null);
    if (mode === "html") return new Response("<html>hi</html>");
    if (mode === "redirect") return Response.redirect("http://127.0.0.1:1/x", 302);
    return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(REPLY)), 300));
  });
  try {
    const e500 = await refusal(createTransport({ url: `${url}?m=500` }).send(PROLOG));
    assert.deepEqual([e500.kind, e500.status, e500.exitCode], ["refused", 500, 5]);
    const empty = await refusal(createTransport({ url: `${url}?m=empty` }).send(PROLOG));
    assert.deepEqual([empty.kind, empty.exitCode], ["bad-reply", 5]);
    const html = await refusal(createTransport({ url: `${url}?m=html` }).send(PROLOG));
    assert.match(html.message, /not an OCS reply/);
    const moved = await refusal(createTransport({ url: `${url}?m=redirect` }).send(PROLOG));
    assert.match(moved.message, /HTTP 302.*to http:\/\/127\.0\.0\.1:1\/x/);
    const slow = await refusal(
      createTransport({ url: `${url}?m=slow`, timeoutMs: 50 }).send(PROLOG),
    );
    assert.deepEqual([slow.kind, slow.exitCode], ["network", 4]);
    assert.match(slow.message, /No answer .* within 0\.05 s/);
  } finally {
    await server.shutdown();
  }
  // Nothing listens there any more.
  const closed = await refusal(createTransport({ url }).send(PROLOG));
  assert.deepEqual([closed.kind, closed.exitCode], ["network", 4]);
  assert.match(closed.message, /Cannot reach 127\.0\.0\.1:\d+/);

  for (const options of [{ url: "ftp://x/" }, { url: "not a url" }]) {
    assert.throws(() => createTransport(options), (e: TransportError) => e.exitCode === 3);
  }
  assert.throws(
    () => createTransport({ url: "https://x/ocsinventory", caFile: "/nonexistent/ca.pem" }),
    (e: TransportError) => e.kind === "config" && /Cannot read the CA file/.test(e.message),
  );
});

Deno.test("transport: HTTPS verified with a CA file; --ssl=0 skips verification", async () => {
  const dir = Deno.makeTempDirSync();
  const { ca, cert, key } = await makeCertificates(dir);
  const tls = { cert: Deno.readTextFileSync(cert), key: Deno.readTextFileSync(key) };
  const { url, seen, server } = stub(challenge("r"), tls);
  try {
    const verified = createTransport({ url, caFile: ca, user: "agent", password: "pw" });
    assert.equal(readPrologReply(await verified.send(PROLOG)).response, "SEND");
    verified.close();

    const untrusted = await refusal(createTransport({ url }).send(PROLOG));
    assert.equal(untrusted.kind, "network");

    // ssl=0: no verification, but the same headers, body and Basic auth handshake.
    const before = seen.length;
    const insecure = createTransport({ url, ssl: false, user: "agent", password: "pw" });
    assert.equal(readPrologReply(await insecure.send(PROLOG)).response, "SEND");
    assert.equal(seen.length, before + 2);
    assert.equal(seen.at(-1)!.headers.get("user-agent"), USER_AGENT);
    assert.equal(decodeRequest(seen.at(-1)!.body).request.query, "PROLOG");

    const e404 = await refusal(
      createTransport({ url: url.replace("/ocsinventory", "/nope"), ssl: false }).send(PROLOG),
    );
    assert.equal(e404.exitCode, 5);
  } finally {
    await server.shutdown();
  }
});
