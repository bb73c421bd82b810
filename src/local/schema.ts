// The local server's SQLite schema and how a database file is opened.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { migrateFromV1 } from './schema-v1.js';

export const SCHEMA_VERSION = 2;

// Every record of a dataset (tombstones too) as one value, in ListRecords order, each as its
// wire JSON built once when written (record-set.ts has the layout). UpdateRecords writes
// the whole value again, which costs far less than updating ~1,000 rows and their index;
// ListRecords answers with a slice of it. No row: the dataset has no records. A small
// write into a large dataset is appended to dataset_record_writes instead, until those
// pass a quarter of the value (record-sets.ts).
const DATASET_RECORDS_DDL = `
CREATE TABLE dataset_records (
  dataset_id INTEGER PRIMARY KEY,
  head BLOB NOT NULL,                         -- count, then SyncCount, size, lengths and key of each record
  body BLOB NOT NULL                          -- the records' wire JSON, comma-joined
);

CREATE TABLE dataset_record_writes (
  id INTEGER PRIMARY KEY,                     -- in write order within a dataset
  dataset_id INTEGER NOT NULL,
  head BLOB NOT NULL,                         -- the records written, as in dataset_records
  body BLOB NOT NULL
);
CREATE INDEX dataset_record_writes_by_dataset ON dataset_record_writes (dataset_id, id);
`;

// Times are epoch milliseconds. A "dataset" row is the slot of SERVICE.md §3.1: it outlives
// DeleteDataset so the counter never goes back.
const DDL = `
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  allow_unauthenticated INTEGER NOT NULL,
  definition TEXT NOT NULL DEFAULT '{}',      -- other CreateIdentityPool members, as given (JSON)
  implicit INTEGER NOT NULL DEFAULT 0,        -- created by a Sync write, not CreateIdentityPool
  created_ms INTEGER NOT NULL,
  data_modified_ms INTEGER,
  sync_sessions INTEGER NOT NULL DEFAULT 0,   -- sync session tokens minted
  push_sync TEXT,                             -- JSON
  cognito_streams TEXT,                       -- JSON
  events TEXT NOT NULL DEFAULT '{}',          -- JSON map
  bulk_status TEXT,
  bulk_start_ms INTEGER,
  bulk_complete_ms INTEGER,
  bulk_failure TEXT
);

CREATE TABLE identities (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,               -- identity itself (logins)
  data_modified_ms INTEGER                    -- latest write or delete in its datasets
);
CREATE INDEX identities_by_pool ON identities (pool_id, created_ms, id);

CREATE TABLE logins (
  pool_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  PRIMARY KEY (pool_id, provider, subject)
);
CREATE INDEX logins_by_identity ON logins (identity_id);

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  pool_id TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  name TEXT NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,         -- dataset sync count; never decreases
  deleted_at INTEGER,                         -- counter at the latest DeleteDataset
  present INTEGER NOT NULL DEFAULT 0,         -- the dataset exists now
  created_ms INTEGER,
  modified_ms INTEGER,
  modified_by TEXT,
  num_records INTEGER NOT NULL DEFAULT 0,     -- live records
  data_storage INTEGER NOT NULL DEFAULT 0,    -- UTF-8 bytes of key + value, live records
  merged_from TEXT,                           -- D when this is D.<source identity> after a merge
  UNIQUE (pool_id, identity_id, name)
);
CREATE INDEX datasets_by_identity ON datasets (identity_id, present, name);

${DATASET_RECORDS_DDL}
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  identity_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  token TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  UNIQUE (identity_id, platform, token)
);

CREATE TABLE subscriptions (
  identity_id TEXT NOT NULL,
  dataset_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (identity_id, dataset_name, device_id)
);
`;

export interface OpenedDatabase {
  db: Database.Database;
  /** True when this call created the schema (a new database): the moment to seed. */
  isNew: boolean;
  /** Key for the HMAC of sync session tokens and next tokens; persisted with the data. */
  secret: Buffer;
}

/** Whether a file with no cogsync schema version already holds tables (of another application). */
function hasOtherTables(db: Database.Database): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() !== 0;
}

/**
 * Runs `fn` again while SQLite says the database is busy, for up to 5 s. Two processes switching a new file to WAL at
 * once: one gets SQLITE_BUSY at once, without the busy timeout, which SQLite skips where waiting could deadlock.
 */
function retryWhileBusy<T>(fn: () => T, timeoutMs = 5_000): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return fn();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // a synchronous 20 ms pause
    }
  }
}

/** Opens (creating when needed) the database at `path`, or `:memory:`. */
export function openDatabase(path: string): OpenedDatabase {
  const db = new Database(path);
  try {
    // Takes effect only while the file is still empty. A dataset is one ~1 MB value
    // (dataset_records): committing it rewritten takes ~0.57 ms with 16 KiB pages, ~0.47 ms
    // with 32 KiB and ~0.45 ms with 64 KiB (fewer WAL frames). Every commit also writes the
    // few small pages it touched whole into the WAL: a one-record UpdateRecords (appended,
    // see record-sets.ts) takes ~0.43, ~0.46 and ~0.55 ms. 32 KiB is also what version 1
    // files have.
    // First, so that every statement below waits for another process opening the same file.
    db.pragma('busy_timeout = 5000');
    // Both read in one transaction: a file another process is creating at this moment is then seen before (empty) or
    // after (cogsync's), never with its tables made but its version not yet read as set.
    const [version, foreign] = db.transaction(() => {
      const v = db.pragma('user_version', { simple: true }) as number;
      return [v, v === 0 && hasOtherTables(db)] as const;
    })();
    // Someone else's SQLite file (a mistyped --db): refused before any pragma that writes.
    if (foreign) throw new Error(`database ${path} is not a cogsync local server database (it holds other tables)`);
    db.pragma('page_size = 32768');
    if (path !== ':memory:') retryWhileBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    let isNew = false;
    if (version === 0) {
      // Immediate, and the version read again inside: of two processes creating the file at
      // once, the second waits and then finds the schema there (not new: it does not seed).
      isNew = db.transaction(() => {
        if (db.pragma('user_version', { simple: true }) !== 0) return false;
        db.exec(DDL);
        db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('secret', randomBytes(32).toString('hex'));
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        return true;
      }).immediate();
    } else if (version === 1) {
      db.transaction(() => {
        // Another process may have upgraded the file while this one waited for the lock.
        if (db.pragma('user_version', { simple: true }) !== 1) return;
        migrateFromV1(db, DATASET_RECORDS_DDL);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`database ${path} has schema version ${version}; this cogsync understands version ${SCHEMA_VERSION}`);
    }
    const row = db.prepare("SELECT value FROM meta WHERE name = 'secret'").get() as { value: string } | undefined;
    if (!row) throw new Error(`database ${path} is not a cogsync local server database (no server secret)`);
    return { db, isNew, secret: Buffer.from(row.value, 'hex') };
  } catch (err) {
    db.close();
    throw err;
  }
}
