// Whether request bytes hold anything that stops them being copied as JSON text unchanged:
// a control byte (below 0x20) or a backslash (an escape sequence). UpdateRecords' fast
// reader asks this of every body, ~1 MB at the service's limits.
//
// A 16-lane WebAssembly SIMD loop (wasm/control-scan.wat, compiled below) answers for 1 MB
// in ~0.02 ms plus ~0.07 ms to copy the body into its memory; the word-at-a-time JS loop
// takes ~0.3–0.45 ms, a quarter of what the whole server adds to an UpdateRecords call.
// The JS loop still answers for small inputs, for large ones, and wherever WebAssembly is
// unavailable (node --jitless).

const SPACE = 0x20;
const BACKSLASH = 0x5c;

/**
 * wasm/control-scan.wat as compiled by wabt 1.0.36 (`wat2wasm --enable-simd`); a test
 * compiles the .wat again and compares. It exports `memory` and `scan(length)`.
 */
export const CONTROL_SCAN_WASM =
  'AGFzbQEAAAABBgFgAX8BfwMCAQAFAwEAAQcRAgZtZW1vcnkCAARzY2FuAAAKoQEBngECAX8Ee0Eg/Q8hBEHcAP0PIQUCQANAIAEgAE8NASAB/QAEACEDIAIgAyAE/SYgAyAF/SP9UP1QIQIgAf0ABBAhAyACIAMgBP0mIAMgBf0j/VD9UCECIAH9AAQgIQMgAiADIAT9JiADIAX9I/1Q/VAhAiAB/QAEMCEDIAIgAyAE/SYgAyAF/SP9UP1QIQIgAUHAAGohAQwACwsgAv1TCw==';

/** Below this the copy into WebAssembly memory costs more than it saves. */
const WASM_MIN_BYTES = 4096;
/** Above this the body cannot be one the fast reader takes; not worth holding the memory. */
const WASM_MAX_BYTES = 2 * 1024 * 1024;
const WASM_PAGE = 65536;
/** scan() reads 64 bytes a turn. */
const TURN = 64;

interface Scanner {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan(length: number): number;
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
}

/** Compiled on first use; null when WebAssembly (or its SIMD) is unavailable. */
let scanner: Scanner | null | undefined;

function loadScanner(): Scanner | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) return null;
  try {
    const instance = new api.Instance(new api.Module(Buffer.from(CONTROL_SCAN_WASM, 'base64')));
    const { memory, scan } = instance.exports as unknown as Scanner;
    return { memory, scan };
  } catch {
    return null;
  }
}

/** Whether the WebAssembly scan can run here (else the JS loop answers for every input). */
export function webAssemblyScanAvailable(): boolean {
  scanner ??= loadScanner();
  return scanner !== null;
}

/** Whether any byte is a control character (below 0x20) or a backslash. */
export function hasControlOrBackslash(bytes: Uint8Array): boolean {
  if (bytes.length >= WASM_MIN_BYTES && bytes.length <= WASM_MAX_BYTES) {
    scanner ??= loadScanner();
    if (scanner) return scanWithWasm(scanner, bytes);
  }
  return hasControlByte(bytes) || bytes.indexOf(BACKSLASH) >= 0;
}

function scanWithWasm({ memory, scan }: Scanner, bytes: Uint8Array): boolean {
  const padded = Math.ceil(bytes.length / TURN) * TURN;
  const missing = Math.ceil(padded / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE;
  if (missing > 0) memory.grow(missing);
  // Spaces after the input fill the last turn: they are neither kind of byte looked for.
  const view = new Uint8Array(memory.buffer, 0, padded);
  view.set(bytes);
  view.fill(SPACE, bytes.length);
  return scan(padded) !== 0;
}

/**
 * Whether any byte is below 0x20. Four bytes at a time: `(x - 0x20202020) & ~x &
 * 0x80808080` is non-zero exactly when some byte of x is below 0x20 (a borrow can only
 * mark a higher byte when a lower one already qualifies). ~6x faster than a byte loop.
 */
export function hasControlByte(bytes: Uint8Array): boolean {
  const head = (4 - (bytes.byteOffset % 4)) % 4; // bytes before the first 4-byte boundary
  if (bytes.length < head + 16) return bytes.some((byte) => byte < SPACE);
  for (let i = 0; i < head; i++) if (bytes[i] < SPACE) return true;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >>> 2);
  const n = words.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = words[i];
    const b = words[i + 1];
    const c = words[i + 2];
    const d = words[i + 3];
    if ((((a - 0x20202020) & ~a) | ((b - 0x20202020) & ~b) | ((c - 0x20202020) & ~c) | ((d - 0x20202020) & ~d)) & 0x80808080) return true;
  }
  for (; i < n; i++) {
    const w = words[i];
    if ((w - 0x20202020) & ~w & 0x80808080) return true;
  }
  for (let j = head + n * 4; j < bytes.length; j++) if (bytes[j] < SPACE) return true;
  return false;
}
