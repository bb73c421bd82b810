// The AWS CLI shorthand syntax. The expected values of the `--record-patches` table were
// cross-checked against `aws cognito-sync update-records --debug` (awscli 1.45): the same
// words produce the same request body.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ParamError, ParamValidationError } from '../../src/commands/errors.js';
import { getShape } from '../../src/commands/model/service-model.js';
import { unpackOption } from '../../src/commands/params/unpack.js';
import { validateParams } from '../../src/commands/params/validate.js';
import { errorLocation, parseShorthand, ShorthandSyntaxError } from '../../src/commands/shorthand.js';
import { sanitizeMultiline } from '../../src/util/sanitize.js';

const dir = mkdtempSync(join(tmpdir(), 'cogsync-shorthand-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** What update-records would send for these `--record-patches` words (timestamps as epoch seconds). */
function recordPatches(words: string[]): unknown {
  const value = unpackOption('--record-patches', 'RecordPatches', 'RecordPatchList', words);
  const params = validateParams(getShape('UpdateRecordsRequest'), {
    IdentityPoolId: 'us-east-1:a',
    IdentityId: 'us-east-1:b',
    DatasetName: 'd',
    SyncSessionToken: 't',
    RecordPatches: value,
  });
  return (params.RecordPatches as Array<Record<string, unknown>>).map((p) =>
    p.DeviceLastModifiedDate instanceof Date ? { ...p, DeviceLastModifiedDate: p.DeviceLastModifiedDate.getTime() / 1000 } : p,
  );
}

const r = (Key: string, Value: string | undefined, SyncCount: number, extra: object = {}) =>
  Value === undefined ? { Op: 'remove', Key, SyncCount, ...extra } : { Op: 'replace', Key, Value, SyncCount, ...extra };

const valid: Array<[string, string[], unknown[]]> = [
  ['plain', ['Op=replace,Key=k,Value=v,SyncCount=0'], [r('k', 'v', 0)]],
  ['escaped commas in key and value', ['Op=replace,Key=a\\,b,Value=v\\,w,SyncCount=1'], [r('a,b', 'v,w', 1)]],
  ['= inside a value', ['Op=replace,Key=k,Value=a=b=c,SyncCount=0'], [r('k', 'a=b=c', 0)]],
  ['spaces inside a value', ['Op=replace,Key=k,Value=hello world,SyncCount=0'], [r('k', 'hello world', 0)]],
  ['trailing spaces trimmed', ['Op=replace,Key=k,Value=a b  ,SyncCount=0'], [r('k', 'a b', 0)]],
  ['spaces around = and ,', ['Op = replace , Key = k , SyncCount = 2'], [{ Op: 'replace', Key: 'k', SyncCount: 2 }]],
  ['single quotes keep , and =', ["Op=replace,Key='a,b',Value='x=y',SyncCount=0"], [r('a,b', 'x=y', 0)]],
  ['double quotes with escaped quotes, empty quoted value', ['Op=replace,Key="say \\"hi\\"",Value="",SyncCount=0'], [r('say "hi"', '', 0)]],
  ['single-quote escapes: \\\' and \\\\', ["Op=replace,Key='it\\'s',Value='back\\\\slash',SyncCount=0"], [r("it's", 'back\\slash', 0)]],
  ['empty value in the middle', ['Op=replace,Key=k,Value=,SyncCount=0'], [r('k', '', 0)]],
  ['empty value at the end', ['Op=replace,Key=k,SyncCount=0,Value='], [r('k', '', 0)]],
  ['unicode', ['Op=replace,Key=ключ,Value=東京 café,SyncCount=0'], [r('ключ', '東京 café', 0)]],
  ['emoji (the AWS CLI rejects characters past U+FFFF)', ['Op=replace,Key=k,Value=a😀,SyncCount=0'], [r('k', 'a😀', 0)]],
  ['remove without Value', ['Op=remove,Key=k,SyncCount=5'], [r('k', undefined, 5)]],
  ['timestamp ISO 8601 UTC', ['Op=replace,Key=k,Value=v,SyncCount=0,DeviceLastModifiedDate=2024-01-02T03:04:05Z'], [r('k', 'v', 0, { DeviceLastModifiedDate: 1704164645 })]],
  ['timestamp with offset and ms (sent in whole seconds, as botocore)', ['Op=replace,Key=k,Value=v,SyncCount=0,DeviceLastModifiedDate=2024-01-02T03:04:05.250+02:00'], [r('k', 'v', 0, { DeviceLastModifiedDate: 1704157445 })]],
  ['timestamp without zone is UTC', ['Op=replace,Key=k,Value=v,SyncCount=0,DeviceLastModifiedDate=2024-01-02T03:04:05'], [r('k', 'v', 0, { DeviceLastModifiedDate: 1704164645 })]],
  ['timestamp as epoch seconds', ['Op=replace,Key=k,Value=v,SyncCount=0,DeviceLastModifiedDate=1700000000'], [r('k', 'v', 0, { DeviceLastModifiedDate: 1700000000 })]],
  ['backslashes not before a comma are literal', ['Op=replace,Key=k,Value=C:\\dir\\file,SyncCount=0'], [r('k', 'C:\\dir\\file', 0)]],
  ['one patch per shell word', ['Op=replace,Key=k1,Value=1,SyncCount=0', 'Op=remove,Key=k2,SyncCount=3'], [r('k1', '1', 0), r('k2', undefined, 3)]],
  ['JSON list', ['[{"Op":"replace","Key":"k","Value":"v","SyncCount":0}]'], [r('k', 'v', 0)]],
  ['one JSON object per word', ['{"Op":"replace","Key":"k","Value":"v","SyncCount":0}', '{"Op":"remove","Key":"j","SyncCount":1}'], [r('k', 'v', 0), r('j', undefined, 1)]],
  ['quoted brackets and braces', ["Op=replace,Key=k,Value='a[0]',SyncCount=0", 'Op=replace,Key=j,Value=\'{"a":1}\',SyncCount=0'], [r('k', 'a[0]', 0), r('j', '{"a":1}', 0)]],
  ['a doubled comma is tolerated', ['Op=replace,Key=k,,SyncCount=1'], [{ Op: 'replace', Key: 'k', SyncCount: 1 }]],
  ['space after a quoted value', ["Op=replace,Key=k,Value='x' ,SyncCount=0"], [r('k', 'x', 0)]],
  ['signs: a string stays as written, a long is read', ['Op=replace,Key=k,Value=+1,SyncCount=+3'], [r('k', '+1', 3)]],
  ['punctuation in keys and values', ['Op=replace,Key=#/:._-,Value=!#$%&()*+-./:;<>?@^_`|~,SyncCount=0'], [r('#/:._-', '!#$%&()*+-./:;<>?@^_`|~', 0)]],
];

for (const [name, words, expected] of valid) {
  test(`--record-patches: ${name}`, () => assert.deepEqual(recordPatches(words), expected));
}

test('--record-patches file://PATH holding JSON', () => {
  const path = file('patches.json', '[{"Op":"replace","Key":"f","Value":"from file","SyncCount":4}]');
  assert.deepEqual(recordPatches([`file://${path}`]), [r('f', 'from file', 4)]);
});

test('--record-patches file://PATH holding one shorthand word is one object, no list: refused, as the AWS CLI refuses it', () => {
  const path = file('patches.txt', 'Op=remove,Key=g,SyncCount=9');
  assert.throws(() => recordPatches([`file://${path}`]), (e: unknown) =>
    e instanceof ParamValidationError && /^Invalid type for parameter RecordPatches, value: \{"Op":"remove","Key":"g","SyncCount":"9"\}, type: object, valid types: list$/.test(e.problems.join('\n')));
  const list = file('patches.json', '[{"Op":"remove","Key":"g","SyncCount":9}]');
  assert.deepEqual(recordPatches([`file://${list}`]), [r('g', undefined, 9)]);
});

test('Key@=file://PATH reads one value from a file, newlines kept', () => {
  const path = file('value.txt', 'multi\nline value');
  assert.deepEqual(recordPatches([`Op=replace,Key=k,Value@=file://${path},SyncCount=0`]), [r('k', 'multi\nline value', 0)]);
});

const syntax: Array<[string, string]> = [
  ['Op', "Expected: '=', received: 'EOF' for input:\nOp\n  ^"],
  ['Op==replace', "Expected: ',', received: '=' for input:\nOp==replace\n   ^"],
  ['Op=replace,Key=b,Key=c', 'Second instance of key "Key" encountered for input:\nOp=replace,Key=b,Key=c\n                 ^\nThis is often because there is a preceding "," instead of a space.'],
  ["Op=replace,Key='unterminated", "Expected: '<singled quoted>', received: '<none>' for input:\nOp=replace,Key='unterminated\n               ^"],
  ['Op=replace,Key=k,Value={a=b', "Expected: ',', received: 'EOF' for input:\nOp=replace,Key=k,Value={a=b\n                           ^"],
  ['Op=replace,Key=k,Value=[a,b', "Expected: ',', received: 'EOF' for input:\nOp=replace,Key=k,Value=[a,b\n                           ^"],
  ['Op=replace,Key=k,Value=a]b,SyncCount=0', "Expected: ',', received: ']' for input:\nOp=replace,Key=k,Value=a]b,SyncCount=0\n                        ^"],
  [',Op=x', "Expected: '=', received: ',' for input:\n,Op=x\n^"],
  ['Op=replace,Key=k,Value="x"y,SyncCount=0', "Expected: ',', received: 'y' for input:\nOp=replace,Key=k,Value=\"x\"y,SyncCount=0\n                          ^"],
  ['Op=replace,Key=k,Value=😀]', "Expected: ',', received: ']' for input:\nOp=replace,Key=k,Value=😀]\n                         ^"],
];

for (const [input, message] of syntax) {
  test(`malformed shorthand ${JSON.stringify(input)} names the position`, () => {
    assert.throws(
      () => recordPatches([input]),
      (error: unknown) => {
        assert.ok(error instanceof ParamError);
        assert.equal(error.message, `Error parsing parameter '--record-patches': ${message}`);
        assert.equal(error.exitCode, 252);
        return true;
      },
    );
  });
}

const invalid: Array<[string, string[], string | RegExp]> = [
  ['a non-integer SyncCount', ['Op=replace,Key=k,SyncCount=abc'], "Error parsing parameter '--record-patches': Invalid value for RecordPatches[0].SyncCount: expected an integer, received 'abc'"],
  ['a fractional SyncCount', ['Op=replace,Key=k,SyncCount=1.5'], /RecordPatches\[0\]\.SyncCount: expected an integer, received '1\.5'/],
  ['an unknown member', ['Op=replace,Key=k,SyncCount=1,Foo=2'], 'Parameter validation failed:\nUnknown parameter in RecordPatches[0]: "Foo", must be one of: Op, Key, Value, SyncCount, DeviceLastModifiedDate'],
  ['a missing SyncCount', ['Op=replace,Key=k'], 'Parameter validation failed:\nMissing required parameter in RecordPatches[0]: "SyncCount"'],
  ['an unquoted comma list as a value', ['Op=replace,Key=k,Value=a,b,SyncCount=0'], 'Parameter validation failed:\nInvalid type for parameter RecordPatches[0].Value, value: ["a","b"], type: list, valid types: string'],
  ['a nested object as a value', ['Op=replace,Key=k,Value={a=b},SyncCount=0'], /Invalid type for parameter RecordPatches\[0\]\.Value, value: \{"a":"b"\}, type: object/],
  ['an unreadable timestamp', ['Op=replace,Key=k,SyncCount=0,DeviceLastModifiedDate=yesterday'], /Invalid type for parameter RecordPatches\[0\]\.DeviceLastModifiedDate, value: yesterday, type: string, valid types: timestamp/],
  ['an impossible date', ['Op=replace,Key=k,SyncCount=0,DeviceLastModifiedDate=2024-02-30'], /DeviceLastModifiedDate, value: 2024-02-30/],
  ['invalid JSON', ['[{"Op":}]'], /^Error parsing parameter '--record-patches': Invalid JSON: .*\nJSON received: \[\{"Op":\}\]$/],
  ['JSON then shorthand', ['{"Op":"replace","Key":"k","SyncCount":0}', 'Op=remove'], "Error parsing parameter '--record-patches': Invalid JSON:\nOp=remove"],
  ['a JSON string count', ['[{"Op":"replace","Key":"k","SyncCount":"1"}]'], 'Parameter validation failed:\nInvalid type for parameter RecordPatches[0].SyncCount, value: 1, type: string, valid types: integer'],
  ['a missing file', [`file://${join(tmpdir(), 'cogsync-no-such-file.json')}`], /^Error parsing parameter '--record-patches': Unable to load paramfile file:\/\/.*cogsync-no-such-file\.json: no such file$/],
];

for (const [name, words, message] of invalid) {
  test(`--record-patches rejects ${name}`, () => {
    assert.throws(
      () => recordPatches(words),
      (error: unknown) => {
        assert.ok(error instanceof ParamError || error instanceof ParamValidationError, String(error));
        if (typeof message === 'string') assert.equal(error.message, message);
        else assert.match(error.message, message);
        return true;
      },
    );
  });
}

test('every problem is reported at once', () => {
  assert.throws(() => recordPatches(['=x']), {
    message:
      'Parameter validation failed:\n' +
      'Missing required parameter in RecordPatches[0]: "Op"\n' +
      'Missing required parameter in RecordPatches[0]: "Key"\n' +
      'Missing required parameter in RecordPatches[0]: "SyncCount"\n' +
      'Unknown parameter in RecordPatches[0]: "", must be one of: Op, Key, Value, SyncCount, DeviceLastModifiedDate',
  });
});

const raw: Array<[string, unknown]> = [
  ['a=b', { a: 'b' }],
  ['a=b,c', { a: ['b', 'c'] }],
  ['a=b,c,d=e', { a: ['b', 'c'], d: 'e' }],
  ['a=[b,c],d={e=f,g=[h]}', { a: ['b', 'c'], d: { e: 'f', g: ['h'] } }],
  ['a=[]', { a: [] }],
  ['a={}', { a: {} }],
  ['a=[ b , "c,d" ]', { a: ['b', 'c,d'] }],
  ['a=', { a: '' }],
  ['a=,b=c', { a: '', b: 'c' }],
  ['#a/b:c.d-e_f=1', { '#a/b:c.d-e_f': '1' }],
];

for (const [input, expected] of raw) {
  test(`shorthand grammar: ${input}`, () => assert.deepEqual(parseShorthand(input), expected));
}

test('a caret on the right line of a multi-line input', () => {
  assert.equal(errorLocation('a=b,\nc==d', 7), 'a=b,\nc==d\n  ^');
  assert.equal(errorLocation('a==b\nc=d', 2), 'a==b\n  ^\nc=d');
  assert.throws(() => parseShorthand('a=b,\nc==d'), (e: unknown) => e instanceof ShorthandSyntaxError && e.index === 7);
});

test('a caret after control characters stands under the character it names as printed (they are shown escaped: \\t, \\e)', () => {
  const input = 'Op=replace,Key=a\tb\u001b,Value=x';
  const printed = sanitizeMultiline(errorLocation(input, input.indexOf('\u001b')));
  assert.equal(printed, 'Op=replace,Key=a\\tb\\e,Value=x\n                   ^');
  const onSecondLine = sanitizeMultiline(errorLocation('a=b,\n\u0001c==d', 8));
  assert.equal(onSecondLine, 'a=b,\n\\x01c==d\n      ^');
});
