import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoErrors,
  checkBatch,
  checkDatasetAddress,
  checkDatasetName,
  checkIdentityId,
  checkIdentityPoolId,
  checkKey,
  checkValue,
  createDataset,
  LIMITS,
  stageEdits,
  stagePut,
  stageRemove,
  SyncValidationError,
  type StageEdit,
} from '../../src/sync/index.js';
import { live, tomb } from './fixtures.js';

test('key validator (as you type): codes and severities', () => {
  const rows: Array<[string, string, string[]]> = [
    ['one char', 'k', []],
    ['empty', '', ['error:key-empty']],
    ['1,024 units', 'x'.repeat(1024), ['warning:key-long-for-mobile']],
    ['1,025 units', 'x'.repeat(1025), ['error:key-too-long', 'warning:key-long-for-mobile']],
    ['128 bytes', 'x'.repeat(128), []],
    ['129 bytes', 'x'.repeat(129), ['warning:key-long-for-mobile']],
    ['65 two-byte chars = 130 bytes', 'é'.repeat(65), ['warning:key-long-for-mobile']],
    ['512 emoji = 1,024 units', '\u{1f600}'.repeat(512), ['warning:key-long-for-mobile']],
    ['513 emoji = 1,026 units', '\u{1f600}'.repeat(513), ['error:key-too-long', 'warning:key-long-for-mobile']],
  ];
  for (const [name, key, expected] of rows) {
    assert.deepEqual(checkKey(key).map((i) => `${i.severity}:${i.code}`), expected, name);
  }
  const [tooLong] = checkKey('k'.repeat(1025));
  assert.match(tooLong!.message, /is 1,025 characters; the limit is 1,024/);
  assert.match(tooLong!.message, /^Key "k{40}…"/);
});

test('value limit is 1,048,575 UTF-16 units; "" is fine', () => {
  assert.deepEqual(checkValue('k', ''), []);
  assert.deepEqual(checkValue('k', 'v'.repeat(LIMITS.maxValueLength)), []);
  const [issue] = checkValue('big', 'v'.repeat(LIMITS.maxValueLength + 1));
  assert.equal(issue?.code, 'value-too-long');
  assert.match(issue!.message, /Value of key "big" is 1,048,576 characters; the limit is 1,048,575/);
});

test('dataset name and ids follow the service patterns', () => {
  const names: Array<[string, boolean]> = [
    ['settings', true],
    ['a.b:c-d_e', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['', false],
    ['bad name!', false],
    ['naïve', false],
  ];
  for (const [name, ok] of names) assert.equal(checkDatasetName(name).length === 0, ok, name);
  const ids: Array<[string, boolean]> = [
    ['us-east-1:0f6d5a4e-1111-2222-3333-444455556666', true],
    ['eu_west:abc-123', true],
    ['us-east-1:0F6D', false], // upper-case hex is rejected
    ['no-colon', false],
    ['', false],
    ['us-east-1:' + 'a'.repeat(46), false], // 56 characters
  ];
  for (const [id, ok] of ids) {
    assert.equal(checkIdentityPoolId(id).length === 0, ok, id);
    assert.equal(checkIdentityId(id).length === 0, ok, id);
  }
  assert.deepEqual(
    checkDatasetAddress({ identityPoolId: 'x', identityId: 'us-east-1:ab', datasetName: 'bad name' }).map((i) => i.code),
    ['identity-pool-id', 'dataset-name'],
  );
});

test('batch: 1,024 live records pass, 1,025 fail; tombstones and removals do not count', () => {
  const full = createDataset(
    [...Array.from({ length: 1023 }, (_, i) => live(`k${i}`, 'v', 1)), tomb('t1', 2), tomb('t2', 2)],
    2,
  );
  let s = stagePut(full, 'one-more', 'v');
  assert.deepEqual(checkBatch(s.base, s.staged).errors, []);
  s = stagePut(s, 'two-more', 'v');
  const { errors } = checkBatch(s.base, s.staged);
  assert.deepEqual(errors.map((e) => e.code), ['too-many-records']);
  assert.match(errors[0]!.message, /would hold 1,025 records; the limit is 1,024/);
  // Removing one makes room; re-adding a tombstone takes a slot.
  s = stageRemove(s, 'k0');
  assert.deepEqual(checkBatch(s.base, s.staged).errors, []);
  s = stagePut(s, 't1', 'back');
  assert.deepEqual(checkBatch(s.base, s.staged).errors.map((e) => e.code), ['too-many-records']);
});

test('batch: 1,048,576 bytes (UTF-8 of key + value) pass, one more fails', () => {
  // A 1-character key plus a maximal value is exactly 1 MiB.
  const max = stagePut(createDataset([], 0), 'k', 'v'.repeat(LIMITS.maxValueLength));
  assert.deepEqual(checkBatch(max.base, max.staged).errors, []);
  const over = stagePut(max, 'j', '');
  const { errors } = checkBatch(over.base, over.staged);
  assert.deepEqual(errors.map((e) => e.code), ['dataset-too-large']);
  assert.match(errors[0]!.message, /would be 1,048,577 bytes; the limit is 1,048,576 bytes/);
  // Multi-byte: 'é' is 2 bytes; a staged replace is counted instead of the base value.
  const base = createDataset([live('a', 'é'.repeat(524_287), 1)], 1); // 1 + 1,048,574 bytes
  assert.deepEqual(checkBatch(base.base, stagePut(base, 'b', '').staged).errors, []); // +1
  assert.deepEqual(checkBatch(base.base, stagePut(base, 'bc', '').staged).errors.map((e) => e.code), ['dataset-too-large']);
  const shrunk = stageEdits(base, [{ key: 'a', op: { kind: 'replace', value: 'é' } }, { key: 'bc', op: { kind: 'replace', value: 'x' } }] as StageEdit[]);
  assert.deepEqual(checkBatch(shrunk.base, shrunk.staged).errors, []);
});

test('batch: per-key errors name the key; long keys only warn', () => {
  let s = stagePut(createDataset([], 0), 'x'.repeat(200), 'v');
  let report = checkBatch(s.base, s.staged);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.warnings.map((w) => w.code), ['key-long-for-mobile']);
  s = stagePut(s, 'y'.repeat(1025), 'v');
  s = stagePut(s, 'huge', 'h'.repeat(LIMITS.maxValueLength + 1));
  report = checkBatch(s.base, s.staged);
  assert.deepEqual(report.errors.map((e) => [e.code, e.key?.slice(0, 4)]), [
    ['key-too-long', 'yyyy'],
    ['value-too-long', 'huge'],
    ['dataset-too-large', undefined],
  ]);
  assert.throws(() => assertNoErrors(report.errors), (e: unknown) => e instanceof SyncValidationError && e.issues.length === 3);
  assert.doesNotThrow(() => assertNoErrors(report.warnings));
});
