// Data that tries to take over the terminal: keys and values with ANSI/OSC escape
// sequences, C1 controls, bidi overrides, NUL, carriage returns, very long lines and a
// 1 MB value. Every command output (json, text, table, --debug, conflicts, errors,
// export, history) must show them escaped: no byte that changes a terminal's state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runRemove, runSet } from '../../src/commands/edit/set-rm.js';
import { runHistory } from '../../src/commands/history.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { runExport } from '../../src/commands/transfer/export.js';
import { Journal } from '../../src/config/journal.js';
import { SAFE_ENV, finish, newIO, op, type Ran } from '../commands/helpers/run.js';
import { HOSTILE, unsafeIn } from '../helpers/hostile-text.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

const P = `us-east-1:${randomUUID()}`;
const I = `us-east-1:${randomUUID()}`;
const ESC = '\u001b';

function assertTerminalSafe(ran: Ran, what: string, allowedOut = '\n'): void {
  assert.deepEqual(unsafeIn(ran.out, allowedOut), [], `${what}: stdout`);
  assert.deepEqual(unsafeIn(ran.err, '\n'), [], `${what}: stderr`);
}

let server: TestServer;
const where = (dataset: string, identity = I) => ({ IdentityPoolId: P, IdentityId: identity, DatasetName: dataset });

async function write(dataset: string, records: Record<string, string>, identity = I): Promise<void> {
  const listed = await server.sync.send(new ListRecordsCommand(where(dataset, identity)));
  const counts = new Map((listed.Records ?? []).map((r) => [r.Key!, r.SyncCount!]));
  await server.sync.send(
    new UpdateRecordsCommand({
      ...where(dataset, identity),
      SyncSessionToken: listed.SyncSessionToken,
      RecordPatches: Object.entries(records).map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: counts.get(Key) ?? 0 })),
    }),
  );
}

const ids = (dataset: string, identity = I) => ({ IdentityPoolId: [P], IdentityId: [identity], DatasetName: [dataset] });
const BIG = `${ESC}[2J${'x'.repeat(200)}${ESC}]52;c;${'A'.repeat(1_048_000)}\u0007`;

before(async () => {
  server = await startTestServer({ inMemory: true });
  // Every hostile string as a key and as a value.
  await write('hostile', Object.fromEntries(Object.entries(HOSTILE).flatMap(([name, s]) => [[`${name}:${s}`, s], [s, `value of ${name}`]])));
  await write('big', { [`big${ESC}[5m`]: BIG });
});
after(async () => server.close());

test('list-records in json, text and table: nothing raw reaches the terminal; json still parses to the exact values', async () => {
  for (const output of ['json', 'text', 'table']) {
    const ran = await op(server.url, 'ListRecords', ids('hostile'), { globals: { output } });
    assert.equal(ran.code, 0, ran.err);
    // text output separates columns with tabs; everything else is escaped.
    assertTerminalSafe(ran, `list-records --output ${output}`, output === 'text' ? '\n\t' : '\n');
    if (output === 'json') {
      const records = ran.json<{ Records: Array<{ Key: string; Value: string }> }>().Records;
      for (const [name, s] of Object.entries(HOSTILE)) {
        if (name === 'loneSurrogate') continue; // not representable in UTF-8: the SDK sends U+FFFD
        assert.equal(records.find((r) => r.Key === `${name}:${s}`)?.Value, s, `${name} round-trips through the JSON output`);
      }
    } else {
      assert.ok(ran.out.includes('\\e[2J'), 'ESC shown as \\e');
      assert.ok(ran.out.includes('\\u202e'), 'bidi override shown as \\u202e');
      assert.ok(ran.out.includes('a\\x00b') && ran.out.includes('safe\\rEVIL'));
    }
  }
});

test('a 1 MB value with escapes: every format shows it escaped, in bounded time', async () => {
  for (const output of ['json', 'text', 'table']) {
    const started = performance.now();
    const ran = await op(server.url, 'ListRecords', ids('big'), { globals: { output } });
    assert.ok(performance.now() - started < 10_000, `${output} in bounded time`);
    assert.equal(ran.code, 0, ran.err);
    assertTerminalSafe(ran, `1 MB value, --output ${output}`, output === 'text' ? '\n\t' : '\n');
    assert.ok(ran.out.length > 1_000_000, 'the whole value is printed (the AWS CLI does not cut values)');
  }
});

test('--debug, export, set/rm reports, conflicts and server error messages stay escaped', async () => {
  const debug = await op(server.url, 'ListRecords', ids('hostile'), { globals: { debug: true } });
  assert.equal(debug.code, 0);
  assertTerminalSafe(debug, 'list-records --debug');

  const exportIO = newIO();
  const exported = await finish(exportIO, await runExport({ identityPoolId: P, identityId: I, datasetName: 'hostile', globals: { endpointUrl: server.url } }, exportIO));
  assert.equal(exported.code, 0, exported.err);
  assertTerminalSafe(exported, 'export');

  // set refuses a lone surrogate as update-records does (not text that can be sent): its refusal is escaped too.
  const sendable = Object.entries(HOSTILE).filter(([name]) => name !== 'loneSurrogate');
  for (const output of ['json', 'text', 'table']) {
    const io = newIO();
    const code = await runSet({ identityPoolId: P, identityId: I, datasetName: 'setting', words: sendable.map(([, s], i) => `k${i}${s}=${s}`), globals: { endpointUrl: server.url, output } }, io);
    const ran = await finish(io, code);
    assert.equal(ran.code, 0, ran.err);
    assertTerminalSafe(ran, `set --output ${output}`, output === 'text' ? '\n\t' : '\n');
  }
  const refusedIO = newIO();
  const refused = await finish(refusedIO, await runSet({ identityPoolId: P, identityId: I, datasetName: 'setting', words: [`k${HOSTILE.clear}${HOSTILE.loneSurrogate}=v`], globals: { endpointUrl: server.url } }, refusedIO));
  assert.equal(refused.code, 252, refused.err);
  assert.match(refused.err, /lone UTF-16 surrogate/);
  assertTerminalSafe(refused, 'set refusing a lone surrogate');
  const rmIO = newIO();
  const rm = await finish(rmIO, await runRemove({ identityPoolId: P, identityId: I, datasetName: 'setting', words: [`missing${HOSTILE.clear}`], globals: { endpointUrl: server.url } }, rmIO));
  assertTerminalSafe(rm, 'rm of a missing hostile key');

  // A conflict: another device wrote a hostile value meanwhile.
  const racingIO = newIO();
  await write('conflict', { [`k${HOSTILE.title}`]: 'base' });
  const openSession: OpenSession = async (io, g) => {
    const { openServiceSession } = await import('../../src/commands/service-session.js');
    const session = openServiceSession(io, g);
    const send = session.sync.send.bind(session.sync) as (c: unknown) => Promise<unknown>;
    let fired = false;
    (session.sync as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (command: unknown) => {
      const out = await send(command);
      if (!fired && command instanceof ListRecordsCommand) {
        fired = true;
        await write('conflict', { [`k${HOSTILE.title}`]: HOSTILE.clipboard });
      }
      return out;
    };
    return session;
  };
  const conflict = await finish(
    racingIO,
    await runSet({ identityPoolId: P, identityId: I, datasetName: 'conflict', words: [`k${HOSTILE.title}=${HOSTILE.bidi}`], globals: { endpointUrl: server.url, output: 'table' } }, racingIO, { openSession }),
  );
  assert.equal(conflict.code, 1, conflict.err);
  assert.match(conflict.err, /^conflict: /m);
  assertTerminalSafe(conflict, 'conflict report');

  // The server echoes a bad dataset name in its validation message.
  const bad = await op(server.url, 'DescribeDataset', { IdentityPoolId: [P], IdentityId: [I], DatasetName: [`bad${HOSTILE.clear}${HOSTILE.clipboard}`] });
  assert.equal(bad.code, 254);
  assert.match(bad.err, /InvalidParameterException/);
  assertTerminalSafe(bad, 'service error message');
});

test('history (json and table) of commits whose keys and values are hostile', () => {
  const journal = new Journal({ env: SAFE_ENV });
  journal.append({
    time: new Date().toISOString(),
    connection: `conn${HOSTILE.title}`,
    identityPoolId: P,
    identityId: I,
    datasetName: `ds${HOSTILE.clear}`,
    syncCountBefore: 1,
    syncCountAfter: 2,
    changes: Object.values(HOSTILE).map((s, i) => ({ key: `k${i}${s}`, op: 'replace' as const, before: { syncCount: 1, value: s }, after: { syncCount: 2, value: `${s}${BIG.slice(0, 5000)}` } })),
  } as never);
  for (const output of ['json', 'table']) {
    const io = newIO();
    const code = runHistory(io, { output });
    const ran = { code, out: io.out(), err: io.err(), json: () => JSON.parse(io.out()) } as Ran;
    assert.equal(ran.code, 0, ran.err);
    assertTerminalSafe(ran, `history --output ${output}`);
    assert.ok(ran.out.includes('\\u001b') || ran.out.includes('\\e'), 'the escapes are visible');
  }
});

test('property: any text as key and value is terminal-safe in all three formats', async () => {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.values(HOSTILE), ESC, '\u009b', '\u0085', '\t', '\n', '\r', '\u0000', '\u200f', '\u061c') },
  );
  const text = fc.string({ unit, minLength: 1, maxLength: 30 });
  await fc.assert(
    fc.asyncProperty(text, text, async (key, value) => {
      // A fresh identity each run: an identity holds at most 20 datasets.
      const identity = `us-east-1:${randomUUID()}`;
      await write('p', { [key]: value }, identity);
      for (const output of ['json', 'text', 'table']) {
        const ran = await op(server.url, 'ListRecords', ids('p', identity), { globals: { output } });
        assert.equal(ran.code, 0, ran.err);
        assertTerminalSafe(ran, `${JSON.stringify(key)}=${JSON.stringify(value)} --output ${output}`, output === 'text' ? '\n\t' : '\n');
      }
    }),
    { numRuns: 60 },
  );
});
