import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/local/store.js';
import { describeIdentityUsage, describePoolUsage, deleteDataset, findSlot, listDatasets, mergedDatasetNames, requireDataset } from '../../src/local/store-datasets.js';
import { createPool, ensurePoolAndIdentity, findPool, getId, loginSubject } from '../../src/local/store-identity.js';
import { mergeIdentities } from '../../src/local/store-merge.js';
import { decodeRecord, listRecordsPage, updateRecords, type PatchInput, type RecordPosition } from '../../src/local/store-records.js';
import type { DatasetRef } from '../../src/local/tokens.js';
import type { WireRecord } from '../../src/local/wire.js';
import { apiErrorOf } from '../helpers/api-error.js';

const P = 'us-east-1:00000000-0000-4000-8000-000000000001';
const I = 'us-east-1:00000000-0000-4000-8000-0000000000a1';
const I2 = 'us-east-1:00000000-0000-4000-8000-0000000000a2';

function newStore(limits?: ConstructorParameters<typeof Store>[0]['limits']) {
  let ms = 1_700_000_000_000;
  const store = new Store({ path: ':memory:', now: () => ms, limits });
  return { store, tick: (by = 1000) => (ms += by), at: () => ms };
}

const ref = (datasetName = 'ds', identityId = I, poolId = P): DatasetRef => ({ poolId, identityId, datasetName });
const put = (key: string, value: string, syncCount = 0): PatchInput => ({ op: 'replace', key, value, syncCount });
const remove = (key: string, syncCount: number): PatchInput => ({ op: 'remove', key, syncCount });

function page(store: Store, r: DatasetRef, last = 0, limit = 1024, after?: RecordPosition) {
  const p = listRecordsPage(store, r, last, limit, after);
  return { ...p, list: JSON.parse(`[${p.records.toString('utf8')}]`) as WireRecord[] };
}

test('each call writes all its records at counter + 1, in patch order, with one LastModifiedDate', () => {
  const { store, tick, at } = newStore();
  const first = updateRecords(store, ref(), [put('b', '1'), put('a', ''), remove('gone', 0)], 'dev-1').records.map(decodeRecord);
  assert.deepEqual(first, [
    { Key: 'b', Value: '1', SyncCount: 1, LastModifiedDate: at() / 1000, LastModifiedBy: 'dev-1' },
    { Key: 'a', Value: '', SyncCount: 1, LastModifiedDate: at() / 1000, LastModifiedBy: 'dev-1' },
    { Key: 'gone', SyncCount: 1, LastModifiedDate: at() / 1000, LastModifiedBy: 'dev-1' },
  ]);
  tick();
  const second = updateRecords(store, ref(), [{ ...put('gone', 'back', 1), deviceModifiedMs: 1704164645678 }], 'dev-2').records.map(decodeRecord);
  assert.deepEqual(second, [
    { Key: 'gone', Value: 'back', SyncCount: 2, LastModifiedDate: at() / 1000, LastModifiedBy: 'dev-2', DeviceLastModifiedDate: 1704164645.678 },
  ]);
  const slot = findSlot(store, ref())!;
  assert.deepEqual([slot.counter, slot.num_records, slot.data_storage, slot.modified_by], [2, 3, 2 + 1 + 8, 'dev-2']);
});

test('a stale or too-high SyncCount → 409 naming the first stale patch; nothing is written', () => {
  const { store } = newStore();
  updateRecords(store, ref(), [put('k', 'v'), put('j', 'v')], 'x');
  updateRecords(store, ref(), [put('k', 'w', 1)], 'x'); // k at 2, j at 1
  const before = page(store, ref()).list;
  const stale = apiErrorOf(() => updateRecords(store, ref(), [put('new', 'n'), put('j', 'x', 1), put('k', 'x', 1)], 'x'));
  assert.deepEqual([stale.type, stale.status, stale.message], ['ResourceConflictException', 409, 'Current SyncCount for: k is: 2 not: 1']);
  assert.equal(apiErrorOf(() => updateRecords(store, ref(), [put('j', 'x', 7)], 'x')).message, 'Current SyncCount for: j is: 1 not: 7');
  assert.equal(apiErrorOf(() => updateRecords(store, ref(), [put('absent', 'x', 1)], 'x')).message, 'Current SyncCount for: absent is: 0 not: 1');
  assert.deepEqual(page(store, ref()).list, before);
  assert.equal(findSlot(store, ref())!.counter, 2);
});

test('no patches: empty reply and nothing created, not even the pool or identity', () => {
  const { store } = newStore();
  assert.deepEqual(updateRecords(store, ref(), [], 'x').records, []);
  assert.equal(findPool(store, P), undefined);
  assert.equal(findSlot(store, ref()), undefined);
});

test('a write creates an unknown pool (implicit-<guid>) and identity; an identity of another pool is unknown (404)', () => {
  const { store } = newStore();
  updateRecords(store, ref(), [put('k', 'v')], 'x');
  const pool = findPool(store, P)!;
  assert.deepEqual([pool.name, pool.allow_unauthenticated, pool.implicit], ['implicit-00000000-0000-4000-8000-000000000001', 1, 1]);
  const otherPool = 'us-east-1:00000000-0000-4000-8000-0000000000ff';
  const err = apiErrorOf(() => updateRecords(store, ref('ds', I, otherPool), [put('k', 'v')], 'x'));
  assert.deepEqual([err.type, err.status, err.message], ['ResourceNotFoundException', 404, `Identity '${I}' not found.`]);
  assert.equal(findPool(store, otherPool), undefined, 'the failed write created nothing');
});

test('limits on the resulting state: records (tombstones free), bytes (exactly 1 MiB fits), datasets', () => {
  const { store } = newStore({ recordsPerDataset: 3, datasetsPerIdentity: 2 });
  updateRecords(store, ref(), [put('a', '1'), put('b', '1'), put('c', '1')], 'x');
  const tooMany = apiErrorOf(() => updateRecords(store, ref(), [put('d', '1')], 'x'));
  assert.deepEqual([tooMany.type, tooMany.status, tooMany.message], ['LimitExceededException', 400, 'Too many records in dataset ds: 4 exceeds the limit of 3']);
  updateRecords(store, ref(), [remove('a', 1), put('d', '1')], 'x'); // a tombstone does not count
  updateRecords(store, ref('second'), [put('k', 'v')], 'x');
  const third = apiErrorOf(() => updateRecords(store, ref('third'), [put('k', 'v')], 'x'));
  assert.equal(third.message, `Too many datasets for identity ${I}: the limit is 2`);
  deleteDataset(store, ref('second'));
  updateRecords(store, ref('third'), [put('k', 'v')], 'x'); // room again after a delete

  const big = newStore().store;
  updateRecords(big, ref(), [put('k', 'v'.repeat(1048575))], 'x'); // 1 + 1,048,575 bytes = 1 MiB exactly
  const over = apiErrorOf(() => updateRecords(big, ref(), [put('l', '')], 'x'));
  assert.equal(over.message, 'Dataset ds is too large: 1048577 bytes exceeds the limit of 1048576');
  updateRecords(big, ref(), [remove('k', 1), put('é', 'é'.repeat(524287))], 'x'); // 2 + 1,048,574 bytes
  assert.equal(requireDataset(big, ref()).data_storage, 1048576);
});

test('ListRecords: SyncCount then Key in JS code-unit order, tombstones included, lone surrogates kept', () => {
  const { store } = newStore();
  const keys = ['b', '\uffff', '😀', 'a', 'é', 'Z', '\ud800', '\ud801', ' '];
  updateRecords(store, ref(), keys.map((k) => put(k, `v${k}`)), 'x');
  updateRecords(store, ref(), [remove('a', 1), put('b', 'b2', 1)], 'x');
  const listed = page(store, ref()).list;
  const firstRound = keys.filter((k) => k !== 'a' && k !== 'b').sort();
  assert.deepEqual(
    listed.map((r) => [r.Key, r.SyncCount]),
    [...firstRound.map((k) => [k, 1]), ['a', 2], ['b', 2]],
  );
  assert.ok(firstRound.indexOf('😀') < firstRound.indexOf('\uffff'), 'code units, not code points');
  assert.equal(listed.find((r) => r.Key === 'a')!.Value, undefined, 'tombstone has no Value');
  assert.equal(listed.find((r) => r.Key === '\ud801')!.Value, 'v\ud801');
  assert.deepEqual(page(store, ref(), 1).list.map((r) => r.Key), ['a', 'b'], 'only records above lastSyncCount');
});

test('paging: positions continue after (SyncCount, Key); a record changed between pages comes again later', () => {
  const { store } = newStore();
  updateRecords(store, ref(), ['a', 'b', 'c', 'd', 'e'].map((k) => put(k, '1')), 'x');
  const p1 = page(store, ref(), 0, 2);
  assert.deepEqual([p1.list.map((r) => r.Key), p1.count, p1.next], [['a', 'b'], 2, [1, 'b']]);
  updateRecords(store, ref(), [put('a', '2', 1), put('d', '2', 1)], 'x');
  const p2 = page(store, ref(), 0, 2, p1.next);
  const p3 = page(store, ref(), 0, 2, p2.next);
  assert.deepEqual([...p2.list, ...p3.list].map((r) => `${r.Key}${r.SyncCount}`), ['c1', 'e1', 'a2', 'd2']);
  assert.equal(p3.next, undefined);
  const exact = page(store, ref(), 0, 4, p1.next); // exactly the rest: no further page
  assert.deepEqual([exact.count, exact.next], [4, undefined]);
});

test('DeleteDataset keeps the counter; re-creation continues after it; the flags follow §3.3', () => {
  const { store } = newStore();
  updateRecords(store, ref(), [put('a', '1')], 'x');
  updateRecords(store, ref(), [put('b', '1')], 'x');
  const deleted = deleteDataset(store, ref());
  assert.equal(deleted.num_records, 2, 'returns the dataset as it was');
  assert.equal(apiErrorOf(() => requireDataset(store, ref())).message, "Dataset 'ds' not found.");
  assert.equal(apiErrorOf(() => deleteDataset(store, ref())).status, 404);
  const gone = page(store, ref(), 1);
  assert.deepEqual([gone.exists, gone.datasetSyncCount, gone.deletedAfterRequestedSyncCount, gone.count], [false, 2, true, 0]);
  assert.equal(page(store, ref(), 0).deletedAfterRequestedSyncCount, false, 'L = 0 never sets the flag');
  assert.equal(apiErrorOf(() => page(store, ref(), 3)).message, 'No such SyncCount: 3 exists for this Dataset');
  const again = updateRecords(store, ref(), [put('a', 'new')], 'x').records.map(decodeRecord);
  assert.equal(again[0].SyncCount, 3);
  const after = page(store, ref(), 1);
  assert.deepEqual([after.exists, after.deletedAfterRequestedSyncCount, after.list.map((r) => r.Key)], [true, true, ['a']]);
  assert.equal(page(store, ref(), 3).deletedAfterRequestedSyncCount, false);
});

test('usage: datasets, bytes and last change per identity and pool; reads of unknown ones are 404', () => {
  const { store, tick, at } = newStore();
  store.transaction(() => createPool(store, { region: 'us-east-1', id: P, name: 'p', allowUnauthenticated: true, definition: {} }));
  const created = at();
  tick();
  updateRecords(store, ref('one'), [put('ab', 'cd')], 'x');
  updateRecords(store, ref('two', I2), [put('k', 'ééé')], 'x');
  const written = at();
  tick();
  assert.deepEqual(describeIdentityUsage(store, P, I), { identityId: I, poolId: P, datasetCount: 1, dataStorage: 4, lastModifiedMs: written });
  assert.deepEqual(describePoolUsage(store, P), { poolId: P, syncSessionsCount: 0, dataStorage: 11, lastModifiedMs: written });
  assert.ok(created < written);
  assert.equal(apiErrorOf(() => describePoolUsage(store, I)).message, `IdentityPool '${I}' not found.`);
  assert.equal(apiErrorOf(() => describeIdentityUsage(store, P, 'us-east-1:0')).message, "Identity 'us-east-1:0' not found.");
});

test('merge: D becomes D.<source> at SyncCount 1 with live records; logins move; the source goes; MergedDatasetNames', () => {
  const { store } = newStore();
  store.transaction(() => createPool(store, { region: 'us-east-1', id: P, name: 'p', allowUnauthenticated: true, definition: {} }));
  const source = store.transaction(() => getId(store, P, { 'accounts.google.com': 'token-1' }));
  const destination = store.transaction(() => getId(store, P, undefined));
  updateRecords(store, ref('profile', source), [put('a', '1'), put('b', '2')], 'dev');
  updateRecords(store, ref('profile', source), [remove('b', 1), put('c', '3')], 'dev');
  updateRecords(store, ref('profile', destination), [put('mine', 'x')], 'dev');
  const result = mergeIdentities(store, P, source, destination);
  const merged = `profile.${source}`;
  assert.deepEqual(result.mergedDatasets, [merged]);
  const listed = page(store, ref(merged, destination));
  assert.deepEqual(listed.list.map((r) => [r.Key, r.Value, r.SyncCount, r.LastModifiedBy]), [['a', '1', 1, 'dev'], ['c', '3', 1, 'dev']]);
  assert.equal(listed.datasetSyncCount, 1);
  assert.deepEqual(mergedDatasetNames(store, ref('profile', destination)), [merged]);
  assert.deepEqual(listDatasets(store, P, destination, 10).map((d) => d.name), ['profile', merged]);
  assert.equal(store.transaction(() => getId(store, P, { 'accounts.google.com': 'token-1' })), destination, 'the login now maps to the destination');
  assert.equal(listDatasets(store, P, source, 10).length, 0);
  assert.equal(apiErrorOf(() => describeIdentityUsage(store, P, source)).status, 404);
  deleteDataset(store, ref(merged, destination));
  assert.deepEqual(mergedDatasetNames(store, ref('profile', destination)), [], 'deleting D.<id> ends the report');
});

test('a merge that cannot complete changes nothing', () => {
  const { store } = newStore();
  ensurePoolAndIdentity(store, P, I);
  ensurePoolAndIdentity(store, P, I2);
  updateRecords(store, ref('a', I), [put('k', '1')], 'x');
  updateRecords(store, ref('b', I), [put('k', '1')], 'x');
  updateRecords(store, ref(`b.${I}`, I2), [put('taken', '1')], 'x');
  const err = apiErrorOf(() => mergeIdentities(store, P, I, I2));
  assert.equal(err.type, 'InvalidParameterException');
  assert.match(err.message, /already has a dataset named b\.us-east-1/);
  assert.deepEqual(listDatasets(store, P, I, 10).map((d) => d.name), ['a', 'b']);
  assert.deepEqual(listDatasets(store, P, I2, 10).map((d) => d.name), [`b.${I}`]);
  const long = 'x'.repeat(100);
  updateRecords(store, ref(long, I), [put('k', '1')], 'x');
  deleteDataset(store, ref(`b.${I}`, I2));
  assert.match(apiErrorOf(() => mergeIdentities(store, P, I, I2)).message, /longer than 128 characters/);
  assert.equal(apiErrorOf(() => mergeIdentities(store, P, I, I)).type, 'InvalidParameterException');
  assert.equal(apiErrorOf(() => mergeIdentities(store, P, I, 'us-east-1:ffff')).status, 404);
});

test('GetId: one identity per (provider, subject); a JWT sub is read; unauthenticated refused when the pool says so', () => {
  const { store } = newStore();
  const open = store.transaction(() => createPool(store, { region: 'eu-west-1', name: 'p', allowUnauthenticated: true, definition: {} }));
  assert.match(open.id, /^eu-west-1:[0-9a-f-]{36}$/);
  const jwt = (sub: string) => `h.${Buffer.from(JSON.stringify({ sub, iat: Math.random() })).toString('base64url')}.s`;
  assert.equal(loginSubject(jwt('user-1')), 'user-1');
  assert.equal(loginSubject('opaque'), 'opaque');
  const a = store.transaction(() => getId(store, open.id, { 'example.com': jwt('user-1') }));
  assert.equal(store.transaction(() => getId(store, open.id, { 'example.com': jwt('user-1') })), a, 'a fresh token for the same sub');
  assert.notEqual(store.transaction(() => getId(store, open.id, undefined)), store.transaction(() => getId(store, open.id, undefined)));
  assert.match(a, /^eu-west-1:/);
  const closed = store.transaction(() => createPool(store, { region: 'eu-west-1', name: 'c', allowUnauthenticated: false, definition: {} }));
  const err = apiErrorOf(() => getId(store, closed.id, {}));
  assert.deepEqual([err.type, err.message], ['NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.']);
});

test('a login an identity already holds still signs in when a database from before one-login-per-provider holds two', () => {
  const { store } = newStore();
  store.transaction(() => createPool(store, { region: 'us-east-1', id: P, name: 'p', allowUnauthenticated: false, definition: {} }));
  const identity = store.transaction(() => getId(store, P, { 'graph.facebook.com': 'fb-1' }));
  // As an older version could link it: a second subject of the same provider.
  store.sql('INSERT INTO logins (pool_id, provider, subject, identity_id) VALUES (?, ?, ?, ?)').run(P, 'graph.facebook.com', 'fb-2', identity);
  assert.equal(store.transaction(() => getId(store, P, { 'graph.facebook.com': 'fb-1' })), identity);
  assert.equal(store.transaction(() => getId(store, P, { 'graph.facebook.com': 'fb-2' })), identity);
  // A new provider still links through either; a third Facebook subject is still refused.
  assert.equal(store.transaction(() => getId(store, P, { 'graph.facebook.com': 'fb-2', 'accounts.google.com': 'g-1' })), identity);
  assert.equal(apiErrorOf(() => store.transaction(() => getId(store, P, { 'graph.facebook.com': 'fb-3', 'accounts.google.com': 'g-1' }))).type, 'ResourceConflictException');
});
