// `:pool NAME` when two pools carry that name (Cognito allows it): the palette says so and
// asks for the id instead of silently opening the first one listed (the message fits a
// palette line: the ids themselves are in the pools list).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';

describe(':pool with a name two pools share', () => {
  let server: TestServer;
  let twinId = '';
  before(async () => {
    server = await startTestServer();
    for (const name of ['twin', 'twin']) {
      const made = await server.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }));
      twinId = made.IdentityPoolId!;
    }
  });
  after(async () => { await server.close(); });

  it('refuses to guess; the id opens the one meant', async () => {
    const rig = await startAppRig({ server, rows: 30 });
    try {
      await rig.waitForIdle();
      await rig.press(':');
      await rig.type('pool twin');
      await rig.press(KEYS.enter);
      await rig.waitForText("2 pools are named 'twin': :pool ID opens one (ids in the list)");
      assert.equal(currentLocation(rig.state()).screen, 'pools', 'nothing opened');
      await rig.press(KEYS.escape);
      await rig.press(':');
      await rig.type(`pool ${twinId}`);
      await rig.press(KEYS.enter);
      await until(() => { const l = currentLocation(rig.state()); return l.screen === 'identities' && l.poolId === twinId; }, () => rig.frame());
    } finally {
      await rig.close();
    }
  });
});
