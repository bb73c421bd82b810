// `cogsync history` on a journal line that parses as JSON but holds values of the wrong
// type (edited by hand, another tool): skipped and counted as unreadable, like a torn
// line, rather than a TypeError stack trace from --output table.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { runHistory } from '../../src/commands/history.js';
import { captureIO } from '../../src/commands/io.js';
import { Journal } from '../../src/config/journal.js';
import { tempHome } from '../helpers/home.js';

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const good = {
  time: '2026-02-01T10:00:00.000Z', connection: 'local', identityPoolId: 'us-east-1:pool', identityId: 'us-east-1:aaa', datasetName: 'settings',
  syncCountBefore: 1, syncCountAfter: 2,
  changes: [{ key: 'k', op: 'replace', before: { syncCount: 1, value: 'old' }, after: { syncCount: 2, value: 'new' } }],
};

test('lines with a null or numeric value, a non-object before, a non-string requestId are skipped and counted', () => {
  const env = { COGSYNC_HOME: home.dir };
  const path = new Journal({ env }).path;
  mkdirSync(dirname(path), { recursive: true });
  const change = good.changes[0];
  const odd = [
    { ...good, changes: [{ ...change, before: { syncCount: 1, value: null } }] },
    { ...good, changes: [{ ...change, after: { syncCount: 2, value: 5 } }] },
    { ...good, changes: [{ ...change, before: 'old' }] },
    { ...good, requestId: 42 },
  ];
  writeFileSync(path, [good, ...odd].map((e) => JSON.stringify(e)).join('\n') + '\n');
  for (const output of ['table', 'json']) {
    const io = captureIO({ env });
    assert.equal(runHistory(io, { output }), 0, output);
    assert.match(io.err(), /skipped 4 unreadable journal lines/, output);
    assert.match(io.out(), /settings/, output);
  }
});
