// Faults under the scripted commands (`set`, `update-records`, `list-records`), run
// in-process through a fault-injecting proxy in front of the real local server. For each
// fault: the exit code and the message a person or script sees, what the server holds
// (read with a direct client), and the run after the fault clears.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runSet } from '../../src/commands/edit/set-rm.js';
import type { OpenSession } from '../../src/commands/open-session.js';
import { runOperation } from '../../src/commands/run-operation.js';
import { openServiceSession } from '../../src/commands/service-session.js';
import { finish, newIO, type Ran } from '../commands/helpers/run.js';
import { FAULTS, FaultProxy, only, type Fault } from '../helpers/fault-proxy.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

const P = `us-east-1:${randomUUID()}`;
const I = `us-east-1:${randomUUID()}`;
const TIMEOUT_MS = 400;

let server: TestServer;
let proxy: FaultProxy;

before(async () => {
  server = await startTestServer({ inMemory: true });
  proxy = await FaultProxy.start(server.url);
});
after(async () => {
  await proxy.stop();
  await server.close();
});

/** The commands' own session (ClientFactory, request log), with a short timeout for the slow fault. */
const shortTimeout: OpenSession = async (io, globals) => openServiceSession(io, globals, { requestTimeoutMs: TIMEOUT_MS });
const where = (dataset: string) => ({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset });

async function onServer(dataset: string): Promise<{ value: string | undefined; count: number }> {
  const page = await server.sync.send(new ListRecordsCommand(where(dataset)));
  return { value: page.Records?.find((r) => r.Key === 'k')?.Value, count: page.DatasetSyncCount ?? 0 };
}

/** `k = v0` at SyncCount 1. */
async function seed(dataset: string): Promise<void> {
  const token = (await server.sync.send(new ListRecordsCommand(where(dataset)))).SyncSessionToken;
  await server.sync.send(new UpdateRecordsCommand({ ...where(dataset), SyncSessionToken: token, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v0', SyncCount: 0 }] }));
}

const COMMANDS = {
  'list-records': async (dataset: string): Promise<Ran> => {
    const io = newIO();
    const code = await runOperation({ operation: 'ListRecords', options: { ...ids(dataset) }, globals: { endpointUrl: proxy.url } }, io, { openSession: shortTimeout });
    return finish(io, code);
  },
  'update-records': async (dataset: string): Promise<Ran> => {
    const io = newIO();
    const options = { ...ids(dataset), RecordPatches: ['Op=replace,Key=k,Value=v1,SyncCount=1'] };
    const code = await runOperation({ operation: 'UpdateRecords', options, globals: { endpointUrl: proxy.url } }, io, { openSession: shortTimeout });
    return finish(io, code);
  },
  set: async (dataset: string): Promise<Ran> => {
    const io = newIO();
    const code = await runSet({ identityPoolId: P, identityId: I, datasetName: dataset, words: ['k=v1'], globals: { endpointUrl: proxy.url } }, io, { openSession: shortTimeout });
    return finish(io, code);
  },
};
type CommandName = keyof typeof COMMANDS;

function ids(dataset: string): Record<string, string[]> {
  return { IdentityPoolId: [P], IdentityId: [I], DatasetName: [dataset] };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const operationOf = (command: CommandName) => (command === 'list-records' ? 'ListRecords' : 'UpdateRecords');

interface FaultCase {
  name: string;
  /** The fault, aimed at the command's write (reads for list-records); `refused` stops the proxy. */
  fault: Fault | 'refused';
  exit: number;
  /** stderr, given the command's operation and the proxy URL. */
  stderr: (operation: string, url: string) => RegExp;
  /** Whether the server got the write although the command failed (never for list-records). */
  written: boolean;
}

const CASES: FaultCase[] = [
  {
    name: 'connection refused',
    fault: 'refused',
    exit: 255,
    stderr: (_op, url) => new RegExp(`^\\ncannot reach ${escape(url)} \\(ECONNREFUSED\\): .*\\ncheck that ${escape(url)} is up and reachable`),
    written: false,
  },
  {
    name: 'connection reset mid-response',
    fault: FAULTS.resetMidResponse(),
    exit: 255,
    stderr: (_op, url) => new RegExp(`^\\nthe connection to ${escape(url)} was cut before the answer arrived \\(ECONNRESET\\)`),
    written: true,
  },
  {
    name: '500 InternalErrorException',
    fault: FAULTS.internalError(),
    exit: 254,
    stderr: (op) => new RegExp(`^\\nAn error occurred \\(InternalErrorException\\) when calling the ${op} operation: injected: internal error\\n$`),
    written: false,
  },
  {
    name: '429 TooManyRequestsException',
    fault: FAULTS.throttled(),
    exit: 254,
    stderr: (op) => new RegExp(`^\\nAn error occurred \\(TooManyRequestsException\\) when calling the ${op} operation: injected: Rate exceeded\\n$`),
    written: false,
  },
  {
    name: 'an answer slower than the timeout',
    fault: FAULTS.slow(5_000),
    exit: 255,
    stderr: (_op, url) => new RegExp(`^\\nno answer from ${escape(url)} in time \\(timed out\\)`),
    written: true,
  },
  {
    name: 'expired credentials (ExpiredTokenException)',
    fault: FAULTS.expiredToken(),
    exit: 254,
    stderr: (op) => new RegExp(`^\\nAn error occurred \\(ExpiredTokenException\\) when calling the ${op} operation: The security token included in the request is expired\\n$`),
    written: false,
  },
];

let n = 0;
for (const command of Object.keys(COMMANDS) as CommandName[]) {
  for (const c of CASES) {
    test(`${command} under a fault: ${c.name}`, { timeout: 30_000 }, async () => {
      const dataset = `cmd-${n++}`;
      await seed(dataset);
      const operation = operationOf(command);
      if (c.fault === 'refused') await proxy.stop();
      else proxy.inject({ fault: c.fault, match: only(operation) });
      const started = Date.now();
      let failed: Ran;
      try {
        failed = await COMMANDS[command](dataset);
      } finally {
        proxy.clear();
        await proxy.start();
      }
      assert.ok(Date.now() - started < 15_000, `bounded time (${Date.now() - started} ms)`);
      assert.equal(failed.code, c.exit, failed.err);
      // update-records first says it fetched a token (one ListRecords); the failure follows.
      const stderr = failed.err.replace(/^cogsync: no --sync-session-token given; using a new one from ListRecords .*\n/, '');
      assert.match(stderr, c.stderr(operation, proxy.url));
      assert.equal(failed.out, '', 'nothing on stdout for a failed call');
      assert.doesNotMatch(failed.err, /test-secret-not-real|\n\s+at /, 'no secret and no stack trace');

      const written = command !== 'list-records' && c.written;
      assert.deepEqual(await onServer(dataset), written ? { value: 'v1', count: 2 } : { value: 'v0', count: 1 }, 'whole batch or nothing');
      if (written && command === 'update-records') {
        assert.match(failed.err, /\nthe batch may have been written: check with list-records before sending it again/);
      }
      if (written && command === 'set') assert.match(failed.err, /\nthe batch may have been written before the answer was lost: commit again/);

      const again = await COMMANDS[command](dataset);
      if (written && command === 'update-records') {
        // The same patch again is stale now: the AWS CLI's answer, and why the hint says to check first.
        assert.equal(again.code, 254);
        assert.match(again.err, /\(ResourceConflictException\) when calling the UpdateRecords operation: Current SyncCount for: k is: 2 not: 1/);
      } else {
        assert.equal(again.code, 0, again.err);
        if (command === 'list-records') assert.equal(again.json<{ Records: Array<{ Value: string }> }>().Records[0].Value, 'v0');
        if (written && command === 'set') assert.match(again.err, /nothing to change: the dataset already holds these values/);
      }
      assert.deepEqual(await onServer(dataset), command === 'list-records' ? { value: 'v0', count: 1 } : { value: 'v1', count: 2 }, 'one write in all');
    });
  }
}

test('list-records: the SDK retries a read hit by one 500 or one reset, and the command succeeds', async () => {
  await seed('retried-read');
  for (const fault of [FAULTS.internalError(), FAULTS.resetMidResponse()]) {
    proxy.inject({ fault, match: only('ListRecords'), times: 1 });
    const r = await COMMANDS['list-records']('retried-read');
    assert.equal(r.code, 0, r.err);
    assert.equal(proxy.hits, 1);
  }
});
