// Every Cognito Sync command, run in-process against the real local server through the
// real AWS SDK over HTTP, checking what is printed and the exit code.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { op, SAFE_ENV } from './helpers/run.js';

let server: TestServer;
let url: string;
const pool = `us-east-1:${randomUUID()}`;
const identity = `us-east-1:${randomUUID()}`;
const ids = { IdentityPoolId: pool, IdentityId: identity };

before(async () => {
  server = await startTestServer({ inMemory: true });
  url = server.url;
});
after(async () => server.close());

type Rec = { Key: string; Value?: string; SyncCount: number; LastModifiedDate: string };

test('update-records without --sync-session-token fetches one, says so, and writes', async () => {
  const r = await op(url, 'UpdateRecords', {
    ...ids,
    DatasetName: 'settings',
    RecordPatches: ['Op=replace,Key=theme,Value=dark,SyncCount=0', 'Op=replace,Key=lang,Value=a\\,b=c,SyncCount=0'],
  });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /no --sync-session-token given; using a new one from ListRecords \(dataset sync count 0\)/);
  const records = r.json<{ Records: Rec[] }>().Records;
  assert.deepEqual(records.map((x) => [x.Key, x.Value, x.SyncCount]), [['theme', 'dark', 1], ['lang', 'a,b=c', 1]]);
  assert.match(records[0].LastModifiedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d$/);
});

test('list-records prints the dataset; its token works for update-records', async () => {
  const list = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings' });
  assert.equal(list.code, 0, list.err);
  const body = list.json<{ Records: Rec[]; DatasetSyncCount: number; SyncSessionToken: string; Count: number }>();
  assert.equal(body.DatasetSyncCount, 1);
  assert.equal(body.Count, 2);
  const update = await op(url, 'UpdateRecords', {
    ...ids,
    DatasetName: 'settings',
    SyncSessionToken: body.SyncSessionToken,
    RecordPatches: ['[{"Op":"remove","Key":"lang","SyncCount":1}]'],
  });
  assert.equal(update.code, 0, update.err);
  assert.equal(update.err, '');
  assert.deepEqual(update.json<{ Records: Rec[] }>().Records.map((x) => [x.Key, x.Value, x.SyncCount]), [['lang', undefined, 2]]);
});

test('a stale SyncCount: the CLI error line on stderr and exit 254', async () => {
  const r = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'settings', RecordPatches: ['Op=replace,Key=theme,Value=x,SyncCount=0'] });
  assert.equal(r.code, 254);
  assert.equal(r.out, '');
  assert.match(r.err, /\nAn error occurred \(ResourceConflictException\) when calling the UpdateRecords operation: Current SyncCount for: theme is: 1 not: 0\n$/);
});

test('list-records: --last-sync-count, one page per call with --max-results and --next-token', async () => {
  const since = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings', LastSyncCount: '1' });
  assert.deepEqual(since.json<{ Records: Rec[] }>().Records.map((x) => x.Key), ['lang']);
  const first = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings', MaxResults: '1' });
  const page1 = first.json<{ Records: Rec[]; NextToken?: string }>();
  assert.equal(page1.Records.length, 1, 'no paginator: the CLI returns the one page');
  assert.ok(page1.NextToken);
  const second = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings', MaxResults: '1', NextToken: page1.NextToken });
  assert.equal(second.json<{ Records: Rec[] }>().Records.length, 1);
  assert.notEqual(second.json<{ Records: Rec[] }>().Records[0].Key, page1.Records[0].Key);
});

test('list-records --output text and table', async () => {
  const text = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings' }, { globals: { output: 'text' } });
  assert.equal(text.code, 0);
  assert.match(text.out, /^2\tFalse\tTrue\t2\t123456789012\t\S+\n/);
  assert.match(text.out, /\nRECORDS\ttheme\t123456789012\t\S+\t1\tdark\nRECORDS\tlang\t123456789012\t\S+\t2\t\n$/);
  const table = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings' }, { globals: { output: 'table' } });
  assert.match(table.out, /^-+\n\|\s+ListRecords\s+\|\n/);
  assert.match(table.out, /\|\|\s+Records\s+\|\|/);
});

test('list-datasets, describe-dataset, describe-identity-usage', async () => {
  const list = await op(url, 'ListDatasets', ids);
  assert.equal(list.code, 0, list.err);
  assert.deepEqual(list.json<{ Datasets: Array<{ DatasetName: string }> }>().Datasets.map((d) => d.DatasetName), ['settings']);
  const describe = await op(url, 'DescribeDataset', { ...ids, DatasetName: 'settings' });
  assert.equal(describe.json<{ Dataset: { NumRecords: number; DatasetName: string } }>().Dataset.NumRecords, 1);
  const usage = await op(url, 'DescribeIdentityUsage', ids);
  assert.equal(usage.json<{ IdentityUsage: { DatasetCount: number } }>().IdentityUsage.DatasetCount, 1);
});

test('list-identity-pool-usage and describe-identity-pool-usage', async () => {
  const list = await op(url, 'ListIdentityPoolUsage', {});
  assert.equal(list.code, 0, list.err);
  assert.ok(list.json<{ IdentityPoolUsages: Array<{ IdentityPoolId: string }> }>().IdentityPoolUsages.some((p) => p.IdentityPoolId === pool));
  const one = await op(url, 'DescribeIdentityPoolUsage', { IdentityPoolId: pool });
  assert.equal(one.json<{ IdentityPoolUsage: { IdentityPoolId: string } }>().IdentityPoolUsage.IdentityPoolId, pool);
});

test('set/get-identity-pool-configuration with shorthand, then bulk-publish and its details', async () => {
  const set = await op(url, 'SetIdentityPoolConfiguration', {
    IdentityPoolId: pool,
    PushSync: 'ApplicationArns=arn:aws:sns:us-east-1:123456789012:app/GCM/demo,RoleArn=arn:aws:iam::123456789012:role/push',
    CognitoStreams: 'StreamName=stream,RoleArn=arn:aws:iam::123456789012:role/streams,StreamingStatus=ENABLED',
  });
  assert.equal(set.code, 0, set.err);
  const get = await op(url, 'GetIdentityPoolConfiguration', { IdentityPoolId: pool });
  const config = get.json<{ PushSync: { ApplicationArns: string[] }; CognitoStreams: { StreamingStatus: string } }>();
  assert.deepEqual(config.PushSync.ApplicationArns, ['arn:aws:sns:us-east-1:123456789012:app/GCM/demo']);
  assert.equal(config.CognitoStreams.StreamingStatus, 'ENABLED');
  const publish = await op(url, 'BulkPublish', { IdentityPoolId: pool });
  assert.deepEqual(publish.json(), { IdentityPoolId: pool });
  const details = await op(url, 'GetBulkPublishDetails', { IdentityPoolId: pool });
  assert.equal(details.json<{ BulkPublishStatus: string }>().BulkPublishStatus, 'SUCCEEDED');
  const again = await op(url, 'BulkPublish', { IdentityPoolId: pool });
  assert.equal(again.code, 254);
  assert.match(again.err, /An error occurred \(AlreadyStreamedException\) when calling the BulkPublish operation/);
});

test('set-cognito-events (map shorthand) and get-cognito-events', async () => {
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:sync';
  const set = await op(url, 'SetCognitoEvents', { IdentityPoolId: pool, Events: `SyncTrigger=${arn}` });
  assert.equal(set.code, 0, set.err);
  assert.equal(set.out, '', 'an empty answer prints nothing, as in the CLI');
  const get = await op(url, 'GetCognitoEvents', { IdentityPoolId: pool });
  assert.deepEqual(get.json(), { Events: { SyncTrigger: arn } });
});

test('register-device, subscribe-to-dataset, unsubscribe-from-dataset', async () => {
  const reg = await op(url, 'RegisterDevice', { ...ids, Platform: 'GCM', Token: 'push-token' });
  assert.equal(reg.code, 0, reg.err);
  const deviceId = reg.json<{ DeviceId: string }>().DeviceId;
  assert.ok(deviceId);
  const sub = await op(url, 'SubscribeToDataset', { ...ids, DatasetName: 'settings', DeviceId: deviceId });
  assert.deepEqual([sub.code, sub.out], [0, '']);
  const unsub = await op(url, 'UnsubscribeFromDataset', { ...ids, DatasetName: 'settings', DeviceId: deviceId });
  assert.deepEqual([unsub.code, unsub.out], [0, '']);
  const unknown = await op(url, 'SubscribeToDataset', { ...ids, DatasetName: 'settings', DeviceId: 'nope' });
  assert.equal(unknown.code, 254);
});

test('delete-dataset, then describe-dataset is ResourceNotFoundException (254)', async () => {
  const w = { ...ids, DatasetName: 'doomed' };
  assert.equal((await op(url, 'UpdateRecords', { ...w, RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] })).code, 0);
  const del = await op(url, 'DeleteDataset', w);
  assert.equal(del.code, 0, del.err);
  assert.equal(del.json<{ Dataset: { DatasetName: string } }>().Dataset.DatasetName, 'doomed');
  const gone = await op(url, 'DescribeDataset', w);
  assert.equal(gone.code, 254);
  assert.match(gone.err, /\(ResourceNotFoundException\) when calling the DescribeDataset operation: Dataset 'doomed' not found\./);
});

test('--cli-input-json supplies the request; command-line options win', async () => {
  const input = JSON.stringify({ ...ids, DatasetName: 'ignored', RecordPatches: [{ Op: 'replace', Key: 'fromjson', Value: 'j', SyncCount: 0 }] });
  const r = await op(url, 'UpdateRecords', { DatasetName: 'viajson' }, { cliInputJson: input });
  assert.equal(r.code, 0, r.err);
  const list = await op(url, 'ListRecords', { ...ids, DatasetName: 'viajson' });
  assert.deepEqual(list.json<{ Records: Rec[] }>().Records.map((x) => [x.Key, x.Value]), [['fromjson', 'j']]);
});

test('--generate-cli-skeleton calls nothing (a dead endpoint is fine)', async () => {
  const dead = 'http://127.0.0.1:9';
  const input = await op(dead, 'UpdateRecords', {}, { generateCliSkeleton: true });
  assert.equal(input.code, 0, input.err);
  assert.deepEqual(Object.keys(input.json()), ['IdentityPoolId', 'IdentityId', 'DatasetName', 'DeviceId', 'RecordPatches', 'SyncSessionToken', 'ClientContext']);
  assert.match(input.out, /^\{\n {4}"IdentityPoolId": "",\n/);
  const missing = await op(dead, 'ListRecords', {}, { generateCliSkeleton: 'output' });
  assert.equal(missing.code, 252, 'output skeletons validate the command first');
  const output = await op(dead, 'ListRecords', { ...ids, DatasetName: 'd' }, { generateCliSkeleton: 'output', globals: { output: 'text' } });
  assert.equal(output.code, 0, output.err);
  assert.match(output.out, /^0\tTrue\tTrue\t0\tLastModifiedBy\tNextToken\tSyncSessionToken\n/);
  const bad = await op(dead, 'ListRecords', {}, { generateCliSkeleton: 'yaml' });
  assert.equal(bad.code, 252);
  assert.match(bad.err, /argument --generate-cli-skeleton: Invalid choice 'yaml', valid choices are: input \| output/);
});

test('command-line errors exit 252 and send nothing', async () => {
  const missing = await op(url, 'ListRecords', { IdentityPoolId: pool });
  assert.equal(missing.code, 252);
  assert.match(missing.err, /the following arguments are required: --identity-id, --dataset-name/);
  const shorthand = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'x', RecordPatches: ['Op'] });
  assert.equal(shorthand.code, 252);
  assert.match(shorthand.err, /Error parsing parameter '--record-patches': Expected: '=', received: 'EOF' for input:\nOp\n {2}\^/);
  const output = await op(url, 'ListDatasets', ids, { globals: { output: 'yaml' } });
  assert.equal(output.code, 252);
  const list = await op(url, 'ListRecords', { ...ids, DatasetName: 'x' });
  assert.equal(list.json<{ DatasetExists: boolean }>().DatasetExists, false, 'nothing was written by the failed calls');
});

test('server-side validation errors are service errors (254)', async () => {
  const r = await op(url, 'DescribeDataset', { ...ids, DatasetName: 'bad name!' });
  assert.equal(r.code, 254);
  assert.match(r.err, /\(InvalidParameterException\) when calling the DescribeDataset operation: 1 validation error detected/);
});

test('an unreachable endpoint exits 255; no region exits 253', async () => {
  const dead = await op('http://127.0.0.1:9', 'ListIdentityPoolUsage', {});
  assert.equal(dead.code, 255);
  assert.match(dead.err, /cannot reach http:\/\/127\.0\.0\.1:9/);
  const env = { ...SAFE_ENV };
  delete env.AWS_REGION;
  const noRegion = await op(url, 'ListIdentityPoolUsage', {}, { env });
  assert.equal(noRegion.code, 253);
  assert.match(noRegion.err, /no AWS region is configured/);
});

test('--debug prints requests and responses on stderr without secrets', async () => {
  const r = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings' }, { globals: { debug: true } });
  assert.equal(r.code, 0);
  assert.match(r.err, /\[cogsync\] .*cognito-sync ListRecords 200/);
  assert.match(r.err, /\[cogsync\] ListRecords response \{/);
  const token = r.json<{ SyncSessionToken: string }>().SyncSessionToken;
  assert.ok(!r.err.includes(token), 'the session token is shortened');
  assert.ok(!r.err.includes('test-secret-not-real'));
  const quiet = await op(url, 'ListRecords', { ...ids, DatasetName: 'settings' });
  assert.equal(quiet.err, '');
});

test('--debug shows a non-ASCII --client-context as typed (no mojibake, no raw bytes); a base64 one with its JSON', async () => {
  const context = '{"client":{"installation_id":"é😀"}}';
  const plain = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'ctx-debug', ClientContext: context, RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] }, { globals: { debug: true } });
  assert.equal(plain.code, 0, plain.err);
  assert.equal(plain.json<{ Records: { LastModifiedBy: string }[] }>().Records[0].LastModifiedBy, context, 'still sent as UTF-8 bytes');
  assert.ok(plain.err.includes(`"ClientContext":${JSON.stringify(context)}`), `params: ${plain.err}`);
  assert.ok(plain.err.includes(`[cogsync] UpdateRecords header x-amz-Client-Context: ${context} (sent as its UTF-8 bytes)\n`), plain.err);
  assert.doesNotMatch(plain.err, /Ã|\\x9f|[\u0080-\u009f]/, 'neither mojibake nor bytes');
  const base64 = Buffer.from('{"client":{"installation_id":"é-1"},\n"custom":{"note":"\u202eevil"}}').toString('base64');
  const encoded = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'ctx-debug', ClientContext: base64, RecordPatches: ['Op=replace,Key=k,Value=w,SyncCount=1'] }, { globals: { debug: true } });
  assert.equal(encoded.code, 0, encoded.err);
  assert.equal(encoded.json<{ Records: { LastModifiedBy: string }[] }>().Records[0].LastModifiedBy, 'é-1', 'the server read its installation id');
  assert.ok(encoded.err.includes(`[cogsync] UpdateRecords header x-amz-Client-Context: ${base64} (base64 of {"client":{"installation_id":"é-1"},\\n"custom":{"note":"\\u202eevil"}})\n`), encoded.err);
  const quiet = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'ctx-debug', ClientContext: context, RecordPatches: ['Op=replace,Key=k,Value=x,SyncCount=2'] });
  assert.equal(quiet.code, 0, quiet.err);
  assert.doesNotMatch(quiet.err, /header/);
});

test('untrusted values: escaped in json, sanitized in text', async () => {
  const w = { ...ids, DatasetName: 'hostile' };
  const value = 'red\u001b[2J\u009b\nnext';
  const json = JSON.stringify([{ Op: 'replace', Key: 'k\u001b]52;c;x\u0007', Value: value, SyncCount: 0 }]);
  assert.equal((await op(url, 'UpdateRecords', { ...w, RecordPatches: [json] })).code, 0);
  const asJson = await op(url, 'ListRecords', w);
  assert.doesNotMatch(asJson.out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.equal(asJson.json<{ Records: Rec[] }>().Records[0].Value, value);
  const asText = await op(url, 'ListRecords', w, { globals: { output: 'text' } });
  assert.doesNotMatch(asText.out.replace(/[\n\t]/g, ''), /[\u0000-\u001f\u007f-\u009f]/);
  assert.match(asText.out, /red\\e\[2J\\x9b\\nnext/);
});

test('--client-context is sent as UTF-8 bytes, as the AWS CLI sends it; line breaks in it are refused before sending', async () => {
  const written = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'ctx', ClientContext: 'café 名前', RecordPatches: ['Op=replace,Key=k,Value=v,SyncCount=0'] });
  assert.equal(written.code, 0, written.err);
  assert.equal(written.json<{ Records: { LastModifiedBy: string }[] }>().Records[0].LastModifiedBy, 'café 名前', 'the server read it back as typed');
  const refused = await op(url, 'UpdateRecords', { ...ids, DatasetName: 'ctx', ClientContext: 'two\nlines', RecordPatches: ['Op=replace,Key=k,Value=w,SyncCount=1'] });
  assert.equal(refused.code, 252);
  assert.match(refused.err, /Invalid value for parameter ClientContext: it is sent in the HTTP header x-amz-Client-Context, which cannot hold line breaks/);
  const list = await op(url, 'ListRecords', { ...ids, DatasetName: 'ctx' });
  assert.deepEqual(list.json<{ Records: Rec[] }>().Records.map((x) => [x.Key, x.Value]), [['k', 'v']], 'nothing was sent');
});
