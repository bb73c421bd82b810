// The quit dialog over an open edit: the key that answers it (y keeps a draft) is not typed into the edit below.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { editValue, rigOn, selectKey, writeAsOtherDevice } from './records-helpers.js';

describe('quit over an open edit', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ seed: 'demo' }); });
  after(async () => { await server.close(); });

  it('y in the quit dialog keeps the typed text as it was, without the y', async () => {
    await writeAsOtherDevice(server, 'quit-typed', { k: 'v' });
    const rig = await rigOn(server, 'quit-typed', { storage: true });
    try {
      await selectKey(rig, 'k');
      await rig.press('e');
      await rig.waitForText('edit k');
      await rig.type('typed');
      await rig.waitForText(/vtyped/);
      await rig.press(KEYS.ctrlC);
      await rig.waitForText('Quit with an unfinished edit?');
      await rig.press('y');
      await until(() => rig.exited(), rig.frame);
      const drafts = rig.storage!.drafts.list().filter((d) => d.datasetName === 'quit-typed');
      assert.equal(drafts.length, 1, 'one draft kept');
      assert.deepEqual(drafts[0].unfinished, { kind: 'edit', key: 'k', text: 'vtyped' });
    } finally {
      await rig.close();
    }
  });

  it('the same with a staged change: y keeps the staged change and the typed text, without the y', async () => {
    await writeAsOtherDevice(server, 'quit-typed-staged', { k: 'v' });
    const rig = await rigOn(server, 'quit-typed-staged', { storage: true });
    try {
      await editValue(rig, 'k', 'w');
      await rig.press('e');
      await rig.waitForText('edit k');
      await rig.type('typed');
      await rig.waitForText(/wtyped/);
      await rig.press(KEYS.ctrlC);
      await rig.waitForText('1 staged change and an unfinished edit');
      await rig.press('y');
      await until(() => rig.exited(), rig.frame);
      const drafts = rig.storage!.drafts.list().filter((d) => d.datasetName === 'quit-typed-staged');
      assert.equal(drafts.length, 1, 'one draft kept');
      assert.deepEqual(drafts[0].unfinished, { kind: 'edit', key: 'k', text: 'wtyped' });
      assert.deepEqual(drafts[0].ops.map((o) => [o.key, o.value]), [['k', 'w']]);
    } finally {
      await rig.close();
    }
  });
});
