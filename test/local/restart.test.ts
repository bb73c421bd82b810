// Restart test: everything written through the API (pools, identities, records, tombstones, deletions, configuration,
// events, devices, bulk publish) is still there, byte for byte and timestamp for timestamp, after the server is closed
// and started again on the same database; tokens minted before the restart stay valid (the secret is persisted)
// and sync counts continue where they stopped.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Sync from '@aws-sdk/client-cognito-sync';
import * as Identity from '@aws-sdk/client-cognito-identity';
import { startTestServer, syncClientFor, type TestServer } from '../helpers/local-server.js';
import { attempt } from './sync-views.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-restart-'));
  dirs.push(dir);
  return dir;
}

const FACEBOOK = 'graph.facebook.com';

interface World {
  poolId: string;
  /** [unauthenticated, with a login] */
  identities: [string, string];
  deviceId: string;
  /** Minted before the restart, not used yet. */
  tokenForNotes: string;
  /** Minted before the restart for the reads: a ListRecords carrying a token starts no new session. */
  readTokens: Record<string, string>;
}

const place = (w: World, identity: number, dataset: string) => ({
  IdentityPoolId: w.poolId,
  IdentityId: w.identities[identity],
  DatasetName: dataset,
});

async function tokenFor(ts: TestServer, w: World, identity: number, dataset: string): Promise<string> {
  const page = await ts.sync.send(new Sync.ListRecordsCommand({ ...place(w, identity, dataset), LastSyncCount: 0 }));
  return page.SyncSessionToken!;
}

async function write(ts: TestServer, w: World, identity: number, dataset: string, patches: Sync.RecordPatch[], deviceId?: string) {
  const token = await tokenFor(ts, w, identity, dataset);
  return ts.sync.send(
    new Sync.UpdateRecordsCommand({ ...place(w, identity, dataset), SyncSessionToken: token, DeviceId: deviceId, RecordPatches: patches }),
  );
}

/** Writes one of everything the server stores. */
async function populate(ts: TestServer): Promise<World> {
  const pool = await ts.identity.send(
    new Identity.CreateIdentityPoolCommand({
      IdentityPoolName: 'restart pool',
      AllowUnauthenticatedIdentities: true,
      SupportedLoginProviders: { [FACEBOOK]: '1234567890' },
      IdentityPoolTags: { team: 'sync' },
    }),
  );
  const poolId = pool.IdentityPoolId!;
  const anonymous = (await ts.identity.send(new Identity.GetIdCommand({ IdentityPoolId: poolId }))).IdentityId!;
  const named = (await ts.identity.send(new Identity.GetIdCommand({ IdentityPoolId: poolId, Logins: { [FACEBOOK]: 'fb-user-7' } })))
    .IdentityId!;
  const w: World = { poolId, identities: [anonymous, named], deviceId: '', tokenForNotes: '', readTokens: {} };

  const when = new Date(1_704_164_645_678);
  await write(ts, w, 0, 'profile', [
    { Op: 'replace', Key: 'name', Value: 'Ada', SyncCount: 0, DeviceLastModifiedDate: when },
    { Op: 'replace', Key: 'empty', Value: '', SyncCount: 0 },
    { Op: 'replace', Key: 'emoji 🎉', Value: 'grüße €', SyncCount: 0 },
    { Op: 'replace', Key: 'doomed', Value: 'bye', SyncCount: 0 },
  ], 'phone-1');
  await write(ts, w, 0, 'profile', [
    { Op: 'remove', Key: 'doomed', SyncCount: 1 },
    { Op: 'remove', Key: 'never-seen', SyncCount: 0 },
    { Op: 'replace', Key: 'name', Value: 'Ada L.', SyncCount: 1 },
  ]);
  await write(ts, w, 0, 'scratch', [{ Op: 'replace', Key: 'x', Value: '1', SyncCount: 0 }]);
  await write(ts, w, 0, 'scratch', [{ Op: 'replace', Key: 'x', Value: '2', SyncCount: 1 }]);
  await ts.sync.send(new Sync.DeleteDatasetCommand(place(w, 0, 'scratch')));
  await write(ts, w, 1, 'settings', [{ Op: 'replace', Key: 'theme', Value: 'dark', SyncCount: 0 }], 'tablet');

  await ts.sync.send(
    new Sync.SetIdentityPoolConfigurationCommand({
      IdentityPoolId: poolId,
      PushSync: { ApplicationArns: ['arn:aws:sns:us-east-1:123456789012:app/GCM/cogsync-app'], RoleArn: 'arn:aws:iam::123456789012:role/push-sync' },
      CognitoStreams: { StreamName: 'sync-stream', RoleArn: 'arn:aws:iam::123456789012:role/streams', StreamingStatus: 'ENABLED' },
    }),
  );
  await ts.sync.send(
    new Sync.SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: 'arn:aws:lambda:us-east-1:123456789012:function:on-sync' } }),
  );
  await ts.sync.send(new Sync.BulkPublishCommand({ IdentityPoolId: poolId }));
  const device = await ts.sync.send(
    new Sync.RegisterDeviceCommand({ IdentityPoolId: poolId, IdentityId: anonymous, Platform: 'GCM', Token: 'push-token-1' }),
  );
  w.deviceId = device.DeviceId!;
  await ts.sync.send(new Sync.SubscribeToDatasetCommand({ ...place(w, 0, 'profile'), DeviceId: w.deviceId }));
  w.tokenForNotes = await tokenFor(ts, w, 1, 'notes');
  for (const [identity, dataset] of READ_DATASETS) w.readTokens[dataset] = await tokenFor(ts, w, identity, dataset);
  return w;
}

/** Drops what legitimately differs between two identical reads: request ids and freshly minted tokens. */
function stable(output: object): unknown {
  const { $metadata: _m, SyncSessionToken: _t, ...rest } = output as Record<string, unknown>;
  return rest;
}

const READ_DATASETS = [[0, 'profile'], [0, 'scratch'], [1, 'settings'], [1, 'notes']] as const;

/** Everything readable about the world, without starting sessions (SyncSessionsCount must not move). */
async function readAll(ts: TestServer, w: World): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const read = async (label: string, call: () => Promise<object>) => {
    const r = await attempt(call);
    out[label] = r.ok ? stable(r.value) : { error: r.error };
  };
  const P = { IdentityPoolId: w.poolId };
  await read('pool usage', () => ts.sync.send(new Sync.DescribeIdentityPoolUsageCommand(P)));
  await read('all pool usage', () => ts.sync.send(new Sync.ListIdentityPoolUsageCommand({})));
  for (const [i, id] of w.identities.entries()) {
    await read(`identity usage ${i}`, () => ts.sync.send(new Sync.DescribeIdentityUsageCommand({ ...P, IdentityId: id })));
    await read(`describe identity ${i}`, () => ts.identity.send(new Identity.DescribeIdentityCommand({ IdentityId: id })));
    await read(`datasets ${i}`, () => ts.sync.send(new Sync.ListDatasetsCommand({ ...P, IdentityId: id })));
  }
  await read('pool', () => ts.identity.send(new Identity.DescribeIdentityPoolCommand(P)));
  await read('pools', () => ts.identity.send(new Identity.ListIdentityPoolsCommand({ MaxResults: 60 })));
  await read('identities', () => ts.identity.send(new Identity.ListIdentitiesCommand({ ...P, MaxResults: 60 })));
  await read('configuration', () => ts.sync.send(new Sync.GetIdentityPoolConfigurationCommand(P)));
  await read('events', () => ts.sync.send(new Sync.GetCognitoEventsCommand(P)));
  await read('bulk publish', () => ts.sync.send(new Sync.GetBulkPublishDetailsCommand(P)));
  for (const [identity, dataset] of READ_DATASETS) {
    await read(`describe ${dataset}`, () => ts.sync.send(new Sync.DescribeDatasetCommand(place(w, identity, dataset))));
    for (const from of [0, 1, 2]) {
      await read(`records ${dataset} from ${from}`, () =>
        ts.sync.send(
          new Sync.ListRecordsCommand({ ...place(w, identity, dataset), LastSyncCount: from, SyncSessionToken: w.readTokens[dataset] }),
        ),
      );
    }
  }
  return out;
}

test('data, configuration and tokens survive a restart on the same database; counts continue', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const first = await startTestServer({ keepDir: dir });
  const w = await populate(first);
  const before = await readAll(first, w);
  await first.close();

  const second = await startTestServer({ keepDir: dir });
  try {
    assert.equal(second.dbPath, first.dbPath);
    assert.deepEqual(await readAll(second, w), before, 'every read answers as before the restart');
    // Guard against a vacuous comparison: the reads did see the data written above.
    const profile = before['records profile from 0'] as { Records: Array<{ Key: string; Value?: string }> };
    assert.deepEqual(
      profile.Records.map((r) => [r.Key, r.Value ?? null]).sort(),
      [['doomed', null], ['emoji 🎉', 'grüße €'], ['empty', ''], ['name', 'Ada L.'], ['never-seen', null]],
    );
    assert.deepEqual((before['records scratch from 1'] as { DatasetDeletedAfterRequestedSyncCount: boolean }).DatasetDeletedAfterRequestedSyncCount, true);
    const failedReads = Object.entries(before).flatMap(([label, v]) => ((v as { error?: unknown }).error ? [label] : []));
    assert.deepEqual(failedReads.sort(), [
      'describe notes',
      'describe scratch',
      'records notes from 1',
      'records notes from 2',
      'records settings from 2',
    ]);
    assert.deepEqual(
      {
        pool: (before.pool as { IdentityPoolName: string; IdentityPoolTags: unknown }).IdentityPoolName,
        identities: (before.identities as { Identities: unknown[] }).Identities.length,
        logins: (before['describe identity 1'] as { Logins: string[] }).Logins,
        streams: (before.configuration as { CognitoStreams: { StreamingStatus: string } }).CognitoStreams.StreamingStatus,
        events: (before.events as { Events: Record<string, string> }).Events,
        bulk: (before['bulk publish'] as { BulkPublishStatus: string }).BulkPublishStatus,
      },
      {
        pool: 'restart pool',
        identities: 2,
        logins: [FACEBOOK],
        streams: 'ENABLED',
        events: { SyncTrigger: 'arn:aws:lambda:us-east-1:123456789012:function:on-sync' },
        bulk: 'SUCCEEDED',
      },
    );

    // A token minted before the restart is still accepted, and counts go on from where they were.
    const notes = await second.sync.send(
      new Sync.UpdateRecordsCommand({
        ...place(w, 1, 'notes'),
        SyncSessionToken: w.tokenForNotes,
        RecordPatches: [{ Op: 'replace', Key: 'n', Value: 'after restart', SyncCount: 0 }],
      }),
    );
    assert.equal(notes.Records?.[0].SyncCount, 1);
    const profile2 = await write(second, w, 0, 'profile', [{ Op: 'replace', Key: 'doomed', Value: 'back', SyncCount: 2 }]);
    assert.equal(profile2.Records?.[0].SyncCount, 3, 'profile continues after its count of 2');
    const scratch = await write(second, w, 0, 'scratch', [{ Op: 'replace', Key: 'x', Value: 'again', SyncCount: 0 }]);
    assert.equal(scratch.Records?.[0].SyncCount, 3, 'a deleted dataset comes back after its kept counter of 2');

    // Identities, devices and the bulk-publish record are the same ones.
    const again = await second.identity.send(new Identity.GetIdCommand({ IdentityPoolId: w.poolId, Logins: { [FACEBOOK]: 'fb-user-7' } }));
    assert.equal(again.IdentityId, w.identities[1]);
    await second.sync.send(new Sync.SubscribeToDatasetCommand({ ...place(w, 0, 'settings'), DeviceId: w.deviceId }));
    const unknownDevice = await attempt(() =>
      second.sync.send(new Sync.SubscribeToDatasetCommand({ ...place(w, 0, 'settings'), DeviceId: 'not-a-registered-device' })),
    );
    assert.deepEqual(unknownDevice.ok ? 'ok' : unknownDevice.error, {
      name: 'ResourceNotFoundException',
      status: 404,
      message: "Device 'not-a-registered-device' not found.",
    });
    const republish = await attempt(() => second.sync.send(new Sync.BulkPublishCommand({ IdentityPoolId: w.poolId })));
    assert.equal(republish.ok ? 'ok' : republish.error.name, 'AlreadyStreamedException');
  } finally {
    await second.close();
  }

  // The writes made after the first restart survive a second one.
  const third = await startTestServer({ keepDir: dir });
  try {
    const page = await third.sync.send(new Sync.ListRecordsCommand({ ...place(w, 0, 'profile'), LastSyncCount: 2 }));
    assert.deepEqual(page.Records?.map((r) => [r.Key, r.Value, r.SyncCount]), [['doomed', 'back', 3]]);
    assert.equal(page.DatasetSyncCount, 3);
  } finally {
    await third.close();
  }
});

test('a token from another database (another secret) is refused, so the accepted one above was really checked', async () => {
  const one = await startTestServer({ keepDir: tempDir() });
  const other = await startTestServer({ keepDir: tempDir() });
  try {
    const target = { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001', IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000002', DatasetName: 'd' };
    const token = (await one.sync.send(new Sync.ListRecordsCommand(target))).SyncSessionToken!;
    const refused = await attempt(() =>
      other.sync.send(
        new Sync.UpdateRecordsCommand({ ...target, SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }),
      ),
    );
    assert.deepEqual(refused.ok ? 'ok' : refused.error, {
      name: 'InvalidParameterException',
      status: 400,
      message: 'SyncSessionToken not valid for these inputs',
    });
    const accepted = await attempt(() =>
      one.sync.send(
        new Sync.UpdateRecordsCommand({ ...target, SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }),
      ),
    );
    assert.ok(accepted.ok, 'the same token works on the server that minted it');
  } finally {
    await one.close();
    await other.close();
  }
});

/** Starts `cogsync serve` in a child process and resolves with its URL once it says it is listening. */
function spawnServe(dbPath: string, home: string): Promise<{ url: string; kill(): Promise<void> }> {
  const bin = new URL('../../bin/cogsync.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, COGSYNC_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cogsync serve did not start within 30 s; stdout: ${out} stderr: ${err}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cogsync serve exited early with ${code}; stderr: ${err}`));
    });
  });
}

test('every acknowledged write survives a SIGKILL of `cogsync serve`', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const served = await spawnServe(join(dir, 'test.db'), tempDir());
  const client = syncClientFor(served.url);
  const target = {
    IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-00000000c001',
    IdentityId: 'us-east-1:00000000-0000-4000-8000-00000000c002',
    DatasetName: 'crash',
  };
  const writes = 25;
  let token = '';
  try {
    token = (await client.send(new Sync.ListRecordsCommand(target))).SyncSessionToken!;
    for (let i = 0; i < writes; i++) {
      await client.send(
        new Sync.UpdateRecordsCommand({
          ...target,
          SyncSessionToken: token,
          RecordPatches: [
            { Op: 'replace', Key: 'counter', Value: String(i + 1), SyncCount: i },
            { Op: 'replace', Key: `key-${i}`, Value: `value ${i}`, SyncCount: 0 },
          ],
        }),
      );
    }
  } finally {
    client.destroy();
    await served.kill();
  }

  const after = await startTestServer({ keepDir: dir });
  try {
    const page = await after.sync.send(new Sync.ListRecordsCommand(target));
    assert.equal(page.DatasetSyncCount, writes);
    assert.equal(page.Records?.find((r) => r.Key === 'counter')?.Value, String(writes));
    assert.equal(page.Records?.filter((r) => r.Key?.startsWith('key-')).length, writes);
    const next = await after.sync.send(
      new Sync.UpdateRecordsCommand({
        ...target,
        SyncSessionToken: token,
        RecordPatches: [{ Op: 'replace', Key: 'counter', Value: 'after crash', SyncCount: writes }],
      }),
    );
    assert.equal(next.Records?.[0].SyncCount, writes + 1, 'the token minted before the crash is valid and counts continue');
  } finally {
    await after.close();
  }
});
