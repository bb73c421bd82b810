// Upgrading a schema version 1 database (the editor's data folder or a `cogsync serve --db`
// file from an earlier cogsync) in place: version 1 kept one row per record in `records`;
// version 2 keeps one value per dataset in `dataset_records` (record-set.ts). Runs inside
// the caller's transaction, so a failed upgrade leaves the file as it was.
import type Database from 'better-sqlite3';
import { RecordSet, type RecordEntry } from './record-set.js';

/** Moves every record of `records` into `dataset_records` (created by `ddl`), then drops `records`. */
export function migrateFromV1(db: Database.Database, ddl: string): void {
  db.exec(ddl);
  const datasetIds = db.prepare('SELECT DISTINCT dataset_id FROM records ORDER BY dataset_id').pluck().all() as number[];
  // Version 1 ordered keys by their UTF-16BE bytes, which is the code-unit order used now.
  const select = db.prepare('SELECT key_order, sync_count, size, wire FROM records WHERE dataset_id = ? ORDER BY sync_count, key_order').raw();
  const insert = db.prepare('INSERT INTO dataset_records (dataset_id, head, body) VALUES (?, ?, ?)');
  // One dataset at a time, so memory holds at most one dataset's records.
  for (const datasetId of datasetIds) {
    const rows = select.all(datasetId) as Array<[Buffer, number, number, Buffer]>;
    const entries: RecordEntry[] = rows.map(([order, syncCount, size, wire]) => ({ key: keyOfOrder(order), syncCount, size, wire }));
    const set = RecordSet.build(entries);
    insert.run(datasetId, set.head, set.body);
  }
  db.exec('DROP INDEX IF EXISTS records_by_count; DROP TABLE records;');
}

/** A key from version 1's UTF-16BE key_order bytes. */
function keyOfOrder(order: Buffer): string {
  return Buffer.from(order).swap16().toString('utf16le');
}
