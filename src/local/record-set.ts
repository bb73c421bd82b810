// A dataset's records as one immutable value: every record (tombstones too) in ListRecords
// order, by SyncCount then Key in code units. The store keeps one per dataset as a single
// blob (table dataset_records) and caches the decoded value (record-cache.ts).
//
// Why one value and not a row per record: UpdateRecords of 1,024 records cost ~4.7 ms in
// row updates and index maintenance, where one ~1 MB blob is written in ~1.2 ms; and
// ListRecords becomes a slice of bytes already in order, with nothing decoded.
//
// Blob layout (little-endian):
//   u32 count
//   count × { f64 SyncCount, u32 size, u32 wire bytes, u16 key length in UTF-16 code units }
//   every key, concatenated, as UTF-16LE (exact for any string, lone surrogates too)
//   every record's wire JSON (record-wire.ts), comma-joined, in list order
// So a page of records is a subarray of the blob, and loading one decodes only the keys.

/** One record going into a set. */
export interface RecordEntry {
  key: string;
  syncCount: number;
  /** UTF-8 bytes of key + value; 0 for a tombstone. */
  size: number;
  /** The record's wire JSON. */
  wire: Buffer;
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
    /** The stored form; everything else is a view of it or decoded from it. */
    readonly blob: Buffer,
    private readonly keys: string[],
    private readonly counts: number[],
    private readonly sizes: number[],
    /** End of record i in `joined`; it starts one comma after record i - 1 ends. */
    private readonly ends: number[],
    private readonly joined: Buffer,
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
    return this.blob.length + this.keys.length * 64;
  }

  /** The set of `entries`, which must be in list order (compareEntries) with distinct keys. */
  static build(entries: readonly RecordEntry[]): RecordSet {
    const n = entries.length;
    let keyUnits = 0;
    let wireBytes = Math.max(0, n - 1);
    for (const entry of entries) {
      keyUnits += entry.key.length;
      wireBytes += entry.wire.length;
    }
    const keysAt = COUNT_BYTES + n * FIXED_BYTES;
    const joinedAt = keysAt + keyUnits * 2;
    const blob = Buffer.allocUnsafe(joinedAt + wireBytes);
    blob.writeUInt32LE(n, 0);
    const keys: string[] = new Array(n);
    const counts: number[] = new Array(n);
    const sizes: number[] = new Array(n);
    const ends: number[] = new Array(n);
    let at = COUNT_BYTES;
    let end = -1;
    for (let i = 0; i < n; i++) {
      const { key, syncCount, size, wire } = entries[i];
      blob.writeDoubleLE(syncCount, at);
      blob.writeUInt32LE(size, at + 8);
      blob.writeUInt32LE(wire.length, at + 12);
      blob.writeUInt16LE(key.length, at + 16);
      at += FIXED_BYTES;
      keys[i] = key;
      counts[i] = syncCount;
      sizes[i] = size;
      end += 1 + wire.length;
      ends[i] = end;
    }
    blob.write(keys.join(''), keysAt, 'utf16le');
    copyJoined(entries, blob, joinedAt);
    return new RecordSet(blob, keys, counts, sizes, ends, blob.subarray(joinedAt));
  }

  /** The set of entries in any order (sorted here). */
  static fromUnordered(entries: RecordEntry[]): RecordSet {
    return RecordSet.build([...entries].sort(compareEntries));
  }

  /** The set stored as `blob` (made by build). Only the keys are decoded. */
  static decode(blob: Buffer): RecordSet {
    const n = blob.readUInt32LE(0);
    const keysAt = COUNT_BYTES + n * FIXED_BYTES;
    const counts: number[] = new Array(n);
    const sizes: number[] = new Array(n);
    const ends: number[] = new Array(n);
    const keyLengths: number[] = new Array(n);
    let keyUnits = 0;
    let end = -1;
    for (let i = 0, at = COUNT_BYTES; i < n; i++, at += FIXED_BYTES) {
      counts[i] = blob.readDoubleLE(at);
      sizes[i] = blob.readUInt32LE(at + 8);
      end += 1 + blob.readUInt32LE(at + 12);
      ends[i] = end;
      keyLengths[i] = blob.readUInt16LE(at + 16);
      keyUnits += keyLengths[i];
    }
    const joinedAt = keysAt + keyUnits * 2;
    if (blob.length !== joinedAt + Math.max(0, end)) throw new Error('stored records are damaged (lengths do not add up)');
    // One decode for all keys, then slices: far cheaper than a decode per key.
    const allKeys = blob.toString('utf16le', keysAt, joinedAt);
    const keys: string[] = new Array(n);
    for (let i = 0, from = 0; i < n; i++) {
      keys[i] = allKeys.slice(from, from + keyLengths[i]);
      from += keyLengths[i];
    }
    return new RecordSet(blob, keys, counts, sizes, ends, blob.subarray(joinedAt));
  }

  /** The record's SyncCount; 0 when the key has no record (SERVICE.md §3.2). */
  countOf(key: string): number {
    const i = this.positionOf(key);
    return i === undefined ? 0 : this.counts[i];
  }

  /** The record's size (0 for a tombstone or no record). */
  sizeOf(key: string): number {
    const i = this.positionOf(key);
    return i === undefined ? 0 : this.sizes[i];
  }

  entryAt(i: number): RecordEntry {
    return { key: this.keys[i], syncCount: this.counts[i], size: this.sizes[i], wire: this.joined.subarray(this.startOf(i), this.ends[i]) };
  }

  entries(): RecordEntry[] {
    return Array.from({ length: this.length }, (_, i) => this.entryAt(i));
  }

  /**
   * This set after a write: `written` (one SyncCount, above every record here, distinct keys)
   * replaces the records of its keys and goes last, by key.
   */
  withWritten(written: readonly RecordEntry[]): RecordSet {
    const replaced = new Set<string>();
    for (const entry of written) replaced.add(entry.key);
    const entries: RecordEntry[] = [];
    for (let i = 0; i < this.length; i++) if (!replaced.has(this.keys[i])) entries.push(this.entryAt(i));
    // UpdateRecords' patches usually come in key order already; then nothing moves.
    let sorted = true;
    for (let i = 1; i < written.length && sorted; i++) sorted = written[i - 1].key < written[i].key;
    for (const entry of sorted ? written : [...written].sort(compareEntries)) entries.push(entry);
    return RecordSet.build(entries);
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
    const slice: RecordSlice = { records: this.joined.subarray(this.startOf(first), this.ends[last - 1]), count: last - first };
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

/**
 * Writes the entries' wire JSON comma-joined into `target` at `at`. Consecutive entries that
 * already lie in one buffer with a comma between (a kept run of an older set, or a batch
 * encoded by record-wire.ts) go as one copy: those bytes are exactly what would be written.
 */
function copyJoined(entries: readonly RecordEntry[], target: Buffer, at: number): void {
  let run: Uint8Array | undefined; // the run's whole ArrayBuffer, as bytes
  let runStart = 0;
  let runEnd = 0;
  let out = at;
  const flush = () => {
    if (run) out += copyRange(run, runStart, runEnd, target, out);
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

function copyRange(source: Uint8Array, start: number, end: number, target: Buffer, at: number): number {
  target.set(source.subarray(start, end), at);
  return end - start;
}
