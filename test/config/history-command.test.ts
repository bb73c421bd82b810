import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { runHistory } from '../../src/commands/history.js';
import { captureIO } from '../../src/commands/io.js';
import { Journal, type JournalEntry } from '../../src/config/journal.js';
import { openConfigStore } from '../../src/config/store.js';
import { runCliSync } from '../helpers/cli-process.js';
import { tempHome } from '../helpers/home.js';

let home: ReturnType<typeof tempHome>;
let io: ReturnType<typeof captureIO>;
beforeEach(() => {
  home = tempHome();
  io = captureIO({ env: { COGSYNC_HOME: home.dir } });
  const journal = new Journal({ env: io.env });
  journal.append(entry(1, 'us-east-1:aaa', 'settings'));
  journal.append(entry(2, 'us-east-1:bbb', 'settings'));
  journal.append(entry(3, 'us-east-1:aaa', 'scores', { requestId: 'req-3' }));
});
afterEach(() => home.cleanup());

function entry(n: number, identityId: string, datasetName: string, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    time: `2026-02-0${n}T10:00:00.000Z`, connection: 'local', identityPoolId: 'us-east-1:pool', identityId, datasetName,
    syncCountBefore: n * 10, syncCountAfter: n * 10 + 2,
    changes: [
      { key: `key${n}`, op: 'replace', before: { syncCount: 1, value: 'old\u001b[31m' }, after: { syncCount: n * 10 + 1, value: 'x'.repeat(500) } },
      { key: 'gone', op: 'remove', before: { syncCount: 4, value: 'bye' }, after: { syncCount: n * 10 + 2 } },
    ],
    ...extra,
  };
}

const json = () => JSON.parse(io.out()) as { History: JournalEntry[] };

describe('cogsync history', () => {
  test('json (default): every entry, newest first, complete values', () => {
    assert.equal(runHistory(io, {}), 0);
    const { History } = json();
    assert.deepEqual(History.map((e) => e.syncCountBefore), [30, 20, 10]);
    assert.equal(History[2].changes[0].after.value, 'x'.repeat(500));
    assert.equal(History[0].requestId, 'req-3');
  });

  test('--identity-id and --dataset-name filter; --limit keeps the newest', () => {
    runHistory(io, { identityId: 'us-east-1:aaa' });
    assert.deepEqual(json().History.map((e) => e.datasetName), ['scores', 'settings']);
    io = captureIO({ env: io.env });
    runHistory(io, { identityId: 'us-east-1:aaa', datasetName: 'settings' });
    assert.deepEqual(json().History.map((e) => e.syncCountBefore), [10]);
    io = captureIO({ env: io.env });
    runHistory(io, { limit: 1 });
    assert.deepEqual(json().History.map((e) => e.syncCountBefore), [30]);
    io = captureIO({ env: io.env });
    runHistory(io, { datasetName: 'nothing' });
    assert.deepEqual(json().History, []);
  });

  test('table: one section per commit, values cut and escaped, ISO times when preferred', () => {
    openConfigStore({ env: io.env }).setPreference('dateFormat', 'iso');
    assert.equal(runHistory(io, { output: 'table', datasetName: 'settings', identityId: 'us-east-1:bbb' }), 0);
    const out = io.out();
    assert.match(out, /History/);
    assert.match(out, /2026-02-02T10:00:00\.000Z/);
    assert.match(out, /20 -> 22/);
    assert.match(out, /key2/);
    assert.match(out, /old\\(e|x1b)\[31m @1/, 'escape sequences shown escaped');
    assert.doesNotMatch(out, /\u001b/);
    assert.match(out, /\(removed\) @22/);
    assert.doesNotMatch(out, /x{41}/, 'long values are cut');
  });

  test('a torn last line is skipped with a note on stderr; bad options exit 252', () => {
    appendFileSync(new Journal({ env: io.env }).path, '{"time":"2026-');
    assert.equal(runHistory(io, {}), 0);
    assert.equal(json().History.length, 3);
    assert.match(io.err(), /skipped 1 unreadable journal line/);
    assert.equal(runHistory(io, { output: 'yaml' }), 252);
    assert.match(io.err(), /--output must be json or table, got 'yaml'/);
    assert.equal(runHistory(io, { limit: 0 }), 252);
  });

  test('child process: flags as a user types them', () => {
    const run = runCliSync(['history', '--identity-id', 'us-east-1:aaa', '--dataset-name', 'scores', '--output', 'json'], { PATH: process.env.PATH, COGSYNC_HOME: home.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { History: JournalEntry[] }).History.map((e) => e.requestId), ['req-3']);
  });

  test('child process: a data folder that cannot be read (COGSYNC_HOME is a file) is one line naming it, exit 255, no stack trace', () => {
    const file = `${home.dir}/not-a-folder`;
    appendFileSync(file, '');
    const r = runCliSync(['history'], { PATH: process.env.PATH, COGSYNC_HOME: file });
    assert.equal(r.status, 255, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^cogsync: cannot read the journal .*not-a-folder\/data\/journal\.jsonl \(ENOTDIR\b[^\n]*\n$/);
  });

  test('child process: --output may come before the command, as with the other commands (the last one given counts)', () => {
    const env = { PATH: process.env.PATH, COGSYNC_HOME: home.dir };
    const table = runCliSync(['--output', 'table', 'history', '--limit', '1'], env);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^-+\n\|\s+History\s+\|/);
    const last = runCliSync(['--output', 'table', 'history', '--limit', '1', '--output', 'json'], env);
    assert.equal(last.status, 0, last.stderr);
    assert.equal((JSON.parse(last.stdout) as { History: JournalEntry[] }).History.length, 1);
    const other = runCliSync(['--query', 'History', 'history'], env);
    assert.equal(other.status, 252);
    assert.match(other.stderr, /history does not take --query/);
  });
});
