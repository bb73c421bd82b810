// --generate-cli-skeleton, --cli-input-json, the other complex options (maps, nested
// structures), validation of top-level members and the CLI's option names.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ParamError, ParamValidationError } from '../../src/commands/errors.js';
import { cliName, getOperation, getShape, inputShape, operationNames, outputShape } from '../../src/commands/model/service-model.js';
import { mergeCliInputJson, readCliInputJson } from '../../src/commands/params/cli-input-json.js';
import { shorthandSyntax } from '../../src/commands/params/shorthand-doc.js';
import { generateSkeleton } from '../../src/commands/params/skeleton.js';
import { unpackOption } from '../../src/commands/params/unpack.js';
import { toDate, validateParams } from '../../src/commands/params/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'cogsync-params-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What `aws cognito-sync <op> --generate-cli-skeleton` printed (awscli 1.45), per operation. */
const cliSkeletons = JSON.parse(readFileSync(new URL('./fixtures/cli-input-skeletons.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function keysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keysDeep(v)]));
  return typeof value;
}

test('the model has the 17 Cognito Sync operations', () => {
  assert.equal(operationNames().length, 17);
  assert.deepEqual(operationNames().map(cliName).slice(0, 3), ['bulk-publish', 'delete-dataset', 'describe-dataset']);
});

for (const name of operationNames()) {
  test(`${cliName(name)} --generate-cli-skeleton: keys are the model's input members, as the AWS CLI prints them`, () => {
    const skeleton = generateSkeleton(inputShape(getOperation(name)), 'input') as Record<string, unknown>;
    assert.deepEqual(Object.keys(skeleton), Object.keys(inputShape(getOperation(name)).members ?? {}));
    // Same structure and types; enum values differ (botocore picks one at random).
    assert.deepEqual(keysDeep(skeleton), keysDeep(cliSkeletons[name]));
  });
}

test('output skeletons use member names as values, as the CLI does', () => {
  const skeleton = generateSkeleton(outputShape(getOperation('ListRecords')), 'output') as Record<string, unknown>;
  assert.deepEqual(Object.keys(skeleton), Object.keys(outputShape(getOperation('ListRecords')).members ?? {}));
  assert.deepEqual(skeleton.MergedDatasetNames, ['String']);
  assert.deepEqual((skeleton.Records as Array<Record<string, unknown>>)[0].LastModifiedDate, '1970-01-01T00:00:00');
  assert.equal(skeleton.Count, 0);
  assert.equal(skeleton.DatasetExists, true);
});

test('--cli-input-json: options on the command line win, the rest is added', () => {
  const fromJson = readCliInputJson('{"IdentityPoolId":"us-east-1:json","DatasetName":"from-json"}');
  assert.deepEqual(mergeCliInputJson({ IdentityPoolId: 'us-east-1:cli' }, fromJson), { IdentityPoolId: 'us-east-1:cli', DatasetName: 'from-json' });
});

test('--cli-input-json file://PATH', () => {
  const path = join(dir, 'input.json');
  writeFileSync(path, '{"IdentityPoolId":"us-east-1:f"}');
  assert.deepEqual(readCliInputJson(`file://${path}`), { IdentityPoolId: 'us-east-1:f' });
});

test('--cli-input-json: unknown members are named by validation, like the CLI', () => {
  const params = mergeCliInputJson({}, readCliInputJson('{"IdentityPoolId":"us-east-1:a","Bogus":1}'));
  assert.throws(() => validateParams(inputShape(getOperation('GetCognitoEvents')), params), {
    message: 'Parameter validation failed:\nUnknown parameter in input: "Bogus", must be one of: IdentityPoolId',
  });
});

test('--cli-input-json: bad JSON and non-objects are parameter errors', () => {
  assert.throws(() => readCliInputJson('{nope'), (e: unknown) => e instanceof ParamError && /^Error parsing parameter '--cli-input-json': Invalid JSON: /.test(e.message));
  assert.throws(() => readCliInputJson('[1]'), /expected an object of request members/);
  assert.throws(() => readCliInputJson(`file://${join(dir, 'missing.json')}`), /Unable to load paramfile/);
});

test('a proto key in --cli-input-json stays data', () => {
  const merged = mergeCliInputJson({}, readCliInputJson('{"__proto__":{"x":1}}'));
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
  assert.ok(Object.hasOwn(merged, '__proto__'));
});

test('set-cognito-events --events: map shorthand and JSON', () => {
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
  assert.deepEqual(unpackOption('--events', 'Events', 'Events', `SyncTrigger=${arn}`), { SyncTrigger: arn });
  assert.deepEqual(unpackOption('--events', 'Events', 'Events', `{"SyncTrigger":"${arn}"}`), { SyncTrigger: arn });
});

test('set-identity-pool-configuration --push-sync / --cognito-streams shorthand', () => {
  assert.deepEqual(unpackOption('--push-sync', 'PushSync', 'PushSync', 'ApplicationArns=a1,a2,RoleArn=r'), { ApplicationArns: ['a1', 'a2'], RoleArn: 'r' });
  // One item for a list member becomes a list of one (awscli's back-compat rule).
  assert.deepEqual(unpackOption('--push-sync', 'PushSync', 'PushSync', 'ApplicationArns=a1,RoleArn=r'), { ApplicationArns: ['a1'], RoleArn: 'r' });
  assert.deepEqual(unpackOption('--cognito-streams', 'CognitoStreams', 'CognitoStreams', 'StreamName=s,RoleArn=r,StreamingStatus=ENABLED'), {
    StreamName: 's',
    RoleArn: 'r',
    StreamingStatus: 'ENABLED',
  });
});

test('scalar options: integers are read, strings kept as written, file:// read', () => {
  assert.equal(unpackOption('--max-results', 'MaxResults', 'IntegerString', '5'), 5);
  assert.throws(() => unpackOption('--max-results', 'MaxResults', 'IntegerString', 'five'), {
    message: "Error parsing parameter '--max-results': Invalid value: expected an integer, received 'five'",
  });
  assert.equal(unpackOption('--dataset-name', 'DatasetName', 'DatasetName', ' spaced '), ' spaced ');
  const path = join(dir, 'token.txt');
  writeFileSync(path, 'tok-from-file');
  assert.equal(unpackOption('--sync-session-token', 'SyncSessionToken', 'SyncSessionToken', `file://${path}`), 'tok-from-file');
});

test('a structure given neither as JSON nor shorthand-able is an error', () => {
  assert.throws(() => unpackOption('--push-sync', 'PushSync', 'PushSync', 'oops'), /Expected: '=', received: 'EOF'/);
});

test('validation: missing required members, minimum lengths, every problem at once', () => {
  assert.throws(() => validateParams(inputShape(getOperation('UpdateRecords')), { IdentityPoolId: '', DatasetName: 'd' }), (e: unknown) => {
    assert.ok(e instanceof ParamValidationError);
    assert.deepEqual(e.problems, [
      'Missing required parameter in input: "IdentityId"',
      'Missing required parameter in input: "SyncSessionToken"',
      'Invalid length for parameter IdentityPoolId, value: 0, valid min length: 1',
    ]);
    assert.equal(e.exitCode, 252);
    return true;
  });
});

test('validation: wrong JSON types are named with their path', () => {
  assert.throws(() => validateParams(inputShape(getOperation('ListRecords')), { IdentityPoolId: 'p', IdentityId: 'i', DatasetName: 'd', MaxResults: '3' }), {
    message: 'Parameter validation failed:\nInvalid type for parameter MaxResults, value: 3, type: string, valid types: integer',
  });
});

test('validation: a JSON null member is refused, as the AWS CLI refuses None, never dropped (it blanked a pool setting)', () => {
  assert.throws(
    () => validateParams(inputShape(getOperation('SetIdentityPoolConfiguration')), { IdentityPoolId: 'p', CognitoStreams: { StreamName: null, StreamingStatus: 'DISABLED' } }),
    { message: 'Parameter validation failed:\nInvalid type for parameter CognitoStreams.StreamName, value: null, type: null, valid types: string' },
  );
  assert.throws(() => validateParams(inputShape(getOperation('ListRecords')), { IdentityPoolId: 'p', IdentityId: 'i', DatasetName: null, MaxResults: null }), (e: unknown) => {
    assert.ok(e instanceof ParamValidationError);
    assert.deepEqual(e.problems, [
      'Invalid type for parameter DatasetName, value: null, type: null, valid types: string',
      'Invalid type for parameter MaxResults, value: null, type: null, valid types: integer',
    ]);
    return true;
  });
});

test('timestamps: ISO 8601 (zone or UTC), epoch seconds; nonsense refused', () => {
  assert.equal(toDate('2024-01-02T03:04:05Z')?.toISOString(), '2024-01-02T03:04:05.000Z');
  assert.equal(toDate('2024-01-02T03:04:05')?.toISOString(), '2024-01-02T03:04:05.000Z');
  assert.equal(toDate('2024-01-02 03:04:05.5-0130')?.toISOString(), '2024-01-02T04:34:05.500Z');
  assert.equal(toDate('2024-01-02')?.toISOString(), '2024-01-02T00:00:00.000Z');
  assert.equal(toDate('1700000000.25')?.toISOString(), '2023-11-14T22:13:20.250Z');
  assert.equal(toDate(1700000000)?.toISOString(), '2023-11-14T22:13:20.000Z');
  for (const bad of ['yesterday', '2024-13-01', '2024-02-30', '2024-01-02T25:00:00', '', 'NaN']) assert.equal(toDate(bad), undefined, bad);
});

test('help shows the AWS CLI shorthand syntax of complex options', () => {
  assert.equal(shorthandSyntax(getShape('RecordPatchList')), 'Op=string,Key=string,Value=string,SyncCount=long,DeviceLastModifiedDate=timestamp ...');
  assert.equal(shorthandSyntax(getShape('PushSync')), 'ApplicationArns=string,string,RoleArn=string');
  assert.equal(shorthandSyntax(getShape('Events')), 'KeyName1=string,KeyName2=string');
});

test('a JSON number written with a fraction or an exponent is a float, refused for an integer member as the AWS CLI (Python json) refuses it', () => {
  const list = (json: string) =>
    validateParams(inputShape(getOperation('ListRecords')), readCliInputJson(`{"IdentityPoolId":"us-east-1:a","IdentityId":"us-east-1:b","DatasetName":"d",${json}}`));
  for (const [json, shown] of [['"MaxResults":2.0', '2.0'], ['"MaxResults":1E2', '100.0'], ['"LastSyncCount":-0.0', '-0.0'], ['"MaxResults":1.5', '1.5']]) {
    assert.throws(() => list(json), (error: unknown) => {
      assert.ok(error instanceof ParamValidationError, String(error));
      assert.match(error.message, new RegExp(`Invalid type for parameter \\w+, value: ${shown.replace('.', '\\.')}, type: float, valid types: integer`), json);
      return true;
    });
  }
  assert.equal(list('"MaxResults":2').MaxResults, 2);
  assert.equal(JSON.stringify(list('"MaxResults":-0').MaxResults), '0'); // an int in Python: sent as 0
  // Strings that look like floats are strings; a float timestamp is still seconds.
  const patches = unpackOption('--record-patches', 'RecordPatches', 'RecordPatchList', [
    '[{"Op":"replace","Key":"1.0","Value":"2e3 \\"3.5\\"","SyncCount":1,"DeviceLastModifiedDate":1700000000.5}]',
  ]);
  const update = validateParams(inputShape(getOperation('UpdateRecords')), {
    IdentityPoolId: 'us-east-1:a', IdentityId: 'us-east-1:b', DatasetName: 'd', SyncSessionToken: 't', RecordPatches: patches,
  });
  const [patch] = update.RecordPatches as Array<Record<string, unknown>>;
  assert.equal(patch.Key, '1.0');
  assert.equal(patch.Value, '2e3 "3.5"');
  assert.equal((patch.DeviceLastModifiedDate as Date).getTime(), 1700000000000);
  const floatCount = unpackOption('--record-patches', 'RecordPatches', 'RecordPatchList', ['[{"Op":"replace","Key":"k","SyncCount":3.0}]']);
  assert.throws(
    () => validateParams(inputShape(getOperation('UpdateRecords')), {
      IdentityPoolId: 'us-east-1:a', IdentityId: 'us-east-1:b', DatasetName: 'd', SyncSessionToken: 't', RecordPatches: floatCount,
    }),
    /Invalid type for parameter RecordPatches\[0\]\.SyncCount, value: 3\.0, type: float, valid types: integer/,
  );
});
