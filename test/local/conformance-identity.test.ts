// SERVICE.md §6: the Cognito Identity subset (JSON 1.1) served on the same listener.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import { DescribeIdentityUsageCommand, ListDatasetsCommand } from '@aws-sdk/client-cognito-sync';
import { identityClientFor, serverBeforeAll } from '../helpers/local-server.js';
import { C, expectError, expectViolations, fakeJwt, listRecords, put, testClock, violation, where } from '../helpers/fixtures.js';
import { assertJsonEnvelope, assertRawError, raw } from '../helpers/raw-http.js';

const JSON11 = 'application/x-amz-json-1.1';
const clock = testClock();
const t = serverBeforeAll({ now: clock.now });

const createPool = (AllowUnauthenticatedIdentities = true, IdentityPoolName = 'pool') =>
  t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName, AllowUnauthenticatedIdentities })).then((p) => p.IdentityPoolId!);

function target(op: string, body: unknown) {
  return raw(t.url, {
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': JSON11, 'X-Amz-Target': `AWSCognitoIdentityService.${op}` },
    body,
  });
}

describe('§6 Cognito Identity operations', () => {
  test('"CreateIdentityPool → IdentityPool = the stored input + IdentityPoolId", id "<region>:<uuid v4>"; DescribeIdentityPool returns it', async () => {
    const input = {
      IdentityPoolName: 'My pool_1 +=,.@-',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      SupportedLoginProviders: { 'accounts.google.com': 'client-id' },
      DeveloperProviderName: 'login.example',
      IdentityPoolTags: { team: 'sync' },
    };
    const created = await t.identity.send(new CreateIdentityPoolCommand(input));
    assert.match(created.IdentityPoolId!, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const described = await t.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    for (const out of [created, described]) {
      const { $metadata: _, ...body } = out;
      assert.deepEqual(body, { IdentityPoolId: created.IdentityPoolId, ...input });
    }
  });

  test('"names need not be unique"', async () => {
    const a = await createPool(true, 'same-name');
    const b = await createPool(true, 'same-name');
    assert.notEqual(a, b);
  });

  test('"region from the credential scope (default us-east-1)"', async () => {
    const eu = identityClientFor(t.url, 'eu-west-1');
    try {
      const out = await eu.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'eu', AllowUnauthenticatedIdentities: true }));
      assert.match(out.IdentityPoolId!, /^eu-west-1:/);
    } finally {
      eu.destroy();
    }
    const unsigned = await target('CreateIdentityPool', { IdentityPoolName: 'plain', AllowUnauthenticatedIdentities: true });
    assert.equal(unsigned.status, 200, unsigned.text);
    assertJsonEnvelope(unsigned, JSON11);
    assert.match(unsigned.json.IdentityPoolId, /^us-east-1:/);
  });

  test('"DescribeIdentityPool unknown → ResourceNotFoundException" as 400 with "IdentityPool \'<P>\' not found."', async () => {
    const P = where().IdentityPoolId;
    await expectError(t.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: P })), {
      name: 'ResourceNotFoundException',
      status: 400,
      message: `IdentityPool '${P}' not found.`,
    });
    await expectError(t.identity.send(new GetIdCommand({ IdentityPoolId: P })), {
      name: 'ResourceNotFoundException',
      status: 400,
      message: `IdentityPool '${P}' not found.`,
    });
  });

  test('"GetId no Logins: a new identity each call"', async () => {
    const P = await createPool();
    const a = await t.identity.send(new GetIdCommand({ IdentityPoolId: P }));
    const b = await t.identity.send(new GetIdCommand({ IdentityPoolId: P }));
    assert.match(a.IdentityId!, /^us-east-1:[0-9a-f-]+$/);
    assert.notEqual(a.IdentityId, b.IdentityId);
  });

  test('"with Logins: one identity per (provider, JWT sub read unverified, else the token string)"', async () => {
    const P = await createPool();
    const get = (Logins: Record<string, string>) => t.identity.send(new GetIdCommand({ IdentityPoolId: P, Logins })).then((o) => o.IdentityId!);
    const alice1 = await get({ 'accounts.google.com': fakeJwt({ sub: 'alice', iat: 1 }) });
    const alice2 = await get({ 'accounts.google.com': fakeJwt({ sub: 'alice', iat: 2 }) });
    const bob = await get({ 'accounts.google.com': fakeJwt({ sub: 'bob' }) });
    const aliceElsewhere = await get({ 'graph.facebook.com': fakeJwt({ sub: 'alice' }) });
    const opaque1 = await get({ 'www.amazon.com': 'opaque-token' });
    const opaque2 = await get({ 'www.amazon.com': 'opaque-token' });
    const opaque3 = await get({ 'www.amazon.com': 'another-token' });
    assert.equal(alice2, alice1, 'same provider + sub → same identity');
    assert.equal(opaque2, opaque1, 'same provider + token string → same identity');
    assert.equal(new Set([alice1, bob, aliceElsewhere, opaque1, opaque3]).size, 5);
    const described = await t.identity.send(new DescribeIdentityCommand({ IdentityId: alice1 }));
    assert.deepEqual(described.Logins, ['accounts.google.com']);
  });

  test('"NotAuthorizedException if the pool disallows unauthenticated": "Unauthenticated access is not supported for this identity pool."', async () => {
    const P = await createPool(false);
    await expectError(t.identity.send(new GetIdCommand({ IdentityPoolId: P })), {
      name: 'NotAuthorizedException',
      status: 400,
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    const withLogin = await t.identity.send(new GetIdCommand({ IdentityPoolId: P, Logins: { 'accounts.google.com': fakeJwt({ sub: 'x' }) } }));
    assert.ok(withLogin.IdentityId);
  });

  test('"ListIdentityPools … by id; implicit pools included"', async () => {
    const mine = [await createPool(true, 'one'), await createPool(true, 'two')];
    const implicit = where();
    await put(t.sync, implicit, { k: 'v' });
    const all: { IdentityPoolId?: string; IdentityPoolName?: string }[] = [];
    let NextToken: string | undefined;
    do {
      const page = await t.identity.send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken }));
      assert.ok((page.IdentityPools ?? []).length <= 2);
      all.push(...(page.IdentityPools ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    const ids = all.map((p) => p.IdentityPoolId!);
    assert.deepEqual(ids, [...ids].sort(), 'ordered by id');
    for (const id of [...mine, implicit.IdentityPoolId]) assert.ok(ids.includes(id), `${id} listed`);
    assert.equal(all.find((p) => p.IdentityPoolId === mine[1])?.IdentityPoolName, 'two');
  });

  test('"ListIdentities by creation time, then id; implicit identities included"', async () => {
    const P = await createPool();
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      created.push((await t.identity.send(new GetIdCommand({ IdentityPoolId: P }))).IdentityId!);
    }
    clock.advance(1000);
    const implicit = { ...where('d', P) };
    await put(t.sync, implicit, { k: 'v' });
    created.push(implicit.IdentityId);
    const first = await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId: P, MaxResults: 3 }));
    const second = await t.identity.send(new ListIdentitiesCommand({ IdentityPoolId: P, MaxResults: 3, NextToken: first.NextToken }));
    assert.equal(first.IdentityPoolId, P);
    assert.deepEqual([...(first.Identities ?? []), ...(second.Identities ?? [])].map((i) => i.IdentityId), created);
    assert.equal(second.NextToken, undefined);
    const d = first.Identities![0];
    assert.ok(d.CreationDate instanceof Date && d.LastModifiedDate instanceof Date);
  });

  test('"DescribeIdentity … IdentityDescription {IdentityId, Logins, CreationDate, LastModifiedDate}; unknown → ResourceNotFoundException"', async () => {
    const P = await createPool();
    const at = clock.ms;
    const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: P }));
    const d = await t.identity.send(new DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual([d.IdentityId, d.Logins ?? [], d.CreationDate?.getTime()], [IdentityId, [], at]);
    const unknown = where().IdentityId;
    await expectError(t.identity.send(new DescribeIdentityCommand({ IdentityId: unknown })), {
      name: 'ResourceNotFoundException',
      status: 400,
      message: `Identity '${unknown}' not found.`,
    });
  });

  test('"DeleteIdentities deletes them with all their Sync data; unknown ids ignored"', async () => {
    const w = where('data');
    await put(t.sync, w, { k: 'v' });
    const keep = where('data', w.IdentityPoolId);
    await put(t.sync, keep, { k: 'v' });
    const out = await t.identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [w.IdentityId, where().IdentityId] }));
    assert.deepEqual(out.UnprocessedIdentityIds ?? [], []);
    await expectError(t.identity.send(new DescribeIdentityCommand({ IdentityId: w.IdentityId })), { name: 'ResourceNotFoundException', status: 400 });
    const { DatasetName: _, ...pi } = w;
    assert.deepEqual((await t.sync.send(new ListDatasetsCommand(pi))).Datasets ?? [], []);
    await expectError(t.sync.send(new DescribeIdentityUsageCommand(pi)), { name: 'ResourceNotFoundException', status: 404 });
    const listed = await listRecords(t.sync, w);
    assert.deepEqual([listed.DatasetExists, listed.Records ?? []], [false, []]);
    assert.equal((await listRecords(t.sync, keep)).Records?.length, 1, 'other identities keep their data');
  });
});

describe('§6 errors', () => {
  test('"constraint violations → ValidationException in §2\'s format"', async () => {
    await expectViolations(
      t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'bad/name', AllowUnauthenticatedIdentities: true })),
      [violation('identityPoolName', 'bad/name', C.pattern('[\\w\\s+=,.@-]+'))],
      'ValidationException',
    );
    await expectViolations(
      t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'n'.repeat(129) } as any)),
      [violation('identityPoolName', 'n'.repeat(129), C.maxLen(128)), violation('allowUnauthenticatedIdentities', null, C.notNull)],
      'ValidationException',
    );
    await expectViolations(t.identity.send(new ListIdentityPoolsCommand({ MaxResults: 0 })), [violation('maxResults', 0, C.minValue(1))], 'ValidationException');
    await expectViolations(t.identity.send(new ListIdentityPoolsCommand({ MaxResults: 61 })), [violation('maxResults', 61, C.maxValue(60))], 'ValidationException');
    // How a list value is quoted is not specified; the path and constraint are.
    const empty = await expectError(t.identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [] })), { name: 'ValidationException', status: 400 });
    assert.match(empty.message, /^1 validation error detected: Value .* at 'identityIdsToDelete' failed to satisfy constraint: Member must have length greater than or equal to 1$/);
    await expectViolations(t.identity.send(new GetIdCommand({ IdentityPoolId: 'nope' })), [violation('identityPoolId', 'nope', C.pattern('[\\w-]+:[0-9a-f-]+'))], 'ValidationException');
  });

  test('"Unknown target → UnknownOperationException; bad JSON → SerializationException", 400 with both names', async () => {
    assertRawError(await target('NoSuchOperation', {}), 400, 'UnknownOperationException', undefined, JSON11);
    assertRawError(await target('GetId', '{"IdentityPoolId":'), 400, 'SerializationException', undefined, JSON11);
  });

  test('"Response: 200, same content type, x-amzn-RequestId, epoch-second timestamps"', async () => {
    const P = await createPool();
    const got = await target('GetId', { IdentityPoolId: P });
    assert.equal(got.status, 200, got.text);
    assertJsonEnvelope(got, JSON11);
    const d = await target('DescribeIdentity', { IdentityId: got.json.IdentityId });
    assertJsonEnvelope(d, JSON11);
    assert.equal(typeof d.json.CreationDate, 'number');
    assert.equal(d.json.CreationDate, clock.ms / 1000);
  });
});
