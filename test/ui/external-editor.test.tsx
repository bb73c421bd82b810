// `E` with real programs as $EDITOR: a file left as written stages nothing, whatever the
// value holds (CRLF, a lone surrogate half); line ends are converted only when edited.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExternalEditor, valueFromEditor, type ExternalEditorIo } from '../../src/ui/io/external-editor.js';
import type { RecordsIo } from '../../src/ui/records-actions.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { rigOn, selectKey, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let scripts: string;
before(() => {
  scripts = mkdtempSync(join(tmpdir(), 'cogsync-editors-'));
});
after(() => rmSync(scripts, { recursive: true, force: true }));

/** A shell script standing in for $EDITOR; it gets the temp file as $1. */
function editorScript(name: string, body: string): string {
  const file = join(scripts, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function editorIo(editor: string): ExternalEditorIo {
  return { env: { ...process.env, VISUAL: '', EDITOR: editor }, spawnSync, stdin: { isTTY: false }, stdout: { write: () => true } };
}

const run = (initial: string, editor: string) => runExternalEditor(initial, { json: false }, editorIo(editor));

describe('runExternalEditor with real editors', () => {
  it('a file the editor did not touch is unchanged: CRLF, a lone surrogate half, a plain value', () => {
    for (const initial of ['line1\r\nline2', 'half \ud83d here', 'plain', 'ends\r\n']) {
      assert.deepEqual(run(initial, '/bin/true'), { status: 'unchanged' }, JSON.stringify(initial));
    }
  });

  it('an edit keeps the CRLF the value had, and the editor\'s added last line end is dropped', () => {
    const appendLine = editorScript('append.sh', `printf 'line3\\r\\n' >> "$1"`);
    assert.deepEqual(run('line1\r\nline2\r\n', appendLine), { status: 'saved', text: 'line1\r\nline2\r\nline3\r\n' });
    const dosSave = editorScript('dos-save.sh', `printf 'line1\\r\\nline2!\\r\\n' > "$1"`);
    assert.deepEqual(run('line1\r\nline2', dosSave), { status: 'saved', text: 'line1\r\nline2!' });
    const sameWithEol = editorScript('same-eol.sh', `printf 'line1\\r\\nline2\\r\\n' > "$1"`);
    assert.deepEqual(run('line1\r\nline2', sameWithEol), { status: 'unchanged' }, 'only a line end added, like vi');
  });

  it('a value without CRLF saved by a Windows editor comes back with LF', () => {
    const windows = editorScript('windows.sh', `printf 'a\\r\\nb\\r\\n' > "$1"`);
    assert.deepEqual(run('a\nc', windows), { status: 'saved', text: 'a\nb' });
  });
});

describe('valueFromEditor', () => {
  it('converts CRLF only for a value that had none, and drops one added line end', () => {
    assert.equal(valueFromEditor('x\r\ny\r\n', 'x\ny'), 'x\ny');
    assert.equal(valueFromEditor('x\r\ny\r\n', 'x\r\ny'), 'x\r\ny');
    assert.equal(valueFromEditor('x\r\ny\n', 'x\r\ny'), 'x\r\ny');
    assert.equal(valueFromEditor('x\n\n', 'x'), 'x\n\n', 'an empty line typed on purpose stays');
    assert.equal(valueFromEditor('x\n', 'x\n'), 'x\n');
    assert.equal(valueFromEditor('abc\r\n', 'abc\r'), 'abc\r', 'a lone CR at the end is the value’s; only the added LF goes');
  });
});

describe('E in the app on a value with CRLF (real local server)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: 'demo' });
  });
  after(() => server.close());

  it('an editor that changes nothing stages nothing and says so', async () => {
    await writeAsOtherDevice(server, 'editor-crlf', { crlf: 'line1\r\nline2' });
    const io: RecordsIo = { editor: editorIo('/bin/true'), clipboard: { stdout: { isTTY: true, write: () => true }, env: {} } };
    const rig = await rigOn(server, 'editor-crlf', { editorIo: io });
    try {
      await selectKey(rig, 'crlf');
      await rig.press('E');
      await rig.waitForText('Returned from the editor: "crlf" unchanged');
      assert.deepEqual(rig.state().staged, { modified: 0, added: 0, removed: 0 });
      assert.deepEqual(await serverRecords(server, 'editor-crlf'), { crlf: 'line1\r\nline2' });
    } finally {
      await rig.close();
    }
  });
});
