import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDatabasePath } from '../../src/config/paths.js';
import { describeStartupError, isLoopback } from '../../src/local/serve-command.js';
import { raw } from '../helpers/raw-http.js';

const ENTRY = fileURLToPath(new URL('./server-serve-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(options: object, home: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(options)], {
    cwd: ROOT,
    env: { ...process.env, COGSYNC_HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Polls until `check` returns a value, or fails after the deadline. */
async function waitFor<T>(what: string, check: () => T | undefined, child: Child, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; stdout=${child.stdout()} stderr=${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const FIRST_LINE = /^cogsync local server listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

test('first stdout line is the URL with the real port; SIGTERM closes the database and exits 0', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-serve-'));
  try {
    const child = serve({ host: '127.0.0.1', port: 0, seed: 'demo' }, home);
    const line = await waitFor('the first line', () => (child.stdout().includes('\n') ? child.stdout().split('\n')[0] : undefined), child);
    const match = FIRST_LINE.exec(line);
    assert.ok(match, `first line was: ${line}`);
    assert.notEqual(Number(match[2]), 0);
    const res = await raw(match[1], { method: 'GET', path: '/identitypools' });
    assert.equal(res.status, 200);
    assert.equal(res.json.Count, 1, 'seeded');
    assert.equal(child.stderr(), '', 'no warning on loopback');
    const dbPath = defaultDatabasePath({ COGSYNC_HOME: home });
    assert.ok(existsSync(dbPath), 'default database under COGSYNC_HOME, folder created');
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited, 0);
    assert.ok(!existsSync(`${dbPath}-wal`), 'closed cleanly: the WAL was checkpointed and removed');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('SIGINT stops it too; a non-loopback host warns about no authentication', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-serve-'));
  try {
    const child = serve({ host: '0.0.0.0', port: 0, inMemory: true }, home);
    await waitFor('the first line', () => (child.stdout().includes('\n') ? true : undefined), child);
    assert.match(child.stdout().split('\n')[0], /^cogsync local server listening on http:\/\/0\.0\.0\.0:\d+$/);
    await waitFor('the warning', () => (child.stderr().includes('no authentication') ? true : undefined), child);
    child.proc.kill('SIGINT');
    assert.equal(await child.exited, 0);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a port in use and an unusable database path give one clear line and exit 1', async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-serve-'));
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const busy = serve({ host: '127.0.0.1', port, inMemory: true }, home);
    assert.equal(await busy.exited, 1);
    assert.equal(busy.stdout(), '');
    assert.equal(busy.stderr().trim().split('\n').length, 1);
    assert.match(busy.stderr(), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));

    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    const bad = serve({ host: '127.0.0.1', port: 0, db: join(file, 'local.db') }, home);
    assert.equal(await bad.exited, 1);
    assert.equal(bad.stderr().trim().split('\n').length, 1);
    assert.match(bad.stderr(), /cogsync serve: cannot create the folder for database .*not-a-folder/);

    const notDb = join(home, 'garbage.db');
    writeFileSync(notDb, 'this is not a database, just text that is long enough to be read as a header...'.repeat(20));
    const garbage = serve({ host: '127.0.0.1', port: 0, db: notDb }, home);
    assert.equal(await garbage.exited, 1);
    assert.match(garbage.stderr(), /cogsync serve: cannot open database .*garbage\.db: /);
  } finally {
    blocker.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('loopback detection and error wording', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.equal(isLoopback(host), true, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com']) assert.equal(isLoopback(host), false, host);
  const opts = { host: 'h', port: 1 };
  assert.match(describeStartupError(Object.assign(new Error('x'), { code: 'EACCES' }), opts, 'db'), /not allowed to listen on h:1/);
  assert.match(describeStartupError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }), opts, '/x/db'), /cannot open database \/x\/db: disk I\/O error/);
});
