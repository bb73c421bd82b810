// The quit dialog over an open edit: the key that answers it (y keeps a draft) is not typed into the edit below.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { editValue, rigOn, selectKey, writeAsOtherDevice } from './records-helpers.js';
import { tempHome } from '../helpers/home.js';
import { currentKey, listAt } from '../../src/ui/state/app-reducer.js';
import { selectedRow } from '../../src/ui/state/list.js';
import type { RecordRow } from '../../src/ui/data/rows.js';

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

  it('a restored unfinished edit opens on its own row, not on the row the table starts at', async () => {
    await writeAsOtherDevice(server, 'quit-typed-row', { a: '1', b: '2', k: 'v' });
    const home = tempHome('cogsync-restore-row-');
    try {
      const first = await rigOn(server, 'quit-typed-row', { storage: true, home: home.dir });
      try {
        await selectKey(first, 'k');
        await first.press('e');
        await first.waitForText('edit k');
        await first.type('typed');
        await first.press(KEYS.ctrlC);
        await first.waitForText('Quit with an unfinished edit?');
        await first.press('y');
        await until(() => first.exited(), first.frame);
      } finally {
        await first.close();
      }
      const second = await rigOn(server, 'quit-typed-row', { storage: true, home: home.dir });
      try {
        await second.waitForText('Restore an unfinished edit of "k"');
        await second.press('y');
        const f = await second.waitForText(/vtyped/);
        const s = second.state();
        assert.equal((selectedRow(listAt(s, currentKey(s))) as RecordRow | undefined)?.id, 'k', f);
        assert.match(f, /›. k /, 'the cursor is on k');
      } finally {
        await second.close();
      }
    } finally {
      home.cleanup();
    }
  });
});
