// --query evaluated as the AWS CLI evaluates it (Python's jmespath), where JavaScript JMESPath libraries disagree:
// starts_with, strings ordered by code point (max, min, max_by, min_by, sort, comparisons), sort_by's type error,
// standard-only syntax. Every expected output was printed by `aws cognito-sync list-records` (v1.45, Python
// jmespath 1.1.0) on the same records in the local server; CI has no `aws`, so they are written here.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { compileQuery } from '../../src/commands/output/aws-jmespath.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { op } from './helpers/run.js';

let server: TestServer;
const ids = { IdentityPoolId: `us-east-1:${randomUUID()}`, IdentityId: `us-east-1:${randomUUID()}`, DatasetName: 'queries' };

before(async () => {
  server = await startTestServer({ inMemory: true });
  const keys = ['ab-ab', 'abc', 'Zed', 'apple', 'épée'];
  const written = await op(server.url, 'UpdateRecords', {
    ...ids,
    RecordPatches: keys.map((key, i) => `Op=replace,Key=${key},Value=${i + 1},SyncCount=0`),
  });
  assert.equal(written.code, 0, written.err);
});
after(async () => server.close());

const list = (query: string, output: 'json' | 'text' | 'table' = 'json') => op(server.url, 'ListRecords', ids, { globals: { query, output } });

/** [expression, what `aws … --output json` printed, what `--output text` printed] */
const AWS_CLI_PRINTED: Array<[string, string, string]> = [
  // jmespath.js kept a key only when the prefix did not appear again later in it.
  ["Records[?starts_with(Key, 'ab')].Key", '[\n    "ab-ab",\n    "abc"\n]\n', 'ab-ab\tabc\n'],
  // Code point order, not localeCompare: "Zed" < "ab-ab" < "épée".
  ['max(Records[].Key)', '"épée"\n', 'épée\n'],
  ['min(Records[].Key)', '"Zed"\n', 'Zed\n'],
  // String keys: jmespath.js and the community library both answered null.
  ['max_by(Records, &Key).Key', '"épée"\n', 'épée\n'],
  ['min_by(Records, &Key).Key', '"Zed"\n', 'Zed\n'],
  ['max_by(Records, &SyncCount).SyncCount', '1\n', '1\n'],
  ['sort(Records[].Key)', '[\n    "Zed",\n    "ab-ab",\n    "abc",\n    "apple",\n    "épée"\n]\n', 'Zed\tab-ab\tabc\tapple\tépée\n'],
  [
    'sort_by(Records, &Key)[].[Key, Value]',
    '[\n    [\n        "Zed",\n        "3"\n    ],\n    [\n        "ab-ab",\n        "1"\n    ],\n    [\n        "abc",\n        "2"\n    ],\n    [\n        "apple",\n        "4"\n    ],\n    [\n        "épée",\n        "5"\n    ]\n]\n',
    'Zed\t3\nab-ab\t1\nabc\t2\napple\t4\népée\t5\n',
  ],
  // Python's jmespath orders strings with < and > (ISO dates are filtered this way).
  ["Records[?Key > 'b'].Key", '[\n    "épée"\n]\n', 'épée\n'],
  ["Records[?Key < 'a'].Key", '[\n    "Zed"\n]\n', 'Zed\n'],
  // Standard slices take arrays only (the community library slices strings).
  ['Records[0].Key[0:2]', 'null\n', 'None\n'],
  // The legacy literal the CLI still reads.
  ['`foo`', '"foo"\n', 'foo\n'],
  // Python's json.dumps escapes everything outside ASCII.
  ["to_string(Records[?Key == 'épée'].Key)", '"[\\"\\\\u00e9p\\\\u00e9e\\"]"\n', '["\\u00e9p\\u00e9e"]\n'],
];

for (const [expression, json, text] of AWS_CLI_PRINTED) {
  test(`--query ${expression} prints what the AWS CLI prints`, async () => {
    const asJson = await list(expression);
    assert.equal(asJson.err, '');
    assert.equal(asJson.out, json);
    const asText = await list(expression, 'text');
    assert.equal(asText.out, text);
  });
}

/**
 * Floats and raw strings: [expression, what `aws … --output json` printed, `--output text`, `--output table`], by the
 * AWS CLI 1.45.11 on these records. Python keeps int and float apart (avg, to_number('1e2'), a `2.0` literal are
 * floats and print with `.0`; 1e16 and 1e-05 in exponent form), and its lexer keeps a raw string's backslashes except
 * the one before a quote: 'a\\b' is a, two backslashes, b.
 */
const AWS_CLI_PRINTED_FLOATS: Array<[string, string, string, string]> = [
  [
    "avg(Records[].SyncCount)",
    "1.0\n",
    "1.0\n",
    "-------------\n|ListRecords|\n+-----------+\n",
  ],
  [
    "Records[?Key == 'abc' || Key == 'Zed'].{Key: Key, Avg: avg([SyncCount, to_number(Value)])}",
    "[\n    {\n        \"Key\": \"Zed\",\n        \"Avg\": 2.0\n    },\n    {\n        \"Key\": \"abc\",\n        \"Avg\": 1.5\n    }\n]\n",
    "2.0\tZed\n1.5\tabc\n",
    "----------------\n|  ListRecords |\n+------+-------+\n|  Avg |  Key  |\n+------+-------+\n|  2.0 |  Zed  |\n|  1.5 |  abc  |\n+------+-------+\n",
  ],
  [
    "Records[?Key == 'abc'] | [0].[to_number(Value), `2.0`, abs(`-0.0`), `1e16`, `0.00001`, to_number('1e2')]",
    "[\n    2,\n    2.0,\n    0.0,\n    1e+16,\n    1e-05,\n    100.0\n]\n",
    "2\t2.0\t0.0\t1e+16\t1e-05\t100.0\n",
    "-------------\n|ListRecords|\n+-----------+\n|  2        |\n|  2.0      |\n|  0.0      |\n|  1e+16    |\n|  1e-05    |\n|  100.0    |\n+-----------+\n",
  ],
  [
    "to_string([avg(Records[].SyncCount), `1e20`, `-0.0`, `2`, `1.5e300`, `1e-7`])",
    "\"[1.0,1e+20,-0.0,2,1.5e+300,1e-07]\"\n",
    "[1.0,1e+20,-0.0,2,1.5e+300,1e-07]\n",
    "-------------\n|ListRecords|\n+-----------+\n",
  ],
  [
    "sort([`2.0`, `1`, `1.5`])",
    "[\n    1,\n    1.5,\n    2.0\n]\n",
    "1\t1.5\t2.0\n",
    "-------------\n|ListRecords|\n+-----------+\n|  1        |\n|  1.5      |\n|  2.0      |\n+-----------+\n",
  ],
  [
    "{max: max([`1.0`, `0`]), sum: sum([`1.5`, `2.5`]), ceil: ceil(`2.5`), floor: floor(`2.0`), type: type(`1.0`)}",
    "{\n    \"max\": 1.0,\n    \"sum\": 4.0,\n    \"ceil\": 3,\n    \"floor\": 2,\n    \"type\": \"number\"\n}\n",
    "3\t2\t1.0\t4.0\tnumber\n",
    "-------------------------------------------\n|               ListRecords               |\n+------+--------+------+-------+----------+\n| ceil | floor  | max  |  sum  |  type    |\n+------+--------+------+-------+----------+\n|  3   |  2     |  1.0 |  4.0  |  number  |\n+------+--------+------+-------+----------+\n",
  ],
  [
    "Records[?SyncCount == `1.0`] | length(@)",
    "5\n",
    "5\n",
    "-------------\n|ListRecords|\n+-----------+\n",
  ],
  [
    "[`1.0` == `1`, contains(`[1.0]`, `1`), `[1, 2.0]` == `[1.0, 2]`]",
    "[\n    true,\n    true,\n    true\n]\n",
    "True\tTrue\tTrue\n",
    "-------------\n|ListRecords|\n+-----------+\n|  True     |\n|  True     |\n|  True     |\n+-----------+\n",
  ],
  [
    "sort_by(Records, &to_number(Value))[:2].[Key, avg([to_number(Value)])]",
    "[\n    [\n        \"ab-ab\",\n        1.0\n    ],\n    [\n        \"abc\",\n        2.0\n    ]\n]\n",
    "ab-ab\t1.0\nabc\t2.0\n",
    "------------------\n|   ListRecords  |\n+--------+-------+\n|  ab-ab |  1.0  |\n|  abc   |  2.0  |\n+--------+-------+\n",
  ],
  [
    "`[0.0, 0]`",
    "[\n    0.0,\n    0\n]\n",
    "0.0\t0\n",
    "-------------\n|ListRecords|\n+-----------+\n|  0.0      |\n|  0        |\n+-----------+\n",
  ],
  [
    "'a\\\\b'",
    "\"a\\\\\\\\b\"\n",
    "a\\\\b\n",
    "-------------\n|ListRecords|\n+-----------+\n",
  ],
  [
    "['\\'', 'a\\zb', 'a\\\\\\'b', 'a\\\\']",
    "[\n    \"'\",\n    \"a\\\\zb\",\n    \"a\\\\\\\\'b\",\n    \"a\\\\\\\\\"\n]\n",
    "'\ta\\zb\ta\\\\'b\ta\\\\\n",
    "-------------\n|ListRecords|\n+-----------+\n|  '        |\n|  a\\zb     |\n|  a\\\\'b    |\n|  a\\\\      |\n+-----------+\n",
  ],
  [
    "[length('a\\\\b'), length('\\\\')]",
    "[\n    4,\n    2\n]\n",
    "4\t2\n",
    "-------------\n|ListRecords|\n+-----------+\n|  4        |\n|  2        |\n+-----------+\n",
  ],
  [
    "[`\"a\\`b\\`c\"`, not_null(`null`, `3.0`), to_number('inf'), to_number('nan'), `-0.0`]",
    "[\n    \"a`b`c\",\n    3.0,\n    Infinity,\n    NaN,\n    -0.0\n]\n",
    "a`b`c\t3.0\tinf\tnan\t-0.0\n",
    "-------------\n|ListRecords|\n+-----------+\n|  a`b`c    |\n|  3.0      |\n|  inf      |\n|  nan      |\n|  -0.0     |\n+-----------+\n",
  ],
];

for (const [expression, json, text, table] of AWS_CLI_PRINTED_FLOATS) {
  test(`--query ${expression} prints what the AWS CLI prints, in json, text and table`, async () => {
    const asJson = await list(expression);
    assert.equal(asJson.err, '');
    assert.equal(asJson.out, json);
    assert.equal((await list(expression, 'text')).out, text);
    assert.equal((await list(expression, 'table')).out, table);
  });
}

test('a float in a type error is shown as Python shows it, as the AWS CLI does', async () => {
  const r = await list('length(`1.0`)');
  assert.equal(r.code, 255);
  assert.equal(r.err, `\nIn function length(), invalid type for value: 1.0, expected one of: ['string', 'array', 'object'], received: "number"\n`);
});

test('to_number reads strings as Python does: int(), then float(), else null (JavaScript would read "" as 0, "0x10" as 16)', async () => {
  const numbers = { ...ids, DatasetName: 'numbers' };
  const values: Array<[string, string]> = [
    ['a-empty', ''], ['b-space', ' '], ['c-hex', '0x10'], ['d-under', '1_000'], ['e-padded', ' 5 '], ['f-float', '5.5'],
    ['h-word', 'abc'], ['i-dot', '.5'], ['k-neg', '-7'], ['l-bad-under', '1__0'],
  ];
  const written = await op(server.url, 'UpdateRecords', {
    ...numbers,
    RecordPatches: JSON.stringify(values.map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: 0 }))),
  });
  assert.equal(written.code, 0, written.err);
  const r = await op(server.url, 'ListRecords', numbers, { globals: { query: 'Records[].[Key, to_number(Value)]', output: 'text' } });
  // What `aws cognito-sync list-records … --output text` printed for these records.
  const awsPrinted = 'a-empty\tNone\nb-space\tNone\nc-hex\tNone\nd-under\t1000\ne-padded\t5\nf-float\t5.5\nh-word\tNone\ni-dot\t0.5\nk-neg\t-7\nl-bad-under\tNone\n';
  assert.equal(r.out, awsPrinted);
});

test('sort_by on a missing field: the CLI error (the first element shown as Python shows it), exit 255, nothing on stdout', async () => {
  // aws: In function sort_by(), invalid type for value: {'Key': 'Zed', …}, expected one of: ['string', 'number'], received: "null"
  const r = await list('sort_by(Records, &Missing)[].Key');
  assert.equal(r.code, 255, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^\nIn function sort_by\(\), invalid type for value: \{'Key': 'Zed', .*\}, expected one of: \['string', 'number'\], received: "null"\n$/);
});

/** [expression, what `aws cognito-sync list-records … --query EXPRESSION` printed on stderr (exit 255)] */
const AWS_CLI_FUNCTION_ERRORS: Array<[string, string]> = [
  ['length(Records, Count)', 'Expected 1 argument for function length(), received 2'],
  ['merge()', 'Expected at least 1 argument for function merge(), received 0'],
  ['abs(`"x"`)', `In function abs(), invalid type for value: x, expected one of: ['number'], received: "string"`],
  ['contains(`1`, `1`)', `In function contains(), invalid type for value: 1, expected one of: ['array', 'string'], received: "number"`],
  ['max(`[1,"a"]`)', `In function max(), invalid type for value: a, expected one of: ['array-number', 'array-string'], received: "str"`],
  ['max(`[{"a":1}]`)', `In function max(), invalid type for value: {'a': 1}, expected one of: ['array-number', 'array-string'], received: "dict"`],
  ['join(`","`, `[true]`)', `In function join(), invalid type for value: True, expected one of: ['array-string'], received: "bool"`],
  ['avg(`[1, null]`)', `In function avg(), invalid type for value: None, expected one of: ['array-number'], received: "NoneType"`],
  ['keys(`[1, {"a": "b"}]`)', `In function keys(), invalid type for value: [1, {'a': 'b'}], expected one of: ['object'], received: "array"`],
  ['map(&a, `{"a":"é"}`)', `In function map(), invalid type for value: {'a': 'é'}, expected one of: ['array'], received: "object"`],
  ['sum(`[[1, "x"], {"k": null}]`)', `In function sum(), invalid type for value: [1, 'x'], expected one of: ['array-number'], received: "list"`],
  [
    'abs(`["it\'s", "a\\\\b", "q\\"", "both\'\\"", "tab\\tnl\\n"]`)',
    `In function abs(), invalid type for value: ["it's", 'a\\\\b', 'q"', 'both\\'"', 'tab\\tnl\\n'], expected one of: ['number'], received: "array"`,
  ],
  ['abs(`[1.5, 0.0001, 1e-7, -0.5, 123456789.125]`)', `In function abs(), invalid type for value: [1.5, 0.0001, 1e-07, -0.5, 123456789.125], expected one of: ['number'], received: "array"`],
  ['sort_by(`[{"a": 1}, {"a": "x"}]`, &a)', `In function sort_by(), invalid type for value: x, expected one of: ['number'], received: "string"`],
  ['not_null()', 'Expected at least 1 argument for function not_null(), received 0'],
];

for (const [expression, message] of AWS_CLI_FUNCTION_ERRORS) {
  test(`--query ${expression} fails with the CLI's words`, async () => {
    const r = await list(expression);
    assert.equal(r.code, 255, r.err);
    assert.equal(r.out, '');
    assert.equal(r.err, `\n${message}\n`);
  });
}

test("a syntax only the community grammar has (`=` for `==`) is the CLI's lexer error before any request", async () => {
  // The AWS CLI v1 exits 255 here; v2, which cogsync follows, 252. Nothing listens at this endpoint.
  const r = await op('http://127.0.0.1:9', 'ListRecords', ids, { globals: { query: "Records[?Key = 'x']" } });
  assert.equal(r.code, 252, r.err);
  assert.equal(r.err, "\nBad value for --query Records[?Key = 'x']: Bad jmespath expression: Unknown token '=':\nRecords[?Key = 'x']\n             ^\n");
  for (const query of ['$.Records', 'Count + `1`', 'Count * `2`', 'let $c = Count in $c', 'Count ? `1` : `2`']) {
    const refused = await op('http://127.0.0.1:9', 'ListRecords', ids, { globals: { query } });
    assert.equal(refused.code, 252, `${query}: ${refused.err}`);
    assert.match(refused.err, /^\nBad value for --query /);
  }
});

test('a function outside the standard 26 is unknown, as in the CLI', async () => {
  const r = await list('upper(Records[0].Key)');
  assert.equal(r.code, 255);
  assert.equal(r.err, '\nUnknown function: upper()\n');
});

test("a member JavaScript objects inherit (constructor, toString, __proto__) is null, as jmespath.py has it, not a crash", async () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const r = await list(`Records[0].${name}`);
    assert.deepEqual([r.code, r.err, r.out], [0, '', 'null\n'], name);
    assert.equal((await list(`Records[0].["${name}"]`)).out, '[\n    null\n]\n', name);
  }
  assert.equal((await list('Records[0].Key')).code, 0);
});

// Values no record in the server holds; the expected answers are Python jmespath 1.1.0's.
test('numbers sort as numbers, strings past U+FFFF by code point, equal sort_by keys keep their order', () => {
  const search = (expression: string, data: unknown = null) => compileQuery(expression).search(data as never);
  assert.deepEqual(search('sort(`[10, 9, 1, 2.5, -3]`)'), [-3, 1, 2.5, 9, 10]);
  assert.deepEqual(search('[max(`[10, 9]`), min(`[10, 9]`)]', {}), [10, 9]);
  assert.equal(search('[max(`[10, 9]`)]'), null); // a multi-select of nothing is null
  const astral = ['\uff01', '\u{1F600}', 'a', '\ue000'];
  assert.deepEqual(search('sort(@)', astral), ['a', '\ue000', '\uff01', '\u{1F600}']);
  assert.equal(search('max(@)', astral), '\u{1F600}');
  assert.deepEqual(search("[?@ > '\uffff']", astral), ['\u{1F600}']);
  const dup = [{ k: 'b', i: 1 }, { k: 'a', i: 2 }, { k: 'b', i: 3 }, { k: 'a', i: 4 }];
  assert.deepEqual(search('sort_by(@, &k)[].i', dup), [2, 4, 1, 3]);
  assert.deepEqual(search('[min_by(@, &k).i, max_by(@, &k).i]', dup), [2, 1]);
  assert.equal(search('min_by(`[]`, &k)'), null);
});
