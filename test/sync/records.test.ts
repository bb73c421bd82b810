import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareKeys, countOf, isLive, isTombstone, opMatchesRecord, sameOp, utf8Length, type StagedOp, type SyncRecord } from '../../src/sync/index.js';
import { live, tomb } from './fixtures.js';

const put = (value: string): StagedOp => ({ kind: 'replace', value });
const del: StagedOp = { kind: 'remove' };

test('liveness and counts: "" is live, a tombstone is not, absent counts 0', () => {
  const rows: Array<[string, SyncRecord | undefined, boolean, boolean, number]> = [
    ['value', live('k', 'v', 3), true, false, 3],
    ['empty string', live('k', '', 4), true, false, 4],
    ['tombstone', tomb('k', 5), false, true, 5],
    ['absent', undefined, false, false, 0],
  ];
  for (const [name, record, isLiveExpected, isTombExpected, count] of rows) {
    assert.equal(isLive(record), isLiveExpected, name);
    assert.equal(isTombstone(record), isTombExpected, name);
    assert.equal(countOf(record), count, name);
  }
});

test('opMatchesRecord is null-safe: "" ≠ tombstone ≠ absent', () => {
  const rows: Array<[string, StagedOp, SyncRecord | undefined, boolean]> = [
    ['same value', put('a'), live('k', 'a', 1), true],
    ['other value', put('b'), live('k', 'a', 1), false],
    ['"" over ""', put(''), live('k', '', 1), true],
    ['"" over a value', put(''), live('k', 'a', 1), false],
    ['"" over a tombstone', put(''), tomb('k', 2), false],
    ['"" over absent', put(''), undefined, false],
    ['remove a value', del, live('k', 'a', 1), false],
    ['remove ""', del, live('k', '', 1), false],
    ['remove a tombstone', del, tomb('k', 2), true],
    ['remove absent', del, undefined, true],
  ];
  for (const [name, op, record, expected] of rows) assert.equal(opMatchesRecord(op, record), expected, name);
});

test('sameOp, key order by code units, UTF-8 length', () => {
  assert.equal(sameOp(put('a'), put('a')), true);
  assert.equal(sameOp(put(''), del), false);
  assert.equal(sameOp(del, del), true);
  assert.equal(sameOp(put('a'), put('b')), false);
  // U+FF5E sorts after U+1F600's high surrogate (0xD83D) in code units, unlike code points.
  assert.deepEqual(['\uff5e', '\u{1f600}', 'B', 'a'].sort(compareKeys), ['B', 'a', '\u{1f600}', '\uff5e']);
  assert.equal(utf8Length('é'), 2);
  assert.equal(utf8Length('\u{1f600}'), 4);
  assert.equal(utf8Length(''), 0);
});
