// Where the output format comes from, as the AWS CLI decides it: --output, then AWS_DEFAULT_OUTPUT, then the
// profile's `output` in the config file, then json; and --query applied to --generate-cli-skeleton output too.
// Expected outputs are what `aws cognito-sync` (v1.45) printed for the same records and config file.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempHome } from '../helpers/home.js';
import { runCli } from '../helpers/cli-process.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { op, SAFE_ENV } from './helpers/run.js';

const dir = tempHome('cogsync-output-settings-');
const configFile = join(dir.dir, 'config');
const ids = { IdentityPoolId: `us-east-1:${randomUUID()}`, IdentityId: `us-east-1:${randomUUID()}`, DatasetName: 'queries' };
let server: TestServer;

before(async () => {
  server = await startTestServer({ inMemory: true });
  const keys = ['ab-ab', 'abc', 'Zed', 'apple', 'épée'];
  const written = await op(server.url, 'UpdateRecords', { ...ids, RecordPatches: keys.map((k, i) => `Op=replace,Key=${k},Value=${i},SyncCount=0`) });
  assert.equal(written.code, 0, written.err);
  const keyLines = `aws_access_key_id = ${SAFE_ENV.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${SAFE_ENV.AWS_SECRET_ACCESS_KEY}\n`;
  writeFileSync(configFile, `[default]\noutput = text\n[profile p]\noutput = table\n${keyLines}[profile bad]\noutput = yaml2\n${keyLines}`);
});
after(async () => {
  await server.close();
  dir.cleanup();
});

/** `cogsync list-datasets … --query 'Datasets[].[DatasetName, NumRecords]'` as a child process, with the config file. */
function listDatasets(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const argv = ['list-datasets', '--identity-pool-id', ids.IdentityPoolId, '--identity-id', ids.IdentityId,
    '--query', 'Datasets[].[DatasetName, NumRecords]', ...args];
  if (!args.includes('--endpoint-url')) argv.push('--endpoint-url', server.url);
  return runCli(argv, { env: { ...SAFE_ENV, AWS_CONFIG_FILE: configFile, ...env } });
}

const TABLE = '------------------\n|  ListDatasets  |\n+----------+-----+\n|  queries |  5  |\n+----------+-----+\n';
const JSON_OUT = '[\n    [\n        "queries",\n        5\n    ]\n]\n';

test("the default profile's `output = text` is used when neither --output nor AWS_DEFAULT_OUTPUT is given", async () => {
  const r = await listDatasets([]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'queries\t5\n');
});

test("--profile or AWS_PROFILE picks that profile's `output`", async () => {
  const flag = await listDatasets(['--profile', 'p']);
  assert.equal(flag.code, 0, flag.err);
  assert.equal(flag.out, TABLE);
  const env = await listDatasets([], { AWS_PROFILE: 'p' });
  assert.equal(env.out, TABLE);
});

test("AWS_DEFAULT_PROFILE picks the profile as in the AWS CLI, before AWS_PROFILE; --profile still wins", async () => {
  assert.equal((await listDatasets([], { AWS_DEFAULT_PROFILE: 'p' })).out, TABLE);
  assert.equal((await listDatasets([], { AWS_DEFAULT_PROFILE: 'p', AWS_PROFILE: 'default' })).out, TABLE);
  assert.equal((await listDatasets(['--profile', 'p'], { AWS_DEFAULT_PROFILE: 'bad' })).out, TABLE);
});

test("AWS_DEFAULT_OUTPUT and --output come before the profile's setting", async () => {
  assert.equal((await listDatasets(['--profile', 'p'], { AWS_DEFAULT_OUTPUT: 'json' })).out, JSON_OUT);
  assert.equal((await listDatasets(['--profile', 'p', '--output', 'json'])).out, JSON_OUT);
});

test("an unknown `output` in the profile: the CLI's message, exit 255, and nothing is sent", async () => {
  const r = await listDatasets(['--profile', 'bad', '--endpoint-url', 'http://127.0.0.1:9']);
  assert.equal(r.code, 255);
  assert.equal(r.out, '');
  assert.equal(r.err, '\nUnknown output type: yaml2\n');
});

test("an unknown AWS_DEFAULT_OUTPUT: the CLI's message for a setting, not --output's (which was not given), exit 255, nothing sent", async () => {
  const r = await listDatasets(['--endpoint-url', 'http://127.0.0.1:9'], { AWS_DEFAULT_OUTPUT: 'TEXT' });
  assert.equal(r.code, 255);
  assert.equal(r.out, '');
  assert.equal(r.err, '\nUnknown output type: TEXT\n');
  const flag = await listDatasets(['--endpoint-url', 'http://127.0.0.1:9', '--output', 'TEXT']);
  assert.equal(flag.code, 252);
  assert.match(flag.err, /argument --output: Invalid choice 'TEXT'/);
});

test('--generate-cli-skeleton output applies --query, calling nothing', async () => {
  const dead = 'http://127.0.0.1:9';
  const request = { ...ids, SyncSessionToken: 't' };
  const one = await op(dead, 'UpdateRecords', request, { generateCliSkeleton: 'output', globals: { query: 'Records[0].SyncCount' } });
  assert.equal(one.code, 0, one.err);
  assert.equal(one.out, '0\n');
  const row = await op(dead, 'UpdateRecords', request, { generateCliSkeleton: 'output', globals: { query: 'Records[0].[Key, Value, SyncCount]', output: 'text' } });
  assert.equal(row.out, 'Key\tValue\t0\n');
});
