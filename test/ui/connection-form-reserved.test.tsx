// The connections form refuses the embedded server's name `local`, and `e` on the embedded server's row starts a new
// local connection instead of saving over it (which hid the embedded server).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { openConnections } from './records-helpers.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

describe('connection form: the reserved name local', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

  it('a (add) named local is refused under the name field; nothing is saved', async () => {
    const rig = await startAppRig({ server, rows: 30, storage: true });
    try {
      await openConnections(rig);
      await rig.press('a');
      await rig.waitForText('Add a connection');
      await rig.type('local');
      await rig.press(KEYS.enter);
      await rig.waitForText("✗ 'local' is reserved for the embedded local server");
      assert.equal(rig.dialog(), 'connectionForm');
      assert.deepEqual(rig.storage!.config.read().connections, []);
    } finally {
      await rig.close();
    }
  });

  it('e on the embedded server opens an empty add form of kind local, with why', async () => {
    const rig = await startAppRig({ server, rows: 30, storage: true });
    try {
      await openConnections(rig);
      await rig.press('/');
      await rig.type('local');
      await rig.press(KEYS.enter);
      await rig.press('e');
      const f = await rig.waitForText('Add a connection');
      assert.match(f, /✗ local is built in: name a local connection of your own/);
      assert.match(f, /kind +‹ local ›/);
      await rig.type('mine');
      await rig.press(KEYS.enter);
      await rig.waitForText('Saved connection mine');
      assert.deepEqual(rig.storage!.config.connections(), [{ name: 'mine', kind: 'local' }]);
    } finally {
      await rig.close();
    }
  });
});
