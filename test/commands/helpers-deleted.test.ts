// set / rm --on-conflict mine when another device deletes the dataset between our listing
// and our commit: "mine" means the keys named on the command line win, not that the whole
// deleted dataset comes back. rm has nothing left to remove; set writes only its keys.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { DeleteDatasetCommand, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runRemove, runSet, type EditRequest } from '../../src/commands/edit/set-rm.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { racing } from './helpers/race.js';
import { finish, newIO } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const alice = `us-east-1:${randomUUID()}`;

const where = (dataset: string) => ({ IdentityPoolId: pool, IdentityId: alice, DatasetName: dataset });

async function seed(dataset: string, values: Record<string, string>): Promise<void> {
  const listed = await server.sync.send(new ListRecordsCommand(where(dataset)));
  const RecordPatches = Object.entries(values).map(([Key, Value]) => ({ Op: 'replace' as const, Key, Value, SyncCount: 0 }));
  await server.sync.send(new UpdateRecordsCommand({ ...where(dataset), SyncSessionToken: listed.SyncSessionToken, RecordPatches }));
}

async function live(dataset: string): Promise<Record<string, string>> {
  const out = await server.sync.send(new ListRecordsCommand(where(dataset)));
  return Object.fromEntries((out.Records ?? []).filter((r) => r.Value !== undefined).map((r) => [r.Key!, r.Value!]));
}

/** Another device deletes the dataset right after our first ListRecords. */
const deletedAfterListing = (dataset: string): OpenSession => racing(() => server.newSyncClient().send(new DeleteDatasetCommand(where(dataset))));

async function run(kind: 'set' | 'rm', dataset: string, words: string[], extra: Partial<EditRequest> = {}) {
  const io = newIO();
  const request = { identityPoolId: pool, identityId: alice, datasetName: dataset, words, globals: { endpointUrl: server.url }, ...extra };
  const code = await (kind === 'set' ? runSet : runRemove)(request, io, { openSession: deletedAfterListing(dataset) });
  return finish(io, code);
}

test('rm --on-conflict mine on a dataset deleted meanwhile does not bring the deleted dataset back', async () => {
  await seed('gone-rm', { a: '1', b: '2', c: '3' });
  const r = await run('rm', 'gone-rm', ['a'], { onConflict: 'mine' });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(await live('gone-rm'), {});
});

test('set --on-conflict mine on a dataset deleted meanwhile writes the keys given, not the deleted ones', async () => {
  await seed('gone-set', { a: '1', b: '2', c: '3' });
  const r = await run('set', 'gone-set', ['a=mine', 'd=new'], { onConflict: 'mine' });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(await live('gone-set'), { a: 'mine', d: 'new' });
});

test('without mine, a dataset deleted meanwhile is reported (exit 1) and stays deleted', async () => {
  await seed('gone-fail', { a: '1' });
  const r = await run('set', 'gone-fail', ['a=2']);
  assert.equal(r.code, 1);
  assert.match(r.err, /was deleted on the server meanwhile; nothing was written/);
  assert.deepEqual(await live('gone-fail'), {});
});
