import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/local/store.js';
import { listRecordsPage, updateRecords, type PatchInput } from '../../src/local/store-records.js';
import { WAL_SYNC_EVERY_BYTES, WalFlusher } from '../../src/local/wal-flusher.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-wal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** How many of this process's file descriptors are open on `path` (Linux). */
function descriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed meanwhile
    }
  }).length;
}

test('syncs once the bytes stored since the last sync reach the threshold, one sync at a time', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  writeFileSync(wal, 'frames');
  const flusher = new WalFlusher(wal, 100);
  flusher.committed(60);
  assert.equal(flusher.syncs, 0, 'under the threshold');
  flusher.committed(40);
  assert.equal(flusher.syncs, 1, 'at the threshold');
  flusher.committed(500);
  assert.equal(flusher.syncs, 1, 'not a second sync while one runs');
  await flusher.idle();
  flusher.committed(0);
  assert.equal(flusher.syncs, 2, 'the bytes stored during the sync count towards the next');
  await flusher.idle();
  flusher.committed(99);
  assert.equal(flusher.syncs, 2);
  assert.equal(descriptorsOn(wal), 1, 'one descriptor, kept between syncs');
  flusher.close();
  await flusher.idle();
  assert.equal(descriptorsOn(wal), 0, 'closed when idle: let go at once');
});

test('no WAL file yet: nothing happens until there is one', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  const flusher = new WalFlusher(wal, 10);
  flusher.committed(50);
  assert.equal(flusher.syncs, 0);
  writeFileSync(wal, '');
  flusher.committed(1);
  assert.equal(flusher.syncs, 1, 'the bytes stored before the file appeared still count');
  await flusher.idle();
  flusher.close();
});

test('closing during a sync lets go of the descriptor once the sync ends', async (t) => {
  const wal = join(tempDir(t), 'x.db-wal');
  writeFileSync(wal, 'frames');
  const flusher = new WalFlusher(wal, 1);
  flusher.committed(1);
  assert.equal(descriptorsOn(wal), 1, 'the WAL is open while it syncs');
  flusher.close();
  flusher.committed(1_000);
  assert.equal(flusher.syncs, 1, 'no sync after close');
  await flusher.idle();
  assert.equal(descriptorsOn(wal), 0);
});

test('a store on a file syncs its WAL as UpdateRecords store megabytes, and keeps every write', async (t) => {
  const path = join(tempDir(t), 'data.db');
  const ref = { poolId: 'us-east-1:00000000-0000-4000-8000-000000000001', identityId: 'us-east-1:00000000-0000-4000-8000-0000000000a1', datasetName: 'big' };
  const batch = (generation: number, syncCount: number): PatchInput[] =>
    Array.from({ length: 1024 }, (_, i) => ({ op: 'replace', key: `key-${i}`, value: `${generation}`.repeat(1000), syncCount }));
  const store = new Store({ path });
  const calls = Math.ceil(WAL_SYNC_EVERY_BYTES / 1_000_000) + 1;
  for (let call = 0; call < calls; call++) updateRecords(store, ref, batch(call, call), 'test');
  assert.ok(store.walFlusher, 'a file-backed store has a flusher');
  assert.ok(store.walFlusher.syncs >= 1, `synced ${store.walFlusher.syncs} times`);
  await store.walFlusher.idle();
  store.close();

  const reopened = new Store({ path });
  t.after(() => reopened.close());
  const page = listRecordsPage(reopened, ref, 0, 1024);
  const records = JSON.parse(`[${page.records.toString('utf8')}]`) as Array<{ Value: string; SyncCount: number }>;
  assert.equal(records.length, 1024);
  assert.ok(records.every((r) => r.Value === `${calls - 1}`.repeat(1000) && r.SyncCount === calls));
});

test('an in-memory store has no WAL to sync', () => {
  const store = new Store({ path: ':memory:' });
  assert.equal(store.walFlusher, undefined);
  store.close();
});
