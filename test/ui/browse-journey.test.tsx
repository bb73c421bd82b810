import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

// One demo server for the file; each test gets its own app (and COGSYNC_HOME).
let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

async function rigAt(options: Parameters<typeof startAppRig>[0] = {}): Promise<AppRig> {
  const rig = await startAppRig({ server, ...options });
  await rig.waitForIdle();
  return rig;
}

const screen = (rig: AppRig) => currentLocation(rig.state()).screen;

describe('browse journey (real local server, real SDK)', () => {
  it('drills down pool → identity → dataset → records, with breadcrumbs, then back up', async () => {
    const rig = await rigAt();
    try {
      let f = await rig.waitForText('demo-pool');
      assert.match(f, new RegExp(`^\\[RW\\] local · us-east-1 · ${server.url.replace(/[.:/]/g, '\\$&')}`));
      assert.match(f, /\n {3}pool +id +storage +sessions +modified\n/);
      assert.match(f, /1–1 of 1/);

      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      // The breadcrumb is drawn before the list loads: wait for a listed row, not the breadcrumb.
      f = await rig.waitForText(new RegExp(DEMO_IDENTITIES.alice.slice(-12)));
      assert.match(f, /local › demo-pool\n/);
      assert.match(f, /unauthenticated/);

      // Select alice by filtering to her id, then drill in.
      await rig.press('/');
      await rig.type('a11c');
      f = await rig.waitForText(/\/a11c .*1\/\d+/);
      await rig.press(KEYS.enter); // keeps the filter, leaves the bar
      await rig.press(KEYS.enter); // opens the selected identity
      await rig.waitForIdle();
      f = await rig.waitForText(/local › demo-pool › us-east-1:…a11c\n[\s\S]*\bprofile\b/);
      assert.match(f, /\n {3}dataset +records +size +modified +by\n/);
      for (const name of ['game-state', 'inventory', 'profile']) assert.match(f, new RegExp(`\\b${name}\\b`));

      await rig.press('/');
      await rig.type('inv');
      await rig.press(KEYS.enter);
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      f = await rig.waitForText(/› inventory\n[\s\S]*\n1–\d+ of 1,0\d\d/);
      assert.equal(screen(rig), 'records');
      assert.match(f, new RegExp(`\n1–${rig.state().viewport} of 1,0\\d\\d`), 'a thousand records, windowed');
      assert.equal(f.split('\n').length, 24 - 1, 'the frame is exactly rows - 1 high');

      // Esc walks back up; the datasets filter is still there, so the first Esc clears it.
      await rig.press(KEYS.escape);
      await rig.waitForText(/\/inv\s+1\/\d+/);
      assert.equal(screen(rig), 'datasets');
      await rig.press(KEYS.escape);
      await rig.waitForNoText('/inv');
      assert.equal(screen(rig), 'datasets');
      await rig.press(KEYS.escape);
      await rig.waitForText(/\/a11c/);
      assert.equal(screen(rig), 'identities');
      await rig.press(KEYS.escape);
      await rig.press(KEYS.escape);
      await rig.waitForText('1–1 of 1');
      assert.equal(screen(rig), 'pools');
    } finally {
      await rig.close();
    }
  });

  it('moves with j/k, End and Home, and keeps the selection when coming back', async () => {
    const rig = await rigAt({ deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'game-state' } });
    try {
      let f = await rig.waitForText('game-state');
      const total = Number(/of (\d[\d,]*)/.exec(f)![1].replace(',', ''));
      assert.ok(total > rig.state().viewport, 'more records than fit');
      await rig.press('G');
      f = await rig.waitForText(new RegExp(`–${total} of ${total}`));
      await rig.press('g');
      await rig.waitForText(new RegExp(`^1–\\d+ of ${total}`, 'm'));
      await rig.press(KEYS.escape);
      await rig.waitForIdle();
      await rig.press('j');
      await rig.press('j');
      f = await rig.waitForText(/^› +profile /m);
      const selected = /^› +(\S+)/m.exec(f)![1];
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.press(KEYS.escape);
      await rig.waitForIdle();
      await rig.waitForText(new RegExp(`^› +${selected} `, 'm'));
      await rig.press('k');
      await rig.waitForText(/^› +inventory /m);
    } finally {
      await rig.close();
    }
  });

  it('jumps with the : palette, completing names, and explains bad commands', async () => {
    const rig = await rigAt();
    try {
      await rig.press(':');
      await rig.type('po');
      await rig.press(KEYS.tab);
      await rig.waitForText(':pool  ');
      await rig.type('de');
      await rig.press(KEYS.tab);
      await rig.waitForText(':pool demo-pool');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.waitForText('local › demo-pool\n');
      assert.equal(rig.dialog(), undefined);

      await rig.press(':');
      await rig.type(`identity ${DEMO_IDENTITIES.bob}`);
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.waitForText('us-east-1:…0b0b');
      await rig.press(':');
      await rig.type('dataset ');
      await rig.waitForText(/:dataset +notes  profile/);
      await rig.type('n');
      await rig.press(KEYS.tab);
      await rig.waitForText(':dataset notes');
      await rig.press(KEYS.escape);
      assert.equal(rig.dialog(), undefined);

      await rig.press(':');
      await rig.type('frob');
      await rig.press(KEYS.enter);
      await rig.waitForText("unknown command 'frob'");
      assert.equal(rig.dialog(), 'palette');
      await rig.press(KEYS.escape);
      await rig.waitForNoText('frob');
    } finally {
      await rig.close();
    }
  });

  it('shows a server error sticky with code and request id; Esc dismisses it', async () => {
    const rig = await rigAt({ deepLink: { pool: 'us-east-1:00000000-0000-4000-8000-00000000dead' } });
    try {
      const f = await rig.waitForText('ResourceNotFoundException');
      assert.match(f, /^Esc ✗ ResourceNotFoundException: IdentityPool 'us-east-1:0+-0+-4000-8000-0+dead' not/m);
      const [error] = rig.state().messages;
      assert.equal(error.message, "IdentityPool 'us-east-1:00000000-0000-4000-8000-00000000dead' not found.");
      assert.equal(error.operation, 'ListIdentities');
      assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.match(f, /could not list identities \(r retries\)/);
      assert.equal(rig.dialog(), 'error');
      assert.equal(rig.state().messages.length, 1);
      await rig.press('j'); // not modal: keys still reach the screen
      assert.equal(rig.dialog(), 'error');
      await rig.press(KEYS.escape);
      await rig.waitForNoText('ResourceNotFoundException');
      assert.equal(screen(rig), 'identities', 'Esc dismissed the error, it did not go back');
    } finally {
      await rig.close();
    }
  });

  it('pages identities lazily: "N loaded, more…", the next page at the end', async () => {
    const { GetIdCommand } = await import('@aws-sdk/client-cognito-identity');
    const before = (await import('@aws-sdk/client-cognito-identity')).ListIdentitiesCommand;
    const listed = await server.identity.send(new before({ IdentityPoolId: DEMO_POOL_ID, MaxResults: 60 }));
    for (let i = (listed.Identities ?? []).length; i < 65; i++) await server.identity.send(new GetIdCommand({ IdentityPoolId: DEMO_POOL_ID }));
    const rig = await rigAt({ deepLink: { pool: DEMO_POOL_ID } });
    try {
      await rig.waitForText('of 60 · 60 loaded, more…');
      await rig.press(KEYS.end);
      await rig.waitForIdle();
      const f = await rig.waitForText(/of 6[5-9]\b/);
      assert.doesNotMatch(f, /more…/);
      assert.equal(rig.state().inFlight, 0);
    } finally {
      await rig.close();
    }
  });

  it('opens help with ?, the connections with :conn, and quits with q', async () => {
    const rig = await rigAt({ readOnly: true });
    try {
      await rig.waitForText('[RO] local');
      await rig.press('?');
      await rig.waitForText('Keys — ? or Esc closes');
      assert.equal(rig.dialog(), 'help');
      await rig.press('j'); // swallowed by the dialog
      await rig.press(KEYS.escape);
      await rig.waitForText('demo-pool');
      assert.equal(rig.dialog(), undefined);

      await rig.press('c'); // nothing staged on a browse screen: says so, changes nothing
      await rig.waitForText('Nothing is staged');
      await rig.press('j');
      await rig.waitForNoText('Nothing is staged');

      await rig.press(':');
      await rig.type('conn');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.waitForText(/^› +local +local/m);
      assert.equal(screen(rig), 'connections');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.waitForText('demo-pool');
      assert.equal(screen(rig), 'pools');

      await rig.press('q');
      await until(() => rig.exited(), rig.frame);
    } finally {
      await rig.close();
    }
  });

  it('r lists again keeping the selection; switching connection with staged changes asks, Cancel first', async () => {
    const rig = await rigAt({ deepLink: { pool: DEMO_POOL_ID } });
    try {
      await rig.press('j');
      await rig.waitForText(/^› +us-east-1:de300…00-000000000b0b/m);
      await rig.press('r');
      await rig.waitForIdle();
      await rig.waitForText(/^› +us-east-1:de300…00-000000000b0b/m);
      assert.ok(rig.frames().some((fr) => fr.includes('loading…')), 'the refresh showed it was loading');

      // Pretend the records feature staged something, then pick a connection.
      rig.actions().dispatch({ type: 'staged/set', counts: { modified: 1, added: 1, removed: 0 } });
      await rig.waitForText('2 staged (1M 1+ 0-)');
      rig.actions().switchConnection('local');
      await rig.waitForText('Switch to local?');
      assert.equal(rig.dialog(), 'confirm');
      await rig.waitForText(/\[›Cancel‹\] +\[ Switch \]/);
      await rig.press('j'); // swallowed: the list below does not move
      await rig.press(KEYS.enter); // Cancel has focus
      await rig.waitForNoText('Switch to local?');
      assert.equal(rig.dialog(), undefined);
      assert.match(rig.frame(), /^› +us-east-1:de300…00-000000000b0b/m, 'the list kept its selection');
      rig.actions().switchConnection('local');
      await rig.waitForText('Switch to local?');
      await rig.press('y');
      await rig.waitForIdle();
      await rig.waitForText(/^› +demo-pool/m);
      assert.equal(screen(rig), 'pools');
      assert.doesNotMatch(rig.frame(), /staged/);
    } finally {
      await rig.close();
    }
  });
});
