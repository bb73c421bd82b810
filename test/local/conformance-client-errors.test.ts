// SERVICE.md §1.4 / §1.5 for requests node's HTTP parser refuses before any handler runs
// (headers over 16 KiB, a malformed request line or header, bad chunked framing): the
// answer is still an AWS-shaped JSON error with x-amzn-RequestId and x-amzn-ErrorType, not
// node's bare `HTTP/1.1 400 Bad Request` without a body.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { serverBeforeAll } from '../helpers/local-server.js';
import { datasetPath, UUID_RE } from '../helpers/raw-http.js';
import { raw } from '../helpers/raw-http.js';

const t = serverBeforeAll({ inMemory: true });

interface SocketAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Writes `payload` on a fresh connection and reads the answer until the server closes it. */
function onSocket(payload: string): Promise<SocketAnswer> {
  const port = Number(new URL(t.url).port);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(payload));
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => {
      clearTimeout(timer);
      if (chunks.length === 0) reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

function assertJsonError(got: SocketAnswer, status: number): void {
  assert.equal(got.status, status, JSON.stringify(got.body));
  assert.equal(got.headers.get('content-type'), 'application/json');
  assert.match(got.headers.get('x-amzn-requestid') ?? '(none)', UUID_RE);
  const body = JSON.parse(got.body) as { __type: string; message: string };
  assert.equal(got.headers.get('x-amzn-errortype'), body.__type);
  assert.match(body.__type, /^[A-Za-z]+Exception$/);
  assert.equal(typeof body.message, 'string');
  assert.equal(Number(got.headers.get('content-length')), Buffer.byteLength(got.body));
}

describe('§1.4 "Every response, errors included" — also those node answers before a handler', () => {
  test('headers over node\'s 16 KiB (a long x-amz-Client-Context) → 431 as a JSON error', async () => {
    const got = await onSocket(`GET /identitypools HTTP/1.1\r\nHost: x\r\nx-amz-Client-Context: ${'a'.repeat(20_000)}\r\n\r\n`);
    assertJsonError(got, 431);
  });

  test('a malformed header line → 400 as a JSON error', async () => {
    assertJsonError(await onSocket('GET /identitypools HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n'), 400);
  });

  test('bad chunked framing of an UpdateRecords body → 400 as a JSON error, and the server keeps serving', async () => {
    const path = datasetPath('us-east-1:0000', 'us-east-1:0001', 'd');
    assertJsonError(await onSocket(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`), 400);
    const ok = await raw(t.url, { method: 'GET', path: '/identitypools' });
    assert.equal(ok.status, 200);
  });
});
