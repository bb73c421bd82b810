// An identity id pasted into the palette on the pools screen: no pool is open, so it cannot be
// opened, and it is not one of the pools listed. The palette says so; it opened the id as a
// pool and ended on an error screen ("IdentityPool '…a11c' not found").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';

describe('a pasted identity id on the pools screen', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ seed: 'demo' }); });
  after(async () => { await server.close(); });

  it('is refused with what to do; a pasted pool id still opens the pool', async () => {
    const rig = await startAppRig({ server, rows: 30 });
    try {
      await rig.waitForIdle();
      await rig.waitForText('demo-pool');
      await rig.press(':');
      await rig.type(DEMO_IDENTITIES.alice);
      await rig.press(KEYS.enter);
      await rig.waitForText('not a pool: open its pool first, then paste it');
      assert.equal(currentLocation(rig.state()).screen, 'pools');
      assert.equal(rig.requestLog.entries().some((e) => e.state === 'error'), false, 'no call failed');
      await rig.press(KEYS.escape);
      await rig.press(':');
      await rig.type(DEMO_POOL_ID);
      await rig.press(KEYS.enter);
      await until(() => currentLocation(rig.state()).screen === 'identities', () => rig.frame());
    } finally {
      await rig.close();
    }
  });
});
