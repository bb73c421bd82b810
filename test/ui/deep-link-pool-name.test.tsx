// A place reached by the pool's id (deep link, resumed place) names the pool in the breadcrumb once it is looked up.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID, DEMO_POOL_NAME } from '../../src/local/seed.js';


const describeCalls = (rig: { requestLog: { entries(): ReadonlyArray<{ operation: string }> } }) =>
  rig.requestLog.entries().filter((e) => e.operation === 'DescribeIdentityPool').length;

it('a deep link shows the pool name, not its id, and asks for it once', async () => {
  const rig = await startAppRig({ rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' } });
  try {
    await rig.waitForText(`local › ${DEMO_POOL_NAME} › `);
    await rig.waitForIdle();
    assert.doesNotMatch(rig.frame(), /de300000/, 'the id is gone from the screen');
    await rig.press(KEYS.escape);
    await rig.waitForText(/local › demo-pool › us-east-1:…\w+\n/);
    await rig.press(KEYS.escape);
    await rig.waitForText(/local › demo-pool\n/);
    await rig.waitForIdle();
    assert.equal(describeCalls(rig), 1, 'the levels above share the name: one DescribeIdentityPool');
  } finally {
    await rig.close();
  }
});

it('a name already looked up is given to a later place on the pool without asking again', async () => {
  const rig = await startAppRig({ rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice } });
  try {
    await rig.waitForText(`local › ${DEMO_POOL_NAME} › `);
    // A place on the same pool known by id only (as a resumed place or a jump by id would be).
    rig.actions().dispatch({ type: 'nav/jump', location: { screen: 'datasets', connection: 'local', poolId: DEMO_POOL_ID, identityId: DEMO_IDENTITIES.bob } });
    await rig.waitForText(/local › demo-pool › us-east-1:…\w+\n/);
    await rig.waitForIdle();
    assert.equal(describeCalls(rig), 1);
  } finally {
    await rig.close();
  }
});

it('a pool that cannot be described keeps its id; only the listing reports its error', async () => {
  const missing = 'us-east-1:00000000-0000-4000-8000-0000000000ff';
  const rig = await startAppRig({ rows: 30, deepLink: { pool: missing } });
  try {
    await rig.waitForIdle();
    await rig.waitForText(`local › ${missing}`);
    // The lookup is not counted as busy, so waitForIdle does not wait for it.
    await until(() => rig.requestLog.entries().some((e) => e.operation === 'DescribeIdentityPool' && e.state === 'error'), rig.frame);
    assert.equal(describeCalls(rig), 1);
    const failed = rig.requestLog.entries().filter((e) => e.errorCode !== undefined).map((e) => e.operation).sort();
    assert.deepEqual(failed, ['DescribeIdentityPool', 'ListIdentities'], 'both calls failed on the server');
    const dialog = rig.state().dialog;
    assert.equal(dialog?.kind === 'error' ? dialog.error.operation : dialog?.kind, 'ListIdentities', 'the error shown is the listing’s');
  } finally {
    await rig.close();
  }
});
