// `cogsync import` as a user types it: `--dataset NAME` before or after FILE, repeated or as a comma list, a
// bad name refused before anything is read from the server; and text no request can carry (a lone UTF-16
// surrogate, which JSON can spell as "\ud800") refused as update-records refuses it, with nothing written.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ListDatasetsCommand } from '@aws-sdk/client-cognito-sync';
import { runRemove, runSet } from '../../src/commands/edit/set-rm.js';
import { runCopy } from '../../src/commands/transfer/copy.js';
import { runExport } from '../../src/commands/transfer/export.js';
import { runImport, type ImportRequest } from '../../src/commands/transfer/import.js';
import { runCli } from '../helpers/cli-process.js';
import { tempDirForFile } from '../helpers/home.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { finish, newIO, op, SAFE_ENV } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const alice = `us-east-1:${randomUUID()}`;
const bob = `us-east-1:${randomUUID()}`;
const dir = tempDirForFile('cogsync-import-options-');

type Rec = { Key: string; Value?: string; SyncCount?: number };
const globals = () => ({ endpointUrl: server.url });
const cogsync = (args: string[]) => runCli([...args, '--endpoint-url', server.url], { env: SAFE_ENV });

function writeDoc(file: string, identityId: string, datasets: Array<{ DatasetName: string; Records: Rec[] }>): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify({ Format: 'cogsync-export/1', IdentityPoolId: pool, IdentityId: identityId, Datasets: datasets }));
  return path;
}

async function importFile(file: string, extra: Partial<ImportRequest> = {}) {
  const io = newIO();
  return finish(io, await runImport({ file, globals: globals(), ...extra }, io));
}

async function datasetsOf(identityId: string): Promise<string[]> {
  const r = await server.newSyncClient().send(new ListDatasetsCommand({ IdentityPoolId: pool, IdentityId: identityId }));
  return (r.Datasets ?? []).map((d) => d.DatasetName!).sort();
}

async function exported(identityId: string): Promise<{ Datasets: Array<{ DatasetName: string; Records: Rec[] }> }> {
  const io = newIO();
  const code = await runExport({ identityPoolId: pool, identityId, globals: globals() }, io);
  assert.equal(code, 0, io.err());
  return JSON.parse(io.out()) as { Datasets: Array<{ DatasetName: string; Records: Rec[] }> };
}

test('import --dataset NAME FILE: the option may come before the file, be repeated, or hold a comma list', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const file = writeDoc('three.json', identity, ['a', 'b', 'c'].map((n) => ({ DatasetName: n, Records: [{ Key: 'k', Value: n }] })));
  const plan = (names: string[]) => names.map((n) => `${n}: 1 change (DatasetSyncCount 0)\n  + "k" = "${n}"\n`).join('');

  const before = await cogsync(['import', '--dataset', 'b', file]);
  assert.equal(before.code, 0, before.err);
  assert.equal(before.out, plan(['b']));
  const repeated = await cogsync(['import', '--dataset', 'c', file, '--dataset', 'a']);
  assert.equal(repeated.code, 0, repeated.err);
  assert.equal(repeated.out, plan(['a', 'c']), 'in the order of the file');
  const listed = await cogsync(['import', file, '--dataset', 'a,c', '--apply']);
  assert.equal(listed.code, 0, listed.err);
  assert.equal(listed.out, plan(['a', 'c']));
  assert.deepEqual(await datasetsOf(identity), ['a', 'c']);
});

test('import: a second word after --dataset is refused with the way to name several datasets, before anything is read', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const file = writeDoc('two.json', identity, ['a', 'b'].map((n) => ({ DatasetName: n, Records: [{ Key: 'k', Value: n }] })));
  const r = await cogsync(['import', file, '--dataset', 'a', 'b', '--apply']);
  assert.equal(r.code, 252);
  assert.equal(r.out, '');
  assert.match(r.err, /^\ncogsync: error: import takes one FILE, and 'b' is one more: to import several datasets, give --dataset a --dataset b or --dataset a,b\n$/);
  assert.deepEqual(await datasetsOf(identity), []);
});

test('import --dataset followed by any option word (global or its own, or any dash word) is refused as a missing name; --dataset=-x names -x', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const file = writeDoc('dashes.json', identity, ['-x', 'eu-west-1', 'json', '-1'].map((n) => ({ DatasetName: n, Records: [{ Key: 'k', Value: n }] })));
  for (const [words, shown] of [
    [['--dataset', '--region', 'eu-west-1', file, '--apply'], 'the option --region'],
    [['--apply', '--dataset', '--output', 'json', file], 'the option --output'],
    [['--dataset', '--query', 'json', file, '--apply'], 'the option --query'],
    [['--dataset', '--debug', file, '--apply'], 'the option --debug'],
    [['--dataset', '-x', file, '--apply'], "'-x', which reads as an option: give a name that starts with - as --dataset=-x"],
    [['--dataset', '-\u001b[2J', file, '--apply'], "'-\\e[2J', which reads as an option: give a name that starts with - as --dataset=-\\e[2J"],
  ] as const) {
    const r = await cogsync(['import', ...words]);
    assert.equal(r.code, 252, words.join(' '));
    assert.equal(r.out, '');
    assert.equal(r.err, `error: --dataset needs a dataset name, not ${shown}\n`, words.join(' '));
  }
  assert.deepEqual(await datasetsOf(identity), [], 'nothing written');
  // A name may start with a dash (the model's pattern allows it): written with =, as argparse takes it; -1 is a value.
  const dashed = await cogsync(['import', '--dataset=-x', '--dataset', '-1', file, '--apply']);
  assert.equal(dashed.code, 0, dashed.err);
  assert.equal(dashed.out, '-x: 1 change (DatasetSyncCount 0)\n  + "k" = "-x"\n-1: 1 change (DatasetSyncCount 0)\n  + "k" = "-1"\n');
  assert.deepEqual(await datasetsOf(identity), ['-1', '-x']);
});

test('import --dataset refuses a name that is no dataset name, shown with its control characters visible', async () => {
  const file = writeDoc('names.json', bob, [{ DatasetName: 'a', Records: [{ Key: 'k', Value: 'v' }] }]);
  const spaced = await cogsync(['import', '--dataset', 'my settings', file]);
  assert.equal(spaced.code, 252);
  assert.equal(spaced.out, '');
  assert.equal(spaced.err, "\ncogsync: error: --dataset 'my settings' is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -\n");
  // Commander would take the next word whatever it is: an option of import is not read as a dataset name.
  const flag = await cogsync(['import', '--dataset', '--apply', file]);
  assert.equal(flag.code, 252);
  assert.equal(flag.out, '');
  assert.equal(flag.err, 'error: --dataset needs a dataset name, not the option --apply\n');
  const hostile = await importFile(file, { datasets: ['a', 'x\u001b[2Jy', ''] });
  assert.equal(hostile.code, 252);
  assert.equal(
    hostile.err,
    "\ncogsync: error: --dataset 'x\\e[2Jy' is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -\n" +
      "cogsync: error: --dataset '' is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -\n",
  );
  const long = await importFile(file, { datasets: ['d'.repeat(129)] });
  assert.equal(long.code, 252);
  assert.match(long.err, /--dataset 'd{129}' is not a dataset name/);
  const missing = await importFile(file, { datasets: ['nope'] });
  assert.equal(missing.code, 252);
  assert.match(missing.err, /the file has no dataset 'nope'/);
  assert.deepEqual(await datasetsOf(bob), []);
});

test('import refuses a lone UTF-16 surrogate in a key or value as update-records does, naming file, dataset and key; writes nothing', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  // JSON.stringify keeps lone surrogates as "\udXXX" escapes: the file is valid JSON, as a user's tool may write it.
  const file = writeDoc('lone.json', identity, [
    { DatasetName: 'fine', Records: [{ Key: 'k', Value: 'ok 😀' }] },
    {
      DatasetName: 'broken',
      Records: [
        { Key: 'ok', Value: 'pair 😀 kept' },
        { Key: 'high', Value: 'a\ud800' },
        { Key: 'low\udc00', Value: 'v' },
        { Key: 'gone' },
        { Key: 'swapped', Value: '\ude00\ud83d' },
      ],
    },
    { DatasetName: 'my\ud800set', Records: [{ Key: 'k', Value: 'v' }] },
  ]);
  const why = 'it holds a lone UTF-16 surrogate, which is not text that can be sent';
  const expected =
    `\ncogsync: error: ${file}: Datasets[1].Records[1].Value (dataset broken, key "high"): ${why}\n` +
    `cogsync: error: ${file}: Datasets[1].Records[2].Key (dataset broken, key "low\\udc00"): ${why}\n` +
    `cogsync: error: ${file}: Datasets[1].Records[4].Value (dataset broken, key "swapped"): ${why}\n` +
    `cogsync: error: ${file}: Datasets[2].DatasetName: 'my\\ud800set' is not a dataset name: use 1–128 characters from a-z, A-Z, 0-9, _ . : -\n` +
    'cogsync: nothing was written\n';
  const applied = await importFile(file, { apply: true });
  assert.equal(applied.code, 252);
  assert.equal(applied.out, '');
  assert.equal(applied.err, expected);
  const planOnly = await cogsync(['import', file]);
  assert.equal(planOnly.code, 252);
  assert.equal(planOnly.err, expected);
  assert.deepEqual(await datasetsOf(identity), [], 'not even the valid dataset before it');
  // The same text through update-records: the wording import borrows.
  const direct = await op(server.url, 'UpdateRecords', {
    IdentityPoolId: pool,
    IdentityId: identity,
    DatasetName: 'broken',
    RecordPatches: [JSON.stringify([{ Op: 'replace', Key: 'high', Value: 'a\ud800', SyncCount: 0 }])],
  });
  assert.equal(direct.code, 252);
  assert.match(direct.err, new RegExp(`RecordPatches\\[0\\]\\.Value: ${why}`));
  // Only the datasets imported are checked: the valid one alone goes through.
  const fine = await importFile(file, { apply: true, datasets: ['fine'] });
  assert.equal(fine.code, 0, fine.err);
  assert.deepEqual(await datasetsOf(identity), ['fine']);
});

test('export then import round-trips every valid text: emoji, astral characters, empty values, controls, U+FFFF', async () => {
  const values: Record<string, string> = {
    emoji: '😀👩‍👩‍👧 ok',
    astral: '𝄞\u{10ffff}\u{1f600}',
    empty: '',
    edges: '\uffff\ue000\ud7ff',
    controls: 'line\nbreak\ttab\u0000nul\u001b[2J',
    json: '{"a":"\\ud800 is text here"}',
    '𝄞 key 😀': 'astral key',
  };
  const io = newIO();
  const code = await runSet(
    { identityPoolId: pool, identityId: alice, datasetName: 'text', words: Object.entries(values).map(([k, v]) => `${k}=${v}`), globals: globals() },
    io,
  );
  assert.equal(code, 0, io.err());
  const doc = await exported(alice);
  const path = join(dir, 'roundtrip.json');
  writeFileSync(path, JSON.stringify(doc, null, 2));

  const same = await cogsync(['import', path, '--apply']);
  assert.equal(same.code, 0, same.err);
  assert.match(same.err, /text: already up to date/);
  const onto = await cogsync(['import', '--identity-id', bob, '--dataset', 'text', path, '--apply']);
  assert.equal(onto.code, 0, onto.err);
  assert.match(onto.err, /text: 7 records written/);
  const copied = await exported(bob);
  const pairs = (d: typeof doc) => Object.fromEntries(d.Datasets.find((s) => s.DatasetName === 'text')!.Records.map((r) => [r.Key, r.Value]));
  assert.deepEqual(pairs(copied), values);
});

test('copy refuses a source dataset holding a lone UTF-16 surrogate (as an older import wrote it), naming source dataset and key; writes nothing', async () => {
  const from = `us-east-1:${randomUUID()}`;
  const onto = `us-east-1:${randomUUID()}`;
  // The local server holds such text: the SDK sends it as a "\ud800" escape, as import did before it refused it.
  const { ListRecordsCommand, UpdateRecordsCommand } = await import('@aws-sdk/client-cognito-sync');
  const where = { IdentityPoolId: pool, IdentityId: from, DatasetName: 'old' };
  const listed = await server.sync.send(new ListRecordsCommand(where));
  await server.sync.send(
    new UpdateRecordsCommand({
      ...where,
      SyncSessionToken: listed.SyncSessionToken,
      RecordPatches: [
        { Op: 'replace', Key: 'a ok', Value: 'pair 😀 kept', SyncCount: 0 },
        { Op: 'replace', Key: 'high', Value: 'a\ud800', SyncCount: 0 },
        { Op: 'replace', Key: 'low\udc00', Value: 'v', SyncCount: 0 },
      ],
    }),
  );
  const why = 'it holds a lone UTF-16 surrogate, which is not text that can be sent';
  const expected =
    `\ncogsync: error: source identity ${from}: Records[1].Value (dataset old, key "high"): ${why}\n` +
    `cogsync: error: source identity ${from}: Records[2].Key (dataset old, key "low\\udc00"): ${why}\n` +
    'cogsync: nothing was written\n';
  for (const dryRun of [false, true]) {
    const io = newIO();
    const code = await runCopy({ identityPoolId: pool, sourceIdentityId: from, datasetName: 'old', targetIdentityId: onto, dryRun, globals: globals() }, io);
    assert.equal(code, 252, io.err());
    assert.equal(io.out(), '');
    assert.equal(io.err(), expected);
  }
  const viaCli = await cogsync(['copy', pool, from, 'old', onto]);
  assert.equal(viaCli.code, 252);
  assert.equal(viaCli.err, expected);
  assert.deepEqual(await datasetsOf(onto), [], 'nothing written, not even the valid key');
});

test('set and rm refuse a lone UTF-16 surrogate in a key or value (reachable from a program, not from argv) before any call', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const why = 'it holds a lone UTF-16 surrogate, which is not text that can be sent';
  const io = newIO();
  const code = await runSet({ identityPoolId: pool, identityId: identity, datasetName: 'prefs', words: ['ok=1', 'high=a\ud800', 'low\udc00=v'], globals: globals() }, io);
  assert.equal(code, 252, io.err());
  assert.equal(
    io.err(),
    `\ncogsync: error: argument 2: Value (dataset prefs, key "high"): ${why}\n` +
      `cogsync: error: argument 3: Key (dataset prefs, key "low\\udc00"): ${why}\n` +
      'cogsync: nothing was written\n',
  );
  const rmIO = newIO();
  const rmCode = await runRemove({ identityPoolId: pool, identityId: identity, datasetName: 'prefs', words: ['x\ud800'], globals: globals() }, rmIO);
  assert.equal(rmCode, 252, rmIO.err());
  assert.equal(rmIO.err(), `\ncogsync: error: argument 1: Key (dataset prefs, key "x\\ud800"): ${why}\ncogsync: nothing was written\n`);
  assert.deepEqual(await datasetsOf(identity), []);
});
