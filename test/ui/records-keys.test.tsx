import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import type { RecordsIo } from '../../src/ui/records-actions.js';
import { editValue, rigOn, selectKey, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
let scripts: string;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
  scripts = mkdtempSync(join(tmpdir(), 'cogsync-editors-'));
});
after(async () => {
  await server.close();
  rmSync(scripts, { recursive: true, force: true });
});

/** A shell script standing in for $EDITOR; it gets the temp file as $1. */
function editorScript(name: string, body: string): string {
  const file = join(scripts, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Real spawnSync of a real program; the terminal side (raw mode, alt screen) captured. */
function editorIo(editor: string, extraEnv: NodeJS.ProcessEnv = {}): { io: RecordsIo; writes: string[] } {
  const writes: string[] = [];
  const io: RecordsIo = {
    editor: { env: { ...process.env, VISUAL: '', EDITOR: editor, ...extraEnv }, spawnSync, stdin: { isTTY: false }, stdout: { write: (s: string) => writes.push(s) } },
    clipboard: { stdout: { isTTY: true, write: (s: string) => writes.push(s) }, env: {} },
  };
  return { io, writes };
}

describe('records editor keys (real local server)', () => {
  it('refuses e, E, a, d, x and c on a read-only connection, saying why, and stages nothing', async () => {
    await writeAsOtherDevice(server, 'keys-ro', { k: 'v' });
    const rig = await rigOn(server, 'keys-ro', { readOnly: true });
    try {
      let f = await rig.waitForText(/^\[RO\]/);
      for (const key of ['e', 'E', 'a', 'd', 'x', 'c']) {
        await rig.press(key);
        f = await rig.waitForText('Disabled: connection local is read-only');
        assert.equal(rig.dialog(), undefined, `${key} opened nothing`);
        assert.equal(rig.state().records[Object.keys(rig.state().records)[0]].editor, null, `${key} opened no editor`);
        await rig.press('j'); // the notice lasts until the next key
        await rig.waitForNoText('Disabled');
      }
      assert.deepEqual(rig.state().staged, { modified: 0, added: 0, removed: 0 });
      assert.match(f, /› {2}k +v/);
    } finally {
      await rig.close();
    }
  });

  it('E edits in $EDITOR: a value that stops being JSON is staged with the offer to edit again', async () => {
    await writeAsOtherDevice(server, 'keys-editor', { cfg: '{"a":1}', plain: 'text' });
    const state = join(scripts, 'second-run');
    const script = editorScript('alternate.sh', `if [ -f "$STATE" ]; then printf '%s' '{"fixed":true}' > "$1"; else printf '%s' '{"broken":' > "$1"; touch "$STATE"; fi`);
    const { io, writes } = editorIo(script, { STATE: state });
    const rig = await rigOn(server, 'keys-editor', { editorIo: io });
    try {
      await selectKey(rig, 'cfg');
      await rig.press('E');
      let f = await rig.waitForText('"cfg" is no longer valid JSON');
      assert.equal(rig.dialog(), 'confirm');
      assert.match(f, /It is staged as written/);
      assert.ok(writes.some((w) => w.includes('\u001b[?1049h')), 'the alternate screen is entered again after the editor');
      assert.ok(writes.some((w) => w.includes('\u001b[?2004l')) && writes.some((w) => w.includes('\u001b[?2004h')), 'bracketed paste off for the editor, on again after');
      assert.equal(rig.state().staged.modified, 1);
      await rig.press('y'); // Edit again
      f = await rig.waitForText('Returned from the editor: "cfg" staged');
      assert.equal(rig.dialog(), undefined);
      assert.match(f, /M cfg +\{"fixed":true\}/);
      await rig.press('c');
      await rig.press('y');
      await rig.waitForText('committed 1 change');
      assert.equal((await serverRecords(server, 'keys-editor')).cfg, '{"fixed":true}');
    } finally {
      await rig.close();
    }
  });

  it('E: an editor that changes nothing, one that fails, and one that is not installed', async () => {
    await writeAsOtherDevice(server, 'keys-editor-2', { k: 'v' });
    for (const [editor, expected] of [
      [editorScript('noop.sh', 'exit 0'), 'Returned from the editor: "k" unchanged'],
      [editorScript('fail.sh', 'exit 3'), /EditorFailed: the editor .*fail\.sh exited with status 3/],
      [join(scripts, 'no-such-editor'), /EditorFailed: editor not found: .*no-such-editor \(set \$VISUAL/],
    ] as const) {
      const rig = await rigOn(server, 'keys-editor-2', { editorIo: editorIo(editor).io });
      try {
        await selectKey(rig, 'k');
        await rig.press('E');
        await rig.waitForText(expected);
        assert.equal(rig.state().staged.modified, 0);
      } finally {
        await rig.close();
      }
    }
  });

  it('y / Y copy through OSC 52 (base64 only); x asks before discarding, with Cancel first; u brings it back', async () => {
    await writeAsOtherDevice(server, 'keys-copy', { token: 'sécret\u001b[2J' });
    const { io, writes } = editorIo('vi');
    const rig = await rigOn(server, 'keys-copy', { editorIo: io });
    try {
      await rig.press('y');
      await rig.waitForText('Copied value of "token" (10 characters)');
      assert.equal(writes.at(-1), `\u001b]52;c;${Buffer.from('sécret\u001b[2J').toString('base64')}\u0007`);
      await rig.press('Y');
      await rig.waitForText('Copied key "token"');
      assert.ok(!writes.some((w) => w.includes('\u001b[2J')), 'the raw value never reaches the terminal');

      await editValue(rig, 'token', 'new');
      await rig.press(KEYS.escape);
      await rig.press('x');
      let f = await rig.waitForText('Discard 1 staged change?');
      assert.match(f, /\[›Cancel‹\]/);
      await rig.press(KEYS.enter); // Cancel has focus
      await rig.waitForNoText('Discard 1 staged change?');
      assert.equal(rig.state().staged.modified, 1);
      await rig.press('x');
      await rig.waitForText('Discard 1 staged change?');
      await rig.press('y');
      f = await rig.waitForNoText('Discard 1 staged change?');
      assert.equal(rig.state().staged.modified, 0);
      await rig.press('u');
      await rig.waitForText(/M token +new/);
    } finally {
      await rig.close();
    }
  });

  it('q with staged changes asks (Cancel first); D discards and quits', async () => {
    await writeAsOtherDevice(server, 'keys-quit', { k: 'v' });
    const rig = await rigOn(server, 'keys-quit');
    try {
      await editValue(rig, 'k', 'w');
      await rig.press('q');
      await rig.waitForText('Quit with 1 staged change in keys-quit?');
      assert.equal(rig.dialog(), 'quit');
      await rig.press(KEYS.enter);
      await rig.waitForNoText('Quit with');
      assert.equal(rig.exited(), false);
      await rig.press(KEYS.ctrlC);
      await rig.waitForText('Quit with 1 staged change in keys-quit?');
      await rig.press('D');
      await until(() => rig.exited(), rig.frame);
      assert.deepEqual(await serverRecords(server, 'keys-quit'), { k: 'v' }, 'nothing was sent');
    } finally {
      await rig.close();
    }
  });

  it('Ctrl+C with text typed into an open edit (nothing staged) asks before quitting, and discarding drops it', async () => {
    await writeAsOtherDevice(server, 'keys-quit-typing', { k: 'v' });
    const rig = await rigOn(server, 'keys-quit-typing');
    try {
      await selectKey(rig, 'k');
      await rig.press('e');
      await rig.waitForText('edit k');
      await rig.press(KEYS.ctrlC); // the field still holds what it opened with: nothing to lose, so quit does not ask
      await until(() => rig.exited(), rig.frame);
    } finally {
      await rig.close();
    }
    const again = await rigOn(server, 'keys-quit-typing');
    try {
      await selectKey(again, 'k');
      await again.press('e');
      await again.waitForText('edit k');
      await again.type('typed');
      await again.press(KEYS.ctrlC);
      await again.waitForText('Quit with an unfinished edit?');
      await again.press(KEYS.enter); // Cancel: back to the edit, text intact
      await again.waitForNoText('Quit with');
      assert.equal(again.exited(), false);
      assert.match(again.frame(), /vtyped/);
      await again.press(KEYS.ctrlC);
      await again.waitForText('Quit with an unfinished edit?');
      await again.press('D');
      await until(() => again.exited(), again.frame);
    } finally {
      await again.close();
    }
  });

  it('c, u and Ctrl+R away from the records say which dataset holds the staged changes (not "Nothing is staged")', async () => {
    await writeAsOtherDevice(server, 'keys-elsewhere', { k: 'v' });
    const rig = await rigOn(server, 'keys-elsewhere');
    try {
      await editValue(rig, 'k', 'w');
      await rig.press(KEYS.escape); // the filter editValue left
      await rig.press(KEYS.escape); // up to the datasets
      await rig.waitForText(/dataset +records/);
      for (const key of ['c', 'u', KEYS.ctrlR]) {
        await rig.press(key);
        const f = await rig.waitForText('1 staged change in keys-elsewhere');
        assert.doesNotMatch(f, /Nothing is staged/);
        assert.match(f, /open it to review, undo or redo/);
      }
      assert.equal(rig.state().staged.modified, 1);
    } finally {
      await rig.close();
    }
  });

  it('stays responsive on 1,000 records / 900 KB (alice/inventory): every key is answered quickly', async () => {
    const started = performance.now();
    const rig = await startAppRig({ server, rows: 30, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'inventory' } });
    try {
      await rig.waitForIdle();
      await rig.waitForText('1–23 of 1,000');
      const opened = performance.now() - started;
      const times: number[] = [];
      for (let i = 1; i <= 20; i++) {
        const t = performance.now();
        await rig.press(i % 5 === 0 ? KEYS.pageDown : 'j');
        await rig.waitForText(/›  item-\d{4}/);
        times.push(performance.now() - t);
      }
      const t = performance.now();
      await rig.press('e');
      await rig.type('x');
      await rig.press(KEYS.enter);
      await rig.waitForText(/›M item-/);
      const edit = performance.now() - t;
      const average = times.reduce((a, b) => a + b, 0) / times.length;
      console.log(`inventory: open (rig start to listed) ${opened.toFixed(0)} ms, 20 moves avg ${average.toFixed(1)} ms (max ${Math.max(...times).toFixed(1)}), edit+stage ${edit.toFixed(0)} ms`);
      assert.ok(average < 500, `average key ${average.toFixed(0)} ms`);
    } finally {
      await rig.close();
    }
  });
});
