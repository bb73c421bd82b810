import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteValue, RULES, Violations, clampPageSize } from '../../src/local/validation.js';
import { updateRecordsInput, type SyncRequest } from '../../src/local/routes-sync.js';
import { poolConfigurationInput } from '../../src/local/routes-pool.js';
import { installationIdOf, lastModifiedBy } from '../../src/local/modified-by.js';
import { apiErrorOf } from '../helpers/api-error.js';

const POOL = 'us-east-1:11111111-2222-4333-8444-555555555555';
const ID = 'us-east-1:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function request(body: Record<string, unknown>, labels: SyncRequest['labels'] = { IdentityPoolId: POOL, IdentityId: ID, DatasetName: 'ds' }): SyncRequest {
  return { operation: 'UpdateRecords', labels, query: new Map(), body, headers: {} };
}

test('one violation uses the singular wording and the model pattern text', () => {
  const v = new Violations();
  v.string('datasetName', 'bad name!', RULES.datasetName, true);
  assert.equal(
    v.message(),
    "1 validation error detected: Value 'bad name!' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+",
  );
});

test('several violations are counted and joined with "; " in order', () => {
  const v = new Violations();
  v.string('identityId', '', RULES.identityId, true);
  v.required('syncSessionToken', undefined);
  assert.equal(
    v.message(),
    "3 validation errors detected: Value '' at 'identityId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; " +
      "Value null at 'syncSessionToken' failed to satisfy constraint: Member must not be null",
  );
});

test('values are cut at 128 characters with ...', () => {
  assert.equal(quoteValue('x'.repeat(129)), `'${'x'.repeat(128)}...'`);
  assert.equal(quoteValue('x'.repeat(128)), `'${'x'.repeat(128)}'`);
  assert.equal(quoteValue(null), 'null');
  assert.equal(quoteValue(-1), "'-1'");
});

test('patterns match the whole string, case-sensitively (upper-case hex rejected)', () => {
  const check = (value: string) => {
    const v = new Violations();
    v.string('identityPoolId', value, RULES.identityPoolId, true);
    return v.count;
  };
  assert.equal(check('us-east-1:0a1b-2c'), 0);
  assert.equal(check('us-east-1:0A1B'), 1);
  assert.equal(check('us-east-1:abc\n'), 1, 'no match on a trailing newline');
  assert.equal(check('x us-east-1:abc'), 1);
  const name = (value: string) => {
    const v = new Violations();
    v.string('datasetName', value, RULES.datasetName, true);
    return v.count;
  };
  assert.equal(name('a:b.c_d-e'), 0);
  assert.equal(name('x'.repeat(128)), 0);
  assert.equal(name('x'.repeat(129)), 1);
});

test('lengths count UTF-16 code units', () => {
  const v = new Violations();
  v.string('key', '😀'.repeat(512), RULES.recordKey, true); // 1,024 units: fine
  assert.equal(v.count, 0);
  v.string('key', `${'😀'.repeat(512)}a`, RULES.recordKey, true);
  assert.equal(v.count, 1);
});

test('UpdateRecords: every violation of a bad batch in one InvalidParameterException', () => {
  const err = apiErrorOf(() =>
    updateRecordsInput(
      request(
        {
          DeviceId: '',
          RecordPatches: [
            { Op: 'bogus', Key: '', SyncCount: -1 },
            { Op: 'replace', Key: 'k' },
            { Op: 'remove', Key: 'r', SyncCount: 0, Value: 'x'.repeat(1048576) },
          ],
        },
        { IdentityPoolId: POOL, IdentityId: ID, DatasetName: 'bad name!' },
      ),
    ),
  );
  assert.equal(err.type, 'InvalidParameterException');
  assert.equal(err.status, 400);
  assert.ok(err.isValidation);
  assert.equal(
    err.message,
    '8 validation errors detected: ' +
      [
        "Value 'bad name!' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+",
        "Value '' at 'deviceId' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value 'bogus' at 'recordPatches.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [replace, remove]",
        "Value '' at 'recordPatches.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value '-1' at 'recordPatches.1.member.syncCount' failed to satisfy constraint: Member must have value greater than or equal to 0",
        "Value null at 'recordPatches.2.member.value' failed to satisfy constraint: Member must not be null",
        "Value null at 'recordPatches.2.member.syncCount' failed to satisfy constraint: Member must not be null",
        "Value null at 'syncSessionToken' failed to satisfy constraint: Member must not be null",
      ].join('; '),
  );
});

test('UpdateRecords: value too long, "" accepted with replace, Value ignored with remove', () => {
  const err = apiErrorOf(() =>
    updateRecordsInput(request({ SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v'.repeat(1048576), SyncCount: 0 }] })),
  );
  assert.match(err.message, /^1 validation error detected: Value 'v{128}\.\.\.' at 'recordPatches\.1\.member\.value' failed to satisfy constraint: Member must have length less than or equal to 1048575$/);
  const ok = updateRecordsInput(
    request({
      SyncSessionToken: 't',
      RecordPatches: [
        { Op: 'replace', Key: 'a', Value: '', SyncCount: 0, DeviceLastModifiedDate: 1704164645.678 },
        { Op: 'remove', Key: 'b', Value: 'ignored', SyncCount: 3 },
      ],
    }),
  );
  assert.deepEqual(ok.patches, [
    { op: 'replace', key: 'a', value: '', valueJson: undefined, syncCount: 0, deviceModifiedMs: 1704164645678 },
    { op: 'remove', key: 'b', value: undefined, syncCount: 3, deviceModifiedMs: undefined },
  ]);
});

test('UpdateRecords: a duplicate key alone has its own message; with other problems it is one more item', () => {
  const patches = [
    { Op: 'replace', Key: 'k', Value: '1', SyncCount: 0 },
    { Op: 'remove', Key: 'k', SyncCount: 0 },
  ];
  assert.equal(apiErrorOf(() => updateRecordsInput(request({ SyncSessionToken: 't', RecordPatches: patches }))).message, 'Duplicate key in RecordPatches: k');
  const both = apiErrorOf(() => updateRecordsInput(request({ RecordPatches: patches })));
  assert.equal(
    both.message,
    "2 validation errors detected: Value null at 'syncSessionToken' failed to satisfy constraint: Member must not be null; Duplicate key in RecordPatches: k",
  );
});

test('UpdateRecords: wrong JSON types are SerializationException, not validation', () => {
  for (const body of [
    { SyncSessionToken: 5 },
    { SyncSessionToken: 't', RecordPatches: {} },
    { SyncSessionToken: 't', RecordPatches: ['x'] },
    { SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 1, SyncCount: 0 }] },
    { SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: '0' }] },
    { SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 1.5 }] },
    { SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: '2024' }] },
  ]) {
    const err = apiErrorOf(() => updateRecordsInput(request(body)));
    assert.equal(err.type, 'SerializationException', JSON.stringify(body));
    assert.equal(err.status, 400);
  }
  // null is absent; unknown members are ignored
  const ok = updateRecordsInput(request({ SyncSessionToken: 't', DeviceId: null, Extra: { a: 1 }, RecordPatches: null }));
  assert.deepEqual(ok, { token: 't', deviceId: undefined, patches: [] });
});

test('SetIdentityPoolConfiguration: ARNs, role, stream name and status checked together', () => {
  const err = apiErrorOf(() =>
    poolConfigurationInput(
      request(
        {
          PushSync: { ApplicationArns: ['arn:aws:sns:us-east-1:123456789012:app/GCM/my-app', 'nope'], RoleArn: 'short' },
          CognitoStreams: { StreamName: '', StreamingStatus: 'ON' },
        },
        { IdentityPoolId: POOL },
      ),
    ),
  );
  assert.match(err.message, /^5 validation errors detected: /);
  assert.match(err.message, /Value 'nope' at 'pushSync\.applicationArns\.2\.member'/);
  assert.match(err.message, /Value 'short' at 'pushSync\.roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/);
  assert.match(err.message, /Value 'ON' at 'cognitoStreams\.streamingStatus' failed to satisfy constraint: Member must satisfy enum value set: \[ENABLED, DISABLED\]/);
});

test('page sizes clamp to the operation maximum, which is also the default', () => {
  assert.equal(clampPageSize(undefined, 1024), 1024);
  assert.equal(clampPageSize(5000, 1024), 1024);
  assert.equal(clampPageSize(7, 64), 7);
});

test('LastModifiedBy precedence: DeviceId, then Client-Context installation id or raw value, then the account', () => {
  const ctx = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
  assert.equal(lastModifiedBy('dev-1', ctx({ client: { installation_id: 'inst' } }), '123'), 'dev-1');
  assert.equal(lastModifiedBy(undefined, ctx({ client: { installation_id: 'inst' } }), '123'), 'inst');
  assert.equal(lastModifiedBy(undefined, 'plain-context', '123'), 'plain-context');
  assert.equal(lastModifiedBy(undefined, ctx({ client: { app_title: 'x' } }), '123'), ctx({ client: { app_title: 'x' } }));
  assert.equal(lastModifiedBy(undefined, 'y'.repeat(257), '123'), '123');
  assert.equal(lastModifiedBy(undefined, undefined, '123'), '123');
  assert.equal(installationIdOf(ctx({ client: { installation_id: 7 } })), undefined);
  assert.equal(installationIdOf('not base64 at all!'), undefined);
});
