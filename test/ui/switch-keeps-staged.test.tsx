// Switching connection with changes staged ("1 staged change on local stays as a draft") keeps
// them in the editor: going back to the dataset shows them staged. The header's count and the
// quit question must follow: the count was reset to 0 at the switch, so the header said
// nothing was staged over an `M` row and `q` quit at once without asking. The question says
// "1 staged change … stays", not "1 staged changes … stay".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import type { AppRig } from '../helpers/app-rig.js';
import { editValue, rigOn, writeAsOtherDevice } from './records-helpers.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';

async function openConnections(rig: AppRig): Promise<void> {
  await rig.press(':');
  await rig.type('conn');
  await rig.press(KEYS.enter);
  await rig.waitForText('local server ·');
  await rig.waitForIdle();
}

describe('switching connection with staged changes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await writeAsOtherDevice(server, 'switchback', { color: 'red' });
  });
  after(async () => { await server.close(); });

  it('keeps the header count and the quit question for the changes still staged', async () => {
    const rig = await rigOn(server, 'switchback', { connections: [{ name: 'other', kind: 'local', endpointUrl: server.url }] });
    try {
      await editValue(rig, 'color', 'blue');
      await rig.waitForText('1 staged (1M 0+ 0-)');
      await openConnections(rig);
      await rig.press('/');
      await rig.type('other');
      await rig.press(KEYS.enter);
      await rig.press(KEYS.enter);
      await rig.waitForText('1 staged change on local stays as a draft.');
      await rig.press('y');
      await until(() => currentLocation(rig.state()).screen === 'pools' && rig.state().connection?.name === 'other', () => rig.frame());
      await rig.waitForIdle();
      // The change is still held: the dataset shows it staged when opened again.
      const total = () => { const s = rig.state().staged; return s.modified + s.added + s.removed; };
      assert.equal(total(), 1, 'the header counts the change still staged');
      await rig.waitForText('1 staged (1M 0+ 0-)');
      await rig.press('q');
      await until(() => rig.dialog() === 'quit', () => rig.frame());
    } finally {
      await rig.close();
    }
  });
});
