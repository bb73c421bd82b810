// The fast grapheme segmenter (src/util/fast-segmenter.ts) must segment exactly as Intl.Segmenter does, for the text it
// handles itself and for everything it hands over.
import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import { codeUnitsAreGraphemes, FastGraphemeSegmenter } from '../../src/util/fast-segmenter.js';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const fast = new FastGraphemeSegmenter(undefined, { granularity: 'grapheme' });
const plain = (segments: Iterable<Intl.SegmentData>) => Array.from(segments, ({ segment, index }) => [segment, index]);

const SAMPLES = [
  '',
  'key-0001  {"level":1}',
  '\u001b[31mred\u001b[39m and \u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
  '› M highScore  sc 3  "4200" → "5150" … ✓ ✗ │ ⠋',
  'Ünïcödé ½ ¿ «» ‘’ “” – —',
  'a\r\nb', // CR LF is one grapheme: handed over
  'e\u0301', // combining accent
  '👍🏽 flags 🇫🇷 and 家族',
  '\u00ad soft hyphen, \u00a9 ©',
];

test('the same segments as Intl.Segmenter, iterated and by containing()', () => {
  for (const text of SAMPLES) {
    assert.deepEqual(plain(fast.segment(text)), plain(real.segment(text)), JSON.stringify(text));
    for (let i = -1; i <= text.length; i++) {
      const a = fast.segment(text).containing(i);
      const b = real.segment(text).containing(i);
      assert.deepEqual(a && [a.segment, a.index], b && [b.segment, b.index], `${JSON.stringify(text)} at ${i}`);
    }
  }
});

test('only text whose code units are graphemes takes the fast path', () => {
  assert.equal(codeUnitsAreGraphemes('\u001b[1mkey-0001\u001b[22m │ ✓'), true);
  for (const text of ['a\r\nb', 'e\u0301', '👍', '家', '\u00ad', '\u200d']) assert.equal(codeUnitsAreGraphemes(text), false, JSON.stringify(text));
});

test('random text: same segments either way', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\r', '\n', '\u0007', '\u0301', '│', '…', '✓', 'é', '\u00ad', '👍', '家'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) }), (text) => {
      assert.deepEqual(plain(fast.segment(text)), plain(real.segment(text)));
    }),
    { numRuns: 500 },
  );
});
