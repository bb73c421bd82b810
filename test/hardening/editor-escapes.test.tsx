// Hostile keys and values in the editor: ANSI/OSC sequences, C1 controls, bidi controls,
// NUL, CR, a lone surrogate, and a 1 MB value. The app renders without colour here, so
// Ink itself writes no escape sequence: any control character in any frame (raw, not
// stripped) would come from the data. Every screen that shows data is visited: the
// records table and detail pane, the inline editor, the review, the conflict dialog and
// an error line carrying a hostile server message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { FaultProxy, only } from '../helpers/fault-proxy.js';
import { HOSTILE, unsafeIn } from '../helpers/hostile-text.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import type { AppRig } from '../helpers/app-rig.js';
import { currentKey, listAt } from '../../src/ui/state/app-reducer.js';
import { rigOn, serverRecords, writeAsOtherDevice } from '../ui/records-helpers.js';

const ESC = '\u001b';
let server: TestServer;
let proxy: FaultProxy;

before(async () => {
  server = await startTestServer({ seed: 'demo' });
  proxy = await FaultProxy.start(server.url);
  await writeAsOtherDevice(server, 'hostile-ui', Object.fromEntries(Object.entries(HOSTILE).flatMap(([name, s]) => [[`${name}:${s}`, s], [s, `value of ${name}`]])));
  await writeAsOtherDevice(server, 'hostile-big', { [`big${ESC}[5m`]: `${ESC}[2J${'x'.repeat(300)}${ESC}]52;c;${'A'.repeat(1_040_000)}\u0007`, small: 'ok' });
});
after(async () => {
  await proxy.stop();
  await server.close();
});

/** No frame drawn so far holds a raw control character, bidi control or lone surrogate. */
function assertFramesSafe(rig: AppRig, where: string): void {
  const raw = rig.rawFrames();
  assert.ok(raw.length > 0);
  const bad = raw.flatMap((f, i) => unsafeIn(f).map((u) => `frame ${i}: ${u}`));
  assert.deepEqual(bad.slice(0, 10), [], `${where}: terminal-unsafe characters reached the screen`);
}

function proxied(dataset: string): Promise<AppRig> {
  return rigOn(server, dataset, { rows: 40, connections: [{ name: 'proxied', kind: 'local', endpointUrl: proxy.url }], connection: 'proxied' });
}

describe('the editor shows hostile data escaped, everywhere', () => {
  it('records table, detail pane, inline editor, review, conflict dialog and a hostile error message', { timeout: 60_000 }, async () => {
    const rig = await proxied('hostile-ui');
    try {
      let frame = await rig.waitForText('\\e[2J');
      assert.match(frame, /\\u202e/, 'bidi override shown as \\u202e');
      const list = listAt(rig.state(), currentKey(rig.state()));
      assert.equal(list.rows.length, Object.keys(HOSTILE).length * 2);
      // Every row selected in turn: the detail pane shows each key and value in full.
      await rig.press('g');
      for (let i = 1; i < list.rows.length; i++) await rig.press('j');
      frame = rig.frame();
      assert.ok(frame.includes('\\x00') || frame.includes('\\r') || frame.includes('\\e'), 'escapes are visible, not dropped');
      assertFramesSafe(rig, 'records table and detail pane');

      // The inline editor on a hostile value.
      await rig.press('g');
      await rig.press('e');
      await rig.waitForText(/edit /);
      assertFramesSafe(rig, 'inline editor');
      await rig.press(KEYS.escape);

      // A hostile value staged, then the review of it.
      const key = currentKey(rig.state());
      const target = `clear:${HOSTILE.clear}`;
      rig.actions().dispatch({ type: 'records', key, action: { type: 'dataset', action: { type: 'put', key: target, value: `${HOSTILE.clipboard}${HOSTILE.bidi}` } } });
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      assertFramesSafe(rig, 'review dialog');

      // Another device writes a hostile value to the same key meanwhile: the conflict dialog.
      await writeAsOtherDevice(server, 'hostile-ui', { [target]: `${HOSTILE.title}${HOSTILE.hyperlink}` });
      await rig.press('y');
      await rig.waitForText('Conflicts: 0 of 1 resolved');
      assertFramesSafe(rig, 'conflict dialog');
      await rig.press('m');
      // The server answers the write with a hostile message.
      proxy.inject({ fault: { kind: 'status', status: 500, type: 'InternalErrorException', message: `boom ${HOSTILE.clear}${HOSTILE.clipboard}${HOSTILE.cr}` }, match: only('UpdateRecords'), times: 1 });
      await rig.press(KEYS.enter);
      frame = await rig.waitForText('InternalErrorException');
      assert.match(frame, /boom \\e\[2J/);
      assertFramesSafe(rig, 'error line');
      assert.equal((await serverRecords(server, 'hostile-ui'))[target], `${HOSTILE.title}${HOSTILE.hyperlink}`, 'nothing written by the refused commit');
    } finally {
      proxy.clear();
      await rig.close();
    }
  });

  it('a 1 MB value with escape sequences: table row and detail pane escaped, drawn in bounded time', { timeout: 60_000 }, async () => {
    const started = performance.now();
    const rig = await proxied('hostile-big');
    try {
      await rig.press('g');
      const frame = await rig.waitForText('\\e[2J');
      assert.match(frame, /big\\e\[5m/);
      await rig.press('j');
      await rig.press('k');
      assert.ok(performance.now() - started < 30_000, `opened and moved in ${Math.round(performance.now() - started)} ms`);
      assertFramesSafe(rig, '1 MB value');
      assert.ok(rig.rawFrames().every((f) => f.length < 100_000), 'a frame holds a window of the value, not all of it');
    } finally {
      await rig.close();
    }
  });
});
