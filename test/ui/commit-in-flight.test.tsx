// While a batch is on its way (held by the proxy), keys that would stage, undo or redo are refused with a notice:
// the commit's answer becomes the dataset's state, so an edit made meanwhile would otherwise vanish without a word.
// The typed confirmation of a protected connection closes before the batch goes, so the table has the keys then.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS, until } from '../helpers/ink.js';
import { FAULTS, FaultProxy, only } from '../helpers/fault-proxy.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { openConfigStore } from '../../src/config/store.js';
import { editValue, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
let proxy: FaultProxy;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
  proxy = await FaultProxy.start(server.url);
});
after(async () => {
  await proxy.stop();
  await server.close();
});


it('keys that would change the staged set are refused while the batch is sent; nothing is lost', async () => {
  await writeAsOtherDevice(server, 'in-flight', { a: '1', b: '2' });
  const home = tempHome('cogsync-in-flight-');
  mkdirSync(join(home.dir, 'config'), { recursive: true });
  openConfigStore({ env: { COGSYNC_HOME: home.dir } }).saveConnection({ name: 'prod', kind: 'local', endpointUrl: proxy.url, protected: true, readOnly: false });
  const rig = await rigOn(server, 'in-flight', { storage: true, home: home.dir, connection: 'prod' });
  try {
    await editValue(rig, 'a', 'x');
    proxy.inject({ fault: FAULTS.slow(1_500, 'before-forward'), match: only('UpdateRecords'), times: 1 });
    await rig.press('c');
    await rig.waitForText('Review: 1 change');
    await rig.press('y');
    await rig.waitForText('Type in-flight to confirm');
    await rig.type('in-flight');
    await rig.press(KEYS.enter);
    await until(() => proxy.seen.some((r) => r.operation === 'UpdateRecords'), rig.frame);
    assert.equal(rig.dialog(), undefined, 'the typed confirmation has closed: keys reach the table');

    await rig.press('e');
    await rig.waitForText('Sending the batch: wait for the commit to finish');
    assert.equal(rig.state().records[Object.keys(rig.state().records)[0]].editor ?? null, null, 'no editor opened');
    await rig.press('d');
    await rig.press('u');
    await rig.waitForIdle();
    assert.deepEqual(await serverRecords(server, 'in-flight'), { a: 'x', b: '2' }, 'the batch went through, and only it');
    const records = Object.values(rig.state().records)[0];
    assert.equal(records.dataset.staged.size, 0, 'nothing was staged during the send, so nothing was dropped');

    // Once the answer is in, editing works again.
    await editValue(rig, 'b', 'y');
    assert.equal(Object.values(rig.state().records)[0].dataset.staged.size, 1);
  } finally {
    await rig.close();
    home.cleanup();
  }
});
