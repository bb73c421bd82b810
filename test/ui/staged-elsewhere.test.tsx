// The header counts every dataset's staged changes while c, x and u act on the open dataset's: the header names the
// datasets when the count is not this one's, c and x on a dataset with nothing staged say where the changes are, and
// the quit question names them (QA read "Nothing is staged" under "1 staged" as an edit lost).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';
import { editValue, rigOn, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ inMemory: true });
  await writeAsOtherDevice(server, 'where-a', { k: 'v' });
  await writeAsOtherDevice(server, 'where-b', { other: 'x' });
});
after(() => server.close());

it('names the dataset the staged changes are in, wherever they are counted', async () => {
  const rig = await rigOn(server, 'where-a');
  try {
    await editValue(rig, 'k', 'w');
    // In the dataset that holds them, the count alone.
    let f = await rig.waitForText('1 staged (1M 0+ 0-)');
    assert.doesNotMatch(f, /1 staged \(1M 0\+ 0-\) in/);
    await rig.press(':');
    await rig.type('dataset where-b');
    await rig.press(KEYS.enter);
    await until(() => { const l = currentLocation(rig.state()); return l.screen === 'records' && l.dataset === 'where-b'; }, rig.frame);
    await rig.waitForIdle();
    f = await rig.waitForText('1 staged (1M 0+ 0-) in where-a');
    await rig.press('c');
    await rig.waitForText('Nothing is staged here; 1 staged change in where-a: open it to review, undo or redo');
    assert.notEqual(rig.dialog(), 'review');
    await rig.press('x');
    await rig.waitForText('Nothing is staged here; 1 staged change in where-a');
    // A second dataset with staged changes: the header counts both places.
    await editValue(rig, 'other', 'y');
    await rig.waitForText('2 staged (2M 0+ 0-) in 2 datasets');
    await rig.press('q');
    await rig.waitForText('Quit with 2 staged changes in where-a and where-b?');
    await rig.press(KEYS.escape);
    await rig.waitForNoText('Quit with');
    assert.equal(rig.exited(), false);
  } finally {
    await rig.close();
  }
});
