import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { IDENTITY, rigOn, selectKey, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

describe('records editor journeys (real local server, real SDK)', () => {
  it('drills down, filters, edits inline, reviews and commits one batch; another client reads the value', async () => {
    await writeAsOtherDevice(server, 'journey-edit', { theme: 'dark', lang: 'en', volume: '3' });
    const rig = await startAppRig({ server, rows: 30 });
    try {
      await rig.waitForIdle();
      await rig.waitForText('demo-pool');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.press('/');
      await rig.type(IDENTITY.slice(-6));
      await rig.press(KEYS.enter);
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      await rig.waitForText('journey-edit');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      assert.equal(currentLocation(rig.state()).screen, 'records');
      let f = await rig.waitForText('volume');
      assert.match(f, /key +value +sc +modified +by/);
      assert.match(f, /1–3 of 3/);

      await rig.press('/');
      await rig.type('the');
      f = await rig.waitForText('1/3');
      await rig.press(KEYS.enter);
      f = await rig.waitForText(/›  theme +dark/);
      assert.doesNotMatch(f, /volume/);

      await rig.press('e');
      await rig.waitForText('edit theme');
      await rig.press('\u0015'); // Ctrl+U clears the field
      await rig.type('light');
      await rig.press(KEYS.enter);
      f = await rig.waitForText(/›M theme +light/);
      assert.match(f, /1 staged \(1M 0\+ 0-\)/);
      assert.match(f, /old "dark"/);
      assert.match(f, /new "light"/);

      await rig.press('c');
      f = await rig.waitForText('Review: 1 change to journey-edit');
      assert.match(f, /M theme  sc 1  "dark" → "light"/);
      assert.equal(rig.dialog(), 'review');
      await rig.press('y');
      f = await rig.waitForText('committed 1 change (sync count 1 -> 2)');
      await rig.waitForIdle();
      assert.equal(rig.dialog(), undefined);
      assert.match(f, /›  theme +light +2 /, 'the table shows the new SyncCount');
      assert.doesNotMatch(f, /staged/);
      assert.deepEqual(await serverRecords(server, 'journey-edit'), { theme: 'light', lang: 'en', volume: '3' });
    } finally {
      await rig.close();
    }
  });

  it('adds (key checked as typed), removes, undoes and redoes; re-adds a removed key after toggling tombstones', async () => {
    await writeAsOtherDevice(server, 'journey-add', { alpha: '1', beta: '2' });
    const rig = await rigOn(server, 'journey-add');
    try {
      await rig.press('a');
      let f = await rig.waitForText('add a record');
      assert.match(f, /✗ Key must not be empty/);
      await rig.type('alpha');
      await rig.waitForText('✗ Key "alpha" already exists');
      await rig.press(KEYS.enter);
      assert.match(rig.frame(), /add a record/, 'Enter refused: still editing');
      for (let i = 0; i < 5; i++) await rig.press(KEYS.backspace);
      await rig.type('gamma');
      await rig.waitForText('✓ new key');
      await rig.press(KEYS.tab);
      await rig.type('{"x":');
      await rig.waitForText('✗ not valid JSON');
      await rig.type('1}');
      await rig.waitForText('✓ valid JSON');
      await rig.press(KEYS.enter);
      f = await rig.waitForText(/›\+ gamma +\{"x":1\}/);

      await selectKey(rig, 'beta');
      await rig.press('d');
      f = await rig.waitForText(/›- beta +2/);
      assert.match(f, /2 staged \(0M 1\+ 1-\)/);
      await rig.press('u');
      f = await rig.waitForText(/›  beta +2/);
      assert.match(f, /1 staged \(0M 1\+ 0-\)/);
      await rig.press(KEYS.ctrlR);
      await rig.waitForText(/›- beta/);

      await rig.press('c');
      f = await rig.waitForText('Review: 2 changes');
      assert.match(f, /- beta  sc 1  "2" → \(removed\)/);
      assert.match(f, /\+ gamma  sc 0/);
      await rig.press('y');
      await rig.waitForText('committed 2 changes (sync count 1 -> 2)');
      await rig.waitForIdle();
      assert.deepEqual(await serverRecords(server, 'journey-add'), { alpha: '1', beta: null, gamma: '{"x":1}' });

      // beta is a tombstone now: hidden, shown with T, and it can be added again.
      await rig.press(KEYS.escape); // clears the filter
      f = await rig.waitForNoText(/\bbeta\b/);
      await rig.press('T');
      f = await rig.waitForText(/beta +\(removed\) +2/);
      await rig.press('a');
      await rig.type('beta');
      await rig.waitForText('✓ adds back a removed key (sc 2)');
      await rig.press(KEYS.tab);
      await rig.type('back');
      await rig.press(KEYS.enter);
      await rig.waitForText(/\+ beta +back/);
      await rig.press('c');
      await rig.waitForText(/\+ beta  sc 2  \(removed\) → "back"/);
      await rig.press('y');
      await rig.waitForText('committed 1 change (sync count 2 -> 3)');
      assert.equal((await serverRecords(server, 'journey-add')).beta, 'back');
    } finally {
      await rig.close();
    }
  });

  it('r refreshes keeping staged edits and flags keys that changed on the server', async () => {
    await writeAsOtherDevice(server, 'journey-refresh', { one: '1', two: '2' });
    const rig = await rigOn(server, 'journey-refresh');
    try {
      await selectKey(rig, 'one');
      await rig.press('e');
      await rig.type('!');
      await rig.press(KEYS.enter);
      await rig.waitForText(/›M one +1!/);
      await rig.press(KEYS.escape);
      await writeAsOtherDevice(server, 'journey-refresh', { one: 'theirs', three: '3' });
      await rig.press('r');
      await rig.waitForIdle();
      const f = await rig.waitForText('1 staged key changed on the server: "one" (the commit will ask)');
      assert.match(f, /M one +1!/, 'still staged');
      assert.match(f, /• three +3/, 'new on the server');
      assert.equal(rig.state().staged.modified, 1);
    } finally {
      await rig.close();
    }
  });

  it('shows a value holding escape sequences escaped, in the table and the detail pane', async () => {
    const rig = await startAppRig({ server, rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' } });
    try {
      await rig.waitForIdle();
      await selectKey(rig, 'motd');
      const f = await rig.waitForText(/\\e\[31mALERT\\e\[0m: maintenance tonight/);
      assert.match(f, /motd +\\e\[31mALERT/);
      assert.match(f, /\\x07 \(this value carries ANSI escapes/);
      assert.ok(!rig.frames().some((frame) => frame.includes('\u0007')), 'no BEL reached the screen');
    } finally {
      await rig.close();
    }
  });

  it('lists lazily: the first page at once, the next when the selection reaches the end', async () => {
    const values = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, `v${i}`]));
    await writeAsOtherDevice(server, 'journey-pages', values);
    const rig = await rigOn(server, 'journey-pages', { recordsPageSize: 3 });
    try {
      let f = await rig.waitForText('3 loaded, more…');
      await rig.press('G');
      await rig.waitForText('6 loaded, more…');
      await rig.waitForIdle();
      await rig.press('G');
      await rig.waitForIdle();
      f = await rig.waitForText('1–7 of 7');
      assert.doesNotMatch(f, /more…/);
    } finally {
      await rig.close();
    }
  });
});
