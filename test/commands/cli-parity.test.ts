// AWS CLI parity of the command line as a user types it (child processes of src/cli.ts), and of what the commands
// do with what they read: a pipe closed early, global options before the command, a repeated list option, an
// endpoint that is not Cognito Sync, and the date forms botocore reads.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { resolveConnection } from '../../src/aws/clients.js';
import { toDate } from '../../src/commands/params/validate.js';
import { runCli, type CliRun, type CliRunOptions } from '../helpers/cli-process.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { op, SAFE_ENV } from './helpers/run.js';

const POOL = `us-east-1:${randomUUID()}`;
const IDENTITY = `us-east-1:${randomUUID()}`;
const ids = ['--identity-pool-id', POOL, '--identity-id', IDENTITY];
const DEAD = 'http://127.0.0.1:9';

let server: TestServer;

before(async () => {
  server = await startTestServer({ inMemory: true });
  await seed('piped', 40);
});
after(async () => server.close());

async function seed(dataset: string, count: number): Promise<void> {
  const where = { IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: dataset };
  const token = (await server.sync.send(new ListRecordsCommand(where))).SyncSessionToken;
  const RecordPatches = Array.from({ length: count }, (_, i) => ({ Op: 'replace' as const, Key: `k${i}`, Value: 'v'.repeat(200), SyncCount: 0 }));
  await server.sync.send(new UpdateRecordsCommand({ ...where, SyncSessionToken: token, RecordPatches }));
}

/** `cogsync ARGS` as a child process of the real entry, with the suite's safe environment. */
const cogsync = (args: string[], options: Omit<CliRunOptions, 'env'> = {}): Promise<CliRun> => runCli(args, { env: SAFE_ENV, ...options });

test('a reader that stops early (| head -1) ends the command quietly with 0, as the AWS CLI', async () => {
  const run = await cogsync(['list-records', ...ids, '--dataset-name', 'piped', '--endpoint-url', server.url], { stdout: 'closed' });
  assert.equal(run.err, '');
  assert.equal(run.code, 0);
});

test('a closed stderr (--debug 2>&1 | head -1) drops the diagnostics; the command still answers and ends with 0', async () => {
  const run = await cogsync(['list-records', ...ids, '--dataset-name', 'piped', '--endpoint-url', server.url, '--debug'], { stderr: 'closed' });
  assert.equal(run.code, 0);
  assert.equal((JSON.parse(run.out) as { Records: unknown[] }).Records.length, 40);
});

test('any other failure to write the output: one line on stderr and exit 255', async () => {
  const full = openSync('/dev/full', 'w');
  try {
    const run = await cogsync(['list-records', ...ids, '--dataset-name', 'piped', '--endpoint-url', server.url], { stdout: full });
    assert.equal(run.err, 'cogsync: cannot write the output: ENOSPC: no space left on device, write\n');
    assert.equal(run.code, 255);
  } finally {
    closeSync(full);
  }
});

test('the AWS CLI global options may come before the command, or before the group\'s command', async () => {
  for (const line of [
    ['--output', 'text', '--query', 'Count', 'cognito-sync', 'list-datasets', ...ids, '--endpoint-url', server.url],
    ['--output', 'text', '--query', 'Count', '--no-paginate', '--no-cli-pager', '--region', 'us-east-1', '--endpoint-url', server.url, 'list-datasets', ...ids],
    ['cognito-sync', '--output', 'text', '--query', 'Count', '--endpoint-url', server.url, 'list-datasets', ...ids],
  ]) {
    const run = await cogsync(line);
    assert.equal(run.code, 0, `${line.join(' ')}: ${run.err}`);
    assert.equal(run.out, '1\n', line.join(' '));
  }
  const debug = await cogsync(['--debug', 'list-datasets', ...ids, '--endpoint-url', server.url]);
  assert.equal(debug.code, 0, debug.err);
  assert.match(debug.err, /ListDatasets 200/);
});

test('a global option given twice: the one nearest the command, the last on the line, wins', async () => {
  const good = await cogsync(['--endpoint-url', DEAD, 'list-datasets', ...ids, '--endpoint-url', server.url, '--output', 'text', '--query', 'Count']);
  assert.equal(good.code, 0, good.err);
  const dead = await cogsync(['--endpoint-url', server.url, 'cognito-sync', '--endpoint-url', DEAD, 'list-datasets', ...ids]);
  assert.equal(dead.code, 255);
  const text = await cogsync(['--output', 'table', 'cognito-sync', '--output', 'json', 'list-datasets', ...ids, '--endpoint-url', server.url, '--output', 'text', '--query', 'Count']);
  assert.equal(text.out, '1\n', text.err);
});

test('bad command lines exit 252: unknown commands, options a command does not take, the editor\'s mistakes', async () => {
  const cases: [string[], RegExp][] = [
    [['list-recordz'], /^error: unknown command 'list-recordz'\n\(Did you mean list-records\?\)/],
    [['cognito-sync', 'list-recordz'], /^error: unknown command 'list-recordz'/],
    [['--readonly', 'list-datasets', ...ids], /^error: list-datasets does not take --readonly\n/],
    [['--output', 'text', 'serve'], /^error: serve does not take --output\n/],
    [['--output', 'text'], /^error: the editor does not take --output/],
    [['--bogus'], /^error: unknown option '--bogus'/],
    [['--identity-pool-id', 'x'], /^cogsync: Identity pool id "x" is invalid/],
    [['serve', '--port', 'x'], /port must be a whole number/],
  ];
  for (const [line, message] of cases) {
    const run = await cogsync(line);
    assert.equal(run.code, 252, `${line.join(' ')}: ${run.err}`);
    assert.match(run.err, message, line.join(' '));
    assert.ok(!run.err.includes('Usage:'), `${line.join(' ')}: no whole help page`);
  }
});

test('--version after any command prints the version and exits 0, whatever the line lacks, as the AWS CLI; taken as a value it is refused', async () => {
  const version = (await cogsync(['--version'])).out;
  assert.match(version, /^\d+\.\d+\.\d+\n$/);
  const lines = [['list-records', '--version'], ['cognito-sync', 'list-records', ...ids, '--version'], ['set', '--version'], ['serve', '--version'], ['config', 'get', '--version'], ['history', '--version']];
  for (const line of lines) {
    const run = await cogsync(line);
    assert.deepEqual([run.code, run.out, run.err], [0, version, ''], line.join(' '));
  }
  const asValue = await cogsync(['list-records', ...ids, '--dataset-name', 'piped', '--query', '--version']);
  assert.equal(asValue.code, 252);
  assert.equal(asValue.out, '');
});

test('a repeated --record-patches keeps only its last occurrence, as the AWS CLI (argparse)', async () => {
  const write = await cogsync([
    'update-records', ...ids, '--dataset-name', 'repeated', '--endpoint-url', server.url,
    '--record-patches', 'Op=replace,Key=r1,Value=1,SyncCount=0', 'Op=replace,Key=r0,Value=0,SyncCount=0',
    '--record-patches', 'Op=replace,Key=r2,Value=2,SyncCount=0',
  ]);
  assert.equal(write.code, 0, write.err);
  const page = await server.sync.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: 'repeated' }));
  assert.deepEqual(page.Records?.map((r) => r.Key), ['r2']);
});

test('an option whose value is missing or looks like an option is refused as argparse refuses it (exit 252), not given the next option as its value', async () => {
  const cases: [string[], string][] = [
    [['list-records', '--identity-pool-id', POOL, '--dataset-name', '--identity-id', IDENTITY], '--dataset-name: expected one argument'],
    [['list-records', ...ids, '--dataset-name', '-x'], '--dataset-name: expected one argument'],
    [['list-records', ...ids, '--dataset-name', 'd', '--query', '--debug'], '--query: expected one argument'],
    [['list-records', ...ids, '--dataset-name'], '--dataset-name: expected one argument'],
    [['update-records', ...ids, '--dataset-name', 'd', '--record-patches', '--sync-session-token', 't'], '--record-patches: expected at least one argument'],
  ];
  for (const [line, message] of cases) {
    const run = await cogsync([...line, '--endpoint-url', server.url]);
    assert.equal(run.code, 252, `${line.join(' ')}: ${run.err}`);
    assert.equal(run.err, `error: argument ${message}\n`, line.join(' '));
  }
  // The same before the command, where the program reads the global options.
  for (const line of [['--query', '--debug', 'list-records', ...ids, '--dataset-name', 'd'], ['--region', '--output', 'text', 'list-datasets', ...ids], ['--query']]) {
    const run = await cogsync([...line, '--endpoint-url', server.url]);
    assert.equal(run.code, 252, `${line.join(' ')}: ${run.err}`);
    assert.match(run.err, new RegExp(`^error: argument ${line[0]}: expected one argument\n`), line.join(' '));
  }
  // What argparse takes as a value: a negative number, a word with a space, a lone dash, and anything after `=`.
  const taken = await cogsync(['list-records', ...ids, '--dataset-name=-x', '--last-sync-count', '-1', '--endpoint-url', server.url]);
  assert.equal(taken.code, 254, taken.err);
  assert.match(taken.err, /Value '-1' at 'lastSyncCount'/);
  const spaced = await cogsync(['list-datasets', ...ids, '--query', '-x | y', '--endpoint-url', server.url]);
  assert.equal(spaced.code, 252, spaced.err);
  assert.match(spaced.err, /^\nBad value for --query -x \| y/);
});

test("a profile's endpoint_url, or its services section's cognito_sync endpoint_url, is where the command goes, as with the AWS CLI", async () => {
  const home = tempHome('cogsync-endpoint-config-');
  try {
    const configFile = join(home.dir, 'config');
    // With --profile the AWS CLI takes the keys from the profile, so each has them.
    const keys = `aws_access_key_id = ${SAFE_ENV.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${SAFE_ENV.AWS_SECRET_ACCESS_KEY}\n`;
    writeFileSync(
      configFile,
      `[profile ep]\n${keys}endpoint_url = ${server.url}\n` +
        `[profile svc]\n${keys}endpoint_url = ${DEAD}\nservices = local\n[services local]\ncognito_sync =\n  endpoint_url = ${server.url}\n` +
        `[profile deadsvc]\n${keys}services = dead\n[services dead]\ncognito_sync =\n  endpoint_url = ${DEAD}\n` +
        `[profile ignoring]\n${keys}endpoint_url = ${server.url}\nignore_configured_endpoint_urls = true\n`,
    );
    const env = { ...SAFE_ENV, AWS_CONFIG_FILE: configFile };
    // Checked first without a call, so that a regression never sends these commands to AWS itself.
    const resolved = (profile: string, extra: NodeJS.ProcessEnv = {}) =>
      resolveConnection({ name: 't', kind: 'aws', profile }, { ...env, ...extra }).syncEndpoint;
    assert.equal(resolved('ep'), server.url);
    assert.equal(resolved('svc'), server.url);
    const count = ['list-datasets', ...ids, '--query', 'Count', '--output', 'text'];
    for (const profile of ['ep', 'svc']) {
      const run = await runCli([...count, '--profile', profile], { env });
      assert.equal(run.code, 0, `${profile}: ${run.err}`);
      assert.match(run.out, /^\d+\n$/, profile);
    }
    // Order: AWS_ENDPOINT_URL_COGNITO_SYNC, AWS_ENDPOINT_URL, the services section, the profile's endpoint_url.
    const envFirst = await runCli([...count, '--profile', 'deadsvc'], { env: { ...env, AWS_ENDPOINT_URL: server.url } });
    assert.equal(envFirst.code, 0, envFirst.err);
    const dead = await runCli([...count, '--profile', 'deadsvc'], { env });
    assert.equal(dead.code, 255, dead.err);
    // ignore_configured_endpoint_urls (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) leaves AWS's own endpoint (checked without a call).
    assert.equal(resolved('ignoring'), undefined);
    assert.equal(resolved('ep', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
    assert.equal(resolved('ep', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }), server.url);
  } finally {
    home.cleanup();
  }
});

test('the AWS CLI global options --color, --cli-read-timeout and --cli-connect-timeout are taken, after the command or before it', async () => {
  for (const line of [
    ['list-datasets', ...ids, '--color', 'off', '--cli-read-timeout', '0', '--cli-connect-timeout', '10'],
    ['--color', 'auto', '--cli-read-timeout', '30', 'list-datasets', ...ids],
    ['cognito-sync', '--cli-connect-timeout', '0', 'list-datasets', ...ids, '--color', 'on'],
  ]) {
    const run = await cogsync([...line, '--endpoint-url', server.url, '--query', 'Count', '--output', 'text']);
    assert.equal(run.code, 0, `${line.join(' ')}: ${run.err}`);
    assert.match(run.out, /^\d+\n$/);
  }
  for (const bad of [['--color', 'blue'], ['--cli-read-timeout', 'x'], ['--cli-connect-timeout', '-1'], ['--cli-read-timeout', '1.5']]) {
    const run = await cogsync(['list-datasets', ...ids, ...bad, '--endpoint-url', server.url]);
    assert.equal(run.code, 252, `${bad.join(' ')}: ${run.err}`);
    assert.match(run.err, new RegExp(`argument ${bad[0]}: `), bad.join(' '));
  }
  // A read timeout cuts a server that does not answer; 0, as in the CLI, waits (not tried: it would hang).
  const silent: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const run = await cogsync(['list-datasets', ...ids, '--endpoint-url', url, '--cli-read-timeout', '1']);
    assert.equal(run.code, 255, run.err);
    assert.ok(Date.now() - started < 20_000, 'cut after about a second, not the default');
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

test('--cli-read-timeout also cuts an answer whose body stops coming after its headers (as the CLI, an inactivity timeout)', async () => {
  const stalls: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
    res.write('{"Datasets":['); // and nothing more
  });
  await new Promise<void>((resolve) => stalls.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(stalls.address() as AddressInfo).port}`;
    const ids = { IdentityPoolId: [POOL], IdentityId: [IDENTITY] };
    // A guard against the old behaviour, which waited forever once the headers had come: not a speed check.
    const hung = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still waiting after 20 s')), 20_000).unref());
    const run = await Promise.race([op(url, 'ListDatasets', ids, { globals: { readTimeout: 1 } }), hung]);
    assert.equal(run.code, 255, run.err);
    assert.match(run.err, /timed out|no answer/i);
  } finally {
    stalls.closeAllConnections();
    stalls.close();
  }
});

/** An HTTP server that is not Cognito Sync: every request gets `status` with `body`. */
async function foreignServer(status: number, body: string, contentType: string): Promise<{ url: string; close: () => Promise<void> }> {
  const http: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

test('an endpoint that is not Cognito Sync: its HTTP status, and where to look, not a JSON parser\'s complaint', async () => {
  const cases = [
    { status: 404, body: '<html><body>Not Found</body></html>', type: 'text/html', code: 254, line: 'An error occurred (404) when calling the ListDatasets operation: HTTP 404 from URL: the answer is not Cognito Sync JSON (is --endpoint-url right?)' },
    { status: 404, body: '{"error":"no such route"}', type: 'application/json', code: 254, line: 'An error occurred (404) when calling the ListDatasets operation: HTTP 404 from URL: the answer is not Cognito Sync JSON (is --endpoint-url right?)' },
    { status: 502, body: 'Bad Gateway', type: 'text/plain', code: 254, line: 'An error occurred (502) when calling the ListDatasets operation: HTTP 502 from URL: the answer is not Cognito Sync JSON (is --endpoint-url right?)' },
    { status: 200, body: '<html>welcome</html>', type: 'text/html', code: 255, line: 'HTTP 200 from URL: the answer is not Cognito Sync JSON (is --endpoint-url right?)' },
  ];
  for (const c of cases) {
    const foreign = await foreignServer(c.status, c.body, c.type);
    try {
      const run = await op(foreign.url, 'ListDatasets', { IdentityPoolId: [POOL], IdentityId: [IDENTITY] });
      assert.equal(run.err, `\n${c.line.replace('URL', foreign.url)}\n`, `${c.status} ${c.type}`);
      assert.equal(run.code, c.code, `${c.status} ${c.type}`);
    } finally {
      await foreign.close();
    }
  }
});

test('dates as botocore reads them: compact ISO 8601, month names, HTTP and date(1) dates', () => {
  const read: [string, string][] = [
    ['20240102T030405Z', '2024-01-02T03:04:05.000Z'],
    ['20240102T030405', '2024-01-02T03:04:05.000Z'],
    ['20240102T0304+0100', '2024-01-02T02:04:00.000Z'],
    ['2024-01-02T030405.25Z', '2024-01-02T03:04:05.250Z'],
    ['2024-01-02T03Z', '2024-01-02T03:00:00.000Z'],
    ['2024-1-2 03:04:05 UTC', '2024-01-02T03:04:05.000Z'],
    ['2024/01/02', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02T03:04:05,5+01', '2024-01-02T02:04:05.500Z'],
    ['Jan 2 2024', '2024-01-02T00:00:00.000Z'],
    ['2 january 2024 15:04', '2024-01-02T15:04:00.000Z'],
    ['January 2, 2024 3:04 PM', '2024-01-02T15:04:00.000Z'],
    ['Sept 3 2024 12:30am', '2024-09-03T00:30:00.000Z'],
    ['Tue, 02 Jan 2024 03:04:05 GMT', '2024-01-02T03:04:05.000Z'],
    ['Tue Jan  2 03:04:05 UTC 2024', '2024-01-02T03:04:05.000Z'],
    ['Jan 2 2024 03:04:05 -0130', '2024-01-02T04:34:05.000Z'],
    ['0050-01-02', '0050-01-02T00:00:00.000Z'],
    ['1.7e9', '2023-11-14T22:13:20.000Z'],
    ['20240102', '1970-08-23T06:15:02.000Z'], // all digits: epoch seconds first, as botocore
  ];
  for (const [text, iso] of read) assert.equal(toDate(text)?.toISOString(), iso, text);
  const refused = ['01/02/2024', 'Jan 2', 'Jan 2024', '3pm', 'tomorrow', '2024-01-02T03:04:05 EST', '2024-W01-2', '2024-002', 'Jan 2 2024 13:00 PM',
    'Feb 29 2023', 'Jan 2 2024 Feb', '2024-01-02T03:04:05+24:00', '0000-01-01', '2024-01/02', '2024-01-02T03:0405',
    // A zone without a time: botocore 1.x refuses each of these.
    '2024-01-02Z', '2024-01-02 UTC', '2024-01-02 GMT', '2024-01-02+01:00', 'Jan 2 2024 UTC', 'Tue, 02 Jan 2024 GMT', 'Jan 2 2024 +01:00'];
  for (const text of refused) assert.equal(toDate(text), undefined, text);
});

test('a DeviceLastModifiedDate the AWS CLI takes is sent, not refused with 252', async () => {
  for (const [date, iso] of [['Jan 2 2024', '2024-01-02T00:00:00+00:00'], ['20240102T030405Z', '2024-01-02T03:04:05+00:00']]) {
    const key = `d${randomUUID().slice(0, 8)}`;
    const run = await op(server.url, 'UpdateRecords', { ...idsOption(), DatasetName: ['dates'], RecordPatches: [`Op=replace,Key=${key},Value=v,SyncCount=0,DeviceLastModifiedDate=${date}`] });
    assert.equal(run.code, 0, run.err);
    assert.equal(run.json<{ Records: { DeviceLastModifiedDate: string }[] }>().Records[0].DeviceLastModifiedDate, iso, date);
  }
});

test('a DeviceLastModifiedDate with a fraction of a second is sent in whole seconds (rounded down), as botocore sends it', async () => {
  const dates: [string, string][] = [['2024-01-02T03:04:05.999Z', '2024-01-02T03:04:05+00:00'], ['1700000000.7', '2023-11-14T22:13:20+00:00'], ['-1.5', '1969-12-31T23:59:58+00:00']];
  for (const [date, iso] of dates) {
    const key = `f${randomUUID().slice(0, 8)}`;
    const run = await op(server.url, 'UpdateRecords', { ...idsOption(), DatasetName: ['fractions'], RecordPatches: [`Op=replace,Key=${key},Value=v,SyncCount=0,DeviceLastModifiedDate=${date}`] });
    assert.equal(run.code, 0, run.err);
    assert.equal(run.json<{ Records: { DeviceLastModifiedDate: string }[] }>().Records[0].DeviceLastModifiedDate, iso, date);
  }
  const json = await op(server.url, 'UpdateRecords', {
    ...idsOption(), DatasetName: ['fractions'],
    RecordPatches: [JSON.stringify([{ Op: 'replace', Key: 'fjson', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: 1700000000.7 }])],
  });
  assert.equal(json.code, 0, json.err);
  assert.equal(json.json<{ Records: { DeviceLastModifiedDate: string }[] }>().Records[0].DeviceLastModifiedDate, '2023-11-14T22:13:20+00:00');
});

function idsOption(): Record<string, string[]> {
  return { IdentityPoolId: [POOL], IdentityId: [IDENTITY] };
}
