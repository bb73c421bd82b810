import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorTestEnv, spawnPty } from '../helpers/pty.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from '../../src/ui/run-editor.js';
import { IDENTITY, POOL, serverRecords, writeAsOtherDevice } from './records-helpers.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
let server: TestServer;
let home: ReturnType<typeof tempHome>;
let dir: string;
const env = (extra: NodeJS.ProcessEnv = {}) => editorTestEnv(home.dir, extra);

before(async () => {
  home = tempHome();
  dir = mkdtempSync(join(tmpdir(), 'cogsync-pty-'));
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
  home.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('the records editor in a real terminal, through the CLI', () => {
  it('drills down, edits inline, reviews and commits one batch', async () => {
    await writeAsOtherDevice(server, 'pty-edit', { theme: 'dark', lang: 'en' });
    const term = spawnPty(process.execPath, ['--import', 'tsx', cli, '--endpoint-url', server.url], { env: env(), cols: 100, rows: 30 });
    try {
      await term.waitFor('‹ready›', { ms: 30_000 });
      await term.waitFor('demo-pool');
      // One step = keys, then what the screen must show before the next step. A terminal may
      // deliver keys sent close together as one chunk (Ink then sees "ab\r" as text), so
      // Enter always goes on its own, after the text it follows has been drawn.
      const step = async (keys: string, expected: string | RegExp) => {
        const mark = term.mark();
        await term.send(...keys);
        await term.waitFor(expected, { since: mark });
      };
      const q = IDENTITY.slice(-6);
      await step('\r', 'unauthenticated');
      await step('/', /\/\s+3\/3/);
      await step(q, '1/3');
      // The bar leaves edit mode (its cursor cell goes): only then may Enter open the row.
      await step('\r', new RegExp(`/${q} {2}1/3`));
      await step('\r', 'pty-edit');
      await step('/', /\/\s+\d+\/\d+/);
      await step('pty-edit', /\/pty-edit\s+1\/\d+/);
      await step('\r', /\/pty-edit {2}1\/\d+/);
      await step('\r', /key +value +sc +modified +by/);
      await term.waitFor('theme');
      await step('/', /\/\s+2\/2/);
      await step('theme', '1/2');
      await step('\r', /\/theme {2}1\/2/);
      await step('e', 'edit theme');
      await step('X', 'darkX');
      await step('\r', '1 staged (1M 0+ 0-)');
      let mark = term.mark();
      await term.send('c');
      await term.waitFor('Review: 1 change to pty-edit', { since: mark });
      await term.waitFor('"dark" → "darkX"', { since: mark });
      mark = term.mark();
      await term.send('y');
      await term.waitFor('committed 1 change (sync count 1 -> 2)', { since: mark });
      assert.deepEqual(await serverRecords(server, 'pty-edit'), { theme: 'darkX', lang: 'en' });
      mark = term.mark();
      await term.send('q');
      const { exitCode } = await term.exited;
      assert.equal(exitCode, 0);
      assert.ok(term.raw().slice(mark).includes(LEAVE_ALT_SCREEN), 'alt screen left');
    } finally {
      term.kill();
    }
  });

  it('E runs $EDITOR with the terminal out of raw mode, then redraws and takes keys again', async () => {
    await writeAsOtherDevice(server, 'pty-editor', { cfg: '{"a":1}' });
    const stty = join(dir, 'stty.txt');
    const editor = join(dir, 'editor.sh');
    // Records the terminal mode the editor sees, then rewrites the value.
    writeFileSync(editor, `#!/bin/sh\nstty -a > "${stty}"\nprintf '%s' '{"a":2}' > "$1"\n`);
    chmodSync(editor, 0o755);
    const args = ['--import', 'tsx', cli, '--endpoint-url', server.url, '--identity-pool-id', POOL, '--identity-id', IDENTITY, '--dataset-name', 'pty-editor'];
    const term = spawnPty(process.execPath, args, { env: env({ VISUAL: '', EDITOR: editor }), cols: 100, rows: 30 });
    try {
      await term.waitFor('‹ready›', { ms: 30_000 });
      await term.waitFor(/›  cfg/);
      let mark = term.mark();
      await term.send('E');
      await term.waitFor('Returned from the editor: "cfg" staged', { since: mark });
      await term.waitFor(/M cfg +\{"a":2\}/, { since: mark });
      assert.ok(term.raw().slice(mark).includes(ENTER_ALT_SCREEN), 'the alternate screen is entered again');
      assert.ok(existsSync(stty), 'the editor ran');
      const mode = readFileSync(stty, 'utf8');
      assert.match(mode, /(^|\s)icanon(\s|$)/, `canonical mode under the editor:\n${mode}`);
      assert.match(mode, /(^|\s)echo(\s|$)/, 'echo on under the editor');
      mark = term.mark();
      await term.send('c');
      await term.waitFor('Review: 1 change to pty-editor', { since: mark });
      mark = term.mark();
      await term.send('y');
      await term.waitFor('committed 1 change', { since: mark });
      assert.equal((await serverRecords(server, 'pty-editor')).cfg, '{"a":2}');
      await term.send('q');
      assert.equal((await term.exited).exitCode, 0);
    } finally {
      term.kill();
    }
  });
});
