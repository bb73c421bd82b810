import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, linkSync, readFileSync, readdirSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { restoreDraft } from '../../src/config/draft-restore.js';
import { DraftStore, draftFileName, processStartTime, type DraftAddress } from '../../src/config/drafts.js';
import { commitDataset, openRemoteDataset } from '../../src/session/remote-dataset.js';
import { applyResolutions, createDataset, resolveConflict, stagePut, stageRemove, type DatasetState } from '../../src/sync/index.js';
import { put } from '../helpers/fixtures.js';
import { tempHomeForEachTest } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { freshAddress, serverView } from '../session/session-helpers.js';

const home = tempHomeForEachTest();

const address: DraftAddress = { connection: 'local', identityPoolId: 'us-east-1:aaaa', identityId: 'us-east-1:bbbb', datasetName: 'settings' };
const at = (iso: string) => () => new Date(iso);

function edited(): DatasetState {
  let state = createDataset([{ key: 'theme', value: 'dark', syncCount: 3 }, { key: 'old', value: 'x', syncCount: 1 }, { key: 'gone', syncCount: 2 }], 5);
  state = stagePut(state, 'theme', 'light');
  state = stageRemove(state, 'old');
  state = stagePut(state, 'gone', 'back');
  state = stagePut(state, 'new', '');
  return state;
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('drafts: files', () => {
  test('the file name is safe, readable and unique per (connection, pool, identity, dataset)', () => {
    const name = draftFileName({ ...address, connection: '../prod/../../etc passwd', datasetName: 'a:b' });
    assert.match(name, /^[A-Za-z0-9_.-]+-[0-9a-f]{20}\.json$/);
    assert.ok(!name.startsWith('.'));
    assert.ok(name.includes('etc_passwd_a_b') || name.includes('a_b'), name);
    const names = new Set(
      [address, { ...address, connection: 'other' }, { ...address, identityPoolId: 'us-east-1:cccc' }, { ...address, identityId: 'us-east-1:dddd' }, { ...address, datasetName: 'other' }].map(draftFileName),
    );
    assert.equal(names.size, 5);
    const drafts = new DraftStore({ env: home.env });
    assert.equal(dirname(drafts.pathFor(address)), join(home.dir, 'data', 'drafts'));
  });

  test('save then load gives back the ops, the time and the base SyncCount; clear removes it', () => {
    const drafts = new DraftStore({ env: home.env, now: at('2026-03-04T05:06:07.000Z') });
    assert.deepEqual(drafts.load(address), { status: 'none' });
    drafts.save(address, edited());
    const loaded = drafts.load(address);
    assert.equal(loaded.status, 'found');
    if (loaded.status !== 'found') return;
    assert.equal(loaded.draft.savedAt.toISOString(), '2026-03-04T05:06:07.000Z');
    assert.equal(loaded.draft.baseSyncCount, 5);
    assert.deepEqual(
      [...loaded.draft.ops].sort((a, b) => a.key.localeCompare(b.key)),
      [
        { key: 'gone', op: 'replace', value: 'back', base: { syncCount: 2 } },
        { key: 'new', op: 'replace', value: '' },
        { key: 'old', op: 'remove', base: { syncCount: 1, value: 'x' } },
        { key: 'theme', op: 'replace', value: 'light', base: { syncCount: 3, value: 'dark' } },
      ],
    );
    assert.equal(drafts.list().length, 1);
    drafts.clear(address);
    assert.equal(existsSync(drafts.pathFor(address)), false);
    assert.deepEqual(drafts.load(address), { status: 'none' });
  });

  test('an unfinished edit alone is a draft: saved, loaded back, listed; a bad one makes the file unreadable', () => {
    const store = new DraftStore({ env: home.env });
    const nothing = createDataset([{ key: 'theme', value: 'dark', syncCount: 3 }], 5);
    store.save(address, nothing, { kind: 'edit', key: 'theme', text: 'half-typed\nline' });
    const loaded = store.load(address);
    assert.equal(loaded.status, 'found');
    if (loaded.status === 'found') {
      assert.deepEqual(loaded.draft.ops, []);
      assert.deepEqual(loaded.draft.unfinished, { kind: 'edit', key: 'theme', text: 'half-typed\nline' });
    }
    assert.equal(store.list().length, 1);
    store.save(address, edited(), { kind: 'add', key: '', value: 'value first' });
    const both = store.load(address);
    assert.ok(both.status === 'found' && both.draft.ops.length === 4 && both.draft.unfinished?.kind === 'add');
    store.save(address, nothing); // the edit was staged or dropped, nothing else staged: no draft
    assert.equal(store.load(address).status, 'none');
    const path = store.pathFor(address);
    store.save(address, nothing, { kind: 'edit', key: 'theme', text: 'x' });
    writeFileSync(path, readFileSync(path, 'utf8').replace('"kind": "edit"', '"kind": "rename"'));
    const bad = store.load(address);
    assert.equal(bad.status, 'corrupt');
    if (bad.status === 'corrupt') assert.match(bad.notice, /unfinished is not an edit/);
  });

  test('saving nothing staged removes the draft', () => {
    const drafts = new DraftStore({ env: home.env });
    drafts.save(address, edited());
    drafts.save(address, createDataset([], 0));
    assert.equal(existsSync(drafts.pathFor(address)), false);
  });

  test('a save replaces the file by rename: a hard link to the old file keeps the old content, no temp file is left', () => {
    const drafts = new DraftStore({ env: home.env });
    drafts.save(address, stagePut(createDataset([], 0), 'k', 'first'));
    const path = drafts.pathFor(address);
    const oldLink = `${path}.link`;
    linkSync(path, oldLink);
    drafts.save(address, stagePut(createDataset([], 0), 'k', 'second'));
    assert.match(readFileSync(oldLink, 'utf8'), /"first"/);
    assert.match(readFileSync(path, 'utf8'), /"second"/);
    assert.deepEqual(readdirSync(dirname(path)).filter((n) => n.endsWith('.tmp')), []);
  });

  test('a corrupt draft is moved aside with a notice and loading goes on without it', () => {
    const drafts = new DraftStore({ env: home.env, now: at('2026-03-04T05:06:07.000Z') });
    const path = drafts.pathFor(address);
    mkdirSync(dirname(path), { recursive: true });
    for (const [text, reason] of [
      ['{"version":1,"ops":[', /not valid JSON/],
      [JSON.stringify({ version: 1, ...address, savedAt: 'x', baseSyncCount: 0, ops: [] }), /savedAt/],
      [JSON.stringify({ version: 1, ...address, datasetName: 'other', savedAt: '2026-01-01T00:00:00Z', baseSyncCount: 0, ops: [] }), /another dataset/],
      [JSON.stringify({ version: 1, ...address, savedAt: '2026-01-01T00:00:00Z', baseSyncCount: 0, ops: [{ key: 'k', op: 'put' }] }), /ops\[0\]: op must be replace or remove/],
    ] as const) {
      writeFileSync(path, text);
      const loaded = drafts.load(address);
      assert.equal(loaded.status, 'corrupt', text);
      if (loaded.status !== 'corrupt') continue;
      assert.match(loaded.notice, reason);
      assert.match(loaded.notice, /moved to/);
      assert.equal(readFileSync(loaded.movedTo, 'utf8'), text);
      assert.match(basename(loaded.movedTo), /\.corrupt-2026-03-04T05-06-07-000Z(-\d+)?\.json$/);
      assert.equal(existsSync(path), false);
    }
    assert.equal(readdirSync(dirname(path)).filter((n) => n.includes('.corrupt-')).length, 4);
  });
});

describe('drafts: debounced saves', () => {
  test('scheduleSave writes at once (a kill -9 right after loses nothing), then once more, durably, after the quiet time', async () => {
    const drafts = new DraftStore({ env: home.env, debounceMs: 40 });
    let state = createDataset([], 0);
    for (let i = 0; i < 20; i++) {
      state = stagePut(state, 'k', `v${i}`);
      drafts.scheduleSave(address, state);
      const now = drafts.load(address);
      assert.equal(now.status === 'found' && now.draft.ops[0].value, `v${i}`, 'on disk as soon as it is staged');
    }
    assert.equal(drafts.pendingCount, 1, 'the durable save waits for quiet');
    await until(() => drafts.pendingCount === 0, 'the durable save');
    const loaded = drafts.load(address);
    assert.equal(loaded.status === 'found' && loaded.draft.ops[0].value, 'v19');
  });

  test('a process killed right after staging keeps the draft', async () => {
    const child = fileURLToPath(new URL('./draft-kill-child.ts', import.meta.url));
    const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(address)], { env: { ...process.env, COGSYNC_HOME: home.dir }, stdio: 'inherit' });
    const signal = await new Promise((resolve) => proc.once('exit', (_code, sig) => resolve(sig)));
    assert.equal(signal, 'SIGKILL');
    const loaded = new DraftStore({ env: home.env }).load(address);
    assert.equal(loaded.status === 'found' && loaded.draft.ops[0].value, 'staged just before the kill');
  });

  test('a save of the unfinished edit alone (now: false) waits for the quiet time or a flush; nothing is written per key', () => {
    const store = new DraftStore({ env: home.env, debounceMs: 60_000 });
    const nothing = createDataset([], 0);
    store.scheduleSave(address, nothing, { kind: 'edit', key: 'k', text: 'typ' }, { now: false });
    assert.equal(existsSync(store.pathFor(address)), false, 'not written at the key');
    store.scheduleSave(address, nothing, { kind: 'edit', key: 'k', text: 'typed' }, { now: false });
    store.flush(); // a quit or a crash handler
    const loaded = store.load(address);
    assert.ok(loaded.status === 'found' && loaded.draft.unfinished?.kind === 'edit' && loaded.draft.unfinished.text === 'typed');
    store.dispose();
  });

  test('flush writes pending saves at once (quit, crash handlers); clear cancels a pending save', () => {
    const drafts = new DraftStore({ env: home.env, debounceMs: 60_000 });
    const other = { ...address, datasetName: 'other' };
    drafts.scheduleSave(address, stagePut(createDataset([], 0), 'k', 'kept'));
    drafts.scheduleSave(other, stagePut(createDataset([], 0), 'k', 'dropped'));
    drafts.clear(other);
    drafts.flush();
    assert.equal(drafts.pendingCount, 0);
    const loaded = drafts.load(address);
    assert.equal(loaded.status === 'found' && loaded.draft.ops[0].value, 'kept');
    assert.equal(existsSync(drafts.pathFor(other)), false);
  });

  test('a failed debounced save is reported, never thrown into the event loop', async () => {
    // A file where the drafts folder should be: every save fails.
    mkdirSync(join(home.dir, 'data'), { recursive: true });
    writeFileSync(join(home.dir, 'data', 'drafts'), 'not a folder');
    const errors: unknown[] = [];
    const drafts = new DraftStore({ env: home.env, debounceMs: 1, onError: (e) => errors.push(e) });
    drafts.scheduleSave(address, edited());
    await until(() => errors.length === 1, 'the error report');
    drafts.scheduleSave(address, edited());
    assert.throws(() => drafts.flush(), /could not save drafts/);
  });
});

describe('drafts: kill -9 while saving', () => {
  test('a process killed at any moment leaves a whole draft (old or new), never a torn one', async () => {
    const child = fileURLToPath(new URL('./draft-writer-child.ts', import.meta.url));
    for (let round = 0; round < 3; round++) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(address)], { env: { ...process.env, COGSYNC_HOME: home.dir }, stdio: ['ignore', 'pipe', 'inherit'] });
      let saves = 0;
      proc.stdout.on('data', (chunk: Buffer) => (saves += chunk.toString().split('\n').length - 1));
      await until(() => saves >= 5 + round * 7, 'some saves', 30_000);
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      const loaded = new DraftStore({ env: home.env }).load(address);
      assert.equal(loaded.status, 'found', `round ${round}: ${JSON.stringify(loaded).slice(0, 200)}`);
      if (loaded.status === 'found') assert.equal(loaded.draft.ops.length, 8);
    }
  });
});

describe('drafts: two editors on one dataset', () => {
  const RUNNING = 4_000_000; // the pid of "another editor"; isAlive below says whether it still runs

  /** A draft as written by the editor in process `pid` (its own file, beside this process's). */
  function draftOfProcess(pid: number, key: string, value: string): string {
    const other = new DraftStore({ env: home.env });
    other.save(address, stagePut(createDataset([], 0), key, value));
    const path = other.pathFor(address).replace(other.owner, `${pid}-abcdef`);
    renameSync(other.pathFor(address), path);
    return path;
  }

  test('a running editor’s draft is not offered, and a commit here leaves it alone; once that editor has ended it is', () => {
    const running = new Set([RUNNING]);
    const here = new DraftStore({ env: home.env, isAlive: (pid) => running.has(pid) });
    const theirs = draftOfProcess(RUNNING, 'k', 'their edit');
    assert.equal(here.load(address).status, 'none', 'still being edited in the other process');
    here.save(address, stagePut(createDataset([], 0), 'j', 'my edit'));
    const mine = here.load(address);
    assert.equal(mine.status === 'found' && mine.draft.ops[0].key, 'j');
    here.clear(address); // this editor committed
    assert.ok(existsSync(theirs), 'the other editor’s draft is still there');
    running.delete(RUNNING); // the other editor was killed
    const offered = here.load(address);
    assert.equal(offered.status === 'found' && offered.draft.ops[0].value, 'their edit');
    if (offered.status === 'found') assert.ok(here.take(address, offered.path));
    assert.ok(!existsSync(theirs), 'taken: it is this editor’s file now');
    assert.ok(existsSync(here.pathFor(address)));
  });

  test('a crashed editor’s pid now used by another program does not hide its draft (real processes, start times from /proc)', async () => {
    // A live process standing in for "the program that got the crashed editor's pid".
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const pid = child.pid!;
      const start = processStartTime(pid);
      const ownSelf = processStartTime(process.pid);
      assert.equal(ownSelf !== undefined, existsSync('/proc/self/stat'), 'start times are read where /proc is');
      const here = new DraftStore({ env: home.env });
      const written = draftOfProcess(pid, 'k', 'from the crashed editor');
      if (start === undefined) {
        assert.equal(here.load(address).status, 'none', 'no start times: a live pid keeps its draft, as before');
        return;
      }
      // Written by that very process: it still runs, so its draft is not offered.
      const byLive = written.replace(`${pid}-abcdef`, `${pid}.${start}-abcdef`);
      renameSync(written, byLive);
      assert.equal(here.load(address).status, 'none', 'the writer still runs');
      // Written by an earlier process with the same pid (another start time): that editor has ended.
      const byEarlier = byLive.replace(`${pid}.${start}-abcdef`, `${pid}.${Number(start) - 1}-abcdef`);
      renameSync(byLive, byEarlier);
      const offered = here.load(address);
      assert.equal(offered.status === 'found' && offered.draft.ops[0].value, 'from the crashed editor');
      assert.match(basename(here.pathFor(address)), new RegExp(`\\.${process.pid}\\.${ownSelf}@[0-9a-f]{8}-[0-9a-f]{6}\\.json$`), 'this editor names its files with its start time and host');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  test('a draft written on another machine (a COGSYNC_HOME on a shared folder) is owned elsewhere: never offered here, even when its pid is not running here', () => {
    const elsewhere = new DraftStore({ env: home.env, hostname: 'the-other-laptop' });
    elsewhere.save(address, stagePut(createDataset([], 0), 'k', 'typed on the other machine'));
    const host = (owner: string) => /@([0-9a-f]{8})-/.exec(owner)?.[1];
    assert.ok(host(elsewhere.owner) !== undefined && host(elsewhere.owner) !== host(new DraftStore({ env: home.env }).owner), 'the host is part of the owner');
    // Its pid means nothing here: not running (or this very process) must not read as "that editor crashed".
    for (const isAlive of [() => false, () => true]) {
      const here = new DraftStore({ env: home.env, isAlive });
      assert.equal(here.load(address).status, 'none', 'maybe still being edited over there');
    }
    // The machine that wrote it still gets it back once its editor has ended.
    const sameMachine = new DraftStore({ env: home.env, hostname: 'the-other-laptop', isAlive: () => false });
    const back = sameMachine.load(address);
    assert.equal(back.status === 'found' && back.draft.ops[0].value, 'typed on the other machine');
    // A draft named without a host (an older cogsync) is judged on this machine, as before.
    const legacy = draftOfProcess(RUNNING, 'j', 'older version');
    const here = new DraftStore({ env: home.env, isAlive: () => false });
    const offered = here.load(address);
    assert.equal(offered.status === 'found' && offered.path, legacy);
  });

  test('two editors offered the same ended editor’s draft: only the first to take it restores it', () => {
    const ended = draftOfProcess(RUNNING, 'k', 'left behind');
    const b = new DraftStore({ env: home.env, isAlive: () => false });
    const c = new DraftStore({ env: home.env, isAlive: () => false });
    const forB = b.load(address);
    const forC = c.load(address);
    assert.ok(forB.status === 'found' && forC.status === 'found' && forB.path === ended && forC.path === ended, 'both were offered it');
    assert.equal(b.take(address, ended), true);
    assert.equal(c.take(address, ended), false, 'the second editor finds it gone');
  });

  test('two ended editors’ drafts are both kept; the newest is offered first, the other after it is claimed', () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const now = () => new Date(clock);
    const here = new DraftStore({ env: home.env, now, isAlive: () => false });
    const older = new DraftStore({ env: home.env, now });
    older.save(address, stagePut(createDataset([], 0), 'a', 'older'));
    renameSync(older.pathFor(address), older.pathFor(address).replace(older.owner, `${RUNNING}-aaaaaa`));
    clock += 60_000;
    const newer = new DraftStore({ env: home.env, now });
    newer.save(address, stagePut(createDataset([], 0), 'b', 'newer'));
    renameSync(newer.pathFor(address), newer.pathFor(address).replace(newer.owner, `${RUNNING + 1}-bbbbbb`));
    const first = here.load(address);
    assert.equal(first.status === 'found' && first.draft.ops[0].value, 'newer');
    if (first.status === 'found') here.take(address, first.path);
    here.clear(address); // restored and committed here
    const second = here.load(address);
    assert.equal(second.status === 'found' && second.draft.ops[0].value, 'older');
  });

  test('a draft from before drafts were per process (one file per dataset) is still offered', () => {
    const legacy = join(home.dir, 'data', 'drafts', draftFileName(address));
    const writer = new DraftStore({ env: home.env });
    writer.save(address, stagePut(createDataset([], 0), 'k', 'from an older version'));
    renameSync(writer.pathFor(address), legacy);
    const loaded = new DraftStore({ env: home.env }).load(address);
    assert.equal(loaded.status === 'found' && loaded.draft.ops[0].value, 'from an older version');
  });
});

describe('drafts: restore against the real local server', () => {
  let server: TestServer;
  beforeEach(async () => (server = await startTestServer()));
  afterEach(async () => server.close());

  test('edits saved as a draft come back; a key changed remotely meanwhile becomes a conflict; the rest commits', async () => {
    const where = freshAddress('settings');
    const w = { IdentityPoolId: where.identityPoolId, IdentityId: where.identityId, DatasetName: where.datasetName };
    await put(server.sync, w, { theme: 'dark', lang: 'en', old: 'x' });
    const draftAddress = { connection: 'local', ...where };

    // Session 1 stages edits and "crashes": only the draft survives.
    const opened = await openRemoteDataset(server.sync, where);
    let state = stagePut(opened.state, 'theme', 'light');
    state = stagePut(state, 'lang', 'fr');
    state = stageRemove(state, 'old');
    state = stagePut(state, 'fresh', 'new key');
    new DraftStore({ env: home.env }).save(draftAddress, state);

    // Meanwhile another device changes `theme` to something else and `lang` to what we want.
    await put(server.newSyncClient(), w, { theme: 'solarized', lang: 'fr' });

    // Session 2 lists the dataset again and restores the draft.
    const drafts = new DraftStore({ env: home.env });
    const loaded = drafts.load(draftAddress);
    assert.equal(loaded.status, 'found');
    if (loaded.status !== 'found') return;
    assert.equal(loaded.draft.baseSyncCount, opened.state.base.syncCount);
    const reopened = await openRemoteDataset(server.sync, where);
    const restored = restoreDraft(loaded.draft, reopened.state);
    assert.ok(drafts.take(draftAddress, loaded.path), 'session 1’s draft becomes session 2’s file');
    assert.deepEqual(restored.conflicts.items.map((i) => [i.key, i.kind, i.theirs?.value]), [['theme', 'both-changed', 'solarized']]);
    assert.deepEqual(restored.same, ['lang']);
    assert.deepEqual([...restored.clean].sort(), ['fresh', 'old']);
    assert.equal(restored.state.undoStack.length, 1, 'the restore is one undo step');

    // The user keeps theirs for theme; the rest goes out as one batch.
    const picked = resolveConflict(restored.conflicts, 'theme', { kind: 'theirs' });
    const resolved = applyResolutions(restored.state, picked).state;
    const result = await commitDataset(server.sync, where, resolved);
    assert.equal(result.status, 'committed');
    assert.equal(result.requests.updates, 1);
    drafts.clear(draftAddress);
    const view = await serverView(server.newSyncClient(), where);
    assert.deepEqual(view.values, { theme: 'solarized', lang: 'fr', old: null, fresh: 'new key' });
    assert.equal(drafts.load(draftAddress).status, 'none');
  });
});
