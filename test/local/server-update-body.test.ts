// readUpdateRecordsBody must take the bodies SDKs send and, for every body it takes, give
// exactly what JSON.parse and the usual decoding give (or decline). Checked against the
// slow path on generated bodies full of near misses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../src/local/errors.js';
import { parseJsonObject } from '../../src/local/http-io.js';
import { encodeRecords } from '../../src/local/record-wire.js';
import { updateRecordsInput, type SyncRequest } from '../../src/local/routes-sync.js';
import { readUpdateRecordsBody, type UpdateRecordsBody } from '../../src/local/update-records-body.js';

const labels = {
  IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001',
  IdentityId: 'us-east-1:00000000-0000-4000-8000-0000000000a1',
  DatasetName: 'ds',
};

function request(body: Record<string, unknown>, updateBody?: UpdateRecordsBody): SyncRequest {
  return { operation: 'UpdateRecords', labels, query: new Map(), body, updateBody, headers: {} };
}

type Outcome = { input: unknown } | { error: [string, string] };

function outcome(fn: () => unknown): Outcome {
  try {
    return { input: fn() };
  } catch (err) {
    if (err instanceof ApiError) return { error: [err.type, err.message] };
    throw err;
  }
}

/** The slow path's answer: JSON.parse, typed decoding, validation. */
function slowOutcome(body: Buffer): Outcome {
  return outcome(() => updateRecordsInput(request(parseJsonObject(body))));
}

/** The fast path's answer, each value's JSON bytes checked canonical and turned back into the string. */
function fastOutcome(fast: UpdateRecordsBody): Outcome {
  const result = outcome(() => updateRecordsInput(request({}, fast)));
  if ('input' in result) {
    const input = result.input as ReturnType<typeof updateRecordsInput>;
    for (const patch of input.patches) {
      if (patch.valueJson === undefined) continue;
      const json = patch.valueJson.toString('utf8');
      const value = JSON.parse(json) as string;
      assert.equal(JSON.stringify(value), json, 'value bytes are what JSON.stringify would write');
      patch.value = value;
      patch.valueJson = undefined; // as the slow path has it: the member there, undefined
    }
  }
  return result;
}

/** Decides one body both ways; returns whether the fast reader took it. */
function compare(text: string | Buffer): boolean {
  const body = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const fast = readUpdateRecordsBody(body);
  if (!fast) return false;
  assert.doesNotThrow(() => parseJsonObject(body), 'a body the reader takes is valid JSON');
  for (const s of [fast.deviceId, fast.token, ...fast.patches.flatMap((p) => [p.op, p.key])]) {
    if (s !== undefined) assert.equal(JSON.stringify(s), `"${s}"`, `${fast.text} text needs no escape`);
    if (s !== undefined && fast.text === 'ascii') assert.ok(/^[\x20-\x7f]*$/.test(s), `ascii text: ${JSON.stringify(s)}`);
  }
  assert.deepEqual(fastOutcome(fast), slowOutcome(body));
  return true;
}

// Building blocks of near-miss bodies: mostly what the reader takes, with an odd token now
// and then, so that most bodies hold zero or one oddity and the reader's decisions count.
const odd = <T>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: unusual });
const char = odd(
  fc.constantFrom('a', 'Z', '0', ' ', '~', 'é', '😀', '日', '\u2028', '/', '\u007f'),
  fc.constantFrom('"', '\\', '\n', '\t', '\u0001', '\ud800'),
);
const text = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
/** A string token: JSON.stringify (escaped when needed), or the characters put raw between quotes (maybe invalid). */
const stringToken = fc.oneof(
  { weight: 3, arbitrary: text.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: text.map((s) => `"${s}"`) },
  { weight: 1, arbitrary: fc.constantFrom('"\\u0041"', '"a\\/b"', '"\\ud83d\\ude00"', '"unterminated') },
);
const numberToken = odd(
  fc.constantFrom('0', '1', '7', '-1', '-0', '123456789012345', '1234567890123456789', '9007199254740993', '1700000000', '1700000000.123'),
  fc.constantFrom(
    '01', '00', '-', '1.', '.5', '1e', '+1', '1.0', '1e2', '1E+2', '2.5', '0.1e-2', '1e400', '-1e400',
    '253402300799.999', '253402300799.9991', '253402300800', '-62135596800', '-62135596800.001',
  ),
);
const literal = fc.constantFrom('null', 'true', 'false', '[]', '{}', '[1,"x"]', '{"a":{"b":null}}');
const anyToken = fc.oneof(stringToken, numberToken, literal);
const ws = odd(fc.constantFrom('', '', ' ', '  '), fc.constantFrom('\n', '\t', '\r\n'));

const join = (parts: string[], space: string) => parts.join(`${space},${space}`);

const opToken = odd(fc.constantFrom('"replace"', '"remove"'), fc.oneof(fc.constantFrom('"Replace"', '"replacex"', '"remov"'), anyToken));
const patchMember = fc.oneof(
  { weight: 4, arbitrary: opToken.map((v) => `"Op":${v}`) },
  { weight: 4, arbitrary: stringToken.map((v) => `"Key":${v}`) },
  { weight: 4, arbitrary: stringToken.map((v) => `"Value":${v}`) },
  { weight: 4, arbitrary: numberToken.map((v) => `"SyncCount":${v}`) },
  { weight: 3, arbitrary: numberToken.map((v) => `"DeviceLastModifiedDate":${v}`) },
  { weight: 1, arbitrary: anyToken.map((v) => `"Extra":${v}`) },
  { weight: 1, arbitrary: anyToken.map((v) => `"Op" : ${v}`) },
);
const patch = odd(
  fc.tuple(fc.array(patchMember, { maxLength: 6 }), ws).map(([ms, s]) => `{${s}${join(ms, s)}${s}}`),
  anyToken,
);
const bodyMember = fc.oneof(
  { weight: 3, arbitrary: stringToken.map((v) => `"SyncSessionToken":${v}`) },
  { weight: 2, arbitrary: stringToken.map((v) => `"DeviceId":${v}`) },
  { weight: 5, arbitrary: fc.tuple(fc.array(patch, { maxLength: 4 }), ws).map(([ps, s]) => `"RecordPatches":${s}[${s}${join(ps, s)}${s}]`) },
  { weight: 1, arbitrary: anyToken.map((v) => `"RecordPatches":${v}`) },
  { weight: 1, arbitrary: anyToken.map((v) => `"Other":${v}`) },
);
const nearMissBody = fc
  .tuple(fc.array(bodyMember, { maxLength: 4 }), ws, ws, odd(fc.constant(''), fc.constantFrom(' ', 'x', '}', ',')))
  .map(([ms, inner, outer, trailer]) => `${outer}{${inner}${join(ms, inner)}${inner}}${outer}${trailer}`);

/** Bodies as an SDK writes them: JSON.stringify of well-formed patches. */
const plainChar = fc.constantFrom('a', 'Z', '0', ' ', '~', '-', 'é', '😀', '日', '\u2028', '/', '\u007f');
const plainText = fc.array(plainChar, { maxLength: 12 }).map((cs) => cs.join(''));
const sdkBody = fc
  .record({
    SyncSessionToken: fc.option(plainText, { nil: undefined }),
    DeviceId: fc.option(plainText, { nil: undefined }),
    RecordPatches: fc.array(
      fc.record(
        {
          Op: fc.constantFrom('replace', 'remove', 'bogus'),
          Key: plainText,
          Value: plainText,
          SyncCount: fc.integer({ min: -2, max: 2 ** 40 }),
          // Within years 0001-9999: a timestamp outside is refused by the usual path, which the reader leaves it to.
          DeviceLastModifiedDate: fc.double({ noNaN: true, noDefaultInfinity: true, min: -62_135_596_800, max: 253_402_300_799.999 }),
        },
        { requiredKeys: ['Op', 'Key', 'SyncCount'] },
      ),
      { maxLength: 5 },
    ),
  })
  .map((body) => JSON.stringify(body));

describe('readUpdateRecordsBody', () => {
  test('takes what SDKs send, compact or spaced as the AWS CLI writes it, with the same result as JSON.parse', () => {
    const token = 'tok.en';
    const compact = JSON.stringify({
      SyncSessionToken: token,
      DeviceId: 'dev-1',
      RecordPatches: [
        { Op: 'replace', Key: 'k', Value: 'v é 😀', SyncCount: 0, DeviceLastModifiedDate: 1700000000.123 },
        { Op: 'remove', Key: 'gone', SyncCount: 4 },
        { Op: 'replace', Key: 'empty', Value: '', SyncCount: 12345678901 },
      ],
    });
    const spaced = compact.replace(/([,:])/g, '$1 ').replace(/"Value": "v é 😀"/, '"Value": "v é 😀"');
    for (const body of [compact, spaced, '{}', '{"RecordPatches":[]}', ' { "RecordPatches" : [ ] } ']) {
      assert.ok(compare(body), `taken: ${body}`);
    }
    const fast = readUpdateRecordsBody(Buffer.from(compact))!;
    assert.equal(fast.text, 'unescaped');
    assert.deepEqual(fast.patches[0].valueJson, Buffer.from('"v é 😀"'));
    assert.equal(fast.patches[0].deviceModifiedMs, 1700000000123);
    assert.equal(readUpdateRecordsBody(Buffer.from(JSON.stringify({ RecordPatches: [{ Key: 'k', Value: 'v' }] })))!.text, 'ascii');
  });

  test('declines what it does not read itself (the usual path answers those)', () => {
    const declined = [
      '',
      ' ',
      '{"RecordPatches":[{"Key":"a\\nb"}]}', // an escape
      '{\n"RecordPatches":[]}', // a control byte, even between tokens
      '{"Other":1}',
      '{"DeviceId":"a","DeviceId":"b"}',
      '{"DeviceId":null}',
      '{"RecordPatches":[{"SyncCount":1.0}]}',
      '{"RecordPatches":[{"SyncCount":1e2}]}',
      '{"RecordPatches":[{"SyncCount":"1"}]}',
      '{"RecordPatches":[{"DeviceLastModifiedDate":1e400}]}',
      '{"RecordPatches":[{"DeviceLastModifiedDate":253402300800}]}', // after 9999-12-31
      '{"RecordPatches":[{"SyncCount":01}]}',
      ...['01', '1.', '1.e5', '1e', '1e+', '-', '.5', '+1'].map((n) => `{"RecordPatches":[{"DeviceLastModifiedDate":${n}}]}`),
      '{"RecordPatches":[null]}',
      `{"RecordPatches":[{"Op":"replace","Key":"k","Value":"${'v'.repeat(1048576)}"}]}`,
      '{"RecordPatches":[]} x',
      '[]',
    ];
    for (const body of declined) assert.equal(readUpdateRecordsBody(Buffer.from(body)), undefined, body.slice(0, 80));
    assert.equal(readUpdateRecordsBody(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), undefined, 'invalid UTF-8');
  });

  test('property: SDK-shaped bodies are taken and decided exactly as JSON.parse decides them', () => {
    fc.assert(fc.property(sdkBody, (body) => assert.ok(compare(body))), { numRuns: 2000 });
  });

  test('property: near-miss bodies are declined or decided exactly as JSON.parse decides them', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(nearMissBody, (body) => {
        runs++;
        if (compare(body)) taken++;
      }),
      { numRuns: 6000 },
    );
    assert.ok(taken > runs / 10, `the reader took only ${taken} of ${runs} bodies: the property would prove little`);
  });

  test('property: record JSON from the reader’s bytes equals record JSON from the parsed strings', () => {
    const tail = ',"SyncCount":2,"LastModifiedDate":1700000000,"LastModifiedBy":"ünï"';
    fc.assert(
      fc.property(sdkBody, (text) => {
        const body = Buffer.from(text);
        const fast = readUpdateRecordsBody(body)!;
        const slow = (JSON.parse(text) as { RecordPatches: Array<{ Key: string; Value?: string }> }).RecordPatches;
        const viaBytes = encodeRecords(fast.patches.map((p) => ({ key: p.key!, valueJson: p.valueJson })), tail, fast.text);
        const viaStrings = encodeRecords(slow.map((p) => ({ key: p.Key, value: p.Value })), tail, 'any');
        assert.deepEqual(viaBytes.joined, viaStrings.joined);
        assert.deepEqual(viaBytes.records, viaStrings.records);
      }),
      { numRuns: 1000 },
    );
  });
});
