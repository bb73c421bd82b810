// The SigV4 verifier (src/local/sigv4.ts) against AWS's documented example and against
// requests signed by the real AWS SDK: a capture server records each request exactly as
// it arrived, so the tests can verify it, then replay it tampered with.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  CognitoSyncClient,
  DescribeDatasetCommand,
  ListDatasetsCommand,
  ListRecordsCommand,
  SubscribeToDatasetCommand,
  UpdateRecordsCommand,
} from '@aws-sdk/client-cognito-sync';
import { CognitoIdentityClient, GetIdCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { canonicalPath, canonicalQuery, parseAmzDate, signingKey, verifySigV4, type SignedRequest, type VerifyOptions } from '../../src/local/sigv4.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const KEY = { accessKeyId: 'AKIDHARDENING', secretAccessKey: 'hardening/secret+key=not-real' };
const P = 'eu-west-3:00000000-0000-4000-8000-0000000000a1';
const I = 'eu-west-3:00000000-0000-4000-8000-0000000000b1';

interface Captured extends SignedRequest {
  headers: IncomingHttpHeaders;
}

let server: Server;
let url: string;
const captured: Captured[] = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      captured.push({
        method: req.method ?? 'GET',
        rawPath: q === -1 ? target : target.slice(0, q),
        rawQuery: q === -1 ? '' : target.slice(q + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': '00000000-0000-4000-8000-000000000000' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const syncClient = (region = 'eu-west-3', credentials = KEY) => new CognitoSyncClient({ endpoint: url, region, credentials, maxAttempts: 1 });
const identityClient = (region = 'eu-west-3', credentials = KEY) => new CognitoIdentityClient({ endpoint: url, region, credentials, maxAttempts: 1 });

/** Sends one command and returns the request the server saw. */
async function capture(send: () => Promise<unknown>): Promise<Captured> {
  const before = captured.length;
  await send();
  assert.equal(captured.length, before + 1, 'one request per call (retries off)');
  return captured[captured.length - 1];
}

function signedAt(req: SignedRequest): number {
  return parseAmzDate(String(req.headers['x-amz-date']))!;
}

function verify(req: SignedRequest, options: Partial<VerifyOptions> = {}) {
  return verifySigV4(req, { key: KEY, service: 'cognito-sync', now: signedAt(req), ...options });
}

function reasonOf(result: ReturnType<typeof verifySigV4>): string {
  return result.ok ? 'ok' : result.reason;
}

const MISMATCH = /^The request signature we calculated does not match the signature you provided/;
/** A changed body is caught by the declared payload hash (the SDK sends one) or by the signature. */
const TAMPERED = /^(The request signature we calculated does not match|The provided x-amz-content-sha256 header does not match)/;

test("AWS's documented example (IAM ListUsers) verifies; the signing key is the documented one", () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  assert.equal(signingKey(secret, '20150830', 'us-east-1', 'iam').toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  const request: SignedRequest = {
    method: 'GET',
    rawPath: '/',
    rawQuery: 'Version=2010-05-08&Action=ListUsers',
    body: Buffer.alloc(0),
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'iam.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    },
  };
  const options = { key: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret }, service: 'iam', now: Date.UTC(2015, 7, 30, 12, 40) };
  assert.deepEqual(verifySigV4(request, options), { ok: true, region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE' });
  // One character of the secret off: refused.
  assert.match(reasonOf(verifySigV4(request, { ...options, key: { ...options.key, secretAccessKey: `${secret.slice(0, -1)}X` } })), MISMATCH);
  // The query order on the wire does not matter; its content does.
  assert.match(reasonOf(verifySigV4({ ...request, rawQuery: 'Action=ListUsers&Version=2010-05-09' }, options)), MISMATCH);
});

test('canonical path and query follow the SDK rules (double encoding, dot segments, sorted re-encoded query)', () => {
  assert.equal(canonicalPath('/identitypools/us-east-1%3Aabc/identities'), '/identitypools/us-east-1%253Aabc/identities');
  assert.equal(canonicalPath('/a/./b/../c//d/'), '/a/c/d/');
  assert.equal(canonicalPath('/'), '/');
  assert.equal(canonicalPath('/datasets/'), '/datasets/');
  assert.equal(canonicalQuery('b=2&a=%2B%20x&c'), 'a=%2B%20x&b=2&c=');
  assert.equal(canonicalQuery('nextToken=a+b'), 'nextToken=a%2Bb');
  assert.equal(canonicalQuery('x=%zz'), 'x=%25zz', 'a malformed escape is signed as written');
  assert.equal(parseAmzDate('20240231T000000Z'), undefined, 'no 31 February');
  assert.equal(parseAmzDate('20240101T000000'), undefined);
});

test('requests signed by the real SDK verify: every route shape, any region, Sync and Identity', async () => {
  for (const region of ['eu-west-3', 'us-east-1', 'ap-southeast-2', 'local-made-up-1']) {
    const sync = syncClient(region);
    const identity = identityClient(region);
    const where = { IdentityPoolId: P, IdentityId: I };
    const requests = [
      await capture(() => sync.send(new ListDatasetsCommand({ ...where, MaxResults: 3, NextToken: 'a+b/c=d==' }))),
      await capture(() => sync.send(new ListRecordsCommand({ ...where, DatasetName: 'd.1:x', LastSyncCount: 4, SyncSessionToken: 'tok+/=' }))),
      await capture(() => sync.send(new DescribeDatasetCommand({ ...where, DatasetName: '' }))),
      await capture(() =>
        sync.send(
          new UpdateRecordsCommand({
            ...where,
            DatasetName: 'd',
            SyncSessionToken: 't',
            ClientContext: 'ctx with spaces',
            RecordPatches: [{ Op: 'replace', Key: 'ünïcode 🎉 key', Value: 'v\u0000\n"\\', SyncCount: 0 }],
          }),
        ),
      ),
      await capture(() => sync.send(new SubscribeToDatasetCommand({ ...where, DatasetName: 'd', DeviceId: 'dev/1 ?#%' }))),
    ];
    for (const req of requests) {
      assert.deepEqual(verify(req), { ok: true, region, accessKeyId: KEY.accessKeyId }, `${req.method} ${req.rawPath}?${req.rawQuery}`);
    }
    const pools = await capture(() => identity.send(new ListIdentityPoolsCommand({ MaxResults: 10 })));
    assert.deepEqual(verify(pools, { service: 'cognito-identity' }), { ok: true, region, accessKeyId: KEY.accessKeyId });
    assert.match(reasonOf(verify(pools)), /^Credential should be scoped to correct service: 'cognito-sync'/, 'an Identity signature is not a Sync one');
    assert.match(reasonOf(verify(requests[0], { service: 'cognito-identity' })), /correct service: 'cognito-identity'/);
    sync.destroy();
    identity.destroy();
  }
});

test('GetId goes out unsigned from the SDK (the server must let it through without a signature)', async () => {
  const identity = identityClient();
  const req = await capture(() => identity.send(new GetIdCommand({ IdentityPoolId: P })));
  assert.equal(req.headers.authorization, undefined);
  assert.equal(reasonOf(verify({ ...req, headers: { ...req.headers, 'x-amz-date': '20240101T000000Z' } })), 'Request is missing Authentication Token');
  identity.destroy();
});

test('refused: wrong secret, wrong key id, tampered body/path/query/header, missing or malformed auth', async () => {
  const sync = syncClient();
  const update = await capture(() =>
    sync.send(
      new UpdateRecordsCommand({
        IdentityPoolId: P,
        IdentityId: I,
        DatasetName: 'd',
        SyncSessionToken: 't',
        RecordPatches: [{ Op: 'replace', Key: 'score', Value: '100', SyncCount: 3 }],
      }),
    ),
  );
  assert.equal(reasonOf(verify(update)), 'ok', 'the untouched request verifies');
  assert.match(reasonOf(verify(update, { key: { ...KEY, secretAccessKey: 'another-secret' } })), MISMATCH);
  assert.equal(reasonOf(verify(update, { key: { ...KEY, accessKeyId: 'AKIDOTHER' } })), 'The security token included in the request is invalid.');

  const tamperedBody = Buffer.from(update.body.toString('utf8').replace('"100"', '"999"'));
  assert.notDeepEqual(tamperedBody, update.body);
  assert.match(reasonOf(verify({ ...update, body: tamperedBody })), TAMPERED);
  assert.match(reasonOf(verify({ ...update, rawPath: update.rawPath.replace('/datasets/d', '/datasets/e') })), MISMATCH);
  assert.match(reasonOf(verify({ ...update, rawQuery: 'x=1' })), MISMATCH);
  assert.match(reasonOf(verify({ ...update, method: 'DELETE' })), MISMATCH);
  const otherHeader = { ...update, headers: { ...update.headers, 'x-amz-user-agent': 'someone else' } };
  assert.match(reasonOf(verify(otherHeader)), MISMATCH, 'a signed header changed');
  // An unsigned header may be added (proxies do), as with AWS.
  assert.equal(reasonOf(verify({ ...update, headers: { ...update.headers, via: '1.1 proxy' } })), 'ok');
  // A declared payload hash that does not match the body is caught even if it was signed.
  const declared = { ...update, headers: { ...update.headers, 'x-amz-content-sha256': '0'.repeat(64) } };
  assert.equal(reasonOf(verify(declared)), 'The provided x-amz-content-sha256 header does not match what was computed.');

  const { authorization, ...unsigned } = update.headers;
  assert.equal(reasonOf(verify({ ...update, headers: unsigned })), 'Request is missing Authentication Token');
  const auth = String(authorization);
  const malformed: Array<[string, RegExp]> = [
    ['Basic dXNlcjpwYXNz', /must use the AWS4-HMAC-SHA256 algorithm/],
    [auth.replace(/Signature=[0-9a-f]+/, ''), /requires 'Signature' parameter/],
    [auth.replace(/Signature=[0-9a-f]+/, 'Signature=XYZ'), /Signature must be 64 lower-case hex digits/],
    [auth.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=x-amz-date'), /'Host' must be a signed header/],
    [auth.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=host;x-amz-date;x-missing'), /Signed header 'x-missing' is missing/],
    [auth.replace(/Credential=[^,]+/, 'Credential=AKIDHARDENING/2024/eu-west-3'), /Credential must have the form/],
    [auth.replace(/\/\d{8}\//, '/19990101/'), /Date in Credential scope does not match/],
  ];
  for (const [header, reason] of malformed) {
    assert.match(reasonOf(verify({ ...update, headers: { ...update.headers, authorization: header } })), reason, header);
  }
  sync.destroy();
});

test('signing time: up to 15 minutes either way is fine, beyond is refused with the times named', async () => {
  const sync = syncClient();
  const req = await capture(() => sync.send(new ListRecordsCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: 'd' })));
  const at = signedAt(req);
  const minute = 60_000;
  assert.equal(reasonOf(verify(req, { now: at + 15 * minute })), 'ok');
  assert.equal(reasonOf(verify(req, { now: at - 15 * minute })), 'ok');
  assert.match(reasonOf(verify(req, { now: at + 16 * minute })), /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
  assert.match(reasonOf(verify(req, { now: at - 16 * minute })), /^Signature not yet current: /);
  // Moving the date header (signed) to look fresh breaks the signature instead.
  const moved = new Date(at + 16 * minute).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const refreshed = { ...req, headers: { ...req.headers, 'x-amz-date': moved } };
  assert.notEqual(reasonOf(verify(refreshed, { now: at + 16 * minute })), 'ok');
  assert.match(reasonOf(verifySigV4({ ...req, headers: { ...req.headers, 'x-amz-date': 'yesterday' } }, { key: KEY, service: 'cognito-sync', now: at })), /not a date/);
  sync.destroy();
});

test('property: any labels, tokens and values the SDK signs verify, and any changed body byte is refused', async () => {
  const sync = syncClient();
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  await fc.assert(
    fc.asyncProperty(text, text, text, fc.nat({ max: 1000 }), async (dataset, token, value, flip) => {
      const req = await capture(() =>
        sync.send(
          new UpdateRecordsCommand({
            IdentityPoolId: P,
            IdentityId: I,
            DatasetName: dataset,
            SyncSessionToken: token,
            RecordPatches: [{ Op: 'replace', Key: 'k', Value: value, SyncCount: 0 }],
          }),
        ),
      );
      assert.equal(reasonOf(verify(req)), 'ok', `${req.rawPath}`);
      const list = await capture(() =>
        sync.send(new ListRecordsCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset, NextToken: token, SyncSessionToken: value })),
      );
      assert.equal(reasonOf(verify(list)), 'ok', `${list.rawPath}?${list.rawQuery}`);
      const body = Buffer.from(req.body);
      const at = flip % body.length;
      body[at] ^= 0x01;
      assert.match(reasonOf(verify({ ...req, body })), TAMPERED);
    }),
    { numRuns: 150 },
  );
  sync.destroy();
});
