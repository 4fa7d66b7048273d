/**
 * Amplification: small bodies that inflate, or parse, into huge inventories are refused with 413
 * and a reason, and the database file does not grow; the largest real inventories still import.
 */

import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { encodeBody } from "../protocol/mod.ts";
import { startTestServer, type TestServer } from "./_helpers/server.ts";

const OCS_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const FIXTURES = new URL("../../shared/fixtures/", import.meta.url);

function inventory(deviceId: string, content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT>${content}</CONTENT>` +
    `<DEVICEID>${deviceId}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
}

/** Bytes of the database file and its WAL. */
function storedBytes(server: TestServer): number {
  let total = 0;
  for (const suffix of ["", "-wal"]) {
    try {
      total += Deno.statSync(server.config.databasePath + suffix).size;
    } catch {
      // No WAL yet.
    }
  }
  return total;
}

async function post(server: TestServer, body: Uint8Array): Promise<[number, string]> {
  const response = await fetch(`${server.url}/ocsinventory`, {
    method: "POST",
    headers: { "user-agent": OCS_UA, "content-type": "application/x-compress" },
    body: body as Uint8Array<ArrayBuffer>,
  });
  return [response.status, await response.text()];
}

Deno.test("amplification bodies get 413 with a reason and the database does not grow", async (t) => {
  const server = await startTestServer();
  try {
    // A first device, so the file has its usual shape before measuring.
    const [first] = await post(
      server,
      encodeBody(inventory("seed-2026-12-08-00-00-00", ""), "zlib"),
    );
    assert.equal(first, 200);
    await server.server.ctx.writes.drain();

    const refused = async (body: Uint8Array, reason: RegExp) => {
      const before = storedBytes(server);
      const [status, text] = await post(server, body);
      await server.server.ctx.writes.drain();
      assert.equal(status, 413, text);
      assert.match(text, reason);
      assert.equal(storedBytes(server), before, "the database file grew");
    };

    await t.step("~100 KB of zlib whose HARDWARE/NAME inflates to 100 MiB", async () => {
      const xml = inventory(
        "bomb-2026-12-08-00-00-00",
        `<HARDWARE><NAME>${"x".repeat(100 * 1024 * 1024)}</NAME></HARDWARE>`,
      );
      const body = deflateSync(new TextEncoder().encode(xml), { level: 9 });
      assert.ok(body.byteLength < 120_000, `${body.byteLength} bytes`);
      await refused(body, /inflates more than 64 times/);
    });

    await t.step("16 KB of zlib carrying 500 software entries of 32 KB each", async () => {
      const entry = `<SOFTWARES><NAME>${"s".repeat(32_000)}</NAME></SOFTWARES>`;
      const body = encodeBody(inventory("many-2026-12-08-00-00-00", entry.repeat(500)), "zlib");
      assert.ok(body.byteLength < 20_000, `${body.byteLength} bytes`);
      await refused(body, /inflates more than 64 times/);
    });

    await t.step("plain XML (nothing to inflate) over the field and entry limits", async () => {
      const long = inventory(
        "field-2026-12-08-00-00-00",
        `<HARDWARE><NAME>${"n".repeat(40_000)}</NAME></HARDWARE>`,
      );
      await refused(encodeBody(long, "plain"), /HARDWARE\/NAME holds 40000 bytes/);
      const many = inventory(
        "entries-2026-12-08-00-00-00",
        "<SOFTWARES><NAME>a</NAME></SOFTWARES>".repeat(50_001),
      );
      await refused(encodeBody(many, "plain"), /SOFTWARES has 50001 entries/);
    });

    await t.step("the largest real inventories still import", async () => {
      for (
        const path of [
          "ocs/unixagent-2.10-debian12-full.xml",
          "glpi-agent/glpi-agent-1.12-debian12-ocs-mode.xml",
        ]
      ) {
        const xml = Deno.readFileSync(new URL(path, FIXTURES));
        const [status, text] = await post(server, encodeBody(xml, "zlib"));
        assert.equal(status, 200, `${path}: ${text}`);
      }
    });
  } finally {
    await server.stop();
  }
});
