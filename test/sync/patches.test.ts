import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPatches, createDataset, nextSyncCount, parseSyncCountConflict, stagePut, stageRemove } from '../../src/sync/index.js';
import { live, tomb } from './fixtures.js';

const NOW = new Date('2024-01-02T03:04:05.678Z');

test('patches carry the base record count, remove has no Value, one clock reading', () => {
  let s = createDataset([live('score', '5', 5), live('name', 'x', 2), tomb('old', 6)], 7);
  s = stagePut(s, 'score', '120'); // modify: base count
  s = stagePut(s, 'fresh', ''); // add "": count 0, replace
  s = stageRemove(s, 'name'); // remove: no Value
  s = stagePut(s, 'old', 'back'); // re-add: the tombstone's count
  let calls = 0;
  const patches = buildPatches(s.staged, () => (calls++, NOW));
  assert.equal(calls, 1);
  assert.deepEqual(patches, [
    { Op: 'replace', Key: 'fresh', Value: '', SyncCount: 0, DeviceLastModifiedDate: NOW },
    { Op: 'remove', Key: 'name', SyncCount: 2, DeviceLastModifiedDate: NOW },
    { Op: 'replace', Key: 'old', Value: 'back', SyncCount: 6, DeviceLastModifiedDate: NOW },
    { Op: 'replace', Key: 'score', Value: '120', SyncCount: 5, DeviceLastModifiedDate: NOW },
  ]);
  assert.equal('Value' in patches[1]!, false);
  assert.deepEqual(buildPatches(new Map()), []);
});

test('nextSyncCount advances only when every record is old + 1', () => {
  const rows: Array<[string, number, number[], { syncCount: number; relist: boolean }]> = [
    ['all old + 1', 7, [8, 8], { syncCount: 8, relist: false }],
    ['one skipped ahead', 7, [8, 9], { syncCount: 7, relist: true }],
    ['all further ahead', 7, [10, 10], { syncCount: 7, relist: true }],
    ['empty reply', 7, [], { syncCount: 7, relist: false }],
  ];
  for (const [name, listed, counts, expected] of rows) {
    assert.deepEqual(nextSyncCount(listed, counts.map((c, i) => live(`k${i}`, 'v', c))), expected, name);
  }
});

test('parses the stale-SyncCount message and nothing else', () => {
  const rows: Array<[string | undefined, ReturnType<typeof parseSyncCountConflict>]> = [
    ['Current SyncCount for: highScore is: 5 not: 4', { key: 'highScore', serverCount: 5, sentCount: 4 }],
    ['Current SyncCount for: a key: with is: colons is: 12 not: 0', { key: 'a key: with is: colons', serverCount: 12, sentCount: 0 }],
    ['Current SyncCount for: multi\nline is: 2 not: 1', { key: 'multi\nline', serverCount: 2, sentCount: 1 }],
    ['Current SyncCount for:  is: 2 not: 1', undefined],
    ['Current SyncCount for: k is: x not: 1', undefined],
    ['SyncSessionToken not valid for these inputs', undefined],
    ['prefix Current SyncCount for: k is: 2 not: 1', undefined],
    [undefined, undefined],
  ];
  for (const [message, expected] of rows) assert.deepEqual(parseSyncCountConflict(message), expected, String(message));
});
