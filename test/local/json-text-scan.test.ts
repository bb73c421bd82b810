// The scan that lets UpdateRecords' fast reader take a body: any control byte or backslash
// must be found, by the WebAssembly loop and by the JS loop alike, wherever it lies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import wabtInit from 'wabt';
import { CONTROL_SCAN_WASM, hasControlByte, hasControlOrBackslash, webAssemblyScanAvailable } from '../../src/local/json-text-scan.js';

const byteLoop = (bytes: Uint8Array) => bytes.some((b) => b < 0x20 || b === 0x5c);

describe('hasControlOrBackslash', () => {
  test('the embedded WebAssembly is wasm/control-scan.wat compiled', async () => {
    const wabt = await wabtInit();
    const source = readFileSync(new URL('../../src/local/wasm/control-scan.wat', import.meta.url), 'utf8');
    const module = wabt.parseWat('control-scan.wat', source, { simd: true });
    try {
      assert.equal(Buffer.from(module.toBinary({}).buffer).toString('base64'), CONTROL_SCAN_WASM);
    } finally {
      module.destroy();
    }
  });

  test('runs as WebAssembly under plain node (so the tests below check that path)', () => {
    assert.equal(webAssemblyScanAvailable(), true);
  });

  test('property: same answer as a byte loop, on inputs small and large, at any alignment', () => {
    const text = fc.uint8Array({ minLength: 4000, maxLength: 9000 }).map((bytes) => bytes.map((b) => 0x20 + (b % 0x5f)));
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0x5c })), { maxLength: 3 }), fc.nat(7), (bytes, plants, offset) => {
        for (const [at, byte] of plants) bytes[at % bytes.length] = byte;
        const backing = Buffer.alloc(bytes.length + offset);
        backing.set(bytes, offset);
        const view = backing.subarray(offset);
        assert.equal(hasControlOrBackslash(view), byteLoop(bytes));
      }),
      { numRuns: 400 },
    );
  });

  test('finds one control byte or backslash anywhere in 1 MB of text, at every length around a 64-byte turn', () => {
    for (const length of [4096, 4097, 4159, 4160, 4161, 1 << 20, (1 << 20) + 63]) {
      const big = Buffer.alloc(length, 0x61);
      assert.equal(hasControlOrBackslash(big), false, `clean, ${length}`);
      for (const at of [0, 1, 15, 16, 63, 64, 4095, length - 64, length - 2, length - 1]) {
        for (const byte of [0x00, 0x0a, 0x1f, 0x5c]) {
          big[at] = byte;
          assert.equal(hasControlOrBackslash(big), true, `${byte} at ${at} of ${length}`);
        }
        big[at] = 0x20;
        assert.equal(hasControlOrBackslash(big), false, `space at ${at} of ${length}`);
        big[at] = 0x61;
      }
    }
  });

  test('a larger input scanned first does not leave bytes behind for a smaller one', () => {
    const large = Buffer.alloc(200_000, 0x61);
    large[150_000] = 0x0a;
    assert.equal(hasControlOrBackslash(large), true);
    assert.equal(hasControlOrBackslash(Buffer.alloc(100_000, 0x61)), false);
  });

  test('bytes at and above 0x7f (UTF-8) are neither', () => {
    const bytes = Buffer.alloc(8192, 0xc3);
    bytes.fill(0x7f, 0, 100);
    bytes.fill(0xff, 100, 200);
    assert.equal(hasControlOrBackslash(bytes), false);
  });
});

describe('hasControlByte', () => {
  test('property: same answer as a byte loop, at any alignment and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.nat(3), (bytes, offset) => {
        const backing = Buffer.alloc(bytes.length + offset);
        backing.set(bytes, offset);
        const view = backing.subarray(offset);
        assert.equal(hasControlByte(view), bytes.some((b) => b < 0x20));
      }),
      { numRuns: 5000 },
    );
  });

  test('finds a single control byte anywhere in 1 MB of text', () => {
    const big = Buffer.alloc(1 << 20, 0x61);
    assert.equal(hasControlByte(big), false);
    for (const at of [0, 1, 2, 3, 4, 5, 17, 4096, big.length - 5, big.length - 1]) {
      for (const byte of [0x00, 0x0a, 0x1f]) {
        big[at] = byte;
        assert.equal(hasControlByte(big), true, `${byte} at ${at}`);
      }
      big[at] = 0x20;
      assert.equal(hasControlByte(big), false);
      big[at] = 0x61;
    }
  });
});
