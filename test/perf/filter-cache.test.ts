// Typing in the `/` filter must not re-read (and re-lower) every row's text on every key: a 1 MB dataset made a
// megabyte of garbage per keystroke. Rows are immutable, so their lower-cased text is cached per row object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordRow } from '../../src/ui/data/rows.js';
import { emptyList, listFilter, listLoaded } from '../../src/ui/state/list.js';
import { matchingIndices } from '../../src/ui/state/filter.js';

test('each row is lowered once, however many keys are typed, and matches stay right', () => {
  let reads = 0;
  const rows: RecordRow[] = Array.from({ length: 200 }, (_, i) => {
    const value = `Value ${i} ${'x'.repeat(50)}`;
    return {
      kind: 'record',
      id: `Key-${String(i).padStart(3, '0')}`,
      syncCount: 1,
      get value() {
        reads++;
        return value;
      },
    } as RecordRow;
  });
  let list = listLoaded(emptyList(20), rows);
  const typed = ['k', 'ke', 'key', 'key-', 'key-1', 'key-12', 'key-1', 'value 7'];
  const counts: number[] = [];
  for (const query of typed) {
    list = listFilter(list, { query, editing: true });
    counts.push(list.visible.length);
  }
  assert.deepEqual(counts, [200, 200, 200, 200, 100, 10, 100, 11]);
  assert.ok(reads <= 200, `each row's text read once (read ${reads} times for ${typed.length} keys)`);
});

test('matchingIndices lowers the text itself unless told it is lower case already', () => {
  const items = ['Alpha', 'beta', 'GAMMA'];
  assert.deepEqual(matchingIndices(items, 'A', (s) => s), [0, 1, 2]);
  assert.deepEqual(matchingIndices(items, 'gam', (s) => s), [2]);
  assert.deepEqual(matchingIndices(items, 'gam', (s) => s, { lowerCased: true }), [], 'GAMMA is not lower case: no match when the caller says it is');
  assert.deepEqual(matchingIndices(items, '', (s) => s), [0, 1, 2]);
});
