/**
 * Finds out whether UTF-8 bytes may hold a character XML 1.0 forbids, 16 bytes at a time.
 *
 * Why: every inventory must be checked for the control characters some agents leave in values
 * (`charset.ts` removes them). A regular expression over the decoded text costs ~0.27 ms for the
 * 312 KB real inventory; this scan of the bytes, in a tiny WebAssembly SIMD function, costs
 * ~0.08 ms with the copy into its memory. It only answers "clean" or "look closer": the caller
 * then runs the precise regular expression.
 *
 * A byte is suspect when it is a C0 control other than tab, LF and CR (the forbidden
 * U+0000–U+001F), or 0xEF: the lead byte of U+F000–U+FFFF, where the forbidden U+FFFE and U+FFFF
 * lie. No suspect byte in valid or repaired UTF-8 means no forbidden character in its text.
 *
 * @module
 */

/** Larger documents are left to the regular expression: the scan's memory never shrinks. */
const MAX_SCANNED_BYTES = 16 * 1024 * 1024;
const WASM_PAGE = 64 * 1024;

/** WebAssembly opcodes used below (core and SIMD, https://webassembly.github.io/spec/). */
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  void: 0x40,
  i32: 0x7f,
  v128: 0x7b,
} as const;
const SIMD = 0xfd;
const SIMD_OP = {
  v128Load: 0x00,
  v128Const: 0x0c,
  i8x16Eq: 0x23,
  i8x16LtU: 0x26,
  v128AndNot: 0x4f,
  v128Or: 0x50,
  v128AnyTrue: 0x53,
} as const;

// Locals of scan(length): 0 = length (param), 1 = the 16 bytes (v128), 2 = offset (i32).
const LENGTH = 0, BLOCK = 1, OFFSET = 2;

/** The 16 bytes in BLOCK compared with `byte`, lane by lane (leaves one v128 mask). */
function lanesEqual(byte: number): number[] {
  return [OP.localGet, BLOCK, ...v128Splat(byte), SIMD, SIMD_OP.i8x16Eq];
}

function v128Splat(byte: number): number[] {
  return [SIMD, SIMD_OP.v128Const, ...new Array<number>(16).fill(byte)];
}

/**
 * scan(length) → 1 when a suspect byte is among the first `length` bytes of memory, else 0.
 * `length` is a multiple of 16.
 */
const SCAN_BODY = [
  ...[0x02, 0x01, OP.v128, 0x01, OP.i32], // locals: one v128 (BLOCK), one i32 (OFFSET)
  ...[OP.block, OP.void, OP.loop, OP.void],
  ...[OP.localGet, OFFSET, OP.localGet, LENGTH, OP.i32GeU, OP.brIf, 1], // offset ≥ length: done
  ...[OP.localGet, OFFSET, SIMD, SIMD_OP.v128Load, 0x00, 0x00, OP.localSet, BLOCK],
  ...[OP.localGet, BLOCK, ...v128Splat(0x20), SIMD, SIMD_OP.i8x16LtU], // below 0x20…
  ...lanesEqual(0x09), // …but not TAB,
  ...[...lanesEqual(0x0a), SIMD, SIMD_OP.v128Or], // LF
  ...[...lanesEqual(0x0d), SIMD, SIMD_OP.v128Or], // or CR,
  ...[SIMD, SIMD_OP.v128AndNot],
  ...[...lanesEqual(0xef), SIMD, SIMD_OP.v128Or], // or 0xEF
  ...[SIMD, SIMD_OP.v128AnyTrue, OP.if, OP.void, OP.i32Const, 1, OP.return, OP.end],
  ...[OP.localGet, OFFSET, OP.i32Const, 16, OP.i32Add, OP.localSet, OFFSET], // offset += 16
  ...[OP.br, 0, OP.end, OP.end],
  ...[OP.i32Const, 0, OP.end],
];

function leb128(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb128(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...new TextEncoder().encode(text)];
}

/** The module: one memory and `scan`, exported. */
const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, [0x01, 0x60, 0x01, OP.i32, 0x01, OP.i32]), // types: (i32) -> i32
  ...section(3, [0x01, 0x00]), // functions: scan has type 0
  ...section(5, [0x01, 0x00, 0x01]), // memories: one, at least one page
  ...section(7, [0x02, ...name("memory"), 0x02, 0x00, ...name("scan"), 0x00, 0x00]), // exports
  ...section(10, [0x01, ...leb128(SCAN_BODY.length), ...SCAN_BODY]), // code
]);

interface Scanner {
  memory: WebAssembly.Memory;
  scan(length: number): number;
}

/** Compiled on first use; null when this runtime cannot (then the caller's regex does it all). */
let scanner: Scanner | null | undefined;

function loadScanner(): Scanner | null {
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE_BYTES));
    const { memory, scan } = instance.exports as unknown as Scanner;
    return { memory, scan };
  } catch {
    return null;
  }
}

/**
 * False when `bytes` (UTF-8) surely hold no character XML 1.0 forbids; true when they may, or
 * when the fast scan is unavailable for them (then check the text itself).
 */
export function mayHoldForbiddenCharacters(bytes: Uint8Array): boolean {
  // A byte order mark is EF BB BF: not suspect itself, but it starts with 0xEF.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const length = bytes.length - start;
  if (length > MAX_SCANNED_BYTES) return true;
  scanner ??= loadScanner();
  if (scanner === null) return true;
  const padded = (length + 15) & ~15;
  const missing = Math.ceil(padded / WASM_PAGE) - scanner.memory.buffer.byteLength / WASM_PAGE;
  if (missing > 0) scanner.memory.grow(missing);
  const view = new Uint8Array(scanner.memory.buffer, 0, padded);
  view.set(start === 0 ? bytes : bytes.subarray(start));
  view.fill(0x20, length); // spaces up to the 16-byte boundary: never suspect
  return scanner.scan(padded) === 1;
}
