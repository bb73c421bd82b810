// :messages shows every error of the run whole, where the error line cuts a long one to its row.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { DEMO_POOL_ID } from '../../src/local/seed.js';

it('lists the errors of this run newest first and whole; y copies (or says why not); Esc closes', async () => {
  // A deep link to a malformed identity id: the server's long validation message is the error.
  const rig = await startAppRig({ rows: 20, columns: 80, deepLink: { pool: DEMO_POOL_ID, identity: 'us-east-1:nope' } });
  try {
    let f = await rig.waitForText(/✗ InvalidParameterException/);
    const message = rig.state().messages.at(-1)!.message;
    assert.ok(message.length > 80, 'a message longer than the line');
    assert.ok(!f.includes(message.slice(-30)), 'the error line cuts its end');
    await rig.press(KEYS.escape);
    await rig.press(':');
    await rig.type('messages');
    await rig.press(KEYS.enter);
    f = await rig.waitForText(/Messages — 1 error this run, newest first/);
    assert.equal(rig.dialog(), 'messages');
    // The whole message is there, wrapped over the dialog's lines.
    const body = f.split('\n').map((l) => l.trim()).join(' ');
    assert.ok(body.includes(message.slice(-30)), f);
    assert.match(body, /ListDatasets · HTTP 400 · req [0-9a-f-]{36}/);
    // ? lists the dialog's own keys; Esc comes back to the messages.
    await rig.press('?');
    await rig.waitForText(/Messages \(errors of this run\)[\s\S]*copy the selected message/);
    await rig.press(KEYS.escape);
    await rig.waitForText(/Messages — 1 error this run/);
    await rig.press('y');
    await rig.waitForText(/Not copied: no terminal clipboard here|Copied the message/);
    await rig.press('q');
    await rig.waitForNoText('Messages —');
    assert.equal(rig.dialog(), undefined);
    assert.equal(rig.exited(), false, 'q closes the messages, it does not quit');
  } finally {
    await rig.close();
  }
});
