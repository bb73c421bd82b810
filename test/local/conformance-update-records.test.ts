// SERVICE.md §3.1 (data model) and §3.2 (UpdateRecords steps 1–6), through the real SDK.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeDatasetCommand,
  DescribeIdentityPoolUsageCommand,
  DescribeIdentityUsageCommand,
  ListDatasetsCommand,
} from '@aws-sdk/client-cognito-sync';
import {
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  ListIdentitiesCommand,
} from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll, startTestServer } from '../helpers/local-server.js';
import { expectError, listAll, listRecords, put, update, where, type Where } from '../helpers/fixtures.js';

const t = serverBeforeAll();

const counts = async (w: Where) =>
  Object.fromEntries((await listAll(t.sync, w)).records.map((r) => [r.Key!, [r.Value ?? null, r.SyncCount!]]));

const conflict = (key: string, server: number, sent: number) => ({
  name: 'ResourceConflictException',
  status: 409,
  message: `Current SyncCount for: ${key} is: ${server} not: ${sent}`,
});

describe('§3.1 data model', () => {
  test('"reads never create": reads of an unknown pool/identity/dataset leave the pool unknown', async () => {
    const w = where();
    const { DatasetName: _, ...pi } = w;
    const listed = await listRecords(t.sync, w);
    assert.equal(listed.DatasetExists, false);
    const datasets = await t.sync.send(new ListDatasetsCommand(pi));
    assert.deepEqual(datasets.Datasets ?? [], []);
    await expectError(t.sync.send(new DescribeDatasetCommand(w)), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(t.sync.send(new DescribeIdentityUsageCommand(pi)), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: w.IdentityPoolId })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `IdentityPool '${w.IdentityPoolId}' not found.`,
    });
    await expectError(t.identity.send(new DescribeIdentityCommand({ IdentityId: w.IdentityId })), {
      name: 'ResourceNotFoundException',
      status: 400,
    });
  });

  test('"implicitly from the first UpdateRecords … (pool name implicit-<guid part of P>, unauthenticated allowed)"', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const pool = await t.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: w.IdentityPoolId }));
    assert.equal(pool.IdentityPoolName, `implicit-${w.IdentityPoolId.split(':')[1]}`);
    assert.equal(pool.AllowUnauthenticatedIdentities, true);
    const ident = await t.identity.send(new DescribeIdentityCommand({ IdentityId: w.IdentityId }));
    assert.equal(ident.IdentityId, w.IdentityId);
    const listed = await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId: w.IdentityPoolId, MaxResults: 60 }));
    assert.deepEqual(listed.Identities?.map((i) => i.IdentityId), [w.IdentityId]);
  });

  test('"An IdentityId of another pool is unknown here; a write to it → 404 Identity \'<I>\' not found."', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const other = where('ds');
    await put(t.sync, other, { x: '1' }); // makes the other pool exist
    const crossed = { ...other, IdentityId: w.IdentityId };
    await expectError(
      update(t.sync, crossed, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }], { SyncSessionToken: (await listRecords(t.sync, crossed)).SyncSessionToken }),
      { name: 'ResourceNotFoundException', status: 404, message: `Identity '${w.IdentityId}' not found.` },
    );
    assert.deepEqual(await counts(crossed), {});
  });
});

describe('§3.2 UpdateRecords', () => {
  test('"1. Validate (§2) → 400. Check the token (§3.4) → 400." before "2. Conflicts"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    // An invalid patch and a bad token: validation wins.
    await expectError(update(t.sync, w, [{ Op: 'bogus', Key: 'a', Value: 'x', SyncCount: 0 } as any], { SyncSessionToken: 'garbage' }), {
      name: 'InvalidParameterException',
      status: 400,
      message: "1 validation error detected: Value 'bogus' at 'recordPatches.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [replace, remove]",
    });
    // A stale patch and a bad token: the token wins over the conflict.
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'a', Value: 'x', SyncCount: 0 }], { SyncSessionToken: 'garbage' }), {
      name: 'InvalidParameterException',
      status: 400,
      message: 'SyncSessionToken not valid for these inputs',
    });
  });

  test('"First patch with SyncCount ≠ current → 409 Current SyncCount for: <key> is: <server count> not: <sent count>"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1' }); // both at 1
    await expectError(
      update(t.sync, w, [
        { Op: 'replace', Key: 'a', Value: '2', SyncCount: 1 },
        { Op: 'replace', Key: 'b', Value: '2', SyncCount: 0 },
        { Op: 'replace', Key: 'c', Value: '2', SyncCount: 7 },
      ]),
      conflict('b', 1, 0),
    );
  });

  test('"a higher count conflicts too", also for a key the server has never seen (current 0)', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'a', Value: 'x', SyncCount: 5 }]), conflict('a', 1, 5));
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'new', Value: 'x', SyncCount: 3 }]), conflict('new', 0, 3));
  });

  test('"a stale count conflicts even when the value equals the server\'s"', async () => {
    const w = where();
    await put(t.sync, w, { a: 'same' });
    await put(t.sync, w, { a: 'same' }); // a at 2
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'a', Value: 'same', SyncCount: 1 }]), conflict('a', 2, 1));
  });

  test('"current = SyncCount of the server record with that Key, live or tombstone"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await put(t.sync, w, { a: null }); // tombstone at 2
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'a', Value: 'back', SyncCount: 0 }]), conflict('a', 2, 0));
  });

  test('"RecordPatches absent or [] → 200 {Records:[]}; nothing created, counter unchanged"', async () => {
    const w = where();
    assert.deepEqual(await update(t.sync, w, []), []);
    assert.deepEqual(await update(t.sync, w, undefined), []);
    await expectError(t.sync.send(new DescribeDatasetCommand(w)), { name: 'ResourceNotFoundException', status: 404 });
    const listed = await listRecords(t.sync, w);
    assert.deepEqual([listed.DatasetExists, listed.DatasetSyncCount], [false, 0]);
    await put(t.sync, w, { a: '1' });
    assert.deepEqual(await update(t.sync, w, []), []);
    assert.equal((await listRecords(t.sync, w)).DatasetSyncCount, 1);
  });

  test('"The commit MUST be all or nothing": a conflict in the last patch writes none', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1' });
    await expectError(
      update(t.sync, w, [
        { Op: 'replace', Key: 'a', Value: 'changed', SyncCount: 1 },
        { Op: 'remove', Key: 'b', SyncCount: 1 },
        { Op: 'replace', Key: 'c', Value: 'new', SyncCount: 0 },
        { Op: 'replace', Key: 'b2', Value: 'x', SyncCount: 4 },
      ]),
      conflict('b2', 0, 4),
    );
    assert.deepEqual(await counts(w), { a: ['1', 1], b: ['1', 1] });
  });

  test('"N = counter + 1: each patch writes its record with SyncCount = N"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await put(t.sync, w, { b: '1' });
    await put(t.sync, w, { c: '1' }); // counter 3
    const written = await put(t.sync, w, { a: '2', d: '1', e: '' });
    assert.deepEqual(written.map((r) => r.SyncCount), [4, 4, 4]);
    assert.equal((await listRecords(t.sync, w)).DatasetSyncCount, 4);
  });

  test('"one LastModifiedDate = now per call" and "LastModifiedBy … its DeviceLastModifiedDate"', async () => {
    let ms = 1_750_000_000_000;
    const ticking = await startTestServer({ now: () => (ms += 7) }); // every read of the clock moves it
    try {
      const w = where();
      const stamps = [new Date(1_704_164_645_678), new Date(1_704_164_600_000)];
      const written = await update(ticking.sync, w, [
        { Op: 'replace', Key: 'a', Value: '1', SyncCount: 0, DeviceLastModifiedDate: stamps[0] },
        { Op: 'replace', Key: 'b', Value: '2', SyncCount: 0, DeviceLastModifiedDate: stamps[1] },
        { Op: 'remove', Key: 'c', SyncCount: 0 },
      ]);
      const dates = new Set(written.map((r) => r.LastModifiedDate?.getTime()));
      assert.equal(dates.size, 1, `one LastModifiedDate per call: ${[...dates]}`);
      assert.deepEqual(written.map((r) => r.DeviceLastModifiedDate?.getTime()), [stamps[0].getTime(), stamps[1].getTime(), undefined]);
      const { records } = await listAll(ticking.sync, w);
      assert.equal(new Set(records.map((r) => r.LastModifiedDate?.getTime())).size, 1);
      assert.deepEqual(records.map((r) => r.DeviceLastModifiedDate?.getTime()), [stamps[0].getTime(), stamps[1].getTime(), undefined]);
    } finally {
      await ticking.close();
    }
  });

  test('"replace stores the Value (\\"\\" included); remove stores a tombstone (even for an unseen key)"', async () => {
    const w = where();
    const written = await update(t.sync, w, [
      { Op: 'replace', Key: 'empty', Value: '', SyncCount: 0 },
      { Op: 'remove', Key: 'never-seen', SyncCount: 0 },
    ]);
    assert.deepEqual(written.map((r) => [r.Key, r.Value, r.SyncCount]), [['empty', '', 1], ['never-seen', undefined, 1]]);
    assert.deepEqual(await counts(w), { empty: ['', 1], 'never-seen': [null, 1] });
    const ds = await t.sync.send(new DescribeDatasetCommand(w));
    assert.equal(ds.Dataset?.NumRecords, 1, 'the tombstone is not a live record');
  });

  test('"re-adding a tombstoned key is a replace at the tombstone\'s count"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const [tomb] = await put(t.sync, w, { a: null });
    assert.deepEqual([tomb.Value, tomb.SyncCount], [undefined, 2]);
    const [back] = await update(t.sync, w, [{ Op: 'replace', Key: 'a', Value: 'again', SyncCount: 2 }]);
    assert.deepEqual([back.Value, back.SyncCount], ['again', 3]);
  });

  test('"Reply Records = the written records in patch order (tombstones without Value)"', async () => {
    const w = where();
    await put(t.sync, w, { m: '1' });
    const written = await update(t.sync, w, [
      { Op: 'replace', Key: 'z', Value: 'z', SyncCount: 0 },
      { Op: 'remove', Key: 'm', SyncCount: 1 },
      { Op: 'replace', Key: 'a', Value: 'a', SyncCount: 0 },
    ]);
    assert.deepEqual(written.map((r) => [r.Key, r.Value, r.SyncCount]), [['z', 'z', 2], ['m', undefined, 2], ['a', 'a', 2]]);
    for (const r of written) {
      assert.ok(r.LastModifiedDate instanceof Date, 'LastModifiedDate');
      assert.equal(typeof r.LastModifiedBy, 'string', 'LastModifiedBy');
    }
  });

  test('SERVICE.md example: "Dataset count 7, score at 5, name absent" → both written at 8; with score at 6 → 409', async () => {
    const w = where();
    await put(t.sync, w, { filler: '1' });
    await put(t.sync, w, { filler: '2' });
    await put(t.sync, w, { filler: '3' });
    await put(t.sync, w, { filler: '4' });
    await put(t.sync, w, { score: '100' }); // score at 5
    await put(t.sync, w, { filler: '6' });
    await put(t.sync, w, { filler: '7' }); // counter 7
    const written = await update(t.sync, w, [
      { Op: 'replace', Key: 'score', Value: '120', SyncCount: 5 },
      { Op: 'replace', Key: 'name', Value: '', SyncCount: 0 },
    ]);
    assert.deepEqual(written.map((r) => [r.Key, r.Value, r.SyncCount]), [['score', '120', 8], ['name', '', 8]]);
    await expectError(update(t.sync, w, [{ Op: 'replace', Key: 'score', Value: '1', SyncCount: 5 }]), conflict('score', 8, 5));
  });
});
