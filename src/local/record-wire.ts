// The wire JSON of the records one UpdateRecords writes, built into one buffer. A record is
// stored and answered as these bytes (schema.ts), so this is the only place a written
// record is serialised.
import { isAscii, isUtf8 } from 'node:buffer';
import { epochSeconds } from './http-io.js';

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

/**
 * One record to encode: a Value (either form) for a replace, none for a tombstone. A patch
 * (store-records.ts PatchInput) is one as it is, so a batch is encoded without a copy of it.
 */
export interface RecordText {
  /** `remove` makes a tombstone whatever else is set. */
  op?: 'replace' | 'remove';
  key: string;
  value?: string;
  /** The Value as JSON string bytes already (quotes included): copied as they are. */
  valueJson?: Buffer;
  /** DeviceLastModifiedDate in epoch milliseconds, when the client gave one. */
  deviceModifiedMs?: number;
}

/** The records of one call, comma-joined in one buffer. */
export class EncodedRecords {
  constructor(
    readonly joined: Buffer,
    /** End of record i in `joined`; it starts one byte (the comma) after record i - 1 ends. */
    readonly ends: Int32Array,
  ) {}

  /** Each record's bytes, as views of `joined` (made on demand: the usual write never needs them). */
  get records(): Buffer[] {
    return Array.from(this.ends, (end, i) => this.joined.subarray(i === 0 ? 0 : this.ends[i - 1] + 1, end));
  }
}

const KEY_OPEN = Buffer.from('{"Key":', 'latin1');
const VALUE_MEMBER = Buffer.from(',"Value":', 'latin1');
const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * `{"Key":…,"Value":…<sharedTail><deviceTail>}` for each record, comma-joined in one
 * allocation, with where each record ends. `sharedTail` (the members every record of the
 * call shares) must be JSON text already. Members are in the model's order.
 *
 * Written byte by byte rather than built as strings: for 1,024 records of 1 KB that takes
 * ~0.25 ms against ~1 ms for a string per record written with Buffer#write. The short
 * constant pieces and ASCII keys are copied in a loop, which costs less than a call into
 * native code each; values and the shared ending go with TypedArray#set.
 */
export function encodeRecords(items: readonly RecordText[], sharedTail: string, text: PatchText): EncodedRecords {
  // What follows the Value is the same for every record with the same device time.
  const endings = new Map<number | undefined, Buffer>();
  const endingOf = (deviceModifiedMs: number | undefined): Buffer => {
    let ending = endings.get(deviceModifiedMs);
    if (!ending) {
      const deviceTail = deviceModifiedMs === undefined ? '' : `,"DeviceLastModifiedDate":${epochSeconds(deviceModifiedMs)}`;
      ending = Buffer.from(`${sharedTail}${deviceTail}}`, 'utf8');
      endings.set(deviceModifiedMs, ending);
    }
    return ending;
  };
  // Strings JSON.stringify would escape are escaped first; otherwise a string goes in as
  // its characters (ASCII) or its UTF-8 bytes, between quotes.
  const keys: string[] = new Array(items.length);
  const values: Array<string | undefined> = new Array(items.length);
  const valuesJson: Array<Buffer | undefined> = new Array(items.length);
  const itemEndings: Buffer[] = new Array(items.length);
  let bytes = Math.max(0, items.length - 1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const tombstone = item.op === 'remove';
    keys[i] = text === 'any' ? JSON.stringify(item.key) : item.key;
    // A replace always has a Value: an absent one is stored as "" (validation refuses it before).
    const value = tombstone || item.valueJson !== undefined ? undefined : (item.value ?? (item.op === 'replace' ? '' : undefined));
    values[i] = value === undefined ? undefined : text === 'any' ? JSON.stringify(value) : value;
    valuesJson[i] = tombstone ? undefined : item.valueJson;
    itemEndings[i] = endingOf(item.deviceModifiedMs);
    bytes += KEY_OPEN.length + itemEndings[i].length + jsonBytes(keys[i], text);
    if (valuesJson[i] !== undefined) bytes += VALUE_MEMBER.length + valuesJson[i]!.length;
    else if (values[i] !== undefined) bytes += VALUE_MEMBER.length + jsonBytes(values[i]!, text);
  }
  const buffer = Buffer.allocUnsafe(bytes);
  const ends = new Int32Array(items.length);
  let offset = 0;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) buffer[offset++] = COMMA;
    offset = copySmall(KEY_OPEN, buffer, offset);
    offset = writeJsonString(keys[i], text, buffer, offset);
    const valueJson = valuesJson[i];
    const value = values[i];
    if (valueJson !== undefined || value !== undefined) {
      offset = copySmall(VALUE_MEMBER, buffer, offset);
      if (valueJson !== undefined) {
        buffer.set(valueJson, offset);
        offset += valueJson.length;
      } else {
        offset = writeJsonString(value!, text, buffer, offset);
      }
    }
    const ending = itemEndings[i];
    buffer.set(ending, offset);
    offset += ending.length;
    ends[i] = offset;
  }
  if (offset !== bytes) throw new Error(`encodeRecords: wrote ${offset} bytes, expected ${bytes}`);
  return new EncodedRecords(buffer, ends);
}

/** Bytes `writeJsonString` takes for `text` (already escaped when `any`: then quotes included). */
function jsonBytes(text: string, form: PatchText): number {
  if (form === 'ascii') return text.length + 2;
  if (form === 'any') return Buffer.byteLength(text, 'utf8');
  return Buffer.byteLength(text, 'utf8') + 2;
}

/** Writes a JSON string: `text` as JSON already (`any`), or its characters between quotes. */
function writeJsonString(text: string, form: PatchText, target: Buffer, offset: number): number {
  if (form === 'any') return offset + target.write(text, offset, 'utf8');
  target[offset++] = QUOTE;
  if (form === 'ascii' && text.length <= 64) {
    for (let j = 0; j < text.length; j++) target[offset++] = text.charCodeAt(j);
  } else {
    offset += target.write(text, offset, form === 'ascii' ? 'latin1' : 'utf8');
  }
  target[offset++] = QUOTE;
  return offset;
}

function copySmall(piece: Uint8Array, target: Buffer, offset: number): number {
  for (let j = 0; j < piece.length; j++) target[offset++] = piece[j];
  return offset;
}
