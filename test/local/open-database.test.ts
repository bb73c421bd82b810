// Opening the server's database file: several processes creating it at once (two `cogsync serve`, or serve and the
// editor's embedded server on the default local.db), and a file that belongs to another application.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/local/schema.js';
import { tempHome } from '../helpers/home.js';

const child = fileURLToPath(new URL('./open-database-child.ts', import.meta.url));

function openAt(path: string, startAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, path, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('close', () => resolve(out));
  });
}

test('three processes creating the database at once: one creates it, the others open it (none fails)', async () => {
  const home = tempHome('cogsync-open-race-');
  try {
    for (let round = 0; round < 2; round++) {
      const path = join(home.dir, `race-${round}.db`);
      const startAt = Date.now() + 2_500; // after every child has started
      const results = await Promise.all([openAt(path, startAt), openAt(path, startAt), openAt(path, startAt)]);
      assert.deepEqual([...results].sort(), ['existing', 'existing', 'new'], `round ${round}: ${results.join(' | ')}`);
    }
  } finally {
    home.cleanup();
  }
});

test('another application’s SQLite file is refused and left exactly as it was', () => {
  const home = tempHome('cogsync-foreign-db-');
  try {
    const path = join(home.dir, 'notes.db');
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    foreign.close();
    const before = readFileSync(path);
    assert.throws(() => openDatabase(path), /is not a cogsync local server database \(it holds other tables\)/);
    assert.deepEqual(readFileSync(path), before, 'not a byte changed');
  } finally {
    home.cleanup();
  }
});
