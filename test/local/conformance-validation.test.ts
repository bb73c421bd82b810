// SERVICE.md §2 (labels, record patches, tokens): every rule, exact wording, all violations in one
// message, and nothing changed afterwards. Paging/device/configuration rules: conformance-validation-more.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeDatasetCommand, DescribeIdentityPoolUsageCommand, UpdateRecordsCommand, type RecordPatch } from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import {
  C,
  DATASET_PATTERN,
  ID_PATTERN,
  expectError,
  expectViolations,
  listAll,
  put,
  token,
  violation,
  where,
  type Where,
} from '../helpers/fixtures.js';

const t = serverBeforeAll();

/** UpdateRecords with a token minted for `tokenFor` (defaults to `w`); patches sent as given. */
async function send(w: Where, RecordPatches: unknown[] | undefined, extra: Record<string, unknown> = {}, tokenFor: Where = w) {
  const SyncSessionToken = await token(t.sync, tokenFor);
  return t.sync.send(
    new UpdateRecordsCommand({ ...w, SyncSessionToken, RecordPatches: RecordPatches as RecordPatch[], ...extra }),
  );
}

/** The dataset is untouched: still exactly `expected` (key → [value, count]). */
async function assertUnchanged(w: Where, expected: Record<string, [string | undefined, number]>) {
  const { records, pages } = await listAll(t.sync, w);
  const actual = Object.fromEntries(records.map((r) => [r.Key!, [r.Value ?? undefined, r.SyncCount!]]));
  assert.deepEqual(actual, expected, 'validation failure changed nothing');
  const count = Math.max(0, ...Object.values(expected).map(([, c]) => c));
  assert.equal(pages[pages.length - 1].DatasetSyncCount, count, 'dataset count unchanged');
}

describe('§2 identifiers and dataset names', () => {
  test('"Value \'bad name!\' at \'datasetName\' … Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+"', async () => {
    const w = where('bad name!');
    const e = await expectError(send(w, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }], {}, where()), {
      name: 'InvalidParameterException',
      status: 400,
    });
    assert.equal(
      e.message,
      "1 validation error detected: Value 'bad name!' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+",
    );
    // Nothing was created: the pool named in the rejected call is still unknown.
    await expectError(t.sync.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: w.IdentityPoolId })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });

  test('"DatasetName 1–128": 128 accepted, 129 rejected with the value "cut at 128 characters + ..."', async () => {
    const name128 = 'n'.repeat(127) + 'x';
    const w = where(name128);
    await put(t.sync, w, { k: 'v' });
    const long = 'd'.repeat(129);
    await expectViolations(t.sync.send(new DescribeDatasetCommand({ ...w, DatasetName: long })), [
      `Value '${'d'.repeat(128)}...' at 'datasetName' failed to satisfy constraint: ${C.maxLen(128)}`,
    ]);
  });

  test('"`:` allowed" in DatasetName (merged names need it)', async () => {
    const w = where('game.us-east-1:abc-123');
    const written = await put(t.sync, w, { k: 'v' });
    assert.equal(written[0].SyncCount, 1);
  });

  test('"Patterns match the whole string": a valid prefix does not make a valid DatasetName', async () => {
    const w = where('okay name');
    await expectViolations(t.sync.send(new DescribeDatasetCommand(w)), [
      violation('datasetName', 'okay name', C.pattern(DATASET_PATTERN)),
    ]);
  });

  test('"IdentityPoolId, IdentityId 1–55, [\\w-]+:[0-9a-f-]+ (upper-case hex rejected)"', async () => {
    const w = where();
    const upper = { ...w, IdentityId: w.IdentityId.toUpperCase().replace('US-EAST-1', 'us-east-1') };
    await expectViolations(t.sync.send(new DescribeDatasetCommand(upper)), [
      violation('identityId', upper.IdentityId, C.pattern(ID_PATTERN)),
    ]);
    const long = { ...w, IdentityPoolId: `us-east-1:${'a'.repeat(46)}` };
    assert.equal(long.IdentityPoolId.length, 56);
    await expectViolations(t.sync.send(new DescribeDatasetCommand(long)), [
      violation('identityPoolId', long.IdentityPoolId, C.maxLen(55)),
    ]);
    const partial = { ...w, IdentityPoolId: 'us-east-1:abc-def x' };
    await expectViolations(t.sync.send(new DescribeDatasetCommand(partial)), [
      violation('identityPoolId', partial.IdentityPoolId, C.pattern(ID_PATTERN)),
    ]);
  });

  test('"Report all violations in one 400": "2 validation errors detected: <a>; <b>"', async () => {
    const w = { IdentityPoolId: 'no-colon', IdentityId: where().IdentityId, DatasetName: 'bad/name' };
    await expectViolations(t.sync.send(new DescribeDatasetCommand(w)), [
      violation('identityPoolId', 'no-colon', C.pattern(ID_PATTERN)),
      violation('datasetName', 'bad/name', C.pattern(DATASET_PATTERN)),
    ]);
  });
});

describe('§2 record patches', () => {
  test('"Op exactly replace or remove": "Member must satisfy enum value set: [replace, remove]" (case-sensitive)', async () => {
    const w = where();
    await put(t.sync, w, { keep: '1' });
    await expectViolations(
      send(w, [{ Op: 'bogus', Key: 'a', Value: 'v', SyncCount: 0 }, { Op: 'Replace', Key: 'b', Value: 'v', SyncCount: 0 }]),
      [violation('recordPatches.1.member.op', 'bogus', C.enumOp), violation('recordPatches.2.member.op', 'Replace', C.enumOp)],
    );
    await assertUnchanged(w, { keep: ['1', 1] });
  });

  test('"Op / Key / SyncCount all required": "Value null at \'recordPatches.1.member.<field>\'"', async () => {
    const w = where();
    await expectViolations(send(w, [{ Value: 'v' }]), [
      violation('recordPatches.1.member.op', null, C.notNull),
      violation('recordPatches.1.member.key', null, C.notNull),
      violation('recordPatches.1.member.syncCount', null, C.notNull),
    ]);
    await assertUnchanged(w, {});
  });

  test('"Key 1–1,024": "" and 1,025 characters rejected, 1,024 accepted', async () => {
    const w = where();
    const long = 'k'.repeat(1025);
    await expectViolations(
      send(w, [{ Op: 'replace', Key: '', Value: 'v', SyncCount: 0 }, { Op: 'replace', Key: long, Value: 'v', SyncCount: 0 }]),
      [violation('recordPatches.1.member.key', '', C.minLen(1)), violation('recordPatches.2.member.key', long, C.maxLen(1024))],
    );
    await assertUnchanged(w, {});
    const written = await put(t.sync, w, { ['k'.repeat(1024)]: 'v' });
    assert.equal(written.length, 1);
  });

  test('"Characters = UTF-16 code units": a key of 512 emoji (1,024 units) passes, 513 fails', async () => {
    const w = where();
    const ok = '😀'.repeat(512);
    const bad = '😀'.repeat(513);
    await put(t.sync, w, { [ok]: 'v' });
    const e = await expectError(send(w, [{ Op: 'replace', Key: bad, Value: 'v', SyncCount: 0 }]), {
      name: 'InvalidParameterException',
      status: 400,
    });
    // The quoted value is cut at 128 code units = 64 emoji.
    assert.equal(e.message, `1 validation error detected: ${violation('recordPatches.1.member.key', bad, C.maxLen(1024))}`);
    assert.ok(e.message.includes(`'${'😀'.repeat(64)}...'`));
  });

  test('"SyncCount integer ≥ 0": "Member must have value greater than or equal to 0"', async () => {
    const w = where();
    await expectViolations(send(w, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: -1 }]), [
      violation('recordPatches.1.member.syncCount', -1, C.minValue(0)),
    ]);
    await assertUnchanged(w, {});
  });

  test('"SyncCount integer": 1.5 is refused with a 400 and nothing is written', async () => {
    const w = where();
    // The spec does not say whether a fractional number is a wrong JSON type (SerializationException)
    // or a constraint violation (InvalidParameterException); both are 400 client errors that change nothing.
    const e = await send(w, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 1.5 }]).then(
      () => assert.fail('SyncCount 1.5 accepted'),
      (err: any) => err,
    );
    assert.equal(e.$metadata?.httpStatusCode, 400, String(e));
    assert.ok(['InvalidParameterException', 'SerializationException'].includes(e.name), e.name);
    await assertUnchanged(w, {});
  });

  test('"RecordPatch.Value required with replace (\\"\\" is fine)": n counts from 1', async () => {
    const w = where();
    await expectViolations(
      send(w, [{ Op: 'replace', Key: 'a', Value: '', SyncCount: 0 }, { Op: 'replace', Key: 'b', SyncCount: 0 }]),
      [violation('recordPatches.2.member.value', null, C.notNull)],
    );
    await assertUnchanged(w, {});
  });

  test('"Value ≤ 1,048,575" with the quoted value cut at 128 characters', async () => {
    const w = where();
    const big = 'v'.repeat(1_048_576);
    await expectViolations(send(w, [{ Op: 'replace', Key: 'k', Value: big, SyncCount: 0 }]), [
      violation('recordPatches.1.member.value', big, C.maxLen(1_048_575)),
    ]);
    await assertUnchanged(w, {});
  });

  test('"Value … ignored with remove": a remove carrying a Value leaves a tombstone', async () => {
    const w = where();
    const [rec] = await send(w, [{ Op: 'remove', Key: 'gone', Value: 'ignored', SyncCount: 0 }]).then((o) => o.Records!);
    assert.equal(rec.Key, 'gone');
    assert.equal(rec.Value, undefined);
  });

  test('"a Key at most once, else Duplicate key in RecordPatches: <key>"', async () => {
    const w = where();
    await put(t.sync, w, { keep: '1' });
    await expectError(
      send(w, [
        { Op: 'replace', Key: 'dup', Value: '1', SyncCount: 0 },
        { Op: 'remove', Key: 'dup', SyncCount: 0 },
      ]),
      { name: 'InvalidParameterException', status: 400, message: 'Duplicate key in RecordPatches: dup' },
    );
    await assertUnchanged(w, { keep: ['1', 1] });
  });

  test('"SyncSessionToken (UpdateRecords) required": Value null at \'syncSessionToken\'', async () => {
    const w = where();
    await expectViolations(
      t.sync.send(new UpdateRecordsCommand({ ...w, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] } as any)),
      [violation('syncSessionToken', null, C.notNull)],
    );
    await assertUnchanged(w, {});
  });

  test('"DeviceId (body) 1–256"', async () => {
    const w = where();
    const long = 'd'.repeat(257);
    await expectViolations(send(w, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }], { DeviceId: long }), [
      violation('deviceId', long, C.maxLen(256)),
    ]);
    await expectViolations(send(w, [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }], { DeviceId: '' }), [
      violation('deviceId', '', C.minLen(1)),
    ]);
    await assertUnchanged(w, {});
  });

  test('"Report all violations in one 400 InvalidParameterException; change nothing": label + token + patches together', async () => {
    const w = where();
    await put(t.sync, w, { keep: '1' });
    await expectViolations(
      t.sync.send(
        new UpdateRecordsCommand({
          ...w,
          RecordPatches: [
            { Op: 'replace', Key: 'fine', Value: 'v', SyncCount: 1 },
            { Op: 'nope', Key: '', SyncCount: -2 } as any,
          ],
          DeviceId: '',
        } as any),
      ),
      [
        violation('syncSessionToken', null, C.notNull),
        violation('deviceId', '', C.minLen(1)),
        violation('recordPatches.2.member.op', 'nope', C.enumOp),
        violation('recordPatches.2.member.key', '', C.minLen(1)),
        violation('recordPatches.2.member.syncCount', -2, C.minValue(0)),
      ],
    );
    await assertUnchanged(w, { keep: ['1', 1] });
  });
});
