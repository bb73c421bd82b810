import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDataset } from '../../src/lib/sync.js';
import { KEYS } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { currentKey } from '../../src/ui/state/app-reducer.js';
import { DeleteDatasetCommand } from '@aws-sdk/client-cognito-sync';
import { editValue, IDENTITY, POOL, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

describe('records editor: conflicts and errors (real local server, two clients)', () => {
  it('keep mine, take theirs and an edited value each land on the server; converged keys are auto-resolved', async () => {
    await writeAsOtherDevice(server, 'conflict-picks', { a: 'a0', b: 'b0', c: 'c0', d: 'd0', e: 'e0' });
    const rig = await rigOn(server, 'conflict-picks');
    try {
      await editValue(rig, 'a', 'a-mine');
      await editValue(rig, 'b', 'b-mine');
      await editValue(rig, 'c', 'c-mine');
      await editValue(rig, 'd', 'same');
      await editValue(rig, 'e', 'e-mine');
      await writeAsOtherDevice(server, 'conflict-picks', { a: 'a-theirs', b: 'b-theirs', c: 'c-theirs', d: 'same' });

      await rig.press('c');
      await rig.waitForText('Review: 5 changes');
      await rig.press('y');
      let f = await rig.waitForText('Conflicts: 0 of 3 resolved');
      assert.equal(rig.dialog(), 'conflict');
      assert.match(f, /auto-resolved \(the server already had your change\): d/);
      assert.match(f, /a \(1\/3\) · changed on both sides · no pick yet/);
      assert.match(f, /base +sc 1 · by other-device/);
      assert.match(f, /mine\s*\n\s+a-mine/);
      assert.match(f, /theirs +sc 2 · by other-device · \d{4}-\d\d-\d\d \d\d:\d\d\s*\n\s+a-theirs/);

      await rig.press('m');
      f = await rig.waitForText('b (2/3)');
      await rig.press('t');
      f = await rig.waitForText('c (3/3)');
      await rig.press('e');
      f = await rig.waitForText('merged value for c');
      assert.match(f, /c-mine/, 'pre-filled with mine');
      await rig.press('\u0015');
      // Pasted (bracketed paste, as a terminal sends it): the merged value's field takes it whole.
      await rig.press('\u001b[200~c-merged\u001b[201~');
      await rig.waitForText(/merged value for c [^\n]*\n\s*c-merged/);
      await rig.press(KEYS.enter);
      f = await rig.waitForText('Conflicts: 3 of 3 resolved');
      assert.match(f, /a \[keep mine\] +b \[take theirs\] +›c \[edited value\]/);
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 3 changes (sync count 2 -> 3)');
      await rig.waitForIdle();
      assert.equal(rig.dialog(), undefined);
      assert.deepEqual(await serverRecords(server, 'conflict-picks'), { a: 'a-mine', b: 'b-theirs', c: 'c-merged', d: 'same', e: 'e-mine' });
    } finally {
      await rig.close();
    }
  });

  it('shows an edited value after Enter, and e opens it again instead of mine', async () => {
    await writeAsOtherDevice(server, 'conflict-merged', { k: 'k0' });
    const rig = await rigOn(server, 'conflict-merged');
    try {
      await editValue(rig, 'k', 'k-mine');
      await writeAsOtherDevice(server, 'conflict-merged', { k: 'k-theirs' });
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      await rig.press('y');
      await rig.waitForText('Conflicts: 0 of 1 resolved');
      await rig.press('e');
      await rig.waitForText('merged value for k');
      await rig.press('\u0015');
      await rig.type('k-merged');
      await rig.press(KEYS.enter);
      let f = await rig.waitForText('Conflicts: 1 of 1 resolved');
      assert.match(f, /merged +sent at the server's SyncCount 2\s*\n\s+k-merged/, 'the value Enter will send is on screen');
      assert.match(f, /mine\s*\n\s+k-mine/);

      await rig.press('e');
      f = await rig.waitForText('merged value for k');
      assert.match(f, /k-merged/, 'editing again starts from the edited value');
      assert.doesNotMatch(f, /k-mine/);
      await rig.press('!');
      await rig.press(KEYS.enter);
      f = await rig.waitForText(/merged +sent at/);
      assert.match(f, /k-merged!/);
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 1 change');
      assert.deepEqual(await serverRecords(server, 'conflict-merged'), { k: 'k-merged!' });
    } finally {
      await rig.close();
    }
  });

  it('moves between conflicts, picks for all, undoes a pick; Esc goes back with everything staged and the server view fresh', async () => {
    await writeAsOtherDevice(server, 'conflict-nav', { x: '0', y: '0' });
    const rig = await rigOn(server, 'conflict-nav');
    try {
      await editValue(rig, 'x', 'x1');
      await editValue(rig, 'y', 'y1');
      await writeAsOtherDevice(server, 'conflict-nav', { x: 'x2', y: 'y2' });
      await rig.press('c');
      await rig.press('y');
      await rig.waitForText('x (1/2)');
      await rig.press('n');
      await rig.waitForText('y (2/2)');
      await rig.press('p');
      await rig.waitForText('x (1/2)');
      await rig.press('M');
      await rig.waitForText('Conflicts: 2 of 2 resolved');
      await rig.press('u');
      await rig.waitForText('Conflicts: 0 of 2 resolved');
      await rig.press(KEYS.enter);
      await rig.waitForText('2 conflicts have no pick yet');
      assert.equal(rig.dialog(), 'conflict', 'nothing sent while a pick is missing');

      await rig.press(KEYS.escape);
      let f = await rig.waitForText('Conflicts left open: your changes are still staged');
      assert.equal(rig.dialog(), undefined);
      assert.match(f, /2 staged \(2M/);
      await rig.press(KEYS.escape); // clears the filter left by the last edit
      f = await rig.waitForText(/M x +x1 +2 /); // mine still staged, over the server count now listed
      assert.deepEqual(await serverRecords(server, 'conflict-nav'), { x: 'x2', y: 'y2' }, 'nothing was written');

      await rig.press('c');
      f = await rig.waitForText('2 changed on the server since staged');
      await rig.press('y');
      await rig.waitForText('Conflicts: 0 of 2 resolved');
      await rig.press('T');
      await rig.press(KEYS.enter);
      await rig.waitForText('Nothing sent: the server already had every change');
      assert.equal(rig.state().staged.modified, 0);
      f = await rig.waitForText(/ x +x2 +2 /);
    } finally {
      await rig.close();
    }
  });

  it('shows limit errors in the review and refuses to send them', async () => {
    await writeAsOtherDevice(server, 'conflict-limits', { small: '1' });
    const rig = await rigOn(server, 'conflict-limits');
    try {
      const key = currentKey(rig.state());
      rig.actions().dispatch({ type: 'records', key, action: { type: 'dataset', action: { type: 'put', key: 'huge', value: 'x'.repeat(1_048_576) } } });
      await rig.press('c');
      const f = await rig.waitForText('✗ Value of key "huge" is 1,048,576 characters; the limit is 1,048,575');
      assert.match(f, /✗ The dataset would be 1,048,\d{3} bytes/);
      await rig.press('y');
      await rig.waitForText('Not sent: Value of key "huge"');
      assert.equal(rig.dialog(), 'review');
      assert.deepEqual(await serverRecords(server, 'conflict-limits'), { small: '1' });
    } finally {
      await rig.close();
    }
  });

  it('keeps a server error on screen with its code and request id until Esc; the staged set is untouched', async () => {
    // A fresh identity with 20 datasets: the 21st is refused by the server (LimitExceededException).
    const identity = 'us-east-1:00000000-0000-4000-8000-0000000000f1';
    for (let i = 0; i < 20; i++) {
      const ds = await openDataset({ client: server.newSyncClient(), identityPoolId: POOL, identityId: identity, datasetName: `d${i}` });
      ds.put('k', 'v');
      await ds.commit();
    }
    const rig = await startAppRig({ server, rows: 30, deepLink: { pool: POOL, identity, dataset: 'one-too-many' } });
    try {
      await rig.waitForIdle();
      await rig.waitForText('no records');
      await rig.press('a');
      await rig.type('k');
      await rig.press(KEYS.tab);
      await rig.type('v');
      await rig.press(KEYS.enter);
      await rig.press('c');
      await rig.press('y');
      let f = await rig.waitForText(/✗ .*Too many datasets/);
      assert.match(f, /LimitExceededException/);
      const shown = rig.state().dialog;
      assert.equal(shown?.kind, 'error');
      assert.match(shown?.kind === 'error' ? shown.error.requestId ?? '' : '', /^[0-9a-f-]{36}$/, 'the request id is kept with the error');
      assert.equal(rig.state().staged.added, 1);
      await rig.press('j');
      await rig.press('k');
      f = rig.frame();
      assert.match(f, /LimitExceededException/, 'still there after other keys');
      await rig.press(KEYS.escape);
      f = await rig.waitForNoText('LimitExceededException');
      assert.match(f, /1 staged \(0M 1\+/);
    } finally {
      await rig.close();
    }
  });

  it('a dataset that does not exist yet opens empty; the first commit creates it', async () => {
    const rig = await rigOn(server, 'brand-new');
    try {
      await rig.waitForText('no records');
      await rig.press('a');
      await rig.type('first');
      await rig.press(KEYS.tab);
      await rig.type('1');
      await rig.press(KEYS.enter);
      await rig.press('c');
      await rig.press('y');
      await rig.waitForText('committed 1 change (sync count 0 -> 1)');
      assert.deepEqual(await serverRecords(server, 'brand-new'), { first: '1' });
    } finally {
      await rig.close();
    }
  });

  it('a dataset deleted on the server meanwhile: nothing is sent, and Re-create writes it back as shown', async () => {
    await writeAsOtherDevice(server, 'deleted-meanwhile', { keep: 'k', edit: 'e0' });
    const rig = await rigOn(server, 'deleted-meanwhile');
    try {
      await editValue(rig, 'edit', 'e1');
      await server.newSyncClient().send(new DeleteDatasetCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: 'deleted-meanwhile' }));
      await rig.press('c');
      await rig.press('y');
      let f = await rig.waitForText('Dataset deleted-meanwhile was deleted on the server');
      assert.match(f, /\[›Cancel‹\]/);
      assert.deepEqual(await serverRecords(server, 'deleted-meanwhile'), {}, 'nothing was sent');
      assert.equal(rig.state().staged.modified, 1, 'still staged');
      await rig.press('y'); // Re-create
      f = await rig.waitForText(/committed 2 changes/);
      assert.deepEqual(await serverRecords(server, 'deleted-meanwhile'), { keep: 'k', edit: 'e1' });
    } finally {
      await rig.close();
    }
  });

  it('an unreachable server is an error panel; the staged edit stays', async () => {
    const own = await startTestServer({ seed: 'demo' });
    await writeAsOtherDevice(own, 'gone', { k: 'v' });
    const rig = await rigOn(own, 'gone');
    try {
      await editValue(rig, 'k', 'v2');
      await own.close();
      await rig.press('c');
      await rig.press('y');
      await rig.waitForText('EndpointUnreachable');
      await rig.waitForIdle();
      assert.equal(rig.state().staged.modified, 1);
      assert.equal(rig.dialog(), 'error');
    } finally {
      await rig.close();
    }
  });
});
