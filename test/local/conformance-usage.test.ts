// SERVICE.md §3.7 (usage operations) and §3.8 (LastModifiedBy precedence).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  DescribeIdentityPoolUsageCommand,
  DescribeIdentityUsageCommand,
  ListIdentityPoolUsageCommand,
} from '@aws-sdk/client-cognito-sync';
import { CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll, startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEFAULT_ACCOUNT_ID, expectError, listAll, listRecords, put, testClock, where, type Where } from '../helpers/fixtures.js';

const clock = testClock();
const t = serverBeforeAll({ now: clock.now });

/** A pool made by CreateIdentityPool and an identity made by GetId, at known clock times. */
async function poolAndIdentity(s: TestServer = t) {
  const poolCreated = clock.ms;
  const pool = await s.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'usage', AllowUnauthenticatedIdentities: true }));
  clock.advance(1000);
  const identityCreated = clock.ms;
  const { IdentityId } = await s.identity.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId! }));
  clock.advance(1000);
  return { P: pool.IdentityPoolId!, I: IdentityId!, poolCreated, identityCreated };
}

describe('§3.7 usage', () => {
  test('"IdentityUsage.DatasetCount / DataStorage = existing datasets / Σ their DataStorage"; LastModifiedDate = identity creation before any write', async () => {
    const { P, I, identityCreated } = await poolAndIdentity();
    const before = await t.sync.send(new DescribeIdentityUsageCommand({ IdentityPoolId: P, IdentityId: I }));
    assert.deepEqual(
      [before.IdentityUsage?.IdentityPoolId, before.IdentityUsage?.IdentityId, before.IdentityUsage?.DatasetCount, before.IdentityUsage?.DataStorage, before.IdentityUsage?.LastModifiedDate?.getTime()],
      [P, I, 0, 0, identityCreated],
    );
    const w: Where = { IdentityPoolId: P, IdentityId: I, DatasetName: 'one' };
    await put(t.sync, w, { ab: 'cd' }); // 4 bytes
    await put(t.sync, { ...w, DatasetName: 'two' }, { k: 'ééé' }); // 7 bytes
    const written = clock.ms;
    clock.advance(1000);
    const after = await t.sync.send(new DescribeIdentityUsageCommand({ IdentityPoolId: P, IdentityId: I }));
    assert.deepEqual(
      [after.IdentityUsage?.DatasetCount, after.IdentityUsage?.DataStorage, after.IdentityUsage?.LastModifiedDate?.getTime()],
      [2, 11, written],
    );
  });

  test('"IdentityUsage.LastModifiedDate = latest write or delete in its datasets"', async () => {
    const { P, I } = await poolAndIdentity();
    const w: Where = { IdentityPoolId: P, IdentityId: I, DatasetName: 'd' };
    await put(t.sync, w, { a: '1' });
    clock.advance(30_000);
    const deletedAt = clock.ms;
    await t.sync.send(new DeleteDatasetCommand(w));
    clock.advance(30_000);
    const usage = await t.sync.send(new DescribeIdentityUsageCommand({ IdentityPoolId: P, IdentityId: I }));
    assert.deepEqual(
      [usage.IdentityUsage?.DatasetCount, usage.IdentityUsage?.DataStorage, usage.IdentityUsage?.LastModifiedDate?.getTime()],
      [0, 0, deletedAt],
    );
  });

  test('"IdentityPoolUsage.DataStorage = Σ over the pool\'s identities"; LastModifiedDate = latest data change, else pool creation', async () => {
    const { P, I, poolCreated } = await poolAndIdentity();
    const fresh = await t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: P }));
    assert.deepEqual(
      [fresh.IdentityPoolUsage?.IdentityPoolId, fresh.IdentityPoolUsage?.DataStorage, fresh.IdentityPoolUsage?.LastModifiedDate?.getTime()],
      [P, 0, poolCreated],
    );
    await put(t.sync, { IdentityPoolId: P, IdentityId: I, DatasetName: 'd' }, { abc: 'def' }); // 6
    const { IdentityId: I2 } = await t.identity.send(new GetIdCommand({ IdentityPoolId: P }));
    clock.advance(5000);
    const lastWrite = clock.ms;
    await put(t.sync, { IdentityPoolId: P, IdentityId: I2!, DatasetName: 'd' }, { x: 'yz' }); // 3
    clock.advance(5000);
    const usage = await t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: P }));
    assert.deepEqual([usage.IdentityPoolUsage?.DataStorage, usage.IdentityPoolUsage?.LastModifiedDate?.getTime()], [9, lastWrite]);
  });

  test('"IdentityPoolUsage.SyncSessionsCount = sessions started in the pool (tokens minted)"', async () => {
    const { P, I } = await poolAndIdentity();
    const w: Where = { IdentityPoolId: P, IdentityId: I, DatasetName: 'd' };
    const count = async () =>
      (await t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: P }))).IdentityPoolUsage?.SyncSessionsCount;
    assert.equal(await count(), 0);
    await put(t.sync, w, { a: '1', b: '1', c: '1' }); // one ListRecords (mint) + UpdateRecords with that token
    assert.equal(await count(), 1);
    const first = await listRecords(t.sync, w, { MaxResults: 1 }); // mint
    await listRecords(t.sync, w, { MaxResults: 1, NextToken: first.NextToken }); // same session
    await listRecords(t.sync, w, { SyncSessionToken: first.SyncSessionToken }); // same session
    assert.equal(await count(), 2);
  });

  test('"Unknown pool/identity → 404"', async () => {
    const w = where();
    await expectError(t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: w.IdentityPoolId })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `IdentityPool '${w.IdentityPoolId}' not found.`,
    });
    const { P } = await poolAndIdentity();
    await expectError(t.sync.send(new DescribeIdentityUsageCommand({ IdentityPoolId: P, IdentityId: w.IdentityId })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `Identity '${w.IdentityId}' not found.`,
    });
  });

  test('"ListIdentityPoolUsage lists every known pool by id; MaxResults echoes the effective page size; Count = page size"', async () => {
    const s = await startTestServer({ now: clock.now });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await poolAndIdentity(s)).P);
      const implicit = where();
      await put(s.sync, implicit, { k: 'v' });
      ids.push(implicit.IdentityPoolId);
      ids.sort();
      const first = await s.sync.send(new ListIdentityPoolUsageCommand({ MaxResults: 3 }));
      assert.deepEqual([first.IdentityPoolUsages?.map((u) => u.IdentityPoolId), first.MaxResults, first.Count, Boolean(first.NextToken)], [ids.slice(0, 3), 3, 3, true]);
      const second = await s.sync.send(new ListIdentityPoolUsageCommand({ MaxResults: 3, NextToken: first.NextToken }));
      assert.deepEqual([second.IdentityPoolUsages?.map((u) => u.IdentityPoolId), second.Count, second.NextToken], [ids.slice(3), 1, undefined]);
      const all = await s.sync.send(new ListIdentityPoolUsageCommand({}));
      assert.deepEqual([all.MaxResults, all.Count], [60, 4]);
    } finally {
      await s.close();
    }
  });

  test('"maxResults … clamped: ListIdentityPoolUsage 60"', async () => {
    const s = await startTestServer();
    try {
      for (let i = 0; i < 61; i++) {
        await s.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: true }));
      }
      const out = await s.sync.send(new ListIdentityPoolUsageCommand({ MaxResults: 500 }));
      assert.deepEqual([out.MaxResults, out.Count, out.IdentityPoolUsages?.length, Boolean(out.NextToken)], [60, 60, 60, true]);
    } finally {
      await s.close();
    }
  });
});

describe('§3.8 LastModifiedBy: "(1) body DeviceId; (2) x-amz-Client-Context …; (3) the account id"', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');

  async function lastModifiedBy(extra: { DeviceId?: string; ClientContext?: string }, s: TestServer = t) {
    const w = where();
    const [rec] = await put(s.sync, w, { k: 'v' }, extra);
    const listed = await listAll(s.sync, w);
    const { Dataset } = await s.sync.send(new DescribeDatasetCommand(w));
    return { record: rec.LastModifiedBy, listed: listed.records[0].LastModifiedBy, list: listed.pages[0].LastModifiedBy, dataset: Dataset?.LastModifiedBy };
  }
  const everywhere = (v: string) => ({ record: v, listed: v, list: v, dataset: v });

  test('(1) body DeviceId wins over a Client-Context', async () => {
    const ctx = b64({ client: { installation_id: 'install-1' } });
    assert.deepEqual(await lastModifiedBy({ DeviceId: 'device-1', ClientContext: ctx }), everywhere('device-1'));
  });

  test('(2) base64 JSON with a string client.installation_id → that id', async () => {
    const ctx = b64({ client: { installation_id: 'install-2', app_title: 'x' }, env: { platform: 'linux' } });
    assert.deepEqual(await lastModifiedBy({ ClientContext: ctx }), everywhere('install-2'));
  });

  test('(2) otherwise the raw value when 1–256 characters (not base64, or no string installation_id)', async () => {
    assert.deepEqual(await lastModifiedBy({ ClientContext: 'plain-context' }), everywhere('plain-context'));
    const noId = b64({ client: { installation_id: 42 } });
    assert.deepEqual(await lastModifiedBy({ ClientContext: noId }), everywhere(noId));
    const max = 'c'.repeat(256);
    assert.deepEqual(await lastModifiedBy({ ClientContext: max }), everywhere(max));
  });

  test('(3) the account id (default 123456789012) with no DeviceId and no usable context (over 256 characters)', async () => {
    assert.deepEqual(await lastModifiedBy({}), everywhere(DEFAULT_ACCOUNT_ID));
    assert.deepEqual(await lastModifiedBy({ ClientContext: 'c'.repeat(257) }), everywhere(DEFAULT_ACCOUNT_ID));
  });

  test('(3) "the account id (configurable …)"', async () => {
    const s = await startTestServer({ accountId: '210987654321' });
    try {
      assert.deepEqual(await lastModifiedBy({}, s), everywhere('210987654321'));
    } finally {
      await s.close();
    }
  });
});
