// The connection form's labels: every one is followed by a space before its field, the
// longest ('accent colour') included; they ran into their fields ('endpoint URLhttp://…',
// 'accent colour‹ default ›').
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { openConnections } from './records-helpers.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

describe('connection form labels', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

  it('every label keeps a space before its field', async () => {
    const rig = await startAppRig({ server, rows: 30, storage: true });
    try {
      await openConnections(rig);
      await rig.press('a');
      await rig.waitForText('Add a connection');
      await rig.press(KEYS.tab); // kind
      await rig.press(KEYS.tab); // profile
      await rig.press(KEYS.tab); // region
      await rig.press(KEYS.tab); // endpoint URL
      await rig.type('http://127.0.0.1:9');
      const f = await rig.waitForText('127.0.0.1:9');
      assert.match(f, /endpoint URL +http:\/\/127\.0\.0\.1:9/);
      assert.match(f, /accent colour +‹ default ›/);
      for (const label of ['name', 'kind', 'AWS profile', 'region', 'device id', 'read-only', 'protected']) {
        assert.match(f, new RegExp(`[ ›] ${label}  `), label);
      }
    } finally {
      await rig.close();
    }
  });
});
