import assert from "node:assert/strict";
import {
  DEFAULT_DECODE_LIMITS,
  encodeBody,
  OcsSyntaxError,
  writePrologRequest,
} from "../../protocol/mod.ts";
import { deviceIdOfError, workerDecoder } from "./decoder_pool.ts";

const DEVICE = "pc-2026-11-21-10-00-00";
const fullXml = Deno.readTextFileSync(
  new URL("../../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url),
);

function inventory(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT><HARDWARE><NAME>${name}` +
    `</NAME></HARDWARE></CONTENT><DEVICEID>${DEVICE}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
}

Deno.test("workerDecoder() decodes a PROLOG on the calling thread and an inventory in a worker", async () => {
  const decoder = workerDecoder(DEFAULT_DECODE_LIMITS, 1);
  try {
    const prolog = encodeBody(writePrologRequest(DEVICE), "zlib");
    const small = await decoder.decode(prolog);
    assert.equal(small.prepared.message.query, "PROLOG");
    assert.equal(small.body, prolog, "decoded in place: the very same bytes come back");

    const full = encodeBody(fullXml, "zlib");
    const copy = full.slice();
    const big = await decoder.decode(full);
    assert.equal(big.prepared.message.query, "INVENTORY");
    assert.equal(full.byteLength, 0, "moved to the worker");
    assert.deepEqual(big.body, copy, "and handed back whole");
  } finally {
    decoder.close();
  }
});

Deno.test("workerDecoder() sends a small body that inflates far to a worker, with the full limits", async () => {
  const decoder = workerDecoder(DEFAULT_DECODE_LIMITS, 1);
  try {
    // Ten names of 30,000 bytes: under the field limit, 300 KB inflated.
    const software = `<SOFTWARES><NAME>${"x".repeat(30_000)}</NAME></SOFTWARES>`.repeat(10);
    const body = encodeBody(inventory("pc").replace("<HARDWARE>", software + "<HARDWARE>"), "zlib");
    assert.ok(body.byteLength < 2048, `a ${body.byteLength}-byte body`);
    const { prepared } = await decoder.decode(body);
    assert.equal(prepared.message.query, "INVENTORY");
    assert.equal(body.byteLength, 0, "decoded in a worker");
  } finally {
    decoder.close();
  }
});

Deno.test("workerDecoder() refuses a small broken body with the DEVICEID it seemed to carry", async () => {
  const decoder = workerDecoder(DEFAULT_DECODE_LIMITS, 1);
  try {
    const broken = encodeBody(inventory("vm").replace("</NAME>", "</NAMEX>"), "zlib");
    const error = await decoder.decode(broken).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof OcsSyntaxError);
    assert.equal(deviceIdOfError(error), DEVICE);
  } finally {
    decoder.close();
  }
});
