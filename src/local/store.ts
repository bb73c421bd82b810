// The store: one SQLite connection, cached prepared statements, and the clock and settings
// the data rules need. The operations live in store-*.ts as functions of a Store, each run
// inside one synchronous transaction, which also serialises every request touching a slot.
import type Database from 'better-sqlite3';
import { RecordSets } from './record-sets.js';
import { openDatabase } from './schema.js';
import { TokenSigner } from './tokens.js';
import { WalFlusher } from './wal-flusher.js';

export interface StoreLimits {
  datasetsPerIdentity: number;
  recordsPerDataset: number;
  bytesPerDataset: number;
}

export const DEFAULT_LIMITS: StoreLimits = { datasetsPerIdentity: 20, recordsPerDataset: 1024, bytesPerDataset: 1048576 };

export interface StoreOptions {
  /** SQLite file, or `:memory:`. */
  path: string;
  accountId?: string;
  tokenTtlSeconds?: number;
  now?: () => number;
  limits?: Partial<StoreLimits>;
  /** Memory for decoded datasets (record-cache.ts); 64 MiB by default. */
  cacheBytes?: number;
}

export class Store {
  readonly db: Database.Database;
  readonly signer: TokenSigner;
  /** True when the database was created by this open. */
  readonly isNew: boolean;
  readonly accountId: string;
  readonly tokenTtlSeconds: number;
  readonly limits: StoreLimits;
  /** Every dataset's records, cached (record-sets.ts). */
  readonly records: RecordSets;
  /** The clock (epoch milliseconds); replaced only inside `withClock`. */
  now: () => number;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly runInTransaction: (fn: () => unknown) => unknown;
  /** Syncs the WAL ahead of SQLite's checkpoints (wal-flusher.ts); none in memory. */
  readonly walFlusher: WalFlusher | undefined;
  /** Rows this connection has changed so far: a transaction that changed none wrote nothing to the WAL. */
  private readonly totalChanges: Database.Statement;
  private changesSeen: number;

  constructor(options: StoreOptions) {
    const opened = openDatabase(options.path);
    this.db = opened.db;
    this.isNew = opened.isNew;
    this.signer = new TokenSigner(opened.secret);
    this.accountId = options.accountId ?? '123456789012';
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 900;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.records = new RecordSets(this.db, options.cacheBytes);
    // SQLite's own name for the file, symbolic links resolved as it resolves them; '' in memory.
    const file = (this.db.pragma('database_list') as Array<{ name: string; file: string }>).find((d) => d.name === 'main')?.file;
    const pageBytes = this.db.pragma('page_size', { simple: true }) as number;
    this.walFlusher = file ? new WalFlusher(`${file}-wal`, pageBytes) : undefined;
    this.totalChanges = this.db.prepare('SELECT total_changes()').pluck();
    this.changesSeen = this.totalChanges.get() as number;
    // IMMEDIATE takes the write lock up front, so a read-then-write never fails half way.
    this.runInTransaction = this.db.transaction((fn: () => unknown) => fn()).immediate;
  }

  /** A prepared statement, compiled once per SQL text. */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Runs `fn` in one transaction: all of it is stored, or (on a throw) none of it. Inside
   * another transaction it is a savepoint of that one. The record cache takes this
   * transaction's writes only once the outermost one has committed.
   */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) {
      const mark = this.records.mark();
      try {
        return this.runInTransaction(fn) as T;
      } catch (err) {
        this.records.rollbackTo(mark);
        throw err;
      }
    }
    let result: T;
    try {
      result = this.runInTransaction(() => {
        this.records.begin();
        return fn();
      }) as T;
    } catch (err) {
      this.records.rollback();
      throw err;
    }
    const storedBytes = this.records.commit();
    if (this.walFlusher) {
      const changes = this.totalChanges.get() as number;
      if (changes !== this.changesSeen) {
        this.changesSeen = changes;
        this.walFlusher.committed(storedBytes);
      }
    }
    return result;
  }

  /** Runs `fn` with another clock (the demo seed spreads its writes over past days). */
  withClock<T>(clock: () => number, fn: () => T): T {
    const saved = this.now;
    this.now = clock;
    try {
      return fn();
    } finally {
      this.now = saved;
    }
  }

  close(): void {
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.walFlusher?.close();
    }
  }
}

/** The region part of a pool or identity id (`us-east-1:…`). */
export function regionOf(id: string): string {
  const colon = id.indexOf(':');
  return colon > 0 ? id.slice(0, colon) : 'us-east-1';
}
