import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DraftStore } from '../../src/config/drafts.js';
import { Journal, journalEntryFromCommit, type JournalEntry } from '../../src/config/journal.js';
import { inversePatches, stageInverse } from '../../src/config/journal-revert.js';
import { recordCommit } from '../../src/config/record-commit.js';
import { commitDataset, openRemoteDataset } from '../../src/session/remote-dataset.js';
import { createDataset, stagePut, stageRemove } from '../../src/sync/index.js';
import { put } from '../helpers/fixtures.js';
import { tempHomeForEachTest } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { freshAddress, serverView } from '../session/session-helpers.js';

const home = tempHomeForEachTest();

const where = { connection: 'local', identityPoolId: 'us-east-1:p', identityId: 'us-east-1:i', datasetName: 'settings' };

function entry(n: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    time: `2026-01-01T00:00:0${n}.000Z`, ...where, syncCountBefore: n, syncCountAfter: n + 1,
    changes: [{ key: 'k', op: 'replace', before: { syncCount: n, value: `v${n}` }, after: { syncCount: n + 1, value: `v${n + 1}` } }],
    ...extra,
  };
}

describe('journal: append and read', () => {
  test('entries come back in order, filtered by identity / dataset / connection; the file is JSONL under data/', () => {
    const journal = new Journal({ env: home.env });
    assert.equal(journal.path, join(home.dir, 'data', 'journal.jsonl'));
    assert.deepEqual(journal.read(), { entries: [], skipped: 0 });
    journal.append(entry(1));
    journal.append(entry(2, { datasetName: 'other' }));
    journal.append(entry(3, { identityId: 'us-east-1:j', requestId: 'req-3', deviceId: 'dev' }));
    const lines = readFileSync(journal.path, 'utf8').split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.deepEqual(JSON.parse(lines[2]), entry(3, { identityId: 'us-east-1:j', requestId: 'req-3', deviceId: 'dev' }));
    assert.deepEqual(journal.read().entries.map((e) => e.syncCountBefore), [1, 2, 3]);
    assert.deepEqual(journal.read({ datasetName: 'settings' }).entries.map((e) => e.syncCountBefore), [1, 3]);
    assert.deepEqual(journal.read({ identityId: 'us-east-1:j' }).entries.map((e) => e.requestId), ['req-3']);
    assert.deepEqual(journal.read({ connection: 'aws' }).entries, []);
    assert.equal(statSync(journal.path).mode & 0o777, 0o600);
  });

  test('a torn last line (a crash mid-write) is skipped, and the next append starts on a fresh line', () => {
    const journal = new Journal({ env: home.env });
    journal.append(entry(1));
    appendFileSync(journal.path, JSON.stringify(entry(2)).slice(0, 40));
    assert.deepEqual(journal.read(), { entries: [entry(1)], skipped: 1 });
    journal.append(entry(3));
    const { entries, skipped } = journal.read();
    assert.deepEqual(entries.map((e) => e.syncCountBefore), [1, 3]);
    assert.equal(skipped, 1);
  });

  test('lines that parse but are not entries are skipped too', () => {
    const journal = new Journal({ env: home.env });
    mkdirSync(dirname(journal.path), { recursive: true });
    writeFileSync(journal.path, `42\n{"time":"x"}\n${JSON.stringify(entry(1))}\nnull\n`);
    assert.deepEqual(journal.read(), { entries: [entry(1)], skipped: 3 });
  });

  test('two processes appending at once never interleave their lines', async () => {
    const child = fileURLToPath(new URL('./journal-append-child.ts', import.meta.url));
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', child, tag, '60'], { env: { ...process.env, COGSYNC_HOME: home.dir }, stdio: 'inherit' });
        proc.once('exit', (code) => resolve(code ?? -1));
      });
    assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0]);
    const { entries, skipped } = new Journal({ env: home.env }).read();
    assert.equal(skipped, 0);
    assert.equal(entries.filter((e) => e.connection === 'a').length, 60);
    assert.equal(entries.filter((e) => e.connection === 'b').length, 60);
    for (const e of entries) assert.equal(e.changes[0].after.value, e.connection.repeat(20_000));
  });
});

describe('journal: rotation', () => {
  const lineBytes = Buffer.byteLength(`${JSON.stringify(entry(1))}\n`); // entries 1–9 are this long, give or take a digit

  test('a full journal is renamed before the next append; reading goes through every file in order', () => {
    const journal = new Journal({ env: home.env, maxBytes: lineBytes * 3, keep: 100 });
    for (let n = 1; n <= 9; n++) journal.append(entry(n));
    const rotated = journal.rotatedFiles();
    assert.equal(rotated.length, 2, 'three entries a file: two full files rotated, the third is the journal');
    for (const file of rotated) {
      assert.match(file, /journal-00000[12]\.jsonl$/);
      assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 3);
    }
    assert.equal(readFileSync(journal.path, 'utf8').split('\n').filter(Boolean).length, 3);
    assert.deepEqual(journal.read().entries.map((e) => e.syncCountBefore), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(journal.read({ datasetName: 'other' }).entries, []);
  });

  test('only the newest rotated files are kept, so the journal stays bounded', () => {
    const journal = new Journal({ env: home.env, maxBytes: lineBytes * 2, keep: 2 });
    for (let n = 1; n <= 9; n++) journal.append(entry(n));
    assert.equal(journal.rotatedFiles().length, 2);
    // Files of two entries: [1 2] [3 4] [5 6] [7 8] rotated, [9] current; the two oldest deleted.
    assert.deepEqual(journal.read().entries.map((e) => e.syncCountBefore), [5, 6, 7, 8, 9], 'the oldest commits dropped, none between');
    const onDisk = [...journal.rotatedFiles(), journal.path].reduce((n, f) => n + statSync(f).size, 0);
    assert.equal(onDisk, [5, 6, 7, 8, 9].reduce((n, i) => n + Buffer.byteLength(`${JSON.stringify(entry(i))}\n`), 0));
  });

  test('a read that a rotation overtakes starts again, so no file is missed', () => {
    const writer = new Journal({ env: home.env, maxBytes: lineBytes * 3, keep: 100 });
    for (let n = 1; n <= 5; n++) writer.append(entry(n)); // [1 2 3] rotated, [4 5] current
    let rotatedUnderTheRead = false;
    class OvertakenJournal extends Journal {
      override rotatedFiles(): string[] {
        const files = super.rotatedFiles();
        if (!rotatedUnderTheRead) {
          rotatedUnderTheRead = true;
          writer.append(entry(6)); // [4 5 6] now full
          writer.append(entry(7)); // rotates [4 5 6]; [7] current
        }
        return files;
      }
    }
    const reader = new OvertakenJournal({ env: home.env, maxBytes: lineBytes * 3, keep: 100 });
    assert.deepEqual(reader.read().entries.map((e) => e.syncCountBefore), [1, 2, 3, 4, 5, 6, 7]);
    assert.ok(rotatedUnderTheRead);
  });

  test('while another process holds the rotation lock the line is appended as it is; a stale lock is cleared', () => {
    const journal = new Journal({ env: home.env, maxBytes: lineBytes * 2, keep: 100 });
    journal.append(entry(1));
    journal.append(entry(2));
    writeFileSync(`${journal.path}.lock`, '');
    journal.append(entry(3));
    assert.deepEqual(journal.rotatedFiles(), [], 'not rotated under a live lock');
    assert.equal(readFileSync(journal.path, 'utf8').split('\n').filter(Boolean).length, 3);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${journal.path}.lock`, old, old);
    journal.append(entry(4)); // clears the stale lock
    journal.append(entry(5)); // rotates [1 2 3 4]
    assert.equal(journal.rotatedFiles().length, 1);
    assert.ok(!existsSync(`${journal.path}.lock`));
    assert.deepEqual(journal.read().entries.map((e) => e.syncCountBefore), [1, 2, 3, 4, 5]);
  });

  test('two processes appending and rotating at once lose no line', async () => {
    const child = fileURLToPath(new URL('./journal-append-child.ts', import.meta.url));
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        // 20 KB entries, rotated every ~3 of them, every rotated file kept.
        const proc = spawn(process.execPath, ['--import', 'tsx', child, tag, '40', String(60_000), '1000'], {
          env: { ...process.env, COGSYNC_HOME: home.dir },
          stdio: 'inherit',
        });
        proc.once('exit', (code) => resolve(code ?? -1));
      });
    assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0]);
    const journal = new Journal({ env: home.env });
    const { entries, skipped } = journal.read();
    assert.equal(skipped, 0);
    assert.ok(journal.rotatedFiles().length >= 10, `${journal.rotatedFiles().length} rotated files`);
    for (const tag of ['a', 'b']) {
      assert.deepEqual(entries.filter((e) => e.connection === tag).map((e) => e.syncCountBefore), [...Array(40).keys()], `${tag}: every entry, in order`);
    }
  });
});

describe('journal: entries from commits and their inverse', () => {
  test('journalEntryFromCommit records op, value and SyncCount before and after for every written key', () => {
    let state = createDataset([{ key: 'a', value: '1', syncCount: 4 }, { key: 'b', value: '2', syncCount: 2 }, { key: 't', syncCount: 7 }], 9);
    state = stagePut(state, 'a', '10');
    state = stageRemove(state, 'b');
    state = stagePut(state, 't', 'revived');
    state = stagePut(state, 'n', 'new');
    const written = [
      { key: 'a', value: '10', syncCount: 5 }, { key: 'b', syncCount: 3 }, { key: 't', value: 'revived', syncCount: 8 }, { key: 'n', value: 'new', syncCount: 1 },
    ];
    const e = journalEntryFromCommit({ ...where, deviceId: 'laptop' }, state.staged, written, { before: 9, after: 10 }, 'rid-1', new Date('2026-05-06T07:08:09Z'));
    assert.deepEqual(e, {
      time: '2026-05-06T07:08:09.000Z', ...where, deviceId: 'laptop', requestId: 'rid-1', syncCountBefore: 9, syncCountAfter: 10,
      changes: [
        { key: 'a', op: 'replace', before: { syncCount: 4, value: '1' }, after: { syncCount: 5, value: '10' } },
        { key: 'b', op: 'remove', before: { syncCount: 2, value: '2' }, after: { syncCount: 3 } },
        { key: 't', op: 'replace', before: { syncCount: 7 }, after: { syncCount: 8, value: 'revived' } },
        { key: 'n', op: 'replace', after: { syncCount: 1, value: 'new' } },
      ],
    });
    const current = new Map(written.map((r) => [r.key, r]));
    const plan = inversePatches(e, current);
    assert.deepEqual(plan.edits, [
      { key: 'a', op: { kind: 'replace', value: '1' } },
      { key: 'b', op: { kind: 'replace', value: '2' } },
      { key: 't', op: { kind: 'remove' } },
      { key: 'n', op: { kind: 'remove' } },
    ]);
    assert.deepEqual(plan.changedSince, []);
    // Later writes are flagged; keys already back as they were are left alone.
    current.set('a', { key: 'a', value: '99', syncCount: 6 });
    current.set('n', { key: 'n', syncCount: 2 });
    const later = inversePatches(e, current);
    assert.deepEqual(later.changedSince, ['a']);
    assert.deepEqual(later.alreadyReverted, ['n']);
    assert.deepEqual(later.edits.map((x) => x.key), ['a', 'b', 't']);
  });

  let server: TestServer;
  describe('against the real local server', () => {
    beforeEach(async () => (server = await startTestServer()));
    afterEach(async () => server.close());

    test('commit → journal line with the request id; revert stages the inverse; its commit restores the old values', async () => {
      const address = freshAddress('prefs');
      const w = { IdentityPoolId: address.identityPoolId, IdentityId: address.identityId, DatasetName: address.datasetName };
      await put(server.sync, w, { a: 'one', b: 'two', gone: 'soon' });
      await put(server.sync, w, { gone: null });
      const journal = new Journal({ env: home.env });
      const drafts = new DraftStore({ env: home.env });
      const context = { connection: 'local', ...address, deviceId: 'cogsync-test' };

      const opened = await openRemoteDataset(server.sync, address);
      let state = stagePut(opened.state, 'a', 'ONE');
      state = stageRemove(state, 'b');
      state = stagePut(state, 'gone', 'back');
      state = stagePut(state, 'c', 'three');
      drafts.save(context, state);
      const result = await commitDataset(server.sync, address, state, { deviceId: 'cogsync-test' });
      assert.equal(result.status, 'committed');
      if (result.status !== 'committed') return;
      assert.match(result.requestId ?? '', /^[0-9a-f-]{36}$/);
      const written = recordCommit({ journal, drafts }, context, state, result);
      assert.ok(written);
      assert.equal(drafts.load(context).status, 'none', 'the draft is gone after the commit');

      const [logged] = journal.read({ identityId: address.identityId, datasetName: 'prefs' }).entries;
      assert.equal(logged.requestId, result.requestId);
      assert.equal(logged.deviceId, 'cogsync-test');
      assert.equal(logged.syncCountBefore, opened.state.base.syncCount);
      assert.equal(logged.syncCountAfter, result.state.base.syncCount);
      const byKey = Object.fromEntries(logged.changes.map((c) => [c.key, c]));
      const serverNow = await serverView(server.newSyncClient(), address);
      const countOfA = serverNow.records.find((r) => r.Key === 'a')?.SyncCount;
      assert.deepEqual(byKey.a, { key: 'a', op: 'replace', before: { syncCount: 1, value: 'one' }, after: { syncCount: countOfA, value: 'ONE' } });
      assert.deepEqual(byKey.b.after.value, undefined);
      assert.deepEqual(byKey.gone.before, { syncCount: 2 });
      assert.equal(byKey.c.before, undefined);

      // Revert: staged (review → commit), not written directly.
      const fresh = await openRemoteDataset(server.sync, address);
      const { state: reverting, plan } = stageInverse(logged, fresh.state);
      assert.equal(reverting.staged.size, 4);
      assert.deepEqual(plan.changedSince, []);
      assert.deepEqual((await serverView(server.newSyncClient(), address)).values, { a: 'ONE', b: null, gone: 'back', c: 'three' });
      const undone = await commitDataset(server.sync, address, reverting);
      assert.equal(undone.status, 'committed');
      assert.deepEqual((await serverView(server.newSyncClient(), address)).values, { a: 'one', b: 'two', gone: null, c: null });
    });
  });
});
