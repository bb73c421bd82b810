// Reading and writing a dataset's record set (record-set.ts) through the cache, so that the
// cache always equals the database:
// - A write goes to SQLite at once but reaches the cache only when the outermost transaction
//   commits; until then this transaction's reads see it from a log. A rollback (of the whole
//   transaction, or of a nested one's savepoint) drops what it wrote from the log.
// - Another connection (another cogsync process on the same file) may commit at any time.
//   SQLite's data_version changes when it has, so it is checked at the start of each
//   transaction (and before a read outside one), and a change drops the whole cache.
//
// Storage: a dataset's set is one row of dataset_records, plus, after it, the small writes
// since (dataset_record_writes, oldest first). Rewriting a whole 1 MB set to change one
// record costs ~1 ms and 1 MB of WAL; appending the record costs a small row. Once the
// appended writes pass a quarter of the set's bytes, the next write stores the set whole
// again, so loading one stays cheap.
import type Database from 'better-sqlite3';
import { RecordCache } from './record-cache.js';
import { batchEntries, RecordSet, type WrittenBatch } from './record-set.js';

/** Appended writes may reach this share of the set's bytes before it is stored whole. */
const MAX_APPENDED_SHARE = 0.25;

export class RecordSets {
  readonly cache: RecordCache;
  /** Writes of the open transaction, in order; undefined = the dataset's records removed. */
  private log: Array<[number, RecordSet | undefined]> = [];
  /** Bytes of records the open transaction stored (savepoints rolled back included: a measure of WAL growth). */
  private storedBytes = 0;
  private dataVersion: number;
  private readonly versionQuery: Database.Statement;
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly selectWrites: Database.Statement;
  private readonly appendedBytes: Database.Statement;
  private readonly append: Database.Statement;
  private readonly removeWrites: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    cacheBytes?: number,
  ) {
    this.cache = new RecordCache(cacheBytes);
    this.versionQuery = db.prepare('PRAGMA data_version').pluck();
    this.select = db.prepare('SELECT head, body FROM dataset_records WHERE dataset_id = ?').raw();
    this.upsert = db.prepare(
      'INSERT INTO dataset_records (dataset_id, head, body) VALUES (?, ?, ?) ON CONFLICT (dataset_id) DO UPDATE SET head = excluded.head, body = excluded.body',
    );
    this.remove = db.prepare('DELETE FROM dataset_records WHERE dataset_id = ?');
    this.selectWrites = db.prepare('SELECT head, body FROM dataset_record_writes WHERE dataset_id = ? ORDER BY id').raw();
    this.appendedBytes = db.prepare('SELECT coalesce(sum(length(body)), 0) FROM dataset_record_writes WHERE dataset_id = ?').pluck();
    this.append = db.prepare('INSERT INTO dataset_record_writes (dataset_id, head, body) VALUES (?, ?, ?)');
    this.removeWrites = db.prepare('DELETE FROM dataset_record_writes WHERE dataset_id = ?');
    this.dataVersion = this.versionQuery.get() as number;
  }

  /** At the start of an outermost transaction. */
  begin(): void {
    this.log = [];
    this.storedBytes = 0;
    this.dropIfChangedElsewhere();
  }

  /** After the outermost transaction committed: its writes become the cached state. Returns the bytes it stored. */
  commit(): number {
    for (const [datasetId, set] of this.log) {
      if (set) this.cache.set(datasetId, set);
      else this.cache.delete(datasetId);
    }
    this.log = [];
    return this.storedBytes;
  }

  /** After the outermost transaction rolled back: nothing it wrote happened. */
  rollback(): void {
    this.log = [];
  }

  /** Where a nested transaction starts, for rollbackTo. */
  mark(): number {
    return this.log.length;
  }

  /** A nested transaction rolled back to its savepoint: forget what it wrote. */
  rollbackTo(mark: number): void {
    this.log.length = mark;
  }

  /** The dataset's records as of now (this transaction's own writes included). */
  get(datasetId: number): RecordSet {
    if (!this.db.inTransaction) this.dropIfChangedElsewhere();
    for (let i = this.log.length - 1; i >= 0; i--) {
      if (this.log[i][0] === datasetId) return this.log[i][1] ?? RecordSet.EMPTY;
    }
    const cached = this.cache.get(datasetId);
    if (cached) return cached;
    // Not written by this transaction, so what SQLite holds is committed state: safe to cache.
    const set = this.load(datasetId);
    this.cache.set(datasetId, set);
    return set;
  }

  /** Stores the dataset's records whole (inside a transaction). */
  put(datasetId: number, set: RecordSet): void {
    this.requireTransaction();
    this.removeWrites.run(datasetId);
    if (set.length === 0) this.remove.run(datasetId);
    else this.upsert.run(datasetId, set.head, set.body);
    this.storedBytes += set.head.length + set.body.length;
    this.written(datasetId, set);
  }

  /**
   * Stores `current` (the dataset's records now) after `batch` (RecordSet.withBatch's
   * terms, `positions` included), appending the write when it is small next to the set.
   * Returns the new set.
   */
  write(datasetId: number, current: RecordSet, batch: WrittenBatch, positions?: Int32Array): RecordSet {
    const next = current.withBatch(batch, positions);
    const writtenBytes = batch.joined.length + 1; // each record and a comma
    const budget = next.body.length * MAX_APPENDED_SHARE;
    if (current.length === 0 || writtenBytes > budget || (this.appendedBytes.get(datasetId) as number) + writtenBytes > budget) {
      this.put(datasetId, next);
      return next;
    }
    this.requireTransaction();
    const appended = RecordSet.fromUnordered(batchEntries(batch));
    this.append.run(datasetId, appended.head, appended.body);
    this.storedBytes += appended.head.length + appended.body.length;
    this.written(datasetId, next);
    return next;
  }

  /** Removes the dataset's records (inside a transaction). */
  delete(datasetId: number): void {
    this.requireTransaction();
    this.remove.run(datasetId);
    this.removeWrites.run(datasetId);
    this.written(datasetId, undefined);
  }

  private load(datasetId: number): RecordSet {
    const row = this.select.get(datasetId) as [Buffer, Buffer] | undefined;
    if (row === undefined) return RecordSet.EMPTY;
    const base = RecordSet.decode(row[0], row[1]);
    const writes = this.selectWrites.all(datasetId) as Array<[Buffer, Buffer]>;
    return writes.length === 0 ? base : base.withWrites(writes.map(([head, body]) => RecordSet.decode(head, body)));
  }

  private requireTransaction(): void {
    if (!this.db.inTransaction) throw new Error('records are written only inside a store transaction');
  }

  private written(datasetId: number, set: RecordSet | undefined): void {
    // Out of the cache now too: should the transaction end without commit() (one not run by
    // Store.transaction), the next read loads from SQLite instead of trusting a stale entry.
    this.cache.delete(datasetId);
    this.log.push([datasetId, set]);
  }

  private dropIfChangedElsewhere(): void {
    const version = this.versionQuery.get() as number;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.cache.clear();
    }
  }
}
