// A deep link's dataset is asked for while the editor starts (src/ui/data/preload.ts): in a real terminal the first
// frame already holds the records (no `loading…` frame before them), and the records screen takes that one answer —
// exactly one ListRecords, also when the answer is an error. (DescribeIdentityPool follows, for the breadcrumb.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorTestEnv, NO_AWS_KEYS, demoServerAndHome, spawnPty } from '../helpers/pty.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = demoServerAndHome();

/** Opens the deep link, waits for `shown`, quits; returns the terminal text and the logged operations. */
async function open(endpoint: string, logName: string, shown: string | RegExp): Promise<{ text: string; calls: Array<{ operation: string; state: string }> }> {
  const logFile = join(fixture.home.dir, logName);
  const term = spawnPty(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--endpoint-url', endpoint, '--identity-pool-id', DEMO_POOL_ID, '--identity-id', DEMO_IDENTITIES.alice, '--dataset-name', 'profile', '--log', logFile],
    // The first frame waits for the preload up to 150 ms; on a loaded machine the local answer can take longer, and
    // what is tested is that an answer in time is drawn in the first frame, so the wait is made long here.
    { cwd: root, cols: 110, rows: 30, env: { ...editorTestEnv(fixture.home.dir, NO_AWS_KEYS), COGSYNC_PRELOAD_WAIT_MS: '10000' } },
  );
  try {
    await term.waitFor('‹ready›', { ms: 20_000 });
    await term.waitFor(shown);
    await term.send('q');
    assert.equal((await term.exited).exitCode, 0);
    const calls = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { operation: string; state: string });
    return { text: term.text(), calls };
  } finally {
    term.kill();
  }
}

describe('deep link preload in a real terminal', () => {
  it('the first frame shows the records, listed once', async () => {
    const { text, calls } = await open(fixture.server.url, 'ok.jsonl', 'displayName');
    const firstRecord = text.indexOf('displayName');
    assert.ok(firstRecord > 0);
    assert.ok(!text.slice(0, firstRecord).includes('loading…'), 'no loading frame before the records');
    assert.equal(calls[0]?.operation, 'ListRecords', 'the listing goes first');
    assert.deepEqual(calls.filter((c) => c.operation !== 'DescribeIdentityPool').map((c) => c.operation), ['ListRecords'], 'listed once');
  });

  it('a failing listing (nothing listens at the endpoint) is shown as the error, and not asked for twice', async () => {
    // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
    const { text, calls } = await open('http://127.0.0.1:9', 'error.jsonl', /ECONNREFUSED|refused|reach/i);
    assert.match(text, /could not list records/);
    // The pool's name for the breadcrumb (DescribeIdentityPool) fails there too, quietly.
    assert.deepEqual(calls.filter((c) => c.operation === 'ListRecords').map((c) => c.state), ['error'], 'listed once');
  });
});
