// Every server route under hostile input, with fast-check: random methods, paths (with
// broken percent-encoding), query strings, headers and bodies (malformed JSON, invalid
// UTF-8, huge numbers, deep nesting, wrong types, prototype keys). The server must answer
// each in bounded time with an AWS-shaped response (never a 500: an unexpected failure is a
// bug), stay up, and keep its data consistent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import fc from 'fast-check';
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { datasetPath, enc, header, raw, UUID_RE, type RawResponse } from '../helpers/raw-http.js';

const P = 'us-east-1:00000000-0000-4000-8000-0000000000a1';
const I = 'us-east-1:00000000-0000-4000-8000-0000000000a2';
const internalErrors: unknown[] = [];
let server: TestServer;

before(async () => {
  server = await startTestServer({ inMemory: true, onInternalError: (e) => internalErrors.push(e) });
  // Something to read and conflict with.
  const listed = await raw(server.url, { method: 'GET', path: `${datasetPath(P, I, 'd')}/records` });
  await raw(server.url, {
    method: 'POST',
    path: datasetPath(P, I, 'd'),
    body: { SyncSessionToken: listed.json.SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] },
  });
});
after(async () => server.close());

const IDENTITY_OPS = ['CreateIdentityPool', 'DescribeIdentityPool', 'ListIdentityPools', 'GetId', 'ListIdentities', 'DescribeIdentity', 'DeleteIdentities'];
const LITERALS = ['identitypools', 'identities', 'identity', 'datasets', 'records', 'subscriptions', 'device', 'bulkpublish', 'getBulkPublishDetails', 'events', 'configuration', '_cogsync', 'merge-identities', 'health'];
const BROKEN_ESCAPES = ['%zz', '%E2%82', '%C0%AF', '%00', '%ED%A0%80', '%', '%2', '%FF', '..', '.', '%2e%2e', '%2F'];
const HUGE = ['1e999', '-1e999', '1e308', '99999999999999999999999', '-0', '5e-324', '9007199254740993', '1.5', '-1', 'NaN', 'Infinity'];

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 3, arbitrary: fc.constantFrom(enc(P), enc(I), 'd', 'dev', '') },
  { weight: 2, arbitrary: fc.constantFrom(...BROKEN_ESCAPES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(enc) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(2_000)) },
);
// Mostly real routes, so the handlers (not just the router) see the hostile rest.
const routePath = fc.oneof(
  // Under node's 16 KiB limit for the request line and headers (beyond it node answers 431 itself; see the socket test).
  { weight: 3, arbitrary: fc.array(segment, { minLength: 0, maxLength: 6 }).map((s) => `/${s.join('/')}`) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '/identitypools',
      `/identitypools/${enc(P)}`,
      `/identitypools/${enc(P)}/identities/${enc(I)}`,
      `/identitypools/${enc(P)}/identities/${enc(I)}/datasets`,
      datasetPath(P, I, 'd'),
      `${datasetPath(P, I, 'd')}/records`,
      `${datasetPath(P, I, 'd')}/subscriptions/dev`,
      `/identitypools/${enc(P)}/identity/${enc(I)}/device`,
      `/identitypools/${enc(P)}/bulkpublish`,
      `/identitypools/${enc(P)}/getBulkPublishDetails`,
      `/identitypools/${enc(P)}/events`,
      `/identitypools/${enc(P)}/configuration`,
      '/_cogsync/merge-identities',
      '/_cogsync/health',
      '/',
    ),
  },
);
const queryValue = fc.oneof(fc.constantFrom(...HUGE, ...BROKEN_ESCAPES, '', 'abc'), fc.string({ unit: 'binary', maxLength: 10 }).map(enc));
const query = fc
  .array(fc.tuple(fc.constantFrom('maxResults', 'nextToken', 'lastSyncCount', 'syncSessionToken', 'x', '', '%zz'), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

const deep = fc.integer({ min: 10, max: 100_000 }).map((n) => `{"RecordPatches":${'['.repeat(n)}${']'.repeat(n)}}`);
const hugeNumbers = fc
  .tuple(fc.constantFrom('SyncCount', 'MaxResults', 'DeviceLastModifiedDate'), fc.constantFrom(...HUGE.filter((h) => !/[A-Za-z]/.test(h))))
  .map(([field, n]) => `{"SyncSessionToken":"t","RecordPatches":[{"Op":"replace","Key":"k","Value":"v","${field}":${n},"SyncCount":${field === 'SyncCount' ? n : 0}}],"MaxResults":${n}}`);
const prototypeKeys = fc.constantFrom(
  '{"__proto__":{"SyncSessionToken":"x"}}',
  '{"Events":{"__proto__":"arn:aws:lambda:us-east-1:123456789012:function:f","constructor":""}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"RecordPatches":[{"Op":"replace","Key":"__proto__","Value":"v","SyncCount":0}],"SyncSessionToken":"t"}',
  '{"Logins":{"__proto__":"tok"},"IdentityPoolId":"us-east-1:00000000-0000-4000-8000-0000000000a1"}',
);
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"Key":"'), Buffer.from([0xff, 0xc0, ...bytes]), Buffer.from('"}')]));
const body = fc.oneof(
  fc.constant(undefined),
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ RecordPatches: v, SyncSessionToken: v, Events: v, PushSync: v, CognitoStreams: v, Platform: v, Token: v, IdentityPoolId: v, MaxResults: v })),
  deep,
  hugeNumbers,
  prototypeKeys,
  invalidUtf8,
);
const headers = fc.record(
  {
    'X-Amz-Target': fc.oneof(fc.constantFrom(...IDENTITY_OPS).map((op) => `AWSCognitoIdentityService.${op}`), fc.constantFrom('AWSCognitoIdentityService.', 'AWSCognitoIdentityService.constructor', 'AWSCognitoIdentityService.__proto__', 'AWSCognitoSyncService.ListRecords', 'junk')),
    'Content-Type': fc.constantFrom('application/json', 'application/x-amz-json-1.1', 'text/plain', 'multipart/form-data; boundary=x'),
    'x-amz-Client-Context': fc.oneof(fc.string({ maxLength: 300 }).map((s) => Buffer.from(s).toString('base64')), fc.constantFrom('%%%', 'eyJjbGllbnQiOnsiaW5zdGFsbGF0aW9uX2lkIjp7fX19')),
    Authorization: fc.constantFrom('AWS4-HMAC-SHA256 Credential=x/20240101/eu-west-3/cognito-sync/aws4_request, SignedHeaders=host, Signature=00', 'Credential=/////', 'garbage'),
  },
  { requiredKeys: [] },
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

const ALLOWED_STATUS = new Set([200, 400, 404, 409, 413]);

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what}`)), ms))),
  ]);
}

/** The response shape of SERVICE.md §1.4–1.5. */
function assertAwsShaped(res: RawResponse, isHead: boolean, what: string): void {
  assert.ok(ALLOWED_STATUS.has(res.status), `status ${res.status} for ${what}: ${res.text.slice(0, 300)}`);
  assert.match(header(res, 'x-amzn-requestid') ?? '', UUID_RE, `request id for ${what}`);
  assert.match(header(res, 'content-type') ?? '', /^application\/(json|x-amz-json-1\.1)$/, `content type for ${what}`);
  if (isHead) return;
  assert.ok(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), `a JSON object for ${what}: ${res.text.slice(0, 200)}`);
  if (res.status >= 400) {
    assert.equal(header(res, 'x-amzn-errortype'), res.json.__type, `error type header = __type for ${what}`);
    assert.equal(typeof res.json.message, 'string');
    assert.match(res.json.__type, /^[A-Za-z]+$/, 'a bare shape name');
  }
}

test('any method, path, query, headers and body: an AWS-shaped answer in bounded time, never a 500', { timeout: 300_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(method, routePath, query, headers, body, async (m, path, q, h, b) => {
      const what = `${m} ${path.slice(0, 120)}${q.slice(0, 80)} ${JSON.stringify(h).slice(0, 120)} body ${String(b).slice(0, 80)}`;
      const res = await withDeadline(raw(server.url, { method: m, path: `${path}${q}`, headers: h, body: m === 'GET' || m === 'HEAD' ? undefined : b }), 10_000, what);
      assertAwsShaped(res, m === 'HEAD', what);
      const identityCall = m === 'POST' && path === '/' && (h['X-Amz-Target'] ?? '').startsWith('AWSCognitoIdentityService.');
      if (identityCall) assert.ok(res.status === 200 || res.status === 400 || res.status === 413, `Identity errors are 400 (${what})`);
      assert.deepEqual(internalErrors, [], `no unexpected failure (${what})`);
    }),
    { numRuns: 1_500 },
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution in the server process');
});

test('specific hostile bodies get the documented errors and change nothing', async () => {
  // Its own dataset: the random requests above may have deleted 'd'.
  const where = { IdentityPoolId: P, IdentityId: I, DatasetName: 'specific' };
  const first = await server.sync.send(new ListRecordsCommand(where));
  const post = (b: string | Buffer) => raw(server.url, { method: 'POST', path: datasetPath(P, I, 'specific'), body: b });
  await post(JSON.stringify({ SyncSessionToken: first.SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }));
  const before = await server.sync.send(new ListRecordsCommand(where));
  const token = before.SyncSessionToken!;
  const cases: Array<[string | Buffer, number, string, RegExp]> = [
    [Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 400, 'SerializationException', /^Request body is not valid UTF-8$/],
    ['{"SyncSessionToken":', 400, 'SerializationException', /^Request body is not valid JSON/],
    ['[1,2]', 400, 'SerializationException', /^Request body must be a JSON object$/],
    [`{"RecordPatches":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 400, 'SerializationException', /RecordPatches/],
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"x","SyncCount":1e999}]}`, 400, 'SerializationException', /SyncCount/],
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"x","SyncCount":99999999999999999999}]}`, 409, 'ResourceConflictException', /^Current SyncCount for: k is: 1 not: /],
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"x","SyncCount":-0.5}]}`, 400, 'SerializationException', /SyncCount/],
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"${'v'.repeat(1_048_576)}","SyncCount":1}]}`, 400, 'InvalidParameterException', /Member must have length less than or equal to 1048575/],
    // A timestamp no client can hold would poison every later listing; refused whichever way the body is read
    // (escape-free bodies may take a fast reader, bodies with an escape the JSON.parse path).
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"x\\u0041","SyncCount":1,"DeviceLastModifiedDate":253402300800}]}`, 400, 'SerializationException', /between 0001-01-01 and 9999-12-31/],
    [`{"SyncSessionToken":"${token}","RecordPatches":[{"Op":"replace","Key":"k","Value":"x","SyncCount":1,"DeviceLastModifiedDate":1e300}]}`, 400, 'SerializationException', /between 0001-01-01 and 9999-12-31/],
  ];
  for (const [b, status, type, message] of cases) {
    const res = await post(b);
    assertAwsShaped(res, false, String(b).slice(0, 60));
    assert.deepEqual([res.status, res.json.__type], [status, type], `${String(b).slice(0, 80)} → ${res.text.slice(0, 200)}`);
    assert.match(res.json.message, message);
  }
  const after = await server.sync.send(new ListRecordsCommand(where));
  assert.deepEqual(after.Records, before.Records, 'nothing changed');
  assert.equal(after.DatasetSyncCount, before.DatasetSyncCount);
});

test('garbage on the socket (not HTTP, huge headers, a body cut short) leaves the server answering', async () => {
  const port = Number(new URL(server.url).port);
  const payloads = [
    Buffer.from('\u0000\u0001\u0002 not http at all\r\n\r\n'),
    Buffer.from(`GET /identitypools HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`),
    Buffer.from(`POST ${datasetPath(P, I, 'd')} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"SyncSess`),
    Buffer.from('GET /\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
  ];
  for (const payload of payloads) {
    await withDeadline(
      new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.write(payload);
          // A body cut short: the client gives up; the server must not wait forever on our behalf.
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('data', () => {});
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
      }),
      10_000,
      payload.subarray(0, 40).toString('latin1'),
    );
  }
  const ok = await raw(server.url, { method: 'GET', path: '/identitypools' });
  assert.equal(ok.status, 200);
  assert.deepEqual(internalErrors, []);
});
