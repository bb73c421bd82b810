// --query: a JMESPath expression over the answer as the CLI prints it, then --output as usual; a bad expression is a
// usage error before any request. Against the real local server through the real SDK.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { op } from './helpers/run.js';

let server: TestServer;
const ids = { IdentityPoolId: `us-east-1:${randomUUID()}`, IdentityId: `us-east-1:${randomUUID()}`, DatasetName: 'settings' };

before(async () => {
  server = await startTestServer({ inMemory: true });
  const written = await op(server.url, 'UpdateRecords', {
    ...ids,
    RecordPatches: ['Op=replace,Key=theme,Value=dark,SyncCount=0', 'Op=replace,Key=lang,Value=en,SyncCount=0', 'Op=replace,Key=size,Value=M,SyncCount=0'],
  });
  assert.equal(written.code, 0, written.err);
});
after(async () => server.close());

const list = (query: string, output?: string) => op(server.url, 'ListRecords', ids, { globals: { query, output } });

test('--query picks from the answer; json keeps JSON', async () => {
  const keys = await list('Records[].Key');
  assert.equal(keys.code, 0, keys.err);
  assert.deepEqual(keys.json<string[]>().sort(), ['lang', 'size', 'theme']);
  const one = await list("Records[?Key=='theme'].Value | [0]");
  assert.equal(one.out, '"dark"\n');
  const counts = await list('{count: Count, sync: DatasetSyncCount}');
  assert.deepEqual(counts.json(), { count: 3, sync: 1 });
});

test('--query with --output text prints the picked values tab-separated, as the AWS CLI', async () => {
  const r = await list('sort(Records[].Key)', 'text');
  assert.equal(r.out, 'lang\tsize\ttheme\n');
  const pairs = await list('sort_by(Records, &Key)[].[Key, Value]', 'text');
  assert.equal(pairs.out, 'lang\ten\nsize\tM\ntheme\tdark\n');
});

test('timestamps are queried as the CLI prints them (ISO 8601)', async () => {
  const r = await list('Records[0].LastModifiedDate');
  assert.match(r.json<string>(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
});

test('a bad expression: the AWS CLI message and exit 252, before any request', async () => {
  // Nothing listens at this endpoint: a request would fail with EndpointUnreachable (255) instead.
  const r = await op('http://127.0.0.1:9', 'ListRecords', ids, { globals: { query: 'Records[' } });
  assert.equal(r.code, 252, r.err);
  assert.equal(r.out, '');
  assert.equal(r.err, '\nBad value for --query Records[: Invalid jmespath expression: Incomplete expression:\n"Records["\n         ^\n'); // the AWS CLI's
});
