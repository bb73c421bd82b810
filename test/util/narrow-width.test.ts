// The fast width path (src/util/narrow-width.ts, also put in front of string-width in the bundle by
// scripts/fast-string-width-plugin.mjs) must agree with string-width on every character it claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { isNarrowCodeUnit, narrowWidth } from '../../src/util/narrow-width.js';

const claimed: string[] = [];
for (let unit = 0; unit <= 0xffff; unit++) if (isNarrowCodeUnit(unit)) claimed.push(String.fromCharCode(unit));

test('every character the fast path claims is one column for string-width', () => {
  assert.ok(claimed.length > 500, `the set should cover ASCII, Latin-1 and box drawing (has ${claimed.length})`);
  const disagree = claimed.filter((ch) => stringWidth(ch) !== 1).map((ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  assert.deepEqual(disagree, []);
});

test('strings of claimed characters measure like string-width (no two of them join into one grapheme)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...claimed), { maxLength: 40 }), (chars) => {
      const text = chars.join('');
      assert.equal(narrowWidth(text), stringWidth(text));
    }),
    { numRuns: 2000 },
  );
});

test('anything outside the set is left to string-width', () => {
  for (const text of ['日本', 'e\u0301', 'a\u200bb', '👍', '\u00a9', '\u00ad', 'tab\there', 'line\nbreak', '\u001b[31mred', 'x\ufe0f']) {
    assert.equal(narrowWidth(text), undefined, JSON.stringify(text));
  }
  assert.equal(narrowWidth(''), 0);
  assert.equal(narrowWidth('› key-0001 · 1,024 … │'), 22);
});
