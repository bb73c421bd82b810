// Wire-level requests for conformance tests: node:http (not fetch) so the path goes out
// byte for byte as written and header names keep the case we give them.
import { request } from 'node:http';
import assert from 'node:assert/strict';

export interface RawResponse {
  status: number;
  /** Header names lower-cased by node. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: percent-encoding is the caller's. */
  path: string;
  headers?: Record<string, string>;
  /** A string or Buffer goes out as is; anything else is JSON-encoded. */
  body?: unknown;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function raw(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  let payload: Buffer | undefined;
  if (req.body !== undefined) {
    payload = Buffer.isBuffer(req.body)
      ? req.body
      : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body), 'utf8');
  }
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (payload) headers['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const r = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on('error', reject);
    if (payload) r.write(payload);
    r.end();
  });
}

/** Percent-encodes one label the way the SDKs do (`:` → %3A, `/` → %2F). */
export const enc = (label: string): string =>
  encodeURIComponent(label).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

export function identityPath(pool: string, identity: string): string {
  return `/identitypools/${enc(pool)}/identities/${enc(identity)}`;
}

export function datasetPath(pool: string, identity: string, dataset: string): string {
  return `${identityPath(pool, identity)}/datasets/${enc(dataset)}`;
}

export function header(res: RawResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** §1.4: every response carries Content-Type application/json and an x-amzn-RequestId uuid. */
export function assertJsonEnvelope(res: RawResponse, contentType = 'application/json'): void {
  const got = (header(res, 'content-type') ?? '(none)').split(';')[0].trim();
  assert.equal(got, contentType, 'Content-Type');
  assert.match(header(res, 'x-amzn-requestid') ?? '(none)', UUID_RE, 'x-amzn-RequestId');
  assert.notEqual(res.json, undefined, `body is JSON: ${res.text.slice(0, 200)}`);
}

/** §1.5: status, bare name in both x-amzn-ErrorType and __type, and (optionally) the exact message. */
export function assertRawError(
  res: RawResponse,
  status: number,
  type: string,
  message?: string | RegExp,
  contentType = 'application/json',
): void {
  assertJsonEnvelope(res, contentType);
  assert.deepEqual(
    { status: res.status, errorType: header(res, 'x-amzn-errortype'), __type: res.json?.__type },
    { status, errorType: type, __type: type },
    `error shape; body: ${res.text.slice(0, 300)}`,
  );
  if (typeof message === 'string') assert.equal(res.json.message, message);
  else if (message) assert.match(res.json.message, message);
}
