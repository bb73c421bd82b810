// cogsync's own helpers (set, rm, export, import, copy) in-process against the real local
// server. Races are real: another SDK client writes between our listing and our commit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runRemove, runSet, type EditRequest } from '../../src/commands/edit/set-rm.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { runCopy, type CopyRequest } from '../../src/commands/transfer/copy.js';
import { runExport } from '../../src/commands/transfer/export.js';
import { runImport, type ImportRequest } from '../../src/commands/transfer/import.js';
import { tempDirForFile } from '../helpers/home.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { otherDeviceWrites as writeAsOther, racing } from './helpers/race.js';
import { finish, newIO, op } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const alice = `us-east-1:${randomUUID()}`;
const bob = `us-east-1:${randomUUID()}`;
const dir = tempDirForFile('cogsync-helpers-');

type Rec = { Key: string; Value?: string; SyncCount: number };
const globals = () => ({ endpointUrl: server.url });

async function set(dataset: string, words: string[], extra: Partial<EditRequest> = {}, openSession?: OpenSession) {
  const io = newIO();
  const code = await runSet({ identityPoolId: pool, identityId: alice, datasetName: dataset, words, globals: globals(), ...extra }, io, { openSession });
  return finish(io, code);
}

async function remove(dataset: string, words: string[], extra: Partial<EditRequest> = {}) {
  const io = newIO();
  const code = await runRemove({ identityPoolId: pool, identityId: alice, datasetName: dataset, words, globals: globals(), ...extra }, io);
  return finish(io, code);
}

async function records(dataset: string, identity = alice): Promise<Record<string, [string | undefined, number]>> {
  const out = await server.sync.send(new ListRecordsCommand({ IdentityPoolId: pool, IdentityId: identity, DatasetName: dataset }));
  return Object.fromEntries((out.Records ?? []).map((r) => [r.Key!, [r.Value, r.SyncCount!]]));
}

/** Another device writes `key=value` at its current count. */
function otherDeviceWrites(dataset: string, key: string, value: string, identity = alice): Promise<void> {
  return writeAsOther(server, { IdentityPoolId: pool, IdentityId: identity, DatasetName: dataset }, key, value);
}

test('set creates the dataset in one batch; values keep = and may be empty', async () => {
  const r = await set('prefs', ['theme=dark', 'expr=a=b', 'empty=']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.json<{ Records: Rec[] }>().Records.map((x) => [x.Key, x.Value, x.SyncCount]), [['empty', '', 1], ['expr', 'a=b', 1], ['theme', 'dark', 1]]);
  assert.deepEqual(await records('prefs'), { empty: ['', 1], expr: ['a=b', 1], theme: ['dark', 1] });
});

test('set again sends each key at its current SyncCount; a no-op sends nothing', async () => {
  const r = await set('prefs', ['theme=light'], {});
  assert.equal(r.code, 0, r.err);
  assert.deepEqual((await records('prefs')).theme, ['light', 2]);
  const same = await set('prefs', ['theme=light']);
  assert.equal(same.code, 0);
  assert.match(same.err, /nothing to change/);
  assert.deepEqual(same.json(), { Records: [] });
});

test('set --dry-run prints the patches with their SyncCounts and writes nothing', async () => {
  const r = await set('prefs', ['theme=blue', 'new=1'], { dryRun: true });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.json(), {
    DatasetSyncCount: 2,
    RecordPatches: [
      { Op: 'replace', Key: 'new', Value: '1', SyncCount: 0 },
      { Op: 'replace', Key: 'theme', Value: 'blue', SyncCount: 2 },
    ],
  });
  assert.match(r.err, /dry run: 2 patches planned, nothing sent/);
  assert.deepEqual((await records('prefs')).theme, ['light', 2]);
});

test('a key changed by another device meanwhile is a conflict: reported, exit 1, nothing written', async () => {
  const r = await set('prefs', ['theme=mine', 'expr=mine'], {}, racing(() => otherDeviceWrites('prefs', 'theme', 'theirs')));
  assert.equal(r.code, 1);
  const conflicts = r.json<{ Conflicts: Array<{ Key: string; Mine: string; Theirs: string; ServerSyncCount: number; BaseSyncCount: number }> }>().Conflicts;
  assert.deepEqual(conflicts.map((c) => [c.Key, c.Mine, c.Theirs, c.BaseSyncCount, c.ServerSyncCount]), [['theme', 'mine', 'theirs', 2, 3]]);
  assert.match(r.err, /conflict: prefs "theme": the server has "theirs" \(SyncCount 3 by 123456789012\); you want to write "mine" \(based on SyncCount 2\)/);
  assert.match(r.err, /1 conflict: nothing was written/);
  const now = await records('prefs');
  assert.deepEqual([now.theme, now.expr], [['theirs', 3], ['a=b', 1]]);
});

test('--on-conflict mine overwrites at the server count; theirs keeps the server value', async () => {
  const mine = await set('prefs', ['theme=mine'], { onConflict: 'mine' }, racing(() => otherDeviceWrites('prefs', 'theme', 'theirs-2')));
  assert.equal(mine.code, 0, mine.err);
  assert.deepEqual((await records('prefs')).theme[0], 'mine');
  const theirs = await set('prefs', ['theme=ignored', 'expr=kept'], { onConflict: 'theirs' }, racing(() => otherDeviceWrites('prefs', 'theme', 'theirs-3')));
  assert.equal(theirs.code, 0, theirs.err);
  const now = await records('prefs');
  assert.deepEqual([now.theme[0], now.expr[0]], ['theirs-3', 'kept']);
  const bad = await set('prefs', ['a=b'], { onConflict: 'maybe' });
  assert.equal(bad.code, 252);
  assert.match(bad.err, /argument --on-conflict: Invalid choice 'maybe'/);
});

test('rm removes keys (tombstones); a missing key is reported and skipped', async () => {
  const r = await remove('prefs', ['empty', 'missing']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /key 'missing' does not exist in prefs: nothing to remove/);
  const written = r.json<{ Records: Rec[] }>().Records;
  assert.deepEqual(written.map((x) => [x.Key, x.Value]), [['empty', undefined]]);
  assert.equal((await records('prefs')).empty[0], undefined);
});

test('export: every dataset of the identity, tombstones without Value, then one dataset', async () => {
  await set('second', ['k=v']);
  const io = newIO();
  const code = await runExport({ identityPoolId: pool, identityId: alice, globals: globals() }, io);
  const all = await finish(io, code);
  assert.equal(all.code, 0, all.err);
  const doc = all.json<{ Format: string; IdentityId: string; Datasets: Array<{ DatasetName: string; DatasetSyncCount: number; Records: Rec[] }> }>();
  assert.equal(doc.Format, 'cogsync-export/1');
  assert.deepEqual(doc.Datasets.map((d) => d.DatasetName), ['prefs', 'second']);
  const empty = doc.Datasets[0].Records.find((r) => r.Key === 'empty');
  assert.ok(empty && !('Value' in empty) && empty.SyncCount > 0);
  const oneIO = newIO();
  const one = await finish(oneIO, await runExport({ identityPoolId: pool, identityId: alice, datasetName: 'second', globals: globals() }, oneIO));
  assert.deepEqual(one.json<{ Datasets: Array<{ Records: Rec[] }> }>().Datasets[0].Records.map((r) => [r.Key, r.Value, r.SyncCount]), [['k', 'v', 1]]);
  const noneIO = newIO();
  const none = await finish(noneIO, await runExport({ identityPoolId: pool, identityId: alice, datasetName: 'nope', globals: globals() }, noneIO));
  assert.equal(none.code, 254);
  assert.match(none.err, /dataset 'nope' does not exist/);
});

async function exportTo(file: string, dataset: string): Promise<Record<string, unknown>> {
  const io = newIO();
  const code = await runExport({ identityPoolId: pool, identityId: alice, datasetName: dataset, globals: globals() }, io);
  assert.equal(code, 0, io.err());
  const doc = JSON.parse(io.out()) as Record<string, unknown>;
  writeFileSync(join(dir, file), JSON.stringify(doc));
  return doc;
}

async function importFile(file: string, extra: Partial<ImportRequest> = {}) {
  const io = newIO();
  const code = await runImport({ file: join(dir, file), globals: globals(), ...extra }, io);
  return finish(io, code);
}

function edit(doc: Record<string, unknown>, file: string, change: (records: Rec[]) => Rec[]): void {
  const datasets = doc.Datasets as Array<{ Records: Rec[] }>;
  datasets[0].Records = change(datasets[0].Records);
  writeFileSync(join(dir, file), JSON.stringify(doc));
}

test('import prints the plan and writes nothing without --apply; --apply writes one batch', async () => {
  await set('imp', ['a=1', 'b=2', 'c=3']);
  const doc = await exportTo('imp.json', 'imp');
  edit(doc, 'imp.json', (rs) => [...rs.filter((r) => r.Key !== 'c').map((r) => (r.Key === 'a' ? { ...r, Value: 'one' } : r)), { Key: 'd', Value: '4' } as Rec]);
  const plan = await importFile('imp.json');
  assert.equal(plan.code, 0, plan.err);
  assert.equal(plan.out, 'imp: 2 changes (DatasetSyncCount 1)\n  ~ "a" = "one" (was "1")\n  + "d" = "4"\n');
  assert.match(plan.err, /plan only: nothing was written \(add --apply to write it\)/);
  assert.deepEqual((await records('imp')).a, ['1', 1]);
  const applied = await importFile('imp.json', { apply: true });
  assert.equal(applied.code, 0, applied.err);
  assert.match(applied.err, /imp: 2 records written \(DatasetSyncCount 2\)/);
  assert.deepEqual(await records('imp'), { a: ['one', 2], b: ['2', 1], c: ['3', 1], d: ['4', 2] });
  const pruned = await importFile('imp.json', { apply: true, prune: true, json: true });
  assert.equal(pruned.code, 0, pruned.err);
  assert.deepEqual(pruned.json<{ Datasets: Array<{ Changes: unknown[] }> }>().Datasets[0].Changes, [{ Action: 'remove', Key: 'c', SyncCount: 1 }]);
  assert.equal((await records('imp')).c[0], undefined);
});

test('import: a key changed on the server since the export is a conflict (exit 1) unless --on-conflict', async () => {
  await set('conf', ['x=1', 'y=1']);
  const doc = await exportTo('conf.json', 'conf');
  edit(doc, 'conf.json', (rs) => rs.map((r) => ({ ...r, Value: 'file' })));
  await otherDeviceWrites('conf', 'x', 'server');
  const refused = await importFile('conf.json', { apply: true });
  assert.equal(refused.code, 1);
  assert.match(refused.out, /! "x": the server has "server" at SyncCount 2 by 123456789012; the file has "file", read at SyncCount 1/);
  assert.match(refused.err, /1 conflict: nothing was written/);
  assert.deepEqual(await records('conf'), { x: ['server', 2], y: ['1', 1] });
  const theirs = await importFile('conf.json', { apply: true, onConflict: 'theirs' });
  assert.equal(theirs.code, 0, theirs.err);
  assert.deepEqual(await records('conf'), { x: ['server', 2], y: ['file', 3] });
  const mine = await importFile('conf.json', { apply: true, onConflict: 'mine' });
  assert.equal(mine.code, 0, mine.err);
  assert.deepEqual((await records('conf')).x, ['file', 4]);
});

test('import onto another identity ignores the SyncCounts of the file', async () => {
  const r = await importFile('conf.json', { apply: true, identityId: bob });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(await records('conf', bob), { x: ['file', 1], y: ['file', 1] });
  const missing = await importFile('conf.json', { datasets: ['nope'] });
  assert.equal(missing.code, 252);
  const unreadable = await importFile('no-such.json');
  assert.equal(unreadable.code, 252);
  assert.match(unreadable.err, /cannot read .*no-such\.json: ENOENT/);
});

async function copy(extra: Partial<CopyRequest>) {
  const io = newIO();
  const code = await runCopy({ identityPoolId: pool, sourceIdentityId: alice, datasetName: 'imp', targetIdentityId: bob, globals: globals(), ...extra }, io);
  return finish(io, code);
}

test('copy puts the live records onto another identity; --dry-run and --prune', async () => {
  const dry = await copy({ dryRun: true });
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /^imp: 3 changes \(DatasetSyncCount 0\)\n/);
  assert.deepEqual(await records('imp', bob), {});
  const done = await copy({});
  assert.equal(done.code, 0, done.err);
  assert.deepEqual(await records('imp', bob), { a: ['one', 1], b: ['2', 1], d: ['4', 1] });
  await otherDeviceWrites('imp', 'only-bob', 'x', bob);
  const kept = await copy({ targetDatasetName: 'imp' });
  assert.match(kept.err, /already up to date/);
  assert.equal((await records('imp', bob))['only-bob'][0], 'x');
  const pruned = await copy({ prune: true });
  assert.equal(pruned.code, 0, pruned.err);
  assert.equal((await records('imp', bob))['only-bob'][0], undefined);
  const renamed = await copy({ targetDatasetName: 'imp-copy' });
  assert.equal(renamed.code, 0, renamed.err);
  assert.deepEqual(Object.keys(await records('imp-copy', bob)).sort(), ['a', 'b', 'd']);
});

test('set/rm validate their input before any call', async () => {
  const bad = await set('prefs', ['novalue']);
  assert.equal(bad.code, 252);
  const badName = await set('bad name!', ['a=b']);
  assert.equal(badName.code, 252);
  assert.match(badName.err, /DatasetName|dataset name/i);
  const list = await op(server.url, 'ListDatasets', { IdentityPoolId: pool, IdentityId: alice });
  assert.ok(!list.out.includes('bad name'));
});
