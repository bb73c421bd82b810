// Opened by a deep link, the palette still completes names from the lists above.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

it(':dataset completes from the identity datasets after a deep link straight into a dataset', async () => {
  const rig = await startAppRig({ rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' } });
  try {
    await rig.waitForIdle();
    await rig.press(':');
    await rig.type('dataset ');
    await rig.waitForText(/:dataset +game-state +inventory/);
    await rig.type('gam');
    await rig.press(KEYS.tab);
    await rig.waitForText(':dataset game-state');
    await rig.press(KEYS.enter);
    await rig.waitForText(/› game-state\n/);
    assert.equal(rig.dialog(), undefined);
  } finally {
    await rig.close();
  }
});
