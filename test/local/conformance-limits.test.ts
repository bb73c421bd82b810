// SERVICE.md §4: quotas on the state an UpdateRecords would produce; exact messages; nothing changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteDatasetCommand, DescribeDatasetCommand, ListDatasetsCommand, type RecordPatch } from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import { expectError, listAll, listRecords, put, update, where, type Where } from '../helpers/fixtures.js';
import { raw } from '../helpers/raw-http.js';

const t = serverBeforeAll();

const limit = (message: string) => ({ name: 'LimitExceededException', status: 400, message });
const pi = (w: Where) => ({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId });
const names = async (w: Where) =>
  ((await t.sync.send(new ListDatasetsCommand({ ...pi(w), MaxResults: 64 }))).Datasets ?? []).map((d) => d.DatasetName!);

/** `n` keys k0000… with value `v`, as one map for `put`. */
function keys(n: number, value = 'v', from = 0): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = from; i < from + n; i++) out[`k${String(i).padStart(4, '0')}`] = value;
  return out;
}

async function snapshot(w: Where) {
  const { records, pages } = await listAll(t.sync, w);
  return { count: pages[pages.length - 1].DatasetSyncCount, records: records.map((r) => [r.Key, r.Value, r.SyncCount]) };
}

describe('§4 limits', () => {
  test('"Datasets per identity 20 … Too many datasets for identity <I>: the limit is 20"; nothing created', async () => {
    const w = where();
    for (let i = 0; i < 20; i++) await put(t.sync, { ...w, DatasetName: `d${String(i).padStart(2, '0')}` }, { k: 'v' });
    const extra = { ...w, DatasetName: 'd20' };
    await expectError(put(t.sync, extra, { k: 'v' }), limit(`Too many datasets for identity ${w.IdentityId}: the limit is 20`));
    assert.equal((await listRecords(t.sync, extra)).DatasetExists, false);
    assert.equal((await names(w)).length, 20);
    const more = await put(t.sync, { ...w, DatasetName: 'd05' }, { other: 'x' });
    assert.equal(more.length, 1, 'writing to an existing dataset is fine at the limit');
    await t.sync.send(new DeleteDatasetCommand({ ...w, DatasetName: 'd00' }));
    await put(t.sync, extra, { k: 'v' });
    assert.equal((await names(w)).length, 20);
  });

  test('"merged datasets … count toward the 20", and "The 20-dataset quota does not block a merge"', async () => {
    const P = where().IdentityPoolId;
    const dst = where('d00', P);
    const src = where('game', P);
    for (let i = 0; i < 20; i++) await put(t.sync, { ...dst, DatasetName: `d${String(i).padStart(2, '0')}` }, { k: 'v' });
    await put(t.sync, src, { k: 'v' });
    const res = await raw(t.url, {
      method: 'POST',
      path: '/_cogsync/merge-identities',
      body: { IdentityPoolId: P, SourceIdentityId: src.IdentityId, DestinationIdentityId: dst.IdentityId },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal((await names(dst)).length, 21);
    await t.sync.send(new DeleteDatasetCommand({ ...dst, DatasetName: 'd00' }));
    await expectError(put(t.sync, { ...dst, DatasetName: 'new' }, { k: 'v' }), limit(`Too many datasets for identity ${dst.IdentityId}: the limit is 20`));
  });

  test('"Records per dataset 1,024 … Too many records in dataset <D>: <n> exceeds the limit of 1024"', async () => {
    const w = where('big');
    await expectError(put(t.sync, w, keys(1025)), limit('Too many records in dataset big: 1025 exceeds the limit of 1024'));
    assert.equal((await listRecords(t.sync, w)).DatasetExists, false, 'nothing created');
    await put(t.sync, w, keys(1024));
    const before = await snapshot(w);
    await expectError(put(t.sync, w, { extra1: 'v', extra2: 'v' }), limit('Too many records in dataset big: 1026 exceeds the limit of 1024'));
    assert.deepEqual(await snapshot(w), before, 'nothing changed on refusal');
  });

  test('"live records; tombstones don\'t count"', async () => {
    const w = where('tomb');
    await put(t.sync, w, keys(1024));
    await put(t.sync, w, { k0000: null, k0001: null }); // 1,022 live
    await put(t.sync, w, { fresh1: 'v', fresh2: 'v' }); // back to 1,024 live, 1,026 stored
    const { Dataset } = await t.sync.send(new DescribeDatasetCommand(w));
    assert.equal(Dataset?.NumRecords, 1024);
    await expectError(put(t.sync, w, { fresh3: 'v' }), limit('Too many records in dataset tomb: 1025 exceeds the limit of 1024'));
    // Replacing a record and removing another in one call stays within the limit.
    const swapped = await put(t.sync, w, { fresh3: 'v', k0002: null });
    assert.equal(swapped.length, 2);
  });

  test('"Dataset size 1,048,576 bytes: UTF-8 bytes of key + value, live records … Dataset <D> is too large: <n> bytes exceeds the limit of 1048576"', async () => {
    const w = where('sized');
    await put(t.sync, w, { k: 'v'.repeat(1_048_575) }); // exactly 1 MiB: allowed
    const before = await snapshot(w);
    await expectError(put(t.sync, w, { x: '' }), limit('Dataset sized is too large: 1048577 bytes exceeds the limit of 1048576'));
    assert.deepEqual(await snapshot(w), before, 'nothing changed on refusal');
    // Freeing space in the same call makes room: the check is on the resulting state.
    const done = await put(t.sync, w, { k: null, x: 'y' });
    assert.equal(done.length, 2);
  });

  test('"UTF-8 bytes", not characters: 524,288 two-byte characters exceed the limit', async () => {
    const w = where('utf8');
    const value = 'é'.repeat(524_288); // 524,288 UTF-16 units (a legal value), 1,048,576 UTF-8 bytes
    await expectError(put(t.sync, w, { k: value }), limit('Dataset utf8 is too large: 1048577 bytes exceeds the limit of 1048576'));
    assert.equal((await listRecords(t.sync, w)).DatasetExists, false);
  });

  test('"UpdateRecords checks quotas after the conflict check": a call both stale and too big → 409', async () => {
    const w = where('order');
    await put(t.sync, w, { a: '1' });
    const patches: RecordPatch[] = [
      { Op: 'replace', Key: 'a', Value: '2', SyncCount: 0 },
      ...Object.keys(keys(1100)).map((Key) => ({ Op: 'replace' as const, Key, Value: 'v', SyncCount: 0 })),
    ];
    await expectError(update(t.sync, w, patches), { name: 'ResourceConflictException', status: 409, message: 'Current SyncCount for: a is: 1 not: 0' });
  });

  test('"Key length 1–1,024 / Value length 0–1,048,575 / Dataset name 1–128" are InvalidParameterException, not limits', async () => {
    const w = where();
    await expectError(put(t.sync, w, { ['k'.repeat(1025)]: 'v' }), { name: 'InvalidParameterException', status: 400 });
    await expectError(put(t.sync, w, { k: 'v'.repeat(1_048_576) }), { name: 'InvalidParameterException', status: 400 });
    await expectError(t.sync.send(new DescribeDatasetCommand({ ...w, DatasetName: 'n'.repeat(129) })), { name: 'InvalidParameterException', status: 400 });
    assert.deepEqual(await put(t.sync, { ...w, DatasetName: 'n'.repeat(128) }, { ['k'.repeat(1024)]: '' }).then((r) => r.length), 1);
  });
});
