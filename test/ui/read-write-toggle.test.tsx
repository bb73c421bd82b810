// `:rw` / `:ro`: a read-only connection made writable for this session (a protected one
// only after its name is typed), and back; the header badge follows; "Disabled" says how.
// `--readonly` is a lock nothing lifts. Real server, real SDK, real editor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS } from '../helpers/ink.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import type { AppRig } from '../helpers/app-rig.js';
import { openConfigStore } from '../../src/config/store.js';
import { parsePalette, suggestions } from '../../src/ui/state/palette.js';
import { appReducer, initialState, type ConnectionInfo } from '../../src/ui/state/app-reducer.js';
import { readOnlyMessage } from '../../src/ui/state/read-only.js';
import { editValue, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
let home: ReturnType<typeof tempHome>;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
  await writeAsOtherDevice(server, 'rw-toggle', { mode: 'safe' });
  home = tempHome('cogsync-rw-');
  mkdirSync(join(home.dir, 'config'), { recursive: true });
  const config = openConfigStore({ env: { COGSYNC_HOME: home.dir } });
  config.saveConnection({ name: 'ro-conn', kind: 'local', endpointUrl: server.url, readOnly: true });
  config.saveConnection({ name: 'prod', kind: 'local', endpointUrl: server.url, protected: true });
});
after(async () => {
  await server.close();
  home.cleanup();
});

async function palette(rig: AppRig, line: string): Promise<void> {
  await rig.press(':');
  await rig.waitForText('›');
  await rig.type(line);
  await rig.press(KEYS.enter);
}

const header = (rig: AppRig) => rig.frame().split('\n')[0];

describe(':rw and :ro in the editor', () => {
  it('a draft on a read-only connection is kept and offered once :rw allows writes', async () => {
    await writeAsOtherDevice(server, 'rw-draft', { mode: 'safe', level: '1' });
    // A first run made writable with :rw stages an edit and leaves it as a draft.
    const first = await rigOn(server, 'rw-draft', { storage: true, home: home.dir, connection: 'ro-conn' });
    try {
      await palette(first, 'rw');
      await first.waitForText('Writes allowed on ro-conn');
      await editValue(first, 'level', '2');
      await first.waitForIdle();
    } finally {
      await first.close(); // no quit: the draft stays, as after a crash
    }
    const rig = await rigOn(server, 'rw-draft', { storage: true, home: home.dir, connection: 'ro-conn' });
    try {
      await rig.waitForText('A draft of rw-draft (1 staged change) is kept: :rw to restore it');
      assert.equal(rig.dialog(), undefined, 'no offer that would be refused');
      await palette(rig, 'rw');
      await rig.waitForText(/Restore 1 staged change from \d\d:\d\d\? \(y\/n\)/);
      await rig.press('y');
      await rig.waitForText('Restored 1 staged change');
      const records = Object.values(rig.state().records)[0];
      assert.deepEqual([...records.dataset.staged.keys()], ['level']);
    } finally {
      await rig.close();
    }
  });

  it('on a protected connection the batch sent after conflict picks also needs the dataset name typed', async () => {
    await writeAsOtherDevice(server, 'rw-conflict', { mode: 'safe' });
    const rig = await rigOn(server, 'rw-conflict', { storage: true, home: home.dir, connection: 'prod' });
    try {
      await palette(rig, 'rw');
      await rig.waitForText('Type prod to confirm');
      await rig.type('prod');
      await rig.press(KEYS.enter);
      await rig.waitForText('Writes allowed on prod');
      await editValue(rig, 'mode', 'mine');
      await writeAsOtherDevice(server, 'rw-conflict', { mode: 'theirs' });
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      await rig.press('y');
      await rig.waitForText('Type rw-conflict to confirm');
      await rig.type('rw-conflict');
      await rig.press(KEYS.enter);
      await rig.waitForIdle();
      assert.equal(rig.dialog(), 'conflict');
      await rig.press('m');
      await rig.press(KEYS.enter);
      await rig.waitForText('Type rw-conflict to confirm');
      assert.equal(rig.dialog(), 'typedConfirm');
      assert.equal((await serverRecords(server, 'rw-conflict')).mode, 'theirs', 'nothing sent before the name is typed');
      await rig.type('rw-conflict');
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 1 change');
      assert.equal((await serverRecords(server, 'rw-conflict')).mode, 'mine');
    } finally {
      await rig.close();
    }
  });

  it('a read-only connection: e says how to allow writes; :rw makes it writable, :ro refuses writes again', async () => {
    const rig = await rigOn(server, 'rw-toggle', { storage: true, home: home.dir, connection: 'ro-conn' });
    try {
      await rig.waitForText('[RO] ro-conn');
      await rig.press('e');
      await rig.waitForText('Disabled: connection ro-conn is read-only (:rw to allow writes)');
      await palette(rig, 'rw');
      await rig.waitForText('Writes allowed on ro-conn for this session');
      assert.match(header(rig), /^\[RW\] ro-conn/);
      assert.equal(rig.state().connection?.readOnly, false);
      await editValue(rig, 'mode', 'fast');
      await palette(rig, 'ro');
      await rig.waitForText('Connection ro-conn is read-only again');
      assert.match(header(rig), /^\[RO\] ro-conn/);
      await rig.press('d');
      await rig.waitForText('Disabled: connection ro-conn is read-only (:rw to allow writes)');
      assert.equal(openConfigStore({ env: { COGSYNC_HOME: home.dir } }).connection('ro-conn')?.readOnly, true, 'the saved setting is untouched');
    } finally {
      await rig.close();
    }
  });

  it('a protected connection asks for its name typed before :rw takes effect; a wrong name changes nothing', async () => {
    const rig = await rigOn(server, 'rw-toggle', { storage: true, home: home.dir, connection: 'prod' });
    try {
      await rig.waitForText('[RO] prod');
      await palette(rig, 'rw');
      await rig.waitForText('Type prod to confirm, or press Escape to cancel');
      assert.equal(rig.dialog(), 'typedConfirm');
      await rig.type('pro');
      await rig.press(KEYS.enter);
      await rig.waitForText('Value must be exactly prod');
      assert.equal(rig.state().connection?.readOnly, true);
      await rig.press(KEYS.escape);
      await rig.waitForNoText('Type prod to confirm');
      assert.match(header(rig), /^\[RO\] prod/, 'Esc leaves it read-only');
      await palette(rig, 'rw');
      await rig.waitForText('Type prod to confirm');
      await rig.type('prod');
      await rig.press(KEYS.enter);
      await rig.waitForText('Writes allowed on prod for this session');
      assert.match(header(rig), /^\[RW\] prod/);
      await editValue(rig, 'mode', 'prod-value');
      // The commit on a protected connection still asks for the dataset name.
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      await rig.press('y');
      await rig.waitForText('Type rw-toggle to confirm');
      await rig.type('rw-toggle');
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 1 change');
      assert.equal((await serverRecords(server, 'rw-toggle')).mode, 'prod-value');
      // Switching away and back keeps the session's choice.
      await palette(rig, 'conn');
      await rig.waitForIdle();
      await rig.actions().connect('prod');
      await rig.waitForIdle();
      assert.equal(rig.state().connection?.readOnly, false);
    } finally {
      await rig.close();
    }
  });

  it('--readonly is a lock: :rw is refused with the reason and nothing changes', async () => {
    const rig = await rigOn(server, 'rw-toggle', { readOnly: true });
    try {
      await rig.waitForText('[RO] local');
      await rig.press('e');
      await rig.waitForText('Disabled: connection local is read-only (started with --readonly)');
      await palette(rig, 'rw');
      await rig.waitForText('local is read-only for this run (started with --readonly)');
      assert.equal(rig.dialog(), 'palette');
      await rig.press(KEYS.escape);
      assert.match(header(rig), /^\[RO\] local/);
      assert.equal(rig.state().connection?.readOnly, true);
    } finally {
      await rig.close();
    }
  });
});

describe(':rw / :ro pieces', () => {
  it('the palette parses and completes them', () => {
    assert.deepEqual(parsePalette(':rw'), { ok: true, command: { kind: 'rw' } });
    assert.deepEqual(parsePalette('ro'), { ok: true, command: { kind: 'ro' } });
    assert.deepEqual(suggestions('r', {}), ['rw', 'ro']);
    const unknown = parsePalette(':rx');
    assert.ok(!unknown.ok && /:rw, :ro/.test(unknown.error));
  });

  it('the reducer follows :rw/:ro but never lifts the --readonly lock', () => {
    const info: ConnectionInfo = { name: 'c', kind: 'local', region: 'us-east-1', readOnly: true };
    const s = initialState({ connection: info, terminalRows: 24 });
    assert.equal(appReducer(s, { type: 'connection/readOnly', readOnly: false }).connection?.readOnly, false);
    const locked = initialState({ connection: { ...info, lockedReadOnly: true }, terminalRows: 24 });
    assert.equal(appReducer(locked, { type: 'connection/readOnly', readOnly: false }), locked);
    assert.equal(readOnlyMessage(info), 'Disabled: connection c is read-only (:rw to allow writes)');
    assert.equal(readOnlyMessage({ ...info, lockedReadOnly: true }), 'Disabled: connection c is read-only (started with --readonly)');
  });
});
