import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterCommit,
  canRedo,
  canUndo,
  createDataset,
  datasetReducer,
  datasetRows,
  discardAll,
  effectiveValue,
  keyState,
  mergeRemote,
  recreateDataset,
  redo,
  stageEdits,
  stagePut,
  stageRemove,
  undo,
  unstage,
  UNDO_LIMIT,
  type DatasetState,
  type KeyState,
} from '../../src/sync/index.js';
import { live, tomb } from './fixtures.js';

const base = () => createDataset([live('a', 'A', 3), live('empty', '', 4), tomb('gone', 5)], 7);

test('each key state, including re-added over a tombstone and no-op drops', () => {
  type Step = (s: DatasetState) => DatasetState;
  const rows: Array<[string, Step, string, KeyState, string | undefined, number]> = [
    // name, action, key, expected state, effective value, staged count
    ['untouched', (s) => s, 'a', 'unchanged', 'A', 0],
    ['modify', (s) => stagePut(s, 'a', 'B'), 'a', 'modified', 'B', 1],
    ['modify to ""', (s) => stagePut(s, 'a', ''), 'a', 'modified', '', 1],
    ['modify back to base is dropped', (s) => stagePut(stagePut(s, 'a', 'B'), 'a', 'A'), 'a', 'unchanged', 'A', 0],
    ['same value is a no-op', (s) => stagePut(s, 'a', 'A'), 'a', 'unchanged', 'A', 0],
    ['"" over "" is a no-op', (s) => stagePut(s, 'empty', ''), 'empty', 'unchanged', '', 0],
    ['remove', (s) => stageRemove(s, 'a'), 'a', 'removed', undefined, 1],
    ['remove ""', (s) => stageRemove(s, 'empty'), 'empty', 'removed', undefined, 1],
    ['remove a tombstone is a no-op', (s) => stageRemove(s, 'gone'), 'gone', 'unchanged', undefined, 0],
    ['remove an absent key is a no-op', (s) => stageRemove(s, 'nope'), 'nope', 'unchanged', undefined, 0],
    ['add', (s) => stagePut(s, 'new', 'N'), 'new', 'added', 'N', 1],
    ['add ""', (s) => stagePut(s, 'new', ''), 'new', 'added', '', 1],
    ['add then remove is dropped', (s) => stageRemove(stagePut(s, 'new', 'N'), 'new'), 'new', 'unchanged', undefined, 0],
    ['re-add over a tombstone', (s) => stagePut(s, 'gone', 'back'), 'gone', 'readded', 'back', 1],
    ['re-add "" over a tombstone', (s) => stagePut(s, 'gone', ''), 'gone', 'readded', '', 1],
    ['remove then put back the base value', (s) => stagePut(stageRemove(s, 'a'), 'a', 'A'), 'a', 'unchanged', 'A', 0],
  ];
  for (const [name, step, key, expected, value, count] of rows) {
    const s = step(base());
    assert.equal(keyState(s, key), expected, name);
    assert.equal(effectiveValue(s, key), value, name);
    assert.equal(s.staged.size, count, name);
  }
});

test('a staged entry keeps the base record it started from', () => {
  let s = stagePut(base(), 'a', 'B');
  assert.deepEqual(s.staged.get('a')?.base, live('a', 'A', 3));
  s = stagePut(s, 'new', 'N');
  assert.equal(s.staged.get('new')?.base, undefined);
  s = stagePut(s, 'gone', 'x');
  assert.deepEqual(s.staged.get('gone')?.base, tomb('gone', 5));
  // The server moves on; the entry still remembers where it started.
  s = mergeRemote(s, { records: [live('a', 'Z', 8)], syncCount: 8, exists: true, full: false });
  s = stagePut(s, 'a', 'C');
  assert.equal(s.staged.get('a')?.base?.syncCount, 3);
  assert.equal(s.base.records.get('a')?.value, 'Z');
  // Back to the OLD base value: not a no-op any more (the server holds Z); still from base 3.
  s = stagePut(s, 'a', 'A');
  assert.deepEqual([keyState(s, 'a'), s.staged.get('a')?.base?.syncCount], ['modified', 3]);
  // The server's current value is the no-op now.
  s = stagePut(s, 'a', 'Z');
  assert.equal(keyState(s, 'a'), 'unchanged');
});

test('states are never mutated and a no-op returns the same state', () => {
  const s0 = base();
  const s1 = stagePut(s0, 'a', 'B');
  assert.equal(s0.staged.size, 0);
  assert.equal(s1.staged.size, 1);
  assert.equal(stagePut(s1, 'a', 'B'), s1);
  assert.equal(stageRemove(s1, 'nope'), s1);
  assert.equal(discardAll(s0), s0);
  assert.equal(unstage(s0, ['a']), s0);
  assert.equal(undo(s0), s0);
  assert.equal(redo(s0), s0);
});

test('undo/redo over every action: put, remove, multi-key, unstage, discard all', () => {
  let s = base();
  s = stagePut(s, 'a', 'B');
  s = stageRemove(s, 'empty');
  s = stageEdits(s, [
    { key: 'x', op: { kind: 'replace', value: '1' } },
    { key: 'y', op: { kind: 'replace', value: '2' } },
    { key: 'gone', op: { kind: 'replace', value: 'again' } },
  ]);
  assert.deepEqual([...s.staged.keys()].sort(), ['a', 'empty', 'gone', 'x', 'y']);
  s = unstage(s, ['x', 'a']);
  assert.deepEqual([...s.staged.keys()].sort(), ['empty', 'gone', 'y']);
  s = discardAll(s);
  assert.equal(s.staged.size, 0);
  assert.equal(canUndo(s), true);

  s = undo(s); // discard all is one step
  assert.deepEqual([...s.staged.keys()].sort(), ['empty', 'gone', 'y']);
  s = undo(s); // unstage of two keys is one step
  assert.deepEqual([...s.staged.keys()].sort(), ['a', 'empty', 'gone', 'x', 'y']);
  s = undo(s); // the multi-key edit is one step
  assert.deepEqual([...s.staged.keys()].sort(), ['a', 'empty']);
  s = undo(s);
  assert.deepEqual([...s.staged.keys()], ['a']);
  s = undo(s);
  assert.equal(s.staged.size, 0);
  assert.equal(canUndo(s), false);

  s = redo(redo(s));
  assert.deepEqual([...s.staged.keys()].sort(), ['a', 'empty']);
  assert.equal(keyState(s, 'empty'), 'removed');
  assert.equal(canRedo(s), true);
  // A new action clears redo.
  s = stagePut(s, 'z', 'Z');
  assert.equal(canRedo(s), false);
  assert.equal(redo(s), s);
});

test('undo history is capped', () => {
  let s = base();
  for (let i = 0; i < UNDO_LIMIT + 5; i++) s = stagePut(s, 'k', String(i));
  assert.equal(s.undoStack.length, UNDO_LIMIT);
});

test('rows: sorted by key, tombstones hidden unless asked, staged tombstones shown', () => {
  let s = stagePut(base(), 'B', 'b');
  let rows = datasetRows(s);
  assert.deepEqual(rows.map((r) => [r.key, r.state, r.value]), [
    ['B', 'added', 'b'],
    ['a', 'unchanged', 'A'],
    ['empty', 'unchanged', ''],
  ]);
  assert.deepEqual(datasetRows(s, { tombstones: true }).map((r) => r.key), ['B', 'a', 'empty', 'gone']);
  s = stagePut(s, 'gone', 'x');
  rows = datasetRows(s);
  assert.equal(rows.find((r) => r.key === 'gone')?.state, 'readded');
  s = stageRemove(s, 'a');
  assert.equal(datasetRows(s).find((r) => r.key === 'a')?.value, undefined);
});

test('mergeRemote: a delta updates keys, a full listing replaces the base', () => {
  const s = stagePut(base(), 'a', 'B');
  const delta = mergeRemote(s, { records: [live('c', 'C', 8)], syncCount: 8, exists: true, full: false });
  assert.deepEqual([...delta.base.records.keys()].sort(), ['a', 'c', 'empty', 'gone']);
  assert.equal(delta.base.syncCount, 8);
  assert.equal(delta.staged, s.staged);
  const full = mergeRemote(s, { records: [live('c', 'C', 8)], syncCount: 8, exists: true, full: true });
  assert.deepEqual([...full.base.records.keys()], ['c']);
});

test('afterCommit: written records become the base; nothing staged; history cleared', () => {
  let s = stageRemove(stagePut(base(), 'a', 'B'), 'empty');
  s = afterCommit(s, [live('a', 'B', 8), tomb('empty', 8)], 8);
  assert.equal(s.staged.size, 0);
  assert.equal(s.base.syncCount, 8);
  assert.equal(s.base.records.get('a')?.value, 'B');
  assert.equal(s.base.records.get('empty')?.value, undefined);
  assert.equal(canUndo(s), false);
});

test('recreateDataset stages every live key of the view at SyncCount 0', () => {
  let s = stageRemove(stagePut(base(), 'new', 'N'), 'empty');
  s = recreateDataset(s, { records: [], syncCount: 9, exists: false, full: true });
  assert.deepEqual([...s.staged.keys()].sort(), ['a', 'new']);
  for (const entry of s.staged.values()) assert.equal(entry.base, undefined);
  assert.equal(s.base.exists, false);
  assert.equal(s.base.syncCount, 9);
});

test('reducer dispatches every action', () => {
  let s = base();
  s = datasetReducer(s, { type: 'put', key: 'a', value: 'B' });
  s = datasetReducer(s, { type: 'remove', key: 'empty' });
  s = datasetReducer(s, { type: 'stage', edits: [{ key: 'x', op: { kind: 'replace', value: '' } }] });
  assert.equal(s.staged.size, 3);
  s = datasetReducer(s, { type: 'unstage', keys: ['x'] });
  assert.equal(s.staged.size, 2);
  s = datasetReducer(s, { type: 'discardAll' });
  assert.equal(s.staged.size, 0);
  s = datasetReducer(s, { type: 'undo' });
  assert.equal(s.staged.size, 2);
  s = datasetReducer(s, { type: 'redo' });
  assert.equal(s.staged.size, 0);
  const other = base();
  assert.equal(datasetReducer(s, { type: 'load', state: other }), other);
});
