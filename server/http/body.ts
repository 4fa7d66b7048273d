/**
 * Reading request bodies with a size cap, so an oversized upload is refused with 413 before it
 * is held in memory (Content-Length is checked first; streamed bodies are cut at the cap).
 *
 * @module
 */

import { OcsProtocolError } from "../../protocol/mod.ts";

/** Reads the whole body, refusing more than `maxBytes`. */
export async function readBodyCapped(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    throw new OcsProtocolError(`Body of ${declared} bytes is over the ${maxBytes}-byte limit`, 413);
  }
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new OcsProtocolError(`Body is over the ${maxBytes}-byte limit`, 413);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
