// Expired sync session tokens: the server's clock is injected and moved past the token's
// lifetime between the listing and the write. The commit path lists again and sends once
// more (once); the commands say what happened; nothing is half-written. Also the real
// `cogsync serve --token-ttl` flag, and expired credentials from a credential_process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runSet } from '../../src/commands/edit/set-rm.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { runOperation } from '../../src/commands/run-operation.js';
import { openServiceSession } from '../../src/commands/service-session.js';
import { CommitError, openDataset } from '../../src/lib/sync.js';
import { SAFE_ENV, finish, newIO } from '../commands/helpers/run.js';
import { startTestServer, syncClientFor, TEST_CREDENTIALS, type TestServer } from '../helpers/local-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const P = `us-east-1:${randomUUID()}`;
const I = `us-east-1:${randomUUID()}`;
const TTL_SECONDS = 60;
const where = (dataset: string) => ({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset });
const EXPIRED = 'SyncSessionToken has expired';

let clock = Date.now();
let server: TestServer;
const clients: CognitoSyncClient[] = [];

before(async () => {
  server = await startTestServer({ inMemory: true, tokenTtlSeconds: TTL_SECONDS, now: () => clock });
});
after(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** Moves the server's clock past every token minted so far. */
const expireTokens = () => void (clock += (TTL_SECONDS + 1) * 1000);

/** Makes the first `times` UpdateRecords calls of `client` find their token expired; returns how many did. */
function expireTokenBeforeUpdates(client: CognitoSyncClient, times: number): () => number {
  let expired = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'UpdateRecordsCommand' && expired < times) {
        expired++;
        expireTokens();
      }
      return next(args);
    },
    { step: 'initialize', name: 'expireTokenBeforeUpdate' },
  );
  return () => expired;
}

/** A client whose UpdateRecords calls find their token expired (the first `times` of them). */
function clientExpiringTokens(times: number): CognitoSyncClient & { expiredUpdates: () => number } {
  const client = syncClientFor(server.url);
  clients.push(client);
  return Object.assign(client, { expiredUpdates: expireTokenBeforeUpdates(client, times) });
}

async function onServer(dataset: string): Promise<{ records: Record<string, string>; count: number }> {
  const page = await server.sync.send(new ListRecordsCommand(where(dataset)));
  return { records: Object.fromEntries((page.Records ?? []).map((r) => [r.Key!, r.Value!])), count: page.DatasetSyncCount ?? 0 };
}

test('commit: a token that expired before the write is replaced by listing again, once; one write in all', async () => {
  const client = clientExpiringTokens(1);
  const ds = await openDataset({ client, identityPoolId: P, identityId: I, datasetName: 'once' });
  ds.put('a', '1').put('b', '2');
  const outcome = await ds.commit();
  assert.equal(outcome.status, 'committed');
  assert.equal(client.expiredUpdates(), 1, 'the first UpdateRecords did meet an expired token');
  assert.equal(outcome.requests.updates, 2, 'sent again after the token error');
  assert.deepEqual(await onServer('once'), { records: { a: '1', b: '2' }, count: 1 });
});

test('commit: a token that keeps expiring stops after one retry with the server message; staged edits kept, nothing written', async () => {
  const client = clientExpiringTokens(2);
  const ds = await openDataset({ client, identityPoolId: P, identityId: I, datasetName: 'twice' });
  ds.put('a', '1').remove('never-there');
  const staged = ds.staged;
  await assert.rejects(ds.commit(), (e: unknown) => {
    assert.ok(e instanceof CommitError);
    assert.deepEqual([e.code, e.message, e.httpStatus, e.requests.updates], ['InvalidParameterException', EXPIRED, 400, 2]);
    return true;
  });
  assert.deepEqual(ds.staged, staged);
  assert.deepEqual(await onServer('twice'), { records: {}, count: 0 });
  const retried = await ds.commit();
  assert.equal(retried.status, 'committed', 'the next commit lists and writes (the client now leaves tokens alone)');
  assert.deepEqual((await onServer('twice')).records, { a: '1' });
});

/** The commands' session with its SDK client wrapped so the first `times` writes meet an expired token. */
function expiringSession(times: number): OpenSession {
  return async (io, globals) => {
    const session = openServiceSession(io, globals);
    expireTokenBeforeUpdates(session.sync, times);
    return session;
  };
}

test('set: one expired token is recovered; a token that keeps expiring exits 254 with the message, nothing written', async () => {
  const run = async (words: string[], openSession: OpenSession) => {
    const io = newIO();
    const code = await runSet({ identityPoolId: P, identityId: I, datasetName: 'set', words, globals: { endpointUrl: server.url } }, io, { openSession });
    return finish(io, code);
  };
  const ok = await run(['a=1'], expiringSession(1));
  assert.equal(ok.code, 0, ok.err);
  assert.deepEqual(await onServer('set'), { records: { a: '1' }, count: 1 });
  const failed = await run(['a=2', 'b=3'], expiringSession(2));
  assert.equal(failed.code, 254);
  assert.equal(failed.err, `\nAn error occurred (InvalidParameterException) when calling the UpdateRecords operation: ${EXPIRED}\n`);
  assert.deepEqual(await onServer('set'), { records: { a: '1' }, count: 1 });
  const again = await run(['a=2', 'b=3'], expiringSession(0));
  assert.equal(again.code, 0, again.err);
  assert.deepEqual(await onServer('set'), { records: { a: '2', b: '3' }, count: 2 });
});

test('update-records / list-records with an expired --sync-session-token: 254 and the message; without one, a fresh token is fetched', async () => {
  const token = (await server.sync.send(new ListRecordsCommand(where('explicit')))).SyncSessionToken!;
  expireTokens();
  const base = { IdentityPoolId: [P], IdentityId: [I], DatasetName: ['explicit'] };
  const update = async (options: Record<string, string[]>) => {
    const io = newIO();
    const code = await runOperation({ operation: 'UpdateRecords', options: { ...base, RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'], ...options }, globals: { endpointUrl: server.url } }, io);
    return finish(io, code);
  };
  const stale = await update({ SyncSessionToken: [token] });
  assert.equal(stale.code, 254);
  assert.equal(stale.err, `\nAn error occurred (InvalidParameterException) when calling the UpdateRecords operation: ${EXPIRED}\n`);
  assert.deepEqual(await onServer('explicit'), { records: {}, count: 0 });

  const io = newIO();
  const listed = await finish(io, await runOperation({ operation: 'ListRecords', options: { ...base, SyncSessionToken: [token] }, globals: { endpointUrl: server.url } }, io));
  assert.equal(listed.code, 254);
  assert.match(listed.err, /\(InvalidParameterException\) when calling the ListRecords operation: SyncSessionToken has expired/);

  const fresh = await update({});
  assert.equal(fresh.code, 0, fresh.err);
  assert.deepEqual(await onServer('explicit'), { records: { k: 'v' }, count: 1 });
});

test('`cogsync serve --token-ttl 1`: a token stops working after its lifetime (polled, no fixed sleep)', { timeout: 60_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-ttl-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--in-memory', '--token-ttl', '1'], {
    cwd: ROOT,
    env: { ...SAFE_ENV, COGSYNC_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => child.on('close', resolve));
  try {
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/\S+)\n/.test(out)) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const client = syncClientFor(/listening on (http:\/\/\S+)\n/.exec(out)![1]);
    const token = (await client.send(new ListRecordsCommand(where('ttl')))).SyncSessionToken;
    const write = (key: string) =>
      client.send(new UpdateRecordsCommand({ ...where('ttl'), SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: key, Value: 'v', SyncCount: 0 }] }));
    let error: unknown;
    for (let i = 0; error === undefined; i++) {
      assert.ok(Date.now() < deadline, 'the token never expired');
      try {
        await write(`k${i}`);
      } catch (e) {
        error = e;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual([(error as Error).name, (error as Error).message], ['InvalidParameterException', EXPIRED]);
    client.destroy();
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
});

test('expired credentials from a profile\'s credential_process: exit 253, the reason and what to do; nothing sent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-expired-creds-'));
  try {
    const script = join(dir, 'creds.mjs');
    writeFileSync(
      script,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: '${TEST_CREDENTIALS.accessKeyId}', SecretAccessKey: '${TEST_CREDENTIALS.secretAccessKey}', SessionToken: 'session-token-not-real', Expiration: new Date(Date.now() - 60000).toISOString() }));\n`,
    );
    writeFileSync(join(dir, 'config'), `[profile temp]\nregion = us-east-1\ncredential_process = "${process.execPath}" "${script}"\n`);
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...env } = SAFE_ENV;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'set', P, I, 'creds', 'k=v', '--profile', 'temp', '--endpoint-url', server.url],
      { cwd: ROOT, env: { ...env, AWS_CONFIG_FILE: join(dir, 'config') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 253, err);
    assert.match(err, /Profile temp credential_process returned expired credentials\.\nthe credentials have expired: refresh them/);
    assert.doesNotMatch(err, /session-token-not-real|test-secret-not-real/);
    assert.deepEqual(await onServer('creds'), { records: {}, count: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
