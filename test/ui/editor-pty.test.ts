import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { editorTestEnv, demoServerAndHome, spawnPty } from '../helpers/pty.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, NOT_A_TERMINAL } from '../../src/ui/run-editor.js';
import { DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE } from '../../src/ui/bracketed-paste.js';

const entry = fileURLToPath(new URL('./fixtures/run-editor-entry.ts', import.meta.url));
const fixture = demoServerAndHome();
const env = () => editorTestEnv(fixture.home.dir, { COGSYNC_TEST_ENDPOINT: fixture.server.url });

describe('the editor in a real terminal', () => {
  it('enters the alt screen, shows ‹ready›, drills down, and leaves cleanly on Ctrl+C', async () => {
    const term = spawnPty(process.execPath, ['--import', 'tsx', entry], { env: env(), cols: 100, rows: 30 });
    try {
      await term.waitFor('‹ready›', { ms: 20_000 });
      await term.waitFor('demo-pool');
      assert.ok(term.raw().includes(ENTER_ALT_SCREEN), 'alt screen entered');
      assert.ok(term.raw().includes(ENABLE_BRACKETED_PASTE), 'bracketed paste turned on');
      // Pitfall 1: with the root at rows - 1, Ink never clears the scrollback.
      assert.ok(!term.raw().includes('\u001b[3J'), 'no ESC[3J (clear scrollback) in the output');
      let mark = term.mark();
      await term.send('\r');
      await term.waitFor('local › demo-pool', { since: mark });
      await term.waitFor(/unauthenticated/, { since: mark });
      mark = term.mark();
      await term.send('?');
      await term.waitFor('Keys — ? or Esc closes', { since: mark });
      await term.send('\u001b');
      mark = term.mark();
      // A paste where no field takes text, as the terminal sends it in bracketed-paste mode: not run as keys.
      await term.send('\u001b[200~q\u001b[201~');
      await term.waitFor('Paste ignored (1 character)', { since: mark });
      mark = term.mark();
      await term.send('\u0003'); // Ctrl+C: the app's quit (nothing staged), not a signal
      const { exitCode } = await term.exited;
      assert.equal(exitCode, 0);
      assert.ok(term.raw().slice(mark).includes(LEAVE_ALT_SCREEN), 'alt screen left');
      assert.ok(term.raw().slice(mark).includes(DISABLE_BRACKETED_PASTE), 'bracketed paste turned off');
    } finally {
      term.kill();
    }
  });

  it('restores the screen when killed by a signal', async () => {
    const term = spawnPty(process.execPath, ['--import', 'tsx', entry], { env: env() });
    try {
      await term.waitFor('‹ready›', { ms: 20_000 });
      const mark = term.mark();
      term.kill('SIGTERM');
      const { exitCode } = await term.exited;
      assert.equal(exitCode, 143);
      assert.ok(term.raw().slice(mark).includes(LEAVE_ALT_SCREEN), 'alt screen left on SIGTERM');
      assert.ok(term.raw().slice(mark).includes(DISABLE_BRACKETED_PASTE), 'bracketed paste turned off on SIGTERM');
    } finally {
      term.kill();
    }
  });

  it('refuses to start without a terminal, pointing to --help', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      env: { ...process.env, ...env() },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes(NOT_A_TERMINAL), result.stderr);
    assert.equal(result.stdout, '', 'nothing drawn');
  });
});
