// formatCount groups digits by hand (toLocaleString's first call loads ICU data on the editor's first frame): it must
// still print exactly what toLocaleString('en-US') prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCount } from '../../src/util/truncate.js';

test('formatCount matches toLocaleString("en-US") for every safe integer', () => {
  for (const n of [0, 7, 999, 1000, 1024, -1234, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
    assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  }
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === n.toLocaleString('en-US')), { numRuns: 2000 });
});

test('formatCount leaves fractions to toLocaleString', () => {
  assert.equal(formatCount(1234.5), '1,234.5');
});
