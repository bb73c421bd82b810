import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeConflicts,
  applyResolutions,
  buildPatches,
  conflictReducer,
  createDataset,
  isFullyResolved,
  mergeRemote,
  moveFocus,
  resolveAll,
  resolveConflict,
  stagePut,
  stageRemove,
  undo,
  undoResolution,
  unresolvedKeys,
  SyncValidationError,
  LIMITS,
  type ConflictKind,
  type DatasetState,
  type SyncRecord,
  type Verdict,
} from '../../src/sync/index.js';
import { live, tomb } from './fixtures.js';

const NOW = new Date('2024-05-06T07:08:09Z');
const clock = () => NOW;

type Mine = { put: string } | 'remove';
interface Case {
  name: string;
  base: SyncRecord | undefined;
  mine: Mine;
  server: SyncRecord | undefined;
  verdict: Verdict;
  kind?: ConflictKind;
}

const K = 'k';
const cases: Case[] = [
  { name: 'server unchanged: clean', base: live(K, 'a', 3), mine: { put: 'b' }, server: live(K, 'a', 3), verdict: 'clean' },
  { name: 'server took my value: same', base: live(K, 'a', 3), mine: { put: 'b' }, server: live(K, 'b', 8), verdict: 'same' },
  { name: 'both changed', base: live(K, 'a', 3), mine: { put: 'b' }, server: live(K, 'c', 8), verdict: 'conflict', kind: 'both-changed' },
  { name: 'I remove, they changed', base: live(K, 'a', 3), mine: 'remove', server: live(K, 'c', 8), verdict: 'conflict', kind: 'removed-vs-changed' },
  { name: 'both removed: same', base: live(K, 'a', 3), mine: 'remove', server: tomb(K, 8), verdict: 'same' },
  { name: 'I change, they removed', base: live(K, 'a', 3), mine: { put: 'b' }, server: tomb(K, 8), verdict: 'conflict', kind: 'changed-vs-removed' },
  { name: '"" is not a tombstone', base: live(K, 'a', 3), mine: { put: '' }, server: tomb(K, 8), verdict: 'conflict', kind: 'changed-vs-removed' },
  { name: '"" on both sides: same', base: live(K, 'a', 3), mine: { put: '' }, server: live(K, '', 8), verdict: 'same' },
  { name: 'add, still absent: clean', base: undefined, mine: { put: 'x' }, server: undefined, verdict: 'clean' },
  { name: 'added on both sides', base: undefined, mine: { put: 'x' }, server: live(K, 'y', 8), verdict: 'conflict', kind: 'both-added' },
  { name: 'added the same on both sides', base: undefined, mine: { put: 'x' }, server: live(K, 'x', 8), verdict: 'same' },
  { name: 'added, they added and removed', base: undefined, mine: { put: 'x' }, server: tomb(K, 9), verdict: 'conflict', kind: 'changed-vs-removed' },
  { name: 're-add over an unchanged tombstone: clean', base: tomb(K, 5), mine: { put: 'x' }, server: tomb(K, 5), verdict: 'clean' },
  { name: 're-added on both sides', base: tomb(K, 5), mine: { put: 'x' }, server: live(K, 'y', 8), verdict: 'conflict', kind: 'both-added' },
  { name: 're-add, they re-added and removed again', base: tomb(K, 5), mine: { put: 'x' }, server: tomb(K, 9), verdict: 'conflict', kind: 'changed-vs-removed' },
  { name: 'dataset deleted, I change', base: live(K, 'a', 3), mine: { put: 'b' }, server: undefined, verdict: 'conflict', kind: 'changed-vs-removed' },
  { name: 'dataset deleted, I remove: same', base: live(K, 'a', 3), mine: 'remove', server: undefined, verdict: 'same' },
  { name: 'dataset deleted and re-created with the key', base: live(K, 'a', 3), mine: { put: 'b' }, server: live(K, 'z', 12), verdict: 'conflict', kind: 'both-changed' },
];

/** A dataset whose base is `base`, with my op staged, then the server's state folded in (listing from 0). */
function setup(c: Case): DatasetState {
  let s = createDataset(c.base ? [c.base] : [], 7);
  s = c.mine === 'remove' ? stageRemove(s, K) : stagePut(s, K, c.mine.put);
  assert.equal(s.staged.size, 1, `${c.name}: staged`);
  return mergeRemote(s, { records: c.server ? [c.server] : [], syncCount: 12, exists: c.server !== undefined, full: true });
}

test('classification of every base / mine / theirs combination', () => {
  for (const c of cases) {
    const a = analyzeConflicts(setup(c));
    const got: Verdict = a.clean.includes(K) ? 'clean' : a.same.includes(K) ? 'same' : 'conflict';
    assert.equal(got, c.verdict, c.name);
    if (c.verdict === 'conflict') {
      const [item] = a.conflicts.items;
      assert.equal(item?.kind, c.kind, c.name);
      assert.deepEqual(item?.base, c.base, c.name);
      assert.deepEqual(item?.theirs, c.server, c.name);
      assert.equal(a.state.staged.size, 1, `${c.name}: a conflict stays staged`);
    } else {
      assert.equal(a.conflicts.items.length, 0, c.name);
    }
    if (c.verdict === 'same') assert.equal(a.state.staged.size, 0, `${c.name}: dropped`);
    if (c.verdict === 'clean') {
      const [patch] = buildPatches(a.state.staged, clock);
      assert.equal(patch?.SyncCount, c.base?.syncCount ?? 0, `${c.name}: clean keeps the base count`);
    }
  }
});

test('each resolution of each conflict: patch at the server\'s CURRENT count for the key', () => {
  for (const c of cases.filter((x) => x.verdict === 'conflict')) {
    const a = analyzeConflicts(setup(c));
    const serverCount = c.server?.syncCount ?? 0;

    const mine = applyResolutions(a.state, resolveConflict(a.conflicts, K, { kind: 'mine' })).state;
    const [minePatch, ...rest] = buildPatches(mine.staged, clock);
    assert.equal(rest.length, 0);
    assert.equal(minePatch?.SyncCount, serverCount, `${c.name}: mine`);
    assert.notEqual(minePatch?.SyncCount, 12 + 1, 'never the dataset count + 1');
    if (c.mine === 'remove') assert.deepEqual([minePatch?.Op, minePatch?.Value], ['remove', undefined], c.name);
    else assert.deepEqual([minePatch?.Op, minePatch?.Value], ['replace', c.mine.put], c.name);

    const theirs = applyResolutions(a.state, resolveConflict(a.conflicts, K, { kind: 'theirs' })).state;
    assert.equal(theirs.staged.size, 0, `${c.name}: theirs drops my op`);
    assert.deepEqual(theirs.base.records.get(K), c.server, `${c.name}: base is the server record`);

    const custom = applyResolutions(a.state, resolveConflict(a.conflicts, K, { kind: 'custom', value: 'merged' })).state;
    assert.deepEqual(buildPatches(custom.staged, clock), [
      { Op: 'replace', Key: K, Value: 'merged', SyncCount: serverCount, DeviceLastModifiedDate: NOW },
    ], `${c.name}: custom`);
  }
});

test('a custom value equal to theirs is a no-op; an over-long one is refused', () => {
  const c = cases.find((x) => x.name === 'both changed')!;
  const a = analyzeConflicts(setup(c));
  const equal = applyResolutions(a.state, resolveConflict(a.conflicts, K, { kind: 'custom', value: 'c' })).state;
  assert.equal(equal.staged.size, 0);
  assert.throws(
    () => resolveConflict(a.conflicts, K, { kind: 'custom', value: 'x'.repeat(LIMITS.maxValueLength + 1) }),
    SyncValidationError,
  );
  assert.throws(() => resolveConflict(a.conflicts, 'nope', { kind: 'mine' }), /No conflict for key "nope"/);
});

function threeConflicts() {
  let s = createDataset([live('a', '1', 1), live('b', '1', 1), live('c', '1', 1), live('d', '1', 1)], 1);
  s = stagePut(stagePut(stagePut(stagePut(s, 'a', 'mA'), 'b', 'mB'), 'c', 'mC'), 'd', 'mD');
  s = mergeRemote(s, { records: [live('a', 'tA', 2), live('b', 'tB', 2), live('c', 'tC', 2)], syncCount: 2, exists: true, full: false });
  return analyzeConflicts(s);
}

test('picks step through, undo, all mine / all theirs, partial application', () => {
  const a = threeConflicts();
  assert.deepEqual(a.clean, ['d']);
  let set = a.conflicts;
  assert.deepEqual(set.items.map((i) => i.key), ['a', 'b', 'c']);
  assert.equal(set.focus, 0);
  set = resolveConflict(set, 'a', { kind: 'mine' });
  assert.equal(set.focus, 1, 'focus moves to the next unresolved');
  set = resolveConflict(set, 'c', { kind: 'theirs' });
  assert.equal(set.focus, 1, 'wraps to the unresolved b');
  assert.deepEqual(unresolvedKeys(set), ['b']);
  assert.equal(isFullyResolved(set), false);
  set = undoResolution(set);
  assert.deepEqual(unresolvedKeys(set), ['b', 'c']);
  assert.equal(undoResolution(undoResolution(undoResolution(set))).resolutions.size, 0);

  // Partial: only a is applied; b and c remain.
  const partial = applyResolutions(a.state, set);
  assert.deepEqual(partial.remaining.items.map((i) => i.key), ['b', 'c']);
  assert.equal(partial.state.staged.get('a')?.base?.syncCount, 2);
  assert.equal(partial.state.staged.get('b')?.base?.syncCount, 1, 'unresolved keeps its old base');

  const allMine = resolveAll(set, 'mine');
  assert.equal(isFullyResolved(allMine), true);
  const done = applyResolutions(a.state, allMine);
  assert.equal(done.remaining.items.length, 0);
  assert.deepEqual(buildPatches(done.state.staged, clock).map((p) => [p.Key, p.Value, p.SyncCount]), [
    ['a', 'mA', 2],
    ['b', 'mB', 2],
    ['c', 'mC', 2],
    ['d', 'mD', 1],
  ]);
  // Applying is one dataset undo step.
  assert.equal(undo(done.state).staged.get('a')?.base?.syncCount, 1);

  const allTheirs = applyResolutions(a.state, resolveAll(allMine, 'theirs'));
  assert.deepEqual([...allTheirs.state.staged.keys()], ['d']);
  assert.equal(undoResolution(resolveAll(allMine, 'theirs')).resolutions.get('a')?.kind, 'mine');
});

test('mine applies the op staged NOW; unstaged meanwhile → nothing sent', () => {
  const a = threeConflicts();
  let s = stagePut(a.state, 'a', 'edited again');
  s = stageRemove(s, 'b');
  const set = resolveAll(a.conflicts, 'mine');
  const out = applyResolutions({ ...s, staged: new Map([...s.staged].filter(([k]) => k !== 'c')) }, set).state;
  const patches = buildPatches(out.staged, clock);
  assert.deepEqual(patches.map((p) => [p.Key, p.Op, p.Value, p.SyncCount]), [
    ['a', 'replace', 'edited again', 2],
    ['b', 'remove', undefined, 2],
    ['d', 'replace', 'mD', 1],
  ]);
});

test('conflict reducer and focus bounds', () => {
  let set = threeConflicts().conflicts;
  set = conflictReducer(set, { type: 'focus', delta: -5 });
  assert.equal(set.focus, 0);
  set = conflictReducer(set, { type: 'focus', delta: 9 });
  assert.equal(set.focus, 2);
  assert.equal(moveFocus(set, 1), set);
  set = conflictReducer(set, { type: 'resolve', key: 'b', resolution: { kind: 'custom', value: 'v' } });
  set = conflictReducer(set, { type: 'resolveAll', kind: 'theirs' });
  assert.equal(set.resolutions.get('b')?.kind, 'theirs');
  set = conflictReducer(set, { type: 'undo' });
  assert.deepEqual(set.resolutions.get('b'), { kind: 'custom', value: 'v' });
});
