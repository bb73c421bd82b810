import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeDatasetCommand,
  ListDatasetsCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  GetIdentityPoolConfigurationCommand,
  SetIdentityPoolConfigurationCommand,
  type _Record,
} from '@aws-sdk/client-cognito-sync';
import { DescribeIdentityPoolCommand, ListIdentitiesCommand } from '@aws-sdk/client-cognito-identity';
import { DEMO_DEVICES, DEMO_IDENTITIES, DEMO_POOL_ID, DEMO_POOL_NAME, seedDemo } from '../../src/local/seed.js';
import { Store } from '../../src/local/store.js';
import { startTestServer } from '../helpers/local-server.js';

async function allRecords(s: Awaited<ReturnType<typeof startTestServer>>, identityId: string, datasetName: string) {
  const records: _Record[] = [];
  let NextToken: string | undefined;
  let last;
  do {
    last = await s.sync.send(new ListRecordsCommand({ IdentityPoolId: DEMO_POOL_ID, IdentityId: identityId, DatasetName: datasetName, NextToken }));
    records.push(...(last.Records ?? []));
    NextToken = last.NextToken;
  } while (NextToken);
  return { records, last };
}

test('seed demo: the pool, identities and datasets the editor needs to show', async () => {
  const s = await startTestServer({ inMemory: true, seed: 'demo' });
  try {
    const pool = await s.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: DEMO_POOL_ID }));
    assert.equal(pool.IdentityPoolName, DEMO_POOL_NAME);
    const identities = await s.identity.send(new ListIdentitiesCommand({ IdentityPoolId: DEMO_POOL_ID, MaxResults: 60 }));
    assert.deepEqual(
      new Set(identities.Identities?.map((i) => i.IdentityId)),
      new Set(Object.values(DEMO_IDENTITIES)),
      'the merged-away identity is gone',
    );

    const alice = DEMO_IDENTITIES.alice;
    const datasets = await s.sync.send(new ListDatasetsCommand({ IdentityPoolId: DEMO_POOL_ID, IdentityId: alice }));
    const byName = new Map(datasets.Datasets?.map((d) => [d.DatasetName!, d]));
    assert.ok(byName.has('profile') && byName.has('game-state') && byName.has('inventory'));

    const profile = await allRecords(s, alice, 'profile');
    const values = new Map(profile.records.map((r) => [r.Key!, r]));
    assert.doesNotThrow(() => JSON.parse(values.get('settings')!.Value!), 'a JSON value');
    assert.ok(values.get('bio')!.Value!.split('\n').length > 20, 'a long multi-line value');
    assert.ok(values.get('oldNickname') && values.get('oldNickname')!.Value === undefined, 'a tombstone');
    assert.ok(values.has('名前') && /[^\x00-\x7f]/.test(values.get('emoji-ключ')!.Value!), 'unicode keys and values');
    assert.ok(values.get('motd')!.Value!.includes('\u001b['), 'an ANSI escape sequence');
    assert.deepEqual(new Set(profile.records.map((r) => r.LastModifiedBy)), new Set(Object.values(DEMO_DEVICES)), 'two devices');
    assert.ok(new Set(profile.records.map((r) => r.SyncCount)).size >= 3, 'several writes, so counts differ');
    assert.ok(profile.last.MergedDatasetNames?.[0]?.startsWith('profile.'), 'a merged dataset is reported');

    const game = await allRecords(s, alice, 'game-state');
    assert.equal(game.records.filter((r) => r.Value !== undefined).length, 299);
    assert.ok(game.records.length >= 300);

    const inventory = await s.sync.send(new DescribeDatasetCommand({ IdentityPoolId: DEMO_POOL_ID, IdentityId: alice, DatasetName: 'inventory' }));
    assert.ok(inventory.Dataset!.NumRecords! >= 1000 || inventory.Dataset!.DataStorage! >= 900_000, 'close to a limit');
    assert.ok(inventory.Dataset!.DataStorage! < 1_048_576);

    const bobNotes = await allRecords(s, DEMO_IDENTITIES.bob, 'notes');
    assert.equal(bobNotes.records.find((r) => r.Key === 'empty')?.Value, '', 'an empty-string value');
    const deleted = await s.sync.send(new ListRecordsCommand({ IdentityPoolId: DEMO_POOL_ID, IdentityId: DEMO_IDENTITIES.bob, DatasetName: 'old-save' }));
    assert.deepEqual([deleted.DatasetExists, deleted.DatasetSyncCount], [false, 1], 'a deleted dataset keeps its count');
  } finally {
    await s.close();
  }
});

test('seedDemo is a callable function and does nothing the second time', () => {
  const store = new Store({ path: ':memory:' });
  try {
    assert.equal(seedDemo(store).created, true);
    const count = () => store.db.prepare('SELECT coalesce(sum(length(body)), 0) FROM dataset_records').pluck().get();
    const before = count();
    assert.equal(seedDemo(store).created, false);
    assert.equal(count(), before);
  } finally {
    store.close();
  }
});

test('restart on the same file keeps data, configuration and valid tokens; the seed is not applied twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-restart-'));
  const dbPath = join(dir, 'local.db');
  const place = { IdentityPoolId: DEMO_POOL_ID, IdentityId: DEMO_IDENTITIES.carol, DatasetName: 'restart' };
  try {
    const first = await startTestServer({ dbPath, keepDir: dir, seed: 'demo' });
    const { SyncSessionToken } = await first.sync.send(new ListRecordsCommand(place));
    await first.sync.send(new UpdateRecordsCommand({ ...place, SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v1', SyncCount: 0 }] }));
    await first.sync.send(
      new SetIdentityPoolConfigurationCommand({ IdentityPoolId: DEMO_POOL_ID, CognitoStreams: { StreamName: 's', StreamingStatus: 'DISABLED' } }),
    );
    const seededBefore = first.server.store.db.prepare('SELECT coalesce(sum(length(body)), 0) FROM dataset_records').pluck().get();
    await first.close();

    const second = await startTestServer({ dbPath, keepDir: dir, seed: 'demo' });
    try {
      assert.equal(second.server.store.db.prepare('SELECT coalesce(sum(length(body)), 0) FROM dataset_records').pluck().get(), seededBefore, 'not seeded again');
      const listed = await second.sync.send(new ListRecordsCommand(place));
      assert.deepEqual(listed.Records?.map((r) => [r.Key, r.Value, r.SyncCount]), [['k', 'v1', 1]]);
      // The token from before the restart still works (the HMAC secret is stored), and counts continue.
      const written = await second.sync.send(
        new UpdateRecordsCommand({ ...place, SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v2', SyncCount: 1 }] }),
      );
      assert.equal(written.Records?.[0].SyncCount, 2);
      const config = await second.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: DEMO_POOL_ID }));
      assert.deepEqual(config.CognitoStreams, { StreamName: 's', StreamingStatus: 'DISABLED' });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
