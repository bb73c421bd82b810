// The wire JSON of the records one UpdateRecords writes, built into one buffer. A record is
// stored and answered as these bytes (schema.ts), so this is the only place a written
// record is serialised.
import { isAscii, isUtf8 } from 'node:buffer';

/**
 * What is known about the text of a batch's keys and values, which decides how they are
 * put into JSON:
 * - `ascii`: ASCII with nothing JSON escapes; each string's bytes are its characters.
 * - `unescaped`: nothing JSON escapes (no `"`, `\`, control character or lone surrogate).
 * - `any`: unknown; every string goes through JSON.stringify.
 * Escaping 1 MB of values costs several times more than copying them, so a request
 * whose strings need none is worth knowing about (see textOfJsonBody).
 */
export type PatchText = 'ascii' | 'unescaped' | 'any';

/**
 * The PatchText of every string JSON.parse took out of `body`. A body that is valid UTF-8
 * and holds no backslash has no escape sequences, so each string is exactly the
 * characters between its quotes: never a quote or backslash, no control characters
 * (JSON.parse refuses them raw), no lone surrogates (valid UTF-8 cannot encode one).
 * That is exactly the text JSON.stringify leaves unescaped. Only valid for a body
 * JSON.parse accepted.
 */
export function textOfJsonBody(body: Buffer): PatchText {
  if (body.indexOf(0x5c) >= 0) return 'any';
  if (isAscii(body)) return 'ascii';
  return isUtf8(body) ? 'unescaped' : 'any';
}

/** One record to encode: a Value (either form) for a replace, none for a tombstone. */
export interface RecordText {
  key: string;
  value?: string;
  /** The Value as JSON string bytes already (quotes included): copied as they are. */
  valueJson?: Buffer;
  /** `,"DeviceLastModifiedDate":…` or empty. */
  deviceTail: string;
}

/** The records of one call: each one's bytes, and all of them comma-joined. */
export interface EncodedRecords {
  records: Buffer[];
  joined: Buffer;
}

const quoted = (text: string): string => `"${text}"`;
const ASCII_TEXT = /^[\x00-\x7f]*$/;

/**
 * `{"Key":…,"Value":…<sharedTail><deviceTail>}` for each record, comma-joined in one
 * allocation, plus a view of each record. `sharedTail` (the members every record of the
 * call shares) must be JSON text already. Members are in the model's order.
 */
export function encodeRecords(items: RecordText[], sharedTail: string, text: PatchText): EncodedRecords {
  const quote = text === 'any' ? JSON.stringify : quoted;
  // The shared tail names the writer, who may come from a header rather than the body.
  const encoding = text === 'ascii' && ASCII_TEXT.test(sharedTail) ? 'latin1' : 'utf8';
  // Each record as text, except a Value given as bytes, which splits it around those bytes;
  // what follows such a Value is the same for most records, so it is encoded once.
  const heads: string[] = new Array(items.length);
  const tails: Array<Buffer | undefined> = new Array(items.length);
  const endings = new Map<string, Buffer>();
  let units = 0;
  let bytes = Math.max(0, items.length - 1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.valueJson !== undefined) {
      heads[i] = `{"Key":${quote(item.key)},"Value":`;
      let ending = endings.get(item.deviceTail);
      if (!ending) {
        ending = Buffer.from(`${sharedTail}${item.deviceTail}}`, encoding);
        endings.set(item.deviceTail, ending);
      }
      tails[i] = ending;
      bytes += item.valueJson.length + ending.length;
    } else {
      const value = item.value === undefined ? '' : `,"Value":${quote(item.value)}`;
      heads[i] = `{"Key":${quote(item.key)}${value}${sharedTail}${item.deviceTail}}`;
    }
    units += heads[i].length;
  }
  // Latin-1 (ASCII here) takes one byte a character; UTF-8 at most three a UTF-16 code unit.
  const buffer = Buffer.allocUnsafe(bytes + (encoding === 'latin1' ? units : units * 3));
  const records: Buffer[] = new Array(items.length);
  let offset = 0;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) buffer[offset++] = 0x2c; // ','
    const start = offset;
    offset += buffer.write(heads[i], offset, encoding);
    const valueJson = items[i].valueJson;
    const ending = tails[i];
    if (valueJson !== undefined && ending !== undefined) {
      // TypedArray#set: Buffer#copy costs several times more per call.
      buffer.set(valueJson, offset);
      offset += valueJson.length;
      buffer.set(ending, offset);
      offset += ending.length;
    }
    records[i] = buffer.subarray(start, offset);
  }
  return { joined: buffer.subarray(0, offset), records };
}
