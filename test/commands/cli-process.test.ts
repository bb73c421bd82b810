// The commands as a user runs them: real child processes (exit codes, stdout/stderr), and
// the help of every command.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Command } from 'commander';
import { registerCommands } from '../../src/commands/index.js';
import { cliName, getOperation, inputShape, operationNames } from '../../src/commands/model/service-model.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { SAFE_ENV } from './helpers/run.js';
import { runCli } from '../helpers/cli-process.js';

let server: TestServer;
const ids = ['--identity-pool-id', `us-east-1:${randomUUID()}`, '--identity-id', `us-east-1:${randomUUID()}`];

before(async () => {
  server = await startTestServer({ inMemory: true });
});
after(async () => server.close());

/** `cogsync ARGS` as a child process of the real entry. */
const cogsync = (args: string[]) => runCli(args, { env: SAFE_ENV });

test('a write, a conflict (254) and a read, as child processes', async () => {
  const endpoint = ['--endpoint-url', server.url];
  const write = await cogsync(['update-records', ...ids, '--dataset-name', 'd', '--record-patches', 'Op=replace,Key=k,Value=v w,SyncCount=0', ...endpoint]);
  assert.equal(write.code, 0, write.err);
  assert.equal(JSON.parse(write.out).Records[0].Value, 'v w');
  const stale = await cogsync(['update-records', ...ids, '--dataset-name', 'd', '--record-patches', 'Op=replace,Key=k,Value=x,SyncCount=0', ...endpoint]);
  assert.equal(stale.code, 254);
  assert.match(stale.err, /\nAn error occurred \(ResourceConflictException\) when calling the UpdateRecords operation: Current SyncCount for: k is: 1 not: 0\n/);
  const read = await cogsync(['cognito-sync', 'list-datasets', ...ids, ...endpoint, '--output', 'text']);
  assert.equal(read.code, 0, read.err);
  assert.match(read.out, /^1\nDATASETS\t/);
});

test('bad command lines exit 252', async () => {
  const missing = await cogsync(['list-records', ...ids]);
  assert.equal(missing.code, 252);
  assert.match(missing.err, /the following arguments are required: --dataset-name/);
  const unknown = await cogsync(['list-datasets', ...ids, '--bogus']);
  assert.equal(unknown.code, 252);
  assert.match(unknown.err, /unknown option '--bogus'/);
});

test('an unreachable endpoint exits 255; set --dry-run exits 0 and writes nothing', async () => {
  const dead = await cogsync(['list-identity-pool-usage', '--endpoint-url', 'http://127.0.0.1:9']);
  assert.equal(dead.code, 255);
  const dry = await cogsync(['set', ids[1], ids[3], 'd', 'k=new', '--dry-run', '--endpoint-url', server.url]);
  assert.equal(dry.code, 0, dry.err);
  assert.deepEqual(JSON.parse(dry.out).RecordPatches, [{ Op: 'replace', Key: 'k', Value: 'new', SyncCount: 1 }]);
});

test('--help exits 0 and lists the options', async () => {
  const help = await cogsync(['update-records', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--record-patches <value\.\.\.>/);
  assert.match(help.out, /Op=string,Key=string,Value=string,SyncCount=long,DeviceLastModifiedDate=timestamp/);
});

function program(): Command {
  const p = new Command('cogsync');
  registerCommands(p);
  return p;
}

const GLOBAL_OPTIONS = ['--profile', '--region', '--endpoint-url', '--output', '--query', '--debug', '--log', '--no-paginate', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--no-verify-ssl'];

for (const name of operationNames()) {
  test(`${cliName(name)} --help shows the AWS CLI options`, () => {
    const command = program().commands.find((c) => c.name() === cliName(name));
    assert.ok(command, `cogsync ${cliName(name)} exists`);
    const help = command.helpInformation();
    const expected = Object.keys(inputShape(getOperation(name)).members ?? {}).map((m) => `--${cliName(m)}`);
    for (const flag of [...expected, '--cli-input-json', '--generate-cli-skeleton', ...GLOBAL_OPTIONS]) {
      assert.match(help, new RegExp(`${flag}\\b`), `${flag} in the help of ${cliName(name)}`);
    }
    const flags = command.options.map((o) => o.long).filter((f) => f && !['--cli-input-json', '--generate-cli-skeleton', '--no-cli-pager', ...GLOBAL_OPTIONS].includes(f));
    assert.deepEqual(flags, expected, 'exactly the model members, in model order');
    assert.ok(command.summary().length > 0 && command.summary().length <= 90);
  });
}

for (const name of ['set', 'rm', 'export', 'import', 'copy']) {
  test(`cogsync ${name} --help`, () => {
    const command = program().commands.find((c) => c.name() === name);
    assert.ok(command);
    const help = command.helpInformation();
    assert.match(help, new RegExp(`^Usage: cogsync ${name} `, 'm'));
    for (const flag of ['--endpoint-url', '--profile', '--region']) assert.match(help, new RegExp(flag));
  });
}

test('the cognito-sync group holds the same 17 commands', () => {
  const group = program().commands.find((c) => c.name() === 'cognito-sync');
  assert.deepEqual(group?.commands.map((c) => c.name()), operationNames().map(cliName));
});
