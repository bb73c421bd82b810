// Drafts, journal, history and saved connections in the whole editor (app rig: the real
// local server, the real SDK, the real <AppContainer>), with settings kept in COGSYNC_HOME.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { draftAddressOfKey } from '../../src/ui/state/draft-keys.js';
import { currentKey, currentLocation } from '../../src/ui/state/app-reducer.js';
import { Journal } from '../../src/config/journal.js';
import { DraftStore } from '../../src/config/drafts.js';
import { openConfigStore } from '../../src/config/store.js';
import { editValue, IDENTITY, openConnections, POOL, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const draftsIn = (home: string) => new DraftStore({ env: { COGSYNC_HOME: home } });
const address = (rig: AppRig) => draftAddressOfKey(currentKey(rig.state()))!;
const draftOps = (rig: AppRig) => {
  const loaded = draftsIn(rig.home).load(address(rig));
  return loaded.status === 'found' ? loaded.draft.ops.map((o) => `${o.key}=${o.value ?? '(removed)'}`).sort() : [];
};

describe('drafts, journal and history in the editor', () => {
  it('a draft survives a crash; the next run offers it, a key changed meanwhile is a conflict, the commit is journaled and H reverts it', async () => {
    await writeAsOtherDevice(server, 'draft-journey', { theme: 'dark', lang: 'en', vol: '3' });
    const home = tempHome('cogsync-draft-journey-');
    try {
      const first = await rigOn(server, 'draft-journey', { storage: true, home: home.dir });
      try {
        await editValue(first, 'theme', 'light');
        await editValue(first, 'lang', 'fr');
        await until(() => draftOps(first).length === 2, 'the draft on disk');
        assert.deepEqual(draftOps(first), ['lang=fr', 'theme=light']);
      } finally {
        await first.close(); // no quit: as if the terminal went away
      }
      await writeAsOtherDevice(server, 'draft-journey', { lang: 'de' });

      const second = await rigOn(server, 'draft-journey', { storage: true, home: home.dir });
      try {
        let f = await second.waitForText(/Restore 2 staged changes from \d\d:\d\d\? \(y\/n\)/);
        assert.equal(second.dialog(), 'confirm');
        await second.press('y');
        f = await second.waitForText('lang');
        await until(() => second.dialog() === 'conflict', 'the conflict dialog');
        await second.press('t'); // take theirs for lang
        await second.press(KEYS.enter);
        f = await second.waitForText('committed 1 change');
        await second.waitForIdle();
        assert.deepEqual(await serverRecords(server, 'draft-journey'), { theme: 'light', lang: 'de', vol: '3' });
        assert.equal(draftsIn(home.dir).load(address(second)).status, 'none', 'the draft is gone after the commit');
        const { entries } = new Journal({ env: { COGSYNC_HOME: home.dir } }).read({ datasetName: 'draft-journey' });
        assert.equal(entries.length, 1);
        assert.deepEqual(entries[0].changes.map((c) => [c.key, c.before?.value, c.after.value]), [['theme', 'dark', 'light']]);
        assert.match(entries[0].requestId ?? '', /^[0-9a-f-]{36}$/);

        await second.press('H');
        f = await second.waitForText('History of draft-journey: 1 commit');
        assert.match(f, /1 change +sync \d+ -> \d+/);
        assert.match(f, /M theme: "dark" → "light"/);
        await second.press('R');
        f = await second.waitForText(/Staged the inverse of the commit/);
        assert.equal(second.dialog(), undefined);
        assert.match(f, /M theme +dark/);
        assert.deepEqual(await serverRecords(server, 'draft-journey'), { theme: 'light', lang: 'de', vol: '3' }, 'a revert is only staged');
        await second.press('c');
        await second.waitForText('Review: 1 change');
        await second.press('y');
        await second.waitForText('committed 1 change');
        assert.equal((await serverRecords(server, 'draft-journey')).theme, 'dark');
        assert.equal(new Journal({ env: { COGSYNC_HOME: home.dir } }).read({ datasetName: 'draft-journey' }).entries.length, 2);
      } finally {
        await second.close();
      }
    } finally {
      home.cleanup();
    }
  });

  it('quit with staged changes: y keeps them as a draft, D discards them; n on the restore offer leaves the draft on disk', async () => {
    await writeAsOtherDevice(server, 'quit-journey', { a: '1', b: '2' });
    const home = tempHome('cogsync-quit-journey-');
    try {
      const first = await rigOn(server, 'quit-journey', { storage: true, home: home.dir });
      try {
        await editValue(first, 'a', 'kept');
        await first.press('q');
        const f = await first.waitForText('1 staged change: keep as draft and quit (y) / discard and quit (D) / Cancel');
        assert.match(f, /\[›Cancel‹\]/, 'Cancel has focus');
        await first.press('y');
        await until(() => first.exited(), 'the editor to quit');
        assert.deepEqual(draftOps(first), ['a=kept']);
      } finally {
        await first.close();
      }

      const second = await rigOn(server, 'quit-journey', { storage: true, home: home.dir });
      try {
        await second.waitForText('Restore 1 staged change from');
        await second.press('n');
        await until(() => second.dialog() === undefined, 'the offer to close');
        assert.deepEqual(draftOps(second), ['a=kept'], 'declining leaves the draft on disk');
        await editValue(second, 'b', 'typed now');
        await until(() => draftOps(second).join() === 'b=typed now', 'this run’s draft, the newest');
        await second.press('q');
        await second.waitForText('keep as draft and quit');
        await second.press('D');
        await until(() => second.exited(), 'the editor to quit');
        assert.deepEqual(draftOps(second), ['a=kept'], 'D removes this run’s draft; the declined one stays, offered again next time');
        assert.deepEqual(await serverRecords(server, 'quit-journey'), { a: '1', b: '2' });
      } finally {
        await second.close();
      }
    } finally {
      home.cleanup();
    }
  });

  it('resumes at the last dataset of a connection; a broken config file is moved aside and reported', async () => {
    await writeAsOtherDevice(server, 'resume-journey', { k: 'v' });
    const home = tempHome('cogsync-resume-');
    try {
      const first = await rigOn(server, 'resume-journey', { storage: true, home: home.dir });
      await first.close();
      const places = openConfigStore({ env: { COGSYNC_HOME: home.dir } }).recentPlaces('local');
      assert.deepEqual(places[0], { identityPoolId: POOL, identityId: IDENTITY, datasetName: 'resume-journey', at: places[0].at });
      const { resumeLink } = await import('../../src/ui/run-editor.js');
      const { openEditorStorage } = await import('../../src/ui/data/editor-storage.js');
      assert.deepEqual(resumeLink(openEditorStorage({ env: { COGSYNC_HOME: home.dir } }), 'local'), { pool: POOL, identity: IDENTITY, dataset: 'resume-journey' });

      writeFileSync(join(home.dir, 'config', 'config.json'), '{"connections": [');
      const second = await startAppRig({ server, rows: 30, storage: true, home: home.dir });
      try {
        const f = await second.waitForText(/config\.json is not valid JSON; it was moved to/);
        assert.equal(second.dialog(), 'error');
        assert.ok(f.includes('Config'));
        assert.equal(readdirSync(join(home.dir, 'config')).filter((n) => n.includes('.corrupt-')).length, 1);
      } finally {
        await second.close();
      }
    } finally {
      home.cleanup();
    }
  });
});

describe('preferences in the editor', () => {
  it('showTombstones: removed records are shown when a dataset is first listed', async () => {
    await writeAsOtherDevice(server, 'prefs-journey', { live: '1', gone: 'x' });
    await writeAsOtherDevice(server, 'prefs-journey', { gone: null });
    const home = tempHome('cogsync-prefs-');
    try {
      openConfigStore({ env: { COGSYNC_HOME: home.dir } }).setPreference('showTombstones', true);
      const rig = await rigOn(server, 'prefs-journey', { storage: true, home: home.dir });
      try {
        await rig.waitForText(/gone +\(removed\)/);
      } finally {
        await rig.close();
      }
      const off = await rigOn(server, 'prefs-journey');
      try {
        await off.waitForText(/live +1/);
        assert.doesNotMatch(off.frame(), /gone/);
      } finally {
        await off.close();
      }
    } finally {
      home.cleanup();
    }
  });
});

describe('saved connections in the editor', () => {
  it('a protected connection starts read-only; with readOnly: false a commit needs the dataset name typed', async () => {
    await writeAsOtherDevice(server, 'prod-settings', { mode: 'safe' });
    const home = tempHome('cogsync-protected-');
    mkdirSync(join(home.dir, 'config'), { recursive: true });
    const config = openConfigStore({ env: { COGSYNC_HOME: home.dir } });
    config.saveConnection({ name: 'prod', kind: 'local', endpointUrl: server.url, protected: true });
    config.saveConnection({ name: 'prod-rw', kind: 'local', endpointUrl: server.url, protected: true, readOnly: false });
    try {
      const ro = await rigOn(server, 'prod-settings', { storage: true, home: home.dir, connection: 'prod' });
      try {
        await ro.waitForText('[RO]');
        await ro.press('e');
        await ro.waitForText('Disabled: connection prod is read-only');
      } finally {
        await ro.close();
      }
      const rig = await rigOn(server, 'prod-settings', { storage: true, home: home.dir, connection: 'prod-rw' });
      try {
        await rig.waitForText('[RW]');
        await editValue(rig, 'mode', 'fast');
        await rig.press('c');
        await rig.waitForText('Review: 1 change');
        await rig.press('y');
        let f = await rig.waitForText('Type prod-settings to confirm, or press Escape to cancel');
        assert.equal(rig.dialog(), 'typedConfirm');
        await rig.type('prod');
        await rig.press(KEYS.enter);
        f = await rig.waitForText('Value must be exactly prod-settings');
        assert.equal((await serverRecords(server, 'prod-settings')).mode, 'safe', 'nothing sent');
        await rig.type('-settings');
        await rig.press(KEYS.enter);
        f = await rig.waitForText('committed 1 change');
        assert.equal((await serverRecords(server, 'prod-settings')).mode, 'fast');
        assert.equal(currentLocation(rig.state()).screen, 'records');
      } finally {
        await rig.close();
      }
    } finally {
      home.cleanup();
    }
  });

  it('connections screen: add with the form (test before saving), edit, remove; the config file follows', async () => {
    const rig = await startAppRig({ server, rows: 30, storage: true });
    try {
      await openConnections(rig);
      await rig.press('a');
      let f = await rig.waitForText('Add a connection');
      await rig.press(KEYS.enter);
      f = await rig.waitForText('✗ a name is required');
      await rig.type('staging');
      await rig.press(KEYS.tab); // kind
      await rig.press(' '); // aws → local
      f = await rig.waitForText('kind          ‹ local ›');
      assert.match(f, /aws: AWS and the credential chain · local: a cogsync server/, 'the focused kind says what each means');
      assert.doesNotMatch(f, /‹ aws ›/, 'only the chosen kind is marked');
      assert.doesNotMatch(f, /AWS profile/, 'a local connection has no profile');
      await rig.press(KEYS.tab); // region
      await rig.type('Not A Region');
      await rig.press(KEYS.tab); // endpoint
      await rig.type(server.url);
      await rig.press(KEYS.enter);
      f = await rig.waitForText('✗ regions look like us-east-1');
      // The first field with an error takes the focus.
      await until(() => rig.state().dialog?.kind === 'connectionForm' && (rig.state().dialog as { form: { focus: string } }).form.focus === 'region', 'focus on region');
      await rig.press('\u0015');
      await rig.type('eu-west-1');
      await rig.press('\u0014'); // Ctrl+T: test as filled in
      f = await rig.waitForText(/✓ OK in \d+ ms · local server · eu-west-1/);
      await rig.press(KEYS.enter);
      f = await rig.waitForText('Saved connection staging');
      await rig.waitForIdle();
      f = await rig.waitForText(/staging +local +eu-west-1/);
      const env = { COGSYNC_HOME: rig.home };
      assert.deepEqual(openConfigStore({ env }).connection('staging'), { name: 'staging', kind: 'local', region: 'eu-west-1', endpointUrl: server.url });

      // Edit: select staging, e, make it protected (read-only by default).
      await rig.press('/');
      await rig.type('staging');
      await rig.press(KEYS.enter);
      await rig.press('e');
      await rig.waitForText('Edit connection staging');
      for (let i = 0; i < 6; i++) await rig.press(KEYS.tab); // name kind region endpoint deviceId readOnly → protected
      await rig.press(' ');
      await rig.waitForText(/protected +\[x\] yes/);
      await rig.press(KEYS.enter);
      await rig.waitForText('Saved connection staging (protected: starts read-only)');
      await rig.waitForIdle();
      assert.deepEqual(openConfigStore({ env }).connection('staging'), { name: 'staging', kind: 'local', region: 'eu-west-1', endpointUrl: server.url, readOnly: true, protected: true });
      f = await rig.waitForText(/staging .*protected · read-only/);

      await rig.press('t');
      await rig.waitForText(/staging: OK in \d+ ms/);
      await rig.press('d');
      await rig.waitForText('Remove connection staging?');
      await rig.press('y');
      await rig.waitForText('Removed connection staging');
      await rig.waitForIdle();
      await rig.waitForNoText(/staging +local/);
      assert.equal(openConfigStore({ env }).connection('staging'), undefined);
      assert.ok(existsSync(join(rig.home, 'config', 'config.json')));
    } finally {
      await rig.close();
    }
  });
});
