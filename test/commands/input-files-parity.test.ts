// AWS CLI parity of what the scripted commands read besides their words (checked by hand against aws-cli 1.45.11 and
// the local server): a `file://` value for the list option --record-patches, a file that starts with a UTF-8
// byte-order mark, an empty AWS_DEFAULT_REGION with an endpoint, and a profile naming a `services` section that does
// not exist. Each refusal sends nothing: the dataset is listed afterwards and is still empty.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { connectionFromFlags, resolveConnection } from '../../src/aws/clients.js';
import { CogsyncError } from '../../src/aws/errors.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { pythonStrip } from '../../src/commands/params/unpack.js';
import { op, SAFE_ENV } from './helpers/run.js';

const POOL = `us-east-1:${randomUUID()}`;
const IDENTITY = `us-east-1:${randomUUID()}`;
const BOM = '\ufeff';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startTestServer({ inMemory: true });
  dir = mkdtempSync(join(tmpdir(), 'cogsync-input-files-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A file holding `text` (as UTF-8), as a `file://` value. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return `file://${path}`;
}

const where = (dataset: string) => ({ IdentityPoolId: [POOL], IdentityId: [IDENTITY], DatasetName: [dataset] });

async function records(dataset: string): Promise<{ Key?: string; Value?: string; LastModifiedBy?: string }[]> {
  return (await server.sync.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: dataset }))).Records ?? [];
}

test('--record-patches file:// holding ONE shorthand word is refused as the AWS CLI refuses it (an object, not a list); nothing is sent', async () => {
  for (const [name, text] of [['one.txt', 'Op=replace,Key=k,Value=v,SyncCount=0'], ['one-nl.txt', 'Op=replace,Key=k,Value=v,SyncCount=0\n']]) {
    const run = await op(server.url, 'UpdateRecords', { ...where('one-word'), RecordPatches: [file(name, text)] });
    assert.equal(run.code, 252, run.err);
    assert.equal(
      run.err,
      '\nParameter validation failed:\nInvalid type for parameter RecordPatches, value: {"Op":"replace","Key":"k","Value":"v","SyncCount":"0"}, type: object, valid types: list\n',
      name,
    );
  }
  assert.deepEqual(await records('one-word'), []);
  // The same word on the command line is a list of one word, as with the CLI.
  const typed = await op(server.url, 'UpdateRecords', { ...where('one-word'), RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] });
  assert.equal(typed.code, 0, typed.err);
});

test('--record-patches file:// holding a JSON list works; a JSON object is refused (the AWS CLI refuses it too); nothing is sent', async () => {
  const list = await op(server.url, 'UpdateRecords', { ...where('json-file'), RecordPatches: [file('list.json', '[{"Op":"replace","Key":"k","Value":"v","SyncCount":0}]')] });
  assert.equal(list.code, 0, list.err);
  assert.deepEqual((await records('json-file')).map((r) => [r.Key, r.Value]), [['k', 'v']]);

  const object = await op(server.url, 'UpdateRecords', { ...where('json-object'), RecordPatches: [file('object.json', '{"Op":"replace","Key":"k","Value":"v","SyncCount":0}')] });
  assert.equal(object.code, 252, object.err);
  assert.match(object.err, /^\nError parsing parameter '--record-patches': Invalid JSON: a JSON object where a list is expected \(write it inside \[ \]\)\nJSON received: \{"Op":"replace",/);
  assert.deepEqual(await records('json-object'), []);
});

test('a file:// value starting with a UTF-8 byte-order mark is read with it, as the AWS CLI reads it', async () => {
  // --record-patches: the mark makes JSON no JSON, so it is read as shorthand and refused, with the reason said.
  for (const [name, text] of [['bom-list.json', `${BOM}[{"Op":"replace","Key":"k","Value":"v","SyncCount":0}]`], ['bom-word.txt', `${BOM}Op=replace,Key=k,Value=v,SyncCount=0`]]) {
    const run = await op(server.url, 'UpdateRecords', { ...where('bom'), RecordPatches: [file(name, text)] });
    assert.equal(run.code, 252, run.err);
    assert.match(run.err, /^\nError parsing parameter '--record-patches': Expected: '=', received: '\ufeff' for input:\n/, name);
    assert.match(run.err, /\nThe file starts with a UTF-8 byte-order mark \(EF BB BF\), which the AWS CLI reads as part of the value: save it without one\.\n$/, name);
  }
  assert.deepEqual(await records('bom'), []);

  // --cli-input-json: refused, as Python's json module refuses it.
  const input = file('bom-input.json', `${BOM}{"IdentityPoolId":"${POOL}","IdentityId":"${IDENTITY}","DatasetName":"bom"}`);
  const json = await op(server.url, 'ListRecords', {}, { cliInputJson: input });
  assert.equal(json.code, 252, json.err);
  assert.match(json.err, /^\nError parsing parameter '--cli-input-json': Invalid JSON: Unexpected UTF-8 BOM: line 1 column 1 \(char 0\)\nJSON received: \ufeff\{/);
  assert.match(json.err, /The file starts with a UTF-8 byte-order mark \(EF BB BF\)/);

  // A plain string option: the AWS CLI sends the mark as part of the value, and so does cogsync.
  const device = await op(server.url, 'UpdateRecords', { ...where('bom-device'), DeviceId: [file('bom-device.txt', `${BOM}dev1`)], RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] });
  assert.equal(device.code, 0, device.err);
  assert.equal((await records('bom-device'))[0]?.LastModifiedBy, `${BOM}dev1`);
});

test('an empty AWS_DEFAULT_REGION with --endpoint-url runs with no region, as the AWS CLI; without an endpoint it names the endpoint it cannot build', async () => {
  const list = (env: NodeJS.ProcessEnv, endpoint: string | null = server.url) =>
    op(server.url, 'ListDatasets', { IdentityPoolId: [POOL], IdentityId: [IDENTITY] }, { env, globals: { endpointUrl: endpoint ?? undefined } });
  const { AWS_REGION: _region, ...noRegion } = SAFE_ENV;
  for (const env of [{ ...noRegion, AWS_DEFAULT_REGION: '' }, { ...noRegion, AWS_REGION: '', AWS_DEFAULT_REGION: '' }]) {
    const run = await list(env);
    assert.equal(run.code, 0, run.err);
  }
  // AWS_REGION set but empty is as good as unset (aws-cli v1 does not read it at all): no region.
  const emptyAwsRegion = await list({ ...noRegion, AWS_REGION: '' });
  assert.equal(emptyAwsRegion.code, 253, emptyAwsRegion.err);
  assert.match(emptyAwsRegion.err, /no AWS region is configured/);
  // No endpoint: the regional endpoint has no region to be built from (checked before any call).
  const noEndpoint = await list({ ...noRegion, AWS_DEFAULT_REGION: '' }, null);
  assert.equal(noEndpoint.code, 253, noEndpoint.err);
  assert.match(noEndpoint.err, /^\nInvalid endpoint: https:\/\/cognito-sync\.\.amazonaws\.com\nAWS_DEFAULT_REGION is set but empty/);
  // An empty AWS_DEFAULT_REGION hides the config file's region, as botocore's chain stops at a variable that is set.
  const home = mkdtempSync(join(tmpdir(), 'cogsync-region-'));
  try {
    writeFileSync(join(home, 'config'), '[default]\nregion = eu-west-1\n');
    const env = { ...noRegion, AWS_DEFAULT_REGION: '', AWS_CONFIG_FILE: join(home, 'config') };
    assert.throws(() => resolveConnection({ name: 't', kind: 'aws' }, env), (e: CogsyncError) => e.code === 'InvalidEndpoint');
    assert.equal(resolveConnection({ name: 't', kind: 'aws', endpointUrl: server.url }, env).syncEndpoint, server.url);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("--region '' hides every other region, as in the AWS CLI: with --endpoint-url it runs, without it names the endpoint it cannot build", async () => {
  const list = (endpoint: string | undefined) =>
    op(server.url, 'ListDatasets', { IdentityPoolId: [POOL], IdentityId: [IDENTITY] }, {
      env: { ...SAFE_ENV, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      globals: { region: '', endpointUrl: endpoint },
    });
  const withEndpoint = await list(server.url);
  assert.equal(withEndpoint.code, 0, withEndpoint.err);
  const noEndpoint = await list(undefined);
  assert.equal(noEndpoint.code, 253, noEndpoint.err);
  assert.match(noEndpoint.err, /^\nInvalid endpoint: https:\/\/cognito-sync\.\.amazonaws\.com\n--region is empty/);
  // The same for the local server (a loopback endpoint, no credentials): its default region, not the variables'.
  const local = connectionFromFlags({ region: '', endpointUrl: 'http://127.0.0.1:4567' }, { AWS_REGION: 'eu-west-1' });
  assert.equal(local.kind, 'local');
  assert.equal(resolveConnection(local, { AWS_REGION: 'eu-west-1' }).region, 'us-east-1');
  // Not the variables' region either, which a missing --region would take.
  assert.equal(resolveConnection(connectionFromFlags({}, { AWS_REGION: 'eu-west-1' }), { AWS_REGION: 'eu-west-1' }).region, 'eu-west-1');
  assert.throws(
    () => resolveConnection(connectionFromFlags({ region: '' }, { AWS_REGION: 'eu-west-1' }), { AWS_REGION: 'eu-west-1' }),
    (e: CogsyncError) => e.code === 'InvalidEndpoint',
  );
});

test("a profile's services = NAME with no [services NAME] section is an error as botocore's, when the endpoint comes from the config file", async () => {
  const home = mkdtempSync(join(tmpdir(), 'cogsync-services-'));
  try {
    const configFile = join(home, 'config');
    writeFileSync(configFile, `[default]\nregion = us-east-1\nservices = nosuch\n[profile p]\nregion = us-east-1\nservices = nosuch\nendpoint_url = ${server.url}\n`);
    const env = { ...SAFE_ENV, AWS_CONFIG_FILE: configFile };
    const message = 'The profile is configured to use the services section but the "nosuch" services configuration does not exist.';
    const list = (extra: { env?: NodeJS.ProcessEnv; endpointUrl?: string; profile?: string }) =>
      op(server.url, 'ListDatasets', { IdentityPoolId: [POOL], IdentityId: [IDENTITY] }, {
        env: extra.env ?? env,
        globals: { endpointUrl: extra.endpointUrl, profile: extra.profile },
      });
    // Checked first without a call, so that a regression never sends a command to AWS itself.
    assert.throws(() => resolveConnection({ name: 't', kind: 'aws' }, env), (e: CogsyncError) => e.code === 'InvalidConfig' && e.message === message);
    for (const profile of [undefined, 'p']) {
      const run = await list({ profile });
      assert.equal(run.code, 253, run.err);
      assert.equal(run.err, `\n${message}\nadd a [services nosuch] section to ${configFile}, or remove services = nosuch from the profile\n`);
    }
    // An endpoint from the command line or the environment is found first: the section is never looked up.
    assert.equal((await list({ endpointUrl: server.url })).code, 0);
    assert.equal((await list({ env: { ...env, AWS_ENDPOINT_URL: server.url } })).code, 0);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("pythonStrip strips what Python's str.strip() strips: a byte-order mark stays, U+001C–U+001F and U+0085 go", () => {
  assert.equal(pythonStrip(`${BOM} [1] `), `${BOM} [1]`);
  assert.equal(pythonStrip('\x1c\x1f\x85\u3000 [1]\t\n'), '[1]');
  assert.equal(pythonStrip(''), '');
});
