// `?` on the connections screen lists that screen's own keys (a add, e edit, d remove,
// t test) as README's "? shows every key of the current screen" says; it showed only the
// keys of every screen and of lists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startAppRig } from '../helpers/app-rig.js';
import { openConnections } from './records-helpers.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

describe('help on the connections screen', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

  it('? lists the Connections keys', async () => {
    const rig = await startAppRig({ server, rows: 60 });
    try {
      await openConnections(rig);
      await rig.press('?');
      const f = await rig.waitForText('Keys — ? or Esc closes');
      assert.match(f, /Connections/);
      assert.match(f, /a +add a connection/);
      assert.match(f, /e +edit the selected connection/);
      assert.match(f, /d +remove the selected connection/);
      assert.match(f, /t +test the selected connection/);
      assert.doesNotMatch(f, /Records/, 'only this screen’s keys');
    } finally {
      await rig.close();
    }
  });
});
