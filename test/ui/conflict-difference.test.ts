// Long values that differ far from their start: every side is shown from where they start to differ, so the
// conflict dialog does not show three identical openings (QA: a 40-line bio edited near its end).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { conflictLayout, conflictSides } from '../../src/ui/state/conflict-view.js';
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
  // mine ends with line 12, where the sides start to differ: every side from that line, mine showing it ends there.
  assert.deepEqual(sides.map((s) => s.lines), [
    ['… 11 lines above', 'line 12 of the bio', 'line 13 of the bio'],
    ['… 11 lines above', 'line 12 of the bio'],
    ['… 11 lines above', 'line 12 of the bio', 'line 13 of the bio'],
  ]);
  // With five, one line of context and a … for the rest.
  assert.deepEqual(conflictSides(item(long, short, long), 60, 5)[0].lines, ['… 10 lines above', 'line 11 of the bio', 'line 12 of the bio', 'line 13 of the bio', '…']);
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

it('the dialog shows the line that differs in the lines each side gets, at any height', () => {
  const texts = { title: 'Conflicts: 0 of 1 resolved', keys: '›bio [ ]', item: 'bio (1/1) · changed on both sides · no pick yet' };
  for (const total of [20, 40]) {
    const conflict = item(lines(total, 'the end'), lines(total, 'the end X'), lines(total, 'the end Y'));
    for (const height of [9, 10, 12, 16, 24, 30]) {
      const layout = conflictLayout({ item: conflict, texts, width: 80, height });
      const valueOf = (side: string) => layout.rows.filter((r) => r.role === 'side' && r.side === side).map((r) => r.text).join('\n');
      assert.match(valueOf('mine'), /the end X/, `${total} lines, height ${height}:\n${layout.rows.map((r) => r.text).join('\n')}`);
      assert.match(valueOf('theirs'), /the end Y/, `${total} lines, height ${height}`);
    }
  }
});

it('one line: the common start is measured in columns (wide characters take two)', () => {
  const head = '名前'.repeat(8); // 16 characters, 32 columns in common
  const sides = conflictSides(item(`${head}base`, `${head}mine`, `${head}theirs`), 30, 1);
  assert.deepEqual(sides.map((s) => s.lines[0]), ['…名前名前名前名前名前base', '…名前名前名前名前名前mine', '…名前名前名前名前名前theirs']);
});

it('wide text skipped above is counted in characters; a 40,000-character value is not wrapped whole', () => {
  const head = '名'.repeat(40_000);
  const sides = conflictSides(item(`${head}base`, `${head}mine`, `${head}theirs`), 40, 4);
  assert.deepEqual(sides.map((s) => s.lines[0]), Array(3).fill('… 39,960 characters above'));
  assert.match(sides[1].lines.join(''), /mine$/);
});
