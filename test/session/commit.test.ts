// The commit protocol end to end: two real SDK clients ("devices") against the real local
// server. Values on the server are always checked with a third, independent client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteDatasetCommand, type CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { openDataset, type SyncDataset, type Resolution } from '../../src/lib/sync.js';
import { commitDataset, listSince } from '../../src/session/remote-dataset.js';
import { createDataset, stagePut } from '../../src/sync/index.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { beforeNextUpdate, countCommands, freshAddress, serverView, type Address } from './session-helpers.js';

let t: TestServer;
let observer: CognitoSyncClient;
let now = Date.parse('2024-03-01T10:00:00Z');

before(async () => {
  t = await startTestServer({ now: () => now, tokenTtlSeconds: 900 });
  observer = t.newSyncClient();
});
after(() => t.close());

const open = (a: Address, client: CognitoSyncClient = t.newSyncClient()): Promise<SyncDataset> => openDataset({ client, ...a });

async function seeded(values: Record<string, string>): Promise<Address> {
  const a = freshAddress();
  const ds = await open(a);
  for (const [k, v] of Object.entries(values)) ds.put(k, v);
  assert.equal((await ds.commit()).status, 'committed');
  return a;
}

describe('commit', () => {
  test('a new dataset: one listing page and one UpdateRecords; the count rises by one', async () => {
    const a = freshAddress();
    const client = t.newSyncClient();
    const sent = countCommands(client);
    const ds = await open(a, client);
    assert.deepEqual([ds.records, ds.exists, ds.syncCount], [[], false, 0]);
    ds.put('name', '').put('score', '10');
    const r = await ds.commit();
    assert.equal(r.status, 'committed');
    assert.deepEqual(r.requests, { listPages: 1, updates: 1 });
    assert.deepEqual(Object.fromEntries(sent), { ListRecords: 2, UpdateRecords: 1 }, 'open + pre-commit listing + one update');
    if (r.status === 'committed') assert.deepEqual(r.records.map((x) => [x.key, x.value, x.syncCount]), [['name', '', 1], ['score', '10', 1]]);
    assert.deepEqual([ds.syncCount, ds.staged.length], [1, 0]);
    const view = await serverView(observer, a);
    assert.deepEqual([view.values, view.syncCount], [{ name: '', score: '10' }, 1]);
  });

  test('edits to different keys on two devices both commit, no conflict', async () => {
    const a = await seeded({ x: '0', y: '0' });
    const one = await open(a);
    const two = await open(a);
    one.put('x', '1');
    two.put('y', '2').put('z', 'new');
    assert.equal((await one.commit()).status, 'committed');
    const r = await two.commit();
    assert.equal(r.status, 'committed');
    assert.deepEqual(r.requests, { listPages: 1, updates: 1 });
    const view = await serverView(observer, a);
    assert.deepEqual(view.values, { x: '1', y: '2', z: 'new' });
    assert.equal(view.syncCount, 3);
    // Device two saw device one's change while listing before its push.
    assert.equal(two.get('x'), '1');
    assert.equal(two.syncCount, 3);
  });

  test('the result names the SyncCount the batch was sent against, not the older one it was staged on', async () => {
    const a = await seeded({ x: '0', y: '0' }); // count 1
    const client = t.newSyncClient();
    const listed = await listSince(client, a, 0, { listPages: 0, updates: 0 });
    const staged = stagePut(createDataset(listed.records, listed.syncCount, listed.exists), 'y', 'mine');
    const other = await open(a);
    other.put('x', 'theirs');
    assert.equal((await other.commit()).status, 'committed'); // count 2, meanwhile
    const r = await commitDataset(client, a, staged);
    assert.equal(r.status === 'committed' && JSON.stringify(r.syncCounts), JSON.stringify({ before: 2, after: 3 }));
    assert.equal((await serverView(observer, a)).syncCount, 3);
    // Another writer gets in between this commit's listing and its UpdateRecords.
    const late = await open(a);
    late.put('x', 'later');
    const racing = t.newSyncClient();
    beforeNextUpdate(racing, () => late.commit());
    const relisted = await listSince(racing, a, 0, { listPages: 0, updates: 0 });
    const raced = await commitDataset(racing, a, stagePut(createDataset(relisted.records, relisted.syncCount), 'z', 'mine'));
    assert.equal(raced.status === 'committed' && JSON.stringify(raced.syncCounts), JSON.stringify({ before: 4, after: 5 }));
    assert.equal((await serverView(observer, a)).syncCount, 5);
    const none = await commitDataset(client, a, createDataset([], 5));
    assert.equal(none.status === 'committed' && JSON.stringify(none.syncCounts), JSON.stringify({ before: 5, after: 5 }), 'nothing sent: unchanged');
  });

  const resolutions: Array<[string, Resolution, string]> = [
    ['keep mine', 'mine', 'two'],
    ['take theirs', 'theirs', 'one'],
    ['custom value', { value: 'merged' }, 'merged'],
  ];
  for (const [name, resolution, expected] of resolutions) {
    test(`same key on both devices → conflict before sending; ${name} settles it`, async () => {
      const a = await seeded({ k: 'base', other: 'o' });
      const one = await open(a);
      const two = await open(a);
      one.put('k', 'one');
      assert.equal((await one.commit()).status, 'committed');
      two.put('k', 'two').put('other', 'two-other');
      const r = await two.commit();
      assert.equal(r.status, 'conflict');
      assert.deepEqual(r.requests, { listPages: 1, updates: 0 }, 'nothing sent');
      if (r.status !== 'conflict') return;
      assert.equal(r.conflicts.length, 1);
      const [c] = r.conflicts;
      assert.deepEqual([c!.key, c!.kind, c!.base?.value, c!.base?.syncCount, c!.mine, c!.theirs?.value, c!.theirs?.syncCount], ['k', 'both-changed', 'base', 1, 'two', 'one', 2]);
      assert.equal(c!.theirs?.lastModifiedBy, '123456789012');
      assert.ok(c!.theirs?.lastModifiedDate instanceof Date);

      two.resolve('k', resolution);
      const done = await two.commit();
      assert.equal(done.status, 'committed');
      const view = await serverView(observer, a);
      assert.deepEqual(view.values, { k: expected, other: 'two-other' });
      assert.equal(view.syncCount, 3, 'one successful commit each: 1 + 1 + 1');
      assert.equal(done.requests.updates, 1);
    });
  }

  test('a write slipping in between listing and update: one 409, re-list from 0, conflict; never resent', async () => {
    const a = await seeded({ k: 'base' });
    const client = t.newSyncClient();
    const sent = countCommands(client);
    const mine = await open(a, client);
    const other = await open(a);
    other.put('k', 'theirs');
    beforeNextUpdate(client, () => other.commit());
    mine.put('k', 'mine').put('extra', 'e');
    const r = await mine.commit();
    assert.equal(r.status, 'conflict');
    assert.deepEqual(r.requests, { listPages: 2, updates: 1 });
    assert.equal(sent.get('UpdateRecords'), 1);
    assert.deepEqual((await serverView(observer, a)).values, { k: 'theirs' }, 'the rejected batch wrote nothing');
    if (r.status === 'conflict') assert.deepEqual(r.conflicts.map((c) => [c.key, c.theirs?.value, c.theirs?.syncCount]), [['k', 'theirs', 2]]);
    mine.resolve('k', 'mine');
    const done = await mine.commit();
    assert.equal(done.status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { k: 'mine', extra: 'e' });
    assert.equal(sent.get('UpdateRecords'), 2);
  });

  test('a racing write of the same value: 409, then rebased with nothing to choose', async () => {
    const a = await seeded({ k: 'base' });
    const client = t.newSyncClient();
    const mine = await open(a, client);
    const other = await open(a);
    other.put('k', 'same');
    beforeNextUpdate(client, () => other.commit());
    mine.put('k', 'same').put('mine-only', 'm');
    const r = await mine.commit();
    assert.equal(r.status, 'rebased');
    assert.deepEqual(mine.staged.map((s) => s.key), ['mine-only'], 'the converged key was dropped');
    assert.equal((await mine.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { k: 'same', 'mine-only': 'm' });
  });

  test('a key removed and added again: tombstone flagged, re-add at the tombstone count; stale device conflicts', async () => {
    const a = await seeded({ k: 'v', keep: '1' });
    const stale = await open(a);
    const ds = await open(a);
    ds.remove('k');
    assert.equal((await ds.commit()).status, 'committed');
    const tomb = ds.records.find((r) => r.key === 'k');
    assert.deepEqual([tomb?.tombstone, tomb?.value, tomb?.syncCount], [true, undefined, 2]);
    assert.deepEqual((await serverView(observer, a)).values, { k: null, keep: '1' });

    ds.put('k', '');
    assert.deepEqual(ds.staged, [{ key: 'k', state: 'readded', value: '', baseSyncCount: 2 }]);
    assert.equal((await ds.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { k: '', keep: '1' }, '"" is a value, not a removal');

    stale.remove('k');
    const r = await stale.commit();
    assert.equal(r.status, 'conflict');
    if (r.status === 'conflict') assert.deepEqual(r.conflicts.map((c) => [c.kind, c.theirs?.value, c.theirs?.syncCount]), [['removed-vs-changed', '', 3]]);
    stale.resolve('k', 'mine');
    assert.equal((await stale.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { k: null, keep: '1' });
  });

  test('dataset deleted remotely while being edited: distinct status, edits kept, re-create writes the view back', async () => {
    const a = await seeded({ a: '1', b: '2' });
    const ds = await open(a);
    ds.put('b', 'changed').put('c', '3');
    await observer.send(new DeleteDatasetCommand({ IdentityPoolId: a.identityPoolId, IdentityId: a.identityId, DatasetName: a.datasetName }));
    const r = await ds.commit();
    assert.equal(r.status, 'dataset-deleted');
    assert.equal(r.requests.updates, 0);
    if (r.status === 'dataset-deleted') assert.equal(r.existsNow, false);
    assert.deepEqual(ds.staged.map((s) => [s.key, s.value]), [['b', 'changed'], ['c', '3']], 'staged edits survive');
    assert.equal((await serverView(observer, a)).exists, false, 'nothing was written');

    ds.recreate();
    assert.deepEqual(ds.staged.map((s) => [s.key, s.state, s.baseSyncCount]), [['a', 'added', 0], ['b', 'added', 0], ['c', 'added', 0]]);
    const done = await ds.commit();
    assert.equal(done.status, 'committed');
    const view = await serverView(observer, a);
    assert.deepEqual(view.values, { a: '1', b: 'changed', c: '3' });
    assert.equal(view.syncCount, 2, 'counts continue after the deletion (1 before, 2 now)');
  });

  test('dataset deleted and re-created elsewhere: existsNow, and re-create conflicts instead of overwriting', async () => {
    const a = await seeded({ a: '1', b: '2' });
    const ds = await open(a);
    ds.put('c', '3');
    await observer.send(new DeleteDatasetCommand({ IdentityPoolId: a.identityPoolId, IdentityId: a.identityId, DatasetName: a.datasetName }));
    const other = await open(a);
    other.put('a', 'new life');
    assert.equal((await other.commit()).status, 'committed');
    const r = await ds.commit();
    assert.deepEqual([r.status, r.status === 'dataset-deleted' && r.existsNow, r.requests.updates], ['dataset-deleted', true, 0]);
    ds.recreate();
    const c = await ds.commit();
    assert.equal(c.status, 'conflict');
    if (c.status === 'conflict') assert.deepEqual(c.conflicts.map((x) => [x.key, x.kind, x.mine, x.theirs?.value]), [['a', 'both-added', '1', 'new life']]);
    ds.resolve('a', 'theirs');
    assert.equal((await ds.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { a: 'new life', b: '2', c: '3' });
  });

  test('dataset deleted remotely, user discards: reload shows the empty dataset', async () => {
    const a = await seeded({ a: '1' });
    const ds = await open(a);
    ds.put('a', '2');
    await observer.send(new DeleteDatasetCommand({ IdentityPoolId: a.identityPoolId, IdentityId: a.identityId, DatasetName: a.datasetName }));
    assert.equal((await ds.commit()).status, 'dataset-deleted');
    await ds.reload();
    assert.deepEqual([ds.records, ds.staged, ds.exists], [[], [], false]);
  });

  test('a batch over a limit is refused before anything is sent', async () => {
    const a = await seeded({ k: 'v' });
    const client = t.newSyncClient();
    const sent = countCommands(client);
    const ds = await open(a, client);
    for (let i = 0; i < 1024; i++) ds.put(`key-${i}`, 'x');
    const r = await ds.commit();
    assert.equal(r.status, 'invalid');
    assert.deepEqual(r.requests, { listPages: 0, updates: 0 });
    assert.deepEqual(Object.fromEntries(sent), { ListRecords: 1 }, 'only the open');
    if (r.status === 'invalid') assert.match(r.issues[0]!.message, /1,025 records; the limit is 1,024/);
    assert.equal(ds.staged.length, 1024, 'staged edits kept');
    // Removing one record makes it fit exactly.
    ds.remove('k');
    const ok = await ds.commit();
    assert.equal(ok.status, 'committed');
    assert.equal((await serverView(observer, a)).records.filter((x) => x.Value !== undefined).length, 1024);
  });

  test('over a limit only with the other device\'s new records: refused after the listing, no UpdateRecords', async () => {
    const a = await seeded({ k: 'v' });
    const ds = await open(a);
    const big = 'x'.repeat(600_000);
    ds.put('mine', big);
    const other = await open(a);
    other.put('theirs', big);
    assert.equal((await other.commit()).status, 'committed');
    const r = await ds.commit();
    assert.equal(r.status, 'invalid');
    assert.deepEqual(r.requests, { listPages: 1, updates: 0 });
    if (r.status === 'invalid') assert.deepEqual(r.issues.map((i) => i.code), ['dataset-too-large']);
  });

  test('an expired session token: list again and send once more (two updates at most)', async () => {
    const a = await seeded({ k: 'v' });
    const client = t.newSyncClient();
    const sent = countCommands(client);
    const ds = await open(a, client);
    beforeNextUpdate(client, async () => {
      now += 16 * 60_000; // past the 15-minute TTL of the token just listed
    });
    ds.put('k', 'later');
    const r = await ds.commit();
    assert.equal(r.status, 'committed');
    assert.deepEqual(r.requests, { listPages: 2, updates: 2 });
    assert.equal(sent.get('UpdateRecords'), 2);
    assert.deepEqual((await serverView(observer, a)).values, { k: 'later' });
  });

  test('a base count the server does not know: listed again from 0, then committed', async () => {
    const a = await seeded({ k: 'v' });
    const ds = await open(a);
    ds.put('k', 'w');
    const ahead = { ...ds.state, base: { ...ds.state.base, syncCount: 99 } };
    const r = await commitDataset(t.newSyncClient(), a, ahead);
    assert.equal(r.status, 'committed');
    assert.deepEqual(r.requests, { listPages: 2, updates: 1 });
    assert.deepEqual((await serverView(observer, a)).values, { k: 'w' });
  });

  test('nothing staged: no request at all', async () => {
    const a = await seeded({ k: 'v' });
    const client = t.newSyncClient();
    const sent = countCommands(client);
    const ds = await open(a, client);
    const r = await ds.commit();
    assert.deepEqual([r.status, r.requests], ['committed', { listPages: 0, updates: 0 }]);
    assert.deepEqual(Object.fromEntries(sent), { ListRecords: 1 });
  });

  test('unresolved conflicts block the commit without a request; undoResolve and resolveAll', async () => {
    const a = await seeded({ a: '0', b: '0' });
    const one = await open(a);
    const two = await open(a);
    one.put('a', '1').put('b', '1');
    await one.commit();
    two.put('a', '2').put('b', '2');
    assert.equal((await two.commit()).status, 'conflict');
    two.resolve('a', 'mine');
    const blocked = await two.commit();
    assert.deepEqual([blocked.status, blocked.requests], ['conflict', { listPages: 0, updates: 0 }]);
    if (blocked.status === 'conflict') assert.deepEqual(blocked.conflicts.map((c) => c.key), ['b']);
    two.resolveAll('theirs');
    assert.equal(two.staged.length, 0, 'all theirs: nothing left to send');
    assert.equal(two.undoResolve(), true);
    assert.deepEqual(two.staged.map((s) => [s.key, s.value, s.baseSyncCount]), [['a', '2', 2], ['b', '2', 1]], 'back to: a picked mine, b open');
    two.resolve('b', 'theirs');
    assert.equal(two.get('b'), '1', 'the key shows the server value at once');
    assert.equal((await two.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { a: '2', b: '1' });
    assert.equal(two.undoResolve(), false, 'no pick left after the commit');
  });

  test('an edit after picking theirs builds on the server value and is sent', async () => {
    const a = await seeded({ c: 'base' });
    const one = await open(a);
    const two = await open(a);
    one.put('c', 'one');
    await one.commit();
    two.remove('c');
    assert.equal((await two.commit()).status, 'conflict');
    two.resolve('c', 'theirs');
    two.put('c', '');
    assert.deepEqual(two.staged, [{ key: 'c', state: 'modified', value: '', baseSyncCount: 2 }]);
    assert.equal((await two.commit()).status, 'committed');
    assert.deepEqual((await serverView(observer, a)).values, { c: '' });
  });

  test('bad input is refused with a clear error and changes nothing', async () => {
    await assert.rejects(openDataset({ client: observer, ...freshAddress('bad name!') }), /Dataset name "bad name!" is invalid/);
    const ds = await open(freshAddress());
    assert.throws(() => ds.put('', 'v'), /Key must not be empty/);
    assert.throws(() => ds.put('k'.repeat(1025), 'v'), /limit is 1,024/);
    assert.throws(() => ds.resolve('nope', 'mine'), /No conflict for key "nope"/);
    assert.throws(() => ds.recreate(), /only for a dataset the last commit found deleted/);
    assert.deepEqual(ds.staged, []);
  });
});
