// The demo tools and --log of the scripted commands: merge-identities against the REAL local
// server (and refused elsewhere before anything is sent), the demo tour, and the JSONL log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListDatasetsCommand, UpdateRecordsCommand, ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { runMergeIdentities, type MergeRequest } from '../../src/commands/merge-identities.js';
import { demoTour, TOUR_IDS } from '../../src/commands/demo-tour.js';
import { DEMO_IDENTITIES, DEMO_MERGED_IDENTITY, DEMO_POOL_ID } from '../../src/local/seed.js';
import { runCli } from '../helpers/cli-process.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { finish, newIO, op, SAFE_ENV } from './helpers/run.js';

let server: TestServer;
let dir: string;
const pool = `us-east-1:${randomUUID()}`;

before(async () => {
  server = await startTestServer({ inMemory: true });
  dir = mkdtempSync(join(tmpdir(), 'cogsync-demo-tools-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function write(identityId: string, dataset: string, values: Record<string, string>): Promise<void> {
  const listed = await server.sync.send(new ListRecordsCommand({ IdentityPoolId: pool, IdentityId: identityId, DatasetName: dataset }));
  await server.sync.send(
    new UpdateRecordsCommand({
      IdentityPoolId: pool,
      IdentityId: identityId,
      DatasetName: dataset,
      SyncSessionToken: listed.SyncSessionToken,
      RecordPatches: Object.entries(values).map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: 0 })),
    }),
  );
}

async function merge(request: Partial<MergeRequest> & { globals: MergeRequest['globals'] }, fetcher?: typeof fetch) {
  const io = newIO();
  const code = await runMergeIdentities(
    { identityPoolId: pool, sourceIdentityId: `us-east-1:${randomUUID()}`, destinationIdentityId: `us-east-1:${randomUUID()}`, ...request },
    io,
    fetcher ? { fetch: fetcher } : {},
  );
  return finish(io, code);
}

/** A fetch that records every URL and never reaches anything. */
function spyFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (async (input: string | URL | Request) => {
      urls.push(String(input));
      throw new Error('no network in this test');
    }) as typeof fetch,
  };
}

test('merge-identities moves each dataset D of the source to D.<source> under the destination, and logs the call', async () => {
  const source = `us-east-1:${randomUUID()}`;
  const destination = `us-east-1:${randomUUID()}`;
  await write(source, 'settings', { theme: 'dark', lang: 'fr' });
  await write(destination, 'settings', { theme: 'light' });
  const logFile = join(dir, 'merge.jsonl');
  const r = await merge({ sourceIdentityId: source, destinationIdentityId: destination, globals: { endpointUrl: server.url, log: logFile } });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.json<{ MergedDatasetNames: string[] }>().MergedDatasetNames, [`settings.${source}`]);
  assert.match(r.err, /merged: 1 dataset now under the destination/);
  const datasets = await server.sync.send(new ListDatasetsCommand({ IdentityPoolId: pool, IdentityId: destination }));
  assert.deepEqual(datasets.Datasets?.map((d) => d.DatasetName).sort(), ['settings', `settings.${source}`]);
  const main = await server.sync.send(new ListRecordsCommand({ IdentityPoolId: pool, IdentityId: destination, DatasetName: 'settings' }));
  assert.deepEqual(main.MergedDatasetNames, [`settings.${source}`]);
  const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 1);
  assert.equal(lines[0].operation, 'MergeIdentities');
  assert.equal(lines[0].httpStatus, 200);
  assert.match(String(lines[0].requestId), /^[0-9a-f-]{36}$/);
});

test('merge-identities: the server refusing (unknown identity) is the CLI error line and exit 254', async () => {
  const r = await merge({ globals: { endpointUrl: server.url } });
  assert.equal(r.code, 254);
  assert.match(r.err, /An error occurred \(\w+\) when calling the MergeIdentities operation: .*not found/);
  assert.equal(r.out, '');
});

test('merge-identities refuses AWS and other non-local endpoints before sending anything', async () => {
  for (const endpointUrl of ['https://cognito-sync.us-east-1.amazonaws.com', 'http://10.0.0.5:4567', undefined]) {
    const spy = spyFetch();
    const r = await merge({ globals: { endpointUrl } }, spy.fetch);
    assert.equal(r.code, 252, `${endpointUrl}: ${r.err}`);
    assert.match(r.err, endpointUrl ? /refusing to send an admin request .*only against a cogsync local server/ : /needs --endpoint-url of a cogsync local server/);
    assert.deepEqual(spy.urls, []);
  }
});

test('merge-identities refuses a loopback server that is not cogsync (health probe), and bad ids', async () => {
  const other: Server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  try {
    const port = (other.address() as { port: number }).port;
    const r = await merge({ globals: { endpointUrl: `http://127.0.0.1:${port}` } });
    assert.equal(r.code, 252);
    assert.match(r.err, /does not answer as a cogsync local server/);
  } finally {
    await new Promise((r) => other.close(r));
  }
  const spy = spyFetch();
  const bad = await merge({ sourceIdentityId: 'nope', globals: { endpointUrl: server.url } }, spy.fetch);
  assert.equal(bad.code, 252);
  assert.match(bad.err, /source: Identity id/);
  const same = await merge({ sourceIdentityId: DEMO_IDENTITIES.bob, destinationIdentityId: DEMO_IDENTITIES.bob, globals: { endpointUrl: server.url } }, spy.fetch);
  assert.equal(same.code, 252);
  assert.deepEqual(spy.urls, []);
});

test('--log FILE: every call of a command as one JSON line, without secrets; a bad path exits 252', async () => {
  const logFile = join(dir, 'calls.jsonl');
  const ids = { IdentityPoolId: pool, IdentityId: `us-east-1:${randomUUID()}` };
  const r = await op(server.url, 'UpdateRecords', { ...ids, DatasetName: 'd', RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] }, { globals: { log: logFile } });
  assert.equal(r.code, 0, r.err);
  const text = readFileSync(logFile, 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { operation: string; httpStatus: number; params: Record<string, unknown>; datasetSyncCount?: number; recordSyncCounts?: number[] });
  // The token is fetched with ListRecords first, then the batch goes out.
  assert.deepEqual(lines.map((l) => l.operation), ['ListRecords', 'UpdateRecords']);
  assert.deepEqual(lines.map((l) => l.httpStatus), [200, 200]);
  assert.deepEqual(lines[1].recordSyncCounts, [1]);
  assert.equal(lines[1].params.DatasetName, 'd');
  assert.ok(!text.includes(SAFE_ENV.AWS_SECRET_ACCESS_KEY!), 'no secret key in the log');
  assert.ok(!text.includes(SAFE_ENV.AWS_ACCESS_KEY_ID!), 'no access key id in the log');
  const bad = await op(server.url, 'ListDatasets', ids, { globals: { log: join(dir, 'missing-folder', 'x.jsonl') } });
  assert.equal(bad.code, 252);
  assert.match(bad.err, /cannot open the --log file .*ENOENT/);
});

test('the demo tour names the seed ids, the keys and commands that exist', () => {
  assert.equal(TOUR_IDS.pool, DEMO_POOL_ID);
  assert.equal(TOUR_IDS.alice, DEMO_IDENTITIES.alice);
  assert.equal(TOUR_IDS.bob, DEMO_IDENTITIES.bob);
  assert.equal(TOUR_IDS.carol, DEMO_IDENTITIES.carol);
  assert.equal(TOUR_IDS.dave, DEMO_MERGED_IDENTITY);
  const tour = demoTour({ endpointUrl: 'http://127.0.0.1:5999' });
  for (const needle of ['--watch', '--log', 'merge-identities', ' i  request inspector', ' t  sync timeline', ' w  watch mode', 'press D', '--endpoint-url http://127.0.0.1:5999']) {
    assert.ok(tour.includes(needle), `tour mentions ${needle}`);
  }
});

test('`cogsync demo` and `cogsync merge-identities --help` as a user runs them', async () => {
  const run = (args: string[]) => runCli(args, { env: SAFE_ENV });
  const demo = await run(['demo', '--endpoint-url', server.url]);
  assert.equal(demo.code, 0, demo.err);
  assert.ok(demo.out.includes(`--endpoint-url ${server.url}`));
  const help = await run(['merge-identities', '--help']);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /--source-identity-id <id>/);
  assert.match(help.out, /--log <file>/);
  const refused = await run(['merge-identities', '--identity-pool-id', pool, '--source-identity-id', DEMO_IDENTITIES.bob, '--destination-identity-id', DEMO_IDENTITIES.carol, '--endpoint-url', 'https://example.com']);
  assert.equal(refused.code, 252);
  assert.match(refused.err, /refusing/);
});
