// The request inspector's detail keeps its blank lines (before "Request" and before
// "Response"): Ink renders an empty <Text> with no height, so they vanished, the lines
// below moved up and the page ended in empty rows the "lines a–b of n" count included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { rigOn, writeAsOtherDevice } from './records-helpers.js';

describe('request inspector detail', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await writeAsOtherDevice(server, 'inspected', { color: 'red' });
  });
  after(async () => { await server.close(); });

  it('shows the blank line before Request and before Response', async () => {
    const rig = await rigOn(server, 'inspected', { rows: 40 });
    try {
      await rig.press('i');
      await rig.waitForText('Request inspector');
      await rig.press(KEYS.enter);
      const f = await rig.waitForText('request and response');
      const lines = f.split('\n').map((l) => l.replace(/^│ ?/, '').replace(/│$/, '').trimEnd());
      const request = lines.findIndex((l) => l === 'Request');
      const response = lines.findIndex((l) => l === 'Response');
      assert.ok(request > 0 && response > request, f);
      assert.equal(lines[request - 1], '', 'a blank line before Request');
      assert.equal(lines[response - 1], '', 'a blank line before Response');
    } finally {
      await rig.close();
    }
  });
});
