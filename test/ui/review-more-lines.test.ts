import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reviewLines, type ReviewItem } from '../../src/ui/state/review.js';

const added = (lines: number): ReviewItem => ({
  key: 'k', state: 'added', op: 'replace', before: undefined, baseSyncCount: 0, drifted: false,
  after: JSON.stringify(Object.fromEntries(Array.from({ length: lines }, (_, i) => [`f${i}`, i])), null, 2),
});

describe('review: the line that counts a long diff\'s hidden lines', () => {
  it('says "1 more line", not "1 more lines" (a 7-field JSON: 9 lines, 8 shown)', () => {
    const lines = reviewLines(added(7), 80);
    assert.equal(lines.at(-1)?.text, '    … 1 more line');
  });
  it('says "N more lines" for more than one', () => {
    assert.equal(reviewLines(added(8), 80).at(-1)?.text, '    … 2 more lines');
  });
});
