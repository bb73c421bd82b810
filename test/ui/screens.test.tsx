import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS } from '../helpers/ink.js';
import { tempHome } from '../helpers/home.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

async function withRig(options: Parameters<typeof startAppRig>[0], body: (rig: AppRig) => Promise<void>) {
  const rig = await startAppRig({ server, ...options });
  try {
    await rig.waitForIdle();
    await body(rig);
  } finally {
    await rig.close();
  }
}

describe('screens', () => {
  it('Pools: name, id, storage, sync sessions, modified', async () => {
    await withRig({}, async (rig) => {
      const f = await rig.waitForText('demo-pool');
      assert.match(f, /^› +demo-pool +us-east-1:de300…00-000000000001 +\d+(\.\d)? [KM]B +\d+ \d{4}-\d\d-\d\d \d\d:\d\d$/m);
    });
  });

  it('Identities: id, dates and login providers', async () => {
    await withRig({ deepLink: { pool: DEMO_POOL_ID } }, async (rig) => {
      const f = await rig.waitForText('unauthenticated');
      assert.match(f, /^› +us-east-1:de300…00-00000000a11c +\d{4}-\d\d-\d\d \d\d:\d\d +\d{4}-\d\d-\d\d \d\d:\d\d +unauthenticated$/m);
      assert.match(f, /1–\d of \d/);
    });
  });

  it('Datasets: name, records, size, last modified, by', async () => {
    await withRig({ deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice } }, async (rig) => {
      const f = await rig.waitForText('inventory');
      assert.match(f, /^ +inventory +1000 +\d+ KB +\d{4}-\d\d-\d\d \d\d:\d\d +phone-7f3a2c$/m);
      assert.match(f, /^ m profile\.us-east-1:de300000-000… +\d+ /m, 'a merged dataset, marked m, name cut to its column');
      assert.match(f, /1–4 of 4/);
    });
  });

  it('Records: hostile values shown escaped; tombstones hidden until T shows them', async () => {
    await withRig({ deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' } }, async (rig) => {
      await rig.press('/');
      await rig.type('motd');
      const f = await rig.waitForText('\\e[31mALERT');
      assert.match(f, /^› +motd +\\e\[31mALERT\\e\[… +\d+ /m, 'escaped, and cut to its column');
      assert.ok(!rig.frames().some((fr) => fr.includes('\u001b') || fr.includes('\u0007')), 'no raw ESC or BEL ever drawn');
      await rig.press(KEYS.escape);
      await rig.waitForNoText('/motd');
      assert.doesNotMatch(rig.frame(), /oldNickname/, 'tombstones hidden by default');
      await rig.press('T');
      const all = await rig.waitForText(/\(removed\)/);
      assert.match(all, /^ +oldNickname +\(removed\) +\d+ /m, 'a tombstone, with its SyncCount');
    });
  });

  it('Connections: the local server, given connections and AWS profiles (no secrets, no AWS call)', async () => {
    const home = tempHome('cogsync-aws-');
    const config = join(home.dir, 'config');
    writeFileSync(config, '[default]\nregion = eu-west-1\n[profile prod]\nsso_session = corp\nregion = us-west-2\n[sso-session corp]\nsso_region = us-east-1\n');
    const credentials = join(home.dir, 'credentials');
    writeFileSync(credentials, '[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = do-not-show-me\n');
    try {
      await withRig(
        { env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }, connections: [{ name: 'dead', kind: 'local', endpointUrl: 'http://127.0.0.1:9' }] },
        async (rig) => {
          await rig.press(':');
          await rig.type('conn');
          await rig.press(KEYS.enter);
          await rig.waitForIdle();
          const f = await rig.waitForText('profile · sso');
          assert.equal(currentLocation(rig.state()).screen, 'connections');
          assert.match(f, /^› +local +local +– +local server · http:\/\/127\.0\.0\.1:\d+$/m);
          assert.match(f, /^ +dead +local +– +local server · http:\/\/127\.0\.0\.1:9$/m);
          assert.match(f, /^ +default +aws +eu-west-1 +profile$/m);
          assert.match(f, /^ +prod +aws +us-west-2 +profile · sso$/m);
          assert.match(f, /^ +ci +aws +– +profile$/m);
          assert.doesNotMatch(f, /AKIDEXAMPLE|do-not-show-me/);
          assert.match(f, /1–5 of 5/);
          assert.equal(rig.frame().split('\n')[1], 'connections');

          // A dead endpoint: connecting works (no call), listing pools fails with a clear error.
          await rig.press('j');
          await rig.press(KEYS.enter);
          const failed = await rig.waitForText('EndpointUnreachable', 30_000);
          assert.match(failed, /^\[RW\] dead · us-east-1 · http:\/\/127\.0\.0\.1:9/m);
          assert.match(failed, /could not list identity pools/);
        },
      );
    } finally {
      home.cleanup();
    }
  });
});
