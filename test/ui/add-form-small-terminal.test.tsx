import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { addFormLayout } from '../../src/ui/state/record-editor.js';
import { rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

describe('the add form in a short terminal', () => {
  it('addFormLayout: every line fits the height, the value field always gets one', () => {
    for (let height = 1; height <= 30; height++) {
      const l = addFormLayout(height);
      const total = l.title + l.keyLabel + l.keyField + l.keyStatus + l.valueLabel + l.valueField + l.hint + l.help;
      assert.ok(total <= Math.max(height, 2), `height ${height}: ${total} lines`);
      assert.ok(l.keyField >= 1 && l.valueField >= 1, `height ${height}: both fields shown`);
    }
    assert.deepEqual(addFormLayout(30), { title: 1, keyLabel: 1, keyField: 2, keyStatus: 3, valueLabel: 1, valueField: 20, hint: 1, help: 1 });
    assert.deepEqual(addFormLayout(7), { title: 0, keyLabel: 1, keyField: 1, keyStatus: 1, valueLabel: 1, valueField: 1, hint: 1, help: 1 });
  });

  it('at 40×12 shows the title, key, value typed and hints without drawing one over another, and Enter stages it', async () => {
    await writeAsOtherDevice(server, 'add-40x12', { k: 'v' });
    const rig = await rigOn(server, 'add-40x12', { columns: 40, rows: 12 });
    try {
      await rig.press('a');
      await rig.waitForText('Key must not be empty');
      await rig.type('newkey');
      await rig.press(KEYS.tab);
      await rig.type('typed-value');
      const f = await rig.waitForText('typed-value');
      assert.match(f, /^key \(add a record\)\s*$/m, f);
      assert.match(f, /^newkey\s*$/m, f);
      assert.match(f, /^value\s*$/m, f);
      assert.match(f, /^typed-value/m, f);
      assert.match(f, /↵ stage/, f);
      await rig.press(KEYS.enter);
      await rig.waitForText('1 staged');
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      await rig.press('y');
      await rig.waitForText('committed 1 change');
      assert.deepEqual(await serverRecords(server, 'add-40x12'), { k: 'v', newkey: 'typed-value' });
    } finally {
      await rig.close();
    }
  });
});
