// Long values that differ far from their start: every side is shown from where they start to differ, so the
// conflict dialog does not show three identical openings (QA: a 40-line bio edited near its end).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { conflictSides } from '../../src/ui/state/conflict-view.js';
import type { ConflictItem } from '../../src/sync/index.js';

const at = new Date(2026, 10, 26, 6, 40);
const lines = (n: number, last: string) => [...Array.from({ length: n - 1 }, (_, i) => `line ${i + 1} of the bio`), last].join('\n');
const item = (base: string, mine: string, theirs: string): ConflictItem => ({
  key: 'bio',
  kind: 'both-changed',
  base: { key: 'bio', value: base, syncCount: 2, lastModifiedBy: 'tablet', lastModifiedDate: at },
  mine: { kind: 'replace', value: mine },
  theirs: { key: 'bio', value: theirs, syncCount: 6, lastModifiedBy: 'demo-device-2', lastModifiedDate: at },
});

it('multi-line: every side from one line above the first line that differs, under a count of what is skipped', () => {
  const sides = conflictSides(item(lines(40, 'the end'), lines(40, 'the end X'), lines(40, 'the end Y')), 60, 4);
  assert.deepEqual(sides.map((s) => s.lines), [
    ['… 38 lines above', 'line 39 of the bio', 'the end'],
    ['… 38 lines above', 'line 39 of the bio', 'the end X'],
    ['… 38 lines above', 'line 39 of the bio', 'the end Y'],
  ]);
});

it('multi-line: from the start when the difference is in sight, and a longer side ends with …', () => {
  const sides = conflictSides(item('a\nb\nc', 'a\nB\nc\nd\ne\nf', 'a\nb\nC'), 20, 4);
  assert.deepEqual(sides.map((s) => s.lines), [['a', 'b', 'c'], ['a', 'B', 'c', '…'], ['a', 'b', 'C']]);
});

it('multi-line: a side that ends is where the sides differ; an absent side keeps its word', () => {
  const long = lines(30, 'end');
  const short = lines(12, 'line 12 of the bio');
  const sides = conflictSides(item(long, short, long.replace('line 20 of', 'LINE 20 of')), 60, 3);
  // mine ends after line 12: the window starts one line above line 13.
  assert.deepEqual(sides.map((s) => s.lines), [
    ['… 11 lines above', 'line 12 of the bio', '…'],
    ['… 11 lines above', 'line 12 of the bio'],
    ['… 11 lines above', 'line 12 of the bio', '…'],
  ]);
  const removed = conflictSides({ ...item(long, '', long), mine: { kind: 'remove' } }, 60, 3);
  assert.deepEqual(removed[1].lines, ['(removed)']);
});

it('one line: every side from ten characters before the first character that differs, after a …', () => {
  const head = 'lorem ipsum '.repeat(20); // 240 characters in common
  const sides = conflictSides(item(`${head}base tail`, `${head}mine tail`, `${head}theirs tail`), 30, 1);
  assert.deepEqual(sides.map((s) => s.lines[0]), ['…rem ipsum base tail', '…rem ipsum mine tail', '…rem ipsum theirs tail']);
  // Differing within the width: from the start, as before.
  const near = conflictSides(item('abc', 'abX', 'aYc'), 30, 1);
  assert.deepEqual(near.map((s) => s.lines[0]), ['abc', 'abX', 'aYc']);
});
