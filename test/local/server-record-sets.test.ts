// The store's record sets: one value per dataset (record-set.ts), the byte-bounded cache
// (record-cache.ts), the cache following commits, rollbacks and other connections
// (record-sets.ts), and the upgrade of a schema version 1 file (schema-v1.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { RecordCache } from '../../src/local/record-cache.js';
import { batchEntries, RecordSet, type RecordEntry, type WrittenBatch } from '../../src/local/record-set.js';
import { SCHEMA_VERSION } from '../../src/local/schema.js';
import { startLocalServer } from '../../src/local/server.js';
import { deleteDataset, findSlot } from '../../src/local/store-datasets.js';
import { listRecordsPage, updateRecords, type PatchInput } from '../../src/local/store-records.js';
import { Store } from '../../src/local/store.js';
import type { DatasetRef } from '../../src/local/tokens.js';
import type { WireRecord } from '../../src/local/wire.js';

const P = 'us-east-1:00000000-0000-4000-8000-000000000001';
const I = 'us-east-1:00000000-0000-4000-8000-0000000000a1';
const ref = (datasetName = 'ds'): DatasetRef => ({ poolId: P, identityId: I, datasetName });
const put = (key: string, value: string, syncCount = 0): PatchInput => ({ op: 'replace', key, value, syncCount });

const entry = (key: string, syncCount: number, value?: string): RecordEntry => {
  const record: WireRecord = { Key: key, ...(value === undefined ? {} : { Value: value }), SyncCount: syncCount };
  const size = value === undefined ? 0 : Buffer.byteLength(key + value, 'utf8');
  return { key, syncCount, size, wire: Buffer.from(JSON.stringify(record), 'utf8') };
};

const parse = (joined: Buffer) => JSON.parse(`[${joined.toString('utf8')}]`) as WireRecord[];
const keysOf = (joined: Buffer) => parse(joined).map((r) => r.Key);

/** Every record of the dataset as the store answers ListRecords (one page). */
function listed(store: Store, r = ref()): Array<[string, string | undefined, number]> {
  return parse(listRecordsPage(store, r, 0, 10_000).records).map((x) => [x.Key!, x.Value, x.SyncCount!]);
}

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-record-sets-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('RecordSet: what is built decodes to the same records, keys exact (lone surrogates, non-ASCII), tombstones kept', () => {
  const entries = [entry('b', 1, 'x'), entry('\ud800', 1, 'lone'), entry('a', 2), entry('é', 2, 'ü'.repeat(3)), entry('\udfff', 2, '')];
  const built = RecordSet.build(entries);
  const decoded = RecordSet.decode(built.head, built.body);
  for (const set of [built, decoded]) {
    assert.deepEqual(set.entries(), entries);
    assert.deepEqual([set.numRecords, set.dataStorage], [4, 2 + 7 + 8 + 3]); // a lone surrogate counts 3 UTF-8 bytes, as Buffer.byteLength says
    assert.equal(set.countOf('a'), 2);
    assert.equal(set.countOf('\ud800'), 1);
    assert.equal(set.countOf('\ud800\udfff'), 0);
    assert.equal(set.sizeOf('é'), 8);
  }
  assert.deepEqual(RecordSet.decode(RecordSet.EMPTY.head, RecordSet.EMPTY.body).entries(), []);
  assert.throws(() => RecordSet.decode(built.head, built.body.subarray(1)), /damaged/);
  assert.throws(() => RecordSet.decode(built.head.subarray(0, built.head.length - 2), built.body), /damaged/);
  // A head cut inside its fixed part, or before its count, says the same (not an out-of-range error).
  assert.throws(() => RecordSet.decode(built.head.subarray(0, 10), built.body), /damaged/);
  assert.throws(() => RecordSet.decode(built.head.subarray(0, 2), built.body), /damaged/);
});

test('RecordSet.page: by SyncCount then code units, after a floor or a cursor, limit and next', () => {
  // '\uffff' sorts after '\ud83d\ude00' in code units (not in code points).
  const set = RecordSet.fromUnordered([entry('\uffff', 1, 'a'), entry('\ud83d\ude00', 1, 'b'), entry('k', 3, 'c'), entry('a', 3), entry('m', 2, 'd')]);
  assert.deepEqual(keysOf(set.page(0, undefined, 10).records), ['\ud83d\ude00', '\uffff', 'm', 'a', 'k']);
  assert.deepEqual(keysOf(set.page(1, undefined, 10).records), ['m', 'a', 'k']);
  assert.equal(set.page(3, undefined, 10).count, 0);
  const first = set.page(0, undefined, 2);
  assert.deepEqual([keysOf(first.records), first.next], [['\ud83d\ude00', '\uffff'], [1, '\uffff']]);
  const second = set.page(0, first.next, 2);
  assert.deepEqual([keysOf(second.records), second.next], [['m', 'a'], [3, 'a']]);
  const last = set.page(0, second.next, 2);
  assert.deepEqual([keysOf(last.records), last.next], [['k'], undefined]);
  // A cursor at or below the floor starts at the floor.
  assert.deepEqual(keysOf(set.page(2, [1, 'zzz'], 10).records), ['a', 'k']);
});

test('RecordSet.positionsOf: the position of each key, in any order, missing ones -1, the same as one lookup each', () => {
  const keys = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  const set = RecordSet.build(keys.map((k, i) => entry(k, 1 + (i % 3 === 0 ? 0 : 1), 'v')).sort((a, b) => a.syncCount - b.syncCount || (a.key < b.key ? -1 : 1)));
  const pool = [...keys, 'absent', 'k4', '', 'k00 '];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 50 }), fc.boolean(), (picked, inSetOrder) => {
      const asked = inSetOrder ? set.entries().map((e) => e.key).filter((k) => picked.includes(k)) : picked;
      const positions = [...set.positionsOf(asked)];
      assert.deepEqual(
        positions.map((at) => (at < 0 ? undefined : set.entryAt(at).key)),
        asked.map((k) => (set.countOf(k) > 0 ? k : undefined)),
      );
      assert.deepEqual(positions.map((at) => set.countAt(at)), asked.map((k) => set.countOf(k)));
      assert.deepEqual(positions.map((at) => set.sizeAt(at)), asked.map((k) => set.sizeOf(k)));
    }),
    { numRuns: 300 },
  );
});

/** One call's records as record-wire.ts leaves them: comma-joined in one buffer, with where each ends. */
function batchOf(keys: string[], syncCount: number, values: Array<string | undefined>): WrittenBatch {
  const entries = keys.map((key, i) => entry(key, syncCount, values[i]));
  const joined = Buffer.from(entries.map((e) => e.wire.toString('utf8')).join(','), 'utf8');
  const ends = new Int32Array(entries.length);
  for (let i = 0, end = -1; i < entries.length; i++) ends[i] = end += 1 + entries[i].wire.length;
  return { keys, syncCount, sizes: entries.map((e) => e.size), joined, ends };
}

test('RecordSet.withBatch: the same set as withWritten of its records, the batch buffer kept as the body when it replaces all in order', () => {
  const key = fc.constantFrom('a', 'b', 'c', 'd', 'é', '\ud800', 'k1', 'k2');
  let kept = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(key, fc.option(fc.string({ maxLength: 4 }), { nil: undefined })), { selector: ([k]) => k, maxLength: 6 }),
      fc.uniqueArray(fc.tuple(key, fc.option(fc.string({ maxLength: 4 }), { nil: undefined })), { selector: ([k]) => k, minLength: 1, maxLength: 8 }),
      fc.boolean(),
      (before, written, sortBatch) => {
        const base = RecordSet.fromUnordered(before.map(([k, v]) => entry(k, 1, v)));
        const rows = sortBatch ? [...written].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : written;
        const batch = batchOf(rows.map(([k]) => k), 2, rows.map(([, v]) => v));
        const fast = base.withBatch(batch);
        const slow = base.withWritten(batchEntries(batch));
        assert.deepEqual([fast.head, fast.body], [slow.head, slow.body]);
        assert.deepEqual(RecordSet.decode(fast.head, fast.body).entries(), slow.entries());
        assert.deepEqual([fast.numRecords, fast.dataStorage], [slow.numRecords, slow.dataStorage]);
        const replacesAll = before.every(([k]) => rows.some(([r]) => r === k));
        const inOrder = rows.every(([k], i) => i === 0 || rows[i - 1][0] < k);
        if (replacesAll && inOrder) {
          assert.equal(fast.body, batch.joined, 'the batch buffer is the body, not a copy');
          kept++;
        }
      },
    ),
    { numRuns: 500 },
  );
  assert.ok(kept > 25, `the batch was kept whole only ${kept} times in 500: the property would prove little`);
});

test('RecordSet.withWritten: replaced keys move last, the batch by key whatever its order; bytes are exact', () => {
  const base = RecordSet.build([entry('a', 1, '1'), entry('b', 1, '1'), entry('c', 1, '1'), entry('d', 2, '2')]);
  // The batch comes from one comma-joined buffer, as record-wire.ts encodes it, out of key order.
  const batch = [entry('c', 3, '3'), entry('a', 3)];
  const joined = Buffer.from(batch.map((e) => e.wire.toString()).join(','));
  const fromJoined = batch.map((e, i) => ({ ...e, wire: joined.subarray(i === 0 ? 0 : batch[0].wire.length + 1, i === 0 ? batch[0].wire.length : joined.length) }));
  const written = base.withWritten(fromJoined);
  const next = RecordSet.decode(written.head, written.body);
  assert.deepEqual(
    next.entries().map((e) => [e.key, e.syncCount]),
    [['b', 1], ['d', 2], ['a', 3], ['c', 3]],
  );
  assert.deepEqual(parse(next.page(0, undefined, 10).records), [
    { Key: 'b', Value: '1', SyncCount: 1 },
    { Key: 'd', Value: '2', SyncCount: 2 },
    { Key: 'a', SyncCount: 3 },
    { Key: 'c', Value: '3', SyncCount: 3 },
  ]);
  assert.deepEqual([next.numRecords, next.dataStorage], [3, 6]);
  // Wires next to each other in one buffer but not comma-separated are copied one by one.
  const raw = Buffer.from('{"Key":"x","SyncCount":1};{"Key":"y","SyncCount":1}');
  const set = RecordSet.build([
    { key: 'x', syncCount: 1, size: 0, wire: raw.subarray(0, 25) },
    { key: 'y', syncCount: 1, size: 0, wire: raw.subarray(26) },
  ]);
  assert.deepEqual(keysOf(set.page(0, undefined, 10).records), ['x', 'y']);
});

test('RecordCache: bounded by bytes, least recently used out first; a set over the budget is not kept', () => {
  const set = (n: number) => RecordSet.build(Array.from({ length: n }, (_, i) => entry(`k${String(i).padStart(3, '0')}`, 1, 'v'.repeat(1000))));
  const one = set(10);
  const cache = new RecordCache(one.memoryBytes * 3);
  cache.set(1, one);
  cache.set(2, set(10));
  cache.set(3, set(10));
  assert.equal(cache.bytes, one.memoryBytes * 3);
  assert.ok(cache.get(1)); // 1 is now the most recently used
  cache.set(4, set(10));
  assert.deepEqual([cache.has(1), cache.has(2), cache.has(3), cache.has(4)], [true, false, true, true]);
  assert.ok(cache.bytes <= cache.maxBytes);
  cache.set(5, set(40));
  assert.equal(cache.has(5), false);
  cache.set(1, set(20)); // replacing an entry accounts for the new size
  assert.ok(cache.bytes <= cache.maxBytes);
  assert.equal(cache.has(1), true);
  cache.clear();
  assert.equal(cache.bytes, 0);
});

test('the store keeps at most its cache budget in memory and still answers from the database', async () => {
  const store = new Store({ path: ':memory:', cacheBytes: 40_000 });
  try {
    for (let d = 0; d < 8; d++) updateRecords(store, ref(`d${d}`), Array.from({ length: 10 }, (_, i) => put(`k${i}`, 'v'.repeat(1000))), 'x');
    assert.ok(store.records.cache.bytes <= 40_000, `cache holds ${store.records.cache.bytes} bytes`);
    for (let d = 0; d < 8; d++) assert.equal(listed(store, ref(`d${d}`)).length, 10);
    assert.ok(store.records.cache.bytes <= 40_000);
  } finally {
    store.close();
  }
  const server = await startLocalServer({ host: '127.0.0.1', port: 0, inMemory: true, recordCacheBytes: 12_345 });
  try {
    assert.equal(server.store.records.cache.maxBytes, 12_345, 'a server passes its budget on');
  } finally {
    await server.close();
  }
});

test('two stores on one file: each sees what the other committed, even with the dataset cached', () =>
  withDir((dir) => {
    const path = join(dir, 'shared.db');
    const a = new Store({ path });
    const b = new Store({ path });
    try {
      updateRecords(a, ref(), [put('k', 'from a')], 'a');
      assert.deepEqual(listed(b), [['k', 'from a', 1]]); // b caches the dataset now
      updateRecords(a, ref(), [put('k', 'again a', 1), put('j', 'new')], 'a');
      assert.deepEqual(listed(b), [['j', 'new', 2], ['k', 'again a', 2]]);
      // b checks conflicts against a's latest write, not its cached copy.
      assert.throws(() => updateRecords(b, ref(), [put('k', 'stale', 1)], 'b'), /Current SyncCount for: k is: 2 not: 1/);
      updateRecords(b, ref(), [put('k', 'from b', 2)], 'b');
      assert.deepEqual(listed(a), [['j', 'new', 2], ['k', 'from b', 3]]);
      // A delete through one is seen by the other.
      a.transaction(() => deleteDataset(a, ref()));
      assert.deepEqual(listed(b), []);
      updateRecords(b, ref(), [put('z', '1')], 'b');
      assert.deepEqual(listed(a), [['z', '1', 4]]);
    } finally {
      a.close();
      b.close();
    }
  }));

test('a rolled-back transaction leaves the cache as the database is; a rolled-back savepoint only its own part', () =>
  withDir((dir) => {
    const path = join(dir, 'rollback.db');
    const store = new Store({ path });
    try {
      updateRecords(store, ref(), [put('k', 'kept')], 'x');
      assert.deepEqual(listed(store), [['k', 'kept', 1]]);
      assert.throws(() =>
        store.transaction(() => {
          updateRecords(store, ref(), [put('k', 'lost', 1)], 'x');
          assert.deepEqual(listed(store), [['k', 'lost', 2]], 'the transaction sees its own write');
          throw new Error('abort');
        }),
      );
      assert.deepEqual(listed(store), [['k', 'kept', 1]]);
      // A refused batch (over the limit) changes nothing either.
      assert.throws(() => updateRecords(store, ref(), [put('big', 'v'.repeat(1_048_576))], 'x'), /too large/);
      assert.deepEqual(listed(store), [['k', 'kept', 1]]);

      store.transaction(() => {
        updateRecords(store, ref(), [put('k', 'outer', 1)], 'x');
        assert.throws(() =>
          store.transaction(() => {
            updateRecords(store, ref(), [put('k', 'inner', 2)], 'x');
            throw new Error('abort the savepoint');
          }),
        );
        assert.deepEqual(listed(store), [['k', 'outer', 2]]);
      });
      assert.deepEqual(listed(store), [['k', 'outer', 2]]);
      assert.equal(findSlot(store, ref())!.counter, 2);
    } finally {
      store.close();
    }
    const reopened = new Store({ path });
    try {
      assert.deepEqual(listed(reopened), [['k', 'outer', 2]], 'the cache said what the file holds');
    } finally {
      reopened.close();
    }
  }));

test('small writes into a large dataset are appended, read back in order, and folded into the whole set in time', () =>
  withDir((dir) => {
    const path = join(dir, 'appends.db');
    const store = new Store({ path });
    const appended = () => store.db.prepare('SELECT count(*) FROM dataset_record_writes').pluck().get() as number;
    const fromFile = () => {
      const other = new Store({ path });
      try {
        return listed(other);
      } finally {
        other.close();
      }
    };
    try {
      updateRecords(store, ref(), Array.from({ length: 100 }, (_, i) => put(`k${String(i).padStart(3, '0')}`, 'v'.repeat(1000))), 'x');
      assert.equal(appended(), 0, 'the first write stores the set whole');
      const counts = new Map<string, number>();
      const write = (key: string, value: string) => {
        updateRecords(store, ref(), [put(key, value, counts.get(key) ?? (key.startsWith('k') ? 1 : 0))], 'x');
        counts.set(key, findSlot(store, ref())!.counter);
      };
      write('k005', 'changed');
      write('new', 'n');
      write('k005', 'again'); // the same key twice among the appended writes: the latest wins
      assert.equal(appended(), 3);
      assert.deepEqual(fromFile(), listed(store));
      assert.deepEqual(listed(store).slice(-2), [['new', 'n', 3], ['k005', 'again', 4]]);
      // A rolled-back append leaves neither a row nor a trace in the cache.
      assert.throws(() =>
        store.transaction(() => {
          write('k006', 'lost');
          throw new Error('abort');
        }),
      );
      assert.equal(appended(), 3);
      assert.equal(listed(store).length, 101);
      // About 25 KB of appended records (a quarter of ~100 KB), then the set is stored whole again.
      let folded = false;
      for (let i = 10; i < 60 && !folded; i++) {
        write(`k0${i}`, 'w'.repeat(1000));
        folded = appended() === 0;
      }
      assert.ok(folded, 'the appended writes were folded into the set');
      assert.deepEqual(fromFile(), listed(store));
      write('k099', 'after');
      assert.equal(appended(), 1);
      store.transaction(() => deleteDataset(store, ref()));
      assert.equal(appended(), 0, 'DeleteDataset removes appended writes too');
      assert.equal(store.db.prepare('SELECT count(*) FROM dataset_records').pluck().get(), 0);
    } finally {
      store.close();
    }
  }));

test('two stores on one file: small writes appended by one are read by the other, whose copy was cached', () =>
  withDir((dir) => {
    const path = join(dir, 'shared-appends.db');
    const a = new Store({ path });
    const b = new Store({ path });
    try {
      updateRecords(a, ref(), Array.from({ length: 50 }, (_, i) => put(`k${String(i).padStart(2, '0')}`, 'v'.repeat(1000))), 'a');
      assert.equal(listed(b).length, 50);
      updateRecords(a, ref(), [put('k07', 'seven', 1)], 'a');
      updateRecords(b, ref(), [put('k07', 'by b', 2), put('extra', 'e')], 'b');
      assert.ok((a.db.prepare('SELECT count(*) FROM dataset_record_writes').pluck().get() as number) > 0, 'the writes were appended');
      assert.deepEqual(listed(a).slice(-2), [['extra', 'e', 3], ['k07', 'by b', 3]]);
      assert.deepEqual(listed(a), listed(b));
    } finally {
      a.close();
      b.close();
    }
  }));

test('a schema version 1 file is upgraded in place: every record, tombstone and sync count intact', () =>
  withDir((dir) => {
    const path = join(dir, 'v1.db');
    const v1 = new Database(path);
    v1.pragma('page_size = 32768');
    v1.pragma('journal_mode = WAL');
    v1.exec(readFileSync(new URL('./fixtures/schema-v1.sql', import.meta.url), 'utf8'));
    v1.prepare("INSERT INTO meta (name, value) VALUES ('secret', ?)").run('ab'.repeat(32));
    v1.prepare("INSERT INTO pools (id, name, allow_unauthenticated, created_ms) VALUES (?, 'p', 1, 1)").run(P);
    v1.prepare('INSERT INTO identities (id, pool_id, created_ms, modified_ms) VALUES (?, ?, 1, 1)').run(I, P);
    const slot = v1.prepare(
      'INSERT INTO datasets (pool_id, identity_id, name, counter, deleted_at, present, num_records, data_storage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    slot.run(P, I, 'ds', 3, null, 1, 3, 0);
    slot.run(P, I, 'other', 1, null, 1, 1, 2);
    slot.run(P, I, 'gone', 5, 5, 0, 0, 0);
    // As version 1 wrote them: key_order is the key's UTF-16BE, wire the record's JSON.
    const record = v1.prepare('INSERT INTO records (dataset_id, key_order, sync_count, size, wire) VALUES (?, ?, ?, ?, ?)');
    const write = (datasetId: number, key: string, syncCount: number, value?: string) => {
      const e = entry(key, syncCount, value);
      record.run(datasetId, Buffer.from(key, 'utf16le').swap16(), syncCount, e.size, e.wire);
    };
    write(1, 'b', 1, 'one');
    write(1, '\uffff', 2, 'high');
    write(1, '\ud83d\ude00', 2, 'emoji');
    write(1, 'removed', 3);
    write(1, 'a', 3, '');
    write(2, 'k', 1, 'v');
    v1.close();

    const store = new Store({ path });
    try {
      assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'records%'").pluck().get(), 0);
      assert.deepEqual(listed(store), [
        ['b', 'one', 1],
        ['\ud83d\ude00', 'emoji', 2],
        ['\uffff', 'high', 2],
        ['a', '', 3],
        ['removed', undefined, 3],
      ]);
      assert.deepEqual(listed(store, ref('other')), [['k', 'v', 1]]);
      assert.deepEqual(listed(store, ref('gone')), []);
      // Writes continue from the stored counts.
      assert.throws(() => updateRecords(store, ref(), [put('removed', 'x', 0)], 'x'), /Current SyncCount for: removed is: 3 not: 0/);
      updateRecords(store, ref(), [put('removed', 'back', 3)], 'x');
      assert.deepEqual(listed(store).at(-1), ['removed', 'back', 4]);
    } finally {
      store.close();
    }
    // Opening again finds version 2 and changes nothing.
    const again = new Store({ path });
    try {
      assert.deepEqual(listed(again).at(-1), ['removed', 'back', 4]);
      assert.equal(listed(again).length, 5);
    } finally {
      again.close();
    }
  }));
