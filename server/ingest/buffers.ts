/**
 * Freeing big buffers when their use ends. A decode allocates ~0.5 MB of buffers per inventory
 * (the inflated XML, the sections' JSON); left to the garbage collector they pile up between
 * collections (tens of MB per thread, measured), and the allocator keeps that memory.
 *
 * @module
 */

/** Below this a buffer may share its memory with others (Node's Buffer pool): never freed here. */
const MIN_RELEASED_BYTES = 64 * 1024;

/**
 * Frees the memory of `bytes` now: its buffer is detached (`ArrayBuffer.prototype.transfer`),
 * which releases its bytes at once, and `bytes` reads as empty afterwards. Only a view that owns
 * its whole buffer, and a large one, is released; anything else is left to the collector.
 */
export function releaseBytes(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (
    buffer instanceof ArrayBuffer && !buffer.detached && bytes.byteOffset === 0 &&
    buffer.byteLength === bytes.byteLength && bytes.byteLength >= MIN_RELEASED_BYTES
  ) {
    buffer.transfer(0);
  }
}
