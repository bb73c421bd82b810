// A dataset's records as one immutable value: every record (tombstones too) in ListRecords
// order, by SyncCount then Key in code units. The store keeps one per dataset as one row of
// dataset_records and caches the decoded value (record-cache.ts).
//
// Why one value and not a row per record: UpdateRecords of 1,024 records cost ~4.7 ms in
// row updates and index maintenance, where one ~1 MB blob is written in ~1.2 ms; and
// ListRecords becomes a slice of bytes already in order, with nothing decoded.
//
// Stored as two values (little-endian), so that the records of a batch, already encoded
// comma-joined in one buffer (record-wire.ts), can be stored as they are:
//   head: u32 count
//         count × { f64 SyncCount, u32 size, u32 wire bytes, u16 key length in UTF-16 code units }
//         every key, concatenated, as UTF-16LE (exact for any string, lone surrogates too)
//   body: every record's wire JSON, comma-joined, in list order
// A page of records is then a subarray of the body, and loading a set decodes only the keys.

/** One record going into a set. */
export interface RecordEntry {
  key: string;
  syncCount: number;
  /** UTF-8 bytes of key + value; 0 for a tombstone. */
  size: number;
  /** The record's wire JSON. */
  wire: Buffer;
}

/** The records one UpdateRecords writes, as record-wire.ts encoded them: in patch order, comma-joined in one buffer. */
export interface WrittenBatch {
  /** Distinct keys. */
  keys: string[];
  /** Every record of a call is written at the same SyncCount. */
  syncCount: number;
  sizes: number[];
  joined: Buffer;
  /** End of record i in `joined`; it starts one byte (the comma) after record i - 1 ends. */
  ends: Int32Array;
}

/** The batch's records one by one (views of its buffer). */
export function batchEntries({ keys, syncCount, sizes, joined, ends }: WrittenBatch): RecordEntry[] {
  return keys.map((key, i) => ({ key, syncCount, size: sizes[i], wire: joined.subarray(i === 0 ? 0 : ends[i - 1] + 1, ends[i]) }));
}

/** Where a page starts after: (SyncCount, Key). */
export type RecordPosition = [number, string];

export interface RecordSlice {
  /** Wire JSON of the page's records, comma-joined (a view of the set's bytes). */
  records: Buffer;
  count: number;
  /** The page's last record, when more follow it. */
  next?: RecordPosition;
}

const COUNT_BYTES = 4;
const FIXED_BYTES = 18; // f64 SyncCount, u32 size, u32 wire bytes, u16 key units
const COMMA = 0x2c;
/** A body found ready in a batch's buffer is kept only when that buffer is not much bigger. */
const MAX_PINNED_WASTE = 0.25;

/** ListRecords order: SyncCount, then Key by UTF-16 code units (JS string comparison). */
export function compareEntries(a: RecordEntry, b: RecordEntry): number {
  if (a.syncCount !== b.syncCount) return a.syncCount - b.syncCount;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class RecordSet {
  static readonly EMPTY = RecordSet.build([]);

  /** Live (non-tombstone) records. */
  readonly numRecords: number;
  /** UTF-8 bytes of key + value over the live records. */
  readonly dataStorage: number;
  /** Key → position; built on first use (ListRecords never needs it). */
  private index?: Map<string, number>;

  private constructor(
    /** The stored form: head and body (see above). */
    readonly head: Buffer,
    readonly body: Buffer,
    private readonly keys: string[],
    private readonly counts: number[],
    private readonly sizes: number[],
    /** End of record i in `body`; it starts one comma after record i - 1 ends. */
    private readonly ends: Int32Array,
  ) {
    let numRecords = 0;
    let dataStorage = 0;
    for (const size of sizes) {
      if (size > 0) numRecords++;
      dataStorage += size;
    }
    this.numRecords = numRecords;
    this.dataStorage = dataStorage;
  }

  get length(): number {
    return this.keys.length;
  }

  /** Roughly what the set holds in memory, for the cache's budget. */
  get memoryBytes(): number {
    return this.head.length + this.body.buffer.byteLength + this.keys.length * 64;
  }

  /** The set of `entries`, which must be in list order (compareEntries) with distinct keys. */
  static build(entries: readonly RecordEntry[]): RecordSet {
    const n = entries.length;
    const keys: string[] = new Array(n);
    const counts: number[] = new Array(n);
    const sizes: number[] = new Array(n);
    const ends = new Int32Array(n);
    let end = -1;
    for (let i = 0; i < n; i++) {
      const { key, syncCount, size, wire } = entries[i];
      keys[i] = key;
      counts[i] = syncCount;
      sizes[i] = size;
      end += 1 + wire.length;
      ends[i] = end;
    }
    const bodyBytes = Math.max(0, end);
    // A whole batch written at once is usually comma-joined in one buffer already.
    const ready = joinedInPlace(entries, bodyBytes);
    const body = ready ?? Buffer.allocUnsafe(bodyBytes);
    if (!ready) copyJoined(entries, body);
    return RecordSet.withHead(keys, counts, sizes, ends, body);
  }

  /**
   * The set of one call's batch alone, when it is in list order: its buffer becomes the body
   * as it is, with no record copied or taken apart (see withBatch).
   */
  private static fromBatch({ keys, syncCount, sizes, joined, ends }: WrittenBatch): RecordSet {
    return RecordSet.withHead(keys, new Array<number>(keys.length).fill(syncCount), sizes, ends, joined);
  }

  /** The set of these columns and body, with its stored head written from them. */
  private static withHead(keys: string[], counts: number[], sizes: number[], ends: Int32Array, body: Buffer): RecordSet {
    const n = keys.length;
    let keyUnits = 0;
    for (const key of keys) keyUnits += key.length;
    const keysAt = COUNT_BYTES + n * FIXED_BYTES;
    const head = Buffer.allocUnsafe(keysAt + keyUnits * 2);
    // A DataView's setters compile to plain stores: ~4x faster than Buffer#writeUInt32LE and kin.
    const view = viewOf(head);
    view.setUint32(0, n, true);
    for (let i = 0, at = COUNT_BYTES, start = 0; i < n; i++, at += FIXED_BYTES) {
      view.setFloat64(at, counts[i], true);
      view.setUint32(at + 8, sizes[i], true);
      view.setUint32(at + 12, ends[i] - start, true);
      view.setUint16(at + 16, keys[i].length, true);
      start = ends[i] + 1;
    }
    head.write(keys.join(''), keysAt, 'utf16le');
    return new RecordSet(head, body, keys, counts, sizes, ends);
  }

  /** The set of entries in any order (sorted here). */
  static fromUnordered(entries: RecordEntry[]): RecordSet {
    return RecordSet.build([...entries].sort(compareEntries));
  }

  /** The set stored as `head` and `body` (made by build). Only the keys are decoded. */
  static decode(head: Buffer, body: Buffer): RecordSet {
    if (head.length < COUNT_BYTES) throw new Error('stored records are damaged (lengths do not add up)');
    const view = viewOf(head);
    const n = view.getUint32(0, true);
    const keysAt = COUNT_BYTES + n * FIXED_BYTES;
    const counts: number[] = new Array(n);
    const sizes: number[] = new Array(n);
    const ends = new Int32Array(n);
    const keyLengths: number[] = new Array(n);
    let keyUnits = 0;
    let end = -1;
    if (head.length < keysAt) throw new Error('stored records are damaged (lengths do not add up)');
    for (let i = 0, at = COUNT_BYTES; i < n; i++, at += FIXED_BYTES) {
      counts[i] = view.getFloat64(at, true);
      sizes[i] = view.getUint32(at + 8, true);
      end += 1 + view.getUint32(at + 12, true);
      ends[i] = end;
      keyLengths[i] = view.getUint16(at + 16, true);
      keyUnits += keyLengths[i];
    }
    if (head.length !== keysAt + keyUnits * 2 || body.length !== Math.max(0, end)) throw new Error('stored records are damaged (lengths do not add up)');
    // One decode for all keys, then slices: far cheaper than a decode per key.
    const allKeys = head.toString('utf16le', keysAt);
    const keys: string[] = new Array(n);
    for (let i = 0, from = 0; i < n; i++) {
      keys[i] = allKeys.slice(from, from + keyLengths[i]);
      from += keyLengths[i];
    }
    return new RecordSet(head, body, keys, counts, sizes, ends);
  }

  /** The record's SyncCount; 0 when the key has no record (SERVICE.md §3.2). */
  countOf(key: string): number {
    return this.countAt(this.positionOf(key) ?? -1);
  }

  /** The record's size (0 for a tombstone or no record). */
  sizeOf(key: string): number {
    return this.sizeAt(this.positionOf(key) ?? -1);
  }

  /** countOf for a position from positionsOf. */
  countAt(position: number): number {
    return position < 0 ? 0 : this.counts[position];
  }

  /** sizeOf for a position from positionsOf. */
  sizeAt(position: number): number {
    return position < 0 ? 0 : this.sizes[position];
  }

  /**
   * Where each key's record is (-1: none). A batch usually lists its keys in the set's own
   * order, so each key is first tried right after the previous one found: a batch that
   * does never builds the key index (1,024 inserts, then as many lookups).
   */
  positionsOf(keys: readonly string[]): Int32Array {
    const positions = new Int32Array(keys.length);
    let next = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const at = next < this.keys.length && this.keys[next] === key ? next : (this.positionOf(key) ?? -1);
      positions[i] = at;
      if (at >= 0) next = at + 1;
    }
    return positions;
  }

  entryAt(i: number): RecordEntry {
    return { key: this.keys[i], syncCount: this.counts[i], size: this.sizes[i], wire: this.body.subarray(this.startOf(i), this.ends[i]) };
  }

  entries(): RecordEntry[] {
    return Array.from({ length: this.length }, (_, i) => this.entryAt(i));
  }

  /**
   * This set after a write: `written` (distinct keys, every SyncCount above every record
   * here) replaces the records of its keys and goes last, in list order. `positions`, when
   * the caller has them, are positionsOf the written keys.
   */
  withWritten(written: readonly RecordEntry[], positions = this.positionsOf(written.map((entry) => entry.key))): RecordSet {
    const replaced = new Uint8Array(this.length);
    for (const i of positions) if (i >= 0) replaced[i] = 1;
    const entries: RecordEntry[] = [];
    for (let i = 0; i < this.length; i++) if (!replaced[i]) entries.push(this.entryAt(i));
    // UpdateRecords' patches usually come in key order already; then nothing moves.
    let sorted = true;
    for (let i = 1; i < written.length && sorted; i++) sorted = compareEntries(written[i - 1], written[i]) < 0;
    for (const entry of sorted ? written : [...written].sort(compareEntries)) entries.push(entry);
    return RecordSet.build(entries);
  }

  /**
   * withWritten for one call's batch. A batch that replaces every record here and lists its
   * keys in order (an UpdateRecords of a whole dataset, as the editor and the bench send it)
   * is the new set by itself.
   */
  withBatch(batch: WrittenBatch, positions = this.positionsOf(batch.keys)): RecordSet {
    let replaced = 0;
    for (const i of positions) if (i >= 0) replaced++;
    let sorted = replaced === this.length;
    for (let i = 1; i < batch.keys.length && sorted; i++) sorted = batch.keys[i - 1] < batch.keys[i];
    return sorted ? RecordSet.fromBatch(batch) : this.withWritten(batchEntries(batch), positions);
  }

  /** This set after several writes, oldest first: a key's latest record wins. */
  withWrites(writes: readonly RecordSet[]): RecordSet {
    const latest = new Map<string, RecordEntry>();
    for (const write of writes) for (const entry of write.entries()) latest.set(entry.key, entry);
    return this.withWritten([...latest.values()]);
  }

  /**
   * Up to `limit` records with SyncCount > floor, or after `after` when that lies above the
   * floor (a cursor at or below it — the dataset was deleted and re-created between pages —
   * starts at the floor).
   */
  page(floor: number, after: RecordPosition | undefined, limit: number): RecordSlice {
    const first = after !== undefined && after[0] > floor ? this.firstAfter(after[0], after[1]) : this.firstAfter(floor);
    const last = Math.min(first + limit, this.length); // exclusive
    if (last <= first) return { records: Buffer.alloc(0), count: 0 };
    const slice: RecordSlice = { records: this.body.subarray(this.startOf(first), this.ends[last - 1]), count: last - first };
    if (last < this.length) slice.next = [this.counts[last - 1], this.keys[last - 1]];
    return slice;
  }

  /** The first position after (syncCount, key), or after every record at syncCount when no key. */
  private firstAfter(syncCount: number, key?: string): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const count = this.counts[mid];
      const before = count < syncCount || (count === syncCount && (key === undefined || this.keys[mid] <= key));
      if (before) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private startOf(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1] + 1;
  }

  private positionOf(key: string): number | undefined {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.keys.length; i++) this.index.set(this.keys[i], i);
    }
    return this.index.get(key);
  }
}

function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * The entries' wire JSON comma-joined when it already lies so in one buffer (a batch
 * encoded by record-wire.ts, in list order), as a view of it; else undefined. Kept only
 * when that buffer is not much bigger than the view, which pins all of it in the cache.
 */
function joinedInPlace(entries: readonly RecordEntry[], bodyBytes: number): Buffer | undefined {
  if (entries.length === 0) return undefined;
  const first = entries[0].wire;
  const last = entries[entries.length - 1].wire;
  if (first.buffer !== last.buffer || last.byteOffset + last.length - first.byteOffset !== bodyBytes) return undefined;
  if (first.buffer.byteLength > bodyBytes * (1 + MAX_PINNED_WASTE)) return undefined;
  const bytes = new Uint8Array(first.buffer);
  for (let i = 1; i < entries.length; i++) {
    const wire = entries[i].wire;
    const previous = entries[i - 1].wire;
    const gap = previous.byteOffset + previous.length;
    if (wire.buffer !== first.buffer || wire.byteOffset !== gap + 1 || bytes[gap] !== COMMA) return undefined;
  }
  return Buffer.from(first.buffer, first.byteOffset, bodyBytes);
}

/**
 * Writes the entries' wire JSON comma-joined into `target`. Consecutive entries that
 * already lie in one buffer with a comma between (a kept run of an older set, or part of a
 * batch) go as one copy: those bytes are exactly what would be written.
 */
function copyJoined(entries: readonly RecordEntry[], target: Buffer): void {
  let run: Uint8Array | undefined; // the run's whole ArrayBuffer, as bytes
  let runStart = 0;
  let runEnd = 0;
  let out = 0;
  const flush = () => {
    if (run) {
      target.set(run.subarray(runStart, runEnd), out);
      out += runEnd - runStart;
    }
  };
  for (let i = 0; i < entries.length; i++) {
    const wire = entries[i].wire;
    if (run && wire.buffer === run.buffer && wire.byteOffset === runEnd + 1 && run[runEnd] === COMMA) {
      runEnd = wire.byteOffset + wire.length;
      continue;
    }
    flush();
    if (i > 0) target[out++] = COMMA;
    run = new Uint8Array(wire.buffer);
    runStart = wire.byteOffset;
    runEnd = wire.byteOffset + wire.length;
  }
  flush();
}
