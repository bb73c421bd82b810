import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { createAppActions } from '../../src/ui/app-actions.js';
import { createConnector } from '../../src/ui/data/connector.js';
import { appReducer, currentLocation, initialState, listAt, type AppState } from '../../src/ui/state/app-reducer.js';
import { locationKey } from '../../src/ui/state/navigation.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID, DEMO_POOL_NAME } from '../../src/local/seed.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

/** The actions over a plain store, against the real server (no React). */
function setup() {
  let state: AppState = initialState({ connection: null, connectionName: 'local', terminalRows: 24 });
  const log = new RequestLog();
  const connector = createConnector({
    connections: [{ name: 'local', kind: 'local', endpointUrl: server.url }],
    includeProfiles: false,
    requestLog: log,
  });
  const confirmed: string[] = [];
  const actions = createAppActions({
    getState: () => state,
    dispatch: (a) => void (state = appReducer(state, a)),
    connector,
    toast: () => {},
    onConfirm: (purpose) => void confirmed.push(purpose),
  });
  return { actions, state: () => state, log, confirmed, close: () => connector.close() };
}

describe('app actions', () => {
  it('connects, lists and counts calls (busy back to 0, every call logged)', async () => {
    const t = setup();
    try {
      assert.equal(await t.actions.connect('local'), true);
      assert.equal(t.state().connection?.endpoint, server.url);
      await t.actions.load(currentLocation(t.state()));
      const pools = listAt(t.state(), locationKey({ screen: 'pools', connection: 'local' }));
      assert.deepEqual(pools.rows.map((r) => r.id), [DEMO_POOL_ID]);
      assert.equal(t.state().busy, 0);
      assert.deepEqual(t.log.entries().map((e) => e.operation), ['ListIdentityPools', 'ListIdentityPoolUsage']);
      assert.equal(t.log.inFlight, 0);
    } finally {
      await t.close();
    }
  });

  it('jumps with the palette by pool name, identity id and dataset, and refuses what has no context', async () => {
    const t = setup();
    try {
      await t.actions.connect('local');
      assert.match((await t.actions.runPalette('identity x:1')) ?? '', /open a pool first/);
      assert.equal(t.state().dialog?.kind, 'palette', 'the palette stays open with the error');
      assert.equal(await t.actions.runPalette(`pool ${DEMO_POOL_NAME.toUpperCase()}`), undefined);
      assert.deepEqual(currentLocation(t.state()), { screen: 'identities', connection: 'local', poolId: DEMO_POOL_ID, poolName: DEMO_POOL_NAME });
      assert.equal(t.state().dialog, null);
      assert.match((await t.actions.runPalette('dataset settings')) ?? '', /open an identity first/);
      assert.equal(await t.actions.runPalette(DEMO_IDENTITIES.bob), undefined, 'a pasted id inside a pool is an identity');
      assert.equal(await t.actions.runPalette('ds notes'), undefined);
      const here = currentLocation(t.state());
      assert.equal(here.screen === 'records' && here.dataset, 'notes');
      assert.equal(t.state().nav.stack.length, 5, 'Esc walks back through every level');
      assert.match((await t.actions.runPalette('pool nope')) ?? '', /no pool named 'nope' on local/);
      // Malformed names are refused before the jump, with the palette kept open, not found later by the server.
      const before = currentLocation(t.state());
      assert.match((await t.actions.runPalette('dataset ../../etc')) ?? '', /Dataset name "\.\.\/\.\.\/etc" is invalid: use 1–128 characters/);
      assert.match((await t.actions.runPalette('identity us-east-1:nope')) ?? '', /Identity id "us-east-1:nope" is invalid/);
      assert.deepEqual(currentLocation(t.state()), before, 'no jump');
      assert.equal(t.state().dialog?.kind, 'palette');
    } finally {
      await t.close();
    }
  });

  it('asks before leaving staged changes: quit and switching connection', async () => {
    const t = setup();
    try {
      await t.actions.connect('local');
      t.actions.dispatch({ type: 'staged/set', counts: { modified: 2, added: 0, removed: 1 } });
      t.actions.quit();
      assert.equal(t.state().dialog?.kind, 'quit');
      assert.equal(t.state().quitting, false);
      t.actions.closeDialog();
      t.actions.switchConnection('local');
      const dialog = t.state().dialog;
      assert.equal(dialog?.kind === 'confirm' && dialog.focus, 'cancel', 'Cancel is the default');
      t.actions.answerConfirm(false);
      assert.equal(t.state().dialog, null);
      t.actions.openDialog({ kind: 'confirm', purpose: 'discardAll', title: 't', message: 'm', confirmLabel: 'Discard', focus: 'cancel' });
      t.actions.answerConfirm(true);
      assert.deepEqual(t.confirmed, ['discardAll'], 'other purposes go to their feature');
      t.actions.dispatch({ type: 'staged/set', counts: { modified: 0, added: 0, removed: 0 } });
      t.actions.quit();
      assert.equal(t.state().quitting, true);
    } finally {
      await t.close();
    }
  });

  it('reports an unknown connection as an error and stays put', async () => {
    const t = setup();
    try {
      assert.equal(await t.actions.connect('nope'), false);
      assert.equal(t.state().dialog?.kind, 'error');
      assert.match(t.state().messages[0].message, /unknown connection 'nope'/);
      assert.equal(t.state().connection, null);
    } finally {
      await t.close();
    }
  });
});
