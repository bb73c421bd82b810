// UpdateRecords' body read straight from its bytes, for the body SDKs send: one object of
// DeviceId, SyncSessionToken and RecordPatches, valid UTF-8, no escape sequence, no control
// byte. Values never become JS strings: each stays a slice of the body, which is already
// the JSON the stored record needs (record-wire.ts). For 1,024 patches of 1 KB that skips
// JSON.parse of 1 MB (and decoding it), 1 MB of strings for the collector, and encoding
// them again: ~2 ms a request, against ~0.5 ms here.
//
// Anything else makes the reader decline (undefined): an escape, a control byte (so also
// newlines between tokens), another member, a duplicate, null, an unexpected type, a
// number JSON.parse would turn into something this reader does not produce, a value
// over the length limit. The caller then parses the body with JSON.parse and runs the
// usual checks, so every body gets exactly the answer it always got.
import { isAscii, isUtf8 } from 'node:buffer';
import { isClientTimestamp } from './body-reader.js';
import { hasControlOrBackslash } from './json-text-scan.js';
import type { PatchText } from './record-wire.js';
import { RULES } from './validation.js';

/** One patch's members as the request gave them (absent ones undefined). */
export interface PatchFields {
  op?: string;
  key?: string;
  value?: string;
  /** Instead of `value`: its JSON string bytes, quotes included, needing no escape. */
  valueJson?: Buffer;
  syncCount?: number;
  deviceModifiedMs?: number;
}

/** UpdateRecords' body members, decoded but not yet validated. */
export interface UpdateRecordsFields {
  deviceId?: string;
  token?: string;
  patches: PatchFields[];
}

export interface UpdateRecordsBody extends UpdateRecordsFields {
  /** What the body's strings are known to be (every one needs no JSON escape). */
  text: PatchText;
}

const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Member names as `"Name"` bytes, by position; within a list no two start with the same letter. */
const names = (...list: string[]): Uint8Array[] => list.map((n) => Buffer.from(`"${n}"`, 'latin1'));
const BODY_MEMBERS = names('DeviceId', 'SyncSessionToken', 'RecordPatches');
const PATCH_MEMBERS = names('Op', 'Key', 'Value', 'SyncCount', 'DeviceLastModifiedDate');
const REPLACE = Buffer.from('"replace"', 'latin1');
const REMOVE = Buffer.from('"remove"', 'latin1');

/** Thrown inside the reader to decline; never escapes it. */
const DECLINE = Symbol('decline');

export function readUpdateRecordsBody(body: Buffer): UpdateRecordsBody | undefined {
  if (hasControlOrBackslash(body)) return undefined;
  // ASCII is valid UTF-8: the usual body needs one of the two scans.
  const ascii = isAscii(body);
  if (!ascii && !isUtf8(body)) return undefined;
  try {
    const fields = new Reader(body, ascii).document();
    return { ...fields, text: ascii ? 'ascii' : 'unescaped' };
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  }
}

function decline(): never {
  throw DECLINE;
}

class Reader {
  private pos = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly ascii: boolean,
  ) {}

  document(): UpdateRecordsFields {
    const fields: UpdateRecordsFields = { patches: [] };
    let seen = 0;
    this.object(() => {
      const which = this.memberName(BODY_MEMBERS);
      if (seen & (1 << which)) decline(); // JSON.parse would keep the last; not worth copying
      seen |= 1 << which;
      if (which === 0) fields.deviceId = this.string();
      else if (which === 1) fields.token = this.string();
      else fields.patches = this.patches();
    });
    this.skipSpaces();
    if (this.pos !== this.bytes.length) decline();
    return fields;
  }

  private patches(): PatchFields[] {
    const patches: PatchFields[] = [];
    this.skipSpaces();
    this.expect(OPEN_BRACKET);
    this.skipSpaces();
    if (this.bytes[this.pos] === CLOSE_BRACKET) {
      this.pos++;
      return patches;
    }
    for (;;) {
      patches.push(this.patch());
      this.skipSpaces();
      const next = this.bytes[this.pos++];
      if (next === CLOSE_BRACKET) return patches;
      if (next !== COMMA) decline();
    }
  }

  /** One patch; the members are read in a loop of their own (object's callback would be a closure per patch). */
  private patch(): PatchFields {
    // Every member present, in the same order, so all patches share one object shape.
    const patch: PatchFields = { op: undefined, key: undefined, value: undefined, valueJson: undefined, syncCount: undefined, deviceModifiedMs: undefined };
    let seen = 0;
    if (!this.openObject()) return patch;
    do {
      const which = this.memberName(PATCH_MEMBERS);
      if (seen & (1 << which)) decline();
      seen |= 1 << which;
      if (which === 0) patch.op = this.operation();
      else if (which === 1) patch.key = this.string();
      else if (which === 2) patch.valueJson = this.valueJson();
      else if (which === 3) patch.syncCount = this.integer();
      else patch.deviceModifiedMs = this.epochMillis();
    } while (this.nextMember());
    return patch;
  }

  /** `{ member (, member)* }` or `{}`; `member` reads a name, the colon and the value. */
  private object(member: () => void): void {
    if (!this.openObject()) return;
    do member();
    while (this.nextMember());
  }

  /** Steps over `{`; false when the object is `{}` (then stepped over whole). */
  private openObject(): boolean {
    this.skipSpaces();
    this.expect(OPEN_BRACE);
    this.skipSpaces();
    if (this.bytes[this.pos] !== CLOSE_BRACE) return true;
    this.pos++;
    return false;
  }

  /** After a member: true at `,` (another follows), false at `}` (the object ended). */
  private nextMember(): boolean {
    this.skipSpaces();
    const next = this.bytes[this.pos++];
    if (next === CLOSE_BRACE) return false;
    if (next !== COMMA) decline();
    this.skipSpaces();
    return true;
  }

  /** Reads `"Name" :` for one of `expected` and returns its position there. */
  private memberName(expected: readonly Uint8Array[]): number {
    const first = this.bytes[this.pos + 1];
    let which = 0;
    while (which < expected.length && expected[which][1] !== first) which++;
    if (which === expected.length || !this.skipToken(expected[which])) decline();
    this.skipSpaces();
    this.expect(COLON);
    this.skipSpaces();
    return which;
  }

  /** Steps over `token` when the bytes at the cursor are exactly it. */
  private skipToken(token: Uint8Array): boolean {
    for (let i = 0; i < token.length; i++) if (this.bytes[this.pos + i] !== token[i]) return false;
    this.pos += token.length;
    return true;
  }

  /** Op's usual values without making a string of them; anything else as read. */
  private operation(): string {
    if (this.skipToken(REPLACE)) return 'replace';
    if (this.skipToken(REMOVE)) return 'remove';
    return this.string();
  }

  /** The string token at the cursor, quotes included; the body holds no backslash, so the next quote ends it. */
  private stringSpan(): [number, number] {
    const start = this.pos;
    if (this.bytes[start] !== QUOTE) decline();
    const close = this.bytes.indexOf(QUOTE, start + 1);
    if (close < 0) decline();
    this.pos = close + 1;
    return [start, close + 1];
  }

  private string(): string {
    const [start, end] = this.stringSpan();
    return this.bytes.toString(this.ascii ? 'latin1' : 'utf8', start + 1, end - 1);
  }

  /** A Value as its JSON bytes. Over the length limit, the usual path says so in its own words. */
  private valueJson(): Buffer {
    const [start, end] = this.stringSpan();
    if (end - start - 2 > RULES.recordValue.max) decline();
    return this.bytes.subarray(start, end);
  }

  /** A JSON integer without fraction or exponent, exactly as JSON.parse reads it. */
  private integer(): number {
    const start = this.pos;
    const negative = this.bytes[this.pos] === MINUS;
    if (negative) this.pos++;
    const digits = this.pos;
    this.skipDigits();
    const count = this.pos - digits;
    if (count === 0 || (count > 1 && this.bytes[digits] === ZERO)) decline();
    const next = this.bytes[this.pos];
    if (next === DOT || next === LOWER_E || next === UPPER_E) decline();
    if (count > 15) return Number(this.bytes.toString('latin1', start, this.pos)); // past 2^53 JSON.parse rounds the same way
    let value = 0;
    for (let i = digits; i < this.pos; i++) value = value * 10 + (this.bytes[i] - ZERO);
    return negative ? -value : value;
  }

  /** A timestamp in epoch seconds, as optEpochMillis takes it; one it would refuse is left to it. */
  private epochMillis(): number {
    const seconds = this.finiteNumber();
    if (!isClientTimestamp(seconds)) decline();
    return Math.round(seconds * 1000);
  }

  /** Any JSON number, converted as JSON.parse converts it; declines on one too large to be finite. */
  private finiteNumber(): number {
    const start = this.pos;
    if (this.bytes[this.pos] === MINUS) this.pos++;
    const digits = this.pos;
    this.skipDigits();
    if (this.pos === digits || (this.pos - digits > 1 && this.bytes[digits] === ZERO)) decline();
    if (this.bytes[this.pos] === DOT) {
      this.pos++;
      const fraction = this.pos;
      this.skipDigits();
      if (this.pos === fraction) decline();
    }
    const e = this.bytes[this.pos];
    if (e === LOWER_E || e === UPPER_E) {
      this.pos++;
      if (this.bytes[this.pos] === PLUS || this.bytes[this.pos] === MINUS) this.pos++;
      const exponent = this.pos;
      this.skipDigits();
      if (this.pos === exponent) decline();
    }
    const value = Number(this.bytes.toString('latin1', start, this.pos));
    if (!Number.isFinite(value)) decline();
    return value;
  }

  private skipDigits(): void {
    while (this.bytes[this.pos] >= ZERO && this.bytes[this.pos] <= NINE) this.pos++;
  }

  private skipSpaces(): void {
    while (this.bytes[this.pos] === SPACE) this.pos++;
  }

  private expect(byte: number): void {
    if (this.bytes[this.pos] !== byte) decline();
    this.pos++;
  }
}
