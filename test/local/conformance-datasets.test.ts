// SERVICE.md §3.5 (describe, list, delete datasets) and §3.6 (merged identities).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ListDatasetsCommand,
} from '@aws-sdk/client-cognito-sync';
import { DescribeIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll } from '../helpers/local-server.js';
import { expectError, fakeJwt, listAll, listRecords, liveValues, put, testClock, where, type Where } from '../helpers/fixtures.js';
import { assertRawError, raw, type RawResponse } from '../helpers/raw-http.js';

const clock = testClock();
const t = serverBeforeAll({ now: clock.now });

const pi = (w: Where) => ({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId });
const notFound = (D: string) => ({ name: 'ResourceNotFoundException', status: 404, message: `Dataset '${D}' not found.` });

function merge(IdentityPoolId: string, SourceIdentityId: string, DestinationIdentityId: string): Promise<RawResponse> {
  return raw(t.url, {
    method: 'POST',
    path: '/_cogsync/merge-identities',
    headers: { 'Content-Type': 'application/json' },
    body: { IdentityPoolId, SourceIdentityId, DestinationIdentityId },
  });
}

describe('§3.5 datasets', () => {
  test('"NumRecords = live records; DataStorage = Σ UTF-8 bytes of key + value of live records; tombstones 0"', async () => {
    const w = where();
    await put(t.sync, w, { ab: 'é', '😀': '', gone: 'xxxxxxxx', plain: 'value' });
    await put(t.sync, w, { gone: null });
    const { Dataset } = await t.sync.send(new DescribeDatasetCommand(w));
    // ab+é = 2+2, 😀+"" = 4+0, plain+value = 5+5; the tombstone counts 0.
    assert.deepEqual([Dataset?.NumRecords, Dataset?.DataStorage], [3, 18]);
    assert.deepEqual([Dataset?.IdentityId, Dataset?.DatasetName], [w.IdentityId, w.DatasetName]);
  });

  test('"CreationDate = first write of this incarnation; LastModifiedDate/By = last UpdateRecords"', async () => {
    const w = where();
    const created = clock.ms;
    await put(t.sync, w, { a: '1' }, { DeviceId: 'first-device' });
    clock.advance(60_000);
    await put(t.sync, w, { b: '1' }, { DeviceId: 'second-device' });
    const { Dataset } = await t.sync.send(new DescribeDatasetCommand(w));
    assert.deepEqual(
      [Dataset?.CreationDate?.getTime(), Dataset?.LastModifiedDate?.getTime(), Dataset?.LastModifiedBy],
      [created, created + 60_000, 'second-device'],
    );
  });

  test('"DescribeDataset … missing → 404 Dataset \'<D>\' not found."', async () => {
    const w = where();
    await put(t.sync, { ...w, DatasetName: 'exists' }, { a: '1' });
    await expectError(t.sync.send(new DescribeDatasetCommand({ ...w, DatasetName: 'nope' })), notFound('nope'));
  });

  test('"ListDatasets: existing datasets … by name; Count = page size"', async () => {
    const w = where();
    for (const D of ['b', 'C', 'a', 'a.1', 'gone']) await put(t.sync, { ...w, DatasetName: D }, { k: 'v' });
    await t.sync.send(new DeleteDatasetCommand({ ...w, DatasetName: 'gone' }));
    const first = await t.sync.send(new ListDatasetsCommand({ ...pi(w), MaxResults: 3 }));
    assert.deepEqual([first.Datasets?.map((d) => d.DatasetName), first.Count, Boolean(first.NextToken)], [['C', 'a', 'a.1'], 3, true]);
    const second = await t.sync.send(new ListDatasetsCommand({ ...pi(w), MaxResults: 3, NextToken: first.NextToken }));
    assert.deepEqual([second.Datasets?.map((d) => d.DatasetName), second.Count, second.NextToken], [['b'], 1, undefined]);
    assert.equal(second.Datasets?.[0].NumRecords, 1);
  });

  test('"maxResults … clamped: … ListDatasets 64 (also the default)" (65+ datasets only exist through merges)', async () => {
    const P = where().IdentityPoolId;
    const dst = where('own', P);
    await put(t.sync, dst, { k: 'v' });
    for (let s = 0; s < 4; s++) {
      const src = where('x', P);
      for (let i = 0; i < 20; i++) await put(t.sync, { ...src, DatasetName: `d${String(i).padStart(2, '0')}` }, { k: 'v' });
      assert.equal((await merge(P, src.IdentityId, dst.IdentityId)).status, 200);
    }
    const clamped = await t.sync.send(new ListDatasetsCommand({ ...pi(dst), MaxResults: 1000 }));
    assert.deepEqual([clamped.Count, clamped.Datasets?.length, Boolean(clamped.NextToken)], [64, 64, true]);
    const byDefault = await t.sync.send(new ListDatasetsCommand(pi(dst)));
    assert.deepEqual([byDefault.Count, Boolean(byDefault.NextToken)], [64, true]);
    const rest = await t.sync.send(new ListDatasetsCommand({ ...pi(dst), NextToken: byDefault.NextToken }));
    assert.deepEqual([rest.Count, rest.NextToken], [17, undefined]);
  });

  test('"ListDatasets … unknown identity → 200 []"', async () => {
    const out = await t.sync.send(new ListDatasetsCommand(pi(where())));
    assert.deepEqual([out.Datasets ?? [], out.Count], [[], 0]);
  });

  test('"DeleteDataset … returns the Dataset as it was"; then "Describe/Delete → 404"', async () => {
    const w = where();
    await put(t.sync, w, { a: 'xy', b: 'z' });
    const { Dataset } = await t.sync.send(new DeleteDatasetCommand(w));
    assert.deepEqual([Dataset?.DatasetName, Dataset?.NumRecords, Dataset?.DataStorage], [w.DatasetName, 2, 5]);
    await expectError(t.sync.send(new DescribeDatasetCommand(w)), notFound(w.DatasetName));
    await expectError(t.sync.send(new DeleteDatasetCommand(w)), notFound(w.DatasetName));
    const listed = await t.sync.send(new ListDatasetsCommand(pi(w)));
    assert.deepEqual(listed.Datasets ?? [], []);
  });

  test('"DeleteDataset: … missing → 404" for a never-written dataset', async () => {
    const w = where();
    await put(t.sync, { ...w, DatasetName: 'other' }, { a: '1' });
    await expectError(t.sync.send(new DeleteDatasetCommand(w)), notFound(w.DatasetName));
  });

  test('"drops all records (tombstones too) … UpdateRecords re-creates it (patches carry 0; counts continue after deletedAt)"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '1' });
    await put(t.sync, w, { b: null }); // counter 2, b tombstoned
    await t.sync.send(new DeleteDatasetCommand(w));
    const recreatedAt = clock.ms + 5000;
    clock.advance(5000);
    const written = await put(t.sync, w, { b: 'again' }); // b's old tombstone is gone: its count is 0 again
    assert.deepEqual(written.map((r) => [r.Key, r.SyncCount]), [['b', 3]]);
    const { records, pages } = await listAll(t.sync, w);
    assert.deepEqual(records.map((r) => [r.Key, r.Value, r.SyncCount]), [['b', 'again', 3]]);
    assert.deepEqual([pages[0].DatasetExists, pages[0].DatasetSyncCount], [true, 3]);
    const { Dataset } = await t.sync.send(new DescribeDatasetCommand(w));
    assert.deepEqual([Dataset?.NumRecords, Dataset?.CreationDate?.getTime()], [1, recreatedAt], 'a new incarnation');
  });
});

describe('§3.6 merged identities', () => {
  /** Source with game {a, c, tombstone b} and prefs; destination with its own game. */
  async function setup() {
    const P = where().IdentityPoolId;
    const src = where('game', P);
    const dst = where('game', P);
    await put(t.sync, src, { a: 'A', b: 'B' });
    await put(t.sync, src, { b: null, c: 'C' });
    await put(t.sync, src, { c: 'C2' }); // c at 3
    await put(t.sync, { ...src, DatasetName: 'prefs' }, { theme: 'dark' });
    await put(t.sync, dst, { mine: '1' });
    return { P, src, dst };
  }

  test('"Each existing dataset D of the source becomes D.<SourceIdentityId> under the destination: live records copied at SyncCount: 1, counter 1"', async () => {
    const { P, src, dst } = await setup();
    const res = await merge(P, src.IdentityId, dst.IdentityId);
    assert.equal(res.status, 200, res.text);
    const names = (await t.sync.send(new ListDatasetsCommand(pi(dst)))).Datasets?.map((d) => d.DatasetName);
    assert.deepEqual(names, ['game', `game.${src.IdentityId}`, `prefs.${src.IdentityId}`]);
    const merged = { ...dst, DatasetName: `game.${src.IdentityId}` };
    const { records, pages } = await listAll(t.sync, merged);
    assert.deepEqual(records.map((r) => [r.Key, r.Value, r.SyncCount]), [['a', 'A', 1], ['c', 'C2', 1]]);
    assert.equal(pages[0].DatasetSyncCount, 1);
    assert.deepEqual(await liveValues(t.sync, dst), { mine: '1' }, "the destination's own dataset is untouched");
  });

  test('"ListRecords on the destination\'s D (existing or not) lists the existing datasets merged from D in MergedDatasetNames"', async () => {
    const { P, src, dst } = await setup();
    assert.equal((await listRecords(t.sync, dst)).MergedDatasetNames, undefined, 'omitted when empty');
    assert.equal((await merge(P, src.IdentityId, dst.IdentityId)).status, 200);
    const game = await listRecords(t.sync, dst);
    assert.deepEqual(game.MergedDatasetNames, [`game.${src.IdentityId}`]);
    const prefs = await listRecords(t.sync, { ...dst, DatasetName: 'prefs' });
    assert.deepEqual([prefs.DatasetExists, prefs.MergedDatasetNames], [false, [`prefs.${src.IdentityId}`]]);
  });

  test('"deleting D.<id> ends it (will no longer report the merge)"', async () => {
    const { P, src, dst } = await setup();
    assert.equal((await merge(P, src.IdentityId, dst.IdentityId)).status, 200);
    await t.sync.send(new DeleteDatasetCommand({ ...dst, DatasetName: `game.${src.IdentityId}` }));
    assert.equal((await listRecords(t.sync, dst)).MergedDatasetNames, undefined);
  });

  test('"the source identity and its datasets go"; "The source\'s logins move to the destination"', async () => {
    const P = where().IdentityPoolId;
    const dst = where('game', P);
    await put(t.sync, dst, { k: 'v' }); // creates the (implicit) pool
    const Logins = { 'accounts.google.com': fakeJwt({ sub: `user-${Math.random()}` }) };
    const { IdentityId: srcId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: P, Logins }));
    const src = { ...dst, IdentityId: srcId! };
    await put(t.sync, src, { s: '1' });
    assert.equal((await merge(P, src.IdentityId, dst.IdentityId)).status, 200);
    await expectError(t.identity.send(new DescribeIdentityCommand({ IdentityId: src.IdentityId })), {
      name: 'ResourceNotFoundException',
      status: 400,
    });
    assert.deepEqual((await t.sync.send(new ListDatasetsCommand(pi(src)))).Datasets ?? [], []);
    const again = await t.identity.send(new GetIdCommand({ IdentityPoolId: P, Logins }));
    assert.equal(again.IdentityId, dst.IdentityId);
  });

  test('"A resulting name over 128 characters or already taken → 400 InvalidParameterException, nothing changes"', async () => {
    const P = where().IdentityPoolId;
    const src = where('x'.repeat(100), P);
    const dst = where('game', P);
    await put(t.sync, src, { a: '1' });
    await put(t.sync, dst, { b: '1' });
    assertRawError(await merge(P, src.IdentityId, dst.IdentityId), 400, 'InvalidParameterException');
    assert.deepEqual(await liveValues(t.sync, src), { a: '1' }, 'source kept');
    assert.deepEqual((await t.sync.send(new ListDatasetsCommand(pi(dst)))).Datasets?.map((d) => d.DatasetName), ['game']);

    const src2 = where('game', P);
    await put(t.sync, src2, { a: '1' });
    await put(t.sync, { ...dst, DatasetName: `game.${src2.IdentityId}` }, { taken: '1' });
    assertRawError(await merge(P, src2.IdentityId, dst.IdentityId), 400, 'InvalidParameterException');
    assert.deepEqual(await liveValues(t.sync, src2), { a: '1' }, 'source kept');
    assert.deepEqual(await liveValues(t.sync, { ...dst, DatasetName: `game.${src2.IdentityId}` }), { taken: '1' });
  });
});
