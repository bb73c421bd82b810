// The debugging and demo tools in the real editor, on the REAL local server through the REAL
// SDK: the request inspector, watch mode (another SDK client's write seen within two polls,
// backoff when the server goes away), the sync timeline, the second device, merged datasets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ListDatasetsCommand, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { demoServersClosedAfter, startTestServer, type TestServer } from '../helpers/local-server.js';
import { LOCAL_CREDENTIALS } from '../../src/aws/clients.js';
import { DEMO_DEVICES, DEMO_IDENTITIES, DEMO_MERGED_IDENTITY, DEMO_POOL_ID } from '../../src/local/seed.js';
import { currentKey, currentLocation } from '../../src/ui/state/app-reducer.js';
import { DEMO_DEVICE_ID } from '../../src/ui/demo/demo-device.js';
import type { DeepLink } from '../../src/ui/state/navigation.js';

const demoServer = demoServersClosedAfter();

const alice = DEMO_IDENTITIES.alice;
const profileLink = { pool: DEMO_POOL_ID, identity: alice, dataset: 'profile' };
const address = { IdentityPoolId: DEMO_POOL_ID, IdentityId: alice, DatasetName: 'profile' };

async function rigOn(server: TestServer, deepLink: DeepLink, rows = 30): Promise<AppRig> {
  const rig = await startAppRig({ server, deepLink, rows });
  await rig.waitForIdle();
  return rig;
}

/** Writes `values` as another device through its own SDK client (not the editor's). */
async function writeElsewhere(server: TestServer, values: Record<string, string>, deviceId: string): Promise<void> {
  const client = server.newSyncClient();
  const listed = await client.send(new ListRecordsCommand(address));
  const counts = new Map((listed.Records ?? []).map((r) => [r.Key!, r.SyncCount!]));
  await client.send(
    new UpdateRecordsCommand({
      ...address,
      SyncSessionToken: listed.SyncSessionToken,
      DeviceId: deviceId,
      RecordPatches: Object.entries(values).map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: counts.get(Key) ?? 0 })),
    }),
  );
}

/** Filters the records table to one key, so it is the selected row. */
async function selectKey(rig: AppRig, key: string): Promise<void> {
  await rig.press('/');
  await rig.type(key);
  await rig.press(KEYS.enter);
  await rig.waitForText(/1–1 of 1|1\/\d+/);
}

/** Stages highScore = 5000 in the open records screen; returns the screen's key. */
function stageHighScore(rig: AppRig): string {
  const key = currentKey(rig.state());
  rig.actions().dispatch({ type: 'records', key, action: { type: 'dataset', action: { type: 'put', key: 'highScore', value: '5000' } } });
  return key;
}

/** c then y on a staged edit another device overwrote: the commit ends in the conflict dialog. */
async function commitIntoConflict(rig: AppRig): Promise<void> {
  await rig.press('c');
  await until(() => rig.dialog() === 'review', rig.frame);
  await rig.press('y');
  await until(() => rig.dialog() === 'conflict', rig.frame, 10_000);
}

describe('debugging and demo tools (real local server, real SDK)', () => {
  it('i lists every call of the session; Enter shows one with request and response, no secrets; Esc goes back, then out', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, profileLink);
    try {
      await rig.waitForText('displayName');
      await rig.press('i');
      let f = await rig.waitForText('Request inspector');
      assert.equal(rig.dialog(), 'inspector');
      assert.match(f, /› \d\d:\d\d:\d\d\.\d{3} ListRecords +200 +\d+ms [0-9a-f]{8}… seen 3 · 1–3 +profile · id …a11c/);
      // The newest call is selected: ListRecords of the profile is the last call made.
      await rig.press(KEYS.enter);
      f = await rig.waitForText('request and response');
      assert.match(f, /ListRecords · cognito-sync · local · http:\/\/127\.0\.0\.1:\d+/);
      assert.match(f, /"DatasetName": "profile"/);
      assert.match(f, /request id [0-9a-f-]{36}/);
      // The response is further down: page through it.
      const seen = () => rig.frames().some((fr) => fr.includes('"DatasetSyncCount": 3'));
      for (let i = 0; i < 30 && !seen(); i++) await rig.press(KEYS.pageDown);
      assert.ok(seen(), 'the response body is shown (DatasetSyncCount)');
      assert.ok(rig.frames().some((fr) => /"Key": "highScore",[^\n]*\n[^\n]*"Value": "4200"/.test(fr)), 'records of the response');
      for (const frame of rig.frames()) assert.ok(!frame.includes(LOCAL_CREDENTIALS.secretAccessKey), 'no secret on screen');
      await rig.press(KEYS.escape);
      await rig.waitForText('Request inspector');
      assert.equal(rig.dialog(), 'inspector');
      await rig.press(KEYS.escape);
      await rig.waitForNoText('Request inspector');
      assert.equal(rig.dialog(), undefined);
    } finally {
      await rig.close();
    }
  });

  it('watch mode sees another SDK client\'s write within two polls, marks it, and shows it in the timeline', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, profileLink);
    try {
      await rig.waitForText('displayName');
      const intervalMs = 100;
      rig.actions().dispatch({ type: 'watch', action: { type: 'configure', intervalMs } });
      await rig.press('w');
      await rig.waitForText('Watch on');
      assert.equal(rig.state().watch.enabled, true);
      // Let the watch settle into its rhythm (a first poll done) before writing elsewhere.
      await until(() => rig.state().watch.status.lastPollAt !== undefined, rig.frame);
      const log = () => rig.state().watch; // for messages
      const pollsSince = (from: number) =>
        logEntries(rig).filter((e) => e.id > from && e.operation === 'ListRecords' && (e.params as { LastSyncCount?: number }).LastSyncCount !== undefined && (e.params as { LastSyncCount?: number }).LastSyncCount! > 0);
      const lastId = Math.max(0, ...logEntries(rig).map((e) => e.id));
      await writeElsewhere(server, { motd: 'hello from phone-2' }, 'phone-2');
      await rig.waitForText(/ R motd +hello from pho… +4 .* phone-2/, 5_000);
      // Seen by the first or second poll after the write: within two intervals. (Counted up to the poll that saw it,
      // not up to when this test looks: under load more polls may run before the frame is read.)
      const polls = pollsSince(lastId);
      const seenBy = polls.findIndex((e) => e.datasetSyncCount === 4) + 1;
      assert.ok(seenBy >= 1 && seenBy <= 2, `seen by poll ${seenBy} of ${polls.length}; watch ${JSON.stringify(log().status)}`);
      const key = currentKey(rig.state());
      assert.deepEqual([...rig.state().watch.datasets[key].changed.keys()], ['motd']);
      assert.equal(rig.state().watch.datasets[key].changed.get('motd')?.lastModifiedBy, 'phone-2');
      assert.equal(rig.state().records[key].dataset.base.records.get('motd')?.value, 'hello from phone-2');
      assert.match(rig.frame(), /watch 100ms · (ok \d\d:\d\d:\d\d|polling…)/);

      rig.actions().dispatch({ type: 'watch', action: { type: 'toggle' } }); // off: the timeline stays still
      await rig.press('t');
      const f = await rig.waitForText('Sync timeline of profile');
      assert.equal(rig.dialog(), 'timeline');
      // The seed wrote counts 1–3 a week ago: every row carries the date (editor style), today's too.
      assert.match(f, /› sc 4 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}phone-2 {2}motd/);
      assert.match(f, new RegExp(`sc 3 {2}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d {2}${DEMO_DEVICES.phone} {2}highScore, settings`));
      assert.match(f, new RegExp(`sc 2 .*${DEMO_DEVICES.tablet} .*-oldNickname`));
      assert.match(f, /from listing, watch, request log/);
      await rig.press(KEYS.escape);
      await rig.waitForNoText('Sync timeline');
    } finally {
      await rig.close();
    }
  });

  it('watch mode flags a staged key that changed remotely before the commit (the commit then asks)', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, profileLink);
    try {
      await rig.waitForText('displayName');
      const key = stageHighScore(rig);
      rig.actions().dispatch({ type: 'watch', action: { type: 'configure', intervalMs: 100, enabled: true } });
      await until(() => rig.state().watch.status.lastPollAt !== undefined, rig.frame);
      await writeElsewhere(server, { highScore: '9999' }, 'tablet-2');
      const f = await rig.waitForText('! 1 staged key changed on the server: "highScore" (the commit will ask)', 5_000);
      assert.match(f, /M highScore +5000 +4 /, 'still staged, at the new server count');
      assert.equal(rig.state().records[key].dataset.staged.get('highScore')?.base?.syncCount, 3, 'the staged base stays what was edited');
      await selectKey(rig, 'highScore');
      await rig.waitForText('! changed on the server since staged');
      rig.actions().dispatch({ type: 'watch', action: { type: 'configure', enabled: false } });
      await commitIntoConflict(rig);
    } finally {
      await rig.close();
    }
  });

  it('watch mode backs off (capped exponential) when the server goes away, and says so', async () => {
    const server = await startTestServer({ seed: 'demo', inMemory: true });
    const rig = await rigOn(server, profileLink);
    try {
      await rig.waitForText('displayName');
      rig.actions().dispatch({ type: 'watch', action: { type: 'configure', intervalMs: 100 } });
      await rig.press('w');
      await until(() => rig.state().watch.status.lastPollAt !== undefined, rig.frame);
      await server.close();
      await until(() => rig.state().watch.status.failures >= 2, rig.frame, 10_000);
      const status = rig.state().watch.status;
      assert.equal(status.phase === 'backoff' || status.phase === 'polling', true);
      assert.match(status.lastError ?? '', /EndpointUnreachable|ECONNREFUSED|connect/i);
      await rig.waitForText(/watch 100ms · backing off \(error ×\d+\)/);
      // The waits grow: after n failures the next poll is 100 ms × 2^n away (capped).
      const backoff = rig.state().watch.status;
      if (backoff.phase === 'backoff') assert.equal(backoff.delayMs, Math.min(60_000, 100 * 2 ** backoff.failures));
    } finally {
      await rig.close();
    }
  });

  it('D writes the selected record as a second device: a staged edit of it then conflicts on commit', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, profileLink);
    try {
      await rig.waitForText('displayName');
      stageHighScore(rig);
      await selectKey(rig, 'highScore');
      await rig.press('D');
      await rig.waitForText(`${DEMO_DEVICE_ID} wrote "highScore" at SyncCount 4: your staged edit of it will conflict`);
      const listed = await server.sync.send(new ListRecordsCommand(address));
      const written = listed.Records?.find((r) => r.Key === 'highScore');
      assert.equal(written?.Value, '4201');
      assert.equal(written?.LastModifiedBy, DEMO_DEVICE_ID);
      const demoCalls = logEntries(rig).filter((e) => e.connection === DEMO_DEVICE_ID);
      assert.deepEqual(demoCalls.map((e) => e.operation), ['ListRecords', 'UpdateRecords'], 'its own client, in the inspector too');
      await commitIntoConflict(rig);
    } finally {
      await rig.close();
    }
  });

  it('merged datasets: marked and named in a banner; C compares, S stages into the main dataset, d deletes after asking', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, { pool: DEMO_POOL_ID, identity: alice });
    const merged = `profile.${DEMO_MERGED_IDENTITY}`;
    try {
      let f = await rig.waitForText('merged in from another identity');
      assert.match(f, /\nm profile\.…da7e merged in from another identity · Enter opens · C compares with profile · d deletes\n/);
      assert.match(f, / m profile\.us-east-1:/, 'the row is marked m');
      await rig.press('/');
      await rig.type('profile.');
      await rig.press(KEYS.enter);
      await rig.waitForText(/1\/4|1–1 of 1/);
      await rig.press('C');
      f = await rig.waitForText('vs profile');
      assert.equal(rig.dialog(), 'mergedCompare');
      assert.match(f, /≠ displayName +differs +"Alice \(old phone\)" +"Alice"/);
      assert.match(f, /≠ highScore +differs +"2500" +"4200"/);
      assert.match(f, /2 keys would change profile/);
      await rig.press('S');
      await rig.waitForText('Staged 2 keys from');
      assert.equal(currentLocation(rig.state()).screen, 'records');
      const key = currentKey(rig.state());
      const staged = rig.state().records[key].dataset.staged;
      assert.deepEqual([...staged.keys()].sort(), ['displayName', 'highScore']);
      assert.deepEqual(staged.get('highScore')?.op, { kind: 'replace', value: '2500' });
      assert.equal(rig.state().staged.modified, 2);

      // Back to the datasets: delete the merged one (asks first, Cancel focused).
      await rig.press(KEYS.escape);
      await rig.waitForIdle();
      await rig.waitForText('merged in from another identity');
      await rig.press('d');
      await until(() => rig.dialog() === 'confirm', rig.frame);
      await rig.waitForText('Delete the merged dataset "profile.…da7e"?');
      await rig.press('y');
      await rig.waitForText(`Deleted ${merged}`);
      await rig.waitForIdle();
      const datasets = await server.sync.send(new ListDatasetsCommand({ IdentityPoolId: DEMO_POOL_ID, IdentityId: alice }));
      assert.ok(!datasets.Datasets?.some((d) => d.DatasetName === merged));
      await rig.waitForNoText('merged in from another identity');
    } finally {
      await rig.close();
    }
  });

  it('the merged compare shows your staged value; staging over it says so (u brings yours back)', async () => {
    const server = await demoServer();
    const rig = await rigOn(server, { pool: DEMO_POOL_ID, identity: alice, dataset: 'profile' });
    try {
      await rig.waitForText('highScore');
      await rig.press('/');
      await rig.type('highScore');
      await rig.press(KEYS.enter);
      await rig.press('e');
      await rig.waitForText('edit highScore');
      await rig.press('\u0015');
      await rig.type('5000');
      await rig.press(KEYS.enter);
      await until(() => Object.values(rig.state().records)[0]?.dataset.staged.has('highScore') === true, rig.frame);
      await rig.press(KEYS.escape); // the filter
      await rig.press(KEYS.escape); // up to the datasets
      await rig.waitForText('merged in from another identity');
      await rig.press('/');
      await rig.type('profile.');
      await rig.press(KEYS.enter);
      await rig.press('C');
      const f = await rig.waitForText('vs profile');
      // The main column shows the value you staged (marked *), not the server's 4200.
      assert.match(f, /≠ highScore +differs +"2500" +\*"5000"/);
      assert.match(f, /2 keys would change profile · \* your staged value, not sent yet/);
      await rig.press('S');
      await rig.waitForText('replacing your staged "highScore"');
      const key = currentKey(rig.state());
      assert.deepEqual(rig.state().records[key].dataset.staged.get('highScore')?.op, { kind: 'replace', value: '2500' });
    } finally {
      await rig.close();
    }
  });
});

function logEntries(rig: AppRig) {
  return rig.requestLog.entries();
}
