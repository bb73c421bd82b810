// SERVICE.md §3.3 (ListRecords) and §3.4 (sync session tokens).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteDatasetCommand, ListDatasetsCommand, type RecordPatch } from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll, startTestServer } from '../helpers/local-server.js';
import { expectError, listAll, listRecords, put, testClock, token, update, where, type Where } from '../helpers/fixtures.js';

const clock = testClock();
const t = serverBeforeAll({ now: clock.now });

const keys = (records: { Key?: string }[] | undefined) => (records ?? []).map((r) => r.Key);
const bad = (message: string) => ({ name: 'InvalidParameterException', status: 400, message });

describe('§3.3 ListRecords', () => {
  test('"Records: all with SyncCount > L, tombstones included"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await put(t.sync, w, { b: '1', gone: '1' });
    await put(t.sync, w, { c: '1', gone: null });
    const out = await listRecords(t.sync, w, { LastSyncCount: 2 });
    assert.deepEqual(out.Records?.map((r) => [r.Key, r.Value, r.SyncCount]), [['c', '1', 3], ['gone', undefined, 3]]);
    assert.equal(out.DatasetSyncCount, 3);
    assert.equal(out.DatasetExists, true);
    assert.equal(out.DatasetDeletedAfterRequestedSyncCount, false);
    assert.deepEqual(keys((await listRecords(t.sync, w, { LastSyncCount: 3 })).Records), []);
  });

  test('"L > counter → 400 No such SyncCount: L exists for this Dataset" (also for a never-written dataset)', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await expectError(listRecords(t.sync, w, { LastSyncCount: 2 }), bad('No such SyncCount: 2 exists for this Dataset'));
    await expectError(listRecords(t.sync, where(), { LastSyncCount: 1 }), bad('No such SyncCount: 1 exists for this Dataset'));
  });

  test('"Missing dataset → 200, DatasetExists: false, Count: 0, Records: [], DatasetSyncCount: counter, a token"', async () => {
    const fresh = await listRecords(t.sync, where());
    assert.deepEqual(
      [fresh.DatasetExists, fresh.Count, fresh.Records ?? [], fresh.DatasetSyncCount, fresh.DatasetDeletedAfterRequestedSyncCount],
      [false, 0, [], 0, false],
    );
    assert.ok(fresh.SyncSessionToken);
    const w = where();
    await put(t.sync, w, { a: '1' });
    await put(t.sync, w, { b: '1' });
    await t.sync.send(new DeleteDatasetCommand(w));
    const deleted = await listRecords(t.sync, w);
    assert.deepEqual([deleted.DatasetExists, deleted.Count, deleted.Records ?? [], deleted.DatasetSyncCount], [false, 0, [], 2]);
    assert.ok(deleted.SyncSessionToken);
    const fromCursor = await listRecords(t.sync, w, { LastSyncCount: 1 }); // a device that synced before the delete
    assert.deepEqual([fromCursor.DatasetExists, fromCursor.DatasetDeletedAfterRequestedSyncCount, fromCursor.Records ?? []], [false, true, []]);
  });

  test('"If L > 0 and deletedAt ≥ L: DatasetDeletedAfterRequestedSyncCount: true and records selected as if L = deletedAt"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await put(t.sync, w, { b: '1' }); // counter 2
    await t.sync.send(new DeleteDatasetCommand(w)); // deletedAt 2
    const recreated = await put(t.sync, w, { a: 'new', c: 'new' }); // patches carry 0 again
    assert.deepEqual(recreated.map((r) => r.SyncCount), [3, 3], 'counts continue after deletedAt');
    await put(t.sync, w, { d: 'new' }); // 4
    const cases: Array<[number, boolean, string[]]> = [
      [0, false, ['a', 'c', 'd']],
      [1, true, ['a', 'c', 'd']],
      [2, true, ['a', 'c', 'd']],
      [3, false, ['d']],
    ];
    for (const [L, flag, expected] of cases) {
      const out = await listRecords(t.sync, w, { LastSyncCount: L });
      assert.deepEqual([L, out.DatasetDeletedAfterRequestedSyncCount, keys(out.Records)], [L, flag, expected]);
    }
  });

  test('"ordered by SyncCount then Key (code units)"', async () => {
    const w = where();
    await put(t.sync, w, { z: '1' });
    await put(t.sync, w, { b: '1', a: '1', B: '1', 'é': '1', '😀': '1', '\uff01': '1', '10': '1', '9': '1' });
    const { records } = await listAll(t.sync, w);
    assert.deepEqual(keys(records), ['z', '10', '9', 'B', 'a', 'b', 'é', '😀', '\uff01']);
  });

  test('"at most maxResults per page", "Count = records in this page", "a SyncSessionToken on every page" — the same token', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1', c: '1', d: '1', e: '1' });
    const first = await listRecords(t.sync, w, { MaxResults: 2 });
    const second = await listRecords(t.sync, w, { MaxResults: 2, NextToken: first.NextToken });
    const third = await listRecords(t.sync, w, { MaxResults: 2, NextToken: second.NextToken });
    assert.deepEqual([first, second, third].map((p) => [keys(p.Records), p.Count, Boolean(p.NextToken)]), [
      [['a', 'b'], 2, true],
      [['c', 'd'], 2, true],
      [['e'], 1, false],
    ]);
    assert.ok(first.SyncSessionToken);
    assert.deepEqual([second.SyncSessionToken, third.SyncSessionToken], [first.SyncSessionToken, first.SyncSessionToken]);
  });

  test('"a record changed between pages moves behind the cursor and is still returned"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1', c: '1', d: '1' });
    const first = await listRecords(t.sync, w, { MaxResults: 2 });
    assert.deepEqual(keys(first.Records), ['a', 'b']);
    await put(t.sync, w, { a: '2', c: '2' }); // a (already seen) and c (not yet) move to count 2
    const rest: RecordPatch[] = [];
    let NextToken = first.NextToken;
    let last = first;
    while (NextToken) {
      last = await listRecords(t.sync, w, { MaxResults: 2, NextToken });
      rest.push(...((last.Records ?? []) as RecordPatch[]));
      NextToken = last.NextToken;
    }
    assert.deepEqual(rest.map((r) => [r.Key, r.SyncCount]), [['d', 1], ['a', 2], ['c', 2]]);
    assert.equal(last.DatasetSyncCount, 2, 'DatasetSyncCount = counter now');
  });

  test('"maxResults … above the maximum it is clamped: ListRecords 1,024 (also the default)"', async () => {
    const w = where();
    const many: Record<string, string> = {};
    for (let i = 0; i < 1024; i++) many[`k${String(i).padStart(4, '0')}`] = 'v';
    await put(t.sync, w, many);
    const more: Record<string, string | null> = {};
    for (let i = 0; i < 10; i++) more[`unseen${i}`] = null; // 10 more tombstones: listed, not live
    await put(t.sync, w, more);
    const clamped = await listRecords(t.sync, w, { MaxResults: 5000 });
    assert.deepEqual([clamped.Count, clamped.Records?.length, Boolean(clamped.NextToken)], [1024, 1024, true]);
    const byDefault = await listRecords(t.sync, w);
    assert.deepEqual([byDefault.Count, Boolean(byDefault.NextToken)], [1024, true]);
    const rest = await listRecords(t.sync, w, { NextToken: byDefault.NextToken });
    assert.deepEqual([rest.Count, rest.NextToken], [10, undefined]);
  });

  test('"NextToken binds P, I, D, L": a token used for another dataset or another lastSyncCount → Invalid NextToken', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1', c: '1' });
    const first = await listRecords(t.sync, w, { MaxResults: 1 });
    const other: Where = { ...w, DatasetName: 'other' };
    await put(t.sync, other, { a: '1', b: '1' });
    await expectError(listRecords(t.sync, other, { MaxResults: 1, NextToken: first.NextToken }), bad('Invalid NextToken'));
    await expectError(listRecords(t.sync, w, { MaxResults: 1, NextToken: first.NextToken, LastSyncCount: 1 }), bad('Invalid NextToken'));
    const { DatasetName: _, ...pi } = w;
    await expectError(t.sync.send(new ListDatasetsCommand({ ...pi, NextToken: first.NextToken })), bad('Invalid NextToken'));
    const fine = await listRecords(t.sync, w, { MaxResults: 1, NextToken: first.NextToken });
    assert.deepEqual(keys(fine.Records), ['b']);
  });
});

describe('§3.4 sync session tokens', () => {
  const patch = (Key = 'k'): RecordPatch[] => [{ Op: 'replace', Key, Value: 'v', SyncCount: 0 }];

  test('"pool/identity/dataset other than the URL\'s → 400 SyncSessionToken not valid for these inputs"', async () => {
    const w = where();
    const variants: Where[] = [
      { ...w, DatasetName: 'other' },
      { ...w, IdentityId: where().IdentityId },
      { ...w, IdentityPoolId: where().IdentityPoolId },
    ];
    for (const v of variants) {
      const SyncSessionToken = await token(t.sync, v);
      await expectError(update(t.sync, w, patch(), { SyncSessionToken }), bad('SyncSessionToken not valid for these inputs'));
    }
    assert.equal((await listRecords(t.sync, w)).DatasetExists, false, 'nothing written');
  });

  test('"malformed, bad MAC … → SyncSessionToken not valid for these inputs"', async () => {
    const w = where();
    const good = await token(t.sync, w);
    // The first character always carries payload bits (a trailing one may not), so this is a real change.
    const tampered = (good[0] === 'e' ? 'f' : 'e') + good.slice(1);
    for (const SyncSessionToken of ['garbage', '', tampered]) {
      await expectError(update(t.sync, w, patch(), { SyncSessionToken }), bad('SyncSessionToken not valid for these inputs'));
    }
    await expectError(listRecords(t.sync, w, { SyncSessionToken: 'garbage' }), bad('SyncSessionToken not valid for these inputs'));
  });

  test('"expired → 400 SyncSessionToken has expired" (default TTL 15 minutes), on UpdateRecords and ListRecords', async () => {
    const w = where();
    const SyncSessionToken = await token(t.sync, w);
    clock.advance(15 * 60 * 1000 - 1000);
    await update(t.sync, w, patch('early'), { SyncSessionToken });
    clock.advance(2000);
    await expectError(update(t.sync, w, patch('late'), { SyncSessionToken }), bad('SyncSessionToken has expired'));
    await expectError(listRecords(t.sync, w, { SyncSessionToken }), bad('SyncSessionToken has expired'));
    assert.deepEqual(keys((await listRecords(t.sync, w)).Records), ['early']);
  });

  test('"TTL … configurable": tokenTtlSeconds: 5', async () => {
    const short = testClock();
    const s = await startTestServer({ now: short.now, tokenTtlSeconds: 5 });
    try {
      const w = where();
      const SyncSessionToken = await token(s.sync, w);
      short.advance(4000);
      await update(s.sync, w, patch('a'), { SyncSessionToken });
      short.advance(2000);
      await expectError(update(s.sync, w, patch('b'), { SyncSessionToken }), bad('SyncSessionToken has expired'));
    } finally {
      await s.close();
    }
  });

  test('"Reusable within its TTL": two UpdateRecords with one token both succeed', async () => {
    const w = where();
    const SyncSessionToken = await token(t.sync, w);
    const [a] = await update(t.sync, w, patch('a'), { SyncSessionToken });
    const [b] = await update(t.sync, w, patch('b'), { SyncSessionToken });
    assert.deepEqual([a.SyncCount, b.SyncCount], [1, 2]);
  });

  test('"with a valid one [syncSessionToken], or on a nextToken page, it returns the same token"; without, a new one', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1' });
    const first = await listRecords(t.sync, w);
    const again = await listRecords(t.sync, w, { SyncSessionToken: first.SyncSessionToken });
    assert.equal(again.SyncSessionToken, first.SyncSessionToken);
    const fresh = await listRecords(t.sync, w);
    assert.notEqual(fresh.SyncSessionToken, first.SyncSessionToken, 'no syncSessionToken → a new session');
  });
});
