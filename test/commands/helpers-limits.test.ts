// cogsync's helpers check Cognito Sync's dataset limits (1,024 live records, 1 MB, key and
// value lengths) on every batch BEFORE anything is sent: a dry run or a plan-only import
// fails as the real run would, and an import whose second dataset breaks a limit writes
// none of them (not the first one, then exit 252 as if nothing had been sent).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ListDatasetsCommand, ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runSet } from '../../src/commands/edit/set-rm.js';
import { runCopy } from '../../src/commands/transfer/copy.js';
import { runImport, type ImportRequest } from '../../src/commands/transfer/import.js';
import { tempDirForFile } from '../helpers/home.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { finish, newIO } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const alice = `us-east-1:${randomUUID()}`;
const bob = `us-east-1:${randomUUID()}`;
const dir = tempDirForFile('cogsync-helper-limits-');

const globals = () => ({ endpointUrl: server.url });

async function set(identity: string, dataset: string, words: string[], dryRun = false) {
  const io = newIO();
  return finish(io, await runSet({ identityPoolId: pool, identityId: identity, datasetName: dataset, words, dryRun, globals: globals() }, io));
}

async function datasetNames(identity: string): Promise<string[]> {
  const out = await server.sync.send(new ListDatasetsCommand({ IdentityPoolId: pool, IdentityId: identity }));
  return (out.Datasets ?? []).map((d) => d.DatasetName!).sort();
}

async function recordCount(identity: string, dataset: string): Promise<number> {
  const out = await server.sync.send(new ListRecordsCommand({ IdentityPoolId: pool, IdentityId: identity, DatasetName: dataset, MaxResults: 1024 }));
  return (out.Records ?? []).filter((r) => r.Value !== undefined).length;
}

async function importDoc(name: string, datasets: unknown[], extra: Partial<ImportRequest> = {}) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ Format: 'cogsync-export/1', IdentityPoolId: pool, IdentityId: alice, Datasets: datasets }));
  const io = newIO();
  return finish(io, await runImport({ file, globals: globals(), ...extra }, io));
}

const records = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));

test('set --dry-run refuses a batch over the 1 MB dataset limit as the real run does (exit 252, nothing sent)', async () => {
  const words = Array.from({ length: 9 }, (_, i) => `big${i}=${'v'.repeat(120_000)}`);
  const dry = await set(alice, 'huge', words, true);
  assert.equal(dry.code, 252, dry.err);
  assert.match(dry.err, /the limit is 1,048,576 bytes/);
  assert.doesNotMatch(dry.err, /dry run: 9 patches planned/);
  const real = await set(alice, 'huge', words);
  assert.equal(real.code, 252, real.err);
  assert.deepEqual(await datasetNames(alice), []);
});

test('import: a dataset over a limit is refused in the plan and with --apply, and no dataset of the file is written', async () => {
  const datasets = [
    { DatasetName: 'first', Records: [{ Key: 'k', Value: 'v' }] },
    { DatasetName: 'second', Records: records(1025) },
  ];
  const plan = await importDoc('too-many.json', datasets);
  assert.equal(plan.code, 252, plan.err);
  assert.match(plan.err, /second: The dataset would hold 1,025 records; the limit is 1,024 live records/);
  assert.doesNotMatch(plan.err, /plan only/);
  const applied = await importDoc('too-many.json', datasets, { apply: true });
  assert.equal(applied.code, 252, applied.err);
  assert.match(applied.err, /second: The dataset would hold 1,025 records/);
  assert.doesNotMatch(applied.err, /written/);
  assert.deepEqual(await datasetNames(alice), []);

  const longKey = [
    { DatasetName: 'first', Records: [{ Key: 'k', Value: 'v' }] },
    { DatasetName: 'third', Records: [{ Key: 'x'.repeat(1025), Value: 'v' }] },
  ];
  const refused = await importDoc('long-key.json', longKey, { apply: true });
  assert.equal(refused.code, 252, refused.err);
  assert.match(refused.err, /third: Key "x+…" is 1,025 characters; the limit is 1,024/);
  assert.deepEqual(await datasetNames(alice), []);
});

test('copy --dry-run refuses a copy that would take the target over 1,024 records, as the real copy does', async () => {
  const source = await importDoc('source.json', [{ DatasetName: 'shared', Records: records(600, 'a') }], { apply: true });
  assert.equal(source.code, 0, source.err);
  const target = await importDoc('target.json', [{ DatasetName: 'shared', Records: records(600, 'b') }], { apply: true, identityId: bob });
  assert.equal(target.code, 0, target.err);
  const copy = async (dryRun: boolean) => {
    const io = newIO();
    return finish(io, await runCopy({ identityPoolId: pool, sourceIdentityId: alice, datasetName: 'shared', targetIdentityId: bob, dryRun, globals: globals() }, io));
  };
  const dry = await copy(true);
  assert.equal(dry.code, 252, dry.err);
  assert.match(dry.err, /shared: The dataset would hold 1,200 records/);
  const real = await copy(false);
  assert.equal(real.code, 252, real.err);
  assert.equal(await recordCount(bob, 'shared'), 600);
});
