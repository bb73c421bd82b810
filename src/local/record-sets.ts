// Reading and writing a dataset's record set (record-set.ts) through the cache, so that the
// cache always equals the database:
// - A write goes to SQLite at once but reaches the cache only when the outermost transaction
//   commits; until then this transaction's reads see it from a log. A rollback (of the whole
//   transaction, or of a nested one's savepoint) drops what it wrote from the log.
// - Another connection (another cogsync process on the same file) may commit at any time.
//   SQLite's data_version changes when it has, so it is checked at the start of each
//   transaction (and before a read outside one), and a change drops the whole cache.
import type Database from 'better-sqlite3';
import { RecordCache } from './record-cache.js';
import { RecordSet } from './record-set.js';

export class RecordSets {
  readonly cache: RecordCache;
  /** Writes of the open transaction, in order; undefined = the dataset's records removed. */
  private log: Array<[number, RecordSet | undefined]> = [];
  private dataVersion: number;
  private readonly versionQuery: Database.Statement;
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

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
    this.dataVersion = this.versionQuery.get() as number;
  }

  /** At the start of an outermost transaction. */
  begin(): void {
    this.log = [];
    this.dropIfChangedElsewhere();
  }

  /** After the outermost transaction committed: its writes become the cached state. */
  commit(): void {
    for (const [datasetId, set] of this.log) {
      if (set) this.cache.set(datasetId, set);
      else this.cache.delete(datasetId);
    }
    this.log = [];
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
    const row = this.select.get(datasetId) as [Buffer, Buffer] | undefined;
    if (row === undefined) return RecordSet.EMPTY;
    const set = RecordSet.decode(row[0], row[1]);
    this.cache.set(datasetId, set);
    return set;
  }

  /** Stores the dataset's records (inside a transaction). */
  put(datasetId: number, set: RecordSet): void {
    this.requireTransaction();
    if (set.length === 0) this.remove.run(datasetId);
    else this.upsert.run(datasetId, set.head, set.body);
    this.written(datasetId, set);
  }

  /** Removes the dataset's records (inside a transaction). */
  delete(datasetId: number): void {
    this.requireTransaction();
    this.remove.run(datasetId);
    this.written(datasetId, undefined);
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
