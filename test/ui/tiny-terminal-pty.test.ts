// Resizing a real terminal down to tiny sizes and back: a row (or the too-small line) at each size, no crash, and
// the editor still quits cleanly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { editorTestEnv, spawnPty, NO_AWS_KEYS } from '../helpers/pty.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
let server: TestServer;
let home: ReturnType<typeof tempHome>;
before(async () => {
  home = tempHome();
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
  home.cleanup();
});

describe('the records screen while the terminal is resized (node-pty)', () => {
  it('100×30 → 20×5 → 10×3 → 30×6 → 1×1 → 100×30: a row or the too-small line each time, then q exits 0', async () => {
    const args = ['--import', 'tsx', cli, '--endpoint-url', server.url, '--identity-pool-id', DEMO_POOL_ID, '--identity-id', DEMO_IDENTITIES.alice, '--dataset-name', 'profile'];
    const term = spawnPty(process.execPath, args, { env: editorTestEnv(home.dir, NO_AWS_KEYS), cols: 100, rows: 30 });
    try {
      await term.waitFor('‹ready›', { ms: 30_000 });
      await term.waitFor(/›  bio +Alice/);
      const resize = async (cols: number, rows: number, expected: RegExp) => {
        const mark = term.mark();
        term.resize(cols, rows);
        await term.waitFor(expected, { since: mark });
      };
      await resize(20, 5, /›  bio/);
      await resize(10, 3, /10×3 too/);
      await resize(30, 6, /›  bio/);
      await resize(1, 1, /1/); // only: no crash (the next size draws again)
      await resize(100, 30, /›  bio +Alice/);
      await term.send('q');
      const { exitCode } = await term.exited;
      assert.equal(exitCode, 0);
      assert.doesNotMatch(term.text(), /Error|at .*\.tsx?:\d+/);
    } finally {
      term.kill();
    }
  });
});
