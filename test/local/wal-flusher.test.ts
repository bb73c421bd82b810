import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/local/store.js';
import { listRecordsPage, updateRecords, type PatchInput } from '../../src/local/store-records.js';
import { PAGES_PER_COMMIT, WAL_SYNC_EVERY_BYTES, WalFlusher } from '../../src/local/wal-flusher.js';

const PAGE = 32768;

/** A fresh folder, by its real path: /proc/self/fd names files with symbolic links resolved. */
function tempDir(t: { after(fn: () => void): void }): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cogsync-wal-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Asserts how many of this process's file descriptors are open on `path`, also once it is deleted (SQLite deletes
 * the WAL when its last connection closes). Linux only (/proc), elsewhere a no-op.
 */
function assertDescriptorsOn(path: string, expected: number, message?: string): void {
  if (process.platform !== 'linux') return;
  const open = readdirSync('/proc/self/fd').filter((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target === path || target === `${path} (deleted)`;
    } catch {
      return false; // closed meanwhile
    }
  }).length;
  assert.equal(open, expected, message);
}

const ref = { poolId: 'us-east-1:00000000-0000-4000-8000-000000000001', identityId: 'us-east-1:00000000-0000-4000-8000-0000000000a1', datasetName: 'big' };
const batch = (generation: number, syncCount: number): PatchInput[] =>
  Array.from({ length: 1024 }, (_, i) => ({ op: 'replace', key: `key-${i}`, value: `${generation}`.repeat(1000), syncCount }));
/** UpdateRecords calls of ~1 MB that write at least one sync's worth. */
const callsForOneSync = Math.ceil(WAL_SYNC_EVERY_BYTES / 1_000_000) + 1;

test('syncs once the bytes written since the last sync reach the threshold, one sync at a time', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  writeFileSync(wal, 'frames');
  const overhead = PAGES_PER_COMMIT * PAGE;
  const flusher = new WalFlusher(wal, PAGE, 2 * overhead + 100);
  flusher.committed(60);
  assert.equal(flusher.pendingBytes, 60 + overhead, 'a commit counts its records and the pages it touches');
  assert.equal(flusher.syncs, 0, 'under the threshold');
  flusher.committed(40);
  assert.equal(flusher.syncs, 1, 'at the threshold');
  assert.equal(flusher.pendingBytes, 0);
  flusher.committed(5_000_000);
  assert.equal(flusher.syncs, 1, 'not a second sync while one runs');
  await flusher.idle();
  flusher.committed(0);
  assert.equal(flusher.syncs, 2, 'the bytes written during the sync count towards the next');
  await flusher.idle();
  flusher.committed(99);
  assert.equal(flusher.syncs, 2);
  assertDescriptorsOn(wal, 1, 'one descriptor, kept between syncs');
  flusher.close();
  await flusher.idle();
  assertDescriptorsOn(wal, 0, 'closed when idle: let go at once');
});

test('small commits add up: each counts the pages it writes whole', (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  writeFileSync(wal, '');
  const flusher = new WalFlusher(wal, PAGE, 10 * PAGES_PER_COMMIT * PAGE);
  for (let i = 0; i < 9; i++) flusher.committed(139);
  assert.equal(flusher.syncs, 0);
  flusher.committed(139);
  assert.equal(flusher.syncs, 1, 'the tenth one-record commit');
  flusher.close();
});

test('no WAL file yet: no sync, and the next try waits for as many bytes again', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  const threshold = 3 * PAGES_PER_COMMIT * PAGE;
  const flusher = new WalFlusher(wal, PAGE, threshold);
  flusher.committed(threshold);
  assert.equal(flusher.syncs, 0);
  assert.equal(flusher.pendingBytes, 0, 'the failed open does not repeat on every commit');
  writeFileSync(wal, '');
  flusher.committed(0);
  assert.equal(flusher.syncs, 0);
  flusher.committed(threshold);
  assert.equal(flusher.syncs, 1);
  flusher.close();
  await flusher.idle();
});

test('closing during a sync lets go of the descriptor once the sync ends', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  writeFileSync(wal, 'frames');
  const flusher = new WalFlusher(wal, PAGE, 1);
  flusher.committed(1);
  assertDescriptorsOn(wal, 1, 'the WAL is open while it syncs');
  assert.equal(flusher.busy, true);
  flusher.close();
  flusher.committed(1_000_000_000);
  assert.equal(flusher.syncs, 1, 'no sync after close');
  await flusher.idle();
  assertDescriptorsOn(wal, 0);
});

test('closing a flusher that never opened the WAL leaves nothing to wait for', async (t) => {
  const flusher = new WalFlusher(join(tempDir(t), 'x.db-wal'), PAGE);
  flusher.close();
  // Asserted before awaiting: work marked as running that never ends would make idle() spin forever.
  assert.equal(flusher.busy, false);
  await flusher.idle();
  flusher.committed(WAL_SYNC_EVERY_BYTES);
  assert.equal(flusher.syncs, 0);
});

test('a store on a file syncs its WAL as UpdateRecords store megabytes, keeps every write, and lets go of the WAL when closed', async (t) => {
  const path = join(tempDir(t), 'data.db');
  const store = new Store({ path });
  for (let call = 0; call < callsForOneSync; call++) updateRecords(store, ref, batch(call, call), 'test');
  assert.ok(store.walFlusher, 'a file-backed store has a flusher');
  assert.ok(store.walFlusher.syncs >= 1, `synced ${store.walFlusher.syncs} times`);
  await store.walFlusher.idle();
  assertDescriptorsOn(`${path}-wal`, 2, "SQLite's descriptor and the flusher's");
  store.close();
  await store.walFlusher.idle();
  assertDescriptorsOn(`${path}-wal`, 0, 'Store.close lets go of the WAL');

  const reopened = new Store({ path });
  t.after(() => reopened.close());
  const page = listRecordsPage(reopened, ref, 0, 1024);
  const records = JSON.parse(`[${page.records.toString('utf8')}]`) as Array<{ Value: string; SyncCount: number }>;
  assert.equal(records.length, 1024);
  assert.ok(records.every((r) => r.Value === `${callsForOneSync - 1}`.repeat(1000) && r.SyncCount === callsForOneSync));
});

test('only transactions that change something count; reads do not', (t) => {
  const store = new Store({ path: join(tempDir(t), 'data.db') });
  t.after(() => store.close());
  updateRecords(store, ref, [{ op: 'replace', key: 'k', value: 'v', syncCount: 0 }], 'test');
  const afterWrite = store.walFlusher!.pendingBytes;
  assert.ok(afterWrite >= PAGES_PER_COMMIT * PAGE, `a one-record write counts its pages (${afterWrite})`);
  for (let i = 0; i < 50; i++) listRecordsPage(store, ref, 0, 1024);
  store.transaction(() => store.sql('SELECT count(*) FROM datasets').get());
  assert.equal(store.walFlusher!.pendingBytes, afterWrite);
});

test('a database reached through a symbolic link: the WAL synced is the one SQLite writes, beside the real file', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'real'));
  symlinkSync(join(dir, 'real', 'target.db'), join(dir, 'link.db'));
  const store = new Store({ path: join(dir, 'link.db') });
  for (let call = 0; call < callsForOneSync; call++) updateRecords(store, ref, batch(call, call), 'test');
  assert.ok(store.walFlusher!.syncs >= 1, 'synced the real WAL');
  assertDescriptorsOn(join(dir, 'real', 'target.db-wal'), 2, "SQLite's descriptor and the flusher's");
  store.close();
  await store.walFlusher!.idle();
});

test('an in-memory store has no WAL to sync', () => {
  const store = new Store({ path: ':memory:' });
  assert.equal(store.walFlusher, undefined);
  store.close();
});
