// Faults in the editor: the real app (app rig) connected through the fault-injecting proxy
// to the real local server. For each fault: the error shown (code, message, hint), the
// staged edit kept, the server holding the batch whole or not at all (read by another
// client), and the commit going through once the fault clears, without writing twice.
// Also: an expired sync session token, and a server with --auth sigv4.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { FAULTS, FaultProxy, only, type Fault } from '../helpers/fault-proxy.js';
import { startTestServer, TEST_CREDENTIALS, type TestServer } from '../helpers/local-server.js';
import { editValue, rigOn, serverRecords, writeAsOtherDevice, POOL, IDENTITY } from '../ui/records-helpers.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';

const TIMEOUT_MS = 800;
let clock = Date.now();
let server: TestServer;
let proxy: FaultProxy;

before(async () => {
  // Tokens live 60 s on the server's own (injected) clock, so a test can make them expire.
  server = await startTestServer({ seed: 'demo', tokenTtlSeconds: 60, now: () => clock });
  proxy = await FaultProxy.start(server.url);
});
after(async () => {
  await proxy.stop();
  await server.close();
});

/** The editor on `dataset`, connected through the proxy, with a short request timeout. */
function proxiedRig(dataset: string): Promise<AppRig> {
  return rigOn(server, dataset, {
    connections: [{ name: 'proxied', kind: 'local', endpointUrl: proxy.url }],
    connection: 'proxied',
    clientOptions: { requestTimeoutMs: TIMEOUT_MS },
  });
}

/** The error the editor shows, as its fields. */
function shownError(rig: AppRig): { code: string; message: string; hint?: string } | undefined {
  const d = rig.state().dialog;
  return d?.kind === 'error' ? { code: d.error.code, message: d.error.message, hint: d.error.hint } : undefined;
}

async function commit(rig: AppRig): Promise<void> {
  await rig.press('c');
  await rig.waitForText('Review: ');
  await rig.press('y');
}

interface Case {
  name: string;
  fault: Fault | 'refused';
  code: string;
  message: RegExp;
  hint?: RegExp;
  /** The server got the batch although the editor saw an error. */
  written: boolean;
}

const LOST = /^the batch may have been written before the answer was lost: commit again/;
const CASES: Case[] = [
  { name: 'connection refused', fault: 'refused', code: 'EndpointUnreachable', message: /^(cannot reach|the connection to) http:\/\/127\.0\.0\.1:\d+/, written: false },
  { name: 'connection reset mid-response', fault: FAULTS.resetMidResponse(), code: 'EndpointUnreachable', message: /^the connection to http:\/\/127\.0\.0\.1:\d+ was cut/, hint: LOST, written: true },
  { name: '500 InternalErrorException', fault: FAULTS.internalError(), code: 'InternalErrorException', message: /^injected: internal error$/, written: false },
  { name: '429 TooManyRequestsException', fault: FAULTS.throttled(), code: 'TooManyRequestsException', message: /^injected: Rate exceeded$/, hint: /throttling/, written: false },
  { name: 'an answer slower than the timeout', fault: FAULTS.slow(10_000), code: 'EndpointUnreachable', message: /^no answer from http:\/\/127\.0\.0\.1:\d+ in time/, hint: LOST, written: true },
  { name: 'expired credentials (ExpiredTokenException)', fault: FAULTS.expiredToken(), code: 'ExpiredTokenException', message: /security token included in the request is expired/, hint: /credentials have expired/, written: false },
];

describe('editor under faults (app rig → fault proxy → local server)', () => {
  it('a refresh that fails, then one that works, keeps what was staged on a dataset not created yet', async () => {
    const rig = await proxiedRig('editor-fault-new');
    try {
      await rig.waitForText('no records');
      await rig.press('a');
      await rig.type('k1');
      await rig.press(KEYS.tab);
      await rig.type('v1');
      await rig.press(KEYS.enter);
      await rig.waitForText(/\+ +k1/);
      proxy.inject({ fault: FAULTS.internalError(), match: only('ListRecords') }); // every try, the SDK's retries too
      await rig.press('r');
      await rig.waitForIdle();
      assert.equal(shownError(rig)?.code, 'InternalErrorException');
      proxy.clear();
      await rig.press(KEYS.escape);
      await rig.press('r');
      await rig.waitForIdle();
      const records = Object.values(rig.state().records)[0];
      assert.equal(records.status, 'loaded');
      assert.deepEqual([...records.dataset.staged.keys()], ['k1'], 'the staged add survived both refreshes');
    } finally {
      proxy.clear();
      await rig.close();
    }
  });

  for (const [n, c] of CASES.entries()) {
    it(`commit: ${c.name}`, { timeout: 60_000 }, async () => {
      const dataset = `editor-fault-${n}`;
      await writeAsOtherDevice(server, dataset, { k: 'v0', other: 'o' });
      const rig = await proxiedRig(dataset);
      try {
        await editValue(rig, 'k', 'v1');
        if (c.fault === 'refused') await proxy.stop();
        else proxy.inject({ fault: c.fault, match: only('UpdateRecords') });
        await commit(rig);
        await rig.waitForText(c.code, 20_000);
        await rig.waitForIdle(20_000);
        proxy.clear();
        await proxy.start();

        const error = shownError(rig);
        assert.ok(error, 'an error panel');
        assert.equal(error.code, c.code);
        assert.match(error.message, c.message);
        if (c.hint) assert.match(error.hint ?? '(no hint)', c.hint);
        assert.match(rig.frame(), new RegExp(`✗ ${c.code}: `), 'the code and message lead the error line');
        assert.equal(rig.state().staged.modified, 1, 'the staged edit is kept');
        assert.deepEqual(await serverRecords(server, dataset), c.written ? { k: 'v1', other: 'o' } : { k: 'v0', other: 'o' }, 'whole or nothing');

        await rig.press(KEYS.escape);
        await rig.waitForNoText(c.code);
        await commit(rig);
        await rig.waitForText(c.written ? 'Nothing sent: the server already had every change' : 'committed 1 change', 20_000);
        await rig.waitForIdle();
        assert.equal(rig.state().staged.modified, 0);
        assert.deepEqual(await serverRecords(server, dataset), { k: 'v1', other: 'o' });
      } finally {
        proxy.clear();
        await proxy.start();
        await rig.close();
      }
    });
  }

  it('an expired sync session token is replaced once (list again, send again); a token that keeps expiring is shown', { timeout: 60_000 }, async () => {
    await writeAsOtherDevice(server, 'editor-token', { k: 'v0' });
    const rig = await proxiedRig('editor-token');
    let expiries = 1;
    proxy.onRequest = (r) => {
      if (r.operation === 'UpdateRecords' && expiries > 0) {
        expiries--;
        clock += 61_000; // every token minted so far is now past its 60 s
      }
    };
    try {
      await editValue(rig, 'k', 'v1');
      await commit(rig);
      await rig.waitForText('committed 1 change (sync count 1 -> 2)');
      assert.deepEqual(await serverRecords(server, 'editor-token'), { k: 'v1' });

      expiries = 2;
      await editValue(rig, 'k', 'v2');
      await commit(rig);
      await rig.waitForText('SyncSessionToken has expired');
      assert.deepEqual(shownError(rig)?.code, 'InvalidParameterException');
      assert.equal(rig.state().staged.modified, 1);
      assert.deepEqual(await serverRecords(server, 'editor-token'), { k: 'v1' });
      await rig.press(KEYS.escape);
      await commit(rig);
      await rig.waitForText('committed 1 change (sync count 2 -> 3)');
      assert.deepEqual(await serverRecords(server, 'editor-token'), { k: 'v2' });
    } finally {
      proxy.onRequest = undefined;
      await rig.close();
    }
  });
});

describe('editor against `--auth sigv4`', () => {
  let signed: TestServer;
  before(async () => {
    signed = await startTestServer({ seed: 'demo', auth: TEST_CREDENTIALS });
  });
  after(async () => signed.close());

  /** An AWS-kind connection to the server's endpoint: the editor signs with the credential chain (env keys). */
  async function signedRig(dataset: string): Promise<AppRig> {
    const rig = await startAppRig({
      server: signed,
      rows: 30,
      connections: [{ name: 'signed', kind: 'aws', endpointUrl: signed.url, region: 'eu-west-1' }],
      connection: 'signed',
      deepLink: { pool: POOL, identity: IDENTITY, dataset },
    });
    await rig.waitForIdle();
    return rig;
  }

  it('with the right keys in the environment the editor browses and commits', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey });
    await writeAsOtherDevice(signed, 'signed-edit', { k: 'v0' }).catch(() => undefined);
    try {
      const rig = await signedRig('signed-edit');
      try {
        await editValue(rig, 'k', 'v1');
        await commit(rig);
        await rig.waitForText('committed 1 change');
      } finally {
        await rig.close();
      }
      // Read back with a signing client (the server refuses unsigned reads).
      const { ListRecordsCommand, CognitoSyncClient } = await import('@aws-sdk/client-cognito-sync');
      const reader = new CognitoSyncClient({ endpoint: signed.url, region: 'us-east-1', credentials: TEST_CREDENTIALS });
      const page = await reader.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: 'signed-edit' }));
      reader.destroy();
      assert.equal(page.Records?.find((r) => r.Key === 'k')?.Value, 'v1');
    } finally {
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: saved.id, AWS_SECRET_ACCESS_KEY: saved.secret });
    }
  });

  it('with a wrong secret the listing fails with NotAuthorizedException and the hint to check the keys', async () => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'not-the-server-secret';
    try {
      const rig = await startAppRig({
        server: signed,
        rows: 30,
        connections: [{ name: 'signed', kind: 'aws', endpointUrl: signed.url, region: 'eu-west-1' }],
        connection: 'signed',
      });
      try {
        const frame = await rig.waitForText('NotAuthorizedException', 20_000);
        assert.match(frame, /✗ NotAuthorizedException: The request signature we calculated does not match/);
        // The line is cut to the terminal's width; the hint is in the error itself.
        assert.match(shownError(rig)?.hint ?? '', /^the credentials were rejected: check the access key, the profile and the clock$/);
        assert.ok(rig.frames().every((f) => !f.includes('not-the-server-secret')), 'the secret is never shown');
      } finally {
        await rig.close();
      }
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
  });
});
