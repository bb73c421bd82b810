// The bundled CLI (what `npm run build` puts behind the `cogsync` bin) builds and runs.
// Its esbuild plugins patch exact versions of Ink and friends and fail the build when a
// dependency changes under them; this test makes such a change visible in `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { once } from 'node:events';

const run = promisify(execFile);

test('scripts/build.mjs bundles a CLI that prints its version and starts the server', async () => {
  // Inside the project: the bundle keeps native addons (better-sqlite3) external, resolved from node_modules.
  const dir = mkdtempSync(join(process.cwd(), '.test-build-'));
  try {
    await run(process.execPath, ['scripts/build.mjs', '--cli-only', dir]);
    const cli = join(dir, 'cli.js');
    assert.ok(existsSync(cli), 'cli.js written');
    const { stdout } = await run(process.execPath, [cli, '--version']);
    assert.equal(stdout.trim(), '0.1.0');
    const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--in-memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [chunk] = (await once(server.stdout, 'data')) as [Buffer];
      assert.match(chunk.toString(), /^cogsync local server listening on http:\/\/127\.0\.0\.1:\d+\n/);
    } finally {
      server.kill('SIGTERM');
      const [code] = (await once(server, 'exit')) as [number | null];
      assert.equal(code, 0, 'SIGTERM closes the server cleanly');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
