// UpdateRecords' fast paths must not change a byte: record JSON built without re-escaping
// (record-wire.ts), ASCII bodies decoded as Latin-1, and conditional writes that check
// conflicts while writing (store-records.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeRecords, textOfJsonBody, type RecordText } from '../../src/local/record-wire.js';
import { parseJsonObject } from '../../src/local/http-io.js';
import { Store } from '../../src/local/store.js';
import { findSlot } from '../../src/local/store-datasets.js';
import { listRecordsPage, updateRecords, type PatchInput } from '../../src/local/store-records.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { listRecords, token, where } from '../helpers/fixtures.js';
import { datasetPath, raw } from '../helpers/raw-http.js';
import { apiErrorOf } from '../helpers/api-error.js';

/** Bytes that make JSON strings interesting: controls, quote, backslash, UTF-8 leads, surrogate encodings. */
const byteOfInterest = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.constantFrom(0x00, 0x09, 0x0a, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0xbf, 0xc3, 0xa9, 0xe2, 0x80, 0xa8, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xff),
);
const rawStringBytes = fc.array(byteOfInterest, { maxLength: 24 }).map((bytes) => Buffer.from(bytes));

/** `{"Key":"<a>","Value":"<b>"}` with the bytes put between the quotes as they are. */
function handMadeBody(a: Buffer, b: Buffer): Buffer {
  return Buffer.concat([Buffer.from('{"Key":"'), a, Buffer.from('","Value":"'), b, Buffer.from('"}')]);
}

function parsedOrUndefined(body: Buffer): Record<string, unknown> | undefined {
  try {
    return parseJsonObject(body);
  } catch {
    return undefined;
  }
}

describe('textOfJsonBody', () => {
  test('ASCII, plain UTF-8, a backslash anywhere, invalid UTF-8', () => {
    assert.equal(textOfJsonBody(Buffer.from('{"Key":"k","Value":"v ~\x7f"}')), 'ascii');
    assert.equal(textOfJsonBody(Buffer.from('{"Key":"é","Value":"😀\u2028"}')), 'unescaped');
    assert.equal(textOfJsonBody(Buffer.from('{"Key":"k","Value":"\\u0041"}')), 'any');
    assert.equal(textOfJsonBody(Buffer.from('{"Key":"k","Other":"a\\\\b"}')), 'any');
    assert.equal(textOfJsonBody(Buffer.from([...Buffer.from('{"Key":"'), 0xff, ...Buffer.from('"}')])), 'any');
    assert.equal(textOfJsonBody(Buffer.from([...Buffer.from('{"Key":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')])), 'any', 'an encoded surrogate is not UTF-8');
  });

  test('property: when it is not `any`, every string the body parses to is exactly what JSON.stringify leaves unescaped', () => {
    fc.assert(
      fc.property(rawStringBytes, rawStringBytes, (a, b) => {
        const body = handMadeBody(a, b);
        const parsed = parsedOrUndefined(body);
        const text = textOfJsonBody(body);
        if (!parsed || text === 'any') return;
        for (const s of [parsed.Key, parsed.Value] as string[]) {
          assert.equal(JSON.stringify(s), `"${s}"`);
          if (text === 'ascii') assert.ok(/^[\x20-\x7f]*$/.test(s), 'ascii text has no byte above 0x7f');
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('parseJsonObject reads an ASCII body exactly as UTF-8 decoding would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x20, max: 0x7f }), { maxLength: 40 }), (codes) => {
        const body = Buffer.from(JSON.stringify({ k: String.fromCharCode(...codes) }));
        assert.deepEqual(parseJsonObject(body), JSON.parse(body.toString('utf8')));
      }),
    );
  });
});

describe('encodeRecords', () => {
  const tail = ',"SyncCount":3,"LastModifiedDate":1700000000.5,"LastModifiedBy":"dev"';

  test('each record and the joined list, members in the model order, tombstones without Value', () => {
    const items: RecordText[] = [
      { key: 'a', value: 'x' },
      { key: 'b', deviceModifiedMs: 1704164645678 },
      { key: 'c', value: '' },
      { op: 'remove', key: 'd', value: 'ignored', valueJson: Buffer.from('"ignored"') },
      { op: 'replace', key: 'e' },
    ];
    for (const text of ['ascii', 'unescaped', 'any'] as const) {
      const out = encodeRecords(items, tail, text);
      assert.deepEqual(
        out.records.map((r) => r.toString('utf8')),
        [
          `{"Key":"a","Value":"x"${tail}}`,
          `{"Key":"b"${tail},"DeviceLastModifiedDate":1704164645.678}`,
          `{"Key":"c","Value":""${tail}}`,
          `{"Key":"d"${tail}}`,
          `{"Key":"e","Value":""${tail}}`,
        ],
        text,
      );
      assert.equal(out.joined.toString('utf8'), out.records.map((r) => r.toString('utf8')).join(','));
    }
    assert.equal(encodeRecords([], tail, 'ascii').joined.length, 0);
  });

  test('`any` escapes what JSON must; a non-ASCII writer in the shared tail survives `ascii` text', () => {
    const escaped = encodeRecords([{ key: 'q"\\', value: '\n\u0001\ud800é' }], '', 'any');
    assert.equal(escaped.joined.toString('utf8'), '{"Key":"q\\"\\\\","Value":"\\n\\u0001\\ud800é"}');
    const writer = `,"LastModifiedBy":${JSON.stringify('ünï-😀')}`;
    const out = encodeRecords([{ key: 'k', value: 'v' }], writer, 'ascii');
    assert.deepEqual(JSON.parse(out.joined.toString('utf8')), { Key: 'k', Value: 'v', LastModifiedBy: 'ünï-😀' });
  });

  test('property: for strings a body proves plain, every text form gives the bytes of JSON.stringify', () => {
    fc.assert(
      fc.property(rawStringBytes, rawStringBytes, fc.boolean(), (a, b, tombstone) => {
        const body = handMadeBody(a, b);
        const parsed = parsedOrUndefined(body);
        const text = textOfJsonBody(body);
        if (!parsed) return;
        const item: RecordText = { key: parsed.Key as string, value: tombstone ? undefined : (parsed.Value as string) };
        const expected = Buffer.from(JSON.stringify({ Key: item.key, ...(tombstone ? {} : { Value: item.value }) }).slice(0, -1) + tail + '}');
        assert.deepEqual(encodeRecords([item, item], tail, text).records, [expected, expected]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('conditional writes (store)', () => {
  const ref = { poolId: 'us-east-1:00000000-0000-4000-8000-000000000001', identityId: 'us-east-1:00000000-0000-4000-8000-0000000000a1', datasetName: 'ds' };
  const put = (key: string, value: string, syncCount = 0): PatchInput => ({ op: 'replace', key, value, syncCount });
  const list = (store: Store) => JSON.parse(`[${listRecordsPage(store, ref, 0, 1024).records.toString('utf8')}]`) as Array<Record<string, unknown>>;

  test('a key written at 0 that exists is stale; removing an absent key writes a tombstone', () => {
    const store = new Store({ path: ':memory:' });
    updateRecords(store, ref, [put('a', '1')], 'x');
    assert.equal(apiErrorOf(() => updateRecords(store, ref, [put('b', '1'), put('a', '2')], 'x')).message, 'Current SyncCount for: a is: 1 not: 0');
    assert.deepEqual(list(store).map((r) => r.Key), ['a'], 'b, written before the stale patch, was rolled back');
    updateRecords(store, ref, [{ op: 'remove', key: 'never', syncCount: 0 }], 'x');
    assert.deepEqual(list(store).map((r) => [r.Key, r.SyncCount, 'Value' in r]), [['a', 1, true], ['never', 2, false]]);
    assert.deepEqual([findSlot(store, ref)!.num_records, findSlot(store, ref)!.data_storage], [1, 2]);
  });

  test('a limit found after the writes rolls every record and total back', () => {
    const store = new Store({ path: ':memory:', limits: { recordsPerDataset: 3, bytesPerDataset: 20 } });
    updateRecords(store, ref, [put('a', '12345'), put('b', '1')], 'x');
    const before = { records: list(store), slot: findSlot(store, ref) };
    const bytes = apiErrorOf(() => updateRecords(store, ref, [put('b', '2', 1), put('a', '123456789012345678', 1)], 'x'));
    assert.equal(bytes.message, 'Dataset ds is too large: 21 bytes exceeds the limit of 20');
    const records = apiErrorOf(() => updateRecords(store, ref, [put('c', '1'), put('d', '1')], 'x'));
    assert.equal(records.message, 'Too many records in dataset ds: 4 exceeds the limit of 3');
    assert.deepEqual({ records: list(store), slot: findSlot(store, ref) }, before);
    updateRecords(store, ref, [{ op: 'remove', key: 'a', syncCount: 1 }, put('c', '1'), put('d', '1')], 'x');
    assert.deepEqual([findSlot(store, ref)!.num_records, findSlot(store, ref)!.data_storage], [3, 6]);
  });
});

describe('over HTTP', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  async function rawUpdate(w: ReturnType<typeof where>, body: string, headers: Record<string, string> = {}) {
    const SyncSessionToken = await token(t.sync, w);
    return raw(t.url, {
      method: 'POST',
      path: datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName),
      headers: { 'Content-Type': 'application/json', ...headers },
      body: Buffer.from(body.replace('{', `{"SyncSessionToken":${JSON.stringify(SyncSessionToken)},`), 'utf8'),
    });
  }

  test('a client’s escapes come back in canonical JSON, in the reply and in ListRecords', async () => {
    const w = where();
    const reply = await rawUpdate(
      w,
      '{"RecordPatches":[{"Op":"replace","Key":"k\\u0041","Value":"a\\/b\\u00e9\\n\\ud83d\\ude00\\u001F\\"","SyncCount":0},{"Op":"replace","Key":"plain","Value":"é 😀","SyncCount":0}]}',
    );
    assert.equal(reply.status, 200, reply.text);
    assert.match(reply.text, /^\{"Records":\[\{"Key":"kA","Value":"a\/bé\\n😀\\u001f\\"","SyncCount":1,/);
    assert.match(reply.text, /\{"Key":"plain","Value":"é 😀","SyncCount":1,/);
    const listed = await raw(t.url, { method: 'GET', path: `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records` });
    assert.ok(listed.text.includes('"Key":"kA","Value":"a/bé\\n😀\\u001f\\""'), listed.text);
    const values = (await listRecords(t.sync, w)).Records!.map((r) => [r.Key, r.Value]);
    assert.deepEqual(values, [['kA', 'a/bé\n😀\u001f"'], ['plain', 'é 😀']]);
  });

  test('a plain x-amz-Client-Context sent as UTF-8 (as the AWS CLI does) is the writer as typed; bytes that are not UTF-8 are not used', async () => {
    const w = where();
    // Node's client sends each character of a header string as one byte: these are the UTF-8 bytes of `héllo 😀`.
    const utf8Bytes = Buffer.from('héllo 😀', 'utf8').toString('latin1');
    const reply = await rawUpdate(w, '{"RecordPatches":[{"Op":"replace","Key":"k","Value":"v","SyncCount":0}]}', { 'x-amz-Client-Context': utf8Bytes });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.Records[0].LastModifiedBy, 'héllo 😀');
    const plain = await rawUpdate(w, '{"RecordPatches":[{"Op":"replace","Key":"a","Value":"v","SyncCount":0}]}');
    const notUtf8 = await rawUpdate(w, '{"RecordPatches":[{"Op":"replace","Key":"b","Value":"v","SyncCount":0}]}', { 'x-amz-Client-Context': 'caf\u00e9' });
    assert.equal(notUtf8.json.Records[0].LastModifiedBy, plain.json.Records[0].LastModifiedBy, 'a lone Latin-1 byte: the account id, as with no header');
  });

  test('an ASCII body with a non-ASCII writer from x-amz-Client-Context keeps the writer intact', async () => {
    const w = where();
    const context = Buffer.from(JSON.stringify({ client: { installation_id: 'ünï-😀' } })).toString('base64');
    const reply = await rawUpdate(w, '{"RecordPatches":[{"Op":"replace","Key":"k","Value":"v","SyncCount":0}]}', { 'x-amz-Client-Context': context });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.Records[0].LastModifiedBy, 'ünï-😀');
    assert.equal((await listRecords(t.sync, w)).Records![0].LastModifiedBy, 'ünï-😀');
  });
});
