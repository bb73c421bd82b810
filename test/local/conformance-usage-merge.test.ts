// SERVICE.md §3.7 with §3.6: a merge is a data change of the pool only when it moves data.
// "IdentityPoolUsage.LastModifiedDate = latest data change in the pool, else pool creation".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeIdentityPoolUsageCommand, DescribeIdentityUsageCommand } from '@aws-sdk/client-cognito-sync';
import { CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { serverBeforeAll } from '../helpers/local-server.js';
import { put, testClock } from '../helpers/fixtures.js';
import { raw } from '../helpers/raw-http.js';

const clock = testClock();
const t = serverBeforeAll({ inMemory: true, now: clock.now });

async function merge(IdentityPoolId: string, SourceIdentityId: string, DestinationIdentityId: string): Promise<void> {
  const res = await raw(t.url, {
    method: 'POST',
    path: '/_cogsync/merge-identities',
    headers: { 'Content-Type': 'application/json' },
    body: { IdentityPoolId, SourceIdentityId, DestinationIdentityId },
  });
  assert.equal(res.status, 200, res.text);
}

async function setup() {
  const pool = await t.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'merge-usage', AllowUnauthenticatedIdentities: true }));
  const P = pool.IdentityPoolId!;
  const id = async () => (await t.identity.send(new GetIdCommand({ IdentityPoolId: P }))).IdentityId!;
  const [I1, I2] = [await id(), await id()];
  clock.advance(1000);
  const lastWrite = clock.ms;
  await put(t.sync, { IdentityPoolId: P, IdentityId: I1, DatasetName: 'd' }, { k: 'v' });
  clock.advance(60_000);
  return { P, I1, I2, lastWrite };
}

const poolModified = async (P: string) =>
  (await t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: P }))).IdentityPoolUsage?.LastModifiedDate?.getTime();
const identityModified = async (P: string, I: string) =>
  (await t.sync.send(new DescribeIdentityUsageCommand({ IdentityPoolId: P, IdentityId: I }))).IdentityUsage?.LastModifiedDate?.getTime();

describe('§3.7 LastModifiedDate across a merge', () => {
  test('merging an identity without datasets changes no data: the pool keeps its LastModifiedDate', async () => {
    const { P, I1, I2, lastWrite } = await setup();
    await merge(P, I2, I1);
    assert.deepEqual([await poolModified(P), await identityModified(P, I1)], [lastWrite, lastWrite]);
  });

  test('merging an identity with a dataset is a data change of the pool and of the destination', async () => {
    const { P, I1, I2 } = await setup();
    await put(t.sync, { IdentityPoolId: P, IdentityId: I2, DatasetName: 'e' }, { a: 'b' });
    clock.advance(60_000);
    const merged = clock.ms;
    await merge(P, I2, I1);
    assert.deepEqual([await poolModified(P), await identityModified(P, I1)], [merged, merged]);
  });
});
