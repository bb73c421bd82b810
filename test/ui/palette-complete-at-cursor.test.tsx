// Tab in the `:` palette completes the word at the cursor, not the whole line (the real app on the demo server).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { DEMO_POOL_ID, DEMO_POOL_NAME } from '../../src/local/seed.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';

it('Tab completes the command word under the cursor, then an argument from the part before the cursor', async () => {
  const rig = await startAppRig({ rows: 30 });
  try {
    await rig.waitForIdle();
    await rig.press(':');
    // `:po| demo-pool`: the command word is completed, the argument stays, the cursor ends after `pool`.
    await rig.type('po demo-pool');
    await rig.waitForText(':po demo-pool');
    await rig.press(KEYS.home);
    await rig.press(KEYS.right);
    await rig.press(KEYS.right);
    await until(() => { const d = rig.state().dialog; return d?.kind === 'palette' && d.cursor === 2; }, () => rig.frame());
    await rig.press(KEYS.tab);
    await rig.waitForText(`:pool ${DEMO_POOL_NAME}`);
    const dialog = rig.state().dialog;
    assert.ok(dialog?.kind === 'palette');
    assert.equal(dialog.input, `pool ${DEMO_POOL_NAME}`);
    assert.equal(dialog.cursor, 'pool'.length, 'the cursor ends after the completed word');
    // `:pool de|xyz` (the cursor inside the word): completes from `de` and replaces the whole word.
    await rig.press(KEYS.end);
    for (let i = 0; i < DEMO_POOL_NAME.length - 2; i++) await rig.press(KEYS.backspace);
    await rig.type('xyz');
    for (let i = 0; i < 3; i++) await rig.press(KEYS.left);
    await rig.waitForText(':pool dexyz');
    await until(() => { const d = rig.state().dialog; return d?.kind === 'palette' && d.cursor === 'pool de'.length; }, () => rig.frame());
    await rig.press(KEYS.tab);
    await rig.waitForText(`:pool ${DEMO_POOL_NAME}`);
    await rig.press(KEYS.enter);
    await until(() => { const l = currentLocation(rig.state()); return l.screen === 'identities' && l.poolId === DEMO_POOL_ID; }, () => rig.frame());
    assert.equal(rig.dialog(), undefined);
  } finally {
    await rig.close();
  }
});
