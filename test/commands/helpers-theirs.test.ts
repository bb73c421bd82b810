// --on-conflict theirs drops my change of a key another device wrote meanwhile: set and rm
// say which keys kept the server's value, instead of "the dataset already holds these values".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { runSet } from '../../src/commands/edit/set-rm.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { otherDeviceWrites, racing } from './helpers/race.js';
import { finish, newIO } from './helpers/run.js';

const server = serverBeforeAll({ inMemory: true });
const pool = `us-east-1:${randomUUID()}`;
const alice = `us-east-1:${randomUUID()}`;

const where = (dataset: string) => ({ IdentityPoolId: pool, IdentityId: alice, DatasetName: dataset });

const write = (dataset: string, key: string, value: string) => otherDeviceWrites(server, where(dataset), key, value);
const racingWrite = (dataset: string, key: string, value: string) => racing(() => write(dataset, key, value));

async function set(dataset: string, words: string[], openSession: OpenSession) {
  const io = newIO();
  const code = await runSet({ identityPoolId: pool, identityId: alice, datasetName: dataset, words, onConflict: 'theirs', globals: { endpointUrl: server.url } }, io, { openSession });
  return finish(io, code);
}

test('set --on-conflict theirs where every key changed meanwhile says the server values were kept', async () => {
  await write('t1', 'theme', 'dark');
  const r = await set('t1', ['theme=mine'], racingWrite('t1', 'theme', 'theirs'));
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /already holds these values/);
  assert.match(r.err, /kept the server's value of "theme" \(changed on the server meanwhile; --on-conflict theirs\)/);
  assert.deepEqual(r.json(), { Records: [] });
});

test('set --on-conflict theirs names the kept key when the other keys are written', async () => {
  await write('t2', 'theme', 'dark');
  const r = await set('t2', ['theme=mine', 'other=1'], racingWrite('t2', 'theme', 'theirs'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /kept the server's value of "theme"/);
  assert.deepEqual(r.json<{ Records: Array<{ Key: string }> }>().Records.map((x) => x.Key), ['other']);
});
