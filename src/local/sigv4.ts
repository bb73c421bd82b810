// AWS Signature Version 4 verification for `cogsync serve --auth sigv4`: the server knows
// one access key id and its secret, rebuilds the canonical request from what arrived on
// the wire, derives the signing key (HMAC chain over date, region, service) and compares
// signatures in constant time. Any region is accepted; the service in the credential
// scope must be the one the route belongs to (`cognito-sync` / `cognito-identity`).
//
// The canonical form follows the signers people use, so they verify byte for byte:
// - JS SDK v3 (@smithy/signature-v4): path segments normalised (empty, `.` and `..`
//   removed) and URI-encoded AGAIN (the wire path is already encoded once); query names
//   and values decoded, re-encoded, sorted by name; header values with runs of spaces
//   and tabs collapsed; the payload hash from `x-amz-content-sha256` when sent.
// - botocore: the same path rule; its query string is already in canonical encoding, so
//   decoding and re-encoding it gives the same text.
// - Header values that are not ASCII (`x-amz-Client-Context: é😀`): clients sign the TEXT (the
//   canonical request is hashed as its UTF-8) and send its UTF-8 bytes; Node hands those bytes
//   over as a latin1 string, so the canonical request is hashed over the bytes as they arrived,
//   never over the UTF-8 of that latin1 string. botocore also folds Unicode spaces (U+00A0,
//   U+3000…) into one ASCII space in what it signs (Python's `str.split()`) where the JS SDK
//   folds only spaces and tabs, so a UTF-8 value with such spaces is tried in botocore's form too.
// Pure: no HTTP objects, no clock of its own (the caller passes `now`).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses a request whose signing time is more than 15 minutes off its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigV4Key {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The request as it arrived: the raw (still percent-encoded) path and query. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  /** Without the leading `?`; '' when there is none. */
  rawQuery: string;
  /** Node's header object: names lower-cased, repeated headers joined or listed. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface VerifyOptions {
  key: SigV4Key;
  /** The SigV4 service name this route belongs to. */
  service: string;
  /** Epoch milliseconds. */
  now: number;
  maxSkewMs?: number;
}

export type VerifyResult =
  | { ok: true; region: string; accessKeyId: string }
  /** `reason` is safe to send back: it never holds the secret or the expected signature. */
  | { ok: false; reason: string };

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Verifies the `Authorization` header of `request`. */
export function verifySigV4(request: SignedRequest, options: VerifyOptions): VerifyResult {
  const authorization = singleHeader(request.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    return fail('Request is missing Authentication Token');
  }
  const parsed = parseAuthorization(authorization);
  if (typeof parsed === 'string') return fail(parsed);

  const amzDate = singleHeader(request.headers, 'x-amz-date');
  if (amzDate === undefined) return fail("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return fail(`X-Amz-Date '${clip(amzDate)}' is not a date in the form YYYYMMDDTHHMMSSZ.`);
  if (!parsed.signedHeaders.includes('host')) return fail("'Host' must be a signed header.");
  if (!parsed.signedHeaders.includes('x-amz-date')) return fail("'X-Amz-Date' must be a signed header.");
  if (parsed.date !== amzDate.slice(0, 8)) {
    return fail(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.date}' != '${amzDate.slice(0, 8)}'`);
  }
  if (parsed.service !== options.service) return fail(`Credential should be scoped to correct service: '${options.service}'.`);

  const skew = options.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  if (signedAt < options.now - skew) {
    return fail(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(options.now - skew)} (${formatAmzDate(options.now)} - 15 min.)`);
  }
  if (signedAt > options.now + skew) {
    return fail(`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(options.now + skew)} (${formatAmzDate(options.now)} + 15 min.)`);
  }
  if (!constantTimeEqual(parsed.accessKeyId, options.key.accessKeyId)) {
    return fail('The security token included in the request is invalid.');
  }

  const bodyHash = sha256Hex(request.body);
  const declaredHash = singleHeader(request.headers, 'x-amz-content-sha256');
  // A declared hash is what the client signed; it must also be the body that arrived.
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    return fail('The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const values: string[] = [];
  for (const name of parsed.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return fail(`Signed header '${clip(name)}' is missing from the request.`);
    values.push(Array.isArray(value) ? value.join(',') : value);
  }
  const head = Buffer.from(`${request.method}\n${canonicalPath(request.rawPath)}\n${canonicalQuery(request.rawQuery)}\n`, 'utf8');
  const tail = Buffer.from(`\n\n${parsed.signedHeaders.join(';')}\n${declaredHash ?? bodyHash}`, 'utf8');
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const key = signingKey(options.key.secretAccessKey, parsed.date, parsed.region, parsed.service);
  const tried = new Set<string>();
  let matched = false;
  // Only a value with bytes above 0x7F can have another form: ASCII requests hash one canonical request.
  const trims = values.some((v) => /[^\u0000-\u007f]/.test(v)) ? HEADER_TRIMS : HEADER_TRIMS.slice(0, 1);
  for (const trim of trims) {
    const lines: Buffer[] = [];
    for (const [i, name] of parsed.signedHeaders.entries()) {
      lines.push(Buffer.concat([Buffer.from(`${i === 0 ? '' : '\n'}${name}:`, 'utf8'), trim(values[i])]));
    }
    const canonicalRequest = Buffer.concat([head, ...lines, tail]);
    const digest = sha256Hex(canonicalRequest);
    if (tried.has(digest)) continue;
    tried.add(digest);
    const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, digest].join('\n');
    // Every distinct form is compared (no early exit), so the time taken does not tell which one matched.
    if (constantTimeEqual(parsed.signature, hmac(key, stringToSign).toString('hex'))) matched = true;
  }
  if (!matched) {
    return fail(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { ok: true, region: parsed.region, accessKeyId: parsed.accessKeyId };
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return key;
}

export function signatureFor(secretAccessKey: string, date: string, region: string, service: string, stringToSign: string): string {
  return hmac(signingKey(secretAccessKey, date, region, service), stringToSign).toString('hex');
}

/**
 * `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-sync/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<64 hex>` → its parts, or a reason it is malformed.
 */
export function parseAuthorization(header: string): ParsedAuthorization | string {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) {
    return `Authorization header must use the ${SIGV4_ALGORITHM} algorithm.`;
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !fields.get(name));
  if (missing.length > 0) return missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ');
  const credential = fields.get('Credential')!.split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request' || credential.some((part) => part === '')) {
    return "Credential must have the form <access key id>/<YYYYMMDD>/<region>/<service>/aws4_request.";
  }
  const [accessKeyId, date, region, service] = credential;
  if (!/^\d{8}$/.test(date)) return `Credential date '${clip(date)}' is not YYYYMMDD.`;
  const signedHeaders = fields.get('SignedHeaders')!.split(';');
  if (signedHeaders.some((name) => !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name))) {
    return 'SignedHeaders must be lower-case header names separated by semicolons.';
  }
  const signature = fields.get('Signature')!;
  if (!/^[0-9a-f]{64}$/.test(signature)) return 'Signature must be 64 lower-case hex digits.';
  return { accessKeyId, date, region, service, signedHeaders, signature };
}

/** The raw path with dot and empty segments removed, each byte URI-encoded once more. */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEscape(normalized).replace(/%2F/g, '/');
}

/** Query pairs decoded, re-encoded the SigV4 way, sorted by name then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    if (decodeLoosely(name).toLowerCase() === 'x-amz-signature') continue;
    pairs.push([uriEscape(decodeLoosely(name)), uriEscape(decodeLoosely(value))]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** RFC 3986 unreserved characters stay; everything else is %XX (upper-case), per UTF-8 byte. */
export function uriEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * A received header value (Node's latin1 string: one character per byte) as the bytes it goes into the canonical
 * request with. A character above U+00FF cannot have come off the wire (a caller handing over text): its UTF-8.
 */
function valueBytes(value: string): Buffer {
  return Buffer.from(value, /[^\u0000-\u00ff]/.test(value) ? 'utf8' : 'latin1');
}

/** The text whose UTF-8 the received bytes are, when they are UTF-8 and not ASCII; else undefined. */
function utf8Text(value: string): string | undefined {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return undefined;
  }
}

/** Python's str.split() whitespace: what botocore's Trimall (`' '.join(value.split())`) folds. */
const PYTHON_SPACE = /[\t\n\v\f\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/**
 * The canonical forms of a header value a signer may have used: the bytes as received with runs of spaces and tabs
 * folded (the SigV4 spec's Trimall, the JS SDK's; the only form for ASCII), then, for UTF-8 text, the text with
 * Unicode spaces folded as botocore folds them.
 */
const HEADER_TRIMS: Array<(value: string) => Buffer> = [
  (value) => valueBytes(canonicalHeaderValue(value)),
  (value) => {
    const text = utf8Text(value);
    if (text === undefined) return valueBytes(canonicalHeaderValue(value));
    return Buffer.from(text.replace(PYTHON_SPACE, ' ').replace(/^ | $/g, ''), 'utf8');
  },
];

/** A malformed escape (`%zz`, a lone `%E2`) is kept as written, as SDKs sign what they send. */
function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `20240102T030405Z` → epoch milliseconds; undefined when malformed or impossible. */
export function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 20240231 over to March: refuse instead.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return ms;
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function sha256Hex(data: string | Buffer): string {
  if (typeof data !== 'string' && data.length === 0) return EMPTY_SHA256;
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Compares without leaking where the first difference is (digests of equal length). */
function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a === b;
}

function singleHeader(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Client text echoed in a reason: short and on one line (the server's errors are JSON anyway). */
function clip(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.length > 64 ? `${flat.slice(0, 64)}...` : flat;
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}
