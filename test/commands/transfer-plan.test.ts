// Pure parts of set/rm/import/copy: KEY=VALUE arguments, the export file format, and the
// plan that decides what to write and what is a conflict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAssignments, parseKeys } from '../../src/commands/edit/key-value-args.js';
import { UsageError } from '../../src/commands/errors.js';
import { parseExportDocument } from '../../src/commands/transfer/document.js';
import { countPlan, planDataset, type CurrentRecord, type WantedRecord } from '../../src/commands/transfer/plan.js';

test('KEY=VALUE: the first = splits; empty values are real values', () => {
  assert.deepEqual(parseAssignments(['a=1', 'b=x=y', 'c=', 'ключ=東京']), [
    { key: 'a', value: '1' },
    { key: 'b', value: 'x=y' },
    { key: 'c', value: '' },
    { key: 'ключ', value: '東京' },
  ]);
});

const badAssignments: Array<[string[], RegExp]> = [
  [[], /give at least one KEY=VALUE/],
  [['novalue'], /argument 1 'novalue' is not KEY=VALUE \(use KEY= for an empty value\)/],
  [['a=1', '=2'], /argument 2 '=2' has an empty key/],
  [['a=1', 'a=2'], /key 'a' is given twice/],
];
for (const [words, message] of badAssignments) {
  test(`KEY=VALUE rejects ${JSON.stringify(words)}`, () => {
    assert.throws(() => parseAssignments(words), (e: unknown) => e instanceof UsageError && message.test(e.message) && e.exitCode === 252);
  });
}

test('rm keys: at least one, no repeats, none empty', () => {
  assert.deepEqual(parseKeys(['a', 'b=c']), ['a', 'b=c']);
  assert.throws(() => parseKeys([]), /give at least one KEY/);
  assert.throws(() => parseKeys(['a', 'a']), /key 'a' is given twice/);
  assert.throws(() => parseKeys(['']), /must not be empty/);
});

const current: CurrentRecord[] = [
  { key: 'same', value: 'v', syncCount: 3 },
  { key: 'edited', value: 'old', syncCount: 3 },
  { key: 'moved', value: 'theirs', syncCount: 7, lastModifiedBy: 'dev-2' },
  { key: 'gone', syncCount: 5 },
  { key: 'extra', value: 'x', syncCount: 2 },
];

test('plan: no-ops dropped; edits, additions and removals at unchanged counts; moved counts conflict', () => {
  const wanted: WantedRecord[] = [
    { key: 'same', value: 'v', syncCount: 3 },
    { key: 'edited', value: 'new', syncCount: 3 },
    { key: 'moved', value: 'mine', syncCount: 4 },
    { key: 'gone', syncCount: 5 },
    { key: 'fresh', value: '', syncCount: 0 },
    { key: 'readd', value: 'back' },
  ];
  const plan = planDataset(wanted, current);
  assert.deepEqual(
    plan.map((i) => [i.kind, i.key, i.value]),
    [
      ['modify', 'edited', 'new'],
      ['add', 'fresh', ''],
      ['conflict', 'moved', 'mine'],
      ['add', 'readd', 'back'],
    ],
  );
  assert.deepEqual(countPlan(plan), { changes: 3, conflicts: 1 });
  const conflict = plan.find((i) => i.kind === 'conflict');
  assert.ok(conflict && conflict.kind === 'conflict');
  assert.equal(conflict.readAt, 4);
  assert.equal(conflict.current?.lastModifiedBy, 'dev-2');
});

test('plan: a removal in the file; a tombstone and an absent key are the same', () => {
  assert.deepEqual(planDataset([{ key: 'extra', syncCount: 2 }], current).map((i) => [i.kind, i.key]), [['remove', 'extra']]);
  assert.deepEqual(planDataset([{ key: 'gone' }, { key: 'never' }], current), []);
});

test('plan: the same value is no conflict even when the count moved (converged)', () => {
  assert.deepEqual(planDataset([{ key: 'moved', value: 'theirs', syncCount: 1 }], current), []);
});

test('plan: --prune removes live keys the file does not list, never tombstones', () => {
  const plan = planDataset([{ key: 'same', value: 'v' }], current, { prune: true });
  assert.deepEqual(plan.map((i) => [i.kind, i.key]), [['remove', 'edited'], ['remove', 'extra'], ['remove', 'moved']]);
});

test('export file: a valid document round-trips', () => {
  const doc = parseExportDocument(
    JSON.stringify({
      Format: 'cogsync-export/1',
      IdentityPoolId: 'us-east-1:p',
      IdentityId: 'us-east-1:i',
      Datasets: [{ DatasetName: 'd', DatasetSyncCount: 3, Records: [{ Key: 'a', Value: '', SyncCount: 1 }, { Key: 'b', SyncCount: 2 }, { Key: 'c', Value: 'hand-written' }] }],
    }),
    'f.json',
  );
  assert.deepEqual(doc.Datasets[0].Records, [{ Key: 'a', Value: '', SyncCount: 1 }, { Key: 'b', SyncCount: 2 }, { Key: 'c', Value: 'hand-written' }]);
});

const badDocs: Array<[string, unknown, string]> = [
  ['not JSON', '{', 'f.json: not JSON'],
  ['no Datasets', {}, 'f.json: Datasets: expected a list'],
  ['a wrong format', { Format: 'other', Datasets: [] }, 'f.json: Format: expected "cogsync-export/1"'],
  ['a nameless dataset', { Datasets: [{ Records: [] }] }, 'f.json: Datasets[0].DatasetName: expected a non-empty string'],
  ['a repeated dataset', { Datasets: [{ DatasetName: 'd', Records: [] }, { DatasetName: 'd', Records: [] }] }, "f.json: Datasets[1].DatasetName: dataset 'd' appears twice"],
  ['a record without Key', { Datasets: [{ DatasetName: 'd', Records: [{ Value: 'x' }] }] }, 'f.json: Datasets[0].Records[0].Key: expected a non-empty string'],
  ['a numeric Value', { Datasets: [{ DatasetName: 'd', Records: [{ Key: 'k', Value: 3 }] }] }, 'f.json: Datasets[0].Records[0].Value: expected a string (or no Value for a removed key)'],
  ['a negative SyncCount', { Datasets: [{ DatasetName: 'd', Records: [{ Key: 'k', SyncCount: -1 }] }] }, 'f.json: Datasets[0].Records[0].SyncCount: expected a whole number ≥ 0'],
  ['a repeated key', { Datasets: [{ DatasetName: 'd', Records: [{ Key: 'k' }, { Key: 'k' }] }] }, "f.json: Datasets[0].Records[1].Key: key 'k' appears twice"],
];
for (const [name, doc, message] of badDocs) {
  test(`export file with ${name} is refused with its path`, () => {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    assert.throws(() => parseExportDocument(text, 'f.json'), (e: unknown) => e instanceof Error && e.message.startsWith(`cogsync: error: ${message}`));
  });
}
