// Access to the local server: it binds loopback unless told otherwise, and with
// `--auth sigv4` every request (but GetId and the health probe) must be signed with the
// configured key. The real server, the real SDK, the real commands and the real CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { toCogsyncError } from '../../src/aws/errors.js';
import { runSet } from '../../src/commands/edit/set-rm.js';
import { openDataset } from '../../src/lib/sync.js';
import { SAFE_ENV, finish, newIO, op } from '../commands/helpers/run.js';
import { startTestServer, syncClientFor, TEST_CREDENTIALS, type TestServer } from '../helpers/local-server.js';
import { assertRawError, datasetPath, raw } from '../helpers/raw-http.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY = { accessKeyId: SAFE_ENV.AWS_ACCESS_KEY_ID!, secretAccessKey: SAFE_ENV.AWS_SECRET_ACCESS_KEY! };
assert.deepEqual(KEY, TEST_CREDENTIALS, 'the commands sign with the same test keys as the SDK helpers');
const WRONG = { accessKeyId: KEY.accessKeyId, secretAccessKey: 'not-the-secret' };
const P = `us-east-1:${randomUUID()}`;
const I = `us-east-1:${randomUUID()}`;
const where = (dataset: string) => ({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset });

let server: TestServer;
const clients: Array<{ destroy(): void }> = [];
const sync = (credentials = KEY, extra: Record<string, unknown> = {}) => {
  const c = new CognitoSyncClient({ endpoint: server.url, region: 'eu-central-1', credentials, maxAttempts: 1, ...extra });
  clients.push(c);
  return c;
};
const identity = (credentials = KEY) => {
  const c = new CognitoIdentityClient({ endpoint: server.url, region: 'ap-south-1', credentials, maxAttempts: 1 });
  clients.push(c);
  return c;
};

before(async () => {
  server = await startTestServer({ inMemory: true, auth: KEY });
});
after(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function refusal(call: () => Promise<unknown>): Promise<{ name: string; status?: number; message: string; hint?: string }> {
  try {
    await call();
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message, hint: toCogsyncError(error).hint };
  }
  return assert.fail('the call was accepted');
}

/** What the server holds for `dataset`, read with the right key. */
async function stored(dataset: string): Promise<Record<string, string | undefined>> {
  const page = await sync().send(new ListRecordsCommand(where(dataset)));
  return Object.fromEntries((page.Records ?? []).map((r) => [r.Key!, r.Value]));
}

const REJECTED_HINT = 'the credentials were rejected: check the access key, the profile and the clock';

test('signed with the key: the library commits, Identity calls work in any region, GetId needs no signature', async () => {
  const ds = await openDataset({ client: sync(), ...{ identityPoolId: P, identityId: I, datasetName: 'signed' } });
  ds.put('a', '1').put('b', '2');
  const outcome = await ds.commit();
  assert.equal(outcome.status, 'committed');
  assert.deepEqual(await stored('signed'), { a: '1', b: '2' });

  const pool = await identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: 'signed pool', AllowUnauthenticatedIdentities: true }));
  const listed = await identity().send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
  assert.ok(listed.IdentityPools?.some((p) => p.IdentityPoolId === pool.IdentityPoolId));
  // GetId is unsigned in every SDK: even a client with a wrong key gets an identity.
  const id = await identity(WRONG).send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
  assert.match(id.IdentityId ?? '', /^ap-south-1:/);
});

test('refused: wrong secret (Sync 403, Identity 400), wrong key id, unsigned, tampered body; nothing is written', async () => {
  const wrongSecret = await refusal(() => sync(WRONG).send(new ListRecordsCommand(where('signed'))));
  assert.deepEqual(wrongSecret, {
    name: 'NotAuthorizedException',
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    hint: REJECTED_HINT,
  });
  const identityRefused = await refusal(() => identity(WRONG).send(new ListIdentityPoolsCommand({ MaxResults: 10 })));
  assert.deepEqual([identityRefused.name, identityRefused.status], ['NotAuthorizedException', 400]);
  const wrongKeyId = await refusal(() => sync({ accessKeyId: 'AKIDSOMEONEELSE', secretAccessKey: KEY.secretAccessKey }).send(new ListRecordsCommand(where('x'))));
  assert.deepEqual([wrongKeyId.name, wrongKeyId.message, wrongKeyId.hint], ['NotAuthorizedException', 'The security token included in the request is invalid.', REJECTED_HINT]);

  const unsigned = await raw(server.url, { method: 'GET', path: `${datasetPath(P, I, 'signed')}/records` });
  assertRawError(unsigned, 403, 'NotAuthorizedException', 'Request is missing Authentication Token');
  const unsignedIdentity = await raw(server.url, {
    method: 'POST',
    path: '/',
    headers: { 'X-Amz-Target': 'AWSCognitoIdentityService.ListIdentityPools', 'Content-Type': 'application/x-amz-json-1.1' },
    body: { MaxResults: 5 },
  });
  assertRawError(unsignedIdentity, 400, 'NotAuthorizedException', 'Request is missing Authentication Token', 'application/x-amz-json-1.1');
  // The health probe stays open (it tells nothing about the data); the admin routes do not.
  assert.equal((await raw(server.url, { method: 'GET', path: '/_cogsync/health' })).status, 200);
  const merge = await raw(server.url, { method: 'POST', path: '/_cogsync/merge-identities', body: {} });
  assertRawError(merge, 403, 'NotAuthorizedException');

  // A body changed after signing (a middleware after the signer, as a man in the middle would).
  const tampering = sync();
  tampering.middlewareStack.add(
    (next) => async (args) => {
      const request = (args as { request: { body: string } }).request;
      request.body = request.body.replace('"mine"', '"evil"');
      return next(args);
    },
    { step: 'deserialize', name: 'tamperAfterSigning' },
  );
  const token = (await sync().send(new ListRecordsCommand(where('tampered')))).SyncSessionToken;
  const tampered = await refusal(() =>
    tampering.send(new UpdateRecordsCommand({ ...where('tampered'), SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'mine', SyncCount: 0 }] })),
  );
  assert.equal(tampered.name, 'NotAuthorizedException');
  assert.deepEqual(await stored('tampered'), {}, 'nothing written by refused requests');
});

test('a client clock 20 minutes off is refused with the times named; the SDK then corrects its offset from the Date header', async () => {
  const late = sync(KEY, { systemClockOffset: -20 * 60_000 });
  const refused = await refusal(() => late.send(new ListRecordsCommand(where('clock'))));
  assert.equal(refused.name, 'NotAuthorizedException');
  assert.match(refused.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  assert.equal(refused.hint, REJECTED_HINT);
  const again = await late.send(new ListRecordsCommand(where('clock')));
  assert.equal(again.DatasetExists, false, 'the next call is signed with the corrected clock');
  const early = sync(KEY, { systemClockOffset: 20 * 60_000 });
  assert.match((await refusal(() => early.send(new ListRecordsCommand(where('clock'))))).message, /^Signature not yet current: /);
});

test('the commands sign with the environment keys; a server with another key refuses them (exit 254)', async () => {
  const put = await finish(
    ...(await (async () => {
      const io = newIO();
      const code = await runSet({ identityPoolId: P, identityId: I, datasetName: 'cmd', words: ['k=v'], globals: { endpointUrl: server.url } }, io);
      return [io, code] as const;
    })()),
  );
  assert.equal(put.code, 0, put.err);
  const read = await op(server.url, 'ListRecords', { IdentityPoolId: P, IdentityId: I, DatasetName: 'cmd' });
  assert.equal(read.code, 0, read.err);
  assert.equal(read.json<{ Records: Array<{ Value: string }> }>().Records[0].Value, 'v');

  const other = await startTestServer({ inMemory: true, auth: { accessKeyId: KEY.accessKeyId, secretAccessKey: 'a-different-secret' } });
  try {
    const refused = await op(other.url, 'ListRecords', { IdentityPoolId: P, IdentityId: I, DatasetName: 'cmd' });
    assert.equal(refused.code, 254);
    assert.match(refused.err, /An error occurred \(NotAuthorizedException\) when calling the ListRecords operation: The request signature we calculated does not match/);
    assert.doesNotMatch(refused.err + refused.out, /a-different-secret|test-secret-not-real/, 'no secret in the output');
    const io = newIO();
    const code = await runSet({ identityPoolId: P, identityId: I, datasetName: 'cmd', words: ['k=w'], globals: { endpointUrl: other.url } }, io);
    assert.equal(code, 254);
    assert.match(io.err(), /NotAuthorizedException/);
  } finally {
    await other.close();
  }
  assert.deepEqual(await stored('cmd'), { k: 'v' });
});

/** Runs src/cli.ts (not bin/, which may run a stale build) as a child process. */
function cli(args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: () => { out: string; err: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return Object.assign(child, { output: () => ({ out, err }), exited });
}

async function waitForLine(child: ReturnType<typeof cli>, pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(child.output().out);
    if (match) return match;
    if (Date.now() > deadline || child.exitCode !== null) assert.fail(`no ${pattern} in time: ${JSON.stringify(child.output())}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A local address other machines could use, when this machine has one. */
function externalIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

function tryConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** Linux: the local address of the socket listening on `port` (from /proc/net/tcp), e.g. 0100007F = 127.0.0.1. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length > 3 && f[3] === '0A' && f[1].endsWith(`:${hexPort}`))
    .map((f) => f[1].split(':')[0]);
}

test('`cogsync serve` binds 127.0.0.1 by default: not reachable from another interface', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-access-'));
  const child = cli(['serve', '--port', '0', '--in-memory'], { ...SAFE_ENV, COGSYNC_HOME: home });
  try {
    const [, url, port] = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))\n/);
    assert.equal((await raw(url, { method: 'GET', path: '/_cogsync/health' })).status, 200);
    if (process.platform === 'linux') assert.deepEqual(listeningAddresses(Number(port)), ['0100007F'], 'listening on 127.0.0.1 only');
    const external = externalIPv4();
    if (external) assert.equal(await tryConnect(external, Number(port)), 'ECONNREFUSED', `not reachable on ${external}`);
    assert.doesNotMatch(child.output().out, /auth:/);
  } finally {
    child.kill('SIGTERM');
    await child.exited;
    rmSync(home, { recursive: true, force: true });
  }
});

test('`cogsync serve --host 0.0.0.0 --auth sigv4` (secret from the environment): reachable, signed requests only, secret never printed', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-access-'));
  const secret = 'serve-secret-from-env-not-real';
  const child = cli(['serve', '--host', '0.0.0.0', '--port', '0', '--in-memory', '--auth', 'sigv4', '--access-key-id', 'AKIDSERVE'], {
    ...SAFE_ENV,
    COGSYNC_HOME: home,
    COGSYNC_SERVE_SECRET_ACCESS_KEY: secret,
  });
  try {
    const [, port] = await waitForLine(child, /listening on http:\/\/0\.0\.0\.0:(\d+)\n/);
    await waitForLine(child, /auth: sigv4, access key id AKIDSERVE\n/);
    if (process.platform === 'linux') assert.deepEqual(listeningAddresses(Number(port)), ['00000000'], 'listening on every interface');
    const host = externalIPv4() ?? '127.0.0.1';
    const url = `http://${host}:${port}`;
    const client = syncClientFor(url);
    const refused = await refusal(() => client.send(new ListRecordsCommand(where('d'))));
    assert.equal(refused.name, 'NotAuthorizedException', 'the test keys are not the server key');
    client.destroy();
    const signed = new CognitoSyncClient({ endpoint: url, region: 'us-west-2', credentials: { accessKeyId: 'AKIDSERVE', secretAccessKey: secret }, maxAttempts: 1 });
    assert.equal((await signed.send(new ListRecordsCommand(where('d')))).DatasetExists, false);
    signed.destroy();
    const unsigned = await raw(url, { method: 'GET', path: '/identitypools' });
    assertRawError(unsigned, 403, 'NotAuthorizedException');
  } finally {
    child.kill('SIGTERM');
    await child.exited;
    rmSync(home, { recursive: true, force: true });
  }
  const { out, err } = child.output();
  assert.match(err, /requests are signed but not encrypted/);
  assert.doesNotMatch(err, /no authentication/);
  assert.ok(!out.includes(secret) && !err.includes(secret), 'the secret is never printed');
});

test('keys exported as COGSYNC_SERVE_* do not stop a serve without --auth (they are for sigv4); typed ones are refused', async () => {
  const env = { ...SAFE_ENV, COGSYNC_SERVE_ACCESS_KEY_ID: 'AKIDEXPORTED', COGSYNC_SERVE_SECRET_ACCESS_KEY: 'exported-secret' };
  const child = cli(['serve', '--port', '0', '--in-memory'], env);
  try {
    await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    child.kill('SIGTERM');
    await child.exited;
  }
  const typed = cli(['serve', '--port', '0', '--in-memory', '--access-key-id', 'AKIDTYPED'], { ...SAFE_ENV });
  assert.equal(await typed.exited, 252);
  assert.match(typed.output().err, /only used with --auth sigv4/);
});

test('serve refuses half-given keys (exit 252 as any bad command line, nothing listens)', async () => {
  const child = cli(['serve', '--port', '0', '--in-memory', '--auth', 'sigv4', '--access-key-id', 'AKID'], { ...SAFE_ENV });
  assert.equal(await child.exited, 252);
  assert.equal(child.output().err, 'cogsync serve: --auth sigv4 needs both --access-key-id and --secret-access-key\n');
  assert.equal(child.output().out, '');
});

test('a named profile from the shared files signs the commands (child process, no key in the environment)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-profile-'));
  try {
    writeFileSync(join(dir, 'config'), '[profile signer]\nregion = eu-west-1\n');
    writeFileSync(join(dir, 'credentials'), `[signer]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n`);
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, AWS_REGION: _r, ...env } = SAFE_ENV;
    const child = cli(
      ['list-records', '--identity-pool-id', P, '--identity-id', I, '--dataset-name', 'cmd', '--profile', 'signer', '--endpoint-url', server.url],
      { ...env, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    );
    assert.equal(await child.exited, 0, child.output().err);
    assert.equal(JSON.parse(child.output().out).Records[0].Value, 'v');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('merge-identities signs its admin request: accepted with the key, refused with another (nothing merged)', async () => {
  const { runMergeIdentities } = await import('../../src/commands/merge-identities.js');
  const source = `us-east-1:${randomUUID()}`;
  const destination = `us-east-1:${randomUUID()}`;
  const place = { IdentityPoolId: P, IdentityId: source, DatasetName: 'to-merge' };
  for (const IdentityId of [source, destination]) {
    const token = (await sync().send(new ListRecordsCommand({ ...place, IdentityId }))).SyncSessionToken;
    await sync().send(new UpdateRecordsCommand({ ...place, IdentityId, SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }));
  }
  // The SDK's credential chain reads the process environment, as it does for every command.
  const merge = async (secret: string) => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = secret;
    try {
      const io = newIO();
      const code = await runMergeIdentities({ identityPoolId: P, sourceIdentityId: source, destinationIdentityId: destination, globals: { endpointUrl: server.url } }, io);
      return await finish(io, code);
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
  };

  const refused = await merge(WRONG.secretAccessKey);
  assert.equal(refused.code, 254, refused.err);
  assert.match(refused.err, /An error occurred \(NotAuthorizedException\) when calling the MergeIdentities operation/);
  const still = await sync().send(new ListRecordsCommand(place));
  assert.deepEqual(still.Records?.map((r) => r.Key), ['k'], 'the source still has its dataset');

  const accepted = await merge(KEY.secretAccessKey);
  assert.equal(accepted.code, 0, accepted.err);
  assert.deepEqual(JSON.parse(accepted.out).MergedDatasetNames, [`to-merge.${source}`]);
});
